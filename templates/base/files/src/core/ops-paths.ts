// Operational endpoints: not rate limited, not authenticated; probes and /metrics are not logged.
// Matched by the route that serves the request (its template), never by URL prefix: a user route such as
// /metrics/x, /metricsfoo or /docs-private, and a URL such as /livez/../v1/notes, are ordinary API requests.
import type { FastifyRequest } from 'fastify';

export const PROBE_PATHS = ['/livez', '/readyz', '/metrics'] as const;

/** Every route @fastify/swagger-ui registers under routePrefix /docs (its lib/routes.js), and /openapi.json. */
const DOCS_ROUTES = [
  '/openapi.json',
  '/docs',
  '/docs/',
  '/docs/json',
  '/docs/yaml',
  '/docs/static/index.html',
  '/docs/static/swagger-initializer.js',
  '/docs/static/*',
];

const PROBES = new Set<string>(PROBE_PATHS);
const OPS = new Set<string>([...PROBE_PATHS, ...DOCS_ROUTES]);

const routeOf = (request: FastifyRequest): string | undefined => request.routeOptions.url;

/** Served by a probe or /metrics. */
export const isProbeRequest = (request: FastifyRequest): boolean => PROBES.has(routeOf(request) ?? '');
/** Served by a probe, /metrics or the API docs. */
export const isOpsRequest = (request: FastifyRequest): boolean => OPS.has(routeOf(request) ?? '');

/** Before routing (a raw Node request, e.g. in the HTTP instrumentation): the path is exactly a probe's. */
export const isProbePath = (url: string): boolean => PROBES.has(url.split('?')[0] ?? url);
