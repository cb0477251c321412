// A job's payload comes back from Redis as JSON, possibly written by an older version of the app: a
// handler checks its shape before trusting it.

export interface PayloadField {
  type: 'string' | 'number' | 'boolean';
  /** Optional fields are null when absent. */
  nullable: boolean;
  /** Text a summary counts (string and text fields). */
  text: boolean;
}

export type RecordShape = Record<string, PayloadField>;

/** Whether `data` is a record (string id, createdAt, updatedAt) with the shape's fields; `T` is the type that shape describes. */
export function isRecordPayload<T>(data: unknown, shape: RecordShape): data is T {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return false;
  const value = data as Record<string, unknown>;
  if (['id', 'createdAt', 'updatedAt'].some((key) => typeof value[key] !== 'string')) return false;
  return Object.entries(shape).every(([key, field]) => typeof value[key] === field.type || (field.nullable && value[key] === null));
}

/** The text fields' values, in the shape's order, absent ones left out. */
export function textOf(record: object, shape: RecordShape): string[] {
  const value = record as Record<string, unknown>;
  return Object.entries(shape).flatMap(([key, field]) => (field.text && typeof value[key] === 'string' ? [value[key]] : []));
}
