/**
 * Single-file snapshots (formats 1 and 2): the whole catalog as of the start of one log generation. They are
 * only read now: checkpoints write a manifest and one file per index (manifest.ts, index-file.ts), and the
 * first checkpoint after opening one of these rewrites every index in that form and deletes it.
 *
 * Format 2 keeps each index's built structures (index/image.ts), so opening copies arrays instead of
 * re-analysing every document: a JSON header frame { file:'snapshot', format:2, gen, byteOrder,
 * indices:[{name, uuid, createdAt, settings, mappings, nextSeqNo, image, blobs}], aliases }, then each
 * index's blobs in order, each as binary frames (first byte 0x01 = a blob's first chunk, followed by its
 * u64 length; 0x02 = a continuation, at most 4 MiB per frame), then { end:true, docs }. Every frame has its
 * CRC-32; a missing end frame, a blob cut short, a count mismatch or an image that does not load is
 * ENGINE_CORRUPT_SNAPSHOT. Format 1 (documents as JSON, re-indexed on open) is still read.
 */
import { join } from 'node:path';
import { endianness } from 'node:os';
import { BlobReader } from '../index/image.js';
import type { IndexImageMeta } from '../index/search-index.js';
import type { Catalog } from './catalog.js';
import { readFrames, type Frame } from './frame-reader.js';
import { snapshotName } from './files.js';
import { BLOB_FIRST, BLOB_NEXT } from './index-file.js';
import type { AliasProps } from './records.js';
import { EngineCorruptionError } from './store-errors.js';

const FORMAT = 2;

interface IndexHeader {
  name: string; uuid: string; createdAt: number; settings?: unknown; mappings: unknown;
  /** Deletes take seq_nos too, so the live documents alone cannot say where the sequence stands. */
  nextSeqNo: number;
  image: IndexImageMeta;
  blobs: number;
}
interface Header { file: 'snapshot'; format: 2; gen: number; byteOrder: string; indices: IndexHeader[]; aliases: [string, string, AliasProps][] }

/** Load `snapshot-<gen>.snap` into an empty catalog. */
export async function loadSnapshot(dir: string, gen: number, catalog: Catalog): Promise<void> {
  const file = snapshotName(gen);
  const corrupt = (offset: number, detail: string): EngineCorruptionError =>
    new EngineCorruptionError('ENGINE_CORRUPT_SNAPSHOT', file, offset, detail, false);
  const frames = readFrames(join(dir, file), 'ENGINE_CORRUPT_SNAPSHOT', { raw: true });
  const json = (payload: Buffer, offset: number): Record<string, unknown> => {
    try {
      return JSON.parse(payload.toString('utf8')) as Record<string, unknown>;
    } catch {
      throw corrupt(offset, 'record is not valid JSON');
    }
  };
  let header: Header | undefined;
  let lastEnd = 0;
  // Format 2 state: the index whose blobs are being read, its finished blobs, the blob being filled.
  let ixAt = 0;
  let done: Uint8Array[] = [];
  let blob: Uint8Array | undefined;
  let filled = 0;
  let docs = 0;
  let ended = false;
  const finishIndexes = (offset: number): void => {
    // Indices whose blobs are all read (including ones with none left to read) are loaded in order.
    while (header && ixAt < header.indices.length && done.length === header.indices[ixAt]!.blobs) {
      const ix = header.indices[ixAt]!;
      const reader = new BlobReader(done);
      try {
        catalog.require(ix.name).loadImage(ix.image, reader);
      } catch (e) {
        throw corrupt(offset, `index [${ix.name}] does not load (${e instanceof Error ? e.message : String(e)})`);
      }
      if (!reader.done) throw corrupt(offset, `index [${ix.name}] has more blobs than its image uses`);
      docs += ix.image.maxOrd;
      done = [];
      ixAt++;
    }
  };
  for await (const frame of frames) {
    lastEnd = frame.end;
    const payload = frame.value as Buffer;
    if (ended) throw corrupt(frame.offset, 'data after the end frame');
    if (!header) {
      const v = json(payload, frame.offset);
      if (v.file !== 'snapshot' || v.gen !== gen) throw corrupt(frame.offset, 'bad snapshot header');
      if (v.format === 1) {
        await loadV1(v, frames, catalog, corrupt);
        return;
      }
      if (v.format !== FORMAT) throw corrupt(frame.offset, 'bad snapshot header');
      if (v.byteOrder !== endianness()) throw corrupt(frame.offset, `snapshot written on a ${String(v.byteOrder)} machine`);
      header = v as unknown as Header;
      for (const ix of header.indices) {
        catalog.apply({ t: 'create_index', index: ix.name, uuid: ix.uuid, createdAt: ix.createdAt, mappings: ix.mappings, settings: ix.settings });
      }
      for (const [alias, index, props] of header.aliases) catalog.apply({ t: 'put_alias', index, alias, props });
      finishIndexes(frame.offset);
      continue;
    }
    const kind = payload[0];
    if (kind === BLOB_FIRST) {
      if (blob) throw corrupt(frame.offset, 'blob cut short');
      if (ixAt >= header.indices.length || payload.length < 9) throw corrupt(frame.offset, 'unexpected blob');
      const len = payload.readUInt32LE(1) + payload.readUInt32LE(5) * 2 ** 32;
      blob = new Uint8Array(len);
      filled = 0;
      if (payload.length - 9 > len) throw corrupt(frame.offset, 'blob longer than announced');
      blob.set(payload.subarray(9), 0);
      filled = payload.length - 9;
    } else if (kind === BLOB_NEXT) {
      if (!blob || filled + payload.length - 1 > blob.length) throw corrupt(frame.offset, 'unexpected blob chunk');
      blob.set(payload.subarray(1), filled);
      filled += payload.length - 1;
    } else {
      const v = json(payload, frame.offset);
      if (v.end !== true) throw corrupt(frame.offset, 'unexpected frame');
      if (blob || ixAt !== header.indices.length) throw corrupt(frame.offset, 'snapshot ends before its blobs');
      if (v.docs !== docs) throw corrupt(frame.offset, `end frame counts ${String(v.docs)} documents, read ${docs}`);
      ended = true;
      continue;
    }
    if (blob && filled === blob.length) {
      done.push(blob);
      blob = undefined;
      finishIndexes(frame.offset);
    }
  }
  if (!header) throw corrupt(0, 'empty snapshot');
  if (!ended) throw corrupt(lastEnd, 'snapshot has no end frame');
}

