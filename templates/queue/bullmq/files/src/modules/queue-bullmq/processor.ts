// What the queue runs: job handlers, found by job name. The worker process and the in-process queue
// (without Redis) run the same processor.
import type { FastifyBaseLogger } from 'fastify';

/** Thrown for jobs that must not be retried (unknown name, bad payload). */
export class PermanentJobError extends Error {}

/** What a handler gets besides the job's payload. */
export interface JobContext {
  logger: FastifyBaseLogger;
}

export interface JobHandler {
  /** The job name it runs, e.g. "invoice.created". */
  name: string;
  /** What it returns is kept as the job's result. Throws to retry; PermanentJobError to give up at once. */
  handle(data: unknown, context: JobContext): Promise<unknown>;
}

export type JobProcessor = (name: string, data: unknown) => Promise<unknown>;

/** Dispatches by job name; a job no handler takes fails permanently. */
export function createJobProcessor(handlers: readonly JobHandler[], context: JobContext): JobProcessor {
  const byName = new Map<string, JobHandler>();
  for (const handler of handlers) {
    if (byName.has(handler.name)) throw new Error(`job "${handler.name}" has two handlers`);
    byName.set(handler.name, handler);
  }
  return async (name, data) => {
    const handler = byName.get(name);
    if (!handler) throw new PermanentJobError(`unknown job "${name}"`);
    return handler.handle(data, context);
  };
}
