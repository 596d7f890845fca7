/**
 * Single-value metric aggregations: min, max, avg, sum, value_count, cardinality.
 * Rendering follows OpenSearch: min/max/avg are `null` without values, sum is 0, dates and booleans add
 * `value_as_string`. Sums use Kahan compensation like OpenSearch's CompensatedSum so totals agree.
 */
import type { AggNode, CompileInput } from './agg-node.js';
import { AggParams, aggError, fieldParseError } from './agg-params.js';
import { atParse, EngineError } from '../errors.js';
import { objectParserError } from '../query/clause-errors.js';
import { resolveField, type FieldSource } from './field-source.js';
import { asObject } from './terms.js';
import { NEGATIVE_ZERO, type RawNumber } from '../index/exact-numbers.js';
import { doubleBits, encodeHash, linearCount, mix64, murmur3h1 } from './hll-hash.js';
import { SEVERAL_VALUES } from './doc-column.js';

const FIELD_PARAMS = ['field', 'missing', 'format'];

type Metric = 'min' | 'max' | 'avg' | 'sum' | 'value_count' | 'cardinality' | 'stats';

export const METRIC_TYPES: readonly Metric[] = ['min', 'max', 'avg', 'sum', 'value_count', 'cardinality', 'stats'];

export function compileMetric<D>({ name, type, body, subs, ctx }: CompileInput<D>): AggNode<D> {
  if (subs.names.length > 0) {
    // Raised while OpenSearch parses the request (AggregatorFactories.parseAggregators), as a 500: the same
    // status here, and an `_msearch` fails as a whole on it (hunt2 H2-24).
    throw atParse(new EngineError(500, 'aggregation_initialization_exception', `Aggregator [${name}] of type [${type}] cannot accept sub-aggregations`));
  }
  const metric = type as Metric;
  // CardinalityAggregationBuilder declares its values-source fields without `format` (not formattable):
  // OpenSearch refuses it as an unknown field while parsing the request (hunt2 H2-38).
  const raw = asObject(type, body);
  const allowed = metric === 'cardinality' ? ['field', 'missing', 'precision_threshold', 'execution_hint', 'format'] : FIELD_PARAMS;
  const params = new AggParams(type, name, raw, allowed);
  const numericOnly = metric !== 'value_count' && metric !== 'cardinality';
  if (metric === 'cardinality') {
    // Checked while OpenSearch parses the request, key by key: before the field. `format` is an unknown
    // field there (the builder's values-source fields are not formattable).
    for (const key of Object.keys(raw)) {
      if (key === 'format') throw objectParserError(type, raw, key, { kind: 'unknown' });
      if (key !== 'precision_threshold') continue;
      const threshold = params.integer('precision_threshold');
      if (threshold !== undefined && threshold < 0) throw fieldParseError(type, 'precision_threshold', `[precisionThreshold] must be greater than or equal to 0. Found [${threshold}] in [${name}]`, undefined, undefined, params.at('precision_threshold'));
    }
    params.string('execution_hint');
  }
  const source = resolveField(params, ctx, { numericOnly });
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
    case 'cardinality': {
      const p = cardinalityPrecision(params.integer('precision_threshold'));
      const limit = Math.floor((2 ** p / 4) * 0.75);
      const floating = FLOATING_TYPES.has(ctx.fieldType(source.field) ?? '');
      return {
        run: (docs) => {
          // OpenSearch counts the distinct encodings of the values' hashes (linear counting); past the limit
          // its HyperLogLog++ answers an estimate (hunt2 H2-36): refused, not answered.
          const encodings = new Set<bigint>();
          for (const v of distinctValues(source, docs)) {
            const hash = typeof v === 'string' ? murmur3h1(v)
              : floating && typeof v === 'number' ? mix64(doubleBits(v)) : mix64(BigInt.asUintN(64, BigInt(v)));
            encodings.add(encodeHash(hash, p));
            if (encodings.size > limit) {
              throw aggError(`[cardinality] [${name}] over more than ${limit} distinct values (OpenSearch's HyperLogLog++ estimate beyond its linear counting at this precision_threshold) is not supported by the embedded engine`);
            }
          }
          return { value: linearCount(encodings.size) };
        },
      };
    }
    case 'stats':
      return { run: (docs) => stats(source, docs) };
  }
}

/**
 * `stats`: count, min, max, avg, sum. Without values OpenSearch gives null min/max/avg and sum 0 and no
 * `*_as_string`; with a format (dates) each value also gets `*_as_string`, and on booleans those are JSON
 * booleans (value != 0), not strings — rendered as OpenSearch 3.6 does.
 */
function stats<D>(source: FieldSource<D>, docs: ArrayLike<D>): Record<string, unknown> {
  const { values, length } = source.numbers(docs);
  if (length === 0) return { count: 0, min: null, max: null, avg: null, sum: 0 };
  let min = values[0]!;
  let max = values[0]!;
  for (let j = 1; j < length; j++) {
    const v = values[j]!;
    if (v < min || (v === min && Object.is(v, -0))) min = v;
    if (v > max || (v === max && Object.is(max, -0))) max = v;
  }
  const { sum } = kahanSum(source, docs);
  const avg = sum / length;
  const out: Record<string, unknown> = { count: length, min: signed(min), max: signed(max), avg: signed(avg), sum: signed(sum) };
  for (const [k, v] of [['min', min], ['max', max], ['avg', avg], ['sum', sum]] as const) {
    const s = source.kind === 'boolean' ? v !== 0 : source.asString(v);
    if (s !== undefined) out[`${k}_as_string`] = s;
  }
  return out;
}

