// The service of one resource: its rules, cache-aside reads, invalidation on writes, domain events.
// Every API style calls it, so what it checks here (fields, references, page size, cursor) is a client
// error in each of them. A resource's service.ts binds it to the resource's names, rules and repository.
import type { AppContext } from '../context.js';
import { asResourceEventBus } from '../events.js';
import { cacheRequestsCounter } from '../metrics.js';
import type { Cache } from '../ports.js';
import { decodeCursor } from './cursor.js';
import { checkPageLimit } from './page.js';
import { type Crud, PreconditionFailed, type ResourceRecord } from './records.js';
import { canonicalId } from './uuid.js';

export interface ResourceServiceOptions<T extends ResourceRecord, I, P> {
  /** Names the events: `${singular}.created`, `.updated`, `.deleted`. */
  singular: string;
  /** Names the cache keys (`${plural}:${id}`) and the log component. */
  plural: string;
  repository: Crud<T, I, P>;
  /** Read through on get, invalidated on writes (`app.cache`). */
  cache: Cache;
  /** Checks and normalizes what a client sends (field-rules.ts); throws 422. */
  normalizeInput: (input: I) => I;
  normalizePatch: (patch: P) => P;
  /** Throws 422 when normalized values reference a record that does not exist. */
  checkRefs?: (values: I | P) => Promise<void>;
}

export function createResourceService<T extends ResourceRecord, I, P>(ctx: AppContext, options: ResourceServiceOptions<T, I, P>): Crud<T, I, P> {
  const { singular, plural, repository, cache, normalizeInput, normalizePatch, checkRefs } = options;
  const ttl = ctx.config.CACHE_TTL_SECONDS;
  const cacheRequests = cacheRequestsCounter(ctx.metrics);
  const events = asResourceEventBus(ctx.events);
  const log = ctx.logger.child({ component: plural });
  const cacheKey = (id: string): string => `${plural}:${id}`;

  // The cache is an optimisation: its failures are logged and the repository answers.
  async function cached(id: string): Promise<T | undefined> {
    try {
      const hit = await cache.get(cacheKey(id));
      cacheRequests.inc({ cache: cache.kind, result: hit === undefined ? 'miss' : 'hit' });
      return hit === undefined ? undefined : (JSON.parse(hit) as T);
    } catch (err) {
      log.warn({ err }, 'cache read failed');
      return undefined;
    }
  }
  async function store(record: T): Promise<void> {
    await cache.set(cacheKey(record.id), JSON.stringify(record), ttl).catch((err: unknown) => log.warn({ err }, 'cache write failed'));
  }
  async function invalidate(id: string): Promise<void> {
    await cache.delete(cacheKey(id)).catch((err: unknown) => log.warn({ err }, 'cache invalidation failed'));
  }

  // A cached copy may be older than the record (a read that missed can store what it read after a write
  // invalidated): when a write conditional on the record is refused, drop it, so the client's re-read is fresh.
  const afterRefusal = (id: string) => async (error: unknown) => {
    if (error instanceof PreconditionFailed) await invalidate(id);
    throw error;
  };

  return {
    async create(input) {
      const values = normalizeInput(input);
      await checkRefs?.(values);
      const record = await repository.create(values);
      await events.emit(`${singular}.created`, record);
      return record;
    },
    async get(requested) {
      const id = canonicalId(requested);
      const hit = await cached(id);
      if (hit) return hit;
      const record = await repository.get(id);
      if (record) await store(record);
      return record;
    },
    async list({ limit, after }) {
      if (after !== undefined) decodeCursor(after);
      return repository.list({ limit: checkPageLimit(limit), after });
    },
    async update(requested, patch, options) {
      const id = canonicalId(requested);
      const values = normalizePatch(patch);
      await checkRefs?.(values);
      const record = await repository.update(id, values, options).catch(afterRefusal(id));
      await invalidate(id);
      if (record) await events.emit(`${singular}.updated`, record);
      return record;
    },
    async delete(requested, options) {
      const id = canonicalId(requested);
      const deleted = await repository.delete(id, options).catch(afterRefusal(id));
      await invalidate(id);
      if (deleted) await events.emit(`${singular}.deleted`, { id });
      return deleted;
    },
  };
}
