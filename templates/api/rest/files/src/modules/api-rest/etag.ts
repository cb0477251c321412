// Strong ETags over the serialized representation, and If-None-Match evaluation (RFC 9110 §13.1.2).
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
