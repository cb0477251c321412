// git init + the initial commit, as the user (their configured identity), or as create-groundwork
// when git knows no identity (a fresh CI machine or container), where `git commit` would refuse.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';

export const fallbackIdentity = { name: 'create-groundwork', email: 'create-groundwork@localhost' } as const;

export interface GitResult {
  /** A repository with the initial commit was created. */
  committed: boolean;
  /** Why not, when not: "inside an existing repository", "git is not installed", git's own message. */
  skipped?: string;
  /** The identity fields taken from `fallbackIdentity` because git had none ("user.name", "user.email"). */
  fallback: string[];
}

/** git init + an initial commit. Leaves no .git behind when git is missing or a step fails. */
export async function initGitRepo(projectDir: string, message: string, env: NodeJS.ProcessEnv = process.env): Promise<GitResult> {
  const { execa } = await import('execa');
  const git = (args: string[]) => execa('git', args, { cwd: projectDir, reject: false, stdin: 'ignore', env, extendEnv: false });
  const inside = await git(['rev-parse', '--is-inside-work-tree']);
  if ((inside as { code?: string }).code === 'ENOENT') return { committed: false, skipped: 'git is not installed', fallback: [] };
  if (!inside.failed && inside.stdout.trim() === 'true') return { committed: false, skipped: 'the directory is inside an existing git repository', fallback: [] };

  const init = await git(['init', '-q']);
  if (init.failed) return { committed: false, skipped: firstLine(init.stderr) || 'git init failed', fallback: [] };
  const configured = await git(['config', '--get-regexp', '^user\\.(name|email)$']);
  const has = (key: string) => configured.stdout.split('\n').some((line) => line.startsWith(`${key} `) && line.length > key.length + 1);
  const fallback: string[] = [];
  const identity: string[] = [];
  if (!has('user.name')) {
    fallback.push('user.name');
    identity.push('-c', `user.name=${fallbackIdentity.name}`);
  }
  // Without user.email git takes EMAIL from the environment, which a -c would override.
  if (!has('user.email') && !env.EMAIL) {
    fallback.push('user.email');
    identity.push('-c', `user.email=${fallbackIdentity.email}`);
  }

  for (const args of [['add', '-A'], [...identity, 'commit', '-q', '--no-verify', '-m', message]]) {
    const step = await git(args);
    if (step.failed) {
      await rm(join(projectDir, '.git'), { recursive: true, force: true });
      return { committed: false, skipped: firstLine(step.stderr) || `git ${args.join(' ')} failed`, fallback: [] };
    }
  }
  return { committed: true, fallback };
}

const firstLine = (text: string) => text.trim().split('\n')[0]?.trim() ?? '';
