// Well-formed messages with hostile field values for any method of a resource's service, from what
// grpc-resources.ts knows of its fields: each resource's grpc-hostile.test.ts sends them.
import fc from 'fast-check';
import { INT32_MAX, INT32_MIN } from '../../src/core/resources/field-rules.js';
import type { GrpcField, GrpcResource } from './grpc-resources.js';
import { hostileCursor, hostilePageSize, hostileText } from './hostile-input.js';

const text = fc.oneof(hostileText, fc.string());

/** Any value of the field's proto type, hostile ones most of all. */
function hostileValue(field: GrpcField): fc.Arbitrary<unknown> {
  switch (field.type) {
    case 'integer':
      return fc.integer({ min: INT32_MIN, max: INT32_MAX });
    case 'number':
      return fc.double();
    case 'boolean':
      return fc.boolean();
    // Unknown numbers (a newer client's values), UNSPECIFIED and the valid names.
    case 'enum':
      return fc.oneof(fc.integer({ min: -1, max: 100 }), fc.constantFrom(`${field.enumPrefix}_UNSPECIFIED`, field.sample, field.otherSample));
    default:
      return text;
  }
}

export type HostileCall =
  | { method: 'Get' | 'Delete'; request: { id: string } }
  | { method: 'List'; request: { pageSize: number; pageToken: string } }
  | { method: 'Create' | 'Update'; request: Record<string, unknown> };

export function hostileCalls(resource: GrpcResource): fc.Arbitrary<HostileCall> {
  const fields = Object.fromEntries(resource.fields.map((field) => [field.key, hostileValue(field)]));
  const clears = Object.fromEntries(resource.fields.filter((field) => field.clearKey).map((field) => [field.clearKey!, fc.boolean()]));
  const id = fc.oneof(hostileText, fc.string());
  // proto-loader truncates numbers to int32 as protobuf does: out-of-range page sizes reach the server wrapped.
  const pageSize = fc.oneof(hostilePageSize, fc.integer()).map((n) => (Number.isFinite(n) ? Math.trunc(n) | 0 : 0));
  return fc.oneof(
    fc.record({ method: fc.constantFrom('Get' as const, 'Delete' as const), request: fc.record({ id }) }),
    fc.record({ method: fc.constant('List' as const), request: fc.record({ pageSize, pageToken: hostileCursor }) }),
    fc.record({ method: fc.constant('Create' as const), request: fc.record(fields, { requiredKeys: [] }) }),
    fc.record({ method: fc.constant('Update' as const), request: fc.record({ id: fc.string(), ...fields, ...clears }, { requiredKeys: [] }) }),
  );
}
