// Every job the queue runs: each resource's (resource-jobs.ts) and the project's own (src/jobs/index.ts).
import { jobs } from '../../jobs/index.js';
import type { JobHandler } from './processor.js';
import { resourceJobs } from './resource-jobs.js';

export const jobHandlers: readonly JobHandler[] = [...resourceJobs, ...jobs];
