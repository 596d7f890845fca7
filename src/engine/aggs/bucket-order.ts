/**
 * The `order` parameter of terms and histogram aggregations: `_count`, `_key`, or the name of a
 * single-value metric (or single-bucket) sub-aggregation, alone or as an array. OpenSearch appends
 * `_key asc` as a tie-breaker whenever the order is not already by key, which makes results deterministic.
 */
import { EngineError } from '../errors.js';
import { aggError, isPlainObject } from './agg-params.js';

export interface OrderKey {
  /** `empty`: the value a sub-aggregation without values orders by (min: +Infinity, max: -Infinity, as their
   *  internal values are; others NaN, which OpenSearch pushes to the bottom either way). */
  readonly by: '_count' | '_key' | { readonly sub: string; readonly empty?: number };
  readonly asc: boolean;
}

export interface OrderedBucket {
  readonly key: string | number | bigint;
  readonly count: number;
  readonly sub: Record<string, unknown>;
}

const MULTI_BUCKET = new Set(['terms', 'histogram', 'date_histogram', 'range', 'date_range', 'filters']);

export function parseOrder(raw: unknown, fallback: readonly OrderKey[], subNames: readonly string[], subTypes: readonly string[] = []): OrderKey[] {
  let keys: OrderKey[];
  if (raw === undefined) keys = [...fallback];
  else {
    const list = Array.isArray(raw) ? raw : [raw];
    keys = list.map((entry) => {
      if (!isPlainObject(entry) || Object.keys(entry).length !== 1) throw aggError(`[order] must be an object with a single key`);
      const [path, dir] = Object.entries(entry)[0]!;
      const d = typeof dir === 'string' ? dir.toLowerCase() : dir;
      if (d !== 'asc' && d !== 'desc') throw aggError(`Unknown order direction [${String(dir)}]`);
      const asc = d === 'asc';
      if (path === '_count' || path === '_key') return { by: path, asc };
      if (!subNames.includes(path)) {
        // OpenSearch 3.6 reports this while aggregating: 500 aggregation_execution_exception.
        throw new EngineError(500, 'aggregation_execution_exception', `Invalid aggregation order path [${path}]. The provided aggregation [${path}] either does not exist, or is a pipeline aggregation and cannot be used to sort the buckets.`);
      }
      const subType = subTypes[subNames.indexOf(path)];
      if (subType !== undefined && MULTI_BUCKET.has(subType)) {
        throw new EngineError(500, 'aggregation_execution_exception', `Invalid aggregation order path [${path}]. Buckets can only be sorted on a sub-aggregator path that is built out of zero or more single-bucket aggregations within the path and a final single-bucket or a metrics aggregation at the path end.`);
      }
      if (subType === 'stats') {
        throw new EngineError(500, 'aggregation_execution_exception', `Invalid aggregation order path [${path}]. When ordering on a multi-value metrics aggregation a metric name must be specified.`);
      }
      const empty = subType === 'min' ? Infinity : subType === 'max' ? -Infinity : Number.NaN;
      return { by: { sub: path, empty }, asc };
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

export function compareKeys(a: string | number | bigint, b: string | number | bigint): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  // Exact longs beyond 2^53 (terms keys) compare with each other and with numbers exactly.
  if (typeof a !== 'string' && typeof b !== 'string') return a < b ? -1 : a > b ? 1 : 0;
  return compareCodePoints(String(a), String(b));
}

function subValue(sub: Record<string, unknown>, name: string, empty = Number.NaN): number {
  const r = sub[name];
  if (isPlainObject(r)) {
    if (typeof r.value === 'number') return r.value;
    if (r.value === null) return empty;
    if (typeof r.doc_count === 'number') return r.doc_count;
  }
  return Number.NaN;
}

export function bucketComparator(order: readonly OrderKey[]): (a: OrderedBucket, b: OrderedBucket) => number {
  return (a, b) => {
    for (const o of order) {
      let c: number;
      if (o.by === '_count') c = a.count - b.count;
      else if (o.by === '_key') c = compareKeys(a.key, b.key);
      else {
        const x = subValue(a.sub, o.by.sub, o.by.empty);
        const y = subValue(b.sub, o.by.sub, o.by.empty);
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
