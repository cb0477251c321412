// Property: whatever a client sends to the gRPC port (any bytes as any method's message, with any
// metadata, malformed HTTP/2 requests and frames), the status is a client's one, never INTERNAL, UNKNOWN
// or DATA_LOSS, nothing is logged as a server failure, and the server stays healthy. Well-formed
// messages with hostile field values: each resource's grpc-hostile.test.ts.
import { status, type ServiceDefinition } from '@grpc/grpc-js';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadProtos } from '../src/modules/api-grpc/proto.js';
import { resourceServices } from '../src/modules/api-grpc/resource-services.js';
import { grpcTestApp, healthClient, metadataOf, serviceClient, unary, type GrpcTestApp } from './support/grpc.js';
import { PROBE_SERVICE, type ProbeClient } from './support/grpc-probe.js';
import { grpcFrame, http2Call, RawGrpcClient } from './support/grpc-raw.js';
import { captureLogs } from './support/log-capture.js';

const SERVER_FAULTS = new Set([status.INTERNAL, status.UNKNOWN, status.DATA_LOSS]);
/** Every unary method of the resources' services, from the protos the app loads (the probe fails on request, so it is left out). */
const UNARY_METHODS = Object.values(loadProtos(resourceServices.map((service) => service.proto))).flatMap((definition) =>
  'format' in definition ? [] : Object.values(definition as ServiceDefinition).flatMap((method) => (method.responseStream ? [] : [method.path])),
);
const PATHS = [...UNARY_METHODS, '/grpc.health.v1.Health/Check', `/${PROBE_SERVICE}/Nope`, '/nope.Service/Get'];

/** Text a metadata value may hold (grpc-js refuses to send anything else). */
const headerText = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 60 });

function expectClientStatus(what: unknown, code: status | undefined): void {
  expect(SERVER_FAULTS.has(code as status), `${status[code as status]} for ${JSON.stringify(what).slice(0, 300)}`).toBe(false);
}

describe('gRPC under hostile input', () => {
  let app: GrpcTestApp;
  let raw: RawGrpcClient;
  const logs = captureLogs();
  beforeAll(async () => {
    app = await grpcTestApp({ RATE_LIMIT_MAX: '1000000', LOG_LEVEL: 'warn' }, { logStream: logs.stream });
    raw = new RawGrpcClient(app.address);
  });
  afterAll(async () => {
    raw.close();
    await app.app.close();
  });

  it('answers any bytes as any method message, with any metadata, with a client status', async () => {
    const metadata = fc.dictionary(fc.constantFrom('authorization', 'x-request-id', 'x-forwarded-for', 'traceparent', 'user-agent', 'x-anything'), headerText, { maxKeys: 4 });
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...PATHS), fc.uint8Array({ maxLength: 300 }), metadata, async (path, bytes, headers) => {
        const answer = await raw.unary(path, Buffer.from(bytes), metadataOf(headers));
        expectClientStatus({ path, bytes: Buffer.from(bytes).toString('hex'), headers }, answer.code);
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
      fc.asyncProperty(fc.constantFrom(...PATHS), fc.array(frame, { maxLength: 3 }), headers, async (path, frames, fields) => {
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
    const probe = serviceClient<ProbeClient>(app.address, PROBE_SERVICE);
    try {
      expect((await unary<{ status: string }>((cb) => health.Check({ service: '' }, cb))).value).toEqual({ status: 'SERVING' });
      expect((await unary((cb) => probe.Echo({ text: 'after' }, cb))).value).toEqual({ text: 'after' });
    } finally {
      health.close();
      probe.close();
    }
    expect((await app.app.inject('/livez')).statusCode).toBe(200);
    expect(logs.lines.filter((line) => line.level >= 50)).toEqual([]);
  });
});
