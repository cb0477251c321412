// `buf curl` is a gRPC client that shares nothing with this code: NotesService through server
// reflection, the health service with its proto given explicitly (reflection cannot describe it: grpcurl#519).
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';
import { protoPath as healthProtoPath } from 'grpc-health-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authHeaders } from './support/auth.js';
import { grpcTestApp, type GrpcTestApp } from './support/grpc.js';

const BUF = createRequire(import.meta.url).resolve('@bufbuild/buf/bin/buf'); // a launcher of the platform's binary
const run = promisify(execFile);

describe('gRPC with buf curl', () => {
  let app: GrpcTestApp;
  const buf = async (args: string[]) => {
    const { stdout } = await run(process.execPath, [BUF, 'curl', '--protocol', 'grpc', '--http2-prior-knowledge', ...args], { timeout: 30_000 });
    return stdout;
  };
  const url = (method: string) => `http://${app.address}/${method}`;
  beforeAll(async () => {
    app = await grpcTestApp({ RATE_LIMIT_MAX: '10000' });
  });
  afterAll(() => app.app.close());

  it('lists the services through reflection', async () => {
    expect((await buf(['--list-methods', `http://${app.address}`])).trim().split('\n')).toEqual(
      expect.arrayContaining(['notes.v1.NotesService/Create', 'notes.v1.NotesService/Get', 'notes.v1.NotesService/Watch']),
    );
  });

  it('creates and reads a note without the proto', async () => {
    const authorization = (await authHeaders()).authorization;
    const headers = authorization ? ['-H', `authorization: ${authorization}`] : [];
    const created = JSON.parse(await buf([...headers, '-d', '{"title":"from buf","body":"curl"}', url('notes.v1.NotesService/Create')]));
    expect(created).toMatchObject({ title: 'from buf', body: 'curl' });
    expect(created.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const read = JSON.parse(await buf(['-d', JSON.stringify({ id: created.id }), url('notes.v1.NotesService/Get')]));
    expect(read).toEqual(created);
  });

  it('reports NOT_FOUND as a gRPC status', async () => {
    const failure = await buf(['-d', '{"id":"missing"}', url('notes.v1.NotesService/Get')]).catch((error: { stderr: string }) => error.stderr);
    expect(JSON.parse(failure)).toMatchObject({ code: 'not_found', message: 'Note missing not found' });
  });

  it('checks health with the health proto as schema', async () => {
    const out = await buf(['--schema', healthProtoPath, '-d', '{"service":"notes.v1.NotesService"}', url('grpc.health.v1.Health/Check')]);
    expect(JSON.parse(out)).toEqual({ status: 'SERVING' });
  });
});
