// The schema's assembly and the cost rule, on schemas of their own: they must hold for any resources,
// none included (a project after `groundwork remove resource notes`).
import type { GraphQLSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { complexityLimit } from '../src/modules/api-graphql/complexity.js';
import { buildSchema, parse, validate } from '../src/modules/api-graphql/graphql-runtime.js';
import { schemaOf } from '../src/modules/api-graphql/schema.js';

const build = (resourceTypeDefs: string[]): GraphQLSchema => buildSchema(schemaOf(resourceTypeDefs).join('\n'));

/** A resource as its graphql-schema.ts would declare it, with a field named edges that is no connection. */
const things = /* GraphQL */ `
  type Thing {
    id: ID!
    edges: Tags!
  }
  type Tags {
    names: [String!]!
  }
  type ThingEdge {
    cursor: String!
    node: Thing!
  }
  type ThingConnection {
    edges: [ThingEdge!]!
    pageInfo: PageInfo!
  }
  extend type Query {
    thing(id: ID!): Thing
    things(first: Int = 20, after: String): ThingConnection!
    unbounded(first: Int): ThingConnection!
  }
  extend type Mutation {
    deleteThing(id: ID!): ID!
  }
`;

describe('the GraphQL schema', () => {
  it('is valid without any resource: Query.health and PageInfo, no empty Mutation or Subscription', () => {
    const schema = build([]);
    expect(Object.keys(schema.getQueryType()!.getFields())).toEqual(['health']);
    expect([schema.getMutationType(), schema.getSubscriptionType()]).toEqual([undefined, undefined]);
    expect(schema.getType('PageInfo')).toBeDefined();
  });

  it('declares the root types resources extend, and merges their fields', () => {
    const schema = build([things]);
    expect(Object.keys(schema.getQueryType()!.getFields())).toEqual(['health', 'thing', 'things', 'unbounded']);
    expect(Object.keys(schema.getMutationType()!.getFields())).toEqual(['deleteThing']);
    expect(schema.getSubscriptionType()).toBeUndefined();
  });
});

describe('the cost rule', () => {
  const schema = build([things]);
  const MAX = 1000;
  /** The errors the rule reports for a document (graphql's own rules are not run). */
  const errorsOf = (document: string) => validate(schema, parse(document), [complexityLimit(MAX)]).map((e) => ({ message: e.message, ...e.extensions }));
  const costOf = (document: string): number => {
    const refusal = validate(schema, parse(document), [complexityLimit(0)]).find((e) => e.extensions.code === 'QUERY_TOO_COMPLEX');
    return refusal!.extensions.cost as number;
  };

  it('counts every field once, aliases included, outside connections', () => {
    expect(costOf('{ thing(id: "1") { id } }')).toBe(2);
    expect(costOf('{ a: thing(id: "1") { id } b: thing(id: "2") { id edges { names } } }')).toBe(2 + 4);
  });

  it('counts the edges of any connection field once per item: first, else its default, else the largest page', () => {
    expect(costOf('{ things(first: 3) { edges { cursor node { id } } pageInfo { hasNextPage } } }')).toBe(1 + 3 * 4 + 2);
    expect(costOf('{ things { edges { node { id } } } }')).toBe(1 + 20 * 3);
    expect(costOf('{ unbounded { edges { node { id } } } }')).toBe(1 + 100 * 3);
    expect(costOf('query ($n: Int) { things(first: $n) { edges { node { id } } } }')).toBe(1 + 100 * 3);
    expect(costOf('{ things(first: 2) { ...Page } } fragment Page on ThingConnection { edges { node { id } } }')).toBe(1 + 2 * 3);
  });

  it('does not take a field named edges outside a connection for one', () => {
    expect(costOf('{ thing(id: "1") { edges { names } } }')).toBe(3);
  });

  it('refuses a literal first outside 1..100 once per field, and an operation over the limit', () => {
    expect(errorsOf('{ things(first: 0) { edges { cursor } } }')).toEqual([{ message: 'first must be an integer from 1 to 100, got 0', code: 'BAD_USER_INPUT' }]);
    expect(errorsOf('{ things(first: 101) { edges { cursor } } }')).toEqual([{ message: 'first must be an integer from 1 to 100, got 101', code: 'BAD_USER_INPUT' }]);
    const pages = `query Pages { ${Array.from({ length: 4 }, (_, i) => `p${i}: things(first: 100) { edges { node { id } } }`).join(' ')} }`;
    expect(errorsOf(pages)).toEqual([{ message: 'Pages costs 1204, more than the limit of 1000; request fewer items or fields', code: 'QUERY_TOO_COMPLEX', cost: 1204, max: MAX }]);
  });

  it('costs each fragment once however often it is spread, and survives cycles and unknown names', () => {
    const levels = 40;
    const doubling = Array.from({ length: levels }, (_, i) => `fragment F${i} on Query { ${i === levels - 1 ? 'health { status }' : `...F${i + 1} ...F${i + 1}`} }`).join(' ');
    expect(costOf(`{ ...F0 } ${doubling}`)).toBe(2 * 2 ** (levels - 1));
    expect(errorsOf('{ ...A ...Missing } fragment A on Query { ...B } fragment B on Query { ...A }')).toEqual([]);
  });
});
