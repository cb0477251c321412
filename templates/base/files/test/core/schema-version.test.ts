import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertSchemaCurrent, newestMigration } from '../../src/core/schema-version.js';

describe('newestMigration', () => {
  let folder: string;
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'schema-version-'));
    await mkdir(join(folder, 'meta'));
  });
  afterAll(() => rm(folder, { recursive: true, force: true }));

  const journal = (whens: number[]) =>
    writeFile(join(folder, 'meta', '_journal.json'), JSON.stringify({ version: '7', entries: whens.map((when, idx) => ({ idx, when, tag: `000${idx}_x` })) }));

  it("is the newest entry's journal time, whatever the order", async () => {
    await journal([1_700_000_000_300, 1_700_000_000_100, 1_700_000_000_200]);
    expect(newestMigration(folder)).toBe(1_700_000_000_300);
  });

  it('is 0 for a journal with no entries', async () => {
    await journal([]);
    expect(newestMigration(folder)).toBe(0);
  });
});

describe('assertSchemaCurrent', () => {
  it('passes a database at or past the newest migration, and any database when there is none to apply', () => {
    expect(() => assertSchemaCurrent('the database', 200, 200)).not.toThrow();
    expect(() => assertSchemaCurrent('the database', 300, 200)).not.toThrow(); // a newer build migrated it first
    expect(() => assertSchemaCurrent('the database', undefined, 0)).not.toThrow();
  });

  it('fails a database never migrated, or behind, with the remedy', () => {
    expect(() => assertSchemaCurrent('the database', undefined, 200)).toThrow('the database has no migrations applied: run npm run db:migrate');
    expect(() => assertSchemaCurrent('the database', 199, 200)).toThrow("the database is behind this build's migrations: run npm run db:migrate");
  });
});
