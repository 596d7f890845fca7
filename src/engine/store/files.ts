/**
 * Names and durable-file primitives of a data directory:
 *   LOCK                      owner of the directory (see lock.ts)
 *   manifest-<gen>.mf         the state as of the start of wal-<gen>: which index files make it up, aliases
 *   index-<gen>-<k>.ix        one index as of the start of wal-<gen> (k = its position then); kept, and
 *                             referenced by later manifests, until the index is written again
 *   wal-<gen>.log             operations after that state, in order
 *   snapshot-<gen>.snap       older format: the whole state in one file (read, never written)
 *   *.tmp                     unfinished writes; deleted on open
 * A file only takes its final name by rename after it was fsync'ed, and the directory is fsync'ed after the
 * rename, so a crash leaves either the old or the new file, never a partial one under a final name.
 */
import { open, readdir, rename } from 'node:fs/promises';
import { join } from 'node:path';

const GEN_DIGITS = 12;

export const walName = (gen: number): string => `wal-${String(gen).padStart(GEN_DIGITS, '0')}.log`;
export const snapshotName = (gen: number): string => `snapshot-${String(gen).padStart(GEN_DIGITS, '0')}.snap`;

export const manifestName = (gen: number): string => `manifest-${String(gen).padStart(GEN_DIGITS, '0')}.mf`;
export const indexFileName = (gen: number, k: number): string => `index-${String(gen).padStart(GEN_DIGITS, '0')}-${k}.ix`;

export interface DirListing { wals: number[]; snapshots: number[]; manifests: number[]; indexFiles: string[]; temps: string[] }

export async function listDataDir(dir: string): Promise<DirListing> {
  const out: DirListing = { wals: [], snapshots: [], manifests: [], indexFiles: [], temps: [] };
  for (const name of await readdir(dir)) {
    const wal = /^wal-(\d+)\.log$/.exec(name);
    const snap = /^snapshot-(\d+)\.snap$/.exec(name);
    const manifest = /^manifest-(\d+)\.mf$/.exec(name);
    if (wal) out.wals.push(Number(wal[1]));
    else if (snap) out.snapshots.push(Number(snap[1]));
    else if (manifest) out.manifests.push(Number(manifest[1]));
    else if (/^index-\d+-\d+\.ix$/.test(name)) out.indexFiles.push(name);
    else if (name.endsWith('.tmp')) out.temps.push(name);
  }
  out.wals.sort((a, b) => a - b);
  out.snapshots.sort((a, b) => a - b);
  out.manifests.sort((a, b) => a - b);
  out.indexFiles.sort();
  return out;
}

/** Make a directory entry change (create, rename, unlink) durable. */
export async function fsyncDir(dir: string): Promise<void> {
  const fh = await open(dir, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/** Write `chunks` to `<dir>/<name>` atomically: tmp file, fsync, rename, directory fsync. `syncDir: false`
 *  leaves the directory fsync to the caller (several files, then one fsync before anything refers to them). */
export async function writeFileAtomic(dir: string, name: string, chunks: AsyncIterable<Buffer> | Iterable<Buffer>,
  opts: { syncDir?: boolean } = {}): Promise<void> {
  const tmp = join(dir, `${name}.tmp`);
  const fh = await open(tmp, 'w');
  try {
    for await (const chunk of chunks) await writeFully(fh, chunk);
    await fh.sync();
  } finally {
    await fh.close();
  }
  await rename(tmp, join(dir, name));
  if (opts.syncDir !== false) await fsyncDir(dir);
}

export async function writeFully(fh: import('node:fs/promises').FileHandle, buf: Buffer): Promise<void> {
  let off = 0;
  while (off < buf.length) {
    const { bytesWritten } = await fh.write(buf, off, buf.length - off);
    off += bytesWritten;
  }
}
