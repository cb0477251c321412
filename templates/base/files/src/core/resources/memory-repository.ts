// A repository held in process memory: for development, tests and demos (data is lost on restart).
// It keeps the contract of the database ones, references included: a record naming a parent that
// does not exist is a 422, deleting one that other records still reference is a 409.
import { randomUUID } from 'node:crypto';
import { HttpProblem } from '../errors.js';
import { compareListOrder, cursorOf, decodeCursor } from './cursor.js';
import { checkPrecondition, type Crud, type ResourceRecord } from './records.js';

type StoredRecord = ResourceRecord & Record<string, unknown>;

interface MemoryTable {
  singularLabel: string;
  pluralLabel: string;
  references: Readonly<Record<string, string>>;
  records: Map<string, StoredRecord>;
}

/** The records of every memory repository of an app, by resource: each checks the others' references. */
export type MemoryTables = Map<string, MemoryTable>;

export interface MemoryRepositoryOptions {
  /** "line item", "line items": name records in the 422 and 409 messages. */
  singularLabel: string;
  pluralLabel: string;
  /** The resource's field keys: an omitted optional field is stored as null, anything else is dropped. */
  keys: readonly string[];
  /** Each reference's key -> the resource (its name in `tables`) whose ids it holds: { customerId: 'customers' }. */
  references?: Readonly<Record<string, string>>;
}

const capitalize = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/** Registers the repository of resource `name` in `tables` (where the others find it) and returns it. */
export function createMemoryRepository<T extends ResourceRecord, I extends object, P extends object>(
  tables: MemoryTables,
  name: string,
  options: MemoryRepositoryOptions,
): Crud<T, I, P> {
  const { singularLabel, pluralLabel, keys, references = {} } = options;
  const records = new Map<string, StoredRecord>();
  tables.set(name, { singularLabel, pluralLabel, references, records });
  const copy = (record: StoredRecord) => ({ ...record }) as unknown as T;

  /** The field values `values` sets: every key (null when absent) for a create, the given ones for a patch. */
  function fieldsOf(values: object, every: boolean): Record<string, unknown> {
    const given = values as Record<string, unknown>;
    return Object.fromEntries(keys.filter((key) => every || given[key] !== undefined).map((key) => [key, given[key] ?? null]));
  }

  function checkReferences(fields: Record<string, unknown>): void {
    for (const [key, target] of Object.entries(references)) {
      const value = fields[key];
      if (value === undefined || value === null) continue;
      const parent = tables.get(target);
      if (typeof value !== 'string' || !parent?.records.has(value)) {
        throw new HttpProblem(422, `${key} must be the id of an existing ${parent?.singularLabel ?? target}`);
      }
    }
  }

  /** The table of the first record, other than the one itself, that references record `id`. */
  function referrerOf(id: string): MemoryTable | undefined {
    for (const table of tables.values()) {
      const keysToThis = Object.entries(table.references).flatMap(([key, target]) => (target === name ? [key] : []));
      if (keysToThis.length === 0) continue;
      for (const record of table.records.values()) {
        if (record.id !== id && keysToThis.some((key) => record[key] === id)) return table;
      }
    }
    return undefined;
  }

  return {
    async create(input) {
      const fields = fieldsOf(input, true);
      checkReferences(fields);
      const now = new Date().toISOString();
      const record: StoredRecord = { id: randomUUID(), ...fields, createdAt: now, updatedAt: now };
      records.set(record.id, record);
      return copy(record);
    },
    async get(id) {
      const record = records.get(id);
      return record && copy(record);
    },
    async list({ limit, after }) {
      const from = after === undefined ? undefined : decodeCursor(after);
      const sorted = [...records.values()].sort(compareListOrder);
      const rest = from ? sorted.filter((record) => compareListOrder(record, from) > 0) : sorted;
      const items = rest.slice(0, limit).map(copy);
      const last = items.at(-1);
      return { items, nextCursor: rest.length > limit && last ? cursorOf(last) : null };
    },
    async update(id, patch, options) {
      const record = records.get(id);
      if (!record) return undefined;
      // Synchronous from the check to the write: no other call runs in between.
      checkPrecondition(copy(record), options, capitalize(singularLabel), id);
      const fields = fieldsOf(patch, false);
      checkReferences(fields);
      const updated: StoredRecord = { ...record, ...fields, updatedAt: new Date().toISOString() };
      records.set(id, updated);
      return copy(updated);
    },
    async delete(id, options) {
      const record = records.get(id);
      if (!record) return false;
      checkPrecondition(copy(record), options, capitalize(singularLabel), id);
      const referrer = referrerOf(id);
      if (referrer) throw new HttpProblem(409, `${capitalize(singularLabel)} ${id} is still referenced by ${referrer.pluralLabel}`);
      return records.delete(id);
    },
  };
}
