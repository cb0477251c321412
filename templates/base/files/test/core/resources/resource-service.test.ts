import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import type { BuiltApp } from '../../../src/app.js';
import { asResourceEventBus } from '../../../src/core/events.js';
import { compareListOrder } from '../../../src/core/resources/cursor.js';
import { HttpProblem } from '../../../src/core/errors.js';
import { coreRuntimes } from '../../support/app.js';
import { hostileCursor, hostilePageSize, hostileText } from '../../support/hostile-input.js';
import { captureLogs } from '../../support/log-capture.js';
import { createTestCache } from '../../support/test-cache.js';
import { createWidgetsRepository, createWidgetsService, type Widget, type WidgetInput } from '../../support/widgets.js';

const runtime = coreRuntimes();

/** Every widget event, as `<event>:<name or id>`. */
function recordEvents(built: BuiltApp): string[] {
  const events = asResourceEventBus(built.ctx.events);
  const seen: string[] = [];
  for (const event of ['widget.created', 'widget.updated']) events.on(event, (w) => void seen.push(`${event}:${(w as Widget).name}`));
  events.on('widget.deleted', (payload) => void seen.push(`widget.deleted:${(payload as { id: string }).id}`));
  return seen;
}

describe('resource service', () => {
  it('hands normalized values to the repository and returns its records', async () => {
    const service = createWidgetsService(await runtime());
    const widget = await service.create({ name: '  Gear ', description: ' as is ' });
    expect(widget).toMatchObject({ name: 'Gear', description: ' as is ', size: null });
    expect(await service.get(widget.id)).toEqual(widget);
    expect(await service.list({ limit: 10 })).toEqual({ items: [widget], nextCursor: null });
    const updated = await service.update(widget.id, { size: 3 });
    expect(updated).toMatchObject({ id: widget.id, name: 'Gear', size: 3 });
    expect(await service.delete(widget.id)).toBe(true);
    expect(await service.get(widget.id)).toBeUndefined();
    expect(await service.update(widget.id, { size: 4 })).toBeUndefined();
    expect(await service.delete(widget.id)).toBe(false);
  });

  it('pages with cursors', async () => {
    const service = createWidgetsService(await runtime());
    const made: Widget[] = [];
    for (const name of ['a', 'b', 'c']) made.push(await service.create({ name, description: '' }));
    const ordered = made.sort(compareListOrder); // records made in the same millisecond are ordered by id
    const first = await service.list({ limit: 2 });
    expect(first.items).toEqual(ordered.slice(0, 2));
    expect(await service.list({ limit: 2, after: first.nextCursor! })).toEqual({ items: ordered.slice(2), nextCursor: null });
  });

  it('emits <singular>.created/updated/deleted, none for a missing record, and a failing listener does not fail the write', async () => {
    const built = await runtime();
    const seen = recordEvents(built);
    asResourceEventBus(built.ctx.events).on('widget.created', () => {
      throw new Error('a failing listener does not break the publisher');
    });
    const service = createWidgetsService(built);
    const widget = await service.create({ name: 'a', description: '' });
    await service.update(widget.id, { name: 'b' });
    await service.delete(widget.id);
    await service.update(widget.id, { name: 'c' });
    await service.delete(widget.id);
    expect(seen).toEqual(['widget.created:a', 'widget.updated:b', `widget.deleted:${widget.id}`]);
  });

  it('reads through the cache (key <plural>:<id>, CACHE_TTL_SECONDS) and invalidates it on writes', async () => {
    const built = await runtime({ CACHE_TTL_SECONDS: '7' });
    const cache = createTestCache();
    const set = vi.spyOn(cache, 'set');
    const repository = createWidgetsRepository();
    const service = createWidgetsService(built, repository, { cache });
    const get = vi.spyOn(repository, 'get');
    const widget = await service.create({ name: 'cached', description: '' });
    expect(cache.entries.size).toBe(0);
    expect(await service.get(widget.id)).toEqual(widget);
    expect(await service.get(widget.id)).toEqual(widget);
    expect(get).toHaveBeenCalledTimes(1);
    expect(set).toHaveBeenCalledWith(`widgets:${widget.id}`, JSON.stringify(widget), 7);
    const lookups = await built.ctx.metrics.getSingleMetric('cache_requests_total')?.get();
    expect(lookups?.values.filter((v) => v.labels.cache === 'test').map((v) => [v.labels.result, v.value])).toEqual(
      expect.arrayContaining([
        ['miss', 1],
        ['hit', 1],
      ]),
    );
    await service.update(widget.id, { description: 'new' });
    expect(cache.entries.has(`widgets:${widget.id}`)).toBe(false);
    expect((await service.get(widget.id))?.description).toBe('new');
    await service.delete(widget.id);
    expect(cache.entries.has(`widgets:${widget.id}`)).toBe(false);
  });

  it('answers from the repository when the cache fails, with a warning for each failure', async () => {
    const logs = captureLogs();
    const built = await runtime({ LOG_LEVEL: 'warn' }, { logStream: logs.stream });
    const down = () => Promise.reject(new Error('cache down'));
    const service = createWidgetsService(built, createWidgetsRepository(), { cache: { kind: 'down', get: down, set: down, delete: down } });
    const widget = await service.create({ name: 'kept', description: '' });
    expect(await service.get(widget.id)).toEqual(widget);
    expect((await service.update(widget.id, { name: 'changed' }))?.name).toBe('changed');
    expect(await service.delete(widget.id)).toBe(true);
    const warnings = logs.lines.filter((line) => line.component === 'widgets').map((line) => line.msg);
    expect(warnings).toEqual(['cache read failed', 'cache write failed', 'cache invalidation failed', 'cache invalidation failed']);
  });

  it('checks references with the normalized values, and writes nothing when they fail', async () => {
    const built = await runtime();
    const seen = recordEvents(built);
    const checked: unknown[] = [];
    let refuse = false;
    const checkRefs = async (values: unknown): Promise<void> => {
      checked.push(values);
      if (refuse) throw new HttpProblem(422, 'partId must be the id of an existing part');
    };
    const repository = createWidgetsRepository();
    const service = createWidgetsService(built, repository, { checkRefs });
    const widget = await service.create({ name: ' a ', description: '' });
    await service.update(widget.id, { name: ' b ' });
    expect(checked).toEqual([{ name: 'a', description: '', size: null }, { name: 'b' }]);
    refuse = true;
    await expect(service.create({ name: 'c', description: '' })).rejects.toMatchObject({ status: 422 });
    await expect(service.update(widget.id, { name: 'd' })).rejects.toMatchObject({ status: 422 });
    expect((await repository.list({ limit: 10 })).items.map((w) => w.name)).toEqual(['b']);
    expect(seen).toEqual(['widget.created:a', 'widget.updated:b']);
  });
});

