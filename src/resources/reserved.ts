// Words a resource or field name cannot be, because generated code uses them as an identifier in a
// language that reserves them. Each name is checked only where it lands (see resource.ts, fields.ts):
// camelCase names are TypeScript variables and protobuf fields, snake_case ones SQL tables and columns,
// PascalCase ones GraphQL types, enum values GraphQL and protobuf enum values.

/**
 * Words generated code cannot use as a variable or parameter name: JavaScript's reserved and strict-mode
 * words, and names an object key must not take (a record with a `__proto__` or `constructor` field
 * breaks plain-object stores and JSON handling). TypeScript's contextual words (type, as, from, get,
 * number, string...) are fine as names and as keys, so they are not here. Case-sensitive.
 */
export const JS_RESERVED: ReadonlySet<string> = new Set([
  'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do', 'else', 'enum', 'export', 'extends',
  'false', 'finally', 'for', 'function', 'if', 'import', 'in', 'instanceof', 'new', 'null', 'return', 'super', 'switch', 'this',
  'throw', 'true', 'try', 'typeof', 'var', 'void', 'while', 'with', 'yield', 'let', 'static', 'implements', 'interface', 'package',
  'private', 'protected', 'public', 'await', 'arguments', 'eval', 'undefined', 'NaN', 'Infinity',
  'constructor', 'prototype', '__proto__', 'toString', 'valueOf', 'hasOwnProperty',
]);

/** PostgreSQL and MySQL/MariaDB reserved keywords that table and column names commonly hit. Lowercase; SQL compares them case-insensitively. */
export const SQL_RESERVED: ReadonlySet<string> = new Set([
  'all', 'analyse', 'analyze', 'and', 'any', 'array', 'as', 'asc', 'asymmetric', 'authorization', 'between', 'binary', 'both', 'case',
  'cast', 'check', 'collate', 'column', 'constraint', 'create', 'cross', 'current_date', 'current_role', 'current_time',
  'current_timestamp', 'current_user', 'default', 'deferrable', 'desc', 'distinct', 'do', 'else', 'end', 'except', 'false', 'fetch',
  'for', 'foreign', 'from', 'grant', 'group', 'having', 'in', 'initially', 'inner', 'intersect', 'into', 'is', 'join', 'lateral',
  'leading', 'left', 'like', 'limit', 'localtime', 'localtimestamp', 'natural', 'not', 'null', 'offset', 'on', 'only', 'or', 'order',
  'outer', 'overlaps', 'placing', 'primary', 'references', 'returning', 'right', 'select', 'session_user', 'similar', 'some',
  'symmetric', 'table', 'then', 'to', 'trailing', 'true', 'union', 'unique', 'user', 'using', 'variadic', 'verbose', 'when', 'where',
  'window', 'with', 'key', 'keys', 'index', 'range', 'rank', 'row', 'rows', 'read', 'write', 'interval', 'condition', 'match', 'usage',
  'values',
]);

/** GraphQL keywords, introspection names, built-in scalars and the types every generated schema defines. Case-sensitive. */
export const GRAPHQL_RESERVED: ReadonlySet<string> = new Set([
  'query', 'mutation', 'subscription', 'fragment', 'on', 'type', 'input', 'enum', 'scalar', 'schema', 'directive', 'extend',
  'implements', 'interface', 'union', 'true', 'false', 'null', '__typename', '__schema', '__type', 'Query', 'Mutation',
  'Subscription', 'Int', 'Float', 'String', 'Boolean', 'ID', 'PageInfo', 'Node', 'Health', 'HealthCheck', 'HealthStatus',
]);

/** Protocol Buffers (proto3) keywords and scalar type names. Case-sensitive. */
export const PROTOBUF_RESERVED: ReadonlySet<string> = new Set([
  'syntax', 'import', 'weak', 'public', 'package', 'option', 'message', 'enum', 'service', 'rpc', 'returns', 'stream', 'oneof', 'map',
  'reserved', 'extensions', 'extend', 'to', 'max', 'optional', 'required', 'repeated', 'group', 'double', 'float', 'int32', 'int64',
  'uint32', 'uint64', 'sint32', 'sint64', 'fixed32', 'fixed64', 'sfixed32', 'sfixed64', 'bool', 'string', 'bytes', 'true', 'false',
  'inf', 'nan',
]);

export type ReservedLanguage = 'JavaScript/TypeScript' | 'SQL' | 'GraphQL' | 'protobuf';

const lists: readonly { language: ReservedLanguage; words: ReadonlySet<string>; caseSensitive: boolean }[] = [
  { language: 'JavaScript/TypeScript', words: JS_RESERVED, caseSensitive: true },
  { language: 'SQL', words: SQL_RESERVED, caseSensitive: false },
  { language: 'GraphQL', words: GRAPHQL_RESERVED, caseSensitive: true },
  { language: 'protobuf', words: PROTOBUF_RESERVED, caseSensitive: true },
];

export const RESERVED_LANGUAGES: readonly ReservedLanguage[] = lists.map((list) => list.language);

/** The first of `languages` (default: all, in the order above) that reserves `word`, or undefined. */
export function reservedIn(word: string, languages: readonly ReservedLanguage[] = RESERVED_LANGUAGES): ReservedLanguage | undefined {
  const found = lists.find((list) => languages.includes(list.language) && list.words.has(list.caseSensitive ? word : word.toLowerCase()));
  return found?.language;
}
