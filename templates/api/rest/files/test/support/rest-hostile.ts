// Property-based: hostile input in any part of a REST request (body, query string, path, headers) gets a
// client error as problem+json, never a 5xx; nothing is stored and the app stays healthy. One suite for
// every resource: each resource's rest-hostile.test.ts runs it against the stack's store (and PostgreSQL).
import fc from 'fast-check';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { PAGE_LIMIT_MAX } from '../../src/core/resources/page.js';
import { hostileCursor, hostilePageSizeText, hostileText, wrongTypeValue } from './hostile-input.js';
import { type ResourceName, type RestField, type RestResource, restResources, validInput } from './rest-resources.js';

const RUNS = { numRuns: 60 };

/** Test env for the suite: a rate limit it never reaches. */
export const hostileTestEnv = { RATE_LIMIT_MAX: '1000000' };

export function expectClientError(res: LightMyRequestResponse, what: unknown): void {
  expect(res.statusCode, JSON.stringify(what)?.slice(0, 200)).toBeGreaterThanOrEqual(400);
  expect(res.statusCode).toBeLessThan(500);
  expect(res.headers['content-type']).toContain('application/problem+json');
  expect(res.json()).toMatchObject({ status: res.statusCode });
}

/** encodeURIComponent, except that a lone surrogate becomes its (invalid) 3-byte UTF-8 form instead of throwing. */
const percentEncode = (text: string): string =>
  [...text]
    .map((c) => {
      if (c.isWellFormed()) return encodeURIComponent(c);
      const u = c.charCodeAt(0);
      return [0xe0 | (u >> 12), 0x80 | ((u >> 6) & 0x3f), 0x80 | (u & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join('');
    })
    .join('');

// Raw query-string pieces: broken escapes, invalid UTF-8 bytes, nested/duplicate keys, prototype names.
const rawQueryPiece = fc.oneof(
  fc.constantFrom(
    '%',
    '%zz',
    '%00',
    '%ED%A0%80',
    '%C0%AF',
    '%FF%FE',
    '&&',
    '==',
    '+',
    '#',
    '?',
    'limit[]=1',
    'after[a]=1',
    '__proto__[x]=1',
    'constructor=1',
    'limit=1&limit=2',
  ),
  fc.uint8Array({ minLength: 1, maxLength: 8 }).map((bytes) => [...bytes].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('')),
  fc.string({ unit: 'grapheme-ascii', maxLength: 12 }).map((s) => s.replace(/#/g, '')),
);

// Header values Node's HTTP parser lets through (visible ASCII, tab, obs-text); anything else never
// reaches the app (the parser answers 400 itself).
const headerValue = fc.oneof(
  fc.string({
    unit: fc
      .integer({ min: 0x20, max: 0xff })
      .filter((c) => c !== 0x7f)
      .map((c) => String.fromCharCode(c)),
    maxLength: 60,
  }),
  fc.constantFrom(
    '*',
    'W/',
    '""',
    'W/"x", *',
    'Bearer',
    'Bearer ',
    'Basic Og==',
    'Bearer a.b.c',
    'application/json; charset=latin1',
    'text/plain',
    'application/x-www-form-urlencoded',
  ),
  fc.integer({ min: 1000, max: 8000 }).map((n) => '"'.padEnd(n, 'x')),
);
const headerName = fc.constantFrom(
  'if-none-match',
  'authorization',
  'accept',
  'accept-encoding',
  'content-type',
  'x-request-id',
  'x-forwarded-for',
  'traceparent',
  'origin',
);

const JSON_TYPE: Record<RestField['type'], string> = {
  string: 'string',
  text: 'string',
  datetime: 'string',
  uuid: 'string',
  enum: 'string',
  ref: 'string',
  integer: 'number',
  number: 'number',
  boolean: 'boolean',
};
const jsonTypeOf = (value: unknown): string => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value);

/** JSON values of another type than the field's (as they arrive: NaN is sent as null); null only where the field is required. */
const wrongTypeFor = (field: RestField): fc.Arbitrary<unknown> =>
  fc
    .oneof(wrongTypeValue, fc.string({ maxLength: 10 }))
    .map((value) => JSON.parse(JSON.stringify(value)) as unknown)
    .filter((value) => jsonTypeOf(value) !== JSON_TYPE[field.type] && !(value === null && field.optional));

export interface HostileTarget {
  app: FastifyInstance;
  headers: Record<string, string>;
}

/** Registers the properties for one resource; `target` is read once the app is built. */
export function hostileInputProperties(name: ResourceName, target: () => HostileTarget): void {
  const { path, fields }: RestResource = restResources[name];
  const textFields = fields.filter((field) => field.type === 'string' || field.type === 'text');
  const requiredFields = fields.filter((field) => !field.optional);
  const send = (options: InjectOptions | string) => target().app.inject(options);
  const post = (payload: unknown) =>
    send({ method: 'POST', url: path, headers: { ...target().headers, 'content-type': 'application/json' }, payload: JSON.stringify(payload) });

  const snapshot = async (): Promise<string[]> => {
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page: { items: Array<{ id: string; updatedAt: string }>; nextCursor: string | null } = (
        await send(`${path}?limit=${PAGE_LIMIT_MAX}${after ? `&after=${after}` : ''}`)
      ).json();
      seen.push(...page.items.map((record) => `${record.id}@${record.updatedAt}`));
      after = page.nextCursor;
    } while (after);
    return seen;
  };
  let before: string[];
  let existing: { id: string };
  let valid: Record<string, unknown>;
  let firstKey: string;
  beforeAll(async () => {
    valid = await validInput(target().app, target().headers, name);
    firstKey = Object.keys(valid)[0] ?? '';
    existing = (await post(valid)).json();
    before = await snapshot();
  });

  const expectHealthyAndUnchanged = async () => {
    expect(await snapshot()).toEqual(before);
    expect((await send('/livez')).statusCode).toBe(200);
    const created = await post(valid);
    expect(created.statusCode).toBe(201);
    expect((await send(`${path}/${created.json().id}`)).json()).toEqual(created.json());
    expect((await send({ method: 'DELETE', url: `${path}/${created.json().id}`, headers: target().headers })).statusCode).toBe(204);
  };

  it.skipIf(textFields.length === 0)('refuses hostile text in every string and text field on create and update', async () => {
    await fc.assert(
      fc.asyncProperty(hostileText, fc.subarray(textFields, { minLength: 1 }), async (text, targets) => {
        const changed = Object.fromEntries(targets.map((field) => [field.key, text]));
        const payload = { ...valid, ...changed };
        expectClientError(await post(payload), payload);
        expectClientError(await send({ method: 'PATCH', url: `${path}/${existing.id}`, headers: target().headers, payload: changed }), changed);
      }),
      RUNS,
    );
    await expectHealthyAndUnchanged();
  });

  it('refuses wrong types, missing fields, unknown fields and bodies that are not objects', async () => {
    const wrongField = fc.constantFrom(...fields).chain((field) => wrongTypeFor(field).map((value) => ({ ...valid, [field.key]: value })));
    const missingField =
      requiredFields.length === 0
        ? wrongField
        : fc
            .subarray(requiredFields, { minLength: 1 })
            .map((gone) => Object.fromEntries(Object.entries(valid).filter(([key]) => !gone.some((field) => field.key === key))));
    const payload = fc.oneof(
      wrongField,
      missingField,
      fc.jsonValue().map((extra) => ({ ...valid, notAField: extra })),
      wrongTypeValue.filter((value) => typeof value !== 'object' || value === null || Array.isArray(value)),
      fc.jsonValue({ depthSize: 'large' }).filter((value) => typeof value !== 'object' || value === null || Array.isArray(value)),
    );
    await fc.assert(
      fc.asyncProperty(payload, async (body) => expectClientError(await post(body), body)),
      RUNS,
    );
    await expectHealthyAndUnchanged();
  });

  it('refuses raw bodies: invalid UTF-8, broken or deeply nested JSON, prototype poisoning, wrong content types', async () => {
    const validJson = JSON.stringify(valid);
    const invalidUtf8 = fc
      .tuple(fc.string({ maxLength: 10 }), fc.constantFrom([0xff], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xe2, 0x82], [0xf8, 0x88, 0x80, 0x80, 0x80]))
      .map(([prefix, bytes]) => Buffer.concat([Buffer.from(`{"${firstKey}":"${prefix.replace(/["\\]/g, '')}`), Buffer.from(bytes), Buffer.from('"}')]));
    const brokenJson = fc.oneof(
      fc.string({ maxLength: 30 }).map((s) => Buffer.from(`{"${firstKey}":${s}`)),
      fc.integer({ min: 1000, max: 50_000 }).map((depth) => Buffer.from(`${'['.repeat(depth)}${']'.repeat(depth)}`)),
      fc
        .constantFrom('', ' ', 'null', `{"__proto__":{"x":1},${validJson.slice(1)}`, `{"constructor":{"prototype":{"x":1}},${validJson.slice(1)}`)
        .map((s) => Buffer.from(s)),
    );
    await fc.assert(
      fc.asyncProperty(fc.oneof(invalidUtf8, brokenJson), async (payload) => {
        expectClientError(
          await send({ method: 'POST', url: path, headers: { ...target().headers, 'content-type': 'application/json' }, payload }),
          payload.toString('latin1'),
        );
      }),
      RUNS,
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(
          'text/plain',
          'application/xml',
          'multipart/form-data; boundary=x',
          'application/x-www-form-urlencoded',
          'application/jsonx',
          'gibberish',
        ),
        async (type) => {
          const res = await send({ method: 'POST', url: path, headers: { ...target().headers, 'content-type': type }, payload: validJson });
          expectClientError(res, type);
          expect(res.statusCode, type).toBe(415);
        },
      ),
      { numRuns: 10 },
    );
    await expectHealthyAndUnchanged();
  });

  it('refuses hostile cursors and page sizes in the query string', async () => {
    await fc.assert(
      fc.asyncProperty(hostileCursor, async (after) => expectClientError(await send(`${path}?after=${percentEncode(after)}`), after)),
      { numRuns: 150 },
    );
    await fc.assert(
      fc.asyncProperty(hostilePageSizeText, async (limit) => expectClientError(await send(`${path}?limit=${percentEncode(limit)}`), limit)),
      RUNS,
    );
    await expectHealthyAndUnchanged();
  });

  it('never fails on raw query strings, paths or headers; answers a page or a client error', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(rawQueryPiece, { minLength: 1, maxLength: 4 }), async (pieces) => {
        const res = await send(`${path}?${pieces.join('&')}`);
        if (res.statusCode === 200) expect(res.json()).toMatchObject({ items: expect.any(Array) });
        else expectClientError(res, pieces);
      }),
      RUNS,
    );
    await fc.assert(
      // Raw pieces stay within one path segment: "?", "#" or "/" would make it another URL.
      fc.asyncProperty(
        fc.oneof(
          hostileText.map(percentEncode),
          rawQueryPiece.filter((p) => /^[^?#/]+$/.test(p) && p.trim() === p),
          fc.constantFrom('%2e%2e', '%2F', '%5C', '%20'),
        ),
        async (id) => {
          for (const method of ['GET', 'PATCH', 'DELETE'] as const) {
            const res = await send({
              method,
              url: `${path}/${id}`,
              headers: target().headers,
              ...(method === 'PATCH' && { payload: { [firstKey]: valid[firstKey] } }),
            });
            expectClientError(res, { method, id });
          }
        },
      ),
      RUNS,
    );
    await fc.assert(
      fc.asyncProperty(headerName, headerValue, fc.constantFrom('GET', 'POST'), async (header, value, method) => {
        const headers = { ...target().headers, [header]: value };
        // The POST body is refused (not an object): whatever the headers do, nothing is stored.
        const res = await send(method === 'GET' ? { url: `${path}/${existing.id}`, headers } : { method, url: path, headers, payload: '[]' });
        expect(res.statusCode, `${header}: ${value.slice(0, 80)}`).toBeLessThan(500);
        if (res.statusCode >= 400) expectClientError(res, { header, value });
      }),
      RUNS,
    );
    await expectHealthyAndUnchanged();
  });
}
