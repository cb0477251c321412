import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuiltApp } from '../src/app.js';
import type { Note } from '../src/core/ports.js';
import { testApp } from './support/app.js';
import { hostileCursor, hostilePageSize, hostileText } from './support/hostile-input.js';

describe('notes service', () => {
  let built: BuiltApp;
  beforeAll(async () => {
    built = await testApp();
  });
  afterAll(() => built.app.close());

  it('emits note.created/updated/deleted', async () => {
    const events: string[] = [];
    built.ctx.events.on('note.created', (n) => void events.push(`created:${n.title}`));
    built.ctx.events.on('note.updated', (n) => void events.push(`updated:${n.title}`));
    built.ctx.events.on('note.deleted', ({ id }) => void events.push(`deleted:${id}`));
    built.ctx.events.on('note.created', () => {
      throw new Error('a failing listener does not break the publisher');
    });
    const service = built.app.notesService;
    const note = await service.create({ title: 'a', body: '' });
    await service.update(note.id, { title: 'b' });
    await service.delete(note.id);
    expect(events).toEqual(['created:a', 'updated:b', `deleted:${note.id}`]);
  });

  it('reads through the cache and invalidates it on writes', async (ctx) => {
    const { cache } = built.ctx.ports;
    if (cache.kind === 'none') ctx.skip('this stack has no cache');
    const service = built.app.notesService;
    const note = await service.create({ title: 'cached', body: '' });
    expect(await cache.get(`notes:${note.id}`)).toBeUndefined();
    await service.get(note.id);
    expect(JSON.parse((await cache.get(`notes:${note.id}`))!) as Note).toEqual(note);
    await service.update(note.id, { body: 'new' });
    expect(await cache.get(`notes:${note.id}`)).toBeUndefined();
    expect((await service.get(note.id))?.body).toBe('new');
    await service.delete(note.id);
    expect(await cache.get(`notes:${note.id}`)).toBeUndefined();
  });
});

// The service is what every API style calls: what it refuses here, each style answers as a client error.
describe('notes service refuses hostile input before the repository', () => {
  let built: BuiltApp;
  beforeAll(async () => {
    built = await testApp();
  });
  afterAll(() => built.app.close());

  const expectClientError = async (operation: Promise<unknown>): Promise<void> => {
    const status = await operation.then(
      () => 'succeeded',
      (error: { status?: number }) => error.status,
    );
    expect(status).toBeGreaterThanOrEqual(400);
    expect(status).toBeLessThan(500);
  };
  const allNotes = async (): Promise<Note[]> => {
    const notes: Note[] = [];
    let after: string | undefined;
    do {
      const page = await built.app.notesService.list({ limit: 100, after });
      notes.push(...page.items);
      after = page.nextCursor ?? undefined;
    } while (after);
    return notes;
  };

  it('refuses hostile titles and bodies on create and update, storing and emitting nothing', async () => {
    const service = built.app.notesService;
    const note = await service.create({ title: 'kept', body: 'as is' });
    const before = await allNotes();
    const emitted: string[] = [];
    for (const event of ['note.created', 'note.updated'] as const) built.ctx.events.on(event, (n) => void emitted.push(n.id));
    await fc.assert(
      fc.asyncProperty(hostileText, fc.constantFrom('title', 'body'), async (text, field) => {
        await expectClientError(service.create({ title: 'ok', body: '', [field]: text }));
        await expectClientError(service.update(note.id, { [field]: text }));
      }),
      { numRuns: 150 },
    );
    expect(await allNotes()).toEqual(before);
    expect(emitted).toEqual([]);
  });

  it('refuses hostile cursors and page sizes with a 400', async () => {
    const service = built.app.notesService;
    await fc.assert(fc.asyncProperty(hostileCursor, async (after) => void (await expect(service.list({ limit: 5, after })).rejects.toMatchObject({ status: 400 }))), { numRuns: 200 });
    await fc.assert(fc.asyncProperty(hostilePageSize, async (limit) => void (await expect(service.list({ limit })).rejects.toMatchObject({ status: 400 }))));
    expect((await service.list({ limit: 1 })).items.length).toBeLessThanOrEqual(1);
  });
});
