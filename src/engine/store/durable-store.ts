/**
 * The data directory: opening it (lock, newest manifest and the index files it names, or an older single-
 * file snapshot, then every later log generation in order), group-committed appends, and checkpoints.
 *
 * A checkpoint rotates the log, and in the same synchronous step captures every index written since the
 * last checkpoint (the log records name the index they touch); indices not written since keep their file.
 * It then writes the captured indices' files, fsyncs the directory, writes a manifest naming the new files
 * and the kept ones, and only once that manifest is durable deletes what it replaces (older logs,
 * manifests and snapshots, index files no manifest names any more). Replay refuses damaged input: a
 * corrupt record anywhere, a gap between generations or a record that no longer applies stops the open with
 * an EngineCorruptionError naming the file and offset. Only with `repairTornTail` is an incomplete final
 * record of the newest log cut off (that write was never acknowledged, since acknowledgement waits for fsync).
 */
import { mkdir, open, rm, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Catalog } from './catalog.js';
import type { Durability } from './durability.js';
import { fsyncDir, indexFileName, listDataDir, manifestName, snapshotName, walName } from './files.js';
import { readFrames } from './frame-reader.js';
import { captureIndex, writeIndexFile, type CapturedIndex, type IndexFileRef } from './index-file.js';
import { acquireLock, type DirLock } from './lock.js';
import { captureAliases, loadManifest, writeManifest, type Manifest } from './manifest.js';
import type { LogRecord } from './records.js';
import { loadSnapshot } from './snapshot.js';
import { EngineCorruptionError } from './store-errors.js';
import { createWalFile, WAL_FORMAT, WalWriter } from './wal.js';

export interface StoreOptions {
  dataDir: string;
  /** Checkpoint once the current log generation exceeds this many bytes (default 64 MiB). */
  checkpointBytes?: number;
  /** Cut off an incomplete record at the end of the newest log instead of refusing to open. */
  repairTornTail?: boolean;
}

/** What the last successful checkpoint did (for tests and measurements). */
export interface CheckpointStats {
  gen: number;
  /** Indices whose file this checkpoint wrote, and those whose earlier file it kept. */
  written: string[];
  kept: string[];
  /** Bytes of the index files and the manifest written. */
  bytes: number;
  ms: number;
}

const DEFAULT_CHECKPOINT_BYTES = 64 * 1024 * 1024;

export class DurableStore implements Durability {
  private checkpointing: Promise<void> | undefined;
  /** Last background checkpoint failure; the log still holds everything, so this costs only restart time. */
  lastCheckpointError: unknown;
  lastCheckpoint: CheckpointStats | undefined;

  private constructor(
    private readonly dir: string,
    private readonly catalog: Catalog,
    private readonly wal: WalWriter,
    private readonly lock: DirLock,
    private readonly checkpointBytes: number,
  ) {}

  /** Whether the log holds operations that no checkpoint covers yet. */
  private dirty = false;
  /** The index files the newest durable manifest names, by index name. */
  private committed = new Map<string, IndexFileRef>();
  /** Indices written since the last checkpoint's capture. */
  private dirtyIndices = new Set<string>();
  /** Size of the committed files of the dirty indices (what the next checkpoint rewrites), plus, until the
   *  first checkpoint after opening a single-file snapshot, that snapshot's size. A checkpoint waits until
   *  the log is at least this big too, so an index is rewritten at geometrically growing sizes and a bulk
   *  load costs O(n) in total, not O(n^2 / 64 MiB). */
  private dirtyBytes = 0;
  private legacyBytes = 0;
  /** Each index's document generation when it was last captured (or opened): a second, independent sign
   *  that an index changed, in case a write ever reached an index without a record naming it. */
  private capturedGeneration = new Map<string, number>();

