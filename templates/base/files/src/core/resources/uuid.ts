const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids are uuid columns: anything else would be a query error, not a missing record. */
export const isUuid = (value: string): boolean => UUID.test(value);

/**
 * An id as records carry it: a UUID in lowercase (as every store makes them), anything else unchanged.
 * Stores compare ids differently (PostgreSQL's uuid ignores case, so does MySQL's default collation, a
 * memory Map does not): one spelling per record keeps them, and the cache keys, alike.
 */
export const canonicalId = (id: string): string => (isUuid(id) ? id.toLowerCase() : id);
