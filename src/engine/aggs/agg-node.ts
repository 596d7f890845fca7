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
  /** The rendered result of this aggregation over `docs` (e.g. `{ value: 3 }` or `{ buckets: [...] }`). */
  run(docs: ArrayLike<D>): Record<string, unknown>;
}

/** The sub-aggregations of a bucket aggregation, rendered into each bucket next to `doc_count`. */
export interface SubAggs<D> {
  readonly names: readonly string[];
  /** The aggregation type of each name (same order). */
  readonly types?: readonly string[];
  /** The raw definitions (`{ name: { type: body, aggs? } }`), for order paths that reach below these. */
  readonly defs?: Readonly<Record<string, unknown>>;
  readonly rewritten?: boolean;
  run(docs: ArrayLike<D>): Record<string, unknown>;
}

export interface CompileInput<D> {
  readonly name: string;
  readonly type: string;
  readonly body: unknown;
  readonly subs: SubAggs<D>;
  readonly ctx: AggContext<D>;
}

export type AggCompiler = <D>(input: CompileInput<D>) => AggNode<D>;
