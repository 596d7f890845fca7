/**
 * `npm run bench:engine [-- --sizes 10000,100000,1000000 --queries 200 --no-real]`
 *
 * The embedded engine side by side with a real OpenSearch node (OPENSEARCH_URL) on the same corpus and the
 * same requests, at several corpus sizes. Both go through the official client made by createBackend, so the
 * numbers include what the gateway would pay. The embedded engine writes to a temporary data folder
 * (durable, fsync per bulk, like production).
 *
 * Per size: bulk load (total rate, and the rate of the first and last tenth of the batches: a load that is
 * linear keeps its rate), reopen (a fresh process opens the data folder and counts: the restart cost) and
 * that process's RSS, then latency p50/p95 of every request kind. Queries are interleaved (round-robin over
 * kinds, embedded then real for each request) so load from other processes on the machine hits both sides
 * alike.
 *
 * Goals (issue 12), checked at 1M documents: p50 within 2x of the real node for term, bool filter, full
 * text, terms aggregation and a deep search_after page; reopen <= 5 s; bulk load linear (last tenth of the
 * batches at least half as fast as the first tenth); RSS of the reopened engine < 1.5 GiB.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createBackend, type Backend } from '../src/backend/client.js';
import { parseBackendOptions } from '../src/backend/options.js';
import { BENCH_INDEX, BENCH_MAPPINGS, bulkBody } from './lib/bench-docs.js';
import { GOAL_KINDS, KINDS, requestBody, type RequestKind } from './lib/workload.js';
import { summarize, type LatencySummary } from './lib/percentiles.js';

const BATCH = 5_000;
const GIB = 1024 ** 3;

// A full collection before reading memory figures, without requiring `node --expose-gc`.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const { values: args } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10000,100000,1000000' },
    queries: { type: 'string', default: '200' },
    'no-real': { type: 'boolean', default: false },
  },
});
const sizes = String(args.sizes)
  .split(',')
  .map((s) => Number(s.trim().replace(/_/g, '')));
const queries = Number(args.queries);
if (sizes.some((n) => !Number.isInteger(n) || n <= 0) || !Number.isInteger(queries) || queries <= 0) {
  console.error('usage: bench/engine.ts [--sizes 10000,100000] [--queries N] [--no-real]');
  process.exit(2);
}
const realUrl = args['no-real'] ? undefined : process.env.OPENSEARCH_URL;

interface LoadResult {
  loadMs: number;
  docsPerSec: number;
  /** docs/s over the first and the last tenth of the batches. */
  firstRate: number;
  lastRate: number;
}

interface SideResult extends LoadResult {
  latency: Record<RequestKind, LatencySummary>;
}

interface EmbeddedExtra {
  reopenMs: number;
  /** Of the fresh process that reopened the data folder. */
  rss: number;
  heapUsed: number;
  /** Of this process right after loading (includes the load's garbage and the client). */
  loadRss: number;
}

/** The shared real node answers 429 (circuit breaker) when other users fill its heap: wait and retry. */
async function retrying<T>(what: string, fn: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      const status = (e as { meta?: { statusCode?: number } }).meta?.statusCode;
      if (status !== 429 || attempt >= 30) throw e;
      console.error(`[bench] ${what}: 429 from the node, retrying in 2 s (attempt ${attempt})`);
      await new Promise((r) => setTimeout(r, 2000));
    }
  }
}

async function load(backend: Backend, size: number): Promise<LoadResult> {
  const { client } = backend;
  await retrying('delete', () => client.indices.delete({ index: BENCH_INDEX }, { ignore: [404] }));
  await retrying('create', () => client.indices.create({
    index: BENCH_INDEX,
    body: { settings: { number_of_shards: 1, number_of_replicas: 0 }, mappings: BENCH_MAPPINGS } as never,
  }));
  const batchMs: number[] = [];
  const started = performance.now();
  for (let from = 0; from < size; from += BATCH) {
    const body = bulkBody(from, Math.min(size, from + BATCH));
    let t0 = 0;
    const res = await retrying('bulk', () => {
      t0 = performance.now();
      return client.bulk({ body: body as never });
    });
    batchMs.push(performance.now() - t0);
    const b = res.body as { errors?: boolean; items?: unknown[] };
    if (b.errors) {
      const first = b.items?.find((x) => JSON.stringify(x).includes('"error"'));
      throw new Error(`bulk failed at ${from}: ${JSON.stringify(first).slice(0, 400)}`);
    }
  }
  await retrying('refresh', () => client.indices.refresh({ index: BENCH_INDEX }));
  const loadMs = performance.now() - started;
  const count = (await retrying('count', () => client.count({ index: BENCH_INDEX }))).body as { count: number };
  if (count.count !== size) throw new Error(`expected ${size} documents, counted ${count.count}`);
  const tenth = Math.max(1, Math.floor(batchMs.length / 10));
  const rate = (ms: number[]) => (ms.length * BATCH) / (ms.reduce((s, x) => s + x, 0) / 1000);
  return {
    loadMs,
    docsPerSec: (size / loadMs) * 1000,
    firstRate: rate(batchMs.slice(0, tenth)),
    lastRate: rate(batchMs.slice(-tenth)),
  };
}

