/**
 * A numeric column (numbers, dates as epoch millis, booleans as 1/0): one Float64 slot per doc (NaN when
 * missing) plus sorted value lists for multi-valued docs. Range filters scan the column (docs come out
 * ascending, a few ns per doc) unless the range is selective and sorted doc values are available: then
 * two binary searches find the matches (see sorted-values.ts).
 */
import { ensureFloat64 } from './int-list.js';
import { SortedValues } from './sorted-values.js';
import { BlobReader, bytesOf, float64s, int32s, type Image } from './image.js';

export interface NumericImageMeta {
  kind: 'numeric'; docCount: number; maxDoc: number; min: number | null; max: number | null;
  /** Docs holding a long of magnitude >= 2^53: [doc, exact values ascending as decimal strings]. */
  exact?: [number, string[]][];
}

/** Use sorted values when at most this fraction of docs match; above it sorting the matches costs more than a scan. */
const SELECTIVE = 1 / 16;

/** Whether [lo, hi] needs the sign of zero: a lower bound 0.0 or an upper bound -0.0. */
function signedZeroBounds(lo: number, hi: number): boolean {
  return (lo === 0 && !Object.is(lo, -0)) || Object.is(hi, -0);
}

/** a <= b in Lucene's float/double order (-0.0 < 0.0). */
function totalLe(a: number, b: number): boolean {
  return a < b || (a === b && !(a === 0 && Object.is(b, -0) && !Object.is(a, -0)));
}

/** Bounds of a field without signed zeros (integers, dates, booleans): a zero bound matches both zeros. */
export function unsignedZeros([lo, hi]: [number, number]): [number, number] {
  return [lo === 0 ? -0 : lo, hi === 0 ? 0 : hi];
}

/** Ascending in Lucene's float/double order (-0.0 before 0.0). */
export function totalCompare(a: number, b: number): number {
  return a - b || (Object.is(b, -0) ? 1 : 0) - (Object.is(a, -0) ? 1 : 0);
}

export class NumericFieldIndex {
  readonly kind = 'numeric';
  col: Float64Array = new Float64Array(16).fill(NaN);
  readonly multi = new Map<number, number[]>();
  docCount = 0;
  maxDoc = 0;
  /** Smallest and largest value ever added (deleted docs included, as Lucene's point bounds until a merge). */
  min = Infinity;
  max = -Infinity;
  /**
   * Exact values of the docs that hold a long of magnitude >= 2^53 (all the doc's values, ascending). The
   * column keeps the nearest double (Java's `(double)` of the long); this side map, empty unless such values
   * exist, decides between longs that round to the same double (term, range, sort, terms keys).
   */
  readonly exact = new Map<number, bigint[]>();
  /** Whether some value ever added is -0.0 (deleted docs included): sorts then compare zeros by sign. */
  negativeZero = false;
  /** Built lazily, dropped on every write. */
  private sorted: SortedValues | undefined;
  /** Range queries answered by scanning since the last write (see `sortedForQuery`). */
  private scansSinceWrite = 0;

  /** Sum over documents of their distinct values (Lucene's sumDocFreq for a field indexed as terms, as
   *  booleans are); computed on demand, dropped on every write. */
  private distinctPairs: number | undefined;

  sumDocFreq(): number {
    if (this.distinctPairs === undefined) {
      let n = this.docCount;
      for (const vals of this.multi.values()) {
        for (let i = 1; i < vals.length; i++) if (vals[i] !== vals[i - 1]) n++;
      }
      this.distinctPairs = n;
    }
    return this.distinctPairs;
  }

