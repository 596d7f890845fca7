import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Running the gateway the way an operator does — as a separate process tree started by a command — and
 * watching that tree, so a test can tell "the gateway stopped" from "the command in front of it stopped".
 */

export interface Started {
  readonly child: ChildProcess;
  /** http://127.0.0.1:PORT, taken from the gateway's start-up output. */
  readonly base: string;
  readonly output: () => string;
  /** Settles when the command has exited and every process holding its output pipes has closed them. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** The environment of a trial start: embedded engine in a fresh folder, a free port, the sample config. */
export async function trialEnv(): Promise<NodeJS.ProcessEnv> {
  const env = { ...process.env };
  // Not a test process: vitest's variables would silence the gateway's log (src/log.ts).
  for (const k of Object.keys(env)) if (k.startsWith('VITEST') || k === 'NODE_ENV' || k === 'LOG_LEVEL') delete env[k];
  for (const k of ['OPENSEARCH_URL', 'SEARCHGATE_CONFIG', 'npm_lifecycle_event', 'npm_lifecycle_script']) delete env[k];
  return { ...env, SEARCHGATE_DATA: await mkdtemp(join(tmpdir(), 'searchgate-process-')), PORT: '0' };
}

/**
 * Starts `command args` in its own process group (so nothing escapes cleanup, and so signalling the command
 * alone is what a test does — not signalling the group, which would hide an orphan) and waits for the
 * gateway's "listening"/"ready" line naming its URL.
 */
export async function startCommand(command: string, args: string[], opts: { cwd: string; env: NodeJS.ProcessEnv }): Promise<Started> {
  const child = spawn(command, args, { cwd: opts.cwd, env: opts.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    // 'close', not 'exit': the pipes are shared with the gateway, so 'close' also waits for its last output.
    child.on('close', (code, signal) => resolve({ code, signal })),
  );
  const base = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL after 90 s:\n${out}`)), 90_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+)\/graphql/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`${command} exited (${code ?? signal}) before listening:\n${out}`));
    });
  });
  return { child, base, output: () => out, exited };
}

/** Every live descendant of `pid` (Linux `ps`), with its command line. */
export function descendants(pid: number): { pid: number; cmd: string }[] {
  const rows = execFileSync('ps', ['-e', '-o', 'pid=,ppid=,args='], { encoding: 'utf8' })
    .split('\n')
    .map((l) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(l))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ pid: Number(m[1]), ppid: Number(m[2]), cmd: m[3]! }));
  const found: { pid: number; cmd: string }[] = [];
  const walk = (parent: number) => {
    for (const r of rows) {
      if (r.ppid === parent) {
        found.push({ pid: r.pid, cmd: r.cmd });
        walk(r.pid);
      }
    }
  };
  walk(pid);
  return found;
}

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** True while some process is left in the process group `pgid`. */
export function groupAlive(pgid: number): boolean {
  return alive(-pgid);
}

/** Kills whatever is left of a test's process group (cleanup after a failed assertion only). */
export function killGroup(pgid: number | undefined): void {
  if (pgid === undefined) return;
  try {
    process.kill(-pgid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/** Whether anything accepts a request on `base` (any HTTP answer counts). */
export async function answers(base: string): Promise<boolean> {
  try {
    await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{__typename}"}', signal: AbortSignal.timeout(2000) });
    return true;
  } catch {
    return false;
  }
}

export async function waitFor(check: () => boolean | Promise<boolean>, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > end) return false;
    await new Promise((r) => setTimeout(r, 100));
  }
}

export const MOVIES_THOR = '{"query":"{ movies(query: \\"thor\\") { total } }"}';
export const masterAuth = `Basic ${Buffer.from('master-user:master-password').toString('base64')}`;
