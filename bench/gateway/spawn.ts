import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

/**
 * A benchmark child (the gateway, bench/gateway/child.ts, or the floor, bench/gateway/floor.ts) in its own
 * process, so its CPU and memory are read apart from the load generator's. `ask` fails when the process dies
 * or does not answer within `timeoutMs` instead of waiting forever; `died` is set once it has exited, so a
 * load loop can stop at once.
 */
export interface BenchChild {
  readonly name: string;
  readonly child: ChildProcess;
  readonly url: string;
  died: string | undefined;
  ask<T>(kind: string, extra?: Record<string, unknown>, timeoutMs?: number): Promise<T>;
  stop(): Promise<void>;
}

export interface SpawnOptions {
  /** 'dist': plain node on the compiled gateway (what `npm start` runs); 'tsx': the sources through tsx. */
  runtime?: 'dist' | 'tsx';
  /** Extra node flags (e.g. --trace-gc). */
  execArgv?: string[];
  /** Another checkout's root (its bench/gateway/ and dist/ or src/), for A/B runs; default: this one. */
  root?: string;
  /** Where the child's stdout goes (default: ignored; the gateway writes audit lines there). */
  stdout?: 'ignore' | 'inherit' | 'pipe';
}

export async function spawnChild(name: string, script: 'child.ts' | 'floor.ts', args: string[], options: SpawnOptions = {}): Promise<BenchChild> {
  const tsx = options.runtime === 'tsx';
  const here = options.root ? join(options.root, 'bench', 'gateway') : import.meta.dirname;
  const child = fork(join(here, script), script === 'child.ts' ? [...args, tsx ? 'src' : 'dist'] : args, {
    execArgv: [...(tsx ? ['--import', 'tsx'] : []), '--expose-gc', ...(options.execArgv ?? [])],
    env: { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'warn' },
    stdio: ['ignore', options.stdout ?? 'ignore', 'inherit', 'ipc'],
  });
  const handle: BenchChild = {
    name,
    child,
    url: '',
    died: undefined,
    ask: <T>(kind: string, extra: Record<string, unknown> = {}, timeoutMs = 120_000) =>
      new Promise<T>((resolve, reject) => {
        if (handle.died) return reject(new Error(`${name}: ${handle.died}`));
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`${name} did not answer "${kind}" within ${timeoutMs} ms`));
        }, timeoutMs);
        const exited = () => {
          cleanup();
          reject(new Error(`${name}: ${handle.died ?? 'exited'} before answering "${kind}"`));
        };
        const on = (m: { kind: string }) => {
          if (m.kind !== kind) return;
          cleanup();
          resolve(m as T);
        };
        const cleanup = () => {
          clearTimeout(timer);
          child.off('message', on);
          child.off('exit', exited);
        };
        child.on('message', on);
        child.once('exit', exited);
        if (kind !== 'ready') child.send({ kind, ...extra });
      }),
    stop: async () => {
      if (handle.died) return;
      const gone = new Promise((r) => child.once('exit', r));
      child.send({ kind: 'stop' });
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await gone;
      clearTimeout(timer);
    },
  };
  child.once('exit', (code, signal) => {
    handle.died = `exited (code ${code}, signal ${signal})`;
  });
  const { url } = await handle.ask<{ url: string }>('ready', {}, 120_000);
  (handle as { url: string }).url = url;
  return handle;
}