/** Format 1 header (read only: snapshots are written in format 2). */
interface IndexHeaderV1 { name: string; uuid: string; createdAt: number; settings?: unknown; mappings: unknown; docs: number; nextSeqNo?: number }
interface HeaderV1 { indices: IndexHeaderV1[]; aliases: [string, string, AliasProps][] }

/** Format 1: documents as JSON frames { i, d:[[id, version, seqNo, primaryTerm, source], ...] }, each re-indexed. */
async function loadV1(first: Record<string, unknown>, frames: AsyncGenerator<Frame>, catalog: Catalog,
  corrupt: (offset: number, detail: string) => EngineCorruptionError): Promise<void> {
  const header = first as unknown as HeaderV1;
  for (const ix of header.indices) {
    catalog.apply({ t: 'create_index', index: ix.name, uuid: ix.uuid, createdAt: ix.createdAt, mappings: ix.mappings, settings: ix.settings });
  }
  for (const [alias, index, props] of header.aliases) catalog.apply({ t: 'put_alias', index, alias, props });
  let count = 0;
  let ended = false;
  let lastEnd = 0;
  for await (const frame of frames) {
    lastEnd = frame.end;
    let v: Record<string, unknown>;
    try {
      v = JSON.parse((frame.value as Buffer).toString('utf8')) as Record<string, unknown>;
    } catch {
      throw corrupt(frame.offset, 'record is not valid JSON');
    }
    if (ended) throw corrupt(frame.offset, 'data after the end frame');
    if (v.end === true) {
      if (v.docs !== count) throw corrupt(frame.offset, `end frame counts ${String(v.docs)} documents, read ${count}`);
      for (const ix of header.indices) if (typeof ix.nextSeqNo === 'number') catalog.require(ix.name).advanceSeqNo(ix.nextSeqNo);
      ended = true;
      continue;
    }
    const ix = header.indices[v.i as number];
    if (!ix || !Array.isArray(v.d)) throw corrupt(frame.offset, 'bad document frame');
    const index = catalog.require(ix.name);
    for (const [id, version, seqNo, primaryTerm, source] of v.d as [string, number, number, number, Record<string, unknown>][]) {
      index.restore({ id, version, seqNo, primaryTerm, source });
    }
    index.markReplayed();
    count += (v.d as unknown[]).length;
  }
  if (!ended) throw corrupt(lastEnd, 'snapshot has no end frame');
}
