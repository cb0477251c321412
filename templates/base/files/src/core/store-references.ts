// References as the client errors they stand for, in every database store: a write naming a parent
// that does not exist is a 422 naming the key (deleting a row others reference is stillReferenced's
// 409). The service checks references before writing; the store's foreign keys catch the rest (a
// parent deleted in between, a caller that skipped the service).
import { HttpProblem } from './errors.js';
import { isUuid } from './resources/uuid.js';
import type { ForeignKeyProblem } from './store-errors.js';

export interface Parents {
  /** Throws the 422 for a reference that cannot name any row (ids are UUIDs), before a query fails on it. */
  checkIds(values: object): void;
  /** For inserts and updates of the table: the 422 naming the key whose parent does not exist. */
  onViolation: ForeignKeyProblem;
  /** The 422 for `key`, for a store that finds the missing parent itself. */
  missing(key: string): HttpProblem;
}

/**
 * `parents`: each reference's key -> what it points at ("customerId" -> "customer"); `keyByConstraint`:
 * each foreign key's name, as the store reports it, -> the reference's key.
 */
export function parentChecks(parents: Readonly<Record<string, string>>, keyByConstraint: ReadonlyMap<string, string>): Parents {
  const missing = (key: string) => new HttpProblem(422, `${key} must be the id of an existing ${parents[key]}`);
  return {
    missing,
    checkIds(values) {
      for (const [key, value] of Object.entries(values)) {
        if (Object.hasOwn(parents, key) && typeof value === 'string' && !isUuid(value)) throw missing(key);
      }
    },
    onViolation({ constraint }) {
      const key = constraint === undefined ? undefined : keyByConstraint.get(constraint);
      return key === undefined ? undefined : missing(key);
    },
  };
}
