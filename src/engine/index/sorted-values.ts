/**
 * Sorted doc values of a numeric field: every (value, doc) pair ordered by value (ties by doc), so a
 * selective range is two binary searches and a copy instead of a scan of the whole column. Built from
 * scratch when needed (values only ever come from appends, so the caller simply drops it on write).
 *
 * The build sorts a copy of the values natively (no comparator) and then drops each doc into the slot
 * its value's first occurrence gives, which keeps ties in doc order and costs O(n log n) without a JS
 * comparator per comparison (about 10x faster than sorting pairs with one).
 */
export class SortedValues {
  private constructor(readonly values: Float64Array, readonly docs: Int32Array) {}

  /** `values[i]` is held by `owners[i]`; owners ascending (a doc may repeat for multi-valued fields). */
  static build(values: Float64Array, owners: Int32Array): SortedValues {
    const sorted = values.slice().sort();
    const docs = new Int32Array(values.length);
    const used = new Int32Array(values.length);
    for (let j = 0; j < values.length; j++) {
      const first = lowerBound(sorted, values[j]!);
      docs[first + used[first]!++] = owners[j]!;
    }
    return new SortedValues(sorted, docs);
  }

  /** Number of values in [lo, hi]: decides whether `docsIn` beats a column scan. */
  count(lo: number, hi: number): number {
    return upperBound(this.values, hi) - lowerBound(this.values, lo);
  }

  /** First position whose value is >= v / > v. */
  lowerBound(v: number): number {
    return lowerBound(this.values, v);
  }

  upperBound(v: number): number {
    return upperBound(this.values, v);
  }

  /** Docs (ascending, distinct) with a value in [lo, hi]. */
  docsIn(lo: number, hi: number): Int32Array {
    const docs = this.docs.slice(lowerBound(this.values, lo), upperBound(this.values, hi)).sort();
    let k = 0;
    for (let i = 0; i < docs.length; i++) if (k === 0 || docs[k - 1] !== docs[i]) docs[k++] = docs[i]!;
    return docs.subarray(0, k);
  }
}

/** First index whose value is >= v. */
function lowerBound(a: Float64Array, v: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index whose value is > v. */
function upperBound(a: Float64Array, v: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
