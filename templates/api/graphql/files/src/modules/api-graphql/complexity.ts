// A validation rule that rejects operations whose estimated cost exceeds a limit, before execution.
import type { FieldNode, FragmentDefinitionNode, SelectionSetNode, ValidationRule } from 'graphql';
import { GraphQLError, Kind } from './graphql-runtime.js';
import { PAGE_LIMIT_DEFAULT, PAGE_LIMIT_MAX } from '../../features/notes/index.js';

/**
 * Cost: one per field (aliases included), and the fields under a connection's `edges`/`nodes` count once
 * per requested item: `first`, the default page size when absent, and the largest page when it is a
 * variable or null (a rule shared by every request cannot read variables; the resolver refuses values
 * out of range). A literal `first` outside 1..PAGE_LIMIT_MAX is refused here, so no cost is ever below
 * the number of fields. A full page of notes costs about 800, a deeply repeated query far more.
 */
export function complexityLimit(max: number): ValidationRule {
  return (context) => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const definition of context.getDocument().definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    }
    const pageSize = pageSizeOf((field, first) =>
      context.reportError(
        new GraphQLError(`first must be an integer from 1 to ${PAGE_LIMIT_MAX}, got ${first}`, { nodes: [field], extensions: { code: 'BAD_USER_INPUT' } }),
      ),
    );
    const walk: Walk = { fragments, pageSize, fragmentCosts: new Map(), visiting: new Set() };
    return {
      OperationDefinition(operation) {
        const cost = selectionCost(operation.selectionSet, walk);
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

const REPEATED = new Set(['edges', 'nodes']);

const INT32_MAX = 2 ** 31 - 1;

interface Walk {
  fragments: Map<string, FragmentDefinitionNode>;
  /** Items a connection field asks for; undefined for a field that is not a connection. */
  pageSize: (field: FieldNode) => number | undefined;
  /** Each fragment's cost once: spreads of spreads would otherwise be walked exponentially often. */
  fragmentCosts: Map<string, number>;
  visiting: Set<string>;
}

function pageSizeOf(refuse: (field: FieldNode, first: string) => void): Walk['pageSize'] {
  const refused = new Set<FieldNode>();
  return (field) => {
    const isConnection = field.selectionSet?.selections.some((s) => s.kind === Kind.FIELD && REPEATED.has(s.name.value));
    if (!isConnection) return undefined;
    const first = field.arguments?.find((a) => a.name.value === 'first')?.value;
    if (!first) return PAGE_LIMIT_DEFAULT;
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
function selectionCost(set: SelectionSetNode, walk: Walk): number {
  let cost = 0;
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) {
      cost += 1;
      if (!selection.selectionSet) continue;
      const size = walk.pageSize(selection);
      if (size === undefined) {
        cost += selectionCost(selection.selectionSet, walk);
        continue;
      }
      // A connection: its items repeat per requested element, its pageInfo does not.
      for (const child of selection.selectionSet.selections) {
        const repeats = child.kind === Kind.FIELD && REPEATED.has(child.name.value);
        cost += (repeats ? size : 1) * selectionCost({ kind: Kind.SELECTION_SET, selections: [child] }, walk);
      }
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      cost += selectionCost(selection.selectionSet, walk);
    } else {
      cost += fragmentCost(selection.name.value, walk);
    }
  }
  return cost;
}

function fragmentCost(name: string, walk: Walk): number {
  const known = walk.fragmentCosts.get(name);
  if (known !== undefined) return known;
  const fragment = walk.fragments.get(name);
  if (!fragment || walk.visiting.has(name)) return 0; // unknown or cyclic: other rules report those
  walk.visiting.add(name);
  const cost = selectionCost(fragment.selectionSet, walk);
  walk.visiting.delete(name);
  walk.fragmentCosts.set(name, cost);
  return cost;
}
