import { GraphQLError, type DocumentNode, type ExecutionResult, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import { cacheBudget, type BudgetedCache } from '../../cache/budget.js';
import { estimatePreparedBytes } from './estimates.js';
import { log } from '../../log.js';
import type { ApiContext } from './context.js';
import { ErrorCode } from '../../errors.js';
import { checkLimits, costModelOf, evaluateCost, measureOperation, type OperationMeasure } from './limits.js';
import { coerceVariables, selectOperation, withPassthroughType, withPassthroughVariables } from './variables.js';

/**
 * The API's one executor: top-level requests (through the GraphQL server) and saved searches run here.
 * It executes with graphql-jit instead of graphql-js: graphql-js executes a 20-hit search in ~140 µs; the
 * compiled query in ~10 µs after a one-off compile. Compiled queries are cached per schema, that is per
 * permission set, so a query compiled for one caller is never run for a caller who sees a different schema.
 *
 * Before anything runs, the operation is measured against the caller's limits (./limits.ts): a request over
 * them is refused before it is compiled and before any backend call.
 */
interface Prepared {
  readonly document: DocumentNode;
  readonly operation: OperationDefinitionNode;
  readonly measure: OperationMeasure;
  /** Compiled on first use within limits, so an over-limit document never costs a compile. */
  compiled?: CompiledQuery | ExecutionResult;
}

export function prepareOperation(
  document: DocumentNode,
  operationName: string | null | undefined,
  schema: GraphQLSchema,
): Prepared | ExecutionResult {
  const operation = selectOperation(document, operationName);
  if (!operation) {
    const message = operationName ? `Unknown operation named "${operationName}".` : 'Must provide operation name if query contains multiple operations.';
    return { errors: [new GraphQLError(message, { extensions: { code: 'OPERATION_RESOLUTION_FAILURE' } })] };
  }
  return { document, operation, measure: measureOperation(document, operation, costModelOf(schema)) };
}

/**
 * Checks limits, coerces variables and runs the compiled operation. Shared by top-level requests and saved
 * searches, so both run under the same limits through the same compiled path.
 */
export async function runPrepared(
  schema: GraphQLSchema,
  prepared: Prepared,
  context: ApiContext,
  rawVariables: Record<string, unknown>,
  admit: boolean,
): Promise<ExecutionResult> {
  const coerced = coerceVariables(schema, prepared.operation, rawVariables);
  if (!coerced.ok) return { errors: coerced.errors };
  const refused = checkLimits(prepared.measure, context.limits, coerced.values);
  if (refused) return { errors: [refused] };
  // Costly requests take turns (src/api/kernel/cost-gate.ts); a saved search runs inside its request's turn.
  let release = () => {};
  if (admit && context.admission) {
    try {
      release = await context.admission.admit(evaluateCost(prepared.measure.cost, coerced.values));
    } catch (err) {
      return { errors: [err as GraphQLError] };
    }
  }
  try {
    return await execute(schema, prepared, context, coerced.values);
  } finally {
    release();
  }
}

async function execute(schema: GraphQLSchema, prepared: Prepared, context: ApiContext, variables: Record<string, unknown>): Promise<ExecutionResult> {
  if (!prepared.compiled) {
    try {
      const document = withPassthroughVariables(prepared.document);
      prepared.compiled = withPassthroughType(schema, () => compileQuery(schema, document, prepared.operation.name?.value));
    } catch (err) {
      // graphql-jit throws plain errors (or arrays of them) for documents graphql-js would have refused.
      log.error({ err }, 'graphql-jit could not compile a validated document');
      prepared.compiled = { errors: [new GraphQLError('the query could not be compiled', { extensions: { code: ErrorCode.BadUserInput } })] };
    }
  }
  const compiled = prepared.compiled;
  if (!isCompiledQuery(compiled)) {
    for (const e of compiled.errors ?? []) if (!(e.extensions?.code)) log.warn({ message: e.message }, 'graphql-jit refused a document');
    return { errors: (compiled.errors ?? []).map(withCode) };
  }
  return compiled.query(undefined, context, variables) as Promise<ExecutionResult> | ExecutionResult;
}

/** graphql-jit's own compile errors carry no code; they are the caller's document's fault. */
function withCode(e: GraphQLError): GraphQLError {
  return e.extensions?.code ? e : new GraphQLError(e.message, { nodes: e.nodes, extensions: { code: ErrorCode.BadUserInput } });
}

/** Prepared (and, once run, compiled) operations per schema: one cache for top-level and saved searches. */
const caches = new WeakMap<GraphQLSchema, BudgetedCache<string, Prepared | ExecutionResult>>();

export function preparedFor(schema: GraphQLSchema): BudgetedCache<string, Prepared | ExecutionResult> {
  let cache = caches.get(schema);
  if (!cache) {
    // Each compiled query holds ≈44 KiB (generated code and closures): bounded in bytes, under the one budget.
    cache = cacheBudget.cache('compiled queries', (entry) => estimatePreparedBytes(entry));
    caches.set(schema, cache);
  }
  return cache;
}

/** Prepares (cached by `key`) and runs `document` for the owner of `schema`, under their limits. */
export async function executeOperation(
  schema: GraphQLSchema,
  key: string,
  document: DocumentNode,
  operationName: string | null | undefined,
  context: ApiContext,
  variables: Record<string, unknown>,
  admit = true,
): Promise<ExecutionResult> {
  const cache = preparedFor(schema);
  let entry = cache.get(key);
  if (!entry) {
    entry = prepareOperation(document, operationName, schema);
    cache.set(key, entry);
  }
  if (!('operation' in entry)) return entry;
  return runPrepared(schema, entry, context, variables, admit);
}

/** Forgets a schema's prepared operations (its server stopped; the permission set left the cache). */
export function forgetSchema(schema: GraphQLSchema): void {
  caches.get(schema)?.clear();
  caches.delete(schema);
}
