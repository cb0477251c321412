import { describe, expect, it } from 'vitest';
import { PermanentJobError, createJobProcessor, summarizeNote } from '../src/modules/queue-bullmq/processor.js';
import { fromBullJobId, toBullJobId } from '../src/modules/queue-bullmq/job-id.js';

describe('job processor', () => {
  it('summarizes a note', () => {
    const s = summarizeNote({ id: 'n1', title: 'Hello world', body: `  lots   of\n words ${'x'.repeat(100)}` });
    expect(s).toMatchObject({ noteId: 'n1', words: 6 });
    expect(s.excerpt).toHaveLength(80);
    expect(s.excerpt.endsWith('…')).toBe(true);
  });

  it('logs and returns the summary of a note.created job', async () => {
    const logged: unknown[] = [];
    const process = createJobProcessor((summary) => logged.push(summary));
    const result = await process('note.created', { id: 'n1', title: 't', body: 'b c' });
    expect(result).toMatchObject({ noteId: 'n1', words: 3, excerpt: 'b c' });
    expect(logged).toEqual([result]);
  });

  it('rejects unknown jobs and bad payloads permanently', async () => {
    const process = createJobProcessor(() => {});
    await expect(process('other', {})).rejects.toBeInstanceOf(PermanentJobError);
    await expect(process('note.created', { id: 1 })).rejects.toBeInstanceOf(PermanentJobError);
    await expect(process('note.created', null)).rejects.toBeInstanceOf(PermanentJobError);
  });

  it('escapes ":" in job ids reversibly for BullMQ', () => {
    for (const id of ['note-created:abc', 'a%3Ab', 'plain', 'x:y:z%']) {
      expect(toBullJobId(id)).not.toContain(':');
      expect(fromBullJobId(toBullJobId(id))).toBe(id);
    }
  });
});
