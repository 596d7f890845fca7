/**
 * One `keyword` field: a term dictionary with postings (docs ascending) and per-doc ordinals (doc values)
 * for sorting and aggregations. Multi-valued docs keep their distinct terms in term order, like Lucene's
 * SortedSetDocValues, in one flat list ([count, id...] per doc) rather than an array per doc: at 1M docs
 * with tags that saves tens of MiB and a map lookup per read.
 */
import { IntList, ensureInt32 } from './int-list.js';
import { BlobReader, bytesOf, concatInt32, int32s, readStrings, stringsBlob, type Image } from './image.js';

export interface KeywordImageMeta { kind: 'keyword'; docCount: number; sumDocFreq: number }

const NONE = -1;
/** `single[doc]` at or below this encodes a multi-valued doc: its entry starts at MULTI_BASE - single[doc]. */
const MULTI_BASE = -2;
const EMPTY_IDS = new Int32Array(0);

export function compareCodePoints(a: string, b: string): number {
  // Lucene orders keyword terms by UTF-8 bytes, i.e. by code point, not by UTF-16 unit.
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) {
      const xs = x >= 0xd800 && x <= 0xdfff;
      const ys = y >= 0xd800 && y <= 0xdfff;
      if (xs !== ys) return xs ? 1 : -1;
      return x - y;
    }
  }
  return a.length - b.length;
}

export class KeywordFieldIndex {
  readonly kind = 'keyword';
  readonly dict: string[] = [];
  readonly ids = new Map<string, number>();
  readonly postings: IntList[] = [];
  private single: Int32Array = new Int32Array(16).fill(NONE);
  private multi = new IntList(16);
  /** Cached one-element arrays so aggregations read values without allocating. */
  private readonly singletons: (readonly string[])[] = [];
  private rankCache: Int32Array | undefined;
  private orderCache: Int32Array | undefined;
  docCount = 0;
  sumDocFreq = 0;

  add(doc: number, values: readonly string[]): void {
    const termIds: number[] = [];
    for (const v of values) {
      let id = this.ids.get(v);
      if (id === undefined) {
        id = this.dict.length;
        this.dict.push(v);
        this.ids.set(v, id);
        this.postings.push(new IntList(1));
        this.singletons.push(Object.freeze([v]));
        this.rankCache = undefined;
      }
      if (!termIds.includes(id)) termIds.push(id);
    }
    if (termIds.length === 0) return;
    this.docCount++;
    this.sumDocFreq += termIds.length;
    for (const id of termIds) this.postings[id]!.push(doc);
    this.single = ensureInt32(this.single, doc, NONE);
    if (termIds.length === 1) this.single[doc] = termIds[0]!;
    else {
      this.single[doc] = MULTI_BASE - this.multi.length;
      this.multi.push(termIds.length);
      for (const id of termIds.sort((a, b) => compareCodePoints(this.dict[a]!, this.dict[b]!))) this.multi.push(id);
    }
  }

  docs(term: string): Int32Array {
    const id = this.ids.get(term);
    return id === undefined ? new Int32Array(0) : this.postings[id]!.view();
  }

  has(doc: number): boolean {
    return doc < this.single.length && this.single[doc] !== NONE;
  }

  /** Term id of a doc's only term; -1 when it has none, -2 when it has several (see `ordinals`). */
  ordinal(doc: number): number {
    const s = doc < this.single.length ? this.single[doc]! : NONE;
    return s >= NONE ? s : MULTI_BASE;
  }

  /** Term ids of docs with several terms, flat: a count n then n ids (term order) per doc. The array is
   *  replaced as it grows, so read it again after writes. */
  get severalIds(): Int32Array {
    return this.multi.data;
  }

  /** Where a doc with several terms starts in `severalIds`. */
  severalAt(doc: number): number {
    return MULTI_BASE - this.single[doc]!;
  }

  /** Term ids of a doc with several terms, in term order (a view: read it before the next write). */
  ordinals(doc: number): Int32Array {
    const s = doc < this.single.length ? this.single[doc]! : NONE;
    if (s >= NONE) return EMPTY_IDS;
    const at = MULTI_BASE - s;
    return this.multi.data.subarray(at + 1, at + 1 + this.multi.data[at]!);
  }

  /** Distinct terms of a doc in term order. */
  values(doc: number): readonly string[] {
    const s = doc < this.single.length ? this.single[doc]! : NONE;
    if (s >= 0) return this.singletons[s]!;
    if (s === NONE) return [];
    return Array.from(this.ordinals(doc), (id) => this.dict[id]!);
  }

  /** Sort key for a doc: rank of its min (asc) or max (desc) term, -1 when missing. */
  sortRank(doc: number, useMax: boolean): number {
    const s = doc < this.single.length ? this.single[doc]! : NONE;
    if (s === NONE) return -1;
    const rank = this.ranks();
    if (s >= 0) return rank[s]!;
    const ids = this.ordinals(doc);
    return rank[useMax ? ids[ids.length - 1]! : ids[0]!]!;
  }

  /** Rank of a term among the field's terms (code point order); a term the field lacks gets the rank
   *  between its neighbours (x.5), so it compares with every doc's rank as the strings would. */
  rankOf(term: string): number {
    const id = this.ids.get(term);
    const rank = this.ranks();
    if (id !== undefined) return rank[id]!;
    const order = this.orderCache!;
    let lo = 0;
    let hi = order.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareCodePoints(this.dict[order[mid]!]!, term) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo - 0.5;
  }

  private ranks(): Int32Array {
    if (!this.rankCache) {
      const order = this.dict.map((_, i) => i).sort((a, b) => compareCodePoints(this.dict[a]!, this.dict[b]!));
      const rank = new Int32Array(this.dict.length);
      order.forEach((id, r) => { rank[id] = r; });
      this.rankCache = rank;
      this.orderCache = Int32Array.from(order);
    }
    return this.rankCache;
  }

  /** Structures as of now (see image.ts): terms, postings, per-doc ordinals. */
  image(maxOrd: number): Image<KeywordImageMeta> {
    const n = this.dict.length;
    const lens = new Int32Array(n);
    const parts: Int32Array[] = [];
    for (let i = 0; i < n; i++) {
      lens[i] = this.postings[i]!.length;
      parts.push(this.postings[i]!.view());
    }
    return {
      meta: { kind: 'keyword', docCount: this.docCount, sumDocFreq: this.sumDocFreq },
      blobs: [stringsBlob(this.dict.slice()), bytesOf(lens), concatInt32(parts),
        bytesOf(this.single.subarray(0, Math.min(maxOrd, this.single.length))), bytesOf(this.multi.view())],
    };
  }

  static fromImage(meta: KeywordImageMeta, r: BlobReader): KeywordFieldIndex {
    const fi = new KeywordFieldIndex();
    const dict = readStrings(r.next());
    const lens = int32s(r.next());
    const data = int32s(r.next());
    let off = 0;
    dict.forEach((term, id) => {
      fi.dict.push(term);
      fi.ids.set(term, id);
      fi.postings.push(IntList.wrap(data.subarray(off, off + lens[id]!)));
      fi.singletons.push(Object.freeze([term]));
      off += lens[id]!;
    });
    if (off !== data.length) throw new Error('keyword postings length mismatch');
    fi.single = int32s(r.next());
    fi.multi = IntList.wrap(int32s(r.next()));
    fi.docCount = meta.docCount;
    fi.sumDocFreq = meta.sumDocFreq;
    return fi;
  }
}
