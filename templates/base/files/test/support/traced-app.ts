// Tracing as production has it: the app in its own process, src/telemetry.ts loaded first, its spans
// exported over OTLP/HTTP to a collector in the test. In-process tests (tracing.ts) cannot show the
// drivers' spans: vitest loads packages past the loader hook that lets the instrumentations patch them.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import { testEnv } from './app.js';

/** A span as the OTLP/JSON export carries it, with the name of the instrumentation that made it. */
export interface ExportedSpan {
  traceId: string;
  name: string;
  /** OTLP's SpanKind: 2 = server, 3 = client. */
  kind: number;
  scope: string;
  attributes: Record<string, unknown>;
}

interface OtlpValue {
  stringValue?: string;
  intValue?: string;
  boolValue?: boolean;
  doubleValue?: number;
}
interface OtlpExport {
  resourceSpans: {
    scopeSpans: {
      scope: { name: string };
      spans: { traceId: string; name: string; kind: number; attributes?: { key: string; value: OtlpValue }[] }[];
    }[];
  }[];
}

/** The database system a driver's span names (stable semantic conventions, or the older attribute). */
export const dbSystemOf = (span: ExportedSpan): unknown => span.attributes['db.system.name'] ?? span.attributes['db.system'];
/** The statement a driver's span records. */
export const queryTextOf = (span: ExportedSpan): unknown => span.attributes['db.query.text'] ?? span.attributes['db.statement'];

const attributeValue = (value: OtlpValue): unknown => value.stringValue ?? value.intValue ?? value.boolValue ?? value.doubleValue;

export interface TracedApp {
  /** GETs `path` with a fresh traceparent; resolves with the spans of that trace once its server span arrived. */
  trace(path: string): Promise<{ status: number; spans: ExportedSpan[] }>;
  stop(): Promise<void>;
}

export async function startTracedApp(env: Record<string, string> = {}): Promise<TracedApp> {
  const spans: ExportedSpan[] = [];
  const collector = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => {
      body += chunk;
    });
    request.on('end', () => {
      const { resourceSpans } = JSON.parse(body) as OtlpExport;
      for (const { scopeSpans } of resourceSpans) {
        for (const { scope, spans: batch } of scopeSpans) {
          for (const span of batch) {
            const attributes = Object.fromEntries((span.attributes ?? []).map(({ key, value }) => [key, attributeValue(value)]));
            spans.push({ traceId: span.traceId, name: span.name, kind: span.kind, scope: scope.name, attributes });
          }
        }
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(collector.address() as AddressInfo).port}`;

  const child = spawn(process.execPath, ['--import', 'tsx', '--import', './src/telemetry.ts', 'test/support/traced-server.ts'], {
    env: { PATH: process.env.PATH ?? '', ...testEnv({ LOG_LEVEL: 'error', OTEL_EXPORTER_OTLP_ENDPOINT: endpoint, OTEL_BSP_SCHEDULE_DELAY: '50', ...env }) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const firstLine = new Promise<string>((resolve) => createInterface({ input: child.stdout }).once('line', resolve));
  const port = await Promise.race([firstLine, exited.then((code) => Promise.reject(new Error(`the traced app exited ${code}: ${stderr}`)))]);
  const base = `http://127.0.0.1:${port.trim()}`;

  return {
    async trace(path) {
      const traceId = randomBytes(16).toString('hex');
      const response = await fetch(`${base}${path}`, { headers: { traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01` } });
      await response.arrayBuffer();
      const ofTrace = () => spans.filter((span) => span.traceId === traceId);
      for (let waited = 0; !ofTrace().some((span) => span.kind === 2); waited += 50) {
        if (waited > 10_000) throw new Error(`no server span of trace ${traceId} was exported in 10 s (${spans.length} spans of other traces)`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return { status: response.status, spans: ofTrace() };
    },
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
      await new Promise((resolve) => collector.close(resolve));
    },
  };
}