/** Round-robin over kinds; per request the embedded engine first, then the real node. */
async function measure(sides: { backend: Backend; params: Record<string, unknown> }[]): Promise<Record<RequestKind, LatencySummary>[]> {
  const samples = sides.map(() => new Map<RequestKind, number[]>(KINDS.map((k) => [k, []])));
  const warmup = Math.max(10, Math.floor(queries / 10));
  for (let i = 0; i < warmup + queries; i++) {
    for (const kind of KINDS) {
      const body = requestBody(kind, i);
      for (const [s, side] of sides.entries()) {
        let t0 = 0;
        const res = await retrying(kind, () => {
          t0 = performance.now();
          return side.backend.client.search({ index: BENCH_INDEX, body: body as never, ...side.params } as never);
        });
        const dt = performance.now() - t0;
        if (res.statusCode !== 200) throw new Error(`${kind} answered ${res.statusCode}`);
        if (i >= warmup) samples[s]!.get(kind)!.push(dt);
      }
    }
  }
  return samples.map((m) => Object.fromEntries(KINDS.map((k) => [k, summarize(m.get(k)!)])) as Record<RequestKind, LatencySummary>);
}

function reopenInChild(dataDir: string): { reopenMs: number; count: number; rss: number; heapUsed: number } {
  const child = fileURLToPath(new URL('./lib/reopen-child.ts', import.meta.url));
  const out = execFileSync(process.execPath, ['--import', 'tsx', child, dataDir, BENCH_INDEX], { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(out.trim().split('\n').at(-1)!) as { reopenMs: number; count: number; rss: number; heapUsed: number };
}

async function runSize(size: number): Promise<{ embedded: SideResult & EmbeddedExtra; real?: SideResult }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sg-bench-engine-'));
  const options = parseBackendOptions({ embedded: { dataDir }, requestTimeoutMs: 600_000 });
  let real: Backend | undefined;
  let embedded: Backend | undefined;
  try {
    console.error(`[bench] ${size} docs: embedded load ...`);
    embedded = await createBackend(options);
    const embLoad = await load(embedded, size);
    gc();
    const loadRss = process.memoryUsage().rss;
    await embedded.close();
    embedded = undefined;
    gc();
    console.error(`[bench] ${size} docs: embedded reopen in a fresh process ...`);
    const reopened = reopenInChild(dataDir);
    if (reopened.count !== size) throw new Error(`after reopening: expected ${size} documents, counted ${reopened.count}`);
    embedded = await createBackend(options);
    let realLoad: LoadResult | undefined;
    if (realUrl) {
      console.error(`[bench] ${size} docs: real node load ...`);
      real = await createBackend(parseBackendOptions({ url: realUrl, requestTimeoutMs: 600_000, maxRetries: 0 }));
      realLoad = await load(real, size);
    }
    console.error(`[bench] ${size} docs: queries ...`);
    const sides = [{ backend: embedded, params: {} }];
    // request_cache=false: the shard request cache would otherwise answer repeated size:0 aggregations.
    if (real) sides.push({ backend: real, params: { request_cache: false } });
    const [embLat, realLat] = await measure(sides);
    return {
      embedded: { ...embLoad, latency: embLat!, reopenMs: reopened.reopenMs, rss: reopened.rss, heapUsed: reopened.heapUsed, loadRss },
      ...(realLoad && realLat ? { real: { ...realLoad, latency: realLat } } : {}),
    };
  } finally {
    await embedded?.close();
    if (real) {
      await retrying('delete', () => real!.client.indices.delete({ index: BENCH_INDEX }, { ignore: [404] }));
      await real.close();
    }
    rmSync(dataDir, { recursive: true, force: true });
  }
}

// --- reporting ----------------------------------------------------------------------------------------------

const ms = (x: number | undefined) => (x === undefined || Number.isNaN(x) ? '-' : x < 10 ? x.toFixed(2) : x.toFixed(1));
const ratio = (a: number | undefined, b: number | undefined) =>
  a === undefined || b === undefined || b === 0 ? '-' : `${(a / b).toFixed(2)}x`;
const mib = (bytes: number) => `${(bytes / 1024 ** 2).toFixed(0)} MiB`;
const rate = (x: number | undefined) => (x === undefined ? '-' : x.toFixed(0));

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  const line = (r: string[]) => r.map((cell, c) => (c < 2 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ');
  return [line(rows[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

async function main(): Promise<void> {
  console.log(`bench:engine  sizes=${sizes.join(',')}  queries=${queries} per request kind  batch=${BATCH}  index=${BENCH_INDEX}`);
  console.log(realUrl ? `real node: ${realUrl}` : 'real node: none (set OPENSEARCH_URL for the comparison column)');
  const results = new Map<number, Awaited<ReturnType<typeof runSize>>>();
  for (const size of sizes) results.set(size, await runSize(size));

  const rows: string[][] = [['docs', 'request', 'emb p50 ms', 'emb p95 ms', 'real p50 ms', 'real p95 ms', 'p50 emb/real', 'p95 emb/real']];
  for (const [size, r] of results) {
    for (const kind of KINDS) {
      const e = r.embedded.latency[kind];
      const q = r.real?.latency[kind];
      rows.push([String(size), kind, ms(e.p50), ms(e.p95), ms(q?.p50), ms(q?.p95), ratio(e.p50, q?.p50), ratio(e.p95, q?.p95)]);
    }
  }
  console.log(`\n${table(rows)}\n`);

  const load: string[][] = [['docs', 'side', 'load s', 'docs/s', 'first 10% docs/s', 'last 10% docs/s', 'last/first', 'reopen s', 'rss (reopened)']];
  for (const [size, r] of results) {
    const e = r.embedded;
    load.push([String(size), 'embedded', (e.loadMs / 1000).toFixed(2), rate(e.docsPerSec), rate(e.firstRate), rate(e.lastRate),
      (e.lastRate / e.firstRate).toFixed(2), (e.reopenMs / 1000).toFixed(2), mib(e.rss)]);
    if (r.real) {
      const q = r.real;
      load.push([String(size), 'real', (q.loadMs / 1000).toFixed(2), rate(q.docsPerSec), rate(q.firstRate), rate(q.lastRate),
        (q.lastRate / q.firstRate).toFixed(2), '-', '-']);
    }
  }
  console.log(table(load));
  for (const [size, r] of results) {
    console.log(`embedded ${size} docs: reopened process heapUsed ${mib(r.embedded.heapUsed)}; loading process rss after load ${mib(r.embedded.loadRss)}`);
  }

  console.log('\ngoals (issue 12, at 1M documents):');
  const at1m = results.get(1_000_000);
  if (!at1m) {
    console.log('  not measured (add 1000000 to --sizes)');
    return;
  }
  if (at1m.real) {
    for (const kind of GOAL_KINDS) {
      const rr = at1m.embedded.latency[kind].p50 / at1m.real.latency[kind].p50;
      console.log(`  ${kind.padEnd(12)} p50 embedded/real = ${rr.toFixed(2)}x  ${rr <= 2 ? 'MET' : 'MISSED'} (goal <= 2x)`);
    }
  } else {
    console.log('  latency vs real node: not measured (set OPENSEARCH_URL)');
  }
  const o = at1m.embedded.reopenMs / 1000;
  console.log(`  reopen ${o.toFixed(2)} s  ${o <= 5 ? 'MET' : 'MISSED'} (goal <= 5 s)`);
  const lin = at1m.embedded.lastRate / at1m.embedded.firstRate;
  console.log(`  bulk load last/first tenth rate ${lin.toFixed(2)}  ${lin >= 0.5 ? 'MET' : 'MISSED'} (goal: linear, >= 0.5)`);
  const rss = at1m.embedded.rss;
  console.log(`  rss ${mib(rss)}  ${rss < 1.5 * GIB ? 'MET' : 'MISSED'} (goal < 1.5 GiB)`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
