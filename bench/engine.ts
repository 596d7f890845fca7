/**
 * `npm run bench:engine [-- --sizes 10000,100000 --queries 200]`
 *
 * Indexing throughput and search latency (p50/p99) of the embedded engine at several corpus sizes, next to
 * the same workload on a real OpenSearch node when OPENSEARCH_URL is set. Both go through the official client
 * made by createBackend, so the numbers include what the gateway would pay. The embedded engine writes to a
 * temporary data folder (durable, fsync per bulk, like production).
 *
 * Goals checked at the end: at 100k docs the embedded engine is no slower than 2x the real node on filters
 * and aggregations; it loads 100k documents in under 10 s; it holds 1M small documents in under 2 GiB.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

interface RunResult {
  loadMs: number;
  docsPerSec: number;
  latency: Record<RequestKind, LatencySummary>;
  /** Embedded only. */
  reopenMs?: number;
  memory?: { heapUsed: number; rss: number };
}

async function load(backend: Backend, size: number): Promise<number> {
  const { client } = backend;
  await client.indices.delete({ index: BENCH_INDEX }, { ignore: [404] });
  await client.indices.create({
    index: BENCH_INDEX,
    body: { settings: { number_of_shards: 1, number_of_replicas: 0 }, mappings: BENCH_MAPPINGS } as never,
  });
  const started = performance.now();
  for (let from = 0; from < size; from += BATCH) {
    const res = await client.bulk({ body: bulkBody(from, Math.min(size, from + BATCH)) as never });
    const body = res.body as { errors?: boolean; items?: unknown[] };
    if (body.errors) {
      const first = body.items?.find((x) => JSON.stringify(x).includes('"error"'));
      throw new Error(`bulk failed at ${from}: ${JSON.stringify(first).slice(0, 400)}`);
    }
  }
  await client.indices.refresh({ index: BENCH_INDEX });
  const loadMs = performance.now() - started;
  const count = (await client.count({ index: BENCH_INDEX })).body as { count: number };
  if (count.count !== size) throw new Error(`expected ${size} documents, counted ${count.count}`);
  return loadMs;
}

async function measure(backend: Backend, extraParams: Record<string, unknown>): Promise<Record<RequestKind, LatencySummary>> {
  const out = {} as Record<RequestKind, LatencySummary>;
  const warmup = Math.max(10, Math.floor(queries / 10));
  for (const kind of KINDS) {
    const samples: number[] = [];
    for (let i = 0; i < warmup + queries; i++) {
      const body = requestBody(kind, i);
      const t0 = performance.now();
      const res = await backend.client.search({ index: BENCH_INDEX, body: body as never, ...extraParams } as never);
      const dt = performance.now() - t0;
      if (res.statusCode !== 200) throw new Error(`${kind} answered ${res.statusCode}`);
      if (i >= warmup) samples.push(dt);
    }
    out[kind] = summarize(samples);
  }
  return out;
}

