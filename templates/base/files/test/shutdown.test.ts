import { describe, expect, it, vi } from 'vitest';
import { shutdown } from '../src/core/shutdown.js';
import { modules } from '../src/modules.js';
import { testApp } from './support/app.js';
import { testModule } from './support/modules.js';

describe('graceful shutdown', () => {
  it('fails readiness, drains the in-flight request, closes resources in reverse order, exits 0', async () => {
    let entered!: () => void;
    const inHandler = new Promise<void>((resolve) => (entered = resolve));
    const order: string[] = [];
    const slow = testModule('slow', (app) => {
      app.addHook('onClose', async () => void order.push('first added'));
      app.addHook('onClose', async () => void order.push('second added'));
      app.get('/slow', async () => {
        entered();
        await new Promise((r) => setTimeout(r, 300));
        order.push('request finished');
        return { done: true };
      });
    });
    const built = await testApp({}, { modules: [...modules, slow] });
    const base = await built.app.listen({ host: '127.0.0.1', port: 0 });

    const inFlight = fetch(`${base}/slow`);
    await inHandler;
    const exit = vi.fn();
    const closing = shutdown({ app: built.app, health: built.health, timeoutMs: 5000, exit }, 'SIGTERM');

    expect(built.health.shuttingDown).toBe(true);
    expect((await built.health.readiness()).status).toBe('fail');
    await expect(fetch(`${base}/livez`)).rejects.toThrow(); // no longer accepting connections

    const res = await inFlight;
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ done: true });
    await closing;
    expect(order).toEqual(['request finished', 'second added', 'first added']);
    expect(exit).toHaveBeenCalledWith(0);
  });

  it('forces exit 1 when draining exceeds the timeout', async () => {
    const slowToClose = testModule('slow-to-close', (app) => {
      app.addHook('onClose', () => new Promise<void>((r) => setTimeout(r, 200)));
    });
    const built = await testApp({}, { modules: [...modules, slowToClose] });
    const exit = vi.fn();
    await shutdown({ app: built.app, health: built.health, timeoutMs: 50, exit }, 'SIGTERM');
    expect(exit).toHaveBeenNthCalledWith(1, 1);
  });
});
