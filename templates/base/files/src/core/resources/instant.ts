// The one spelling of an instant that records, cursors and every store share.

// Exactly what Date#toISOString gives for years 1-9999: Date.parse also takes "0", "2024-02-30" or year
// +275760, which PostgreSQL refuses (and a store would have to turn into a 500).
const ISO_MS = /^(?!0000)\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** True when `value` is what Date#toISOString returns for an instant in the years 1 to 9999. */
export const isIsoInstant = (value: string): boolean => ISO_MS.test(value) && new Date(value).toISOString() === value;
