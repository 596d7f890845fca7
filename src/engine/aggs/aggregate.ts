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
import type { AggContext } from './agg-context.js';
import type { AggCompiler, AggNode, SubAggs } from './agg-node.js';
import { isPlainObject } from './agg-params.js';
import { compileDateHistogram } from './date-histogram.js';
import { compileHistogram } from './histogram.js';
import { compileMetric, METRIC_TYPES } from './metrics.js';
import { compileRange } from './range.js';
import { compileFilter, compileFilters, compileMissing } from './single-bucket.js';
import { compileTerms } from './terms.js';

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

/** Compile once, run many times (e.g. per bucket). Exposed for callers that reuse a request. */
export function compileAggregations<D>(aggs: unknown, ctx: AggContext<D>): SubAggs<D> {
  if (!isPlainObject(aggs)) throw parsing(`Expected [START_OBJECT] under [aggregations], but got a different token`);
  const nodes: [string, AggNode<D>][] = [];
  const types: string[] = [];
  for (const [name, def] of Object.entries(aggs)) {
    nodes.push([name, compileOne(name, def, ctx)]);
    types.push(isPlainObject(def) ? Object.keys(def).find((k) => k !== 'aggs' && k !== 'aggregations' && k !== 'meta') ?? '' : '');
  }
  return {
    names: nodes.map(([n]) => n),
    types,
    defs: aggs,
    rewritten: nodes.some(([, n]) => n.rewritten === true),
    run(docs) {
      const out: Record<string, unknown> = {};
      for (const [name, node] of nodes) out[name] = node.run(docs);
      return out;
    },
  };
}

const AGG_NAME = /^[^[\]>]+$/;

function compileOne<D>(name: string, def: unknown, ctx: AggContext<D>): AggNode<D> {
  if (!AGG_NAME.test(name)) {
    throw parsing(`Invalid aggregation name [${name}]. Aggregation names can contain any character except '[', ']', and '>'`);
  }
  if (!isPlainObject(def)) throw parsing(`Expected [START_OBJECT] under [${name}], but got a different token`);
  let type: string | undefined;
  let body: unknown;
  let subDef: unknown;
  for (const [key, value] of Object.entries(def)) {
    if (key === 'aggs' || key === 'aggregations') {
      if (subDef !== undefined) throw parsing(`Found two sub aggregation definitions under [${name}]`);
      subDef = value;
    } else if (key === 'meta') {
      throw parsing(`[meta] on aggregation [${name}] is not supported by the embedded engine`);
    } else {
      if (type !== undefined) throw parsing(`Found two aggregation type definitions in [${name}]: [${type}] and [${key}]`);
      type = key;
      body = value;
    }
  }
  if (type === undefined) throw parsing(`Missing definition for aggregation [${name}]`);
  const compiler = COMPILERS[type];
  if (!compiler) {
    throw parsing(`Unknown aggregation type [${type}]${type === 'global' ? ': [global] is not supported by the embedded engine because it ignores the query' : ' (not supported by the embedded engine)'}`);
  }
  let subs: ReturnType<typeof compileAggregations<D>>;
  try {
    subs = subDef === undefined ? compileAggregations({}, ctx) : compileAggregations(subDef, ctx);
  } catch (e) {
    // OpenSearch parses the whole request first (parsing errors), then builds each aggregation before its
    // sub-aggregations: a parent's build error wins over a child's.
    if (e instanceof EngineError && e.type !== 'parsing_exception') {
      try {
        // `filter`/`filters` build their queries after their sub-aggregations (the factory's super
        // constructor builds those first): only their parsing can fail before a child's build error.
        // (An order path is checked later still, when the aggregators are created: the filter queries win.)
        const orderPath = e.reason.startsWith('Invalid aggregation order path');
        const parseOnly = (type === 'filter' || type === 'filters') && ctx.parseFilter && !orderPath
          ? { ...ctx, compileFilter: (q: unknown) => { ctx.parseFilter!(q); return Object.assign(() => false, { rewritten: false }); } }
          : ctx;
        compiler({ name, type, body, subs: compileAggregations({}, parseOnly), ctx: parseOnly });
      } catch (parentError) {
        // What OpenSearch checks when it creates the aggregators (the order path, a regex include on a
        // number: 500 aggregation_execution_exception) comes after every factory was built, sub-aggregations' too.
        if (!(parentError instanceof EngineError) || parentError.type !== 'aggregation_execution_exception') throw parentError;
      }
    }
    throw e;
  }
  const node = compiler({ name, type, body, subs, ctx });
  if (!node.rewritten && !subs.rewritten) return node;
  // OpenSearch copies a rewritten aggregation (and every one above it) with empty metadata, which it renders.
  return { rewritten: true, run: (docs) => ({ meta: {}, ...node.run(docs) }) };
}

function parsing(reason: string): EngineError {
  return new EngineError(400, 'parsing_exception', reason);
}
