// Strong ETags over the serialized representation, and If-None-Match and If-Match evaluation (RFC 9110 §13.1).
import { createHash } from 'node:crypto';

export function strongEtag(representation: unknown): string {
  return `"${createHash('sha256').update(JSON.stringify(representation)).digest('base64url')}"`;
}

/** If-None-Match uses weak comparison: W/"x" matches "x". */
export function ifNoneMatchHits(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

/**
 * The precondition of an If-Match header, for a repository to check atomically with its write; none
 * without the header. Strong comparison (§13.1.1): a weak tag never matches, and "*" matches any record.
 */
export function ifMatchPrecondition(header: string | undefined): ((current: unknown) => boolean) | undefined {
  if (header === undefined) return undefined;
  if (header.trim() === '*') return () => true;
  const tags = header.split(',').map((tag) => tag.trim());
  return (current) => tags.includes(strongEtag(current));
}
