// Starts a generated project's process and waits until it answers, for end-to-end probes.
import { execa, type ResultPromise } from 'execa';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * Polls `url` until it answers 200 (2xx); throws a reason when `exited()` turns true first or
 * `timeoutMs` passes. The caller adds the process' output.
 */
export async function waitUntilAnswering(url: string, exited: () => boolean, { timeoutMs = 60_000, intervalMs = 200 } = {}): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await fetch(url).then((r) => r.ok, () => false))) {
    if (exited()) throw new Error(`exited before answering ${url}`);
    if (Date.now() > deadline) throw new Error(`did not answer ${url} within ${timeoutMs} ms`);
    await sleep(intervalMs);
  }
}

export interface RunningProcess {
  url: string;
  process: ResultPromise;
  output(): string;
  /** SIGTERM and wait; resolves with the exit code. */
  stop(): Promise<number | undefined>;
}

export async function startProcess(
  command: string,
  args: string[],
  options: { cwd: string; env: Record<string, string | undefined>; port: number; readyPath?: string; timeoutMs?: number },
): Promise<RunningProcess> {
  const child = execa(command, args, { cwd: options.cwd, env: options.env, all: true, reject: false, stdin: 'ignore', forceKillAfterDelay: 10_000 });
  let output = '';
  child.all?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${options.port}`;
  let exited = false;
  void child.then(() => (exited = true));
  try {
    await waitUntilAnswering(`${url}${options.readyPath ?? '/livez'}`, () => exited, { timeoutMs: options.timeoutMs });
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${command} ${args.join(' ')} ${(error as Error).message}:\n${output}`);
  }
  return {
    url,
    process: child,
    output: () => output,
    async stop() {
      if (exited) return (await child).exitCode;
      child.kill('SIGTERM');
      const result = await child;
      return result.exitCode;
    },
  };
}
