/**
 * Entry point of the aggregation framework: parses and validates a whole `aggs` / `aggregations` object
 * (every level, before touching documents), then renders the response's `aggregations` exactly as
 * OpenSearch 3.x does for the supported subset.
 *
 * Deliberately unsupported (400, naming the type): anything not listed in COMPILERS, including `global`,
 * which aggregates over every document of the index regardless of the query and would therefore reveal
 * documents hidden by a document-level-security filter; likewise `terms` with `min_doc_count: 0`
 * (see terms.ts).
 */
import { EngineError } from '../errors.js';
import { positionOf } from '../index/json-positions.js';
import { parsingAt, tokenOf } from '../query/clause-errors.js';
import { hashMapOrder } from '../index/java-hash-map.js';
import type { AggContext } from './agg-context.js';
import { creationPhase, type AggCompiler, type AggNode, type SubAggs } from './agg-node.js';
import { isPlainObject } from './agg-params.js';
import { compileDateHistogram } from './date-histogram.js';
import { compileHistogram } from './histogram.js';
import { compileMetric, METRIC_TYPES } from './metrics.js';
import { compileRange } from './range.js';
import { compileFilter, compileFilters, compileMissing } from './single-bucket.js';
import { compileTerms } from './terms.js';
import { scope, withShards } from './shard-scope.js';

export type { AggContext } from './agg-context.js';

const COMPILERS: Record<string, AggCompiler> = {
  terms: compileTerms,
  range: compileRange,
  // date_range is range with the bounds read as dates (date math included) on date fields, numbers otherwise.
  date_range: compileRange,
  filters: compileFilters,
  histogram: compileHistogram,
  date_histogram: compileDateHistogram,
  filter: compileFilter,
  missing: compileMissing,
  ...Object.fromEntries(METRIC_TYPES.map((t) => [t, compileMetric])),
};

/** Validates the whole `aggs`/`aggregations` object first (unsupported type -> EngineError 400 naming it), then
 *  computes the response's `aggregations` object exactly as OpenSearch renders it. */
export function runAggregations<D>(aggs: Record<string, unknown>, docs: ArrayLike<D>, ctx: AggContext<D>): Record<string, unknown> {
  return compileAggregations(aggs, ctx).run(docs);
}

/** Runs top-level aggregations: every shard's result meets there (see shard-scope.ts). */
export function runTopLevel<D>(aggs: SubAggs<D>, docs: ArrayLike<D>): Record<string, unknown> {
  return withShards(undefined, () => aggs.run(docs));
}

/** Compile once, run many times (e.g. per bucket). Exposed for callers that reuse a request. Every
 *  factory of the tree is built first; the checks OpenSearch makes when it creates the aggregators come
 *  after them (an error thrown from here may be marked `creationPhase`: raised on the shard's query phase). */
export function compileAggregations<D>(aggs: unknown, ctx: AggContext<D>): SubAggs<D> {
  const tree = compileLevel(aggs, ctx);
  tree.create?.();
  return tree;
}

/** One level of the tree (and everything below it), the aggregator-creation checks held in `create`. */
function compileLevel<D>(aggs: unknown, ctx: AggContext<D>): SubAggs<D> {
  if (!isPlainObject(aggs)) throw parsing(`Expected [START_OBJECT] under [aggregations], but got a different token`);
  const nodes: [string, AggNode<D>][] = [];
  const types: string[] = [];
  for (const [name, def] of Object.entries(aggs)) {
    nodes.push([name, compileOne(name, def, ctx, aggs)]);
    types.push(isPlainObject(def) ? Object.keys(def).find((k) => k !== 'aggs' && k !== 'aggregations' && k !== 'meta') ?? '' : '');
  }
  // The reduce collects each level's results by name in a HashMap (InternalAggregations.reduce), so they are
  // rendered in its iteration order, not the request's.
  const rendered = hashMapOrder(nodes.map(([n]) => n)).map((n) => nodes.find(([m]) => m === n)!);
  return {
    names: nodes.map(([n]) => n),
    types,
    defs: aggs,
    rewritten: nodes.some(([, n]) => n.rewritten === true),
    rewrittenOn: (shard) => nodes.some(([, n]) => rewrittenOn(n, shard)),
    create() {
      for (const [, node] of nodes) node.create?.();
    },
    run(docs) {
      const out: Record<string, unknown> = {};
      const results = new Map(nodes.map(([name, node]) => [name, node.run(docs)] as const));
      for (const [name] of rendered) out[name] = results.get(name);
      return out;
    },
  };
}

