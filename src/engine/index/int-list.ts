/** A growable Int32Array: postings and columns without the 8-byte-per-slot cost of JS arrays. */
export class IntList {
  data: Int32Array;
  length = 0;

  constructor(capacity = 4) {
    this.data = new Int32Array(capacity);
  }

  /** A list holding exactly `view` (grows into a new array on the next push). */
  static wrap(view: Int32Array): IntList {
    const l = new IntList(0);
    l.data = view;
    l.length = view.length;
    return l;
  }

  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Int32Array(Math.max(4, this.data.length * 2));
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }

  get last(): number {
    return this.length > 0 ? this.data[this.length - 1]! : -1;
  }

  view(): Int32Array {
    return this.data.subarray(0, this.length);
  }
}

/** Grow a typed array so index `i` is addressable, filling new slots with `fill`. */
export function ensureFloat64(a: Float64Array, i: number, fill: number): Float64Array {
  if (i < a.length) return a;
  const next = new Float64Array(Math.max(a.length * 2, i + 1, 16));
  next.set(a);
  next.fill(fill, a.length);
  return next;
}

export function ensureInt32(a: Int32Array, i: number, fill: number): Int32Array {
  if (i < a.length) return a;
  const next = new Int32Array(Math.max(a.length * 2, i + 1, 16));
  next.set(a);
  next.fill(fill, a.length);
  return next;
}

export function ensureUint8(a: Uint8Array, i: number): Uint8Array {
  if (i < a.length) return a;
  const next = new Uint8Array(Math.max(a.length * 2, i + 1, 16));
  next.set(a);
  return next;
}
