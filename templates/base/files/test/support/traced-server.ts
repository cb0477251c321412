// The app in a process of its own, started after src/telemetry.ts as `npm run dev` starts it (see
// traced-app.ts), with one more route: /probe/store reads a page of every repository, so that a request
// reaches the store's driver. Prints the port it listens on as its first line.
import type { AddressInfo } from 'node:net';
import { buildApp } from '../../src/app.js';
import { modules } from '../../src/modules.js';
import { testModule } from './modules.js';

const storeProbe = testModule('store-probe', (app) => {
  app.get('/probe/store', async () => {
    for (const repository of Object.values(app.repositories)) await repository.list({ limit: 1 });
    return { read: Object.keys(app.repositories) };
  });
});

const { app } = await buildApp(process.env, { modules: [...modules, storeProbe] });
await app.listen({ host: '127.0.0.1', port: 0 });
process.stdout.write(`${(app.server.address() as AddressInfo).port}\n`);
process.once('SIGTERM', () => {
  // telemetry.ts flushes the spans when the process exits.
  void app.close().then(() => process.exit(0));
});
