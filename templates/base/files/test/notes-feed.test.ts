import { afterEach, describe, expect, it } from 'vitest';
import type { BuiltApp } from '../src/app.js';
import { LocalBroadcast } from '../src/core/broadcast.js';
import type { Note } from '../src/core/ports.js';
import { notesFeed, NOTES_CHANNEL, type NoteChange } from '../src/features/notes/index.js';
import { testApp, testModules } from './support/app.js';
import { captureLogs } from './support/log-capture.js';

const opened: BuiltApp[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((b) => b.app.close()));
});

async function app(options: Parameters<typeof testApp>[1] = {}, env: Record<string, string> = {}): Promise<BuiltApp> {
  const built = await testApp(env, options);
  opened.push(built);
  return built;
}

describe('local broadcast', () => {
  it('delivers to every subscriber of the channel until it unsubscribes', async () => {
    const broadcast = new LocalBroadcast();
    const got: string[] = [];
    const listener = (m: string) => void got.push(m);
    const first = await broadcast.subscribe('a', listener);
    await broadcast.subscribe('a', listener); // the same function twice is two subscriptions
    await broadcast.subscribe('b', (m) => void got.push(`b:${m}`));
    await broadcast.publish('a', 'x');
    await first();
    await broadcast.publish('a', 'y');
    expect(got).toEqual(['x', 'x', 'y']);
  });
});

describe('notes feed', () => {
  it('streams every change made through the service, in order', async () => {
    const built = await app();
    const changes: NoteChange[] = [];
    const stop = (await notesFeed(built.ctx)).subscribe((c) => void changes.push(c));
    const note = await built.app.notesService.create({ title: 'a', body: '' });
    const updated = await built.app.notesService.update(note.id, { title: 'b' });
    await built.app.notesService.delete(note.id);
    stop();
    await built.app.notesService.create({ title: 'after stop', body: '' });
    expect(changes).toEqual([
      { event: 'note.created', data: note },
      { event: 'note.updated', data: updated },
      { event: 'note.deleted', data: { id: note.id } },
    ]);
  });

  it('is started once per app, so a change is published once however many modules use it', async () => {
    const built = await app();
    const published: string[] = [];
    await built.ctx.ports.broadcast.subscribe(NOTES_CHANNEL, (m) => void published.push(m));
    expect(await notesFeed(built.ctx)).toBe(await notesFeed(built.ctx));
    await built.app.notesService.create({ title: 'once', body: '' });
    expect(published).toHaveLength(1);
  });

  it('still delivers on this instance when publishing fails, with a warning', async () => {
    const logs = captureLogs();
    // The core runtime alone: a streaming API module in the stack would have started the feed already.
    const built = await testModules([], { LOG_LEVEL: 'warn' }, { logStream: logs.stream });
    opened.push(built);
    const local = built.ctx.ports.broadcast;
    built.ctx.ports.broadcast = {
      kind: 'down',
      publish: async () => Promise.reject(new Error('transport down')),
      subscribe: (channel, listener) => local.subscribe(channel, listener),
    };
    const changes: NoteChange[] = [];
    (await notesFeed(built.ctx)).subscribe((c) => void changes.push(c));
    const note: Note = { id: 'n1', title: 'kept', body: '', createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' };
    await built.ctx.events.emit('note.created', note);
    expect(changes).toEqual([{ event: 'note.created', data: note }]);
    expect(logs.lines.find((l) => l.msg === 'notes feed publish failed; delivered on this instance only')).toMatchObject({ broadcast: 'down', event: 'note.created' });
  });

  it('isolates a failing subscriber from the others', async () => {
    const built = await app();
    const feed = await notesFeed(built.ctx);
    feed.subscribe(() => {
      throw new Error('broken subscriber');
    });
    const changes: NoteChange[] = [];
    feed.subscribe((c) => void changes.push(c));
    await built.app.notesService.create({ title: 'fine', body: '' });
    expect(changes).toHaveLength(1);
  });
});
