// Helpers for end-to-end tests on generated projects.
import { execa } from 'execa';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { node24Env } from './node24.js';

/** Runs a command under Node 24 in a project; throws with the full output when it fails. */
export async function run(command: string, args: string[], cwd: string, env: Record<string, string | undefined> = {}): Promise<string> {
  const result = await execa(command, args, { cwd, env: node24Env(env), all: true, reject: false, stdin: 'ignore' });
  if (result.exitCode !== 0) throw new Error(`${command} ${args.join(' ')} failed in ${cwd} (exit ${result.exitCode}):\n${result.all}`);
  return result.all ?? '';
}

/** The last line of stdout of `npm run token`: a dev JWT. */
export async function devToken(cwd: string, args: string[] = []): Promise<string> {
  const result = await execa('npm', ['run', '--silent', 'token', '--', ...args], { cwd, env: node24Env(), reject: false, stdin: 'ignore' });
  if (result.exitCode !== 0) throw new Error(`npm run token failed:\n${result.stderr}`);
  return result.stdout.trim().split('\n').at(-1)!;
}

/**
 * The command line of a package.json script, run with `exec` so signals reach node itself
 * (npm does not pass SIGTERM on to the script), as a process manager or Docker would run it.
 */
export async function scriptCommand(cwd: string, script: string): Promise<[string, string[]]> {
  const scripts = JSON.parse(await readFile(join(cwd, 'package.json'), 'utf8')).scripts as Record<string, string>;
  if (!scripts[script]) throw new Error(`package.json has no "${script}" script`);
  return ['sh', ['-c', `exec ${scripts[script]}`]];
}

/** POST /v1/notes the way an API client does, with a bearer token when one is given. */
export function postNote(baseUrl: string, note: { title: string; body: string }, token?: string): Promise<Response> {
  const headers = { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) };
  return fetch(`${baseUrl}/v1/notes`, { method: 'POST', headers, body: JSON.stringify(note) });
}
