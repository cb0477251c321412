// /v1/notes: create, list (cursor pagination), read (ETag/304), patch, delete. Input is checked by the
// schemas (see strict-input.ts) and again by the notes service, which every API style shares.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requirePrincipal } from '../../core/auth.js';
import type { AppContext } from '../../core/context.js';
import { HttpProblem } from '../../core/errors.js';
import { PAGE_LIMIT_DEFAULT } from '../../features/notes/index.js';
import { ifNoneMatchHits, strongEtag } from './etag.js';
import {
  IfNoneMatchHeaders,
  ListQuerySchema,
  NoteInputSchema,
  NoteParamsSchema,
  NotePageSchema,
  NotePatchSchema,
  NoteSchema,
  ProblemSchema,
} from './schemas.js';

const tags = ['notes'];
const problems = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, ProblemSchema]));

/** Sends 304 when the client already has this representation, otherwise the body with its ETag. */
function conditional<T>(request: FastifyRequest, reply: FastifyReply, body: T): T | FastifyReply {
  const etag = strongEtag(body);
  reply.header('etag', etag).header('cache-control', 'private, no-cache');
  if (ifNoneMatchHits(request.headers['if-none-match'], etag)) return reply.code(304).send();
  return body;
}

export async function notesRoutes(scope: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();
  const notes = scope.notesService;
  const writeGuard = requirePrincipal(() => ctx.ports.authenticator);
  const notFound = (id: string) => new HttpProblem(404, `Note ${id} not found`);

  app.post(
    '/notes',
    { onRequest: writeGuard, schema: { tags, summary: 'Create a note', body: NoteInputSchema, response: { 201: NoteSchema, ...problems(400, 401, 422, 429) } } },
    async (request, reply) => {
      const note = await notes.create(request.body);
      return reply.code(201).header('location', `${request.url.split('?')[0]}/${encodeURIComponent(note.id)}`).send(note);
    },
  );

  app.get(
    '/notes',
    { schema: { tags, summary: 'List notes (oldest first)', querystring: ListQuerySchema, headers: IfNoneMatchHeaders, response: { 200: NotePageSchema, ...problems(400, 429) } } },
    async (request, reply) => conditional(request, reply, await notes.list({ limit: request.query.limit ?? PAGE_LIMIT_DEFAULT, after: request.query.after })),
  );

  app.get(
    '/notes/:id',
    { schema: { tags, summary: 'Get a note', params: NoteParamsSchema, headers: IfNoneMatchHeaders, response: { 200: NoteSchema, ...problems(404, 429) } } },
    async (request, reply) => {
      const note = await notes.get(request.params.id);
      if (!note) throw notFound(request.params.id);
      return conditional(request, reply, note);
    },
  );

  app.patch(
    '/notes/:id',
    { onRequest: writeGuard, schema: { tags, summary: 'Update a note', params: NoteParamsSchema, body: NotePatchSchema, response: { 200: NoteSchema, ...problems(400, 401, 404, 422, 429) } } },
    async (request, reply) => {
      const note = await notes.update(request.params.id, request.body);
      if (!note) throw notFound(request.params.id);
      reply.header('etag', strongEtag(note));
      return note;
    },
  );

  app.delete(
    '/notes/:id',
    { onRequest: writeGuard, schema: { tags, summary: 'Delete a note', params: NoteParamsSchema, response: { 204: { type: 'null', description: 'Deleted' }, ...problems(401, 404, 429) } } },
    async (request, reply) => {
      if (!(await notes.delete(request.params.id))) throw notFound(request.params.id);
      return reply.code(204).send(null);
    },
  );
}
