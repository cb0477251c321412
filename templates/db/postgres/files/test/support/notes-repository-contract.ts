import { expect, it, vi } from 'vitest';
import type { NotesRepository } from '../../src/core/ports.js';
import { compareListOrder } from '../../src/features/notes/cursor.js';

/** Behaviour every NotesRepository must have; called from each db test file. */
export function notesRepositoryContract(repo: () => NotesRepository): void {
  it('creates, reads, updates and deletes a note', async () => {
    const created = await repo().create({ title: 'T', body: 'B' });
    expect(created).toMatchObject({ title: 'T', body: 'B' });
    expect(created.createdAt).toBe(created.updatedAt);
    expect(await repo().get(created.id)).toEqual(created);

    await new Promise((r) => setTimeout(r, 5));
    const updated = await repo().update(created.id, { body: 'B2' });
    expect(updated).toMatchObject({ id: created.id, title: 'T', body: 'B2', createdAt: created.createdAt });
    expect(Date.parse(updated!.updatedAt)).toBeGreaterThan(Date.parse(created.updatedAt));

    expect(await repo().delete(created.id)).toBe(true);
    expect(await repo().delete(created.id)).toBe(false);
    expect(await repo().get(created.id)).toBeUndefined();
    expect(await repo().update(created.id, { title: 'x' })).toBeUndefined();
  });

  it('returns nothing for ids that are not uuids', async () => {
    expect(await repo().get('not-a-uuid')).toBeUndefined();
    expect(await repo().delete('1')).toBe(false);
  });

  it('paginates in (createdAt, id) order across pages, including equal timestamps', async () => {
    const made = [];
    // Only Date is faked: four notes share one created_at, so the id must break the tie.
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(new Date('2030-01-01T00:00:00.123Z'));
      for (let i = 0; i < 4; i++) made.push(await repo().create({ title: `same${i}`, body: '' }));
      vi.setSystemTime(new Date('2030-01-01T00:00:01.000Z'));
      for (let i = 0; i < 3; i++) made.push(await repo().create({ title: `later${i}`, body: '' }));
    } finally {
      vi.useRealTimers();
    }
    const seen: string[] = [];
    let after: string | undefined;
    let pages = 0;
    do {
      const page = await repo().list({ limit: 3, after });
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.items.map((n) => n.id));
      after = page.nextCursor ?? undefined;
      if (after) expect(after).toMatch(/^[A-Za-z0-9_-]+$/);
      pages++;
    } while (after && pages < 20);
    const expected = [...made].sort(compareListOrder).map((n) => n.id);
    expect(seen.filter((id) => expected.includes(id))).toEqual(expected);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('rejects a malformed cursor with a 400 problem', async () => {
    await expect(repo().list({ limit: 2, after: 'garbage' })).rejects.toMatchObject({ status: 400 });
  });
}
