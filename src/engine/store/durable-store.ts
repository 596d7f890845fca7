/**
 * The data directory: opening it (lock, newest snapshot, then every later log generation in order), group-
 * committed appends, and checkpoints (rotate the log, snapshot the state at that exact point, delete what
 * the snapshot replaces). Replay refuses damaged input: a corrupt record anywhere, a gap between
 * generations or a record that no longer applies stops the open with an EngineCorruptionError naming the
 * file and offset. Only with `repairTornTail` is an incomplete final record of the newest log cut off
 * (that write was never acknowledged, since acknowledgement waits for fsync).
 */
import { mkdir, open, rm, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Catalog } from './catalog.js';
import type { Durability } from './durability.js';
import { fsyncDir, listDataDir, snapshotName, walName } from './files.js';
import { readFrames } from './frame-reader.js';
import { acquireLock, type DirLock } from './lock.js';
import type { LogRecord } from './records.js';
import { captureSnapshot, loadSnapshot, writeSnapshot } from './snapshot.js';
import { EngineCorruptionError } from './store-errors.js';
import { createWalFile, WAL_FORMAT, WalWriter } from './wal.js';

export interface StoreOptions {
  dataDir: string;
  /** Checkpoint once the current log generation exceeds this many bytes (default 64 MiB). */
  checkpointBytes?: number;
  /** Cut off an incomplete record at the end of the newest log instead of refusing to open. */
  repairTornTail?: boolean;
}

const DEFAULT_CHECKPOINT_BYTES = 64 * 1024 * 1024;

export class DurableStore implements Durability {
  private checkpointing: Promise<void> | undefined;
  /** Last background checkpoint failure; the log still holds everything, so this costs only restart time. */
  lastCheckpointError: unknown;

  private constructor(
    private readonly dir: string,
    private readonly catalog: Catalog,
    private readonly wal: WalWriter,
    private readonly lock: DirLock,
    private readonly checkpointBytes: number,
  ) {}

  /** Whether the log holds operations that no snapshot covers yet. */
  private dirty = false;
  /** Size of the newest snapshot: a checkpoint waits until the log is at least this big too, so snapshots
   *  are rewritten at geometrically growing sizes and a bulk load costs O(n) in total, not O(n^2 / 64 MiB). */
  private snapshotBytes = 0;

  static async open(opts: StoreOptions, catalog: Catalog): Promise<DurableStore> {
    const dir = opts.dataDir;
    await mkdir(dir, { recursive: true });
    const lock = await acquireLock(dir);
    try {
      const listing = await listDataDir(dir);
      for (const t of listing.temps) await rm(join(dir, t), { force: true });
      const snapGen = listing.snapshots.at(-1) ?? 0;
      if (listing.snapshots.length > 0) await loadSnapshot(dir, snapGen, catalog);
      const wals = listing.wals.filter((g) => g >= snapGen);
      wals.forEach((g, i) => {
        if (g !== snapGen + i) {
          throw new EngineCorruptionError('ENGINE_CORRUPT_LOG', walName(snapGen + i), 0, 'log generation missing', false);
        }
      });
      let tail = { gen: snapGen, size: 0 };
      let replayed = 0;
      for (const [i, gen] of wals.entries()) {
        const r = await replayWal(dir, gen, catalog, opts.repairTornTail === true && i === wals.length - 1);
        tail = { gen, size: r.size };
        replayed += r.records;
      }
      if (wals.length === 0) {
        await createWalFile(dir, snapGen);
        tail = { gen: snapGen, size: (await statSize(join(dir, walName(snapGen)))) };
      }
      // Leftovers of a checkpoint interrupted after its snapshot was durable.
      await removeOlder(dir, listing.wals.filter((g) => g < snapGen), listing.snapshots.filter((g) => g < snapGen));
      const wal = await WalWriter.open(dir, tail.gen, tail.size);
      const store = new DurableStore(dir, catalog, wal, lock, opts.checkpointBytes ?? DEFAULT_CHECKPOINT_BYTES);
      store.dirty = replayed > 0;
      if (listing.snapshots.length > 0) store.snapshotBytes = await statSize(join(dir, snapshotName(snapGen)));
      return store;
    } catch (e) {
      await lock.release();
      throw e;
    }
  }

  commit(records: readonly LogRecord[]): Promise<void> {
    const done = this.wal.append(records);
    if (records.length > 0) this.dirty = true;
    if (this.wal.bytesInGen >= Math.max(this.checkpointBytes, this.snapshotBytes) && !this.checkpointing) {
      this.checkpoint().catch((e: unknown) => {
        this.lastCheckpointError = e;
        process.emitWarning(`embedded engine: checkpoint failed (the log still holds every write): ${String(e)}`);
      });
    }
    return done;
  }

  checkpoint(): Promise<void> {
    if (this.checkpointing) return this.checkpointing;
    // Rotation and capture happen in the same synchronous step: the snapshot holds exactly the operations
    // appended before the new generation starts.
    const { gen, done } = this.wal.rotate();
    const snap = captureSnapshot(this.catalog, gen);
    this.dirty = false;
    this.checkpointing = (async () => {
      await done;
      this.snapshotBytes = await writeSnapshot(this.dir, snap);
      const listing = await listDataDir(this.dir);
      await removeOlder(this.dir, listing.wals.filter((g) => g < gen), listing.snapshots.filter((g) => g < gen));
    })().finally(() => {
      this.checkpointing = undefined;
    });
    return this.checkpointing;
  }

  async close(): Promise<void> {
    try {
      await this.checkpointing?.catch(() => undefined);
      await this.wal.flushed();
      // A snapshot on a clean shutdown makes the next start a plain snapshot load.
      if (this.dirty) await this.checkpoint();
      await this.wal.close();
    } finally {
      await this.lock.release();
    }
  }
}

async function statSize(path: string): Promise<number> {
  const fh = await open(path, 'r');
  try {
    return (await fh.stat()).size;
  } finally {
    await fh.close();
  }
}

async function removeOlder(dir: string, wals: number[], snaps: number[]): Promise<void> {
  if (wals.length === 0 && snaps.length === 0) return;
  for (const g of wals) await unlink(join(dir, walName(g))).catch(() => undefined);
  for (const g of snaps) await unlink(join(dir, snapshotName(g))).catch(() => undefined);
  await fsyncDir(dir);
}

/** Replays one generation; returns the byte length of its valid content. */
async function replayWal(dir: string, gen: number, catalog: Catalog, repairTail: boolean): Promise<{ size: number; records: number }> {
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
          catalog.apply(frame.value as LogRecord);
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
