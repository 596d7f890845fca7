/**
 * Bucketing shared by `histogram` and `date_histogram`: group docs by rounded key, then (with the default
 * `min_doc_count: 0`) fill the gaps between the first and last key, widened by `extended_bounds`, with
 * empty buckets exactly as OpenSearch does. Empty buckets only ever cover the span of the matching docs
 * (or the caller's explicit bounds), so they reveal nothing about documents outside the query.
 */
import { EngineError } from '../errors.js';
import type { SubAggs } from './agg-node.js';
import { bucketComparator, type OrderKey } from './bucket-order.js';
import { scratchFloat64 } from './scratch.js';
import { scope } from './shard-scope.js';
import type { NumberRun } from './value-scan.js';

/** OpenSearch's default `search.max_buckets`. */
export const MAX_BUCKETS = 65_535;

export interface Rounding {
  round(value: number): number;
  /** The key of the bucket after the one keyed `key`. */
  next(key: number): number;
  /** Optional: a small integer per bucket (equal iff `round` is equal) with `keyOf` mapping it back. Maps
   *  keyed by small integers are several times faster than by the doubles keys are. */
  bucket?(value: number): number;
  keyOf?(bucket: number): number;
}

export interface HistogramOptions<D> {
  readonly rounding: Rounding;
  readonly minDocCount: number;
  readonly bounds?: { readonly min: number; readonly max: number };
  readonly order: readonly OrderKey[];
  readonly keyed: boolean;
  readonly subs: SubAggs<D>;
  /** Renders `key_as_string` (dates) and the keyed-map key; undefined for raw numbers. */
  readonly keyAsString: (key: number) => string | undefined;
  readonly keyAsText: (key: number) => string;
  /** The field's values over `docs` (see FieldSource.numbers). */
  readonly numbers: (docs: ArrayLike<D>) => NumberRun;
  /** `hard_bounds`: whether a value is collected at all (absent: every value is). */
  readonly collects?: (value: number) => boolean;
}

interface Group<D> { count: number; last: number; docs: D[] }

export function buildHistogram<D>(docs: ArrayLike<D>, o: HistogramOptions<D>): Record<string, unknown> {
  const groups = groupValues(docs, o);
  if (o.minDocCount === 0) fillGaps(groups, o);
  const buckets: { key: number; count: number; docs: D[]; sub: Record<string, unknown> }[] = [];
  for (const [key, g] of groups) {
    if (g.count < o.minDocCount) continue;
    buckets.push({ key, count: g.count, docs: g.docs, sub: {} });
  }
  if (buckets.length > MAX_BUCKETS) throw tooManyBuckets(buckets.length);
  const needsSubs = o.order.some((k) => typeof k.by === 'object');
  const meets = reduceOrder(buckets, o.subs);
  if (needsSubs) for (const b of buckets) b.sub = o.subs.run(b.docs, meets?.get(b.key));
  buckets.sort(bucketComparator(o.order));
  const rendered = buckets.map((b) => {
    const asString = o.keyAsString(b.key);
    return {
      text: asString ?? o.keyAsText(b.key),
      body: {
        ...(asString !== undefined ? { key_as_string: asString } : {}),
        // Jackson writes a non-finite double as a string ("Infinity"; FINDINGS class 19), JSON.stringify as null.
        key: Number.isFinite(b.key) ? b.key : Number.isNaN(b.key) ? 'NaN' : b.key > 0 ? 'Infinity' : '-Infinity',
        doc_count: b.count,
        ...(needsSubs ? b.sub : o.subs.run(b.docs, meets?.get(b.key))),
      },
    };
  });
  if (!o.keyed) return { buckets: rendered.map((r) => r.body) };
  return { buckets: Object.fromEntries(rendered.map((r) => [r.text, r.body])) };
}

/**
 * The order OpenSearch's reduce meets the shards' buckets of one key in (InternalHistogram and
 * InternalDateHistogram.reduceBuckets): a Lucene PriorityQueue of the shards' bucket iterators, ordered by
 * key alone, so buckets of equal keys come off it in the heap's order, not in shard order. The first of them
 * decides the bucket's sub-aggregation formats (a date printed yyyy/MM/dd by one index, ISO by another;
 * wide seed 85, checked on 3.6.0). Undefined where one shard's results are all there is.
 */
