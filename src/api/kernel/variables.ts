import {
  specifiedScalarTypes,
  GraphQLError,
  GraphQLScalarType,
  type GraphQLSchema,
  Kind,
  type DocumentNode,
  type OperationDefinitionNode,
  type VariableDefinitionNode,
} from 'graphql';
import { getVariableValues } from 'graphql/execution/values.js';
import { ErrorCode } from '../../errors.js';

/**
 * Variable coercion for compiled queries. graphql-jit generates coercion code by inlining every input type
 * into its parent; a recursive input type (`MovieWhere { AND: [MovieWhere!] }`) makes that expansion run for
 * seconds and blocks the event loop, for any caller who merely declares `$w: MovieWhere`. So variables are
 * coerced here by graphql-js (linear in the value, with graphql-js's own error messages), and graphql-jit
 * compiles a copy of the document whose variables are all declared as a pass-through scalar: it inlines
 * nothing and hands the already-coerced values to the resolvers unchanged.
 */

/** Deepest nesting of a variables object we coerce; deeper values are refused before any recursion. */
export const MAX_VARIABLE_DEPTH = 64;
const PASSTHROUGH = 'SearchgateCoercedVariable';

const passthrough = new GraphQLScalarType({
  name: PASSTHROUGH,
  description: 'A variable value already coerced by graphql-js; never part of a served schema.',
  parseValue: (v) => v,
  serialize: (v) => v,
});

/**
 * Compiles `compile` against the served schema with the pass-through scalar known for the duration of the
 * (synchronous) compile only. graphql-jit looks variable types up by name while compiling and captures what it
 * needs; introspection at run time reads the schema's type map, which by then no longer holds the scalar, so
 * callers never see it (a second schema holding it would show it to `__schema { types }`).
 */
export function withPassthroughType<T>(schema: GraphQLSchema, compile: () => T): T {
  const typeMap = schema.getTypeMap() as Record<string, unknown>;
  if (typeMap[PASSTHROUGH] !== undefined) return compile();
  typeMap[PASSTHROUGH] = passthrough;
  try {
    return compile();
  } finally {
    delete typeMap[PASSTHROUGH];
  }
}

export function selectOperation(document: DocumentNode, operationName: string | null | undefined): OperationDefinitionNode | undefined {
  let found: OperationDefinitionNode | undefined;
  for (const def of document.definitions) {
    if (def.kind !== Kind.OPERATION_DEFINITION) continue;
    if (operationName == null) {
      if (found) return undefined; // several operations and no name: graphql-js reports it
      found = def;
    } else if (def.name?.value === operationName) {
      return def;
    }
  }
  return found;
}

/** The document graphql-jit compiles: identical, except that every variable is a pass-through. */
export function withPassthroughVariables(document: DocumentNode): DocumentNode {
  let changed = false;
  const definitions = document.definitions.map((def) => {
    if (def.kind !== Kind.OPERATION_DEFINITION || !def.variableDefinitions?.length) return def;
    changed = true;
    const variableDefinitions: VariableDefinitionNode[] = def.variableDefinitions.map((v) => ({
      kind: Kind.VARIABLE_DEFINITION,
      variable: v.variable,
      type: { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: PASSTHROUGH } },
      // Defaults were applied by graphql-js already; directives on variables have no runtime meaning.
    }));
    return { ...def, variableDefinitions };
  });
  return changed ? { ...document, definitions } : document;
}

/** How deeply a JSON value nests (objects and arrays), without recursion; stops counting past `limit`. */
export function nestingDepth(value: unknown, limit: number): number {
  let max = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    const d = depth + 1;
    if (d > max) max = d;
    if (max > limit) return max;
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, d]);
  }
  return max;
}

export type Coerced = { ok: true; values: Record<string, unknown> } | { ok: false; errors: GraphQLError[] };

