import type { FieldView } from '../../../src/resources/view.js';
import { defineModule } from '../../define.js';

/**
 * The GraphQL named type of a field. Dates, UUIDs and text are Strings, as createdAt and updatedAt
 * are: a custom scalar would add nothing the field rules do not already check, and every client reads
 * a String. An enum field's type is `<Singular><Name>`; the template puts the resource's name before
 * this one (a field does not know its resource).
 */
const NAMED_TYPES: Record<FieldView['type'], (field: FieldView) => string> = {
  string: () => 'String',
  text: () => 'String',
  integer: () => 'Int',
  number: () => 'Float',
  boolean: () => 'Boolean',
  datetime: () => 'String',
  uuid: () => 'String',
  enum: (field) => field.Name,
  ref: () => 'ID',
};

/** The field's description in the schema: what the field rules accept, for GraphiQL and codegen users ('' where the type says it all). */
const DESCRIPTIONS: Record<FieldView['type'], (field: FieldView) => string> = {
  string: () => 'Trimmed, not blank, at most 200 characters.',
  text: () => 'At most 10000 characters; may be empty.',
  integer: () => 'An integer from -2147483648 to 2147483647.',
  number: () => 'A finite number.',
  boolean: () => '',
  datetime: () => 'An RFC 3339 date-time with an offset; returned in UTC with milliseconds, e.g. 2026-01-02T03:04:05.678Z.',
  uuid: () => 'A UUID (any version); returned lowercase.',
  enum: () => '', // the enum type lists its values
  ref: (field) => `The id of the ${field.ref?.singularLabel ?? field.label} it belongs to.`,
};

/**
 * A value of the field's JSON type that GraphQL or the field rule refuses (BAD_USER_INPUT), as a
 * TypeScript literal for the tests; 'undefined' where JSON has none (a Float refuses only non-finite
 * numbers, which JSON cannot carry; every boolean is valid).
 */
const INVALID: Record<FieldView['type'], (field: FieldView) => string> = {
  string: () => "'   '",
  text: () => "'x'.repeat(10_001)",
  integer: () => '2_147_483_648',
  number: () => 'undefined',
  boolean: () => 'undefined',
  datetime: () => "'2024-02-30T00:00:00Z'",
  uuid: () => "'not-a-uuid'",
  enum: (field) => `'${field.values.join(' or ')}'`,
  ref: () => "'00000000-0000-4000-8000-000000000000'",
};

export default defineModule({
  id: 'api/graphql',
  title: 'GraphQL API',
  // Subscriptions upgrade on the shared WebSocket server (mercurius reuses it).
  requires: ['transport/websocket'],
  dependencies: ['graphql', 'mercurius'],
  devDependencies: ['graphql-ws', 'ws'], // the tests subscribe with the graphql-ws client over `ws`
  fills: 'api',
  env: [
    { name: 'GRAPHQL_MAX_DEPTH', type: 'integer', min: 1, default: 8, doc: 'Deepest field nesting an operation may have' },
    { name: 'GRAPHQL_MAX_COMPLEXITY', type: 'integer', min: 1, default: 1000, doc: 'Highest estimated cost of an operation (one per field, times the page size inside connections)' },
    { name: 'GRAPHQL_MAX_TOKENS', type: 'integer', min: 100, default: 5000, secret: false, doc: 'Most tokens a document may have; bounds parsing and validation before the cost is known' },
    { name: 'GRAPHQL_MAX_SUBSCRIPTIONS', type: 'integer', min: 1, default: 10, doc: 'Active subscriptions one graphql-ws connection may hold' },
    {
      name: 'GRAPHQL_INTROSPECTION',
      type: 'boolean',
      doc: 'Answer introspection queries (__schema, __type) and serve GraphiQL (/graphiql); unset = introspection on in development and test, off in production, GraphiQL in development only',
    },
  ],
  register: { name: 'apiGraphql', from: './modules/api-graphql/index.js' },
  // Optional fields are nullable (null in the record when absent); required ones are `!` on the type and
  // the input. A patch sets any subset, so every patch field is nullable.
  resourceFields: (field) => {
    const named = NAMED_TYPES[field.type](field);
    return {
      graphqlType: field.optional ? named : `${named}!`,
      graphqlPatchType: named,
      graphqlDescription: DESCRIPTIONS[field.type](field),
      graphqlInvalid: INVALID[field.type](field),
    };
  },
});
