/**
 * Inverted index of one `text` field: per term a single packed list of [doc, freq, pos1..posN] entries
 * (docs ascending), plus per-doc encoded lengths for BM25. One typed array per term keeps memory low.
 */
import { analyzeStandard } from '../analysis/standard.js';
import { IntList, ensureUint8 } from './int-list.js';
import { encodeLength } from './norms.js';
import { BlobReader, bytesOf, concatInt32, int32s, readStrings, stringsBlob, type Image } from './image.js';

export interface TextImageMeta { kind: 'text'; docCount: number; sumTotalTermFreq: number }

/** Gap OpenSearch inserts between the values of an array so phrases do not match across them. */
const POSITION_INCREMENT_GAP = 100;

export interface TextPosting {
  df: number;
  readonly data: IntList;
}

export class TextFieldIndex {
  readonly kind = 'text';
  readonly terms = new Map<string, TextPosting>();
  /** Encoded field length per doc; 0 with hasValue set means "indexed, no tokens". */
  norms: Uint8Array = new Uint8Array(16);
  hasValue: Uint8Array = new Uint8Array(16);
  docCount = 0;
  sumTotalTermFreq = 0;

  /** `omitNorms` (mapping `norms: false`): Lucene then scores every document as of length 1 (its norm is
   *  the encoded 1); 0 still marks "indexed, no tokens". The statistics (docCount, sumTotalTermFreq) are kept. */
  add(doc: number, values: readonly string[], omitNorms = false): void {
    const perTerm = new Map<string, number[]>();
    let base = 0;
    let length = 0;
    for (const value of values) {
      const tokens = analyzeStandard(value);
      for (const t of tokens) {
        const list = perTerm.get(t.term);
        if (list) list.push(base + t.position);
        else perTerm.set(t.term, [base + t.position]);
      }
      length += tokens.length;
      const lastPos = tokens.length > 0 ? tokens[tokens.length - 1]!.position + 1 : 0;
      base += lastPos + POSITION_INCREMENT_GAP;
    }
    this.norms = ensureUint8(this.norms, doc);
    this.hasValue = ensureUint8(this.hasValue, doc);
    this.hasValue[doc] = 1;
    this.norms[doc] = omitNorms ? (length > 0 ? encodeLength(1) : 0) : encodeLength(length);
    // Lucene's docCount counts documents with at least one token: "" or "★" alone add nothing to the
    // statistics (they would change every idf and the average length).
    if (length > 0) this.docCount++;
    this.sumTotalTermFreq += length;
    for (const [term, positions] of perTerm) {
      let p = this.terms.get(term);
      if (!p) {
        p = { df: 0, data: new IntList(2 + positions.length) };
        this.terms.set(term, p);
      }
      p.df++;
      p.data.push(doc);
      p.data.push(positions.length);
      for (const pos of positions) p.data.push(pos);
    }
  }

  /** Docs holding `term`, ascending, with their term frequencies. */
  docsAndFreqs(term: string): { docs: Int32Array; freqs: Int32Array } {
    const p = this.terms.get(term);
    if (!p) return { docs: new Int32Array(0), freqs: new Int32Array(0) };
    const docs = new Int32Array(p.df);
    const freqs = new Int32Array(p.df);
    const d = p.data.data;
    for (let i = 0, k = 0; k < p.df; k++) {
      docs[k] = d[i]!;
      const freq = d[i + 1]!;
      freqs[k] = freq;
      i += 2 + freq;
    }
    return { docs, freqs };
  }

  /**
   * A forward-only cursor over a term's postings: `seek(doc)` (docs ascending) returns that doc's positions.
   * Phrase matching walks candidates in order, so this avoids materialising per-doc position maps.
   */
  positionCursor(term: string): (doc: number) => Int32Array | undefined {
    const p = this.terms.get(term);
    if (!p) return () => undefined;
    const d = p.data.data;
    const end = p.data.length;
    let i = 0;
    return (doc) => {
      while (i < end && d[i]! < doc) i += 2 + d[i + 1]!;
      if (i >= end || d[i] !== doc) return undefined;
      return d.subarray(i + 2, i + 2 + d[i + 1]!);
    };
  }

  get avgdl(): number {
    return this.docCount === 0 ? 1 : this.sumTotalTermFreq / this.docCount;
  }

  /** Structures as of now (see image.ts): terms, their df and packed postings, norms. */
  image(maxOrd: number): Image<TextImageMeta> {
    const terms = [...this.terms.keys()];
    const dfs = new Int32Array(terms.length);
    const lens = new Int32Array(terms.length);
    const parts: Int32Array[] = [];
    terms.forEach((t, i) => {
      const p = this.terms.get(t)!;
      dfs[i] = p.df;
      lens[i] = p.data.length;
      parts.push(p.data.data.subarray(0, p.data.length));
    });
    return {
      meta: { kind: 'text', docCount: this.docCount, sumTotalTermFreq: this.sumTotalTermFreq },
      blobs: [stringsBlob(terms), bytesOf(dfs), bytesOf(lens), concatInt32(parts),
        bytesOf(this.norms.subarray(0, Math.min(maxOrd, this.norms.length))), bytesOf(this.hasValue.subarray(0, Math.min(maxOrd, this.hasValue.length)))],
    };
  }

  static fromImage(meta: TextImageMeta, r: BlobReader): TextFieldIndex {
    const fi = new TextFieldIndex();
    const terms = readStrings(r.next());
    const dfs = int32s(r.next());
    const lens = int32s(r.next());
    const data = int32s(r.next());
    let off = 0;
    terms.forEach((t, i) => {
      fi.terms.set(t, { df: dfs[i]!, data: IntList.wrap(data.subarray(off, off + lens[i]!)) });
      off += lens[i]!;
    });
    if (off !== data.length) throw new Error('text postings length mismatch');
    fi.norms = r.next();
    fi.hasValue = r.next();
    fi.docCount = meta.docCount;
    fi.sumTotalTermFreq = meta.sumTotalTermFreq;
    return fi;
  }
}
