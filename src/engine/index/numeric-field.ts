/**
 * A numeric column (numbers, dates as epoch millis, booleans as 1/0): one Float64 slot per doc (NaN when
 * missing) plus sorted value lists for multi-valued docs. Range and term filters scan the column, which
 * yields docs already in ascending order and costs about a nanosecond per doc.
 */
import { ensureFloat64 } from './int-list.js';

export class NumericFieldIndex {
  readonly kind = 'numeric';
  col: Float64Array = new Float64Array(16).fill(NaN);
  readonly multi = new Map<number, number[]>();
  docCount = 0;
  maxDoc = 0;

  add(doc: number, values: readonly number[]): void {
    if (values.length === 0) return;
    this.col = ensureFloat64(this.col, doc, NaN);
    this.docCount++;
    if (doc + 1 > this.maxDoc) this.maxDoc = doc + 1;
    if (values.length === 1) {
      this.col[doc] = values[0]!;
      return;
    }
    const sorted = [...values].sort((a, b) => a - b);
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

  /** Docs with some value in [lo, hi] (bounds inclusive; pass adjusted bounds for exclusive ones). */
  range(lo: number, hi: number): Int32Array {
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
}
