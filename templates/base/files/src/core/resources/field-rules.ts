// Field rules: one per field type, the same for every resource, store and API style. A rule returns the
// value to store or throws 422 naming the field's key, never echoing the client's value. API schemas
// refuse most of this earlier; the rules are what every style (and every caller of a service) shares.
import { HttpProblem } from '../errors.js';
import { ID_MAX } from './cursor.js';
import { isIsoInstant } from './instant.js';
import { checkText } from './text-rule.js';
import { canonicalId } from './uuid.js';

export const STRING_MAX = 200;
export const TEXT_MAX = 10_000;
/** The range of SQL integer, GraphQL Int and protobuf int32. */
export const INT32_MIN = -2_147_483_648;
export const INT32_MAX = 2_147_483_647;

/** Checks one field's value and returns it as stored; throws HttpProblem(422). */
export type FieldRule<T> = (value: unknown) => T;

const invalid = (key: string, must: string): HttpProblem => new HttpProblem(422, `${key} must ${must}`);

function stringIn(key: string, value: unknown): string {
  if (typeof value !== 'string') throw invalid(key, 'be a string');
  return value;
}

// JSON has no negative zero: -0 would be stored as -0 and come back from a cache as 0.
const withoutNegativeZero = (value: number): number => value + 0;

// RFC 3339 section 5.6: full-date "T" full-time, with "Z" or a numeric offset; second 60 (a leap second)
// rolls over to the next minute, as PostgreSQL does.
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:[Zz]|([+-])(\d{2}):(\d{2}))$/;

/** The instant as Date#toISOString spells it (UTC, ms; finer digits are dropped), or undefined. */
function parseDateTime(text: string): string | undefined {
  const match = RFC3339.exec(text);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const [fraction = '', sign, offsetHours = '0', offsetMinutes = '0'] = match.slice(7);
  if (hour > 23 || minute > 59 || second > 60 || Number(offsetHours) > 23 || Number(offsetMinutes) > 59) return undefined;
  // setUTCFullYear, unlike Date.UTC, keeps years 0-99 as they are.
  const local = new Date(0);
  local.setUTCFullYear(year, month - 1, day);
  if (local.getUTCMonth() !== month - 1 || local.getUTCDate() !== day) return undefined; // 2024-02-30, month 13
  local.setUTCHours(hour, minute, second, Number(fraction.slice(0, 3).padEnd(3, '0')));
  const offset = (sign === '-' ? -1 : 1) * (Number(offsetHours) * 60 + Number(offsetMinutes));
  const instant = new Date(local.getTime() - offset * 60_000);
  if (Number.isNaN(instant.getTime())) return undefined;
  const iso = instant.toISOString();
  // 0001-01-01T00:30:00+01:00 is in year 0 in UTC, which PostgreSQL cannot store.
  return isIsoInstant(iso) ? iso : undefined;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The rule of each field type; a resource's rules.ts names one per field. */
export const fieldRule = {
  /** Trimmed, not blank, at most STRING_MAX characters, text rule. */
  string:
    (key: string): FieldRule<string> =>
    (value) => {
      const trimmed = checkText(key, stringIn(key, value)).trim();
      if (trimmed.length === 0) throw invalid(key, 'not be blank');
      if (trimmed.length > STRING_MAX) throw invalid(key, `be at most ${STRING_MAX} characters`);
      return trimmed;
    },
  /** Kept as sent (may be empty), at most TEXT_MAX characters, text rule. */
  text:
    (key: string): FieldRule<string> =>
    (value) => {
      const text = stringIn(key, value);
      if (text.length > TEXT_MAX) throw invalid(key, `be at most ${TEXT_MAX} characters`);
      return checkText(key, text);
    },
  integer:
    (key: string): FieldRule<number> =>
    (value) => {
      if (typeof value !== 'number' || !Number.isInteger(value) || value < INT32_MIN || value > INT32_MAX) {
        throw invalid(key, `be an integer from ${INT32_MIN} to ${INT32_MAX}`);
      }
      return withoutNegativeZero(value);
    },
  /** A finite double. */
  number:
    (key: string): FieldRule<number> =>
    (value) => {
      if (typeof value !== 'number' || !Number.isFinite(value)) throw invalid(key, 'be a finite number');
      return withoutNegativeZero(value);
    },
  boolean:
    (key: string): FieldRule<boolean> =>
    (value) => {
      if (typeof value !== 'boolean') throw invalid(key, 'be true or false');
      return value;
    },
  /** RFC 3339 with an offset, returned as Date#toISOString gives it (UTC, ms). */
  datetime:
    (key: string): FieldRule<string> =>
    (value) => {
      const iso = typeof value === 'string' ? parseDateTime(value) : undefined;
      if (iso === undefined) throw invalid(key, 'be an RFC 3339 date-time with an offset in the years 0001 to 9999, e.g. 2026-01-02T03:04:05Z');
      return iso;
    },
  /** Any version, returned lowercase. */
  uuid:
    (key: string): FieldRule<string> =>
    (value) => {
      if (typeof value !== 'string' || !UUID.test(value)) throw invalid(key, 'be a UUID, e.g. 6f1c2a52-4c8e-4a8f-9d59-1f0b6d7f1a01');
      return value.toLowerCase();
    },
  enum:
    <const V extends readonly string[]>(key: string, values: V): FieldRule<V[number]> =>
    (value) => {
      if (typeof value !== 'string' || !values.includes(value)) throw invalid(key, `be one of ${values.join(', ')}`);
      return value;
    },
  /** The shape of an id, in its canonical spelling; that the record exists is the service's check (it needs the repository). */
  ref:
    (key: string): FieldRule<string> =>
    (value) => {
      if (typeof value !== 'string' || value.length === 0 || value.length > ID_MAX) throw invalid(key, `be an id of 1 to ${ID_MAX} characters`);
      return canonicalId(checkText(key, value));
    },
  /** Omitted or null is null; anything else must pass `rule`. */
  optional:
    <T>(rule: FieldRule<T>): FieldRule<T | null> =>
    (value) =>
      value === undefined || value === null ? null : rule(value),
};

/** A rule for every field of an input: what a resource's rules.ts declares. */
export type FieldRules<I> = { [K in keyof I]-?: FieldRule<Exclude<I[K], undefined>> };

const keysOf = <I>(rules: FieldRules<I>): Array<keyof I & string> => Object.keys(rules) as Array<keyof I & string>;

/** Every field checked (an omitted optional one becomes null); keys without a rule are dropped. */
export function checkFields<I>(rules: FieldRules<I>, input: I): I {
  const checked: Partial<I> = {};
  for (const key of keysOf(rules)) checked[key] = rules[key](input[key]);
  return checked as I;
}

/** The fields a patch sets, checked; throws 422 when it sets none. */
export function checkPatchFields<I>(rules: FieldRules<I>, patch: Partial<I>): Partial<I> {
  const checked: Partial<I> = {};
  for (const key of keysOf(rules)) {
    if (patch[key] !== undefined) checked[key] = rules[key](patch[key]);
  }
  if (Object.keys(checked).length === 0) throw new HttpProblem(422, `patch must change ${alternatives(keysOf(rules))}`);
  return checked;
}

/** "title", "title or body", "title, body or tags". */
const alternatives = (keys: string[]): string => (keys.length < 2 ? keys.join('') : `${keys.slice(0, -1).join(', ')} or ${keys.at(-1)}`);
