// Timestamps come from PostgreSQL as text (drizzle's string mode) and are read here, not by `new Date`:
// engines read PostgreSQL's "0001-01-01 00:00:00+00" with a two-digit-year rule, giving 2001.

// DateStyle ISO output of timestamptz; the offset has minutes or seconds in some zones and eras.
const TIMESTAMPTZ = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?([+-])(\d{2})(?::(\d{2}))?(?::(\d{2}))?$/;

/** A timestamptz as Date#toISOString spells it (UTC, ms), the form records use. */
export function isoFromTimestamptz(text: string): string {
  const match = TIMESTAMPTZ.exec(text);
  // The text is a stored value: the message does not repeat it.
  if (!match) throw new Error('PostgreSQL returned a timestamp in an unexpected format (is DateStyle ISO?)');
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const [fraction = '', sign, offsetHours, offsetMinutes = '0', offsetSeconds = '0'] = match.slice(7);
  // setUTCFullYear, unlike Date.UTC, keeps years 0-99 as they are.
  const local = new Date(0);
  local.setUTCFullYear(year, month - 1, day);
  local.setUTCHours(hour, minute, second, Number(fraction.slice(0, 3).padEnd(3, '0')));
  const offset = (sign === '-' ? -1 : 1) * (Number(offsetHours) * 3600 + Number(offsetMinutes) * 60 + Number(offsetSeconds));
  return new Date(local.getTime() - offset * 1000).toISOString();
}
