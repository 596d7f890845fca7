/** Numbers as OpenSearch's JSON renders them (Java float/double toString semantics). */

/** Shortest decimal that reads back as the same float32, like Java's Float.toString. */
export function floatValue(v: number): number | string {
  if (!Number.isFinite(v)) return infinity(v);
  const f = Math.fround(v);
  for (let p = 1; p <= 9; p++) {
    const s = Number(f.toPrecision(p));
    if (Math.fround(s) === f) return s;
  }
  return f;
}

/** Doubles print as JS numbers, except infinities which Jackson writes as strings. */
export function doubleValue(v: number): number | string {
  return Number.isFinite(v) ? v : infinity(v);
}

function infinity(v: number): string {
  return Number.isNaN(v) ? 'NaN' : v > 0 ? 'Infinity' : '-Infinity';
}
