import type { FieldType } from '../../../src/resources/fields.js';
import type { FieldView, ResourceView } from '../../../src/resources/view.js';
import { tsStringLiteral as literal } from '../../../src/compose/ts-literal.js';
import { defineModule } from '../../define.js';

const upperSnake = (snake: string): string => snake.toUpperCase();

/** The proto scalar of each field type; enums are a nested enum of the record message instead. */
const PROTO_SCALAR: Record<Exclude<FieldType, 'enum'>, string> = {
  string: 'string',
  text: 'string',
  integer: 'int32',
  number: 'double',
  boolean: 'bool',
  datetime: 'string',
  uuid: 'string',
  ref: 'string',
};

/** The types proto-loader-gen-types writes for each proto scalar: in messages we send (permissive) and in those we receive. */
const STUB_TYPES: Record<string, { input: string; output: string }> = {
  string: { input: 'string', output: 'string' },
  int32: { input: 'number', output: 'number' },
  double: { input: 'number | string', output: 'number' },
  bool: { input: 'boolean', output: 'boolean' },
};

/** Enum values in the proto: the field's enum name in UPPER_SNAKE, then the domain value ("STATUS_IN_PROGRESS"). */
const enumValueName = (field: FieldView, value: string): string => `${upperSnake(field.snake)}_${upperSnake(value)}`;

/** Values of the proto type the service refuses with INVALID_ARGUMENT (int32 and bool carry no such value). */
function invalidValues(field: FieldView): string[] {
  switch (field.type) {
    case 'string':
      return ["' \\t '", "'nul \\u0000'"];
    case 'text':
      return ["'x'.repeat(10_001)", "'nul \\u0000'"];
    case 'number':
      return ['Number.POSITIVE_INFINITY', 'Number.NaN'];
    case 'datetime':
      return ["'2024-02-30T00:00:00Z'", "'yesterday'", "''"];
    case 'uuid':
      return ["'not-a-uuid'", "''"];
    // An unknown number (a newer client's value) and, where a value is required, UNSPECIFIED.
    case 'enum':
      return ['99', ...(field.optional ? [] : [literal(`${upperSnake(field.snake)}_UNSPECIFIED`)])];
    // The id of no record, and no id at all.
    case 'ref':
      return ["'00000000-0000-4000-8000-000000000000'", ...(field.optional ? [] : ["''"])];
    case 'integer':
    case 'boolean':
      return [];
  }
}

/**
 * What the gRPC templates need of each field, as source text: how the handlers turn a record into its
 * message and a request into service input and patches, and for tests message values (samples, values
 * the service refuses). Optional fields: absent in a message when null; an update clears them with
 * `clear_<field>` (a oneof with the new value).
 */
function resourceFields(field: FieldView): Record<string, unknown> {
  const { key } = field;
  const codec = `${field.name}Values`;
  const clearKey = `clear${key.charAt(0).toUpperCase()}${key.slice(1)}`;
  const encode = field.is.enum ? `${codec}.encode(record.${key})` : `record.${key}`;
  // An absent optional value is undefined here, which the field rule takes as null.
  const decode = field.is.enum ? `${codec}.${field.optional ? 'decodeOptional' : 'decode'}(request.${key})` : `request.${key}`;
  return {
    protoScalar: field.is.enum ? undefined : PROTO_SCALAR[field.type as Exclude<FieldType, 'enum'>],
    grpcClearKey: field.optional ? clearKey : undefined,
    grpcClearSnake: field.optional ? `clear_${field.keySnake}` : undefined,
    grpcChangeSnake: field.optional ? `${field.keySnake}_change` : undefined,
    grpcChangeKey: field.optional ? `${key}Change` : undefined,
    /** The enum's mapping from the domain values to the proto's (proto-enum.ts). */
    grpcEnumCodec: field.is.enum
      ? `const ${codec} = protoEnum('${key}', '${upperSnake(field.snake)}', [${field.values.map(literal).join(', ')}]);`
      : undefined,
    grpcEnumValues: field.values.map((value, index) => ({ value, name: enumValueName(field, value), number: index + 1 })),
    /** The prefix of its enum's value names: STATUS_DRAFT. */
    grpcEnumPrefix: field.is.enum ? upperSnake(field.snake) : undefined,
    grpcEnumUnspecified: field.is.enum ? `${upperSnake(field.snake)}_UNSPECIFIED` : undefined,
    /** Record -> message: null is absent. */
    grpcEncode: !field.optional ? encode : field.is.enum ? `record.${key} === null ? undefined : ${encode}` : `record.${key} ?? undefined`,
    /** Create request -> input. */
    grpcDecode: decode,
    /** Update request -> the patch entry: set, cleared, or left out. */
    grpcPatch: field.optional
      ? `...(request.${key} !== undefined ? { ${key}: ${decode} } : request.${clearKey} === true ? { ${key}: null } : {})`
      : `...(request.${key} === undefined ? {} : { ${key}: ${decode} })`,
    grpcInvalid: `[${invalidValues(field).join(', ')}]`,
  };
}

