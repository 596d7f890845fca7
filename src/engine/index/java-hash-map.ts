/**
 * Enough of java.util.HashMap to iterate in its order: a key's String.hashCode bucket (spread as
 * HashMap.hash does), insertion order within a bucket, the table growing at 3/4 load and splitting buckets
 * in order, and putAll's presizing. OpenSearch answers in that order where it collects names in a HashMap
 * (aggregation results in the reduce, named queries). Tree bins (8 keys in one bucket) are not modelled.
 */

/** Java's String.hashCode spread as HashMap.hash does. */
function javaHash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  return (h ^ (h >>> 16)) | 0;
}

/** java.util.HashMap's table, enough of it to iterate in its order (no tree bins: they need 8 names in one bucket). */
export class JavaHashMap<V> {
  private table: { key: string; hash: number; value: V }[][] | undefined;
  private threshold = 0;
  private count = 0;

  /** `new HashMap<>(m)` or `putAll(m)`: presizes from m's size before inserting (putMapEntries). */
  putAll(entries: readonly (readonly [string, V])[]): this {
    const s = entries.length;
    if (s > 0) {
      if (!this.table) {
        const t = Math.trunc(s / 0.75 + 1);
        if (t > this.threshold) this.threshold = tableSizeFor(t);
      } else {
        while (s > this.threshold) this.resize();
      }
      for (const [k, v] of entries) this.put(k, v);
    }
    return this;
  }

  put(key: string, value: V): void {
    if (!this.table) this.resize();
    const hash = javaHash(key);
    const bucket = this.table![hash & (this.table!.length - 1)]!;
    const found = bucket.find((e) => e.key === key);
    if (found) { found.value = value; return; }
    bucket.push({ key, hash, value });
    if (++this.count > this.threshold) this.resize();
  }

  private resize(): void {
    const old = this.table;
    const oldCap = old?.length ?? 0;
    let cap: number;
    if (oldCap > 0) {
      cap = oldCap * 2;
      this.threshold = oldCap >= 16 ? this.threshold * 2 : Math.trunc(cap * 0.75);
    } else if (this.threshold > 0) {
      cap = this.threshold;
      this.threshold = Math.trunc(cap * 0.75);
    } else {
      cap = 16;
      this.threshold = 12;
    }
    const table = Array.from({ length: cap }, () => [] as { key: string; hash: number; value: V }[]);
    // Splitting keeps each bucket's order (lo and hi lists), as Java 8's resize does.
    for (const bucket of old ?? []) for (const e of bucket) table[e.hash & (cap - 1)]!.push(e);
    this.table = table;
  }

  entries(): [string, V][] {
    return (this.table ?? []).flatMap((b) => b.map((e) => [e.key, e.value] as [string, V]));
  }
}

function tableSizeFor(c: number): number {
  let n = 1;
  while (n < c) n *= 2;
  return Math.min(n, 2 ** 30);
}


/** Keys in the order a HashMap filled with them one by one (`new HashMap<>()`, then `put`) iterates them. */
export function hashMapOrder(keys: readonly string[]): string[] {
  const m = new JavaHashMap<true>();
  for (const k of keys) m.put(k, true);
  return m.entries().map(([k]) => k);
}