// The service is what every API style calls: what it refuses here, each style answers as a client error.
describe('resource service refuses hostile input before the repository', () => {
  const expectClientError = async (operation: Promise<unknown>): Promise<void> => {
    const status = await operation.then(
      () => 'succeeded',
      (error: { status?: number }) => error.status,
    );
    expect(status).toBeGreaterThanOrEqual(400);
    expect(status).toBeLessThan(500);
  };

  it('refuses hostile text on create and update, storing and emitting nothing', async () => {
    const built = await runtime();
    const repository = createWidgetsRepository();
    const service = createWidgetsService(built, repository);
    const widget = await service.create({ name: 'kept', description: 'as is' });
    const seen = recordEvents(built);
    const create = vi.spyOn(repository, 'create');
    const update = vi.spyOn(repository, 'update');
    await fc.assert(
      fc.asyncProperty(hostileText, fc.constantFrom<keyof WidgetInput>('name', 'description'), async (text, field) => {
        await expectClientError(service.create({ name: 'ok', description: '', [field]: text }));
        await expectClientError(service.update(widget.id, { [field]: text }));
      }),
      { numRuns: 150 },
    );
    expect(create).not.toHaveBeenCalled();
    expect(update).not.toHaveBeenCalled();
    expect(await service.get(widget.id)).toEqual(widget);
    expect(seen).toEqual([]);
  });

  it('refuses hostile cursors and page sizes with a 400', async () => {
    const repository = createWidgetsRepository();
    const service = createWidgetsService(await runtime(), repository);
    const list = vi.spyOn(repository, 'list');
    await fc.assert(fc.asyncProperty(hostileCursor, async (after) => void (await expect(service.list({ limit: 5, after })).rejects.toMatchObject({ status: 400 }))), { numRuns: 200 });
    await fc.assert(fc.asyncProperty(hostilePageSize, async (limit) => void (await expect(service.list({ limit })).rejects.toMatchObject({ status: 400 }))));
    expect(list).not.toHaveBeenCalled();
  });
});
