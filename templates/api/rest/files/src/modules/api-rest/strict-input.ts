// What the REST routes accept, exactly as their schemas say:
// - JSON bodies must be valid UTF-8. Fastify's own parser decodes invalid bytes to U+FFFD, so a record
//   would be stored altered and answered 201; here that is a 400. A "__proto__" or "constructor.prototype"
//   key is refused with a message that says so (Fastify's says the JSON is not valid).
// - Bodies are validated by TypeBox without coercion: Fastify's default Ajv turns {"title": 5} into
//   "5", null into "" and ["x"] into "x", and drops unknown fields.
// - Query strings, params and headers (always text) are converted to the schema's types, but a number
//   only from its canonical text: "5" is 5, while "5.5", "05", "1e1", " 5" or "0x5" are refused
//   (TypeBox alone truncates "5.5" to 5; Ajv reads "0x5" and " 5").
// - Bodies are JSON: any other media type is 415 Unsupported Media Type.
// Registered in the REST scope only: other API styles and the probes keep Fastify's defaults.
import type { FastifyInstance, FastifySchemaCompiler } from 'fastify';
import type { TSchema } from 'typebox';
import { Compile } from 'typebox/compile';
import { Value } from 'typebox/value';
import { HttpProblem } from '../../core/errors.js';
import { TEXT_PATTERN } from '../../core/resources/text-rule.js';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Converts text fields to the schema's types, leaving any number conversion that changes the text as text (so it fails the check). */
function convertText(schema: TSchema, value: unknown): unknown {
  if (!isRecord(value)) return Value.Convert(schema, value);
  const converted = Value.Convert(schema, { ...value }); // converts in place
  if (!isRecord(converted)) return converted;
  const out = { ...converted };
  for (const [key, raw] of Object.entries(value)) {
    if (typeof raw === 'string' && typeof out[key] === 'number' && String(out[key]) !== raw) out[key] = raw;
  }
  return out;
}

type ValidationError = ReturnType<ReturnType<typeof Compile>['Errors']>[number];

// Messages a client can act on: the text rule's pattern is unreadable, so say what it means; an enum
// names its values.
function readable(error: ValidationError): ValidationError {
  const params = error.params as { pattern?: unknown; allowedValues?: unknown };
  if (error.keyword === 'pattern' && params.pattern === TEXT_PATTERN) {
    return { ...error, message: 'must not contain control characters, bidi overrides or unpaired surrogates' };
  }
  if (error.keyword === 'enum' && Array.isArray(params.allowedValues)) return { ...error, message: `must be one of ${params.allowedValues.join(', ')}` };
  return error;
}

const isNullBranch = (error: ValidationError): boolean => error.keyword === 'type' && (error.params as { type?: unknown }).type === 'null';

// An optional field is anyOf [T, null]: a value it refuses reads as T's errors ("must be string or
// null" for a wrong type), not as T's, "must be null" and "must match a schema in anyOf".
function withoutNullBranches(errors: ValidationError[]): ValidationError[] {
  const nullable = new Set(errors.filter(isNullBranch).map((error) => error.instancePath));
  return errors.flatMap((error) => {
    if (!nullable.has(error.instancePath)) return [error];
    if (isNullBranch(error) || error.keyword === 'anyOf') return [];
    return [error.keyword === 'type' ? { ...error, message: `${error.message} or null` } : error];
  });
}

const isFalseSchemaOfExtra = (error: ValidationError): boolean => error.keyword === 'boolean' && error.schemaPath.endsWith('/additionalProperties');

// TypeBox reports an unknown field twice: "schema is false" at the field and "must not have additional
// properties" at the object. One error per unknown field, at its path, says it once.
function unknownFieldsOnce(errors: ValidationError[]): ValidationError[] {
  return errors.flatMap((error) => {
    if (isFalseSchemaOfExtra(error)) return [];
    const extra = (error.params as { additionalProperties?: unknown }).additionalProperties;
    if (error.keyword !== 'additionalProperties' || !Array.isArray(extra)) return [error];
    return extra.map((key) => ({ ...error, instancePath: `${error.instancePath}/${String(key).replace(/~/g, '~0').replace(/\//g, '~1')}`, message: 'is not a field this operation accepts' }));
  });
}

const strictCompiler: FastifySchemaCompiler<TSchema> = ({ schema, httpPart }) => {
  const validator = Compile(schema);
  return (value: unknown) => {
    const input = httpPart === 'body' ? value : convertText(schema, value);
    return validator.Check(input) ? { value: input } : { error: unknownFieldsOnce(withoutNullBranches(validator.Errors(input))).map(readable) };
  };
};

/** Valid JSON all the same: the default parser refused a __proto__ or constructor.prototype key. */
const isPoisonedJson = (text: string): boolean => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

export function registerStrictInput(scope: FastifyInstance): void {
  scope.setValidatorCompiler(strictCompiler);

  const { onProtoPoisoning = 'error', onConstructorPoisoning = 'error' } = scope.initialConfig;
  const parseJson = scope.getDefaultJsonParser(onProtoPoisoning, onConstructorPoisoning);
  // JSON only: a text/plain body (which Fastify parses to a string by default) is a 415, not "must be object".
  scope.removeAllContentTypeParsers();
  scope.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    let text: string;
    try {
      text = utf8.decode(body as Buffer);
    } catch {
      done(new HttpProblem(400, 'The request body is not valid UTF-8.', { title: 'Invalid body encoding' }), undefined);
      return;
    }
    parseJson(request, text, (error, parsed) => {
      if (error && isPoisonedJson(text)) {
        done(new HttpProblem(400, 'The request body has a "__proto__" or "constructor.prototype" key, which is refused.', { title: 'Forbidden key in body' }), undefined);
      } else done(error, parsed);
    });
  });
}
