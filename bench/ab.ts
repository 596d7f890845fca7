/**
 * A/B: two gateway variants side by side, measured in interleaved rounds (the order alternates), CPU per
 * request from each child's process.cpuUsage(), at one concurrency. Prints each variant's median [IQR] and
 * the per-round ratio B/A with its spread: the way to tell whether a change helps on a noisy machine. Also
 * the per-round p50 latency seen by the client and its ratio (what matters at c=1, where a change can cut
 * waiting without cutting CPU).
 *
 *   node --import tsx bench/ab.ts A B [--rounds 8] [--n 3000] [--c 32]
 *
 * A variant is `ROOT:dist` or `ROOT:tsx` (ROOT: a checkout with bench/gateway/ and src/ or dist/), or
 * `commit=SHA:dist`: that commit's src/ and bench/gateway/ extracted to a temporary folder and compiled there.
 * `.` is this checkout. Both variants serve the bench fixture against one instant backend.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Pool } from 'undici';
import { startInstantBackend } from './gateway/instant-backend.js';
import { PASSWORD, QUERY, USER, writeFixture } from './gateway/fixture.js';
import type { CpuReply } from './gateway/harness.js';
import { spawnChild, type BenchChild } from './gateway/spawn.js';

const args = process.argv.slice(2);
const opt = (name: string, d: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : d;
};
const [specA, specB] = args.filter((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'));
if (!specA || !specB) throw new Error('usage: bench/ab.ts A B [--rounds 8] [--n 3000] [--c 32]');
const ROUNDS = opt('rounds', 8);
const N = opt('n', 3000);
const C = opt('c', 32);
const here = resolve(import.meta.dirname, '..');

async function prepare(spec: string): Promise<{ root: string; runtime: 'dist' | 'tsx'; label: string }> {
  const [where, runtime = 'dist'] = spec.split(':') as [string, 'dist' | 'tsx'];
  if (!where.startsWith('commit=')) {
    const root = resolve(where);
    if (runtime === 'dist' && root === here) execFileSync(process.execPath, [join(here, 'scripts', 'build-if-stale.mjs')], { stdio: 'inherit' });
    return { root, runtime, label: spec };
  }
  const sha = where.slice('commit='.length);
  const root = await mkdtemp(join(process.env.AB_TMP ?? tmpdir(), `searchgate-ab-${sha.slice(0, 8)}-`));
  // That commit's sources; this checkout's child harness (the protocol the runner speaks).
  execFileSync('sh', ['-c', `git -C "${here}" archive ${sha} src schema tsconfig.json tsconfig.build.json package.json | tar -x -C "${root}" && mkdir -p "${root}/bench" && cp -r "${here}/bench/gateway" "${root}/bench/"`]);
  await symlink(join(here, 'node_modules'), join(root, 'node_modules'));
  if (runtime === 'dist') execFileSync(process.execPath, [join(here, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'tsconfig.build.json'), '--noCheck'], { stdio: 'inherit', cwd: root });
  return { root, runtime, label: spec };
}

const q = (xs: number[], p: number) => {
  const s = [...xs].sort((x, y) => x - y);
  const at = (s.length - 1) * p;
  return s[Math.floor(at)]! + (s[Math.ceil(at)]! - s[Math.floor(at)]!) * (at - Math.floor(at));
};

async function main(): Promise<void> {
  const backend = await startInstantBackend();
  const dir = await writeFixture(backend.url);
  const variants = [await prepare(specA!), await prepare(specB!)];
  const children: BenchChild[] = [];
  for (const v of variants) children.push(await spawnChild(v.label, 'child.ts', [dir], { root: v.root, runtime: v.runtime }));
  const body = JSON.stringify({ query: QUERY, variables: { q: 'document words' } });
  const auth = `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`;
  const pools = children.map((c) => new Pool(c.url, { connections: 64 }));
  const one = async (i: number) => {
    const res = await pools[i]!.request({ method: 'POST', path: '/graphql', body, headers: { 'content-type': 'application/json', authorization: auth } });
    const text = await res.body.text();
    if (res.statusCode !== 200) throw new Error(`${children[i]!.name}: HTTP ${res.statusCode} ${text.slice(0, 200)}`);
    return text;
  };
  const [a0, b0] = [await one(0), await one(1)];
  if (a0 !== b0) console.log('note: the two variants answer different bytes');
  const run = async (i: number, n: number) => {
    const before = await children[i]!.ask<CpuReply>('cpu');
    let next = 0;
    const times: number[] = [];
    await Promise.all(Array.from({ length: C }, async () => {
      while (next++ < n) {
        const t0 = performance.now();
        await one(i);
        times.push(performance.now() - t0);
      }
    }));
    const after = await children[i]!.ask<CpuReply>('cpu');
    return { cpu: (after.usage.user - before.usage.user + after.usage.system - before.usage.system) / n, p50: 1000 * q(times, 0.5) };
  };
  await run(0, 1500);
  await run(1, 1500);
  const cpu: number[][] = [[], []];
  const p50: number[][] = [[], []];
  for (let r = 0; r < ROUNDS; r++) {
    for (const i of r % 2 === 0 ? [0, 1] : [1, 0]) {
      const m = await run(i, N);
      cpu[i]!.push(m.cpu);
      p50[i]!.push(m.p50);
    }
    process.stderr.write(`round ${r + 1}/${ROUNDS}: A ${cpu[0]!.at(-1)!.toFixed(0)} µs CPU, p50 ${p50[0]!.at(-1)!.toFixed(0)} µs; B ${cpu[1]!.at(-1)!.toFixed(0)} µs CPU, p50 ${p50[1]!.at(-1)!.toFixed(0)} µs\n`);
  }
  const fmt = (xs: number[], d = 0) => `${q(xs, 0.5).toFixed(d)} [IQR ${q(xs, 0.25).toFixed(d)}–${q(xs, 0.75).toFixed(d)}] (min–max ${Math.min(...xs).toFixed(d)}–${Math.max(...xs).toFixed(d)})`;
  const ratio = cpu[1]!.map((b, i) => b / cpu[0]![i]!);
  console.log(`c=${C}, ${ROUNDS} interleaved rounds of ${N} requests, CPU µs/request (child's own cpuUsage):`);
  console.log(`A ${variants[0]!.label}: ${fmt(cpu[0]!)}`);
  console.log(`B ${variants[1]!.label}: ${fmt(cpu[1]!)}`);
  console.log(`B/A: ×${fmt(ratio, 3)}`);
  console.log(`p50 latency µs (client side): A ${fmt(p50[0]!)}; B ${fmt(p50[1]!)}; B/A ×${fmt(p50[1]!.map((b, i) => b / p50[0]![i]!), 3)}`);
  for (const c of children) await c.stop();
  for (const p of pools) await p.close();
  await backend.close();
}

const watchdog = setTimeout(() => {
  console.error('ab: still running after 15 minutes; giving up');
  process.exit(2);
}, 15 * 60_000);
watchdog.unref();
main().then(() => process.exit(0), (err: unknown) => {
  console.error(err);
  process.exit(1);
});