const AGG_NAME = /^[^[\]>]+$/;

/** The aggregation types OpenSearch 3.6 knows (its own modules): an unknown type among them is the engine's
 *  refusal, any other OpenSearch's "Unknown aggregation type". */
const OPENSEARCH_AGGS = new Set(['avg', 'sum', 'min', 'max', 'value_count', 'cardinality', 'stats', 'extended_stats',
  'percentiles', 'percentile_ranks', 'median_absolute_deviation', 'top_hits', 'geo_bounds', 'geo_centroid', 'scripted_metric',
  'weighted_avg', 'matrix_stats', 'terms', 'rare_terms', 'significant_terms', 'significant_text', 'multi_terms', 'histogram',
  'date_histogram', 'auto_date_histogram', 'variable_width_histogram', 'range', 'date_range', 'ip_range', 'geo_distance',
  'geohash_grid', 'geotile_grid', 'filter', 'filters', 'adjacency_matrix', 'global', 'missing', 'nested', 'reverse_nested',
  'children', 'parent', 'sampler', 'diversified_sampler', 'composite', 'avg_bucket', 'sum_bucket', 'min_bucket', 'max_bucket',
  'stats_bucket', 'extended_stats_bucket', 'percentiles_bucket', 'derivative', 'cumulative_sum', 'bucket_script',
  'bucket_selector', 'bucket_sort', 'serial_diff', 'moving_avg', 'moving_fn']);

/** One aggregation `aggs[name]`, read as AggregatorFactories.parseAggregators does (its errors at the token
 *  its parser was on: the definition's value, a member's value, the definition's closing brace). */
