import { describe, expect, it } from 'vitest';
import { NumericFieldIndex } from '../../../../src/engine/index/numeric-field.js';
import { SortedValues } from '../../../../src/engine/index/sorted-values.js';

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 4294967296);
}

/** The docs a range must return, computed the obvious way. */
function expected(docs: (number[] | undefined)[], lo: number, hi: number): number[] {
  const out: number[] = [];
  docs.forEach((vals, d) => { if (vals?.some((v) => v >= lo && v <= hi)) out.push(d); });
  return out;
}

describe('numeric range (column scan and sorted doc values)', () => {
  it('sorted values keep ties in doc order and answer [lo, hi] with distinct ascending docs', () => {
    const s = SortedValues.build(Float64Array.of(5, 1, 5, 3, 1, 5), Int32Array.of(0, 1, 1, 2, 3, 4));
    expect([...s.values]).toEqual([1, 1, 3, 5, 5, 5]);
    expect([...s.docs]).toEqual([1, 3, 2, 0, 1, 4]);
    expect([...s.docsIn(1, 3)]).toEqual([1, 2, 3]);
    expect([...s.docsIn(4, 9)]).toEqual([0, 1, 4]);
    expect([...s.docsIn(1, 5)]).toEqual([0, 1, 2, 3, 4]);
    expect(s.count(2, 4)).toBe(1);
    expect([...s.docsIn(6, 9)]).toEqual([]);
  });

  it('gives the same docs before and after the sorted values are built, and after writes', () => {
    const r = seeded(11);
    const fi = new NumericFieldIndex();
    const docs: (number[] | undefined)[] = [];
    const add = (d: number): void => {
      const roll = r();
      const vals = roll < 0.1 ? undefined : roll < 0.3 ? [Math.floor(r() * 500), Math.floor(r() * 500), Math.floor(r() * 500)] : [Math.floor(r() * 500) - 50];
      docs[d] = vals;
      if (vals) fi.add(d, vals);
    };
    for (let d = 0; d < 3000; d++) add(d);
    const check = (): void => {
      for (let q = 0; q < 60; q++) {
        const lo = Math.floor(r() * 520) - 60;
        // Mostly narrow ranges (sorted path), some wide ones (scan path).
        const hi = lo + (q % 5 === 0 ? 300 : Math.floor(r() * 6));
        expect([...fi.range(lo, hi)]).toEqual(expected(docs, lo, hi));
      }
    };
    check();
    check();
    for (let d = 3000; d < 3200; d++) add(d);
    check();
    check();
  });
});
