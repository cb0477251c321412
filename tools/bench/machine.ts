// The machine a benchmark ran on, for the head of BENCHMARKS.md.
import { execFileSync } from 'node:child_process';
import { cpus, release, totalmem } from 'node:os';
import { node24Bin } from '../../test/support/node24.js';

const versionOf = (command: string, args: string[]) => {
  try {
    return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'not found';
  }
};

export function describeMachine(): string {
  const cores = cpus();
  const node24 = versionOf(node24Bin, ['--version']);
  const benchNode = process.version === node24 ? 'the bench process too, autocannon included' : `${process.version} for the bench process, autocannon included`;
  return [
    `- CPU: ${cores.length} x ${cores[0]?.model.trim() ?? 'unknown'}`,
    `- Memory: ${(totalmem() / 2 ** 30).toFixed(0)} GiB; kernel ${release()}`,
    `- Node: ${node24} (generated projects, bare servers, the gRPC load generator; ${benchNode}); npm ${versionOf('npm', ['--version'])}`,
    `- Services: ${versionOf('psql', ['--version'])}; ${versionOf('mariadb', ['--version'])}; ${versionOf('redis-server', ['--version']).replace(/ sha=.*/, '')}`,
  ].join('\n');
}
