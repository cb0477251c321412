// `buf curl` is a gRPC client that shares nothing with this code: every service through server
// reflection, the health service with its proto given explicitly (reflection cannot describe it: grpcurl#519).
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';
import { protoPath as healthProtoPath } from 'grpc-health-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authHeaders } from './support/auth.js';
import { grpcTestApp, metadataOf, testServices, type GrpcTestApp } from './support/grpc.js';
import { PROBE_SERVICE } from './support/grpc-probe.js';
import { grpcResources, messageFields, validRequest, type GrpcResource } from './support/grpc-resources.js';

const BUF = createRequire(import.meta.url).resolve('@bufbuild/buf/bin/buf'); // a launcher of the platform's binary
const run = promisify(execFile);

describe('gRPC with buf curl', () => {
  let app: GrpcTestApp;
  let authorization: string | undefined;
  const buf = async (args: string[]) => {
    const { stdout } = await run(process.execPath, [BUF, 'curl', '--protocol', 'grpc', '--http2-prior-knowledge', ...args], { timeout: 30_000 });
    return stdout;
  };
  const url = (method: string) => `http://${app.address}/${method}`;
  beforeAll(async () => {
    app = await grpcTestApp({ RATE_LIMIT_MAX: '10000' });
    authorization = (await authHeaders()).authorization;
  });
  afterAll(() => app.app.close());

  it('lists every method of every service through reflection', async () => {
    const methods = (await buf(['--list-methods', `http://${app.address}`])).trim().split('\n');
    const expected = testServices.flatMap((service) => (service.name === PROBE_SERVICE ? ['Echo', 'Write', 'Listen'] : ['Get', 'List', 'Create', 'Update', 'Delete', 'Watch']).map((m) => `${service.name}/${m}`));
    expect(methods).toEqual(expect.arrayContaining(expected));
  });

  it('calls a method without the proto, and reads its status', async () => {
    expect(JSON.parse(await buf(['-d', '{"text":"from buf"}', url(`${PROBE_SERVICE}/Echo`)]))).toEqual({ text: 'from buf' });
    const failure = await buf(['-d', '{"failWithStatus":404}', url(`${PROBE_SERVICE}/Echo`)]).catch((error: { stderr: string }) => error.stderr);
    expect(JSON.parse(failure)).toMatchObject({ code: 'not_found', message: 'Failed with 404' });
  });

  it.each(Object.entries(grpcResources as Record<string, GrpcResource>))('creates and reads %s without the proto, in the proto3 JSON mapping', async (name, resource) => {
    const headers = authorization ? ['-H', `authorization: ${authorization}`] : [];
    const request = await validRequest(app.address, metadataOf(authorization ? { authorization } : {}), name);
    const created = JSON.parse(await buf([...headers, '-d', JSON.stringify(request), url(`${resource.service}/Create`)]));
    const fields = Object.entries(messageFields(resource, request)).filter(([key]) => !key.startsWith('_')); // JSON has no presence oneofs
    expect(created).toMatchObject(Object.fromEntries(fields));
    expect(created.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(JSON.parse(await buf(['-d', JSON.stringify({ id: created.id }), url(`${resource.service}/Get`)]))).toEqual(created);
  });

  it('checks health with the health proto as schema', async () => {
    for (const service of ['', ...testServices.map((s) => s.name)]) {
      const out = await buf(['--schema', healthProtoPath, '-d', JSON.stringify({ service }), url('grpc.health.v1.Health/Check')]);
      expect(JSON.parse(out), service).toEqual({ status: 'SERVING' });
    }
  });
});
