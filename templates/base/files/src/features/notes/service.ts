// The notes service: domain rules, cache-aside reads, invalidation on writes, domain events. Every API
// style calls it, so what it checks here (text, page size, cursor) is a client error in each of them.
import type { AppContext } from '../../core/context.js';
import { cacheRequestsCounter } from '../../core/metrics.js';
import type { Note, NoteInput, NotePatch, NotesRepository, Page } from '../../core/ports.js';
import { decodeCursor } from './cursor.js';
import { checkPageLimit, normalizeInput, normalizePatch } from './rules.js';

export interface NotesService {
  create(input: NoteInput): Promise<Note>;
  get(id: string): Promise<Note | undefined>;
  list(options: { limit: number; after?: string }): Promise<Page<Note>>;
  update(id: string, patch: NotePatch): Promise<Note | undefined>;
  delete(id: string): Promise<boolean>;
}

const cacheKey = (id: string): string => `notes:${id}`;

export function createNotesService(ctx: AppContext): NotesService {
  const repository: NotesRepository | undefined = ctx.ports.notes;
  if (!repository) throw new Error('No NotesRepository: add a db module (e.g. notes-memory) before the api modules');
  const { cache } = ctx.ports;
  const ttl = ctx.config.NOTES_CACHE_TTL_SECONDS;
  const cacheRequests = cacheRequestsCounter(ctx.metrics);
  const log = ctx.logger.child({ component: 'notes' });

  // The cache is an optimisation: its failures are logged and the repository answers.
  async function cached(id: string): Promise<Note | undefined> {
    try {
      const hit = await cache.get(cacheKey(id));
      cacheRequests.inc({ cache: cache.kind, result: hit === undefined ? 'miss' : 'hit' });
      return hit === undefined ? undefined : (JSON.parse(hit) as Note);
    } catch (err) {
      log.warn({ err }, 'cache read failed');
      return undefined;
    }
  }
  async function store(note: Note): Promise<void> {
    await cache.set(cacheKey(note.id), JSON.stringify(note), ttl).catch((err: unknown) => log.warn({ err }, 'cache write failed'));
  }
  async function invalidate(id: string): Promise<void> {
    await cache.delete(cacheKey(id)).catch((err: unknown) => log.warn({ err }, 'cache invalidation failed'));
  }

  return {
    async create(input) {
      const note = await repository.create(normalizeInput(input));
      await ctx.events.emit('note.created', note);
      return note;
    },
    async get(id) {
      const hit = await cached(id);
      if (hit) return hit;
      const note = await repository.get(id);
      if (note) await store(note);
      return note;
    },
    async list({ limit, after }) {
      if (after !== undefined) decodeCursor(after);
      return repository.list({ limit: checkPageLimit(limit), after });
    },
    async update(id, patch) {
      const note = await repository.update(id, normalizePatch(patch));
      await invalidate(id);
      if (note) await ctx.events.emit('note.updated', note);
      return note;
    },
    async delete(id) {
      const deleted = await repository.delete(id);
      await invalidate(id);
      if (deleted) await ctx.events.emit('note.deleted', { id });
      return deleted;
    },
  };
}
