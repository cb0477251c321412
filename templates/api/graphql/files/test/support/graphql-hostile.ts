// fast-check arbitraries for GraphQL-specific hostile input, beside the shared ones in hostile-input.ts:
//
//   hostileDocument    text a client may send as `query`: every resource's operations (graphql-resources.ts)
//                      and Query.health with hostile literal arguments (text, cursors, any Int for `first`),
//                      aliases and nesting, fragments (cyclic, unknown, doubling), introspection, and
//                      GraphQL-looking or random text
//   hostileVariables   a `variables` value: of the wrong type, or an object of hostile values
//   typedOperation     an operation the schema has, with hostile values for each of its variables
import fc from 'fast-check';
import { type GraphqlResource, graphqlResources, selectionOf } from './graphql-resources.js';
import { hostileCursor, hostilePageSize, hostileText, wrongTypeValue } from './hostile-input.js';

/** A GraphQL string literal (JSON escapes are GraphQL escapes; lone surrogates make it unparsable, also fine). */
const literal = (text: string): string => JSON.stringify(text);

const resources: GraphqlResource[] = Object.values(graphqlResources);

/** A hostile value for any field: text the rules refuse, or a value of some wrong type. */
const hostileFieldValue: fc.Arbitrary<unknown> = fc.oneof(hostileText, wrongTypeValue);

/** An input object of hostile values for some of the resource's fields. */
const hostileInput = (resource: GraphqlResource) =>
  fc.record(Object.fromEntries(resource.fields.map((field) => [field.key, hostileFieldValue])), { requiredKeys: [] });

/** A selection of the resource's fields, maybe with one it does not have. */
const fieldsOf = (resource: GraphqlResource) =>
  fc.subarray([...selectionOf(resource).split(' '), '__typename', 'nope'], { minLength: 1 }).map((fields) => fields.join(' '));

/** An input literal of hostile text for some fields (GraphQL literals cannot be of every JSON type). */
const inputLiteral = (resource: GraphqlResource) =>
  fc
    .subarray(resource.fields.map((field) => field.key))
    .chain((keys) => fc.tuple(...keys.map((key) => fc.oneof(hostileText, fc.string()).map((text) => `${key}: ${literal(text)}`))))
    .map((pairs) => `{ ${pairs.join(', ')} }`);

