const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids are uuid columns: anything else would be a query error, not a missing record. */
export const isUuid = (value: string): boolean => UUID.test(value);
