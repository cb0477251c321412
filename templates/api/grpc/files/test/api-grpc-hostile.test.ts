// Property: whatever a client sends to the gRPC port (any bytes as any method's message, hostile field
// values and metadata, malformed HTTP/2 requests and frames), the status is a client's one, never
// INTERNAL, UNKNOWN or DATA_LOSS, nothing is logged as a server failure, and the server stays healthy.
import { status } from '@grpc/grpc-js';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NotesServiceClient } from '../src/modules/api-grpc/generated/notes/v1/NotesService.js';
import { authHeaders } from './support/auth.js';
import { grpcTestApp, healthClient, metadataOf, notesClient, unary, type GrpcTestApp } from './support/grpc.js';
import { grpcFrame, http2Call, RawGrpcClient } from './support/grpc-raw.js';
import { hostileCursor, hostilePageSize, hostileText } from './support/hostile-input.js';
import { captureLogs } from './support/log-capture.js';

const SERVER_FAULTS = new Set([status.INTERNAL, status.UNKNOWN, status.DATA_LOSS]);
const METHODS = ['Get', 'List', 'Create', 'Update', 'Delete', 'Watch'].map((m) => `/notes.v1.NotesService/${m}`);
const PATHS = [...METHODS, '/grpc.health.v1.Health/Check', '/notes.v1.NotesService/Nope', '/nope.Service/Get'];

/** Text a metadata value may hold (grpc-js refuses to send anything else). */
const headerText = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 60 });

function expectClientStatus(what: unknown, code: status | undefined): void {
  expect(SERVER_FAULTS.has(code as status), `${status[code as status]} for ${JSON.stringify(what).slice(0, 300)}`).toBe(false);
}

describe('gRPC under hostile input', () => {
  let app: GrpcTestApp;
  let client: NotesServiceClient;
  let raw: RawGrpcClient;
  let writer: Record<string, string>;
  const logs = captureLogs();
  beforeAll(async () => {
    app = await grpcTestApp({ RATE_LIMIT_MAX: '1000000', LOG_LEVEL: 'warn' }, { logStream: logs.stream });
    client = notesClient(app.address);
    raw = new RawGrpcClient(app.address);
    writer = await authHeaders();
  });
  afterAll(async () => {
    client.close();
    raw.close();
    await app.app.close();
  });

  it('answers any bytes as any method message, with any metadata, with a client status', async () => {
    const metadata = fc.dictionary(fc.constantFrom('authorization', 'x-request-id', 'x-forwarded-for', 'traceparent', 'user-agent', 'x-anything'), headerText, { maxKeys: 4 });
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...PATHS.filter((p) => !p.endsWith('/Watch'))), fc.uint8Array({ maxLength: 300 }), metadata, async (path, bytes, headers) => {
        const answer = await raw.unary(path, Buffer.from(bytes), metadataOf(headers));
        expectClientStatus({ path, bytes: Buffer.from(bytes).toString('hex'), headers }, answer.code);
      }),
      { numRuns: 300 },
    );
  });

  it('answers well-formed messages with hostile field values with a client status', async () => {
    const call = fc.oneof(
      fc.record({ method: fc.constant('Get' as const), id: fc.oneof(hostileText, fc.string()) }),
      fc.record({ method: fc.constant('List' as const), pageSize: fc.oneof(hostilePageSize, fc.integer()).map((n) => (Number.isFinite(n) ? Math.trunc(n) | 0 : 0)), pageToken: hostileCursor }),
      fc.record({ method: fc.constant('Create' as const), title: hostileText, body: fc.oneof(hostileText, fc.string()) }),
      fc.record({ method: fc.constant('Update' as const), id: fc.string(), title: fc.option(hostileText, { nil: undefined }), body: fc.option(hostileText, { nil: undefined }) }),
      fc.record({ method: fc.constant('Delete' as const), id: fc.oneof(hostileText, fc.string()) }),
    );
    await fc.assert(
      fc.asyncProperty(call, async ({ method, ...request }) => {
        const auth = metadataOf(writer);
        const answer = await unary((cb) => (client[method] as (r: object, m: typeof auth, c: typeof cb) => ReturnType<NotesServiceClient['Get']>)(request, auth, cb));
        expectClientStatus({ method, request }, answer.error?.code);
      }),
      { numRuns: 300 },
    );
  });

  it('answers malformed HTTP/2 requests (frames, grpc-timeout, grpc-encoding) with a client status or a reset', async () => {
    const frame = fc.oneof(
      fc.uint8Array({ maxLength: 100 }).map((bytes) => grpcFrame(Buffer.from(bytes))),
      fc.tuple(fc.uint8Array({ maxLength: 100 }), fc.boolean(), fc.option(fc.nat(), { nil: undefined })).map(([bytes, compressed, declaredLength]) =>
        grpcFrame(Buffer.from(bytes), { compressed, declaredLength }),
      ),
      fc.uint8Array({ maxLength: 20 }).map((bytes) => Buffer.from(bytes)), // not even a frame
    );
    const headers = fc.record(
      {
        'grpc-timeout': fc.oneof(headerText, fc.stringMatching(/^\d{1,10}[HMSmun]$/)),
        'grpc-encoding': fc.constantFrom('gzip', 'deflate', 'identity', 'br', 'x'),
        'content-type': fc.constantFrom('application/grpc', 'application/grpc+proto', 'application/json', 'text/plain'),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...PATHS.filter((p) => !p.endsWith('/Watch'))), fc.array(frame, { maxLength: 3 }), headers, async (path, frames, fields) => {
        const answer = await http2Call(app.address, path, Buffer.concat(frames), fields);
        const context = { path, frames: frames.map((f) => f.toString('hex')), fields, answer };
        if (answer.httpStatus !== undefined) expect(answer.httpStatus, JSON.stringify(context)).toBeLessThan(500);
        expectClientStatus(context, answer.grpcStatus);
      }),
      { numRuns: 200 },
    );
  });

  it('is still serving afterwards, and logged no server failure', async () => {
    const health = healthClient(app.address);
    try {
      expect((await unary<{ status: string }>((cb) => health.Check({ service: '' }, cb))).value).toEqual({ status: 'SERVING' });
    } finally {
      health.close();
    }
    const created = await unary<{ id: string }>((cb) => client.Create({ title: 'after', body: '' }, metadataOf(writer), cb));
    expect((await unary<{ title: string }>((cb) => client.Get({ id: created.value!.id }, cb))).value?.title).toBe('after');
    expect((await app.app.inject('/livez')).statusCode).toBe(200);
    expect(logs.lines.filter((line) => line.level >= 50)).toEqual([]);
  });
});
