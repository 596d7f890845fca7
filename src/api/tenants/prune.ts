import {
  getNamedType,
  getOperationAST,
  getVariableValues,
  isCompositeType,
  isEnumType,
  isInputObjectType,
  isInputType,
  isListType,
  isNonNullType,
  isObjectType,
  isInterfaceType,
  Kind,
  typeFromAST,
  visit,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';

/**
 * Fits a saved GraphQL document to the schema of the caller who runs it. The caller's schema holds only what
 * they may see, so anything the document names that is not in it — a hidden field, a hidden index, a filter
 * or sort on a hidden field — is refused and cut out, and the rest runs. A refused part reads the same whether
 * it is hidden or does not exist at all, so running someone else's search reveals nothing new.
 *
 * A field whose arguments cannot be met is dropped whole (never run with the offending filter removed: that
 * would return more than the search asks for).
 */
export interface Refusal {
  readonly message: string;
  /** Response keys to the refused part; empty for the whole search. */
  readonly path: readonly string[];
  readonly code: 'FORBIDDEN' | 'BAD_USER_INPUT';
}

export interface Pruned {
  /** What still runs; null when nothing does. */
  readonly document: DocumentNode | null;
  readonly operationName: string | undefined;
  readonly refusals: readonly Refusal[];
}

/** Root fields a saved search may not use: tenant and admin APIs (no recursion, no privilege by proxy). */
export const NOT_IN_SAVED_SEARCH = new Set(['savedSearches', 'savedSearch', 'runSavedSearch', 'security']);

export function pruneForSchema(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | undefined,
  variables: Record<string, unknown>,
): Pruned {
  const refusals: Refusal[] = [];
  const whole = (message: string, code: Refusal['code'] = 'BAD_USER_INPUT'): Pruned => ({
    document: null,
    operationName,
    refusals: [{ message, path: [], code }],
  });
  let operation: OperationDefinitionNode | null;
  try {
    operation = getOperationAST(document, operationName) ?? null;
  } catch {
    operation = null;
  }
  if (!operation) return whole(operationName ? `the document has no operation named ${operationName}` : 'the document must hold exactly one operation, or name one');
  if (operation.operation !== 'query') return whole('a saved search runs queries only');
  const queryType = schema.getQueryType();
  if (!queryType) return whole('nothing can be queried');

  // Variables the caller's schema cannot take (unknown type, or a value naming hidden fields) make every field
  // that uses them unrunnable.
  const unusable = new Set<string>();
  for (const def of operation.variableDefinitions ?? []) {
    const type = typeFromAST(schema, def.type);
    const name = def.variable.name.value;
    if (!type || !isInputType(type)) {
      unusable.add(name);
      continue;
    }
    // A default naming something hidden would otherwise be dropped in silence (graphql-js then treats the
    // variable as absent), and the field would run without that filter.
    if (def.defaultValue && !valueOk(def.defaultValue, type, new Set())) {
      unusable.add(name);
      continue;
    }
    const coerced = getVariableValues(schema, [def], variables, { maxErrors: 1 });
    if (coerced.errors) unusable.add(name);
  }

  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
  const prunedFragments = new Map<string, FragmentDefinitionNode | null>();
  const refuse = (path: readonly string[], message: string, code: Refusal['code'] = 'FORBIDDEN') =>
    refusals.push({ message, path, code });

  const argumentsOk = (field: FieldNode, def: GraphQLField<unknown, unknown>): boolean =>
    (field.arguments ?? []).every((arg) => {
      const argDef = def.args.find((a) => a.name === arg.name.value);
      return argDef !== undefined && valueOk(arg.value, argDef.type, unusable);
    });

  const pruneSet = (set: SelectionSetNode, parent: GraphQLCompositeType, path: readonly string[], root: boolean): SelectionSetNode | null => {
    const kept: SelectionNode[] = [];
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        const key = sel.alias?.value ?? sel.name.value;
        const here = [...path, key];
        if (sel.name.value === '__typename') {
          kept.push(sel);
          continue;
        }
        if (root && NOT_IN_SAVED_SEARCH.has(sel.name.value)) {
          refuse(here, `${sel.name.value} cannot be used in a saved search`, 'BAD_USER_INPUT');
          continue;
        }
        const def = isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[sel.name.value] : undefined;
        if (!def) {
          refuse(here, `${here.join('.')} is not available to you`);
          continue;
        }
        if (!argumentsOk(sel, def)) {
          refuse(here, `${here.join('.')} was refused: its arguments name something not available to you`);
          continue;
        }
        const named = getNamedType(def.type);
        if (sel.selectionSet && isCompositeType(named)) {
          const child = pruneSet(sel.selectionSet, named, here, false);
          if (child) kept.push({ ...sel, selectionSet: child });
          continue;
        }
        kept.push(sel);
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        const type = sel.typeCondition ? schema.getType(sel.typeCondition.name.value) : parent;
        if (!type || !isCompositeType(type)) {
          refuse(path, `the fragment on ${sel.typeCondition?.name.value ?? '?'} at ${path.join('.') || 'the root'} is not available to you`);
          continue;
        }
        const child = pruneSet(sel.selectionSet, type, path, root);
        if (child) kept.push({ ...sel, selectionSet: child });
      } else {
        const name = sel.name.value;
        if (!prunedFragments.has(name)) {
          const def = fragments.get(name);
          prunedFragments.set(name, null); // a cycle is refused by validation; never recurse forever
          const type = def ? schema.getType(def.typeCondition.name.value) : undefined;
          if (!def || !type || !isCompositeType(type)) {
            refuse(path, `the fragment ${name} is not available to you`);
          } else {
            const child = pruneSet(def.selectionSet, type, path, root);
            prunedFragments.set(name, child ? { ...def, selectionSet: child } : null);
          }
        }
        if (prunedFragments.get(name)) kept.push(sel);
      }
    }
    return kept.length > 0 ? { ...set, selections: kept } : null;
  };

  const selectionSet = pruneSet(operation.selectionSet, queryType, [], true);
  if (!selectionSet) return { document: null, operationName, refusals };

  // Keep only the fragments and variables the remaining parts use: unused ones would fail validation.
  const used = usedNames({ ...operation, selectionSet }, prunedFragments);
  const keptOperation: OperationDefinitionNode = {
    ...operation,
    variableDefinitions: (operation.variableDefinitions ?? []).filter((d) => used.variables.has(d.variable.name.value)),
    selectionSet,
  };
  const keptFragments = [...used.fragments].map((n) => prunedFragments.get(n)).filter((f): f is FragmentDefinitionNode => !!f);
  return {
    document: { kind: Kind.DOCUMENT, definitions: [keptOperation, ...keptFragments] },
    operationName,
    refusals,
  };
}

