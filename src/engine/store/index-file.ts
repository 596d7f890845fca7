/**
 * Index files (format 3): one index's built structures (index/image.ts) as of one checkpoint, in a file of
 * its own, so a checkpoint rewrites only the indices written since the last one and refers to the others'
 * existing files (see manifest.ts). Frames: a JSON header { file:'index', format:3, gen, byteOrder, name,
 * uuid, createdAt, settings, mappings, nextSeqNo, image, blobs }, the image's blobs in order (binary frames:
 * first byte 0x01 = a blob's first chunk, followed by its u64 length; 0x02 = a continuation, at most 4 MiB
 * per frame), then { end:true, docs }. Every frame has its CRC-32; a missing end frame, a blob cut short, a
 * count mismatch, a file of another size than the manifest recorded or an image that does not load is
 * ENGINE_CORRUPT_SNAPSHOT naming this file.
 */
import { open } from 'node:fs/promises';
import { endianness } from 'node:os';
import { join } from 'node:path';
import { BlobReader, type Blob } from '../index/image.js';
import type { IndexImageMeta } from '../index/search-index.js';
import type { Catalog, IndexEntry } from './catalog.js';
import { encodeFrame, encodeRawFrame } from './frame.js';
import { readFrames } from './frame-reader.js';
import { writeFileAtomic } from './files.js';
import { EngineCorruptionError } from './store-errors.js';

export const INDEX_FILE_FORMAT = 3;
const WRITE_BATCH_BYTES = 1024 * 1024;
const BLOB_CHUNK = 4 * 1024 * 1024;
export const BLOB_FIRST = 0x01;
export const BLOB_NEXT = 0x02;

export interface IndexFileHeader {
  file: 'index'; format: 3; gen: number; byteOrder: string;
  name: string; uuid: string; createdAt: number; settings?: unknown; mappings: unknown;
  /** Deletes take seq_nos too, so the live documents alone cannot say where the sequence stands. */
  nextSeqNo: number;
  image: IndexImageMeta;
  blobs: number;
}

/** What a manifest records of an index file (and checks when opening it). */
export interface IndexFileRef { name: string; uuid: string; file: string; bytes: number }

export interface CapturedIndex { readonly header: IndexFileHeader; readonly blobs: readonly Blob[] }

/** Synchronous and cheap (see SearchIndex.image): the bytes are produced while the file is written. */
export function captureIndex(name: string, entry: IndexEntry, gen: number): CapturedIndex {
  const img = entry.index.image();
  return {
    header: {
      file: 'index', format: INDEX_FILE_FORMAT, gen, byteOrder: endianness(),
      name, uuid: entry.index.uuid, createdAt: entry.index.createdAt, settings: entry.settings,
      // Serialised now: the mapping object may change after this synchronous capture.
      mappings: JSON.parse(JSON.stringify(entry.index.getMappings())) as unknown,
      nextSeqNo: entry.index.seqNoWatermark,
      image: JSON.parse(JSON.stringify(img.meta)) as IndexImageMeta,
      blobs: img.blobs.length,
    },
    blobs: img.blobs,
  };
}

/** Header, blobs, end frame; batched into writes of about 1 MiB. Also used by tests to write format 2. */
export function* blobFileFrames(header: unknown, blobs: readonly Blob[], end: unknown): Generator<Buffer> {
  let batch: Buffer[] = [encodeFrame(header)];
  let bytes = batch[0]!.length;
  const push = function* (f: Buffer): Generator<Buffer> {
    batch.push(f);
    bytes += f.length;
    if (bytes >= WRITE_BATCH_BYTES) {
      yield Buffer.concat(batch);
      batch = [];
      bytes = 0;
    }
  };
  for (const blob of blobs) {
    const data = blob();
    const head = Buffer.alloc(9);
    head[0] = BLOB_FIRST;
    head.writeUInt32LE(data.length % 2 ** 32, 1);
    head.writeUInt32LE(Math.floor(data.length / 2 ** 32), 5);
    yield* push(encodeRawFrame([head, data.subarray(0, BLOB_CHUNK)]));
    for (let at = BLOB_CHUNK; at < data.length; at += BLOB_CHUNK) {
      yield* push(encodeRawFrame([Uint8Array.of(BLOB_NEXT), data.subarray(at, at + BLOB_CHUNK)]));
    }
  }
  batch.push(encodeFrame(end));
  yield Buffer.concat(batch);
}

/** Writes `<dir>/<file>` atomically except for the directory fsync (the caller's, before a manifest names
 *  the file); resolves to its size in bytes. */
export async function writeIndexFile(dir: string, file: string, cap: CapturedIndex): Promise<number> {
  let size = 0;
  const counted = function* (): Generator<Buffer> {
    for (const b of blobFileFrames(cap.header, cap.blobs, { end: true, docs: cap.header.image.maxOrd })) {
      size += b.length;
      yield b;
    }
  };
  await writeFileAtomic(dir, file, counted(), { syncDir: false });
  return size;
}

/** Reassembles blobs from their frames. */
export class BlobAssembler {
  private blob: Uint8Array | undefined;
  private filled = 0;
  constructor(private readonly corrupt: (offset: number, detail: string) => EngineCorruptionError) {}

