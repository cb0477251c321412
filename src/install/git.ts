
/** git init + an initial commit. Returns false (and leaves no .git) when git is missing or fails. */
export async function initGitRepository(projectDir: string, message: string): Promise<boolean> {
  const { execa } = await import('execa');
  const git = (args: string[]) => execa('git', args, { cwd: projectDir, reject: false, stdin: 'ignore' });
  const inside = await git(['rev-parse', '--is-inside-work-tree']);
  if (!inside.failed && inside.stdout.trim() === 'true') return false; // already part of a repository
  if ((await git(['init', '-q'])).failed) return false;
  const steps = [
    ['add', '-A'],
    ['-c', 'user.name=create-groundwork', '-c', 'user.email=create-groundwork@localhost', 'commit', '-q', '--no-verify', '-m', message],
  ];
  for (const args of steps) if ((await git(args)).failed) return false;
  return true;
}
