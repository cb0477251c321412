import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createMemoryQueue } from '../src/modules/queue-bullmq/memory-queue.js';
import { PermanentJobError } from '../src/modules/queue-bullmq/processor.js';
import { testApp } from './support/app.js';
import { eventually } from './support/eventually.js';
import { captureLogs } from './support/log-capture.js';

const silent = pino({ level: 'silent' });

describe('in-process queue (no REDIS_URL)', () => {
  it('is the queue of an app without REDIS_URL: it runs jobs in the API process and exports their metrics', async () => {
    const logs = captureLogs();
    const built = await testApp({ LOG_LEVEL: 'info', QUEUE_NAME: 'in-process' }, { logStream: logs.stream });
    try {
      expect(built.app.queue?.kind).toBe('memory');
      // No resource's job has this name: the app's own processor fails it, once (see test/features/*/jobs.test.ts for theirs).
      await built.app.queue!.enqueue('no.such.job', { id: 'x' }, { jobId: 'probe:x' });
      const line = await eventually(() => logs.lines.find((l) => l.jobId === 'probe:x'));
      expect(line).toMatchObject({ msg: 'job failed', name: 'no.such.job', attempts: 1, err: { message: 'unknown job "no.such.job"' } });
      const metrics = await built.ctx.metrics.metrics();
      expect(metrics).toMatch(/^queue_jobs\{queue="in-process",state="failed"\} 1$/m);
      expect(metrics).toMatch(/^queue_jobs_processed_total\{queue="in-process",result="failed"\} 1$/m);
    } finally {
      await built.app.close();
    }
  });

  it('retries with exponential backoff, then completes', async () => {
    const at: number[] = [];
    const queue = createMemoryQueue({
      logger: silent,
      backoffDelayMs: 40,
      processor: async () => {
        at.push(performance.now());
        if (at.length < 3) throw new Error('flaky');
      },
    });
    await queue.enqueue('x', {}, { jobId: 'j1' });
    await queue.idle();
    expect(at).toHaveLength(3);
    expect(at[1]! - at[0]!).toBeGreaterThanOrEqual(35);
    expect(at[2]! - at[1]!).toBeGreaterThanOrEqual(75);
    expect(await queue.getJobCounts()).toMatchObject({ completed: 1, failed: 0 });
    await queue.close();
  });

  it('gives up after 5 attempts and does not retry permanent errors', async () => {
    let flaky = 0;
    let permanent = 0;
    const queue = createMemoryQueue({
      logger: silent,
      backoffDelayMs: 1,
      processor: async (name) => {
        if (name === 'flaky') {
          flaky++;
          throw new Error('always');
        }
        permanent++;
        throw new PermanentJobError('no');
      },
    });
    await queue.enqueue('flaky', {}, { jobId: 'a' });
    await queue.enqueue('permanent', {}, { jobId: 'b' });
    await queue.idle();
    expect(flaky).toBe(5);
    expect(permanent).toBe(1);
    expect(await queue.getJobCounts()).toMatchObject({ failed: 2 });
    await queue.close();
  });

  it('deduplicates by jobId, also after completion', async () => {
    let runs = 0;
    const queue = createMemoryQueue({ logger: silent, processor: async () => void runs++ });
    await Promise.all([queue.enqueue('x', {}, { jobId: 'same' }), queue.enqueue('x', {}, { jobId: 'same' })]);
    await queue.idle();
    await queue.enqueue('x', {}, { jobId: 'same' });
    await queue.idle();
    expect(runs).toBe(1);
    await queue.close();
  });

  it('waits for running jobs on close and refuses new ones', async () => {
    let finished = false;
    const queue = createMemoryQueue({
      logger: silent,
      processor: () =>
        new Promise((r) =>
          setTimeout(() => {
            finished = true;
            r(undefined);
          }, 50),
        ),
    });
    await queue.enqueue('slow', {}, { jobId: 's' });
    await new Promise((r) => setTimeout(r, 10));
    await queue.close();
    expect(finished).toBe(true);
    await expect(queue.enqueue('x', {}, { jobId: 'late' })).rejects.toThrow('closed');
  });
});
