// The project's own background jobs (groundwork.json "jobs"): a handler in src/jobs/<name>.ts that the
// queue's worker runs, made by `groundwork generate job <name>`. A resource's jobs are its own
// ("invoice.created"); these are the ones the user enqueues.
import { quote, UsageError } from '../errors.js';
import { unitListProblems, unitNames } from './unit-names.js';

export interface JobSpec {
  /** kebab-case: "send-reminder", also the job's name in the queue. */
  name: string;
}

/** A new job beside `existing`: a valid name not taken. Throws a one-line UsageError otherwise. */
export function newJob(name: string, existing: readonly JobSpec[]): JobSpec {
  const { kebab } = unitNames(name, 'job');
  const same = existing.find((job) => job.name === kebab);
  if (same !== undefined) throw new UsageError(`Job ${quote(name)} already exists${name === same.name ? '' : ` as ${quote(same.name)}`} (src/jobs/${kebab}.ts).`);
  return { name: kebab };
}

/** Validates groundwork.json "jobs"; empty when sound. */
export const jobsProblems = (value: unknown): string[] => unitListProblems('jobs', value, ['name']);