function reduceOrder<D>(buckets: readonly { key: number; docs: D[] }[], subs: SubAggs<D>): Map<number, number[]> | undefined {
  if (!subs.shardsOf || subs.names.length === 0) return undefined;
  const holders = buckets.map((b) => subs.shardsOf!(b.docs));
  // Each shard's keys, ascending (its buckets with at least one document), fed in the order the reduce
  // lists the shards' results at this place.
  const perShard = new Map<number, number[]>();
  const byKey = buckets.map((b, i) => [b.key, holders[i]!] as const).sort((x, y) => x[0] - y[0]);
  for (const [key, shards] of byKey) for (const sh of shards) { let l = perShard.get(sh); if (!l) perShard.set(sh, l = []); l.push(key); }
  if (perShard.size < 2) return undefined;
  const order = scope.shards ?? [...perShard.keys()].sort((a, b) => a - b);
  interface Cursor { shard: number; keys: number[]; at: number }
  const heap: Cursor[] = [undefined as unknown as Cursor];
  const less = (a: Cursor, b: Cursor): boolean => a.keys[a.at]! < b.keys[b.at]!;
  const downHeap = (): void => {
    const size = heap.length - 1;
    let i = 1;
    const node = heap[1]!;
    let j = 2;
    if (j + 1 <= size && less(heap[j + 1]!, heap[j]!)) j++;
    while (j <= size && less(heap[j]!, node)) {
      heap[i] = heap[j]!;
      i = j;
      j = i << 1;
      if (j + 1 <= size && less(heap[j + 1]!, heap[j]!)) j++;
    }
    heap[i] = node;
  };
  for (const sh of order) {
    const keys = perShard.get(sh);
    if (!keys) continue;
    const node: Cursor = { shard: sh, keys, at: 0 };
    heap.push(node);
    let i = heap.length - 1;
    let j = i >>> 1;
    while (j > 0 && less(node, heap[j]!)) { heap[i] = heap[j]!; i = j; j >>>= 1; }
    heap[i] = node;
  }
  const out = new Map<number, number[]>();
  while (heap.length > 1) {
    const top = heap[1]!;
    const key = top.keys[top.at]!;
    let list = out.get(key);
    if (!list) out.set(key, list = []);
    list.push(top.shard);
    if (++top.at < top.keys.length) downHeap();
    else {
      const last = heap.pop()!;
      if (heap.length > 1) { heap[1] = last; downHeap(); }
    }
  }
  return out;
}

/** Docs per bucket key (a doc counts once per bucket; docs kept only when sub-aggregations read them). */
function groupValues<D>(docs: ArrayLike<D>, o: HistogramOptions<D>): Map<number, Group<D>> {
  const r = o.rounding;
  const bucketOf = r.bucket && r.keyOf ? r.bucket : r.round;
  const { values, owner, length } = o.numbers(docs);
  const buckets = scratchFloat64('histogram.buckets', length);
  let lo = Infinity;
  let hi = -Infinity;
  const collects = o.collects;
  for (let j = 0; j < length; j++) {
    // A value outside `hard_bounds` is never collected: NaN marks it (no bucket id is NaN).
    const b = collects && !collects(values[j]!) ? NaN : bucketOf(values[j]!);
    buckets[j] = b;
    if (b < lo) lo = b;
    if (b > hi) hi = b;
  }
  // Small integer bucket ids (the usual case) index an array; anything else goes through a Map.
  const dense = Number.isInteger(lo) && Number.isInteger(hi) && hi - lo <= MAX_BUCKETS;
  const slots: (Group<D> | undefined)[] = dense ? new Array<Group<D> | undefined>(hi - lo + 1).fill(undefined) : [];
  const byBucket = new Map<number, Group<D>>();
  const keepDocs = o.subs.names.length > 0;
  for (let j = 0; j < length; j++) {
    const b = buckets[j]!;
    // NaN: outside `hard_bounds`. -Infinity: OpenSearch's histogram collector skips a quotient equal to the
    // previous one of the document, which starts at -Infinity, so a value whose quotient overflows to
    // -Infinity lands in no bucket (checked on 3.6.0; +Infinity gets its "Infinity" bucket).
    if (Number.isNaN(b) || b === -Infinity) continue;
    let g = dense ? slots[b - lo] : byBucket.get(b);
    if (!g) {
      g = { count: 0, last: -1, docs: [] };
      if (dense) slots[b - lo] = g;
      byBucket.set(b, g);
    }
    const i = owner[j]!;
    if (g.last === i) continue;
    g.last = i;
    g.count++;
    if (keepDocs) g.docs.push(docs[i]!);
  }
  if (bucketOf === r.round) return byBucket;
  const groups = new Map<number, Group<D>>();
  for (const [b, g] of byBucket) {
    const key = r.keyOf!(b);
    // Two quotients can meet in one double key at extreme magnitudes: then group by key directly.
    if (groups.has(key)) return groupValues(docs, { ...o, rounding: { round: r.round, next: r.next } });
    groups.set(key, g);
  }
  return groups;
}

