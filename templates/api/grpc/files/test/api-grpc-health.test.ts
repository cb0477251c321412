import { status, type ServiceError } from '@grpc/grpc-js';
import { afterEach, describe, expect, it } from 'vitest';
import { modules } from '../src/modules.js';
import { buildApp } from '../src/app.js';
import { testEnv } from './support/app.js';
import { testModule } from './support/modules.js';
import { collect, grpcTestApp, healthClient, serviceClient, streamStarted, testServices, type GrpcTestApp } from './support/grpc.js';
import { PROBE_SERVICE, type ProbeClient } from './support/grpc-probe.js';

const check = (client: ReturnType<typeof healthClient>, service: string) =>
  new Promise<{ status?: string; error?: ServiceError }>((resolve) => client.Check({ service }, (error, response) => resolve(error ? { error } : { status: response!.status })));

/** A module whose readiness check fails while `failing.now` is true. */
function flakyDependency(failing: { now: boolean }) {
  return testModule('flaky', (_app, ctx) =>
    ctx.health.register({
      name: 'flaky',
      async check() {
        if (failing.now) throw new Error('down');
      },
    }),
  );
}

describe('gRPC health and shutdown', () => {
  let app: GrpcTestApp | undefined;
  afterEach(async () => {
    await app?.app.close();
    app = undefined;
  });

  it('answers grpc.health.v1.Health as /readyz answers, for the server and for every service', async () => {
    const failing = { now: false };
    app = await grpcTestApp({ GRPC_HEALTH_INTERVAL_SECONDS: '1' }, { modules: [flakyDependency(failing), ...modules] });
    const client = healthClient(app.address);
    for (const service of ['', ...testServices.map((s) => s.name)]) expect(await check(client, service), service).toEqual({ status: 'SERVING' });
    expect((await check(client, 'no.such.Service')).error?.code).toBe(status.NOT_FOUND);

    failing.now = true;
    await expect.poll(() => check(client, ''), { timeout: 15_000 }).toEqual({ status: 'NOT_SERVING' });
    expect(await check(client, PROBE_SERVICE)).toEqual({ status: 'NOT_SERVING' });
    expect((await app.app.inject('/readyz')).statusCode).toBe(503);
    failing.now = false;
    await expect.poll(() => check(client, PROBE_SERVICE), { timeout: 15_000 }).toEqual({ status: 'SERVING' });
    client.close();
  });

  it('on shutdown turns NOT_SERVING first, ends server streams with UNAVAILABLE, then stops', async () => {
    app = await grpcTestApp({ GRPC_DRAIN_SECONDS: '1' }); // the health Watch below is only ended by the drain timeout
    const health = healthClient(app.address);
    const probe = serviceClient<ProbeClient>(app.address, PROBE_SERVICE);
    const statuses: string[] = [];
    const healthWatch = health.Watch({ service: '' });
    const healthEnded = collect(healthWatch, (message) => statuses.push(message.status));
    await expect.poll(() => statuses, { timeout: 15_000 }).toEqual(['SERVING']);
    const listen = probe.Listen({});
    await streamStarted(listen);
    const listenEnded = collect(listen);

    const closing = app.app.close();
    const { status: end } = await listenEnded;
    expect(end).toMatchObject({ code: status.UNAVAILABLE, details: 'Server is shutting down; reconnect' });
    await closing;
    await healthEnded;
    expect(statuses).toEqual(['SERVING', 'NOT_SERVING']);
    app = undefined;
    health.close();
    probe.close();
  });

  it('cancels calls still running after GRPC_DRAIN_SECONDS', async () => {
    app = await grpcTestApp({ GRPC_DRAIN_SECONDS: '0' });
    const health = healthClient(app.address);
    const healthWatch = health.Watch({ service: '' }); // a stream the server does not end by itself
    const ended = collect(healthWatch);
    await streamStarted(healthWatch);
    await app.app.close();
    expect((await ended).status.code).not.toBe(status.OK);
    app = undefined;
    health.close();
  });

  it('fails to start when GRPC_PORT is taken, before the HTTP server listens', async () => {
    app = await grpcTestApp();
    const second = await buildApp(testEnv({ HOST: '127.0.0.1', GRPC_PORT: app.address.split(':')[1]! }));
    try {
      await expect(second.app.listen({ host: '127.0.0.1', port: 0 })).rejects.toThrow(/No address added out of total 1 resolved/);
      expect(second.app.server.listening).toBe(false);
    } finally {
      await second.app.close();
    }
  });
});
