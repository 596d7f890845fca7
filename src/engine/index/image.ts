/**
 * Index images: the built structures of an index (documents, postings, columns) as a JSON description plus
 * binary blobs, so a snapshot restores an index by copying arrays instead of re-analysing every document.
 *
 * A blob is produced lazily (`() => Uint8Array`): capturing an image is synchronous and cheap (it holds
 * views of append-only arrays and copies what can change in place), and the bytes are made while the
 * snapshot is written. Numbers are in the machine's byte order (snapshots record it and refuse another).
 */

export type Blob = () => Uint8Array;

export interface Image<M> {
  readonly meta: M;
  readonly blobs: Blob[];
}

export const bytesOf = (a: Int32Array | Float64Array | Uint8Array): Blob => () => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

/** Concatenation of views (captured now, joined when written). */
export function concatInt32(parts: readonly Int32Array[]): Blob {
  return () => {
    let n = 0;
    for (const p of parts) n += p.length;
    const out = new Int32Array(n);
    let k = 0;
    for (const p of parts) { out.set(p, k); k += p.length; }
    return new Uint8Array(out.buffer);
  };
}

/** u32 count, u32 byte length per string, then the UTF-8 bytes. */
export function stringsBlob(list: readonly string[]): Blob {
  return () => {
    const n = list.length;
    let total = 0;
    const lens = new Uint32Array(n);
    for (let i = 0; i < n; i++) total += (lens[i] = Buffer.byteLength(list[i]!, 'utf8'));
    const out = Buffer.allocUnsafe(4 + 4 * n + total);
    out.writeUInt32LE(n, 0);
    Buffer.from(lens.buffer, lens.byteOffset, lens.byteLength).copy(out, 4);
    let at = 4 + 4 * n;
    for (let i = 0; i < n; i++) at += out.write(list[i]!, at, 'utf8');
    return out;
  };
}

export function readStrings(bytes: Uint8Array): string[] {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = buf.readUInt32LE(0);
  const out: string[] = new Array(n);
  let at = 4 + 4 * n;
  for (let i = 0; i < n; i++) {
    const len = buf.readUInt32LE(4 + 4 * i);
    out[i] = buf.toString('utf8', at, at + len);
    at += len;
  }
  if (at !== buf.length) throw new Error('string list length mismatch');
  return out;
}

/** Typed views of a blob (blobs are read into fresh, aligned buffers). */
export function int32s(bytes: Uint8Array): Int32Array {
  if (bytes.byteOffset % 4 !== 0 || bytes.byteLength % 4 !== 0) throw new Error('misaligned int32 blob');
  return new Int32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
}

export function float64s(bytes: Uint8Array): Float64Array {
  if (bytes.byteOffset % 8 !== 0 || bytes.byteLength % 8 !== 0) throw new Error('misaligned float64 blob');
  return new Float64Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 8);
}

/** Reads blobs in order. */
export class BlobReader {
  private at = 0;
  constructor(private readonly blobs: readonly Uint8Array[]) {}
  next(): Uint8Array {
    const b = this.blobs[this.at++];
    if (!b) throw new Error('image has fewer blobs than its description');
    return b;
  }
  get done(): boolean {
    return this.at === this.blobs.length;
  }
}
