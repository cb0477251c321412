// The shapes every resource shares: its record, a page of records, and the one CRUD interface that
// repositories (decorated by a db module) and services (what every API style calls) both implement.

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

/** `I`: what creating takes; `P`: what updating takes (the fields it changes). */
export interface Crud<T extends ResourceRecord, I, P> {
  create(input: I): Promise<T>;
  get(id: string): Promise<T | undefined>;
  /** Stable order (createdAt, id): see compareListOrder. */
  list(options: ListOptions): Promise<Page<T>>;
  update(id: string, patch: P): Promise<T | undefined>;
  delete(id: string): Promise<boolean>;
}

/** The domain events of one resource, e.g. ResourceEvents<'note', Note>: note.created, note.updated, note.deleted. */
export type ResourceEvents<S extends string, T extends ResourceRecord> = {
  [E in `${S}.created` | `${S}.updated`]: T;
} & {
  [E in `${S}.deleted`]: { id: string };
};
