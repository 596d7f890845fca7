import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

/**
 * The gateway under test in its own process (bench/gateway/child.ts), so its CPU and memory are read apart
 * from the load generator's. `ask` fails when the process dies instead of waiting for an answer forever.
 */
export interface GatewayChild {
  readonly child: ChildProcess;
  ask<T>(kind: string): Promise<T>;
}

export function spawnGateway(dir: string): GatewayChild {
  const child = fork(join(import.meta.dirname, 'child.ts'), [dir], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'warn' },
    // Its stdout carries audit lines (one per refused login under attack); its errors still show.
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const ask = <T>(kind: string) =>
    new Promise<T>((resolve, reject) => {
      const exited = (code: number | null) => reject(new Error(`the gateway process exited (code ${code}) before answering "${kind}"`));
      const on = (m: { kind: string }) => {
        if (m.kind !== kind) return;
        child.off('message', on);
        child.off('exit', exited);
        resolve(m as T);
      };
      child.on('message', on);
      child.once('exit', exited);
      if (kind !== 'ready') child.send({ kind });
    });
  return { child, ask };
}