function withString<D>(source: FieldSource<D>, value: number | null): Record<string, unknown> {
  if (value === null) return { value: null };
  const s = source.asString(value);
  return s === undefined ? { value: signed(value) } : { value: signed(value), value_as_string: s };
}

/** A metric's double as OpenSearch writes it: -0.0 keeps its sign (Math.min(0.0, -0.0) is -0.0 there). */
function signed(v: number): number | RawNumber {
  return v === 0 && Object.is(v, -0) ? NEGATIVE_ZERO : v;
}

function extreme<D>(source: FieldSource<D>, which: 'min' | 'max'): AggNode<D> {
  return {
    run(docs) {
      const { values, length } = source.numbers(docs);
      if (length === 0) return withString(source, null);
      let best = values[0]!;
      // Java's Math.min/max: -0.0 is below 0.0.
      if (which === 'min') for (let j = 1; j < length; j++) { const v = values[j]!; if (v < best || (v === best && Object.is(v, -0))) best = v; }
      else for (let j = 1; j < length; j++) { const v = values[j]!; if (v > best || (v === best && Object.is(best, -0))) best = v; }
      return withString(source, best);
    },
  };
}

function kahanSum<D>(source: FieldSource<D>, docs: ArrayLike<D>): { sum: number; count: number } {
  const { values, length } = source.numbers(docs);
  let sum = 0;
  let delta = 0;
  for (let j = 0; j < length; j++) {
    const value = values[j]!;
    if (!Number.isFinite(value)) sum += value;
    else if (Number.isFinite(sum)) {
      const corrected = value - delta;
      const next = sum + corrected;
      delta = next - sum - corrected;
      sum = next;
    }
  }
  return { sum, count: length };
}

function average<D>(source: FieldSource<D>, docs: ArrayLike<D>): number | null {
  const { sum, count } = kahanSum(source, docs);
  return count === 0 ? null : sum / count;
}

/** Keyword doc values are a set per document (duplicates collapse); numeric doc values keep duplicates. */
function countValues<D>(source: FieldSource<D>, docs: ArrayLike<D>): number {
  if (source.kind !== 'keyword') return source.numbers(docs).length;
  // A doc's keyword values arrive in term order, so a repeat would be adjacent.
  let n = 0;
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

/**
 * The precision of OpenSearch's HyperLogLogPlusPlus for a precision_threshold: the bits of
 * ceil(threshold / 0.75f) hash table entries of 4 bytes, within 4..18; 14 without a threshold. Linear
 * counting holds up to (2^p / 4) * 0.75 encodings; one more switches to the HyperLogLog estimate.
 */
function cardinalityPrecision(threshold: number | undefined): number {
  if (threshold === undefined) return 14;
  const entries = Math.ceil(Math.fround(Math.fround(threshold) / Math.fround(0.75)));
  const bytes = entries * 4;
  const bits = bytes <= 0 ? 1 : Math.floor(Math.log2(bytes)) + 1;
  return Math.min(18, Math.max(4, bits));
}

const FLOATING_TYPES = new Set(['float', 'double', 'half_float', 'scaled_float']);

/** The distinct values of `docs` (keyword terms, the missing value, numbers with -0.0 apart from 0.0). */
function distinctValues<D>(source: FieldSource<D>, docs: ArrayLike<D>): (string | number | bigint)[] {
  const column = source.ordinals();
  if (column) {
    const seen = new Uint8Array(column.terms.length);
    const several = column.several;
    let anyMissing = false;
    const out: string[] = [];
    const mark = (o: number): void => { if (seen[o] === 0) { seen[o] = 1; out.push(column.terms[o]!); } };
    for (let i = 0; i < docs.length; i++) {
      const doc = docs[i]!;
      const o = column.ord(doc);
      if (o >= 0) mark(o);
      else if (o === SEVERAL_VALUES) {
        const at = column.severalAt(doc);
        for (let k = at + 1, end = at + 1 + several[at]!; k < end; k++) mark(several[k]!);
      } else anyMissing = true;
    }
    if (source.missing !== undefined && anyMissing) {
      const m = String(source.missing);
      const mo = column.terms.indexOf(m);
      if (mo < 0 || seen[mo] === 0) out.push(m);
    }
    return out;
  }
  const seen = new Set<string | number | bigint>();
  if (source.termValues) {
    for (let i = 0; i < docs.length; i++) for (const v of source.termValues(docs[i]!)) seen.add(v);
    return [...seen];
  }
  if (source.kind === 'keyword') {
    source.scan(docs, (v) => { seen.add(String(v)); });
    return [...seen];
  }
  const { values, length } = source.numbers(docs);
  let negativeZero = false;
  for (let j = 0; j < length; j++) {
    const v = values[j]!;
    if (v === 0 && Object.is(v, -0)) negativeZero = true;
    else seen.add(v);
  }
  return negativeZero ? [...seen, -0] : [...seen];
}

