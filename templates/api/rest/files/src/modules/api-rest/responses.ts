// Response helpers every resource's routes share: problem responses for the document, conditional GETs.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ifNoneMatchHits, strongEtag } from './etag.js';
import { ProblemSchema } from './schemas.js';

/** The response schemas of the given error statuses: each is problem+json. */
export const problems = (...codes: number[]) => Object.fromEntries(codes.map((code) => [code, ProblemSchema]));

/** Sends 304 when the client already has this representation, otherwise the body with its ETag. */
export function conditional<T>(request: FastifyRequest, reply: FastifyReply, body: T): T | FastifyReply {
  const etag = strongEtag(body);
  reply.header('etag', etag).header('cache-control', 'private, no-cache');
  if (ifNoneMatchHits(request.headers['if-none-match'], etag)) return reply.code(304).send();
  return body;
}

/** The URL of a record created by a POST to its collection. */
export const locationOf = (request: FastifyRequest, id: string): string => `${request.url.split('?')[0]}/${encodeURIComponent(id)}`;
