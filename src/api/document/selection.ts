import {
  Kind,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLResolveInfo,
  type SelectionSetNode,
} from 'graphql';
import type { VisibleField } from '../../access/visible.js';

/**
 * Reads the caller's selection set so that the backend is asked only for the `_source` fields the query
 * selected (and, by construction, only visible ones), and so aggregations can be planned into the same request.
 */
type Fragments = Record<string, FragmentDefinitionNode>;

/** The field nodes of a selection set with fragments flattened. `typeName` keeps only fragments on that type. */
export function fieldNodes(set: SelectionSetNode | undefined, fragments: Fragments, typeName?: string): FieldNode[] {
  if (!set) return [];
  const out: FieldNode[] = [];
  for (const sel of set.selections) {
    if (sel.kind === Kind.FIELD) {
      out.push(sel);
    } else if (sel.kind === Kind.INLINE_FRAGMENT) {
      const cond = sel.typeCondition?.name.value;
      if (!typeName || !cond || cond === typeName) out.push(...fieldNodes(sel.selectionSet, fragments, typeName));
    } else {
      const frag = fragments[sel.name.value];
      const cond = frag?.typeCondition.name.value;
      if (frag && (!typeName || cond === typeName)) out.push(...fieldNodes(frag.selectionSet, fragments, typeName));
    }
  }
  return out;
}

/** Selection sets reached by following field names (e.g. `hits` -> `document`) from the resolver's field. */
export function descend(info: GraphQLResolveInfo, names: readonly string[], typeName?: string): SelectionSetNode[] {
  let sets = info.fieldNodes.map((n) => n.selectionSet).filter((s): s is SelectionSetNode => !!s);
  for (const name of names) {
    const next: SelectionSetNode[] = [];
    for (const set of sets) {
      for (const node of fieldNodes(set, info.fragments)) {
        if (node.name.value === name && node.selectionSet) next.push(node.selectionSet);
      }
    }
    sets = next;
  }
  // The last hop may be a union (the cross-index `search`): keep only the caller's fragments on this type.
  if (typeName) {
    return sets.map((s) => ({ kind: Kind.SELECTION_SET, selections: fieldNodes(s, info.fragments, typeName) }));
  }
  return sets;
}

/** `_source` paths selected within a document selection, restricted to the visible field tree. */
export function sourcePaths(sets: readonly SelectionSetNode[], fields: readonly VisibleField[], fragments: Fragments): Set<string> {
  const out = new Set<string>();
  const walk = (set: SelectionSetNode, level: readonly VisibleField[]) => {
    for (const node of fieldNodes(set, fragments)) {
      const field = level.find((f) => f.name === node.name.value);
      if (!field) continue;
      if (field.kind === 'object') {
        if (node.selectionSet) walk(node.selectionSet, field.children);
      } else {
        out.add(field.path);
      }
    }
  };
  for (const set of sets) walk(set, fields);
  return out;
}
