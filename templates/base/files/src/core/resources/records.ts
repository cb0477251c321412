// The shapes every resource shares: its record, a page of records, and the one CRUD interface that
// repositories (decorated by a db module) and services (what every API style calls) both implement.
import { HttpProblem } from '../errors.js';

export interface ResourceRecord {
  id: string;
  createdAt: string; // ISO 8601, ms precision (Date#toISOString)
  updatedAt: string; // ISO 8601, ms precision
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null; // opaque; pass back as `after`
}

export interface ListOptions {
  limit: number;
  /** A cursor returned by a previous page. */
  after?: string;
}

export interface WriteOptions<T> {
  /**
   * A condition on the record as it is (HTTP If-Match: its ETag is one the client names), checked in the
   * same atomic step as the write: when it is false nothing is written and PreconditionFailed is thrown.
   */
  precondition?: (current: T) => boolean;
}

/** 412: the record is not the one the write was conditional on (it changed since the client read it). */
export class PreconditionFailed extends HttpProblem {
  constructor(label: string, id: string) {
    super(412, `${label} ${id} has changed since it was read: read it again, then retry`);
  }
}

/** Throws PreconditionFailed when the write has a precondition and `current` does not meet it. */
export function checkPrecondition<T>(current: T, options: WriteOptions<T> | undefined, label: string, id: string): void {
  if (options?.precondition && !options.precondition(current)) throw new PreconditionFailed(label, id);
}

/** `I`: what creating takes; `P`: what updating takes (the fields it changes). */
export interface Crud<T extends ResourceRecord, I, P> {
  create(input: I): Promise<T>;
  get(id: string): Promise<T | undefined>;
  /** Stable order (createdAt, id): see compareListOrder. */
  list(options: ListOptions): Promise<Page<T>>;
  update(id: string, patch: P, options?: WriteOptions<T>): Promise<T | undefined>;
  delete(id: string, options?: WriteOptions<T>): Promise<boolean>;
}

/** The domain events of one resource, e.g. ResourceEvents<'note', Note>: note.created, note.updated, note.deleted. */
export type ResourceEvents<S extends string, T extends ResourceRecord> = {
  [E in `${S}.created` | `${S}.updated`]: T;
} & {
  [E in `${S}.deleted`]: { id: string };
};