  add(doc: number, input: readonly (number | bigint)[]): void {
    if (input.length === 0) return;
    let values = input as readonly number[];
    if (input.some((v) => typeof v === 'bigint')) {
      this.exact.set(doc, input.map((v) => BigInt(v)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
      values = input.map(Number);
    }
    this.sorted = undefined;
    this.distinctPairs = undefined;
    this.scansSinceWrite = 0;
    this.col = ensureFloat64(this.col, doc, NaN);
    this.docCount++;
    if (doc + 1 > this.maxDoc) this.maxDoc = doc + 1;
    for (const v of values) {
      if (Object.is(v, -0)) this.negativeZero = true;
      if (v < this.min) this.min = v;
      if (v > this.max) this.max = v;
    }
    if (values.length === 1) {
      this.col[doc] = values[0]!;
      return;
    }
    const sorted = [...values].sort(totalCompare);
    this.col[doc] = sorted[0]!;
    this.multi.set(doc, sorted);
  }

  has(doc: number): boolean {
    return doc < this.col.length && !Number.isNaN(this.col[doc]!);
  }

  values(doc: number): readonly number[] {
    if (doc >= this.col.length) return [];
    const v = this.col[doc]!;
    if (Number.isNaN(v)) return [];
    return this.multi.get(doc) ?? [v];
  }

  /** The exact values of a doc of a long (or date) field, ascending (the column's integers where no exact
   *  value was kept). */
  exactValues(doc: number): readonly bigint[] {
    return this.exact.get(doc) ?? this.values(doc).map((v) => BigInt(v));
  }

  /** Whether `doc` has some exact value in [lo, hi]. */
  hasExactIn(doc: number, lo: bigint, hi: bigint): boolean {
    const x = this.exact.get(doc);
    if (x) return x.some((v) => v >= lo && v <= hi);
    return this.values(doc).some((v) => { const b = BigInt(v); return b >= lo && b <= hi; });
  }

  /** Sort key of a doc as an exact integer (min or max of its values); undefined when missing. */
  exactSortValue(doc: number, useMax: boolean): bigint | undefined {
    const x = this.exact.get(doc);
    if (x) return useMax ? x[x.length - 1]! : x[0]!;
    const v = this.sortValue(doc, useMax);
    return v !== v ? undefined : BigInt(v);
  }

  /** Docs with some value in [lo, hi] (bounds inclusive; pass adjusted bounds for exclusive ones). A zero
   *  bound keeps its sign, as Lucene's sortable float/double encoding orders -0.0 below 0.0: a lower bound
   *  0.0 leaves -0.0 out, an upper bound -0.0 leaves 0.0 out (integer, date and boolean callers pass a
   *  lower zero as -0 and an upper zero as 0, so that their zeros all match). */
  range(lo: number, hi: number): Int32Array {
    if (signedZeroBounds(lo, hi)) return this.scan(lo, hi);
    const sorted = this.sortedForQuery();
    if (sorted && sorted.count(lo, hi) <= this.maxDoc * SELECTIVE) return sorted.docsIn(lo, hi);
    return this.scan(lo, hi);
  }

  /**
   * Sorted values, building them only on the second range query since the last write: a workload that
   * alternates writes and queries keeps scanning (O(n) each) instead of re-sorting (O(n log n)) per query.
   */
  /** Sorted values for a sort by this field, under the same policy as range queries (built on the second
   *  use since the last write). */
  sortedForSort(): SortedValues | undefined {
    return this.sortedForQuery();
  }

  private sortedForQuery(): SortedValues | undefined {
    if (this.sorted || this.docCount === 0) return this.sorted;
    if (this.scansSinceWrite++ < 1) return undefined;
    const values = new Float64Array(this.docCount + this.extraValues());
    const owners = new Int32Array(values.length);
    let k = 0;
    for (let doc = 0; doc < this.maxDoc; doc++) {
      const v = this.col[doc]!;
      if (v !== v) continue;
      const several = this.multi.get(doc);
      if (several) for (const x of several) { values[k] = x; owners[k++] = doc; }
      else { values[k] = v; owners[k++] = doc; }
    }
    this.sorted = SortedValues.build(values, owners);
    return this.sorted;
  }

  private extraValues(): number {
    let extra = 0;
    for (const m of this.multi.values()) extra += m.length - 1;
    return extra;
  }

  private scan(lo: number, hi: number): Int32Array {
    if (signedZeroBounds(lo, hi)) {
      const f = this.inRange(lo, hi);
      const out = new Int32Array(this.docCount);
      let k = 0;
      for (let i = 0; i < this.maxDoc; i++) if (f(i)) out[k++] = i;
      return out.subarray(0, k);
    }
    const col = this.col;
    const n = this.maxDoc;
    const out = new Int32Array(this.docCount);
    let k = 0;
    const hasMulti = this.multi.size > 0;
    for (let i = 0; i < n; i++) {
      const v = col[i]!;
      if (v >= lo && v <= hi) {
        if (!hasMulti || !this.multi.has(i)) { out[k++] = i; continue; }
      } else if (!hasMulti || v !== v) continue;
      const m = this.multi.get(i);
      if (m && m.some((x) => x >= lo && x <= hi)) out[k++] = i;
    }
    return out.subarray(0, k);
  }

  /** Whether some doc has a value in [lo, hi]: exact for one-sided ranges (one bound infinite). */
  mayHaveIn(lo: number, hi: number): boolean {
    return this.docCount > 0 && lo <= hi && this.max >= lo && this.min <= hi;
  }

  /** Doc-at-a-time form of `range(lo, hi)`: whether `doc` has some value in [lo, hi]. */
  inRange(lo: number, hi: number): (doc: number) => boolean {
    const col = this.col;
    const multi = this.multi;
    if (signedZeroBounds(lo, hi)) {
      const within = (x: number): boolean => totalLe(lo, x) && totalLe(x, hi);
      return (doc) => {
        const v = doc < col.length ? col[doc]! : NaN;
        if (v !== v) return false;
        const m = multi.get(doc);
        return m ? m.some(within) : within(v);
      };
    }
    if (multi.size === 0) {
      return (doc) => {
        const v = doc < col.length ? col[doc]! : NaN;
        return v >= lo && v <= hi;
      };
    }
    return (doc) => {
      const v = doc < col.length ? col[doc]! : NaN;
      if (v !== v) return false;
      const m = multi.get(doc);
      return m ? m.some((x) => x >= lo && x <= hi) : v >= lo && v <= hi;
    };
  }

  /** The docs of `docs` with some value in [lo, hi] (`inRange` in one loop). */
  keepInRange(docs: Int32Array, lo: number, hi: number): Int32Array {
    const out = new Int32Array(docs.length);
    let k = 0;
    if (this.multi.size > 0 || signedZeroBounds(lo, hi)) {
      const f = this.inRange(lo, hi);
      for (let i = 0; i < docs.length; i++) if (f(docs[i]!)) out[k++] = docs[i]!;
      return out.subarray(0, k);
    }
    const col = this.col;
    const n = col.length;
    for (let i = 0; i < docs.length; i++) {
      const d = docs[i]!;
      if (d < n) {
        const v = col[d]!;
        if (v >= lo && v <= hi) out[k++] = d;
      }
    }
    return out.subarray(0, k);
  }

  /** Estimated number of docs in [lo, hi] (exact once sorted values exist, else every doc with a value). */
  estimate(lo: number, hi: number): number {
    return this.sorted ? this.sorted.count(lo, hi) : this.docCount;
  }

  /** Docs with any of the given values. */
  anyOf(values: ReadonlySet<number>): Int32Array {
    const col = this.col;
    const n = this.maxDoc;
    const out = new Int32Array(this.docCount);
    let k = 0;
    const hasMulti = this.multi.size > 0;
    for (let i = 0; i < n; i++) {
      const v = col[i]!;
      if (v !== v) continue;
      const m = hasMulti ? this.multi.get(i) : undefined;
      if (m ? m.some((x) => values.has(x)) : values.has(v)) out[k++] = i;
    }
    return out.subarray(0, k);
  }

  /** Sort key: min (asc) or max (desc) of the doc's values; NaN when missing. */
  sortValue(doc: number, useMax: boolean): number {
    if (doc >= this.col.length) return NaN;
    const v = this.col[doc]!;
    if (v !== v || !useMax) return v;
    const m = this.multi.get(doc);
    return m ? m[m.length - 1]! : v;
  }

  /** Structures as of now (see image.ts): the column and the values of multi-valued docs. */
  image(maxOrd: number): Image<NumericImageMeta> {
    const docs = new Int32Array(this.multi.size);
    const counts = new Int32Array(this.multi.size);
    let total = 0;
    for (const m of this.multi.values()) total += m.length;
    const values = new Float64Array(total);
    let i = 0;
    let k = 0;
    for (const [doc, m] of this.multi) {
      docs[i] = doc;
      counts[i++] = m.length;
      for (const v of m) values[k++] = v;
    }
    return {
      // JSON has no infinities: an empty column's bounds are null.
      meta: {
        kind: 'numeric', docCount: this.docCount, maxDoc: this.maxDoc, min: this.docCount > 0 ? this.min : null, max: this.docCount > 0 ? this.max : null,
        ...(this.exact.size > 0 ? { exact: [...this.exact].filter(([doc]) => doc < maxOrd).map(([doc, xs]): [number, string[]] => [doc, xs.map(String)]) } : {}),
      },
      blobs: [bytesOf(this.col.subarray(0, Math.min(maxOrd, this.col.length))), bytesOf(docs), bytesOf(counts), bytesOf(values)],
    };
  }

  static fromImage(meta: NumericImageMeta, r: BlobReader): NumericFieldIndex {
    const fi = new NumericFieldIndex();
    fi.col = float64s(r.next());
    const docs = int32s(r.next());
    const counts = int32s(r.next());
    const values = float64s(r.next());
    let k = 0;
    for (let i = 0; i < docs.length; i++) {
      fi.multi.set(docs[i]!, Array.from(values.subarray(k, k + counts[i]!)));
      k += counts[i]!;
    }
    if (k !== values.length) throw new Error('numeric values length mismatch');
    fi.docCount = meta.docCount;
    fi.maxDoc = meta.maxDoc;
    fi.min = meta.min ?? Infinity;
    fi.max = meta.max ?? -Infinity;
    for (const [doc, xs] of meta.exact ?? []) fi.exact.set(doc, xs.map((x) => BigInt(x)));
    fi.negativeZero = (fi.min <= 0 && fi.max >= 0) && (fi.col.some((v) => Object.is(v, -0)) || values.some((v) => Object.is(v, -0)));
    return fi;
  }
}
