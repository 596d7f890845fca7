/**
 * Strings by ord (document sources as JSON text, and `_id`s). Those loaded from a snapshot stay in the
 * snapshot's blobs (UTF-8 bytes, decoded when read): no string per document on the heap, nothing for the
 * collector to trace, and a checkpoint writes those blobs back unchanged. Strings added since are kept as
 * strings. Each one's UTF-16 length is kept per ord (for sources, what `_cat/indices` sums).
 */
import { ensureInt32 } from './int-list.js';
import { BlobReader, bytesOf, int32s, stringsBlob, type Blob } from './image.js';

/** Long lists go in several blobs, so no single blob (and no buffer writing or reading it) is huge. */
let PER_BLOB = 65_536;

/** Tests use small blobs to exercise frozen chunks with few documents. */
export function setSourcesPerBlobForTests(n: number): void {
  PER_BLOB = n;
}

interface Chunk { readonly blob: Uint8Array; readonly buf: Buffer; readonly offsets: Float64Array; readonly count: number }

export class SourceStore {
  private chunks: Chunk[] = [];
  /** Ords below this live in `chunks`. */
  private frozen = 0;
  private tail: string[] = [];
  private lens: Int32Array = new Int32Array(16);

  get length(): number {
    return this.frozen + this.tail.length;
  }

  push(source: string): void {
    const ord = this.length;
    this.lens = ensureInt32(this.lens, ord, 0);
    this.lens[ord] = source.length;
    this.tail.push(source);
  }

  get(ord: number): string {
    if (ord >= this.frozen) return this.tail[ord - this.frozen]!;
    const c = this.chunks[Math.floor(ord / PER_BLOB)]!;
    const i = ord % PER_BLOB;
    return c.buf.toString('utf8', c.offsets[i]!, c.offsets[i + 1]!);
  }

  /** UTF-16 length of a source (JSON.stringify(source).length). */
  charLength(ord: number): number {
    return this.lens[ord]!;
  }

  /** Blobs of the first `n` sources (n fixed now; bytes made later) and the number of sources in each. */
  image(n: number): { blobs: Blob[]; counts: number[] } {
    const blobs: Blob[] = [bytesOf(this.lens.subarray(0, n))];
    const counts: number[] = [];
    for (const c of this.chunks) {
      if (counts.length * PER_BLOB >= Math.min(n, this.frozen)) break;
      const blob = c.blob;
      blobs.push(() => blob);
      counts.push(c.count);
    }
    const tail = this.tail.slice(0, Math.max(0, n - this.frozen));
    for (let i = 0; i < tail.length; i += PER_BLOB) {
      const part = tail.slice(i, i + PER_BLOB);
      blobs.push(stringsBlob(part));
      counts.push(part.length);
    }
    return { blobs, counts };
  }

  /** Reads what `image` wrote: full chunks become frozen, a short last chunk is decoded into strings. */
  static load(r: BlobReader, counts: readonly number[], n: number): SourceStore {
    const s = new SourceStore();
    const lens = int32s(r.next());
    if (lens.length !== n) throw new Error('source lengths do not match the image');
    s.lens = lens;
    let total = 0;
    for (const count of counts) {
      const blob = r.next();
      const buf = Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength);
      if (buf.readUInt32LE(0) !== count) throw new Error('source blob count mismatch');
      const offsets = new Float64Array(count + 1);
      let at = 4 + 4 * count;
      for (let i = 0; i < count; i++) {
        offsets[i] = at;
        at += buf.readUInt32LE(4 + 4 * i);
      }
      offsets[count] = at;
      if (at !== buf.length) throw new Error('source blob length mismatch');
      if (count === PER_BLOB && s.tail.length === 0) {
        s.chunks.push({ blob, buf, offsets, count });
        s.frozen += count;
      } else {
        for (let i = 0; i < count; i++) s.tail.push(buf.toString('utf8', offsets[i]!, offsets[i + 1]!));
      }
      total += count;
    }
    if (total !== n) throw new Error('source count does not match the image');
    return s;
  }
}
