// `npm run demo`, the README's first command in a clone: generates, installs, builds and serves the
// default project on $PORT, says where, and stops cleanly on SIGTERM to the npm process a user started
// (npm itself does not pass the signal on; the demo script watches for that), leaving nothing listening.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/paths.js';
import { tempDir } from '../support/cli.js';
import { node24Env } from '../support/node24.js';
import { freePort, startProcess } from '../support/server.js';

let work: { path: string; cleanup(): Promise<void> };
beforeAll(async () => {
  work = await tempDir('gw-e2e-demo-');
});
afterAll(() => work?.cleanup());

describe('npm run demo', () => {
  it('serves the default project on PORT, prints the address, and shuts the server down on SIGTERM with the port free again', async () => {
    const port = await freePort();
    const demo = await startProcess('npm', ['run', '--silent', 'demo', '--', join(work.path, 'demo-api')], {
      cwd: packageRoot,
      env: node24Env({ PORT: String(port) }),
      port,
      readyPath: '/readyz',
      timeoutMs: 8 * 60_000,
    });
    expect(demo.output()).toContain(`Listening on http://127.0.0.1:${port} (Ctrl-C stops it).`);
    expect((await fetch(`${demo.url}/metrics`)).status).toBe(200);
    // npm does not pass SIGTERM on to its script: the demo notices that npm is gone and stops the server,
    // which shuts down gracefully (the stream closes only once the server has exited: it holds its end).
    demo.process.kill('SIGTERM');
    await demo.process;
    expect(demo.output()).toMatch(/"msg":"shutdown complete"/);
    await expect(fetch(`${demo.url}/livez`)).rejects.toThrow();
  });
});