  static async open(opts: StoreOptions, catalog: Catalog): Promise<DurableStore> {
    const dir = opts.dataDir;
    await mkdir(dir, { recursive: true });
    const lock = await acquireLock(dir);
    try {
      const listing = await listDataDir(dir);
      for (const t of listing.temps) await rm(join(dir, t), { force: true });
      const mfGen = listing.manifests.at(-1);
      const snapGen = listing.snapshots.at(-1);
      let base = 0;
      let manifest: Manifest | undefined;
      let legacyBytes = 0;
      if (mfGen !== undefined && (snapGen === undefined || mfGen >= snapGen)) {
        base = mfGen;
        manifest = await loadManifest(dir, mfGen, catalog);
      } else if (snapGen !== undefined) {
        base = snapGen;
        await loadSnapshot(dir, snapGen, catalog);
        legacyBytes = await statSize(join(dir, snapshotName(snapGen)));
      }
      const wals = listing.wals.filter((g) => g >= base);
      wals.forEach((g, i) => {
        if (g !== base + i) {
          throw new EngineCorruptionError('ENGINE_CORRUPT_LOG', walName(base + i), 0, 'log generation missing', false);
        }
      });
      let tail = { gen: base, size: 0 };
      let replayed = 0;
      const touched = new Set<string>();
      for (const [i, gen] of wals.entries()) {
        const r = await replayWal(dir, gen, catalog, opts.repairTornTail === true && i === wals.length - 1, touched);
        tail = { gen, size: r.size };
        replayed += r.records;
      }
      if (wals.length === 0) {
        await createWalFile(dir, base);
        tail = { gen: base, size: (await statSize(join(dir, walName(base)))) };
      }
      // Leftovers of a checkpoint interrupted after its manifest was durable (older files), or before it
      // was (index files no manifest names).
      const named = new Set((manifest?.indices ?? []).map((r) => r.file));
      await removeFiles(dir, [
        ...listing.wals.filter((g) => g < base).map(walName),
        ...listing.manifests.filter((g) => g < base).map(manifestName),
        ...listing.snapshots.filter((g) => g < base).map(snapshotName),
        ...listing.indexFiles.filter((f) => !named.has(f)),
      ]);
      const wal = await WalWriter.open(dir, tail.gen, tail.size);
      const store = new DurableStore(dir, catalog, wal, lock, opts.checkpointBytes ?? DEFAULT_CHECKPOINT_BYTES);
      store.dirty = replayed > 0;
      for (const ref of manifest?.indices ?? []) store.committed.set(ref.name, ref);
      store.legacyBytes = legacyBytes;
      for (const name of catalog.indexNames()) store.capturedGeneration.set(name, catalog.get(name)!.generation);
      for (const name of touched) store.markDirty(name);
      return store;
    } catch (e) {
      await lock.release();
      throw e;
    }
  }

  commit(records: readonly LogRecord[]): Promise<void> {
    const done = this.wal.append(records);
    if (records.length > 0) this.dirty = true;
    for (const rec of records) if (touchesIndex(rec) && !this.dirtyIndices.has(rec.index)) this.markDirty(rec.index);
    if (this.wal.bytesInGen >= Math.max(this.checkpointBytes, this.dirtyBytes + this.legacyBytes) && !this.checkpointing) {
      this.checkpoint().catch((e: unknown) => {
        this.lastCheckpointError = e;
        process.emitWarning(`embedded engine: checkpoint failed (the log still holds every write): ${String(e)}`);
      });
    }
    return done;
  }

  private markDirty(name: string): void {
    if (this.dirtyIndices.has(name)) return;
    this.dirtyIndices.add(name);
    this.dirtyBytes += this.committed.get(name)?.bytes ?? 0;
  }

