// What the REST tests know of every resource in groundwork.json besides its samples (sample-resources.ts):
// its path, and the values its schema refuses. validInput and createRecord make valid input and records
// through the API, creating the records a ref field needs first.
import type { FastifyInstance } from 'fastify';
import { ID_MAX } from '../../src/core/resources/cursor.js';
import { INT32_MAX, INT32_MIN, STRING_MAX, TEXT_MAX } from '../../src/core/resources/field-rules.js';
import { extendResources, type FieldType, inputOf, type ResourceName, type SampleField, type SampleRecord, type SampleResource } from './sample-resources.js';

export { type ResourceName, storedFields } from './sample-resources.js';
export type RestField = SampleField;
export type RestRecord = SampleRecord;

export interface RestResource extends SampleResource {
  path: string;
}

export const restResources = extendResources<RestResource>((resource) => ({ ...resource, path: `/v1/${resource.pluralKebab}` }));

/** Every resource, in groundwork.json order. */
export const restResourceList: RestResource[] = Object.values(restResources);

/**
 * A valid create body for the resource: every field set (optional ones too) to its sample or other
 * sample, and every ref to a record created for it.
 */
export function validInput(
  app: FastifyInstance,
  headers: Record<string, string>,
  name: ResourceName,
  which: 'sample' | 'otherSample' = 'sample',
  selfRefs: 'set' | 'unset' = 'set',
): Promise<Record<string, unknown>> {
  return inputOf(name, (parent) => createRecord(app, headers, parent as ResourceName, {}, 'unset'), which, selfRefs);
}

/** Creates a record through the API from validInput (plus overrides) and returns it. */
export async function createRecord(
  app: FastifyInstance,
  headers: Record<string, string>,
  name: ResourceName,
  overrides: Record<string, unknown> = {},
  selfRefs: 'set' | 'unset' = 'set',
): Promise<RestRecord> {
  const { path } = restResources[name];
  const res = await app.inject({ method: 'POST', url: path, headers, payload: { ...(await validInput(app, headers, name, 'sample', selfRefs)), ...overrides } });
  if (res.statusCode !== 201) throw new Error(`POST ${path} answered ${res.statusCode}: ${res.body}`);
  return res.json();
}

const VIOLATIONS: Record<FieldType, unknown[]> = {
  string: ['', 'x'.repeat(STRING_MAX + 1), 'nul \u0000', 'escape \u001b[31m', 'bidi \u202e override', 'lone \ud800 surrogate'],
  text: ['x'.repeat(TEXT_MAX + 1), 'nul \u0000', 'bidi \u2066 isolate', 'lone \udc00 surrogate'],
  integer: [1.5, INT32_MAX + 1, INT32_MIN - 1, '1'],
  number: ['1.5', true],
  boolean: ['true', 1],
  datetime: ['yesterday', '2024-01-01', '2024-01-01T00:00:00', '2024-02-30T00:00:00Z', 0],
  uuid: ['not-a-uuid', '00000000-0000-4000-8000-00000000000', '{00000000-0000-4000-8000-000000000000}', 5],
  enum: ['not one of the values', '', 1],
  ref: ['', 'x'.repeat(ID_MAX + 1), 1],
};

/** Values the field's schema refuses (400) besides its wrongType: bounds, formats, the text rule, null when required. */
export const schemaViolations = (field: RestField): unknown[] => [field.wrongType, ...VIOLATIONS[field.type], ...(field.optional ? [] : [null])];
