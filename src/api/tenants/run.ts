import { createHash } from 'node:crypto';
import { GraphQLError, parse, print, specifiedRules, validate, type DocumentNode, type GraphQLSchema } from 'graphql';
import type { TenancyRequestContext } from './context.js';
import { formatError } from '../kernel/format-error.js';
import { executeOperation } from '../kernel/execute.js';
import { KnownOperationTypes } from '../kernel/known-operation-types.js';
import type { SavedSearchDefinition } from './definition.js';
import { indexSearchDocument } from './index-document.js';
import { pruneForSchema, type Refusal } from './prune.js';

/**
 * Runs a saved search as the caller: against the caller's own schema and with the caller's request context,
 * so their DLS, FLS and masks apply exactly as if they had sent the document themselves. The author's
 * permissions play no part; they are not even known here.
 */
export interface RunError {
  readonly message: string;
  readonly path: readonly string[] | null;
  readonly code: string;
}

export interface RunOutcome {
  readonly data: Record<string, unknown> | null;
  readonly errors: readonly RunError[];
}

interface Prepared {
  readonly document: DocumentNode | null;
  readonly operationName: string | undefined;
  readonly variables: Record<string, unknown>;
  readonly problems: RunError[];
}

const fromRefusal = (r: Refusal): RunError => ({ message: r.message, path: r.path.length > 0 ? [...r.path] : null, code: r.code });

/** The document that would run for the owner of `schema`, and what had to be refused to get it. */
export function prepareRun(definition: SavedSearchDefinition, schema: GraphQLSchema, runtimeVariables: Record<string, unknown> = {}): Prepared {
  let text: string;
  let variables: Record<string, unknown>;
  let operationName: string | undefined;
  if (definition.kind === 'document') {
    text = definition.document;
    variables = { ...definition.variables, ...runtimeVariables };
    operationName = definition.operationName;
  } else {
    const generated = indexSearchDocument(definition, schema);
    if (generated.kind === 'refused') {
      return { document: null, operationName: undefined, variables: {}, problems: [{ message: generated.message, path: [definition.index], code: 'FORBIDDEN' }] };
    }
    text = generated.document;
    variables = { ...generated.variables, ...runtimeVariables };
    operationName = undefined;
  }
  let document: DocumentNode;
  try {
    document = parse(text, { maxTokens: 10_000 });
  } catch (err) {
    const message = err instanceof GraphQLError ? err.message : 'unreadable';
    return { document: null, operationName, variables, problems: [{ message: `the saved document is not valid GraphQL: ${message}`, path: null, code: 'BAD_USER_INPUT' }] };
  }
  const pruned = pruneForSchema(schema, document, operationName, variables);
  const problems = pruned.refusals.map(fromRefusal);
  if (!pruned.document) return { document: null, operationName, variables, problems };
  // Whatever is left must still be a valid request for this schema (e.g. variable types, required arguments).
  const invalid = validate(schema, pruned.document, [...specifiedRules, KnownOperationTypes]);
  for (const err of invalid) problems.push({ message: err.message, path: null, code: 'BAD_USER_INPUT' });
  return { document: invalid.length === 0 ? pruned.document : null, operationName, variables, problems };
}

export async function runSaved(
  definition: SavedSearchDefinition,
  schema: GraphQLSchema,
  ctx: TenancyRequestContext,
  runtimeVariables: Record<string, unknown> = {},
): Promise<RunOutcome> {
  const prepared = prepareRun(definition, schema, runtimeVariables);
  if (!prepared.document) return { data: null, errors: prepared.problems };
  // The same compiled path and limits as a request sent directly (the request's search budget is shared).
  const key = `saved\u0000${prepared.operationName ?? ''}\u0000${createHash('sha256').update(print(prepared.document)).digest('base64')}`;
  const result = await executeOperation(
    schema,
    key,
    prepared.document,
    prepared.operationName,
    ctx,
    prepared.variables,
    // Already inside its request's admission: waiting again for capacity that request holds would deadlock.
    false,
  );
  const errors = [...prepared.problems];
  for (const err of result.errors ?? []) {
    // The same filter as every top-level error: only deliberate, coded messages reach the caller.
    const formatted = formatError(err.toJSON(), err);
    const code = formatted.extensions?.code;
    errors.push({ message: formatted.message, path: formatted.path ? formatted.path.map(String) : null, code: typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR' });
  }
  return { data: (result.data as Record<string, unknown> | null | undefined) ?? null, errors };
}
