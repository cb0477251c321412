// The project's own REST routes (groundwork.json "routes"): one operation at /v1/<name> in
// src/routes/<name>.ts, with its schemas in the OpenAPI document and its test, made by
// `groundwork generate route <name> [--method ...]`. A resource's routes are its own.
import { quote, UsageError } from '../errors.js';
import { resourceNameProblem, resourceNames } from '../resources/names.js';
import { didYouMean } from '../cli/suggest.js';
import { unitListProblems, unitNames } from './unit-names.js';

export const ROUTE_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type RouteMethod = (typeof ROUTE_METHODS)[number];

export interface RouteSpec {
  /** kebab-case: "daily-report", served at /v1/daily-report. */
  name: string;
  method: RouteMethod;
}

function parseMethod(text: string | undefined): RouteMethod {
  if (text === undefined) return 'GET';
  const method = text.toUpperCase();
  if ((ROUTE_METHODS as readonly string[]).includes(method)) return method as RouteMethod;
  throw new UsageError(`Unknown method ${quote(text)}.${didYouMean(method, ROUTE_METHODS)} A route's method is one of ${ROUTE_METHODS.join(', ')}.`);
}

/** The resources a route's path must not take: their names (invalid ones, in a broken record, are skipped). */
type Resources = readonly { name: string }[];

/** Why a route at /v1/`kebab` would share a path with a resource's routes, or undefined. */
function resourcePathProblem(kebab: string, resources: Resources): string | undefined {
  const owner = resources.find((resource) => resourceNameProblem(resource.name) === undefined && resourceNames(resource.name).pluralKebab === kebab);
  return owner === undefined ? undefined : `would serve /v1/${kebab}, the path of resource ${quote(owner.name)}`;
}

/** A new route beside `existing` routes and `resources`: a valid name, a known method, a path no one serves. */
export function newRoute(name: string, methodText: string | undefined, existing: readonly RouteSpec[], resources: Resources): RouteSpec {
  const { kebab } = unitNames(name, 'route');
  const method = parseMethod(methodText);
  const same = existing.find((route) => route.name === kebab);
  if (same !== undefined) throw new UsageError(`Route ${quote(name)} already exists (${same.method} /v1/${kebab} in src/routes/${kebab}.ts).`);
  const clash = resourcePathProblem(kebab, resources);
  if (clash !== undefined) throw new UsageError(`Route ${quote(name)} ${clash}; choose another name.`);
  return { name: kebab, method };
}

/** Validates groundwork.json "routes" (their paths checked against `resources`); empty when sound. */
export function routesProblems(value: unknown, resources: Resources): string[] {
  return unitListProblems('routes', value, ['name', 'method'], (entry, at) => {
    const problems: string[] = [];
    if (typeof entry.method !== 'string' || !(ROUTE_METHODS as readonly string[]).includes(entry.method)) {
      problems.push(`${at('.method')} must be one of ${ROUTE_METHODS.join(', ')}, not ${JSON.stringify(entry.method) ?? 'missing'}`);
    }
    const clash = typeof entry.name === 'string' ? resourcePathProblem(entry.name, resources) : undefined;
    if (clash !== undefined) problems.push(`${at('.name')} ${quote(entry.name as string)} ${clash}`);
    return problems;
  });
}
