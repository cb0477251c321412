// A validation rule that rejects operations whose estimated cost exceeds a limit, before execution.
import type { FieldNode, FragmentDefinitionNode, GraphQLField, GraphQLNamedType, GraphQLSchema, SelectionSetNode, ValidationRule } from 'graphql';
import { PAGE_LIMIT_MAX } from '../../core/resources/page.js';
import { getNamedType, GraphQLError, isInterfaceType, isObjectType, Kind } from './graphql-runtime.js';

/**
 * Cost: one per field (aliases included), and the fields under a connection's `edges`/`nodes` count once
 * per requested item. A connection is any field whose type is a `…Connection` object with `edges` and
 * `pageInfo` (the Relay shape every resource's list has), whatever its name. Items: its `first`
 * argument; the argument's default when absent; the largest page when it is a variable or null (a rule
 * shared by every request cannot read variables; the resolver refuses values out of range). A literal
 * `first` outside 1..PAGE_LIMIT_MAX is refused here, so no cost is ever below the number of fields.
 * A full page of a resource with two fields costs about 800, a deeply repeated query far more.
 */
export function complexityLimit(max: number): ValidationRule {
  return (context) => {
    const schema = context.getSchema();
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const definition of context.getDocument().definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    }
    const pageSize = pageSizeOf((field, first) =>
      context.reportError(
        new GraphQLError(`first must be an integer from 1 to ${PAGE_LIMIT_MAX}, got ${first}`, { nodes: [field], extensions: { code: 'BAD_USER_INPUT' } }),
      ),
    );
    const walk: Walk = { schema, fragments, pageSize, fragmentCosts: new Map(), visiting: new Set() };
    return {
      OperationDefinition(operation) {
        const cost = selectionCost(operation.selectionSet, rootType(schema, operation.operation), walk);
        if (cost > max) {
          const name = operation.name?.value ?? 'anonymous operation';
          context.reportError(
            new GraphQLError(`${name} costs ${cost}, more than the limit of ${max}; request fewer items or fields`, {
              nodes: [operation],
              extensions: { code: 'QUERY_TOO_COMPLEX', cost, max },
            }),
          );
        }
      },
    };
  };
}

/** The fields of a connection that repeat once per item. */
const REPEATED = new Set(['edges', 'nodes']);

const INT32_MAX = 2 ** 31 - 1;

/** The type whose fields a selection set selects; undefined where the document names what the schema lacks (other rules report it). */
type Parent = GraphQLNamedType | undefined;

interface Walk {
  schema: GraphQLSchema;
  fragments: Map<string, FragmentDefinitionNode>;
  /** Items a connection field asks for. */
  pageSize: (field: FieldNode, definition: GraphQLField<unknown, unknown>) => number;
  /** Each fragment's cost once (per page size inside connections): spreads of spreads would otherwise be walked exponentially often. */
  fragmentCosts: Map<string, number>;
  visiting: Set<string>;
}

function rootType(schema: GraphQLSchema, operation: 'query' | 'mutation' | 'subscription'): Parent {
  if (operation === 'mutation') return schema.getMutationType() ?? undefined;
  if (operation === 'subscription') return schema.getSubscriptionType() ?? undefined;
  return schema.getQueryType() ?? undefined;
}

const fieldOf = (parent: Parent, name: string): GraphQLField<unknown, unknown> | undefined =>
  isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[name] : undefined;

/** Relay's connection: an object type named `…Connection` with `edges` and `pageInfo`. */
function isConnection(type: GraphQLNamedType): boolean {
  if (!isObjectType(type) || !type.name.endsWith('Connection')) return false;
  const fields = type.getFields();
  return 'edges' in fields && 'pageInfo' in fields;
}

function pageSizeOf(refuse: (field: FieldNode, first: string) => void): Walk['pageSize'] {
  const refused = new Set<FieldNode>();
  return (field, definition) => {
    const first = field.arguments?.find((a) => a.name.value === 'first')?.value;
    if (!first) {
      const fallback = definition.args.find((a) => a.name === 'first')?.defaultValue;
      return typeof fallback === 'number' ? fallback : PAGE_LIMIT_MAX;
    }
    if (first.kind !== Kind.INT) return PAGE_LIMIT_MAX; // a variable, null, or a wrong type other rules report
    const size = Number(first.value);
    if (size >= 1 && size <= PAGE_LIMIT_MAX) return size;
    // Past 32 bits it is no Int at all, which graphql's own rule reports.
    if (Math.abs(size) <= INT32_MAX && !refused.has(field)) refuse(field, first.value);
    refused.add(field);
    return PAGE_LIMIT_MAX;
  };
}

/** The cost of a selection set asked for once; a set repeated n times costs n times as much. */
function selectionCost(set: SelectionSetNode, parent: Parent, walk: Walk): number {
  let cost = 0;
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) {
      cost += 1;
      if (!selection.selectionSet) continue;
      const definition = fieldOf(parent, selection.name.value);
      const type = definition && getNamedType(definition.type);
      if (definition && type && isConnection(type)) cost += connectionCost(selection.selectionSet, type, walk.pageSize(selection, definition), walk);
      else cost += selectionCost(selection.selectionSet, type, walk);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const condition = selection.typeCondition ? walk.schema.getType(selection.typeCondition.name.value) : parent;
      cost += selectionCost(selection.selectionSet, condition ?? undefined, walk);
    } else {
      cost += fragmentCost(selection.name.value, selection.name.value, (fragment, type) => selectionCost(fragment.selectionSet, type, walk), walk);
    }
  }
  return cost;
}

/** What a connection's selection set costs: its items (edges, nodes) once per requested item, pageInfo once. */
function connectionCost(set: SelectionSetNode, connection: GraphQLNamedType, size: number, walk: Walk): number {
  let cost = 0;
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) {
      const repeats = REPEATED.has(selection.name.value) ? size : 1;
      cost += repeats * selectionCost({ kind: Kind.SELECTION_SET, selections: [selection] }, connection, walk);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      cost += connectionCost(selection.selectionSet, connection, size, walk);
    } else {
      const name = selection.name.value;
      cost += fragmentCost(`${name}*${size}`, name, (fragment) => connectionCost(fragment.selectionSet, connection, size, walk), walk);
    }
  }
  return cost;
}

/** A fragment's cost, computed once per key (its name, and the page size it repeats by inside a connection). */
function fragmentCost(key: string, name: string, costOf: (fragment: FragmentDefinitionNode, type: Parent) => number, walk: Walk): number {
  const known = walk.fragmentCosts.get(key);
  if (known !== undefined) return known;
  const fragment = walk.fragments.get(name);
  if (!fragment || walk.visiting.has(name)) return 0; // unknown or cyclic: other rules report those
  walk.visiting.add(name);
  const cost = costOf(fragment, walk.schema.getType(fragment.typeCondition.name.value) ?? undefined);
  walk.visiting.delete(name);
  walk.fragmentCosts.set(key, cost);
  return cost;
}
