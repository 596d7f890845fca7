/**
 * Snapshots: the whole catalog as of the start of one log generation, so the log before it can be deleted
 * and a restart replays only what came after. Capturing is synchronous (a consistent cut: stored documents
 * are never mutated in place, so holding references is enough); writing is asynchronous and atomic.
 *
 * Frames: header { file:'snapshot', format, gen, indices:[{name, uuid, createdAt, settings, mappings, docs}],
 * aliases:[[alias, index, props]] }, then { i, d:[[id, version, seqNo, primaryTerm, source], ...] } batches,
 * then { end:true, docs }. A snapshot missing its end frame or with a count mismatch is corrupt.
 */
import { join } from 'node:path';
import type { StoredDoc } from '../index/search-index.js';
import type { Catalog } from './catalog.js';
import { encodeFrame } from './frame.js';
import { readFrames } from './frame-reader.js';
import { snapshotName, writeFileAtomic } from './files.js';
import type { AliasProps } from './records.js';
import { EngineCorruptionError } from './store-errors.js';

const FORMAT = 1;
const DOCS_PER_FRAME = 512;
const WRITE_BATCH_BYTES = 1024 * 1024;

/** `nextSeqNo`: deletes take seq_nos too, so the live documents alone cannot say where the sequence stands
 *  (a reused seq_no would let a stale `if_seq_no` match another version). Absent in older snapshots. */
interface IndexHeader { name: string; uuid: string; createdAt: number; settings?: unknown; mappings: unknown; docs: number; nextSeqNo?: number }
interface Header { file: 'snapshot'; format: number; gen: number; indices: IndexHeader[]; aliases: [string, string, AliasProps][] }

export interface CapturedSnapshot { readonly header: Header; readonly docs: readonly (readonly StoredDoc[])[] }

export function captureSnapshot(catalog: Catalog, gen: number): CapturedSnapshot {
  const indices: IndexHeader[] = [];
  const docs: StoredDoc[][] = [];
  for (const name of catalog.indexNames()) {
    const entry = catalog.entry(name)!;
    const list = [...entry.index.entries()];
    docs.push(list);
    indices.push({
      name, uuid: entry.index.uuid, createdAt: entry.index.createdAt, settings: entry.settings,
      // Serialised now: the mapping object may change after this synchronous capture.
      mappings: JSON.parse(JSON.stringify(entry.index.getMappings())) as unknown,
      docs: list.length,
      nextSeqNo: entry.index.seqNoWatermark,
    });
  }
  const aliases: [string, string, AliasProps][] = [];
  for (const alias of catalog.aliasNames()) {
    for (const [index, props] of catalog.aliasTargets(alias) ?? []) aliases.push([alias, index, props]);
  }
  return { header: { file: 'snapshot', format: FORMAT, gen, indices, aliases }, docs };
}

function* frames(snap: CapturedSnapshot): Generator<Buffer> {
  let batch: Buffer[] = [encodeFrame(snap.header)];
  let bytes = batch[0]!.length;
  let total = 0;
  for (let i = 0; i < snap.docs.length; i++) {
    const list = snap.docs[i]!;
    for (let start = 0; start < list.length; start += DOCS_PER_FRAME) {
      const d = list.slice(start, start + DOCS_PER_FRAME).map((doc) => [doc.id, doc.version, doc.seqNo, doc.primaryTerm, doc.source]);
      const f = encodeFrame({ i, d });
      total += d.length;
      batch.push(f);
      bytes += f.length;
      if (bytes >= WRITE_BATCH_BYTES) {
        yield Buffer.concat(batch);
        batch = [];
        bytes = 0;
      }
    }
  }
  batch.push(encodeFrame({ end: true, docs: total }));
  yield Buffer.concat(batch);
}

export async function writeSnapshot(dir: string, snap: CapturedSnapshot): Promise<void> {
  await writeFileAtomic(dir, snapshotName(snap.header.gen), frames(snap));
}

/** Load `snapshot-<gen>.snap` into an empty catalog. */
export async function loadSnapshot(dir: string, gen: number, catalog: Catalog): Promise<void> {
  const file = snapshotName(gen);
  let header: Header | undefined;
  let count = 0;
  let ended = false;
  let lastEnd = 0;
  const corrupt = (offset: number, detail: string): EngineCorruptionError =>
    new EngineCorruptionError('ENGINE_CORRUPT_SNAPSHOT', file, offset, detail, false);
  for await (const frame of readFrames(join(dir, file), 'ENGINE_CORRUPT_SNAPSHOT')) {
    lastEnd = frame.end;
    const v = frame.value as Record<string, unknown>;
    if (ended) throw corrupt(frame.offset, 'data after the end frame');
    if (!header) {
      if (v.file !== 'snapshot' || v.format !== FORMAT || v.gen !== gen) throw corrupt(frame.offset, 'bad snapshot header');
      header = v as unknown as Header;
      for (const ix of header.indices) {
        catalog.apply({ t: 'create_index', index: ix.name, uuid: ix.uuid, createdAt: ix.createdAt, mappings: ix.mappings, settings: ix.settings });
      }
      for (const [alias, index, props] of header.aliases) catalog.apply({ t: 'put_alias', index, alias, props });
      continue;
    }
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
    count += (v.d as unknown[]).length;
  }
  if (!header) throw corrupt(0, 'empty snapshot');
  if (!ended) throw corrupt(lastEnd, 'snapshot has no end frame');
}
