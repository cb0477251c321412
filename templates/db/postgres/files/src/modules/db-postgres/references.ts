// The reference checks (core/store-references.ts) of a table, from its drizzle declaration.
import { getTableColumns } from 'drizzle-orm';
import { getTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import { parentChecks, type Parents } from '../../core/store-references.js';

// PostgreSQL cuts identifiers at 63 bytes, so a long constraint name is reported cut.
const IDENTIFIER_MAX = 63;

/** `parents`: each reference's key -> what it points at ("customerId" -> "customer"). */
export function parentsOf(table: PgTable, parents: Record<string, string>): Parents {
  const keyOf = new Map(Object.entries(getTableColumns(table)).map(([key, column]) => [column, key]));
  const keyByConstraint = new Map(
    getTableConfig(table).foreignKeys.map((fk) => [fk.getName().slice(0, IDENTIFIER_MAX), keyOf.get(fk.reference().columns[0]!)!] as const),
  );
  return parentChecks(parents, keyByConstraint);
}
