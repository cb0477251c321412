import { GroundworkError } from '../errors.js';
import type { PackageManager } from './package-manager.js';

/** Installs the project's dependencies; output is kept and shown only if the install fails. */
export async function installDependencies(projectDir: string, pm: PackageManager): Promise<void> {
  const { execa } = await import('execa'); // loaded only when needed: it costs ~70 ms at start
  const result = await execa(pm, ['install'], { cwd: projectDir, all: true, reject: false, stdin: 'ignore' });
  if (result.failed) {
    const tail = (result.all ?? '').trim().split('\n').slice(-15);
    throw new GroundworkError(`${pm} install failed in ${projectDir} (exit ${result.exitCode ?? result.signal}). The project files are in place; fix the cause and run "${pm} install" there.`, tail);
  }
}
