import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { fromBullJobId, toBullJobId } from '../src/modules/queue-bullmq/job-id.js';
import { isRecordPayload, textOf, type RecordShape } from '../src/modules/queue-bullmq/payload.js';
import { PermanentJobError, createJobProcessor, type JobHandler } from '../src/modules/queue-bullmq/processor.js';
import { summarizeText } from '../src/modules/queue-bullmq/summary.js';

const logger = pino({ level: 'silent' });
const handler = (name: string, result: unknown): JobHandler => ({ name, handle: async (data) => ({ result, data }) });

describe('job processor', () => {
  it('runs the handler of the job name with the payload and returns its result', async () => {
    const process = createJobProcessor([handler('a.created', 'from a'), handler('b.created', 'from b')], { logger });
    expect(await process('b.created', { id: 'x' })).toEqual({ result: 'from b', data: { id: 'x' } });
  });

  it('fails a job no handler takes permanently, also with no handlers at all', async () => {
    await expect(createJobProcessor([handler('a.created', 1)], { logger })('other', {})).rejects.toThrow(new PermanentJobError('unknown job "other"'));
    await expect(createJobProcessor([], { logger })('a.created', {})).rejects.toBeInstanceOf(PermanentJobError);
  });

  it('refuses two handlers for one job name', () => {
    expect(() => createJobProcessor([handler('a.created', 1), handler('a.created', 2)], { logger })).toThrow('job "a.created" has two handlers');
  });

  it('escapes ":" in job ids reversibly for BullMQ', () => {
    for (const id of ['invoice-created:abc', 'a%3Ab', 'plain', 'x:y:z%']) {
      expect(toBullJobId(id)).not.toContain(':');
      expect(fromBullJobId(toBullJobId(id))).toBe(id);
    }
  });
});

describe('job payloads', () => {
  const shape: RecordShape = {
    title: { type: 'string', nullable: false, text: true },
    memo: { type: 'string', nullable: true, text: true },
    amount: { type: 'number', nullable: false, text: false },
    paid: { type: 'boolean', nullable: true, text: false },
  };
  const record = { id: 'r1', createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', title: 'A', memo: null, amount: 2, paid: true };

  it('accepts a record with the fields of the shape, null where a field is nullable', () => {
    expect(isRecordPayload(record, shape)).toBe(true);
    expect(isRecordPayload({ ...record, paid: null, memo: 'm' }, shape)).toBe(true);
  });

  it('refuses anything else: no object, a missing id or timestamp, a wrong type, null where it is not nullable', () => {
    for (const data of [null, 'r1', [record], { ...record, id: 1 }, { ...record, updatedAt: undefined }, { ...record, amount: '2' }, { ...record, title: null }, { ...record, paid: 'yes' }]) {
      expect(isRecordPayload(data, shape), JSON.stringify(data)).toBe(false);
    }
  });

  it('takes the text of the text fields that have a value, in the shape order', () => {
    expect(textOf({ ...record, memo: 'second' }, shape)).toEqual(['A', 'second']);
    expect(textOf(record, shape)).toEqual(['A']);
  });
});

describe('text summary', () => {
  it('counts words and characters and keeps an excerpt on one line, cut at 80 characters', () => {
    const s = summarizeText(['Hello world', `  lots   of\n words ${'x'.repeat(100)}`]);
    expect(s).toMatchObject({ words: 6 });
    expect(s.characters).toBe(`Hello world\n  lots   of\n words ${'x'.repeat(100)}`.length);
    expect(s.excerpt).toHaveLength(80);
    expect(s.excerpt.startsWith('Hello world lots of words x')).toBe(true);
    expect(s.excerpt.endsWith('…')).toBe(true);
  });

  it('summarizes no text as nothing', () => {
    expect(summarizeText([])).toEqual({ words: 0, characters: 0, excerpt: '' });
    expect(summarizeText(['short'])).toEqual({ words: 1, characters: 5, excerpt: 'short' });
  });
});
