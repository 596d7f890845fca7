import type { GraphQLFieldConfigMap, GraphQLObjectType } from 'graphql';
import type { IndexShape, SchemaShape } from '../../access/view.js';
import type { ApiContext } from './context.js';
import type { AggregationCost, RootKind } from './limits.js';

/**
 * What one feature of the API (search, get-by-id, `me`, tenants, administration) implements. The assembler
 * (src/api/schema.ts) only composes modules: a new feature is a new folder with a module, not edits spread
 * over the schema builder, the planner and the resolvers.
 */
// Each module types its own resolvers' context (the kernel's plus its slice); the assembler mixes them.
export type RootFields = GraphQLFieldConfigMap<unknown, any>;

export interface ModuleRoots {
  readonly query?: RootFields;
  readonly mutation?: RootFields;
  /** Its root fields that reach the backend, and how (the operation's cost estimate counts them). */
  readonly rootKinds?: Readonly<Record<string, RootKind>>;
  /** What its aggregation fields may cost, by field name. */
  readonly aggregations?: ReadonlyMap<string, AggregationCost>;
}

/** Types more than one module returns, built once per permission set's schema. */
export interface SchemaParts {
  /** The document type of an index: search hits and get-by-id answer with the same type. */
  document(index: IndexShape): GraphQLObjectType;
  /** The indices whose document type has at least one field this permission set may see. */
  readonly documentIndices: readonly IndexShape[];
}

/** What a module's slice of the request context is made from. */
export interface SliceRequest {
  /** Request headers as node:http's `headersDistinct` gives them. */
  readonly headers: Readonly<Record<string, readonly string[] | undefined>>;
  /** The whole context, once made (for slices that call back into it later, like batching loaders). */
  readonly context: () => ApiContext;
}

export interface ApiModule<Slice extends object = Record<never, never>, Deps = undefined> {
  readonly name: string;
  /** The static SDL files (schema/*.graphql) holding this module's types. */
  readonly sdl: readonly string[];
  /** The root fields this module contributes for one permission set; nothing when it may not use it. */
  roots(shape: SchemaShape, parts: SchemaParts): ModuleRoots;
  /** Its slice of one request's context, from what the gateway gave it at start (`deps`). */
  slice(deps: Deps, request: SliceRequest): Slice;
}

/** Shared by every module: scalars, `Query`, `PageInfo` and the enums all of them use. */
export const KERNEL_SDL = ['base.graphql'] as const;
