// What a job's or a route's templates see (`job` / `route` in job/** and route/** templates, and the
// `jobs` / `routes` lists everywhere), and where their files land.
import type { JobSpec } from './job.js';
import type { RouteMethod, RouteSpec } from './route.js';
import { unitNames, type UnitNames } from './unit-names.js';

export type JobView = UnitNames;

export interface RouteView extends UnitNames {
  method: RouteMethod;
  /** Fastify's shorthand: "get", "post". */
  methodLower: string;
  /** Changes something: needs a principal where the project has auth. */
  isWrite: boolean;
  /** Takes its input as a JSON body (POST, PUT, PATCH), not a query string. */
  hasBody: boolean;
  /** Where its input schema goes in the route's `schema`, and that schema's name suffix. */
  inputPart: 'body' | 'querystring';
  inputSchema: 'Body' | 'Query';
}

export const jobView = (spec: JobSpec): JobView => unitNames(spec.name, 'job');

export function routeView(spec: RouteSpec): RouteView {
  const hasBody = spec.method === 'POST' || spec.method === 'PUT' || spec.method === 'PATCH';
  return {
    ...unitNames(spec.name, 'route'),
    method: spec.method,
    methodLower: spec.method.toLowerCase(),
    isWrite: spec.method !== 'GET',
    hasBody,
    inputPart: hasBody ? 'body' : 'querystring',
    inputSchema: hasBody ? 'Body' : 'Query',
  };
}

/** A job/** or route/** template path with its `__kebab__` token filled in. */
export const unitPath = (path: string, names: UnitNames): string => path.replaceAll('__kebab__', names.kebab);
