// A repository in process memory for service tests: the list order and cursors every store shares
// (src/core/resources/cursor.ts), no database. The db modules test their own repositories.
import { randomUUID } from 'node:crypto';
import { compareListOrder, cursorOf, decodeCursor } from '../../src/core/resources/cursor.js';
import { checkPrecondition, type Crud, type ResourceRecord } from '../../src/core/resources/records.js';

export function createMemoryRepository<T extends ResourceRecord, I extends object, P extends object>(): Crud<T, I, P> {
  const records = new Map<string, T>();
  return {
    async create(input) {
      const now = new Date().toISOString();
      const record = { ...input, id: randomUUID(), createdAt: now, updatedAt: now } as unknown as T;
      records.set(record.id, record);
      return { ...record };
    },
    async get(id) {
      const record = records.get(id);
      return record && { ...record };
    },
    async list({ limit, after }) {
      const from = after === undefined ? undefined : decodeCursor(after);
      const sorted = [...records.values()].sort(compareListOrder);
      const rest = from ? sorted.filter((record) => compareListOrder(record, from) > 0) : sorted;
      const items = rest.slice(0, limit).map((record) => ({ ...record }));
      const last = items.at(-1);
      return { items, nextCursor: rest.length > limit && last ? cursorOf(last) : null };
    },
    async update(id, patch, options) {
      const record = records.get(id);
      if (!record) return undefined;
      checkPrecondition({ ...record }, options, 'Record', id);
      const updated: T = { ...record, ...patch, updatedAt: new Date().toISOString() };
      records.set(id, updated);
      return { ...updated };
    },
    async delete(id, options) {
      const record = records.get(id);
      if (record) checkPrecondition({ ...record }, options, 'Record', id);
      return records.delete(id);
    },
  };
}
