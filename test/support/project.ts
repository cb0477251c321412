// Helpers for end-to-end tests on generated projects.
import { execa } from 'execa';
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