function resourceDocuments(resource: GraphqlResource): fc.Arbitrary<string>[] {
  const { singular, plural, Singular } = resource;
  const list = fc
    .tuple(fc.option(fc.integer()), fc.option(fc.oneof(hostileCursor, fc.string())), fieldsOf(resource), fc.integer({ min: 1, max: 30 }))
    .map(([first, after, fields, aliases]) => {
      const args = [first === null ? '' : `first: ${first}`, after === null ? '' : `after: ${literal(after)}`].filter(Boolean).join(', ');
      const field = `${plural}${args ? `(${args})` : ''} { edges { cursor node { ${fields} } } pageInfo { hasNextPage endCursor } }`;
      return `{ ${Array.from({ length: aliases }, (_, i) => `a${i}: ${field}`).join(' ')} }`;
    });
  const get = fc.tuple(fc.oneof(hostileText, fc.string()), fieldsOf(resource)).map(([id, fields]) => `{ ${singular}(id: ${literal(id)}) { ${fields} } }`);
  const mutation = fc.oneof(
    inputLiteral(resource).map((input) => `mutation { create${Singular}(input: ${input}) { id } }`),
    fc.tuple(fc.string(), inputLiteral(resource)).map(([id, input]) => `mutation { update${Singular}(id: ${literal(id)}, input: ${input}) { id } }`),
    fc.string().map((id) => `mutation { delete${Singular}(id: ${literal(id)}) }`),
    fc.constant(`mutation { update${Singular}(id: "x", input: {}) { id } }`),
  );
  const nested = fc
    .integer({ min: 1, max: 40 })
    .map((depth) => `{ ${`${plural} { edges { node { id } } pageInfo { `.repeat(depth)}hasNextPage${' } }'.repeat(depth)} }`);
  return [list, get, mutation, nested, fc.constant(`subscription { ${singular}Created { id } }`)];
}

const healthDocument = fc
  .tuple(fc.subarray(['status', 'checks { name status durationMs }', '__typename', 'nope'], { minLength: 1 }), fc.integer({ min: 1, max: 600 }))
  .map(([fields, aliases]) => `{ ${Array.from({ length: aliases }, (_, i) => `h${i}: health { ${fields.join(' ')} }`).join(' ')} }`);

const fragments = fc.oneof(
  fc.constant('query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }'),
  fc.constant('query { ...Missing }'),
  fc.constant('query { ...H } fragment H on Health { status }'),
  fc
    .integer({ min: 2, max: 60 })
    .map(
      (n) => `query { ...F0 } ${Array.from({ length: n }, (_, i) => `fragment F${i} on Query { ${i === n - 1 ? 'health { status }' : `...F${i + 1} ...F${i + 1}`} }`).join(' ')}`,
    ),
);

const introspection = fc.constantFrom(
  '{ __schema { types { name fields { name } } } }',
  '{ __type(name: "Health") { fields { name type { name } } } }',
  '{ __typename }',
);

const GRAPHQL_PIECES = [
  '{',
  '}',
  '(',
  ')',
  ':',
  '$',
  '!',
  '@',
  '...',
  '"',
  '\\',
  ' ',
  'query',
  'mutation',
  'subscription',
  'fragment',
  'on',
  'health',
  'status',
  'edges',
  'node',
  'id',
  'first',
  'after',
  '-1',
  '1e9',
  '#',
  ...resources.flatMap((resource) => [resource.singular, resource.plural]),
];
const graphqlLooking = fc.array(fc.constantFrom(...GRAPHQL_PIECES), { maxLength: 40 }).map((pieces) => pieces.join(''));

export const hostileDocument: fc.Arbitrary<string> = fc.oneof(
  healthDocument,
  fragments,
  introspection,
  graphqlLooking,
  fc.constant('subscription { health { status } }'),
  fc.string({ unit: 'binary', maxLength: 80 }),
  ...resources.flatMap(resourceDocuments),
);

export const hostileVariables: fc.Arbitrary<unknown> = fc.oneof(
  wrongTypeValue,
  fc.record(
    {
      first: fc.oneof(hostilePageSize, wrongTypeValue),
      after: fc.oneof(hostileCursor, wrongTypeValue),
      id: fc.oneof(hostileText, wrongTypeValue),
      name: fc.oneof(hostileText, wrongTypeValue),
      input: fc.oneof(fc.dictionary(fc.constantFrom('nope', ...resources.flatMap((r) => r.fields.map((f) => f.key))), hostileFieldValue), wrongTypeValue),
    },
    { requiredKeys: [] },
  ),
);

const hostileId = fc.oneof(hostileText, fc.string(), wrongTypeValue);

function resourceOperations(resource: GraphqlResource): fc.Arbitrary<{ query: string; variables: unknown }>[] {
  const { singular, plural, Singular } = resource;
  return [
    fc.record({
      query: fc.constant(`query Page($first: Int, $after: String) { ${plural}(first: $first, after: $after) { edges { cursor } } }`),
      variables: fc.record({ first: fc.oneof(hostilePageSize, wrongTypeValue), after: fc.oneof(hostileCursor, wrongTypeValue) }, { requiredKeys: [] }),
    }),
    fc.record({
      query: fc.constant(`mutation Create($input: ${Singular}Input!) { create${Singular}(input: $input) { id } }`),
      variables: fc.record({ input: hostileInput(resource) }),
    }),
    fc.record({
      query: fc.constant(`mutation Update($id: ID!, $input: ${Singular}Patch!) { update${Singular}(id: $id, input: $input) { id } }`),
      variables: fc.record({ id: hostileId, input: hostileInput(resource) }),
    }),
    fc.record({ query: fc.constant(`query Get($id: ID!) { ${singular}(id: $id) { id } }`), variables: fc.record({ id: hostileId }) }),
  ];
}

export const typedOperation: fc.Arbitrary<{ query: string; variables: unknown }> = fc.oneof(
  fc.record({ query: fc.constant('query Type($name: String!) { __type(name: $name) { name } }'), variables: fc.record({ name: hostileId }) }),
  ...resources.flatMap(resourceOperations),
);
