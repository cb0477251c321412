// Starts a generated project's process and waits until it answers, for end-to-end probes.
import { execa, type ResultPromise } from 'execa';
import { createServer } from 'node:net';

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
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  let exited = false;
  void child.then(() => (exited = true));
  while (true) {
    if (exited) throw new Error(`${command} ${args.join(' ')} exited before answering:\n${output}`);
    const ok = await fetch(`${url}${options.readyPath ?? '/livez'}`).then((r) => r.ok, () => false);
    if (ok) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${command} ${args.join(' ')} did not answer on ${url} in time:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
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
