/**
 * One process per data directory. Two engines appending to the same log would interleave records and
 * corrupt it, so `LOCK` is created exclusively and names its owner (pid + the process start time from
 * /proc, which tells a live owner from a dead one whose pid was reused). A lock left by a killed process is
 * taken over; a lock held by a live process, or by this process, is refused with ENGINE_LOCKED.
 */
import { readFileSync } from 'node:fs';
import { open, readFile, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { EngineStoreError } from './store-errors.js';

interface Owner { pid: number; host: string; start: string | null }

const heldHere = new Set<string>();

function startTimeOf(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 22 (starttime) counted after the parenthesised command name, which may contain spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[19] ?? null;
  } catch {
    return null;
  }
}

function isAlive(owner: Owner): boolean {
  if (owner.host !== hostname()) return true; // cannot check another machine: assume it is alive
  try {
    process.kill(owner.pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ESRCH') return false;
    // EPERM: a process with that pid exists but is not ours to signal.
  }
  const start = startTimeOf(owner.pid);
  return owner.start === null || start === null || start === owner.start;
}

export interface DirLock { release(): Promise<void> }

export async function acquireLock(dir: string): Promise<DirLock> {
  const abs = resolve(dir);
  if (heldHere.has(abs)) throw new EngineStoreError('ENGINE_LOCKED', `data directory ${abs} is already open in this process`);
  const path = join(abs, 'LOCK');
  const me: Owner = { pid: process.pid, host: hostname(), start: startTimeOf(process.pid) };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fh = await open(path, 'wx');
      try {
        await fh.writeFile(JSON.stringify(me));
        await fh.sync();
      } finally {
        await fh.close();
      }
      heldHere.add(abs);
      return {
        release: async () => {
          heldHere.delete(abs);
          await unlink(path).catch(() => undefined);
        },
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      let owner: Owner | undefined;
      try {
        owner = JSON.parse(await readFile(path, 'utf8')) as Owner;
      } catch {
        owner = undefined; // unreadable: written by a process killed before it finished; treat as stale
      }
      if (owner && isAlive(owner) && !(owner.pid === process.pid && owner.start === me.start)) {
        throw new EngineStoreError('ENGINE_LOCKED',
          `data directory ${abs} is in use by process ${owner.pid} on ${owner.host} (remove ${path} only if that process is gone)`);
      }
      await unlink(path).catch(() => undefined);
    }
  }
  throw new EngineStoreError('ENGINE_LOCKED', `could not take the lock ${path}`);
}
