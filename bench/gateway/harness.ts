/**
 * The measuring end of a benchmark child (the gateway or the floor server), spoken over the IPC channel:
 * `cpu` (process.cpuUsage, memory, cumulative GC counts and pause time from perf_hooks), `profile-start` /
 * `profile-stop` (the V8 CPU profiler through the inspector, written to a file), `heap` (after a full GC),
 * `stop`. Kept free of project imports so that it runs under plain `node` (type stripping) as well as tsx.
 */
import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { PerformanceObserver, constants } from 'node:perf_hooks';

export interface GcTotals {
  minor: number;
  minorMs: number;
  major: number;
  majorMs: number;
  other: number;
  otherMs: number;
}

export interface CpuReply {
  kind: 'cpu';
  usage: NodeJS.CpuUsage;
  memory: NodeJS.MemoryUsage;
  gc: GcTotals;
}

export function serveHarness(url: string, close: () => Promise<void>): void {
  const gc: GcTotals = { minor: 0, minorMs: 0, major: 0, majorMs: 0, other: 0, otherMs: 0 };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      const kind = (e as unknown as { detail?: { kind?: number } }).detail?.kind;
      if (kind === constants.NODE_PERFORMANCE_GC_MINOR) {
        gc.minor += 1;
        gc.minorMs += e.duration;
      } else if (kind === constants.NODE_PERFORMANCE_GC_MAJOR) {
        gc.major += 1;
        gc.majorMs += e.duration;
      } else {
        gc.other += 1;
        gc.otherMs += e.duration;
      }
    }
  }).observe({ entryTypes: ['gc'] });
  let session: Session | undefined;
  const reply = (m: Record<string, unknown>) => process.send!(m);
  process.on('message', (m: { kind: string; file?: string; intervalUs?: number }) => {
    void (async () => {
      switch (m.kind) {
        case 'cpu':
          // Let pending GC entries reach the observer first.
          await new Promise((r) => setImmediate(r));
          reply({ kind: 'cpu', usage: process.cpuUsage(), memory: process.memoryUsage(), gc: { ...gc } });
          break;
        case 'profile-start':
          session = new Session();
          session.connect();
          await session.post('Profiler.enable');
          await session.post('Profiler.setSamplingInterval', { interval: m.intervalUs ?? 200 });
          await session.post('Profiler.start');
          reply({ kind: 'profile-start' });
          break;
        case 'profile-stop': {
          const { profile } = await session!.post('Profiler.stop');
          session!.disconnect();
          session = undefined;
          await writeFile(m.file!, JSON.stringify(profile));
          reply({ kind: 'profile-stop', file: m.file });
          break;
        }
        case 'heap': {
          const full = (globalThis as { gc?: () => void }).gc;
          for (let i = 0; i < 3; i++) full?.();
          reply({ kind: 'heap', memory: process.memoryUsage(), exposed: full !== undefined });
          break;
        }
        case 'stop':
          await close().catch(() => undefined);
          process.exit(0);
      }
    })().catch((err: unknown) => {
      console.error('bench child:', err);
      process.exit(70);
    });
  });
  process.on('disconnect', () => process.exit(0));
  reply({ kind: 'ready', url });
}