function compileOne<D>(name: string, def: unknown, ctx: AggContext<D>, aggs: Record<string, unknown>): AggNode<D> {
  if (!AGG_NAME.test(name)) {
    throw parsing(`Invalid aggregation name [${name}]. Aggregation names can contain any character except '[', ']', and '>'`);
  }
  if (!isPlainObject(def)) {
    throw parsingAt(`Aggregation definition for [${name} starts with a [${tokenOf(def)}], expected a [START_OBJECT].`, { holder: aggs, key: name, at: 'value' });
  }
  let type: string | undefined;
  let body: unknown;
  let subDef: unknown;
  for (const [key, value] of Object.entries(def)) {
    const at = { holder: def, key, at: 'value' } as const;
    if (!isPlainObject(value)) throw parsingAt(`Expected [START_OBJECT] under [${key}], but got a [${tokenOf(value)}] in [${name}]`, at);
    if (key === 'aggs' || key === 'aggregations') {
      if (subDef !== undefined) throw parsingAt(`Found two sub aggregation definitions under [${name}]`, at);
      subDef = value;
    } else if (key === 'meta') {
      throw parsing(`[meta] on aggregation [${name}] is not supported by the embedded engine`);
    } else {
      if (type !== undefined) throw parsingAt(`Found two aggregation type definitions in [${name}]: [${type}] and [${key}]`, at);
      if (!COMPILERS[key] && !OPENSEARCH_AGGS.has(key)) {
        const pos = positionOf(at);
        throw parsingAt(`Unknown aggregation type [${key}]`, at,
          pos ? { caused_by: { type: 'named_object_not_found_exception', reason: `[${pos.line}:${pos.col}] unknown field [${key}]` } } : undefined);
      }
      type = key;
      body = value;
    }
  }
  if (type === undefined) throw parsingAt(`Missing definition for aggregation [${name}]`, { holder: def, at: 'end' });
  const compiler = COMPILERS[type];
  if (!compiler) {
    throw parsing(`Unknown aggregation type [${type}]${type === 'global' ? ': [global] is not supported by the embedded engine because it ignores the query' : ' (not supported by the embedded engine)'}`);
  }
  let subs: SubAggs<D>;
  try {
    subs = compileLevel(subDef === undefined ? {} : subDef, ctx);
  } catch (e) {
    // OpenSearch parses the whole request first (parsing errors), then builds each aggregation's factory
    // before its sub-aggregations' factories: a parent's build error wins over a child's.
    if (e instanceof EngineError && e.type !== 'parsing_exception') {
      try {
        // `filter`/`filters` build their queries after their sub-aggregations (the factory's super
        // constructor builds those first): only their parsing can fail before a child's build error.
        const parseOnly = (type === 'filter' || type === 'filters') && ctx.parseFilter
          ? { ...ctx, compileFilter: (q: unknown) => { ctx.parseFilter!(q); return Object.assign(() => false, { rewritten: false }); } }
          : ctx;
        compiler({ name, type, body, subs: compileLevel({}, parseOnly), ctx: parseOnly });
      } catch (parentError) {
        // What OpenSearch checks when it creates the aggregators (an include/exclude converted for the
        // field, an order path) comes after every factory was built, sub-aggregations' too.
        if (creationPhase(parentError) === undefined) throw parentError;
      }
    }
    throw e;
  }
  let node: AggNode<D>;
  try {
    node = compiler({ name, type, body, subs: ctx.shardOf && BUCKETS_FROM_DOCS.has(type) ? scopedToDocs(subs, ctx.shardOf) : subs, ctx });
  } catch (e) {
    // Held until the whole tree is built: any factory's error (a sibling's, a sub-aggregation's) wins.
    const when = creationPhase(e);
    if (when === undefined) throw e;
    return {
      run: () => { throw e; },
      create: when === 'before-subs' ? () => { throw e; } : () => { subs.create?.(); throw e; },
    };
  }
  const create = subs.create;
  if (!node.rewritten && !subs.rewritten) return create ? { ...node, run: node.run.bind(node), create } : node;
  // OpenSearch copies a rewritten aggregation (and every one above it) with empty metadata, which it renders.
  // Each shard rewrites on its own mapping; the reduce keeps the metadata of the first shard's result at
  // that place (see shard-scope.ts).
  const on = (shard: number): boolean => rewrittenOn(node, shard) || rewrittenOn(subs, shard);
  return {
    rewritten: true,
    rewrittenOn: on,
    run: (docs) => (!ctx.shardOf || on(scope.first) ? { meta: {}, ...node.run(docs) } : node.run(docs)),
    ...(create ? { create } : {}),
  };
}

function rewrittenOn(n: { readonly rewritten?: boolean; rewrittenOn?(shard: number): boolean }, shard: number): boolean {
  return n.rewrittenOn ? n.rewrittenOn(shard) : n.rewritten === true;
}

const BUCKETS_FROM_DOCS = new Set(['terms', 'histogram', 'date_histogram']);

function scopedToDocs<D>(subs: SubAggs<D>, shardOf: (doc: D) => number): SubAggs<D> {
  const shardsOf = (docs: ArrayLike<D>): number[] => {
    const seen = new Set<number>();
    for (let i = 0; i < docs.length; i++) seen.add(shardOf(docs[i]!));
    return [...seen].sort((a, b) => a - b);
  };
  return {
    ...subs,
    shardsOf,
    run(docs, order) {
      const shards = order ?? shardsOf(docs);
      // An empty bucket (a histogram's gap) is filled in from the first shard's empty sub-aggregations.
      return withShards(shards.length === 0 ? [0] : shards, () => subs.run(docs));
    },
  };
}

function parsing(reason: string): EngineError {
  return new EngineError(400, 'parsing_exception', reason);
}
