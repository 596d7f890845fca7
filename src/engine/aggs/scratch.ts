/**
 * Reusable typed buffers for the aggregation hot loops. Over 1M docs a request allocated tens of MiB of
 * short-lived ArrayBuffers, and V8 answers that much external memory with full mark-compact GCs (about a
 * second on a 1M-doc heap). Each buffer is lent for one synchronous pass and handed out again by the
 * next call for the same slot, so callers must finish reading it before asking again.
 */
const floats = new Map<string, Float64Array>();
const ints = new Map<string, Int32Array>();

/** At least `n` doubles (contents undefined) for the named slot. */
export function scratchFloat64(slot: string, n: number): Float64Array {
  let a = floats.get(slot);
  if (!a || a.length < n) floats.set(slot, (a = new Float64Array(grow(n))));
  return a;
}

/** At least `n` int32s (contents undefined) for the named slot. */
export function scratchInt32(slot: string, n: number): Int32Array {
  let a = ints.get(slot);
  if (!a || a.length < n) ints.set(slot, (a = new Int32Array(grow(n))));
  return a;
}

/** Round up so slowly growing requests do not reallocate every time. */
function grow(n: number): number {
  return Math.max(1024, 2 ** Math.ceil(Math.log2(n)));
}