/** Whether a literal (or variable) fits an input type the caller's schema has, without unknown fields or values. */
function valueOk(value: ValueNode, type: GraphQLInputType, unusable: ReadonlySet<string>): boolean {
  if (value.kind === Kind.VARIABLE) return !unusable.has(value.name.value);
  if (value.kind === Kind.NULL) return true;
  if (isNonNullType(type)) return valueOk(value, type.ofType, unusable);
  if (isListType(type)) {
    const items = value.kind === Kind.LIST ? value.values : [value];
    return items.every((v) => valueOk(v, type.ofType, unusable));
  }
  if (isInputObjectType(type)) {
    if (value.kind !== Kind.OBJECT) return true; // a wrong literal kind is validation's to report
    const fields = type.getFields();
    return value.fields.every((f) => {
      const def = fields[f.name.value];
      return def !== undefined && valueOk(f.value, def.type, unusable);
    });
  }
  if (isEnumType(type) && value.kind === Kind.ENUM) return type.getValue(value.value) !== undefined;
  return true;
}

function usedNames(operation: OperationDefinitionNode, fragments: ReadonlyMap<string, FragmentDefinitionNode | null>) {
  const variables = new Set<string>();
  const names = new Set<string>();
  const queue: (OperationDefinitionNode | FragmentDefinitionNode)[] = [operation];
  while (queue.length > 0) {
    const node = queue.pop()!;
    // Variable definitions are declarations, not uses.
    visit(node.selectionSet, {
      Variable: (v) => void variables.add(v.name.value),
      FragmentSpread: (s) => {
        const name = s.name.value;
        const def = fragments.get(name);
        if (!names.has(name) && def) {
          names.add(name);
          queue.push(def);
        }
      },
    });
  }
  return { variables, fragments: names };
}
