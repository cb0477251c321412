// Which package manager the user ran us with (npm_config_user_agent), unless --pm says otherwise.
export const packageManagers = ['npm', 'pnpm', 'yarn', 'bun'] as const;
export type PackageManager = (typeof packageManagers)[number];

export function detectPackageManager(userAgent = process.env.npm_config_user_agent): PackageManager {
  const name = userAgent?.split(' ')[0]?.split('/')[0];
  return packageManagers.find((pm) => pm === name) ?? 'npm';
}

/** The command a user types to run a package script. */
export function runScript(pm: PackageManager, script: string): string {
  if (pm !== 'npm') return `${pm} ${script}`;
  return script === 'test' || script === 'start' ? `npm ${script}` : `npm run ${script}`;
}
