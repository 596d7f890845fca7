/** Spawning and killing the engine child process (serve-child.ts) for durability tests. */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const script = fileURLToPath(new URL('./serve-child.ts', import.meta.url));

export interface Child { proc: ChildProcess; url: string }

export async function startChild(dataDir: string, extra: string[] = []): Promise<Child> {
  const proc = spawn(process.execPath, ['--import', 'tsx', script, dataDir, ...extra], { stdio: ['ignore', 'pipe', 'inherit'] });
  const rl = createInterface({ input: proc.stdout! });
  const line = await new Promise<string>((resolve, reject) => {
    rl.once('line', resolve);
    proc.once('exit', (code) => reject(new Error(`engine child exited with ${code} before it was ready`)));
  });
  rl.close();
  const msg = JSON.parse(line) as { url?: string; error?: string; code?: string; file?: string; offset?: number };
  if (!msg.url) throw Object.assign(new Error(msg.error ?? 'child failed'), msg);
  return { proc, url: msg.url };
}

/** SIGKILL: no shutdown hook runs, nothing is flushed or checkpointed. */
export async function killHard(child: Child): Promise<void> {
  if (child.proc.exitCode !== null || child.proc.signalCode !== null) return;
  const exited = new Promise((resolve) => child.proc.once('exit', resolve));
  child.proc.kill('SIGKILL');
  await exited;
}

export async function call(url: string, method: string, path: string, body?: unknown, ndjson = false): Promise<{ status: number; body: any }> {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { 'content-type': ndjson ? 'application/x-ndjson' : 'application/json' },
    ...(body === undefined ? {} : { body: ndjson ? (body as string) : JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

export function bulkBody(index: string, ids: string[]): string {
  return ids.map((id) => `${JSON.stringify({ index: { _index: index, _id: id } })}\n${JSON.stringify({ title: `document ${id}`, n: Number(id.replace(/\D/g, '')) || 0, tag: 'durable' })}\n`).join('');
}
