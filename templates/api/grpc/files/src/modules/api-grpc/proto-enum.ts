// A domain enum in protobuf: each value by its proto name ('in_progress' <-> 'STATUS_IN_PROGRESS'), the
// zero value <PREFIX>_UNSPECIFIED being no value at all (what a client that never set the field sends).
import { status } from '@grpc/grpc-js';
import { GrpcError } from './errors.js';

export interface ProtoEnum<V extends string, P extends string> {
  encode(value: V): `${P}_${Uppercase<V>}`;
  /** A required field's value; UNSPECIFIED, or a number no value has (a newer client's), is INVALID_ARGUMENT. */
  decode(value: string | number): V;
  /** An optional field's value: absent stays undefined, UNSPECIFIED is null (none). */
  decodeOptional(value: string | number | undefined): V | null | undefined;
}

/** `key` names the field in errors; `prefix` is the enum's value prefix, e.g. STATUS. */
export function protoEnum<const P extends string, const V extends string>(key: string, prefix: P, values: readonly V[]): ProtoEnum<V, P> {
  const byName = new Map<string, V>(values.map((value) => [`${prefix}_${value.toUpperCase()}`, value]));
  const unspecified = `${prefix}_UNSPECIFIED`;
  const decode = (value: string | number): V => {
    const known = typeof value === 'string' ? byName.get(value) : undefined;
    if (known === undefined) throw new GrpcError(status.INVALID_ARGUMENT, `${key} must be one of ${[...byName.keys()].join(', ')}`);
    return known;
  };
  return {
    encode: (value) => `${prefix}_${value.toUpperCase()}` as `${P}_${Uppercase<V>}`,
    decode,
    decodeOptional: (value) => (value === undefined ? undefined : value === unspecified ? null : decode(value)),
  };
}
