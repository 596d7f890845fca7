/**
 * The write-ahead log writer. Callers append encoded records synchronously (so log order is exactly the
 * order in which operations were applied in memory) and get a promise that settles once those bytes are
 * fsync'ed. Appends made while a flush is running, or in the same tick, share the next write + fdatasync
 * (group commit). `rotate()` starts a new generation file at an exact point in that order, which is how a
 * snapshot lines up with the log.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { encodeFrame } from './frame.js';
import { walName, writeFileAtomic } from './files.js';
import { EngineStoreError } from './store-errors.js';

interface Waiter { resolve(): void; reject(e: unknown): void }
type Pending = { kind: 'data'; bytes: Buffer[]; waiter: Waiter } | { kind: 'rotate'; gen: number; waiter: Waiter };

export const WAL_FORMAT = 1;

/** Create `wal-<gen>.log` holding only its header frame, atomically. */
export async function createWalFile(dir: string, gen: number): Promise<void> {
  await writeFileAtomic(dir, walName(gen), [encodeFrame({ file: 'wal', format: WAL_FORMAT, gen })]);
}

export class WalWriter {
  private pending: Pending[] = [];
  /** File offset where the next flush writes. */
  private position = 0;
  private draining = false;
  private failure: unknown;
  private closed = false;
  /** Generation that new appends go to. */
  private appendGen: number;
  /** Bytes appended to the current generation (for snapshot triggering). */
  bytesInGen = 0;

  private constructor(private readonly dir: string, private fh: FileHandle, gen: number) {
    this.appendGen = gen;
  }

  /** Open an existing generation file for appending at `size` (the end of its last valid frame). */
  static async open(dir: string, gen: number, size: number): Promise<WalWriter> {
    const fh = await open(join(dir, walName(gen)), 'r+');
    const stat = await fh.stat();
    if (stat.size !== size) {
      await fh.close();
      throw new EngineStoreError('ENGINE_STORE_FAILED', `${walName(gen)} is ${stat.size} bytes, expected ${size}`);
    }
    const w = new WalWriter(dir, fh, gen);
    w.position = size;
    w.bytesInGen = size;
    return w;
  }

  get generation(): number {
    return this.appendGen;
  }

  /** Queue records; resolves when they are durable. Throws synchronously once the log has failed. */
  append(records: readonly unknown[]): Promise<void> {
    this.assertUsable();
    const bytes = records.map(encodeFrame);
    for (const b of bytes) this.bytesInGen += b.length;
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ kind: 'data', bytes, waiter: { resolve, reject } });
      this.schedule();
    });
  }

  /** Every append after this call goes to generation+1. Returns the new generation; the promise settles
   *  once the new file exists and the old one is complete and fsync'ed. */
  rotate(): { gen: number; done: Promise<void> } {
    this.assertUsable();
    const gen = ++this.appendGen;
    this.bytesInGen = 0;
    const done = new Promise<void>((resolve, reject) => {
      this.pending.push({ kind: 'rotate', gen, waiter: { resolve, reject } });
      this.schedule();
    });
    return { gen, done };
  }

  /** Waits for queued appends, then closes the file. */
  async close(): Promise<void> {
    if (this.closed) return;
    await this.flushed();
    this.closed = true;
    await this.fh.close();
  }

  /** Resolves when everything queued so far is durable (or rejects with the log's failure). */
  flushed(): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (!this.draining && this.pending.length === 0) return Promise.resolve();
    return this.append([]);
  }

  get failed(): unknown {
    return this.failure;
  }

  private assertUsable(): void {
    if (this.failure) throw new EngineStoreError('ENGINE_STORE_FAILED', 'the write-ahead log failed earlier; restart the engine', { cause: this.failure });
    if (this.closed) throw new EngineStoreError('ENGINE_STORE_FAILED', 'the engine is closed');
  }

  private schedule(): void {
    if (this.draining) return;
    this.draining = true;
    // setImmediate rather than starting now: appends from requests handled in the same turn of the event
    // loop join this flush and share its fsync.
    setImmediate(() => void this.drain());
  }

  private async drain(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending;
      this.pending = [];
      const settled: Waiter[] = [];
      let chunks: Buffer[] = [];
      try {
        for (const item of batch) {
          if (item.kind === 'data') {
            chunks.push(...item.bytes);
            settled.push(item.waiter);
          } else {
            await this.writeAndSync(chunks);
            chunks = [];
            await this.fh.close();
            await createWalFile(this.dir, item.gen);
            this.fh = await open(join(this.dir, walName(item.gen)), 'r+');
            this.position = (await this.fh.stat()).size;
            settled.push(item.waiter);
          }
        }
        await this.writeAndSync(chunks);
        for (const w of settled) w.resolve();
      } catch (cause) {
        // Memory is now ahead of disk: refuse every further write so nothing more is acknowledged. The
        // waiters get a store error, which is what tells the engine to fail closed (request errors do not).
        this.failure = cause;
        const e = new EngineStoreError('ENGINE_STORE_FAILED', `writing the write-ahead log failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
        for (const w of settled) w.reject(e);
        for (const item of this.pending.splice(0)) item.waiter.reject(e);
        for (const item of batch) if (!settled.includes(item.waiter)) item.waiter.reject(e);
        break;
      }
    }
    this.draining = false;
  }

  private async writeAndSync(chunks: Buffer[]): Promise<void> {
    if (chunks.length === 0) return;
    const buf = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
    // One write per flush keeps a record from being split across syscalls as far as we can.
    await writeFullyAt(this.fh, buf, this.position);
    this.position += buf.length;
    await this.fh.datasync();
  }
}

async function writeFullyAt(fh: FileHandle, buf: Buffer, position: number): Promise<void> {
  let off = 0;
  while (off < buf.length) {
    const { bytesWritten } = await fh.write(buf, off, buf.length - off, position + off);
    off += bytesWritten;
  }
}
