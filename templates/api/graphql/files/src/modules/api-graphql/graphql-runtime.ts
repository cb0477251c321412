// graphql as mercurius loads it. The package ships CommonJS (its "main") and ESM (its "module", which
// Node ignores but vite and so vitest prefer): two copies whose instanceof checks reject each other's
// schema and types. Loading it with require gives this module mercurius' copy everywhere.
import { createRequire } from 'node:module';

const graphql = createRequire(import.meta.url)('graphql') as typeof import('graphql');

export const {
  buildSchema,
  getNamedType,
  getOperationAST,
  GraphQLError,
  isInterfaceType,
  isObjectType,
  Kind,
  NoSchemaIntrospectionCustomRule,
  parse,
  specifiedRules,
  validate,
} = graphql;
