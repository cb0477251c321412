// The schema: what the module serves whatever the resources (Query.health, PageInfo), then every
// resource's SDL (resource-schemas.ts), which extends Query, Mutation and Subscription.
import { healthTypeDefs } from './health.js';
import { Kind, parse } from './graphql-runtime.js';

const moduleTypeDefs = /* GraphQL */ `
  type Query {
    "Readiness, as GET /readyz reports it."
    health: Health!
  }

  "Where a page of a connection ends: pass endCursor as \`after\` for the next page."
  type PageInfo {
    hasNextPage: Boolean!
    endCursor: String
  }
`;

/** The root types resources extend besides Query: declared only then, since an object type without fields is invalid. */
function extendedRoots(typeDefs: readonly string[]): string[] {
  const extended = new Set(
    typeDefs.flatMap((sdl) => parse(sdl).definitions.flatMap((definition) => (definition.kind === Kind.OBJECT_TYPE_EXTENSION ? [definition.name.value] : []))),
  );
  return ['Mutation', 'Subscription'].filter((root) => extended.has(root)).map((root) => `type ${root}`);
}

/** The SDL documents mercurius joins into one schema. */
export function schemaOf(resourceTypeDefs: readonly string[]): string[] {
  return [moduleTypeDefs, healthTypeDefs, ...extendedRoots(resourceTypeDefs), ...resourceTypeDefs];
}
