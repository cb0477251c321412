// DATETIME(3) holds UTC wall-clock time, written and read as text ("2026-12-02 13:45:00.123"; drizzle's
// string mode): no time zone setting of the server or the session changes it, and years below 1000,
// which `new Date` reads with a two-digit-year rule, keep their value.

const DATETIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?$/;

/** An RFC 3339 instant (records carry Date#toISOString's form; years 0000-9999) as DATETIME(3) text in UTC. */
export const datetimeFromIso = (iso: string): string => new Date(iso).toISOString().slice(0, 23).replace('T', ' ');

/** DATETIME(3) text as Date#toISOString spells it (UTC, ms), the form records use. */
export function isoFromDatetime(text: string): string {
  const match = DATETIME.exec(text);
  // The text is a stored value: the message does not repeat it.
  if (!match) throw new Error('MySQL returned a DATETIME in an unexpected format');
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  // setUTCFullYear, unlike Date.UTC, keeps years 0-99 as they are.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, Number((match[7] ?? '').slice(0, 3).padEnd(3, '0')));
  return date.toISOString();
}