function fillGaps<D>(groups: Map<number, Group<D>>, o: HistogramOptions<D>): void {
  let lo: number | undefined;
  let hi: number | undefined;
  for (const k of groups.keys()) {
    if (lo === undefined || k < lo) lo = k;
    if (hi === undefined || k > hi) hi = k;
  }
  if (o.bounds) {
    const bMin = o.rounding.round(o.bounds.min);
    const bMax = o.rounding.round(o.bounds.max);
    lo = lo === undefined ? bMin : Math.min(lo, bMin);
    hi = hi === undefined ? bMax : Math.max(hi, bMax);
  }
  if (lo === undefined || hi === undefined) return;
  let created = groups.size;
  const deadline = performance.now() + FILL_BUDGET_MS;
  for (let key = lo, steps = 0; key <= hi; steps++) {
    if ((steps & 1023) === 1023 && performance.now() > deadline) throw tooCostlyToFill();
    if (!groups.has(key)) {
      groups.set(key, { count: 0, last: -1, docs: [] });
      if (++created > MAX_BUCKETS) throw reduceTooManyBuckets(created, key, hi, o.rounding, groups);
    }
    const next = o.rounding.next(key);
    // An interval too small to move a key at this magnitude would loop forever; OpenSearch would hit
    // max_buckets instead, so report that.
    if (!(next > key)) throw tooManyBuckets(MAX_BUCKETS + 1);
    key = next;
  }
}

/**
 * Time the empty buckets may take to fill. A calendar interval in a time zone costs ~100 µs per key here, so
 * a wide `extended_bounds` would hold the event loop for seconds (~8 s at the bucket limit): refused instead.
 */
const FILL_BUDGET_MS = 250;

function tooCostlyToFill(): EngineError {
  return new EngineError(400, 'illegal_argument_exception',
    `a histogram whose empty buckets take more than ${FILL_BUDGET_MS} ms to fill (a calendar interval in a time zone over a wide range) is not supported by the embedded engine`);
}

/** Keys counted past the limit before the engine gives up counting (the refusal below). */
const COUNT_LIMIT = 2_000_000;
/** Time the counting may take: a calendar interval in a time zone costs ~100 µs per key, so the key limit
 *  alone would let one request hold the event loop for minutes. */
const COUNT_BUDGET_MS = 250;

/**
 * The empty buckets are the coordinating node's: its reduce counts every bucket of the filled range and
 * fails the search as a whole (503, no shard failure) with the full count (checked on 3.6.0: a 30s
 * fixed_interval over four months of extended_bounds reports 351361; hunt4 r08).
 */
function reduceTooManyBuckets(created: number, from: number, hi: number, rounding: Rounding, counted: ReadonlyMap<number, unknown>): EngineError {
  const uncounted = (): EngineError => new EngineError(400, 'illegal_argument_exception',
    `a histogram of more than ${COUNT_LIMIT} buckets, or too costly to count (for OpenSearch's too_many_buckets error), is not supported by the embedded engine`);
  let n = created;
  const deadline = performance.now() + COUNT_BUDGET_MS;
  for (let key = rounding.next(from), steps = 0; key <= hi; steps++) {
    const next = rounding.next(key);
    // Buckets with documents were counted already.
    if (!counted.has(key)) n++;
    if (n > COUNT_LIMIT || !(next > key) || ((steps & 1023) === 0 && performance.now() > deadline)) return uncounted();
    key = next;
  }
  const reason = `Trying to create too many buckets. Must be less than or equal to: [${MAX_BUCKETS}] but was [${n}]. This limit can be set by changing the [search.max_buckets] cluster level setting.`;
  return new EngineError(503, 'search_phase_execution_exception', '', {
    root_cause: [], phase: 'fetch', grouped: true, failed_shards: [],
    caused_by: { type: 'too_many_buckets_exception', reason, max_buckets: MAX_BUCKETS },
  });
}

function tooManyBuckets(n: number): EngineError {
  return new EngineError(400, 'too_many_buckets_exception',
    `Trying to create too many buckets. Must be less than or equal to: [${MAX_BUCKETS}] but was [${n}]. This limit can be set by changing the [search.max_buckets] cluster level setting.`,
    { max_buckets: MAX_BUCKETS });
}
