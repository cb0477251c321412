// A validation rule that rejects operations whose estimated cost exceeds a limit, before execution.
import { GraphQLError, Kind, type FieldNode, type FragmentDefinitionNode, type SelectionSetNode, type ValidationRule } from 'graphql';
import { PAGE_LIMIT_DEFAULT, PAGE_LIMIT_MAX } from '../../features/notes/index.js';

/**
 * Cost: one per field, and the fields under a connection's `edges`/`nodes` count once per requested item
 * (`first`; the default page size when absent; the largest page when it is a variable, which a rule
 * shared by every request cannot read). So a full page of notes costs about 800 and a deeply repeated query far more.
 */
export function complexityLimit(max: number): ValidationRule {
  return (context) => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const definition of context.getDocument().definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    }
    return {
      OperationDefinition(operation) {
        const cost = selectionCost(operation.selectionSet, 1, fragments, new Set());
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

/** Items a connection field asks for; undefined for a field that is not a connection. */
function pageSize(field: FieldNode): number | undefined {
  const isConnection = field.selectionSet?.selections.some((s) => s.kind === Kind.FIELD && REPEATED.has(s.name.value));
  if (!isConnection) return undefined;
  const first = field.arguments?.find((a) => a.name.value === 'first')?.value;
  if (!first) return PAGE_LIMIT_DEFAULT;
  return first.kind === Kind.INT ? Number(first.value) : PAGE_LIMIT_MAX;
}

function selectionCost(set: SelectionSetNode, multiplier: number, fragments: Map<string, FragmentDefinitionNode>, visiting: Set<string>): number {
  let cost = 0;
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) {
      cost += multiplier;
      if (!selection.selectionSet) continue;
      const size = pageSize(selection);
      if (size === undefined) {
        cost += selectionCost(selection.selectionSet, multiplier, fragments, visiting);
        continue;
      }
      // A connection: its items repeat per requested element, its pageInfo does not.
      for (const child of selection.selectionSet.selections) {
        const repeats = child.kind === Kind.FIELD && REPEATED.has(child.name.value);
        cost += selectionCost({ kind: Kind.SELECTION_SET, selections: [child] }, multiplier * (repeats ? size : 1), fragments, visiting);
      }
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      cost += selectionCost(selection.selectionSet, multiplier, fragments, visiting);
    } else {
      const name = selection.name.value;
      const fragment = fragments.get(name);
      if (!fragment || visiting.has(name)) continue; // unknown or cyclic: other rules report those
      visiting.add(name);
      cost += selectionCost(fragment.selectionSet, multiplier, fragments, visiting);
      visiting.delete(name);
    }
  }
  return cost;
}
