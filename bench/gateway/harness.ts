/**
 * The measuring end of a benchmark child (the gateway or the floor server), spoken over the IPC channel:
 * `cpu` (process.cpuUsage, memory, cumulative GC counts and pause time from perf_hooks), `profile-start` /
 * `profile-stop` (the V8 CPU profiler through the inspector, written to a file), `heap` (after a full GC),
 * `stop`. Kept free of project imports so that it runs under plain `node` (type stripping) as well as tsx.
 */
import { performance as nodePerformance } from 'node:perf_hooks';
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
  /** The main thread's busy time (ms, cumulative): with `usage`, what other threads (JIT, GC helpers) cost. */
  elu: { active: number; idle: number };
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
  let periodic: NodeJS.Timeout | undefined;
  const reply = (m: Record<string, unknown>) => process.send!(m);
  process.on('message', (m: { kind: string; file?: string; intervalUs?: number }) => {
    void (async () => {
      switch (m.kind) {
        case 'cpu':
          // Let pending GC entries reach the observer first.
          await new Promise((r) => setImmediate(r));
          reply({ kind: 'cpu', usage: process.cpuUsage(), memory: process.memoryUsage(), gc: { ...gc }, elu: nodePerformance.eventLoopUtilization() });
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
        case 'promoted-start':
          // Sampling heap profile of what survives young collections: objects that a minor GC collected are
          // left out, objects promoted to the old generation (alive or since collected by a major GC) kept.
          session = new Session();
          session.connect();
          await session.post('HeapProfiler.enable');
          await session.post('HeapProfiler.startSampling', { samplingInterval: 1024, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: false });
          reply({ kind: 'promoted-start' });
          break;
        case 'promoted-stop': {
          const { profile } = await session!.post('HeapProfiler.stopSampling');
          session!.disconnect();
          session = undefined;
          await writeFile(m.file!, JSON.stringify(profile));
          reply({ kind: 'promoted-stop', file: m.file });
          break;
        }
        case 'minor-gc': {
          // Young collections only (needs --expose-gc): what still survives them after the load has stopped.
          const gc = (globalThis as { gc?: (o: { type: string; execution: string }) => void }).gc;
          for (let i = 0; i < (m.intervalUs ?? 2); i++) gc?.({ type: 'minor', execution: 'sync' });
          reply({ kind: 'minor-gc' });
          break;
        }
        case 'periodic-major': {
          // Experiment aid: a full GC every `intervalUs` ms (0 stops), to tell retention from nepotism.
          const gc = (globalThis as { gc?: () => void }).gc;
          clearInterval(periodic);
          if ((m.intervalUs ?? 0) > 0 && gc) periodic = setInterval(() => gc(), m.intervalUs);
          reply({ kind: 'periodic-major' });
          break;
        }
        case 'snapshot': {
          // A heap snapshot (for looking at what outlives requests: bench/gateway/survivors.ts).
          const { writeHeapSnapshot } = await import('node:v8');
          reply({ kind: 'snapshot', file: writeHeapSnapshot(m.file) });
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
