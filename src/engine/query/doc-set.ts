/**
 * Query results as sorted arrays of doc ords with optional per-doc scores. Set algebra on sorted arrays is
 * linear and allocation-light, and keeps every query independent of the total number of docs unless it
 * really needs "all docs" (match_all, must_not).
 */
export interface DocSet {
  /** Ascending doc ords. */
  readonly docs: Int32Array;
  /** Score per entry of `docs`, or null when every doc scores `constant`. */
  readonly scores: Float32Array | null;
  readonly constant: number;
}

export const EMPTY: DocSet = { docs: new Int32Array(0), scores: null, constant: 0 };

export function constantSet(docs: Int32Array, score: number): DocSet {
  return { docs, scores: null, constant: score };
}

export function scoreAt(set: DocSet, i: number): number {
  return set.scores ? set.scores[i]! : set.constant;
}

export function intersect(a: Int32Array, b: Int32Array): Int32Array {
  if (a.length > b.length) [a, b] = [b, a];
  const out = new Int32Array(a.length);
  let k = 0;
  if (a.length * 16 < b.length) {
    // Small against large: binary-search each element of the small side.
    let lo = 0;
    for (let i = 0; i < a.length; i++) {
      const x = a[i]!;
      let hi = b.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (b[mid]! < x) lo = mid + 1;
        else hi = mid;
      }
      if (lo < b.length && b[lo] === x) out[k++] = x;
    }
    return out.subarray(0, k);
  }
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) { out[k++] = x; i++; j++; }
    else if (x < y) i++;
    else j++;
  }
  return out.subarray(0, k);
}

export function difference(a: Int32Array, b: Int32Array): Int32Array {
  if (b.length === 0) return a;
  const out = new Int32Array(a.length);
  let k = 0;
  let j = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    while (j < b.length && b[j]! < x) j++;
    if (j < b.length && b[j] === x) continue;
    out[k++] = x;
  }
  return out.subarray(0, k);
}

export function union(lists: readonly Int32Array[]): Int32Array {
  const nonEmpty = lists.filter((l) => l.length > 0);
  if (nonEmpty.length === 0) return new Int32Array(0);
  if (nonEmpty.length === 1) return nonEmpty[0]!;
  if (nonEmpty.length === 2) return union2(nonEmpty[0]!, nonEmpty[1]!);
  let total = 0;
  let max = 0;
  for (const l of nonEmpty) {
    total += l.length;
    const last = l[l.length - 1]!;
    if (last > max) max = last;
  }
  if (total * 4 > max) {
    // Dense: mark a bitmap and read it back in order.
    const mark = new Uint8Array(max + 1);
    for (const l of nonEmpty) for (let i = 0; i < l.length; i++) mark[l[i]!] = 1;
    const out = new Int32Array(Math.min(total, max + 1));
    let k = 0;
    for (let d = 0; d <= max; d++) if (mark[d] === 1) out[k++] = d;
    return out.subarray(0, k);
  }
  const all = new Int32Array(total);
  let off = 0;
  for (const l of nonEmpty) { all.set(l, off); off += l.length; }
  all.sort();
  let k = 0;
  for (let i = 0; i < all.length; i++) if (k === 0 || all[k - 1] !== all[i]) all[k++] = all[i]!;
  return all.subarray(0, k);
}

function union2(a: Int32Array, b: Int32Array): Int32Array {
  const out = new Int32Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) { out[k++] = x; i++; j++; }
    else if (x < y) { out[k++] = x; i++; }
    else { out[k++] = y; j++; }
  }
  while (i < a.length) out[k++] = a[i++]!;
  while (j < b.length) out[k++] = b[j++]!;
  return out.subarray(0, k);
}

/**
 * Add the scores of `clause` onto `acc` (aligned with `base`) for docs present in both, counting matches
 * in `counts` when given. Both doc arrays are ascending.
 */
export function accumulate(base: Int32Array, acc: Float64Array, clause: DocSet, counts?: Uint16Array): void {
  const cd = clause.docs;
  let j = 0;
  for (let i = 0; i < base.length && j < cd.length; i++) {
    const x = base[i]!;
    while (j < cd.length && cd[j]! < x) j++;
    if (j < cd.length && cd[j] === x) {
      acc[i] = acc[i]! + scoreAt(clause, j);
      if (counts) counts[i]!++;
      j++;
    }
  }
}

/** A scored union: every doc in any set, its score the float32 sum like Lucene's disjunction. */
export function scoredUnion(sets: readonly DocSet[]): DocSet {
  const docs = union(sets.map((s) => s.docs));
  const acc = new Float64Array(docs.length);
  for (const s of sets) accumulate(docs, acc, s);
  return { docs, scores: Float32Array.from(acc), constant: 0 };
}

/** Max of scores (dis_max with tie_breaker): max + tie * (sum - max). */
export function disMax(sets: readonly DocSet[], tieBreaker: number): DocSet {
  const docs = union(sets.map((s) => s.docs));
  const max = new Float64Array(docs.length);
  const sum = new Float64Array(docs.length);
  for (const s of sets) {
    const cd = s.docs;
    let j = 0;
    for (let i = 0; i < docs.length && j < cd.length; i++) {
      const x = docs[i]!;
      while (j < cd.length && cd[j]! < x) j++;
      if (j < cd.length && cd[j] === x) {
        const sc = scoreAt(s, j);
        sum[i] = sum[i]! + sc;
        if (sc > max[i]!) max[i] = sc;
        j++;
      }
    }
  }
  const scores = new Float32Array(docs.length);
  for (let i = 0; i < docs.length; i++) scores[i] = max[i]! + tieBreaker * (sum[i]! - max[i]!);
  return { docs, scores, constant: 0 };
}

/** Keep only entries whose doc satisfies `keep` (array aligned with docs). */
export function filterSet(set: DocSet, keep: (i: number) => boolean): DocSet {
  const docs = new Int32Array(set.docs.length);
  const scores = set.scores ? new Float32Array(set.docs.length) : null;
  let k = 0;
  for (let i = 0; i < set.docs.length; i++) {
    if (!keep(i)) continue;
    docs[k] = set.docs[i]!;
    if (scores) scores[k] = set.scores![i]!;
    k++;
  }
  return { docs: docs.subarray(0, k), scores: scores ? scores.subarray(0, k) : null, constant: set.constant };
}

export function withBoost(set: DocSet, boost: number): DocSet {
  if (boost === 1) return set;
  if (!set.scores) return { ...set, constant: Math.fround(set.constant * boost) };
  const scores = new Float32Array(set.scores.length);
  for (let i = 0; i < scores.length; i++) scores[i] = set.scores[i]! * boost;
  return { ...set, scores };
}
