// Wording shared by the checks of JSON records users can edit (groundwork.json and its "resources"):
// each problem names its field and says what it must be and what it is.

export const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A value as a problem mentions it: its kind, and a short JSON form for scalars. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  const shown = JSON.stringify(value);
  return `${typeof value} ${shown.length > 60 ? `${shown.slice(0, 57)}...` : shown}`;
}

/** `"field" must be <what>, not <value>`, or that it is missing. */
export const expected = (field: string, what: string, value: unknown): string =>
  value === undefined ? `${field} is missing (it must be ${what})` : `${field} must be ${what}, not ${describe(value)}`;
