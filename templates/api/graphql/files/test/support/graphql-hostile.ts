// fast-check arbitraries for GraphQL-specific hostile input, beside the shared ones in hostile-input.ts:
//
//   hostileDocument   text a client may send as `query`: our operations with hostile literal arguments
//                     (text, cursors, any Int for `first`), aliases and nesting, fragments (cyclic,
//                     unknown, doubling), introspection, and GraphQL-looking or random text
//   hostileVariables  a `variables` value: of the wrong type, or an object of hostile values
import fc from 'fast-check';
import { hostileCursor, hostilePageSize, hostileText, wrongTypeValue } from './hostile-input.js';

/** A GraphQL string literal (JSON escapes are GraphQL escapes; lone surrogates make it unparsable, also fine). */
const literal = (text: string): string => JSON.stringify(text);

const noteFields = fc.subarray(['id', 'title', 'body', 'createdAt', 'updatedAt', '__typename', 'nope'], { minLength: 1 }).map((f) => f.join(' '));

const notesQuery = fc
  .tuple(fc.option(fc.integer()), fc.option(fc.oneof(hostileCursor, fc.string())), noteFields, fc.integer({ min: 1, max: 30 }))
  .map(([first, after, fields, aliases]) => {
    const args = [first === null ? '' : `first: ${first}`, after === null ? '' : `after: ${literal(after)}`].filter(Boolean).join(', ');
    const field = `notes${args ? `(${args})` : ''} { edges { cursor node { ${fields} } } pageInfo { hasNextPage endCursor } }`;
    return `{ ${Array.from({ length: aliases }, (_, i) => `a${i}: ${field}`).join(' ')} }`;
  });

const noteQuery = fc.tuple(fc.oneof(hostileText, fc.string()), noteFields).map(([id, fields]) => `{ note(id: ${literal(id)}) { ${fields} } }`);

const mutation = fc.oneof(
  fc
    .tuple(hostileText, fc.oneof(hostileText, fc.string()))
    .map(([title, body]) => `mutation { createNote(input: { title: ${literal(title)}, body: ${literal(body)} }) { id } }`),
  fc.tuple(fc.string(), hostileText).map(([id, body]) => `mutation { updateNote(id: ${literal(id)}, input: { body: ${literal(body)} }) { id } }`),
  fc.string().map((id) => `mutation { deleteNote(id: ${literal(id)}) }`),
  fc.constant('mutation { updateNote(id: "x", input: {}) { id } }'),
);

const nested = fc
  .integer({ min: 1, max: 40 })
  .map((depth) => `{ ${'notes { edges { node { id } } pageInfo { '.repeat(depth)}hasNextPage${' } }'.repeat(depth)} }`);

const fragments = fc.oneof(
  fc.constant('query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }'),
  fc.constant('query { ...Missing }'),
  fc
    .integer({ min: 2, max: 60 })
    .map(
      (n) =>
        `query { ...F0 } ${Array.from({ length: n }, (_, i) => `fragment F${i} on Query { ${i === n - 1 ? 'notes { edges { node { id } } }' : `...F${i + 1} ...F${i + 1}`} }`).join(' ')}`,
    ),
);

const introspection = fc.constantFrom(
  '{ __schema { types { name fields { name } } } }',
  '{ __type(name: "Note") { fields { name type { name } } } }',
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
  'notes',
  'note',
  'edges',
  'node',
  'id',
  'first',
  'after',
  '-1',
  '1e9',
  '#',
];
const graphqlLooking = fc.array(fc.constantFrom(...GRAPHQL_PIECES), { maxLength: 40 }).map((pieces) => pieces.join(''));

export const hostileDocument: fc.Arbitrary<string> = fc.oneof(
  notesQuery,
  noteQuery,
  mutation,
  nested,
  fragments,
  introspection,
  graphqlLooking,
  fc.constant('subscription { noteCreated { id } }'),
  fc.string({ unit: 'binary', maxLength: 80 }),
);

export const hostileVariables: fc.Arbitrary<unknown> = fc.oneof(
  wrongTypeValue,
  fc.record(
    {
      first: fc.oneof(hostilePageSize, wrongTypeValue),
      after: fc.oneof(hostileCursor, wrongTypeValue),
      id: fc.oneof(hostileText, wrongTypeValue),
      input: fc.oneof(
        fc.record({ title: fc.oneof(hostileText, wrongTypeValue), body: fc.oneof(hostileText, wrongTypeValue) }, { requiredKeys: [] }),
        wrongTypeValue,
      ),
    },
    { requiredKeys: [] },
  ),
);