/** graphql-js's coercion of the raw variables for `operation`, with coded errors. */
export function coerceVariables(schema: GraphQLSchema, operation: OperationDefinitionNode, raw: Record<string, unknown>): Coerced {
  const defs = operation.variableDefinitions ?? [];
  if (defs.length === 0) return { ok: true, values: {} };
  if (nestingDepth(raw, MAX_VARIABLE_DEPTH) > MAX_VARIABLE_DEPTH) {
    return {
      ok: false,
      errors: [new GraphQLError(`variables nest deeper than ${MAX_VARIABLE_DEPTH} levels`, { extensions: { code: ErrorCode.QueryTooComplex } })],
    };
  }
  const fast = coerceBuiltinScalars(schema, operation, raw);
  if (fast) return { ok: true, values: fast };
  const result = getVariableValues(schema, defs, raw, { maxErrors: 20 });
  if (result.errors) {
    return {
      ok: false,
      errors: result.errors.map((e) => new GraphQLError(e.message, { nodes: e.nodes, extensions: { code: ErrorCode.BadUserInput } })),
    };
  }
  return { ok: true, values: result.coerced };
}

/** A variable whose type is a built-in scalar, possibly non-null, without a default. */
interface ScalarVariable {
  readonly name: string;
  readonly scalar: 'String' | 'Int' | 'Float' | 'Boolean' | 'ID';
  readonly nonNull: boolean;
}

const BUILTIN = new Set(['String', 'Int', 'Float', 'Boolean', 'ID']);
const MAX_INT = 2147483647;
const MIN_INT = -2147483648;
/** Per operation: its variables when all are built-in scalars without defaults, else null (graphql-js coerces). */
const scalarPlans = new WeakMap<OperationDefinitionNode, readonly ScalarVariable[] | null>();

function scalarPlan(schema: GraphQLSchema, operation: OperationDefinitionNode): readonly ScalarVariable[] | null {
  const known = scalarPlans.get(operation);
  if (known !== undefined) return known;
  let plan: ScalarVariable[] | null = [];
  for (const def of operation.variableDefinitions ?? []) {
    const nonNull = def.type.kind === Kind.NON_NULL_TYPE;
    const named = def.type.kind === Kind.NON_NULL_TYPE ? def.type.type : def.type;
    // Only the specified scalars themselves (a schema cannot redefine them, but check the type is the one it has).
    if (named.kind !== Kind.NAMED_TYPE || !BUILTIN.has(named.name.value) || def.defaultValue !== undefined
      || schema.getType(named.name.value) !== specifiedScalarTypes.find((t) => t.name === named.name.value)) {
      plan = null;
      break;
    }
    plan.push({ name: def.variable.name.value, scalar: named.name.value as ScalarVariable['scalar'], nonNull });
  }
  scalarPlans.set(operation, plan);
  return plan;
}

/**
 * The common case without graphql-js's general coercion (about a tenth of the API's own CPU per search, issue
 * 13): every variable a built-in scalar without a default, every value already of its type. Values are taken
 * exactly as graphql-js takes them (an ID given as an integer becomes its string); anything else — a wrong
 * type, a missing required value, null for a non-null one — returns undefined, and graphql-js coerces the
 * whole set, errors included.
 */
export function coerceBuiltinScalars(schema: GraphQLSchema, operation: OperationDefinitionNode, raw: Record<string, unknown>): Record<string, unknown> | undefined {
  const plan = scalarPlan(schema, operation);
  if (!plan) return undefined;
  const out: Record<string, unknown> = {};
  for (const v of plan) {
    if (!Object.prototype.hasOwnProperty.call(raw, v.name)) {
      if (v.nonNull) return undefined;
      continue;
    }
    const value = raw[v.name];
    if (value === null) {
      if (v.nonNull) return undefined;
      out[v.name] = null;
      continue;
    }
    switch (v.scalar) {
      case 'String':
        if (typeof value !== 'string') return undefined;
        out[v.name] = value;
        break;
      case 'Boolean':
        if (typeof value !== 'boolean') return undefined;
        out[v.name] = value;
        break;
      case 'Int':
        if (typeof value !== 'number' || !Number.isInteger(value) || value > MAX_INT || value < MIN_INT) return undefined;
        out[v.name] = value;
        break;
      case 'Float':
        if (typeof value !== 'number' || !Number.isFinite(value)) return undefined;
        out[v.name] = value;
        break;
      case 'ID':
        if (typeof value === 'string') out[v.name] = value;
        else if (typeof value === 'number' && Number.isInteger(value)) out[v.name] = String(value);
        else return undefined;
        break;
      default: {
        const unreachable: never = v.scalar;
        return unreachable;
      }
    }
  }
  return out;
}
