/**
 * The compiled form of one aggregation. Compilation validates every parameter (and every sub-aggregation)
 * before any document is looked at, so a request with one bad clause fails as a whole instead of returning
 * partial results.
 */
import type { AggContext } from './agg-context.js';

/** Docs arrive as any indexed list: the search core hands over its typed arrays of matches uncopied. */
export interface AggNode<D> {
  /** A query inside this aggregation (or below it) was rewritten by OpenSearch: it then renders `meta: {}`. */
  readonly rewritten?: boolean;
  /** Whether that rewrite happened on one shard (target index); undefined: `rewritten` on every shard. */
  rewrittenOn?(shard: number): boolean;
  /** The rendered result of this aggregation over `docs` (e.g. `{ value: 3 }` or `{ buckets: [...] }`). */
  run(docs: ArrayLike<D>): Record<string, unknown>;
  /** The checks OpenSearch makes only when it creates the aggregators, after every factory of the whole
   *  tree was built (see `atCreation`): throws the first that fails, in its order. */
  readonly create?: () => void;
}

/** The sub-aggregations of a bucket aggregation, rendered into each bucket next to `doc_count`. */
export interface SubAggs<D> {
  readonly names: readonly string[];
  /** The aggregation type of each name (same order). */
  readonly types?: readonly string[];
  /** The raw definitions (`{ name: { type: body, aggs? } }`), for order paths that reach below these. */
  readonly defs?: Readonly<Record<string, unknown>>;
  readonly rewritten?: boolean;
  rewrittenOn?(shard: number): boolean;
  /** `shards`: the order the reduce meets the shards' results in at this bucket (see shard-scope.ts), when
   *  the caller knows it; by default the shards holding `docs`, in shard order. */
  run(docs: ArrayLike<D>, shards?: readonly number[]): Record<string, unknown>;
  /** The shards holding `docs`, in shard order (only where results of several shards meet). */
  shardsOf?(docs: ArrayLike<D>): number[];
  /** The aggregator-creation checks of these aggregations, in order (see AggNode.create). */
  readonly create?: () => void;
}

export interface CompileInput<D> {
  readonly name: string;
  readonly type: string;
  readonly body: unknown;
  readonly subs: SubAggs<D>;
  readonly ctx: AggContext<D>;
}

export type AggCompiler = <D>(input: CompileInput<D>) => AggNode<D>;

/**
 * OpenSearch builds an aggregation request in two phases: first every factory of the tree (field and
 * parameter resolution, `range`/`date_range` bounds, `filter`/`filters` queries, ...), then, on the shard's
 * query phase (after the result window check), the aggregators. Some checks belong to the second phase: a
 * `terms` include/exclude converted for the field's type (a regex on a number or date is a 500, values that do
 * not parse as the field's type a 400), before that aggregation's sub-aggregators are created; and an order
 * path, resolved after them. So an error of the first phase anywhere in the tree wins over any of these.
 * Compilers throw such errors marked with `atCreation`; `compileAggregations` holds them until the whole
 * tree is built. (Checked on OpenSearch 3.6.0, every error kind nested under and over every other.)
 */
const CREATION = new WeakMap<object, 'before-subs' | 'after-subs'>();

/** Marks `e` as raised when OpenSearch creates the aggregator: before or after its sub-aggregators. */
export function atCreation(e: unknown, when: 'before-subs' | 'after-subs'): unknown {
  if (typeof e === 'object' && e !== null) CREATION.set(e, when);
  return e;
}

/** Whether (and where) `e` belongs to the aggregator-creation phase. */
export function creationPhase(e: unknown): 'before-subs' | 'after-subs' | undefined {
  return typeof e === 'object' && e !== null ? CREATION.get(e) : undefined;
}