/** Sorted as proto-loader-gen-types sorts names: by UTF-16 code units, not by locale. */
const byName = <T>(nameOf: (item: T) => string) => (a: T, b: T): number => (nameOf(a) < nameOf(b) ? -1 : nameOf(a) > nameOf(b) ? 1 : 0);

/**
 * What needs the whole resource: field numbers, types naming the record message, and the orders the
 * generator writes names in (so the stub templates are byte for byte what `npm run proto:generate` makes).
 */
function resourceExtras(resource: ResourceView): Record<string, unknown> {
  const { Singular, Plural, pluralSnake } = resource;
  const prefix = `_${pluralSnake}_v1_`;
  let updateNumber = 2; // 1 is the id
  const fields = resource.fields.map((field, index) => {
    const scalar = field.protoScalar as string | undefined;
    const enumType = `${prefix}${Singular}_${field.Name}`;
    const stub = scalar === undefined ? { input: enumType, output: `${enumType}__Output` } : STUB_TYPES[scalar]!;
    const update = updateNumber;
    updateNumber += field.optional ? 2 : 1;
    return {
      ...field,
      protoType: scalar ?? `${Singular}.${field.Name}`,
      stubInput: stub.input,
      stubOutput: stub.output,
      stubEnum: scalar === undefined ? enumType : undefined,
      // The base module's samples (valid values of the domain), as a message carries them.
      grpcSample: field.is.enum ? literal(enumValueName(field, field.values[0]!)) : field.sample,
      grpcOtherSample: field.is.enum ? literal(enumValueName(field, field.values[1] ?? field.values[0]!)) : field.otherSample,
      recordNumber: index + 2, // after the id
      createNumber: index + 1,
      updateNumber: update,
      clearNumber: field.optional ? update + 1 : undefined,
    };
  });
  const messages = [
    `Create${Singular}Request`,
    `Delete${Singular}Request`,
    `Delete${Singular}Response`,
    `Get${Singular}Request`,
    `List${Plural}Request`,
    `List${Plural}Response`,
    Singular,
    `Update${Singular}Request`,
    `Watch${Plural}Request`,
  ].sort(byName((name: string) => name));
  const service = `${Plural}Service`;
  const packageTypes = [...messages.map((name) => ({ name, service: false })), { name: service, service: true }].sort(byName((type) => type.name));
  return {
    grpc: {
      package: `${pluralSnake}.v1`,
      service: `${pluralSnake}.v1.${service}`,
      /** `_<package>_v1_`: how the generated code prefixes the names it imports. */
      typePrefix: prefix,
      fields,
      /** The fields whose type is an enum, in the order they are declared (imports) and by enum name (the definitions). */
      enumFields: fields.filter((field) => field.is.enum),
      enumFieldsByName: fields.filter((field) => field.is.enum).sort(byName((field) => field.Name)),
      hasOptional: fields.some((field) => field.optional),
      packageTypes,
      serviceImports: messages,
      /** The numbers after every field of the record message. */
      createdAtNumber: fields.length + 2,
      updatedAtNumber: fields.length + 3,
    },
  };
}

export default defineModule({
  id: 'api/grpc',
  title: 'gRPC API',
  dependencies: ['@grpc/grpc-js', '@grpc/proto-loader', '@grpc/reflection', 'grpc-health-check'],
  devDependencies: ['@bufbuild/buf'], // the tests call the server with `buf curl`, a client that shares no code with it
  allowScripts: { '@bufbuild/buf': true }, // links the buf binary for the platform
  scripts: {
    // Every proto under proto/, so protos added by hand get their types too (generate-stubs.ts).
    'proto:generate': 'node --import tsx src/modules/api-grpc/generate-stubs.ts',
  },
  fills: 'api',
  env: [
    { name: 'GRPC_PORT', type: 'port', default: 50051, doc: 'gRPC port (plaintext HTTP/2; listens on HOST)' },
    { name: 'GRPC_REFLECTION', type: 'boolean', default: true, doc: 'Serve gRPC server reflection, so grpcurl, buf curl and Postman work without the proto' },
    { name: 'GRPC_HEALTH_INTERVAL_SECONDS', type: 'integer', min: 1, default: 5, doc: 'How often grpc.health.v1.Health re-runs the readiness checks' },
    { name: 'GRPC_DRAIN_SECONDS', type: 'integer', min: 0, default: 5, doc: 'On shutdown, time running gRPC calls get to finish before they are cancelled (keep below SHUTDOWN_TIMEOUT_MS)' },
  ],
  appEnvironment: { GRPC_PORT: '50051' },
  // The server listens when the app is ready: every test app on a free port.
  testEnv: { GRPC_PORT: '0' },
  appPorts: [{ variable: 'GRPC_PORT', port: 50051 }],
  runtimeFiles: ['proto'],
  register: { name: 'apiGrpc', from: './modules/api-grpc/index.js' },
  resourceFields,
  resourceExtras,
});
