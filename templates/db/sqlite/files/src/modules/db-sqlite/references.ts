// References, as the client errors they stand for (core/store-references.ts). SQLite's foreign key
// errors name neither the constraint nor the table, so a write checks that each parent it names exists,
// and a refused delete looks up who still references the row: in the same synchronous transaction as
// the statement, so nothing changes in between.
import { eq, getTableColumns, sql } from 'drizzle-orm';
import { getTableConfig, type SQLiteColumn, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import { parentChecks } from '../../core/store-references.js';
import type { Db } from './db.js';
import { isForeignKeyViolation } from './errors.js';

/** A delete a foreign key refused, naming the table whose rows still reference the row. */
class StillReferencedError extends Error {
  readonly code = 'SQLITE_CONSTRAINT_FOREIGNKEY';
  constructor(
    readonly table: string | undefined,
    cause: unknown,
  ) {
    super('FOREIGN KEY constraint failed', { cause });
  }
}

/** The first table with a row whose foreign key points at row `id` of `table`. */
function referencingTable(tx: Db, table: string, id: string): string | undefined {
  const children = tx.all<{ child: string; column: string }>(
    sql`SELECT m.name AS child, f."from" AS "column" FROM sqlite_schema m, pragma_foreign_key_list(m.name) f WHERE m.type = 'table' AND f."table" = ${table} ORDER BY 1, 2`,
  );
  return children.find(({ child, column }) => tx.get(sql`SELECT 1 FROM ${sql.identifier(child)} WHERE ${sql.identifier(column)} = ${id} LIMIT 1`) !== undefined)?.child;
}

/** Deletes row `id` of `table` (false when there is none); a refusal names the referencing table for errors.ts. */
export function deleteRow(tx: Db, table: SQLiteTable, idColumn: SQLiteColumn, id: string): boolean {
  try {
    return tx.delete(table).where(eq(idColumn, id)).run().changes > 0;
  } catch (error) {
    throw isForeignKeyViolation(error) ? new StillReferencedError(referencingTable(tx, getTableConfig(table).name, id), error) : error;
  }
}

export interface SqliteParents {
  /** Throws the 422 for a reference that cannot name any row (ids are UUIDs), before any query. */
  checkIds(values: object): void;
  /** Throws the 422 naming the first reference in `values` whose parent does not exist. */
  checkExist(tx: Db, values: object): void;
}

/** `parents`: each reference's key -> what it points at ("customerId" -> "customer"). */
export function parentsOf(table: SQLiteTable, parents: Record<string, string>): SqliteParents {
  const keyOf = new Map(Object.entries(getTableColumns(table)).map(([key, column]) => [column as SQLiteColumn, key]));
  const targets = new Map(
    getTableConfig(table).foreignKeys.map((fk) => {
      const { columns, foreignTable, foreignColumns } = fk.reference();
      return [keyOf.get(columns[0]!)!, { table: foreignTable, id: foreignColumns[0]! }] as const;
    }),
  );
  const checks = parentChecks(parents, new Map());
  return {
    checkIds: checks.checkIds,
    checkExist(tx, values) {
      for (const [key, value] of Object.entries(values)) {
        const target = targets.get(key);
        if (target && typeof value === 'string' && !tx.select({ id: target.id }).from(target.table).where(eq(target.id, value)).get()) throw checks.missing(key);
      }
    },
  };
}
