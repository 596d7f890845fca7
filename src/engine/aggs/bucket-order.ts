/**
 * The `order` parameter of terms and histogram aggregations: `_count`, `_key`, or the name of a
 * single-value metric (or single-bucket) sub-aggregation, alone or as an array. OpenSearch appends
 * `_key asc` as a tie-breaker whenever the order is not already by key, which makes results deterministic.
 */
import { EngineError } from '../errors.js';
import { isRawNumber, type RawNumber } from '../index/exact-numbers.js';
import { aggError, fieldParseError, isPlainObject } from './agg-params.js';
import { atCreation } from './agg-node.js';

export interface OrderKey {
  /** `empty`: the value a sub-aggregation without values orders by (min: +Infinity, max: -Infinity, as their
   *  internal values are; others NaN, which OpenSearch pushes to the bottom either way). */
  readonly by: '_count' | '_key' | { readonly sub: readonly string[]; readonly field: string; readonly empty?: number };
  readonly asc: boolean;
}

export interface OrderedBucket {
  readonly key: string | number | bigint | RawNumber;
  readonly count: number;
  readonly sub: Record<string, unknown>;
}

const MULTI_BUCKET = new Set(['terms', 'histogram', 'date_histogram', 'range', 'date_range', 'filters']);

export function parseOrder(raw: unknown, fallback: readonly OrderKey[], subNames: readonly string[], subTypes: readonly string[] = [],
  subDefs?: Readonly<Record<string, unknown>>, aggType = 'terms'): OrderKey[] {
  let keys: OrderKey[];
  if (raw === undefined) keys = [...fallback];
  else {
    const list = Array.isArray(raw) ? raw : [raw];
    keys = list.map((entry) => {
      if (!isPlainObject(entry) || Object.keys(entry).length !== 1) throw aggError(`[order] must be an object with a single key`);
      const [path, dir] = Object.entries(entry)[0]!;
      const d = typeof dir === 'string' ? dir.toLowerCase() : dir;
      // The order is parsed with the request: a bad direction fails it there.
      if (d !== 'asc' && d !== 'desc') {
        const why = `Unknown order direction [${String(dir)}]`;
        throw fieldParseError(aggType, 'order', why, 'parsing_exception', { type: 'parsing_exception', reason: why }, { holder: entry, key: path, at: 'value' });
      }
      const asc = d === 'asc';
      if (path === '_count' || path === '_key') return { by: path, asc };
      // InternalOrder.Parser: the deprecated `_term` and `_time` are read as `_key` (OpenSearch 3.6 still accepts them).
      if (path === '_term' || path === '_time') return { by: '_key', asc };
      return { by: resolvePath(path, subDefs ?? Object.fromEntries(subNames.map((n, i) => [n, { [subTypes[i] ?? '']: {} }])), aggType), asc };
    });
  }
  if (!keys.some((k) => k.by === '_key')) keys.push({ by: '_key', asc: true });
  return keys;
}

/** Lucene orders keyword terms by their UTF-8 bytes, which is code point order (not UTF-16 order). */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(i)!;
    if (x !== y) return x - y;
    if (x > 0xffff) i++;
  }
  return a.length - b.length;
}

export function compareKeys(a: string | number | bigint | RawNumber, b: string | number | bigint | RawNumber): number {
  if (isRawNumber(a)) a = a.rawJSON === '-0.0' ? -0 : BigInt(a.rawJSON);
  if (isRawNumber(b)) b = b.rawJSON === '-0.0' ? -0 : BigInt(b.rawJSON);
  // -0.0 (a float/double key) sorts before 0.0, as Lucene orders them.
  if (typeof a === 'number' && typeof b === 'number') return a - b || (Object.is(b, -0) ? 1 : 0) - (Object.is(a, -0) ? 1 : 0);
  // Exact longs beyond 2^53 (terms keys) compare with each other and with numbers exactly.
  if (typeof a !== 'string' && typeof b !== 'string') return a < b ? -1 : a > b ? 1 : 0;
  return compareCodePoints(String(a), String(b));
}

function subValue(sub: Record<string, unknown>, path: readonly string[], field: string, empty = Number.NaN): number {
  let r: unknown = sub;
  for (const name of path) r = isPlainObject(r) ? r[name] : undefined;
  if (!isPlainObject(r)) return Number.NaN;
  const v = r[field];
  return typeof v === 'number' ? v : isRawNumber(v) ? Number(v) : v === null ? empty : Number.NaN;
}

const SINGLE_BUCKET = new Set(['filter', 'missing']);
const STATS_METRICS = new Set(['count', 'min', 'max', 'avg', 'sum']);

interface PathElement { readonly full: string; readonly name: string; readonly key?: string }

