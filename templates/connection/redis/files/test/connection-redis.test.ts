import { createServer, type Server, type Socket } from 'node:net';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuiltApp } from '../src/app.js';
import connectionRedis from '../src/modules/connection-redis/index.js';
import { createRedisClient } from '../src/modules/connection-redis/client.js';
import { redisHealthCheck } from '../src/modules/connection-redis/health.js';
import { testModules } from './support/app.js';
import { captureLogs } from './support/log-capture.js';
import { eventually } from './support/eventually.js';
import { deleteKeys, uniquePrefix } from './support/redis.js';
import { describeWithService } from './support/services.js';

describe('connection-redis without REDIS_URL', () => {
  it('warns, opens no connection, registers no check and keeps the in-memory rate-limit store', async () => {
    const logs = captureLogs();
    const built = await testModules([connectionRedis], { LOG_LEVEL: 'info' }, { logStream: logs.stream });
    expect(built.app.redis).toBeUndefined();
    expect(built.app.rateLimitStore.kind).toBe('memory');
    expect(await built.health.readiness()).toEqual({ status: 'pass', checks: {} });
    expect(logs.lines.filter((l) => String(l.msg).includes('REDIS_URL is not set'))).toHaveLength(1);
    await built.app.close();
  });
});

describe('redis health check when Redis is unreachable (no real Redis needed)', () => {
  const silent = pino({ level: 'silent' });
  let frozen: Server;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    // Accepts connections and never answers, like a hung server.
    frozen = createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => frozen.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((r) => frozen.close(r));
  });

  it('fails within the timeout when the server never answers', async () => {
    const redis = createRedisClient(`redis://127.0.0.1:${(frozen.address() as { port: number }).port}`, silent);
    try {
      const started = performance.now();
      await expect(redisHealthCheck(redis).check(AbortSignal.timeout(300))).rejects.toThrow();
      expect(performance.now() - started).toBeLessThan(600);
    } finally {
      redis.disconnect();
    }
  });

  it('fails at once while reconnecting instead of queueing the PING', async () => {
    const redis = createRedisClient('redis://127.0.0.1:1', silent);
    try {
      await new Promise((resolve) => redis.once('reconnecting', resolve));
      const started = performance.now();
      await expect(redisHealthCheck(redis).check(AbortSignal.timeout(1000))).rejects.toThrow(/not connected/);
      expect(performance.now() - started).toBeLessThan(100);
    } finally {
      redis.disconnect();
    }
  });
});

describeWithService('TEST_REDIS_URL', 'connection-redis with REDIS_URL (real Redis)', (url) => {
  const prefix = uniquePrefix();
  let built: BuiltApp;
  beforeAll(async () => {
    built = await testModules([connectionRedis], { REDIS_URL: url, REDIS_KEY_PREFIX: prefix });
  });
  afterAll(async () => {
    await built?.app.close();
    await deleteKeys(url, prefix);
  });

  it('shares one client and passes the redis readiness check', async () => {
    expect(built.app.redis).toBeDefined();
    expect(await built.health.readiness()).toMatchObject({ status: 'pass', checks: { redis: { status: 'pass' } } });
  });

  it('counts concurrent hits atomically in one fixed window', async () => {
    const store = built.app.rateLimitStore;
    expect(store.kind).toBe('redis');
    const results = await Promise.all(Array.from({ length: 200 }, () => store.hit('client-a', 10_000)));
    expect(results.map((r) => r.count).sort((a, b) => a - b)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    for (const r of results) {
      expect(r.resetMs).toBeGreaterThan(0);
      expect(r.resetMs).toBeLessThanOrEqual(10_000);
    }
    expect(await built.app.redis!.pttl(`${prefix}rl:client-a`)).toBeGreaterThan(0);
  });

  it('starts a new window after the previous one expires', async () => {
    const store = built.app.rateLimitStore;
    expect((await store.hit('client-b', 100)).count).toBe(1);
    expect((await store.hit('client-b', 100)).count).toBe(2);
    await new Promise((r) => setTimeout(r, 150));
    expect((await store.hit('client-b', 100)).count).toBe(1);
  });
});

describeWithService('TEST_REDIS_URL', 'broadcast over Redis pub/sub between two instances (real Redis)', (url) => {
  const prefix = uniquePrefix();
  const instances: BuiltApp[] = [];
  beforeAll(async () => {
    for (let i = 0; i < 2; i++) instances.push(await testModules([connectionRedis], { REDIS_URL: url, REDIS_KEY_PREFIX: prefix }));
  });
  afterAll(async () => {
    await Promise.all(instances.map((b) => b.app.close()));
  });

  it('delivers a message published on either instance to the subscribers of both', async () => {
    const [a, b] = instances.map((i) => i.app.broadcast);
    expect(a!.kind).toBe('redis');
    const got: string[] = [];
    await a!.subscribe('chan', (m) => void got.push(`a:${m}`));
    const stopB = await b!.subscribe('chan', (m) => void got.push(`b:${m}`));
    await b!.publish('chan', 'from-b');
    await a!.publish('chan', 'from-a');
    await eventually(() => got.length === 4);
    expect(got.sort()).toEqual(['a:from-a', 'a:from-b', 'b:from-a', 'b:from-b']);
    await stopB();
    await a!.publish('chan', 'after');
    await eventually(() => got.includes('a:after'));
    expect(got.filter((m) => m.startsWith('b:'))).toHaveLength(2);
  });

  it('keeps instances with another REDIS_KEY_PREFIX apart', async () => {
    const other = await testModules([connectionRedis], { REDIS_URL: url, REDIS_KEY_PREFIX: uniquePrefix() });
    try {
      const got: string[] = [];
      await other.app.broadcast.subscribe('chan', (m) => void got.push(m));
      await instances[0]!.app.broadcast.publish('chan', 'not for you');
      await other.app.broadcast.publish('chan', 'mine');
      await eventually(() => got.length > 0);
      expect(got).toEqual(['mine']);
    } finally {
      await other.app.close();
    }
  });
});
