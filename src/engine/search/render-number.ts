/** Numbers as OpenSearch's JSON renders them (Java float/double toString semantics). */
import { NEGATIVE_ZERO, type RawNumber } from '../index/exact-numbers.js';

/** Shortest decimal that reads back as the same float32, like Java's Float.toString. */
export function floatValue(v: number): number | string | RawNumber {
  if (!Number.isFinite(v)) return infinity(v);
  if (Object.is(v, -0)) return NEGATIVE_ZERO;
  const f = Math.fround(v);
  // Java prints at least two significant digits ("d.dE-n"), the two-digit decimal closest to the float: where
  // one digit would do, a client reading the decimal as a double can still get another number (Float.MIN_VALUE
  // is 1.4E-45 in Java, 1e-45 as the shortest float decimal; FINDINGS class 27).
  for (let p = 2; p <= 9; p++) {
    const s = Number(f.toPrecision(p));
    if (Math.fround(s) === f) return s;
  }
  return f;
}

/** Doubles print as JS numbers, except infinities which Jackson writes as strings. */
export function doubleValue(v: number): number | string | RawNumber {
  if (Object.is(v, -0)) return NEGATIVE_ZERO;
  return Number.isFinite(v) ? v : infinity(v);
}

function infinity(v: number): string {
  return Number.isNaN(v) ? 'NaN' : v > 0 ? 'Infinity' : '-Infinity';
}
