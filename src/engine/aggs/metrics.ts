/**
 * Single-value metric aggregations: min, max, avg, sum, value_count, cardinality.
 * Rendering follows OpenSearch: min/max/avg are `null` without values, sum is 0, dates and booleans add
 * `value_as_string`. Sums use Kahan compensation like OpenSearch's CompensatedSum so totals agree.
 */
import type { AggNode, CompileInput } from './agg-node.js';
import { AggParams, aggError } from './agg-params.js';
import { resolveField, type FieldSource } from './field-source.js';
import { asObject } from './terms.js';

const FIELD_PARAMS = ['field', 'missing', 'format'];

type Metric = 'min' | 'max' | 'avg' | 'sum' | 'value_count' | 'cardinality';

export const METRIC_TYPES: readonly Metric[] = ['min', 'max', 'avg', 'sum', 'value_count', 'cardinality'];

export function compileMetric<D>({ name, type, body, subs, ctx }: CompileInput<D>): AggNode<D> {
  if (subs.names.length > 0) {
    // OpenSearch answers 500 here; the request is at fault, so we answer 400 with the same type.
    throw aggError(`Aggregator [${name}] of type [${type}] cannot accept sub-aggregations`, 'aggregation_initialization_exception');
  }
  const metric = type as Metric;
  const allowed = metric === 'cardinality' ? [...FIELD_PARAMS, 'precision_threshold', 'execution_hint'] : FIELD_PARAMS;
  const params = new AggParams(type, name, asObject(type, body), allowed);
  const numericOnly = metric !== 'value_count' && metric !== 'cardinality';
  const source = resolveField(params, ctx, { numericOnly });
  if (metric === 'cardinality') {
    const threshold = params.integer('precision_threshold');
    if (threshold !== undefined && threshold < 0) throw aggError(`[precision_threshold] must be greater than or equal to 0. Found [${threshold}] in [${name}]`);
    params.string('execution_hint');
  }
  switch (metric) {
    case 'min':
    case 'max':
      return extreme(source, metric);
    case 'avg':
      return { run: (docs) => withString(source, average(source, docs)) };
    case 'sum':
      return { run: (docs) => withString(source, kahanSum(source, docs).sum) };
    case 'value_count':
      return { run: (docs) => ({ value: countValues(source, docs) }) };
    case 'cardinality':
      return { run: (docs) => ({ value: distinct(source, docs) }) };
  }
}

function withString<D>(source: FieldSource<D>, value: number | null): Record<string, unknown> {
  if (value === null) return { value: null };
  const s = source.asString(value);
  return s === undefined ? { value } : { value, value_as_string: s };
}

function extreme<D>(source: FieldSource<D>, which: 'min' | 'max'): AggNode<D> {
  return {
    run(docs) {
      let best = which === 'min' ? Infinity : -Infinity;
      let seen = false;
      source.scan(docs, (v) => {
        const n = v as number;
        seen = true;
        if (which === 'min' ? n < best : n > best) best = n;
      });
      return withString(source, seen ? best : null);
    },
  };
}

function kahanSum<D>(source: FieldSource<D>, docs: readonly D[]): { sum: number; count: number } {
  let sum = 0;
  let delta = 0;
  let count = 0;
  source.scan(docs, (v) => {
    const value = v as number;
    count++;
    if (!Number.isFinite(value)) sum += value;
    else if (Number.isFinite(sum)) {
      const corrected = value - delta;
      const next = sum + corrected;
      delta = next - sum - corrected;
      sum = next;
    }
  });
  return { sum, count };
}

function average<D>(source: FieldSource<D>, docs: readonly D[]): number | null {
  const { sum, count } = kahanSum(source, docs);
  return count === 0 ? null : sum / count;
}

/** Keyword doc values are a set per document (duplicates collapse); numeric doc values keep duplicates. */
function countValues<D>(source: FieldSource<D>, docs: readonly D[]): number {
  let n = 0;
  if (source.kind !== 'keyword') {
    source.scan(docs, () => { n++; });
    return n;
  }
  // A doc's keyword values arrive in term order, so a repeat would be adjacent.
  let lastDoc = -1;
  let lastValue: string | number | undefined;
  source.scan(docs, (v, i) => {
    if (i === lastDoc && v === lastValue) return;
    lastDoc = i;
    lastValue = v;
    n++;
  });
  return n;
}

function distinct<D>(source: FieldSource<D>, docs: readonly D[]): number {
  const seen = new Set<string | number>();
  source.scan(docs, (v) => { seen.add(v); });
  return seen.size;
}