  static isBlobFrame(payload: Buffer): boolean {
    return payload[0] === BLOB_FIRST || payload[0] === BLOB_NEXT;
  }

  get pending(): boolean {
    return this.blob !== undefined;
  }

  /** Takes one blob frame; returns the blob it completes, if any. */
  add(payload: Buffer, offset: number): Uint8Array | undefined {
    if (payload[0] === BLOB_FIRST) {
      if (this.blob) throw this.corrupt(offset, 'blob cut short');
      if (payload.length < 9) throw this.corrupt(offset, 'unexpected blob');
      const len = payload.readUInt32LE(1) + payload.readUInt32LE(5) * 2 ** 32;
      if (payload.length - 9 > len) throw this.corrupt(offset, 'blob longer than announced');
      this.blob = new Uint8Array(len);
      this.blob.set(payload.subarray(9), 0);
      this.filled = payload.length - 9;
    } else {
      if (!this.blob || this.filled + payload.length - 1 > this.blob.length) throw this.corrupt(offset, 'unexpected blob chunk');
      this.blob.set(payload.subarray(1), this.filled);
      this.filled += payload.length - 1;
    }
    if (this.filled < this.blob.length) return undefined;
    const done = this.blob;
    this.blob = undefined;
    return done;
  }
}

/** Reads and checks one index file named by a manifest, and loads it into the catalog as a new index. */
export async function loadIndexFile(dir: string, ref: IndexFileRef, gen: number, catalog: Catalog): Promise<void> {
  const corrupt = (offset: number, detail: string): EngineCorruptionError =>
    new EngineCorruptionError('ENGINE_CORRUPT_SNAPSHOT', ref.file, offset, detail, false);
  const path = join(dir, ref.file);
  let size: number;
  try {
    const fh = await open(path, 'r');
    try {
      size = (await fh.stat()).size;
    } finally {
      await fh.close();
    }
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw corrupt(0, `index file named by manifest generation ${gen} is missing`);
    throw e;
  }
  if (size !== ref.bytes) throw corrupt(Math.min(size, ref.bytes), `file is ${size} bytes, the manifest recorded ${ref.bytes}`);
  const json = (payload: Buffer, offset: number): Record<string, unknown> => {
    try {
      return JSON.parse(payload.toString('utf8')) as Record<string, unknown>;
    } catch {
      throw corrupt(offset, 'record is not valid JSON');
    }
  };
  let header: IndexFileHeader | undefined;
  const blobs: Uint8Array[] = [];
  const assembler = new BlobAssembler(corrupt);
  let ended = false;
  let lastEnd = 0;
  for await (const frame of readFrames(path, 'ENGINE_CORRUPT_SNAPSHOT', { raw: true })) {
    lastEnd = frame.end;
    const payload = frame.value as Buffer;
    if (ended) throw corrupt(frame.offset, 'data after the end frame');
    if (!header) {
      const v = json(payload, frame.offset);
      if (v.file !== 'index' || v.format !== INDEX_FILE_FORMAT || typeof v.gen !== 'number' || v.gen > gen
        || v.name !== ref.name || v.uuid !== ref.uuid || typeof v.blobs !== 'number' || typeof v.image !== 'object' || v.image === null) {
        throw corrupt(frame.offset, `bad index file header (expected index [${ref.name}/${ref.uuid}])`);
      }
      if (v.byteOrder !== endianness()) throw corrupt(frame.offset, `index file written on a ${String(v.byteOrder)} machine`);
      header = v as unknown as IndexFileHeader;
      continue;
    }
    if (BlobAssembler.isBlobFrame(payload)) {
      if (blobs.length >= header.blobs) throw corrupt(frame.offset, 'more blobs than the header announces');
      const blob = assembler.add(payload, frame.offset);
      if (blob) blobs.push(blob);
      continue;
    }
    const v = json(payload, frame.offset);
    if (v.end !== true) throw corrupt(frame.offset, 'unexpected frame');
    if (assembler.pending || blobs.length !== header.blobs) throw corrupt(frame.offset, 'index file ends before its blobs');
    if (v.docs !== header.image.maxOrd) throw corrupt(frame.offset, `end frame counts ${String(v.docs)} documents, the image ${header.image.maxOrd}`);
    ended = true;
  }
  if (!header) throw corrupt(0, 'empty index file');
  if (!ended) throw corrupt(lastEnd, 'index file has no end frame');
  try {
    catalog.apply({ t: 'create_index', index: header.name, uuid: header.uuid, createdAt: header.createdAt, mappings: header.mappings, settings: header.settings });
  } catch (e) {
    throw corrupt(0, `index [${header.name}] cannot be created (${e instanceof Error ? e.message : String(e)})`);
  }
  const reader = new BlobReader(blobs);
  try {
    catalog.require(header.name).loadImage(header.image, reader);
  } catch (e) {
    throw corrupt(0, `index [${header.name}] does not load (${e instanceof Error ? e.message : String(e)})`);
  }
  if (!reader.done) throw corrupt(0, `index [${header.name}] has more blobs than its image uses`);
}