/** OpenSearch's AggregationPath.parse: `a>b>c.metric` or `c[metric]`; elements are trimmed, empty ones dropped. */
function parsePath(path: string, aggType: string): PathElement[] {
  const elements = path.split('>').map((e) => e.trim()).filter((e) => e.length > 0);
  const invalid = (el: string) => {
    const reason = `Invalid path element [${el}] in path [${path}]`;
    // Raised while parsing the request: a 400 parse failure of `order` whose root cause is this.
    return new EngineError(400, 'x_content_parse_exception', `[${aggType}] failed to parse field [order]`, {
      root_cause: [{ type: 'aggregation_execution_exception', reason }],
      caused_by: { type: 'aggregation_execution_exception', reason },
    });
  };
  return elements.map((el, i) => {
    const bracket = el.lastIndexOf('[');
    if (bracket >= 0) {
      if (bracket === 0 || bracket > el.length - 3 || !el.endsWith(']')) throw invalid(el);
      return { full: el, name: el.slice(0, bracket), key: el.slice(bracket + 1, -1) };
    }
    if (i < elements.length - 1) return { full: el, name: el };
    const dot = el.lastIndexOf('.');
    if (dot < 0) return { full: el, name: el };
    if (dot === 0 || dot > el.length - 2) throw invalid(el);
    return { full: el, name: el.slice(0, dot), key: el.slice(dot + 1) };
  });
}

function aggTypeOf(def: unknown): { type: string; subs: Readonly<Record<string, unknown>> } | undefined {
  if (!isPlainObject(def)) return undefined;
  const type = Object.keys(def).find((k) => k !== 'aggs' && k !== 'aggregations' && k !== 'meta') ?? '';
  const subs = def.aggs ?? def.aggregations;
  return { type, subs: isPlainObject(subs) ? subs : {} };
}

/** Resolve an order path against the sub-aggregations as OpenSearch validates it when it creates the
 *  aggregators (500 aggregation_execution_exception): zero or more single-bucket aggregations, then a
 *  single-bucket one (its doc_count), a single-value metric (`value`) or a `stats` metric by name. */
function resolvePath(path: string, defs: Readonly<Record<string, unknown>>, aggType: string): { sub: string[]; field: string; empty: number } {
  const elements = parsePath(path, aggType);
  const shown = elements.map((e) => e.full).join('>');
  // Checked when the aggregator is created, after its sub-aggregators (their creation errors win).
  const invalid = (why: string) => atCreation(new EngineError(500, 'aggregation_execution_exception', `Invalid aggregation order path [${shown}]. ${why}`), 'after-subs');
  const notSingle = 'Buckets can only be sorted on a sub-aggregator path that is built out of zero or more single-bucket aggregations within the path and a final single-bucket or a metrics aggregation at the path end.';
  const steps: string[] = [];
  let level = defs;
  if (elements.length === 0) throw invalid('The provided aggregation [] either does not exist, or is a pipeline aggregation and cannot be used to sort the buckets.');
  for (let i = 0; i < elements.length; i++) {
    const el = elements[i]!;
    const agg = Object.prototype.hasOwnProperty.call(level, el.name) ? aggTypeOf(level[el.name]) : undefined;
    if (!agg) throw invalid(`The provided aggregation [${el.full}] either does not exist, or is a pipeline aggregation and cannot be used to sort the buckets.`);
    steps.push(el.name);
    if (i < elements.length - 1) {
      if (!SINGLE_BUCKET.has(agg.type)) throw invalid(`${notSingle} [${el.name}] is not single-bucket.`);
      level = agg.subs;
      continue;
    }
    if (MULTI_BUCKET.has(agg.type)) throw invalid(notSingle);
    if (SINGLE_BUCKET.has(agg.type)) {
      if (el.key !== undefined && el.key !== 'doc_count') {
        throw invalid(`Ordering on a single-bucket aggregation can only be done on its doc_count. Either drop the key (a la "${el.name}") or change it to "doc_count" (a la "${el.name}.doc_count") or "key".`);
      }
      return { sub: steps, field: 'doc_count', empty: Number.NaN };
    }
    if (agg.type === 'stats') {
      if (el.key === undefined) throw invalid('When ordering on a multi-value metrics aggregation a metric name must be specified.');
      if (!STATS_METRICS.has(el.key)) throw invalid(`Unknown metric name [${el.key}] on multi-value metrics aggregation [${el.name}]`);
      return { sub: steps, field: el.key, empty: el.key === 'min' ? Infinity : el.key === 'max' ? -Infinity : Number.NaN };
    }
    if (el.key !== undefined && el.key !== 'value') {
      throw invalid(`Ordering on a single-value metrics aggregation can only be done on its value. Either drop the key (a la "${el.name}") or change it to "value" (a la "${el.name}.value")`);
    }
    return { sub: steps, field: 'value', empty: agg.type === 'min' ? Infinity : agg.type === 'max' ? -Infinity : Number.NaN };
  }
  throw invalid(notSingle);
}

export function bucketComparator(order: readonly OrderKey[]): (a: OrderedBucket, b: OrderedBucket) => number {
  return (a, b) => {
    for (const o of order) {
      let c: number;
      if (o.by === '_count') c = a.count - b.count;
      else if (o.by === '_key') c = compareKeys(a.key, b.key);
      else {
        const x = subValue(a.sub, o.by.sub, o.by.field, o.by.empty);
        const y = subValue(b.sub, o.by.sub, o.by.field, o.by.empty);
        // NaN (an avg without values) sorts last in either direction (Comparators.compareDiscardNaN); an
        // empty min or max orders as its +/-Infinity.
        if (Number.isNaN(x) || Number.isNaN(y)) {
          c = Number.isNaN(x) === Number.isNaN(y) ? 0 : Number.isNaN(x) ? 1 : -1;
          if (c !== 0) return c;
          continue;
        }
        c = x === y ? 0 : x < y ? -1 : 1;
      }
      if (c !== 0) return o.asc ? c : -c;
    }
    return 0;
  };
}
