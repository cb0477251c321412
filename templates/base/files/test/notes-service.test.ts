import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuiltApp } from '../src/app.js';
import type { Note } from '../src/core/ports.js';
import { testApp } from './support/app.js';

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
