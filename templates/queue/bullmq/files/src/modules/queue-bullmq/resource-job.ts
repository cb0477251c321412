// A resource's job: enqueued when the domain event of the same name happens (e.g. invoice.created, with
// the record as payload), once per record: its job id comes from the record's id.
import type { ResourceRecord } from '../../core/resources/records.js';
import type { JobHandler } from './processor.js';

export interface ResourceJob extends JobHandler {
  /** The same event enqueued twice (a retry, a redelivery) is one job: e.g. "invoice-created:<id>". */
  jobId(record: ResourceRecord): string;
}