async function runEmbedded(size: number): Promise<RunResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sg-bench-engine-'));
  const options = parseBackendOptions({ embedded: { dataDir }, requestTimeoutMs: 600_000 });
  try {
    let backend = await createBackend(options);
    const loadMs = await load(backend, size);
    gc();
    const mem = process.memoryUsage();
    const memory = { heapUsed: mem.heapUsed, rss: mem.rss };
    // Reopening replays what is on disk: the start-up cost of a gateway with this much data.
    await backend.close();
    backend = undefined as never;
    gc();
    const t0 = performance.now();
    backend = await createBackend(options);
    const count = (await backend.client.count({ index: BENCH_INDEX })).body as { count: number };
    const reopenMs = performance.now() - t0;
    if (count.count !== size) throw new Error(`after reopening: expected ${size} documents, counted ${count.count}`);
    try {
      const latency = await measure(backend, {});
      return { loadMs, docsPerSec: (size / loadMs) * 1000, latency, reopenMs, memory };
    } finally {
      await backend.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function runReal(size: number): Promise<RunResult> {
  const backend = await createBackend(parseBackendOptions({ url: realUrl, requestTimeoutMs: 600_000, maxRetries: 0 }));
  try {
    const loadMs = await load(backend, size);
    // request_cache=false: the shard request cache would otherwise answer repeated size:0 aggregations.
    const latency = await measure(backend, { request_cache: false });
    return { loadMs, docsPerSec: (size / loadMs) * 1000, latency };
  } finally {
    await backend.client.indices.delete({ index: BENCH_INDEX }, { ignore: [404] });
    await backend.close();
  }
}

// --- reporting ----------------------------------------------------------------------------------------------

const ms = (x: number | undefined) => (x === undefined || Number.isNaN(x) ? '-' : x < 10 ? x.toFixed(2) : x.toFixed(1));
const ratio = (a: number | undefined, b: number | undefined) =>
  a === undefined || b === undefined || b === 0 ? '-' : `${(a / b).toFixed(2)}x`;
const mib = (bytes: number) => `${(bytes / 1024 ** 2).toFixed(0)} MiB`;

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  const line = (r: string[]) => r.map((cell, c) => (c < 2 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ');
  return [line(rows[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

async function main(): Promise<void> {
  console.log(`bench:engine  sizes=${sizes.join(',')}  queries=${queries} per request kind  batch=${BATCH}`);
  console.log(realUrl ? `real node: ${realUrl}` : 'real node: none (set OPENSEARCH_URL for the comparison column)');
  const results = new Map<number, { embedded: RunResult; real?: RunResult }>();
  for (const size of sizes) {
    console.error(`[bench] ${size} docs: embedded ...`);
    const embedded = await runEmbedded(size);
    let real: RunResult | undefined;
    if (realUrl) {
      console.error(`[bench] ${size} docs: real node ...`);
      real = await runReal(size);
    }
    results.set(size, real ? { embedded, real } : { embedded });
  }

  const header = ['docs', 'request', 'emb p50 ms', 'emb p99 ms', 'real p50 ms', 'real p99 ms', 'p50 emb/real', 'p99 emb/real'];
  const rows: string[][] = [header];
  for (const [size, r] of results) {
    rows.push([
      String(size),
      'bulk load (docs/s)',
      r.embedded.docsPerSec.toFixed(0),
      '',
      r.real ? r.real.docsPerSec.toFixed(0) : '-',
      '',
      // for throughput, higher is better: show real/embedded time ratio = emb load / real load
      ratio(r.embedded.loadMs, r.real?.loadMs),
      '',
    ]);
    for (const kind of KINDS) {
      const e = r.embedded.latency[kind];
      const q = r.real?.latency[kind];
      rows.push([String(size), kind, ms(e.p50), ms(e.p99), ms(q?.p50), ms(q?.p99), ratio(e.p50, q?.p50), ratio(e.p99, q?.p99)]);
    }
  }
  console.log(`\n${table(rows)}\n`);
  console.log('(bulk load ratio = embedded load time / real load time; latency ratios: lower is better for embedded)');

  for (const [size, r] of results) {
    const m = r.embedded.memory!;
    console.log(
      `embedded ${size} docs: bulk load ${(r.embedded.loadMs / 1000).toFixed(2)} s, reopen (replay from disk) ` +
        `${(r.embedded.reopenMs! / 1000).toFixed(2)} s, after load heapUsed ${mib(m.heapUsed)}, rss ${mib(m.rss)}`,
    );
  }

  console.log('\ngoals:');
  const at100k = results.get(100_000);
  if (at100k?.real) {
    for (const kind of GOAL_KINDS) {
      const rr = at100k.embedded.latency[kind].p50 / at100k.real.latency[kind].p50;
      console.log(`  100k ${kind.padEnd(11)} p50 embedded/real = ${rr.toFixed(2)}x  ${rr <= 2 ? 'MET' : 'MISSED'} (goal <= 2x)`);
    }
  } else {
    console.log('  100k latency vs real node: not measured (needs --sizes with 100000 and OPENSEARCH_URL)');
  }
  if (at100k) {
    const s = at100k.embedded.loadMs / 1000;
    console.log(`  100k bulk load ${s.toFixed(2)} s  ${s < 10 ? 'MET' : 'MISSED'} (goal < 10 s)`);
    const o = at100k.embedded.reopenMs! / 1000;
    console.log(`  100k reopen from disk ${o.toFixed(2)} s  ${o < 10 ? 'MET' : 'MISSED'} (goal < 10 s)`);
  }
  const at1m = results.get(1_000_000);
  if (at1m) {
    const rss = at1m.embedded.memory!.rss;
    console.log(`  1M docs rss ${mib(rss)}  ${rss < 2 * GIB ? 'MET' : 'MISSED'} (goal < 2 GiB)`);
  } else {
    console.log('  1M memory: not measured (add 1000000 to --sizes)');
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
