// Foreign keys as the client errors they stand for (see errors.ts): a write naming a parent that does
// not exist is a 422 naming the key; deleting a row that another table still references is a 409. The service checks references before writing; these catch the rest (a parent
// deleted in between, a caller that skipped the service).
import { getTableColumns } from 'drizzle-orm';
import { getTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import { HttpProblem } from '../../core/errors.js';
import type { ForeignKeyProblem } from './errors.js';
import { isUuid } from './uuid.js';

// PostgreSQL cuts identifiers at 63 bytes, so a long constraint name is reported cut.
const IDENTIFIER_MAX = 63;

export interface Parents {
  /** Throws the 422 for a reference that cannot name any row (ids are UUIDs), before a query fails on it. */
  checkIds(values: object): void;
  /** For inserts and updates of the table: the 422 naming the key whose parent does not exist. */
  onViolation: ForeignKeyProblem;
}

/** `parents`: each reference's key -> what it points at ("customerId" -> "customer"). */
export function parentsOf(table: PgTable, parents: Record<string, string>): Parents {
  const keyOf = new Map(Object.entries(getTableColumns(table)).map(([key, column]) => [column, key]));
  const keyByConstraint = new Map(
    getTableConfig(table).foreignKeys.map((fk) => [fk.getName().slice(0, IDENTIFIER_MAX), keyOf.get(fk.reference().columns[0]!)] as const),
  );
  const missing = (key: string) => new HttpProblem(422, `${key} must be the id of an existing ${parents[key]}`);
  return {
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

/** For deletes: the 409 naming the table whose rows still reference the one being deleted. */
export const stillReferenced =
  (label: string, id: string): ForeignKeyProblem =>
  ({ table }) =>
    new HttpProblem(409, `${label} ${id} is still referenced by ${table === undefined ? 'other records' : table.replaceAll('_', ' ')}`);