  checkpoint(): Promise<void> {
    if (this.checkpointing) return this.checkpointing;
    const started = performance.now();
    // Rotation and capture happen in the same synchronous step: the checkpoint holds exactly the
    // operations appended before the new generation starts.
    const { gen, done } = this.wal.rotate();
    const refs: IndexFileRef[] = [];
    const writes: { ref: IndexFileRef; cap: CapturedIndex }[] = [];
    const kept: string[] = [];
    for (const [k, name] of this.catalog.indexNames().entries()) {
      const entry = this.catalog.entry(name)!;
      const prev = this.committed.get(name);
      if (prev && prev.uuid === entry.index.uuid && !this.dirtyIndices.has(name)
        && this.capturedGeneration.get(name) === entry.index.generation) {
        refs.push(prev);
        kept.push(name);
        continue;
      }
      const ref: IndexFileRef = { name, uuid: entry.index.uuid, file: indexFileName(gen, k), bytes: 0 };
      refs.push(ref);
      writes.push({ ref, cap: captureIndex(name, entry, gen) });
      this.capturedGeneration.set(name, entry.index.generation);
    }
    for (const name of this.capturedGeneration.keys()) if (!this.catalog.get(name)) this.capturedGeneration.delete(name);
    const manifest: Manifest = { file: 'manifest', format: 3, gen, indices: refs, aliases: captureAliases(this.catalog) };
    const captured = this.dirtyIndices;
    this.dirtyIndices = new Set();
    this.dirtyBytes = 0;
    this.dirty = false;
    this.checkpointing = (async () => {
      let bytes = 0;
      try {
        await done;
        for (const { ref, cap } of writes) {
          ref.bytes = await writeIndexFile(this.dir, ref.file, cap);
          bytes += ref.bytes;
        }
        // The new files' names are durable before any manifest names them.
        if (writes.length > 0) await fsyncDir(this.dir);
        bytes += await this.writeManifest(manifest);
      } catch (e) {
        // Nothing refers to what was written: every index captured here is still to be written (whether it
        // was captured for a record, a new uuid or a new generation).
        this.dirty = true;
        for (const name of captured) this.markDirty(name);
        for (const { ref } of writes) this.markDirty(ref.name);
        throw e;
      }
      this.committed = new Map(refs.map((r) => [r.name, r]));
      this.legacyBytes = 0;
      this.dirtyBytes = 0;
      for (const name of this.dirtyIndices) this.dirtyBytes += this.committed.get(name)?.bytes ?? 0;
      this.lastCheckpoint = { gen, written: writes.map((w) => w.ref.name), kept, bytes, ms: performance.now() - started };
      const listing = await listDataDir(this.dir);
      const named = new Set(refs.map((r) => r.file));
      await removeFiles(this.dir, [
        ...listing.wals.filter((g) => g < gen).map(walName),
        ...listing.manifests.filter((g) => g < gen).map(manifestName),
        ...listing.snapshots.filter((g) => g < gen).map(snapshotName),
        ...listing.indexFiles.filter((f) => !named.has(f)),
      ]);
    })().finally(() => {
      this.checkpointing = undefined;
    });
    return this.checkpointing;
  }

  /** The manifest write, last step of a checkpoint (a method so tests can fail it); returns its size. */
  private async writeManifest(m: Manifest): Promise<number> {
    await writeManifest(this.dir, m);
    return statSize(join(this.dir, manifestName(m.gen)));
  }

  async close(): Promise<void> {
    try {
      await this.checkpointing?.catch(() => undefined);
      await this.wal.flushed();
      // A checkpoint on a clean shutdown makes the next start a plain load of index files.
      if (this.dirty) await this.checkpoint();
      await this.wal.close();
    } finally {
      await this.lock.release();
    }
  }
}

function touchesIndex(rec: LogRecord): boolean {
  return rec.t !== 'put_alias' && rec.t !== 'remove_alias';
}

async function statSize(path: string): Promise<number> {
  const fh = await open(path, 'r');
  try {
    return (await fh.stat()).size;
  } finally {
    await fh.close();
  }
}

async function removeFiles(dir: string, names: string[]): Promise<void> {
  if (names.length === 0) return;
  for (const name of names) await unlink(join(dir, name)).catch(() => undefined);
  await fsyncDir(dir);
}

/** Replays one generation; returns the byte length of its valid content. */
async function replayWal(dir: string, gen: number, catalog: Catalog, repairTail: boolean, touched: Set<string>): Promise<{ size: number; records: number }> {
  const file = walName(gen);
  let end = 0;
  let records = 0;
  try {
    for await (const frame of readFrames(join(dir, file), 'ENGINE_CORRUPT_LOG')) {
      if (frame.offset === 0) {
        const h = frame.value as { file?: unknown; format?: unknown; gen?: unknown };
        if (h.file !== 'wal' || h.format !== WAL_FORMAT || h.gen !== gen) {
          throw new EngineCorruptionError('ENGINE_CORRUPT_LOG', file, 0, 'bad log header', false);
        }
      } else {
        try {
          const rec = frame.value as LogRecord;
          catalog.apply(rec);
          if (touchesIndex(rec)) touched.add(rec.index);
          records++;
        } catch (e) {
          throw new EngineCorruptionError('ENGINE_REPLAY_FAILED', file, frame.offset,
            `record does not apply (${e instanceof Error ? e.message : String(e)})`, false);
        }
      }
      end = frame.end;
    }
  } catch (e) {
    if (!(repairTail && e instanceof EngineCorruptionError && e.code === 'ENGINE_CORRUPT_LOG' && e.tornTail && e.offset > 0)) throw e;
    const fh = await open(join(dir, file), 'r+');
    try {
      await fh.truncate(e.offset);
      await fh.sync();
    } finally {
      await fh.close();
    }
    process.emitWarning(`embedded engine: cut an unacknowledged torn record off ${file} at byte offset ${e.offset}`);
    return { size: e.offset, records };
  }
  return { size: end, records };
}
