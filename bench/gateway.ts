/**
 * `npm run bench`: what Searchgate costs for a typical search (20 hits, 5 fields, one DLS role, one masked
 * field), against a backend that answers instantly so that the gateway's own cost stands out, and against the
 * floor: the same work done minimally (bench/gateway/floor.ts: node:http + undici + graphql-jit, checked to
 * answer byte-identical responses).
 *
 * - Gateway and floor run as child processes (the gateway compiled, as `npm start` runs it), measured in
 *   interleaved rounds (the order alternates); CPU per request is read from each child's process.cpuUsage(),
 *   the figure that holds on a noisy machine. Each figure is the median over rounds with its spread.
 * - Where the gateway's CPU goes: a V8 CPU profile of a c=32 window, its samples attributed to cost buckets by
 *   call stack (bench/gateway/profile.ts), scaled to the measured CPU per request; GC from perf_hooks.
 * - Added latency p50/p99 over the same search sent straight to the backend, throughput.
 * - Memory (heap after full GC) after 100 permission sets and 10k distinct queries.
 * - With OPENSEARCH_URL set: the enforced search through Searchgate on a real node beside the same search sent
 *   to the node directly (a `bench-` index of its own, deleted after).
 *
 * Prints `CPU at c=32: N µs/request` and `Floor CPU at c=32: N µs/request` for scripts.
 * `--quick`: fewer rounds and requests. The whole run is bounded by a watchdog.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { Pool } from 'undici';
import { benchAuth } from './auth.js';
import { INDEX, MAPPING, startInstantBackend } from './gateway/instant-backend.js';
import { PASSWORD, QUERY, USER, writeFixture } from './gateway/fixture.js';
import type { CpuReply, GcTotals } from './gateway/harness.js';
import { attribute, BUCKETS, type CpuProfile } from './gateway/profile.js';
import { spawnChild, type BenchChild } from './gateway/spawn.js';
import { summarize, table } from './gateway/stats.js';

const quick = process.argv.includes('--quick');
const ROUNDS = quick ? 2 : 4;
const COUNTS: Record<number, number> = quick ? { 1: 300, 8: 800, 32: 1000 } : { 1: 600, 8: 1500, 32: 2000 };
const CONCURRENCIES = [1, 8, 32] as const;
const SETS = 100;
const DISTINCT_QUERIES = quick ? 2000 : 10_000;
const WATCHDOG_MS = (quick ? 6 : 12) * 60_000;
const SALT = 'e1ukloTsQlOgPquJ';

const children: BenchChild[] = [];
const watchdog = setTimeout(() => {
  console.error(`bench: still running after ${WATCHDOG_MS / 60_000} minutes; stopping (a child or the backend hangs)`);
  for (const c of children) c.child.kill('SIGKILL');
  process.exit(2);
}, WATCHDOG_MS);
watchdog.unref();

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

/** A keep-alive HTTP sender; every answer's status is checked (a failing target must not look fast). */
function sender(origin: string, connections = 64) {
  const pool = new Pool(origin, { connections });
  const send = async (path: string, body: string, headers: Record<string, string>, expect = 200): Promise<string> => {
    const res = await pool.request({ method: 'POST', path, body, headers: { 'content-type': 'application/json', ...headers } });
    const text = await res.body.text();
    if (res.statusCode !== expect) throw new Error(`${origin}${path}: HTTP ${res.statusCode} (expected ${expect}): ${text.slice(0, 300)}`);
    return text;
  };
  const status = async (path: string, body: string, headers: Record<string, string>): Promise<number> => {
    const res = await pool.request({ method: 'POST', path, body, headers: { 'content-type': 'application/json', ...headers } });
    await res.body.dump();
    return res.statusCode;
  };
  return { send, status, close: () => pool.close() };
}
type Sender = ReturnType<typeof sender>;

interface Load { p50: number; p99: number; rps: number; samples: number[] }

async function load(total: number, concurrency: number, one: () => Promise<unknown>, owner?: BenchChild): Promise<Load> {
  const samples: number[] = [];
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next++ < total) {
        if (owner?.died) throw new Error(`${owner.name} ${owner.died} during the load`);
        const t0 = performance.now();
        await one();
        samples.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  const s = summarize(samples);
  return { p50: s.p50, p99: s.p99, rps: total / seconds, samples };
}

interface Measured extends Load { cpuUs: number; gcMinorPerK: number; gcMsPerK: number; gcMajorPerK: number }

async function measure(target: BenchChild, c: number, n: number, one: () => Promise<unknown>): Promise<Measured> {
  const before = await target.ask<CpuReply>('cpu');
  const l = await load(n, c, one, target);
  const after = await target.ask<CpuReply>('cpu');
  const cpu = after.usage.user - before.usage.user + after.usage.system - before.usage.system;
  const d = (k: keyof GcTotals) => after.gc[k] - before.gc[k];
  return { ...l, cpuUs: cpu / n, gcMinorPerK: (1000 * d('minor')) / n, gcMsPerK: (1000 * (d('minorMs') + d('majorMs') + d('otherMs'))) / n, gcMajorPerK: (1000 * d('major')) / n };
}

/** median [q1–q3] (min–max) of a list of figures. */
function spread(xs: number[]): { median: number; q1: number; q3: number; min: number; max: number } {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => {
    const i = (s.length - 1) * p;
    const lo = Math.floor(i);
    return s[lo]! + (s[Math.ceil(i)]! - s[lo]!) * (i - lo);
  };
  return { median: q(0.5), q1: q(0.25), q3: q(0.75), min: s[0]!, max: s.at(-1)! };
}
const show = (xs: number[], digits = 0) => {
  const s = spread(xs);
  const f = (n: number) => n.toFixed(digits);
  return `${f(s.median)} [${f(s.q1)}–${f(s.q3)}] (${f(s.min)}–${f(s.max)})`;
};

/** `npm start` runs dist/: build it if a source changed since the last build (scripts/build-if-stale.mjs). */
function ensureBuilt(): void {
  execFileSync(process.execPath, [join(import.meta.dirname, '..', 'scripts', 'build-if-stale.mjs')], { stdio: 'inherit' });
}

async function main(): Promise<void> {
  ensureBuilt();
  const backend = await startInstantBackend();
  const dir = await writeFixture(backend.url, { sets: SETS });
  const runtime = process.argv.includes('--tsx') ? 'tsx' : 'dist';
  const gateway = await spawnChild('gateway', 'child.ts', [dir], { runtime });
  children.push(gateway);
  const floor = await spawnChild('floor', 'floor.ts', [JSON.stringify({ backend: backend.url, index: INDEX, user: USER, password: PASSWORD, salt: SALT })]);
  children.push(floor);
  const toGateway = sender(gateway.url);
  const toFloor = sender(floor.url);
  const toBackend = sender(backend.url);
  const auth = basic(USER, PASSWORD);
  const gqlBody = JSON.stringify({ query: QUERY, variables: { q: 'document words' } });
  const directBody = JSON.stringify({
    query: { bool: { must: [{ simple_query_string: { query: 'document words', fields: ['body', 'title'], default_operator: 'or' } }], filter: [{ term: { category: 'public' } }] } },
    size: 21,
    sort: [{ _score: { order: 'desc' } }, { _id: { order: 'asc' } }],
    _source: { includes: ['body', 'price', 'tag', 'title', 'year'] },
  });
  const viaGateway = () => toGateway.send('/graphql', gqlBody, { authorization: auth });
  const viaFloor = () => toFloor.send('/graphql', gqlBody, { authorization: auth });
  const direct = () => toBackend.send(`/${INDEX}/_search`, directBody, {});

  // The floor must do the same work: the same response bytes, or nothing below means anything.
  const [g, f] = [Buffer.from(await viaGateway()), Buffer.from(await viaFloor())];
  if (!g.equals(f)) {
    let i = 0;
    while (i < g.length && g[i] === f[i]) i++;
    throw new Error(
      `the floor's response is not byte-identical to the gateway's (${g.length} vs ${f.length} bytes; first difference at byte ${i}):\n` +
        `gateway: …${g.subarray(Math.max(0, i - 80), i + 80).toString()}\nfloor:   …${f.subarray(Math.max(0, i - 80), i + 80).toString()}`,
    );
  }
  console.log(`Floor check: the floor's response is byte-identical to the gateway's (${g.length} bytes).`);

  // Warm up (password cache, schema, compiled query, JIT) both, and the direct path.
  await load(1500, 8, viaGateway, gateway);
  await load(1500, 8, viaFloor, floor);
  await load(500, 8, direct);

  const results: Record<'gateway' | 'floor', Record<number, Measured[]>> = { gateway: {}, floor: {} };
  const directRuns: Record<number, Load[]> = {};
  for (let r = 0; r < ROUNDS; r++) {
    for (const c of CONCURRENCIES) {
      const order = (r + c) % 2 === 0 ? (['gateway', 'floor'] as const) : (['floor', 'gateway'] as const);
      for (const who of order) {
        const m = who === 'gateway' ? await measure(gateway, c, COUNTS[c]!, viaGateway) : await measure(floor, c, COUNTS[c]!, viaFloor);
        (results[who][c] ??= []).push(m);
      }
      if (c !== 8) (directRuns[c] ??= []).push(await load(COUNTS[c]!, c, direct));
    }
    process.stderr.write(`round ${r + 1}/${ROUNDS} done\n`);
  }

  const cpu = (who: 'gateway' | 'floor', c: number) => results[who][c]!.map((m) => m.cpuUs);
  const ratios = (c: number) => results.gateway[c]!.map((m, i) => m.cpuUs / results.floor[c]![i]!.cpuUs);
  console.log(`\nCPU per request (µs, each child's own process.cpuUsage), ${ROUNDS} interleaved rounds: median [IQR] (min–max)\n`);
  console.log(
    table(
      ['concurrency', 'gateway µs/req', 'floor µs/req', 'gateway / floor (per round)'],
      CONCURRENCIES.map((c) => [`c=${c}`, show(cpu('gateway', c)), show(cpu('floor', c)), show(ratios(c), 2)]),
    ),
  );
  const pooled = (runs: Load[]) => summarize(runs.flatMap((x) => x.samples));
  console.log('\nLatency and throughput (all rounds pooled; added = gateway − direct to the backend)\n');
  const latRows: (string | number)[][] = [];
  for (const c of CONCURRENCIES) {
    const gw = pooled(results.gateway[c]!);
    const fl = pooled(results.floor[c]!);
    const dr = directRuns[c] ? pooled(directRuns[c]!) : undefined;
    latRows.push([
      `c=${c}`,
      gw.p50 * 1000, gw.p99 * 1000, fl.p50 * 1000, fl.p99 * 1000,
      dr ? dr.p50 * 1000 : '', dr ? (gw.p50 - dr.p50) * 1000 : '', dr ? (gw.p99 - dr.p99) * 1000 : '', dr ? (fl.p50 - dr.p50) * 1000 : '',
      show(results.gateway[c]!.map((m) => m.rps)), show(results.floor[c]!.map((m) => m.rps)),
    ]);
  }
  console.log(table(['concurrency', 'gateway p50 µs', 'gateway p99 µs', 'floor p50 µs', 'floor p99 µs', 'direct p50 µs', 'added p50 µs', 'added p99 µs', 'floor added p50 µs', 'gateway req/s', 'floor req/s'], latRows));
  const gc = (who: 'gateway' | 'floor') => results[who][32]!;
  console.log('\nGC at c=32 (perf_hooks), per 1000 requests: median over rounds\n');
  console.log(
    table(
      ['', 'young GCs', 'full GCs', 'GC pause ms'],
      (['gateway', 'floor'] as const).map((w) => [w, spread(gc(w).map((m) => m.gcMinorPerK)).median, spread(gc(w).map((m) => m.gcMajorPerK)).median, spread(gc(w).map((m) => m.gcMsPerK)).median]),
    ),
  );

  // Where the CPU goes: a profiled c=32 window of each child, attributed by call stack.
  const profDir = await mkdtemp(join(tmpdir(), 'searchgate-bench-prof-'));
  const attributions = [];
  for (const [child, one] of [[gateway, viaGateway], [floor, viaFloor]] as const) {
    await child.ask('profile-start', { intervalUs: 200 });
    await load(COUNTS[32]!, 32, one, child);
    const file = join(profDir, `${child.name}.cpuprofile`);
    await child.ask('profile-stop', { file });
    attributions.push(attribute(JSON.parse(await readFile(file, 'utf8')) as CpuProfile));
  }
  await rm(profDir, { recursive: true, force: true });
  const [ga, fa] = attributions as [ReturnType<typeof attribute>, ReturnType<typeof attribute>];
  const gCpu = spread(cpu('gateway', 32)).median;
  const fCpu = spread(cpu('floor', 32)).median;
  console.log('\nWhere the CPU goes at c=32 (CPU profile, samples attributed by call stack; µs = share × median CPU/request)\n');
  console.log(
    table(
      ['bucket', 'gateway %', 'gateway µs', 'floor %', 'floor µs', 'gateway − floor µs'],
      [
        ...BUCKETS.map((b) => {
          const gs = ga.shares.get(b)!;
          const fs = fa.shares.get(b)!;
          return [b, 100 * gs, gs * gCpu, 100 * fs, fs * fCpu, gs * gCpu - fs * fCpu];
        }),
        ['total', 100, gCpu, 100, fCpu, gCpu - fCpu],
      ],
    ),
  );
  if (ga.otherTop.length > 0) console.log(`largest unattributed frames (gateway): ${ga.otherTop.slice(0, 4).map(([k, v]) => `${k} ${(100 * v).toFixed(1)}%`).join('; ')}`);

  const gMed = spread(cpu('gateway', 32)).median;
  const fMed = spread(cpu('floor', 32)).median;
  const c1 = pooled(results.gateway[1]!).p50 - pooled(directRuns[1]!).p50;
  // Each round measures the gateway and the direct path back to back: their difference per round cancels the
  // machine's drift between rounds, which pooling all samples does not (the machines are shared and noisy).
  const c1Rounds = results.gateway[1]!.map((m, i) => (m.p50 - directRuns[1]![i]!.p50) * 1000);
  const f1Rounds = results.floor[1]!.map((m, i) => (m.p50 - directRuns[1]![i]!.p50) * 1000);
  console.log(`\nGoals: gateway CPU at c=32 ≤ 1.25× the floor; added p50 ≤ 600 µs at c=1.`);
  console.log(`CPU at c=32: ${gMed.toFixed(0)} µs/request`);
  console.log(`Floor CPU at c=32: ${fMed.toFixed(0)} µs/request`);
  console.log(`Ratio at c=32: ${spread(ratios(32)).median.toFixed(2)}× the floor [IQR ${spread(ratios(32)).q1.toFixed(2)}–${spread(ratios(32)).q3.toFixed(2)}]`);
  console.log(`Added p50 at c=1: ${spread(c1Rounds).median.toFixed(0)} µs (per round: ${show(c1Rounds)}; all samples pooled: ${(c1 * 1000).toFixed(0)} µs; the floor's per round: ${show(f1Rounds)})`);

  await underAttack(gateway, toGateway, gqlBody, auth);
  await memory(gateway, toGateway);

  await Promise.all([gateway.stop(), floor.stop()]);
  await Promise.all([toGateway.close(), toFloor.close(), toBackend.close()]);
  await backend.close();

  if (process.env.OPENSEARCH_URL) await realNode(process.env.OPENSEARCH_URL, runtime);
  else console.log('\n(OPENSEARCH_URL is not set: the comparison on a real node is skipped.)');

  console.log('\nAuthentication per request (µs per call, in this process)\n');
  console.log(await benchAuth());
  console.log('\nGoal: with caches warm, authentication adds under 50 µs.');
}

/** The costliest query the default limits let through: 10 searches of 100 hits with every field. */
function maximalQuery(): string {
  const one = (i: number) => `s${i}: docs(first: 100) { total hits { id score cursor document { title body year price tag } } }`;
  return `{ ${Array.from({ length: 10 }, (_, i) => one(i)).join(' ')} }`;
}

/** Signed-in searches while 100 wrong logins and 50 maximal-cost queries run without pause. */
async function underAttack(gateway: BenchChild, to: Sender, gqlBody: string, auth: string): Promise<void> {
  const search = () => to.send('/graphql', gqlBody, { authorization: auth });
  // The attackers are other clients: a thread of their own (bench/gateway/attackers.ts), so that reading their
  // answers does not delay this thread's timing of the signed-in client.
  const quiet = await load(quick ? 1000 : 2000, 4, search, gateway);
  const attackers = new Worker(new URL('./gateway/attackers.ts', import.meta.url), {
    workerData: { url: gateway.url, body: gqlBody, costly: JSON.stringify({ query: maximalQuery() }), user: USER, auth },
  });
  await new Promise<void>((resolve, reject) => {
    attackers.once('message', () => resolve());
    attackers.once('error', reject);
  });
  await new Promise((r) => setTimeout(r, 500));
  const attacked = await load(quick ? 1000 : 2000, 4, search, gateway);
  attackers.postMessage('stop');
  const { refused } = await new Promise<{ refused: number }>((resolve, reject) => {
    attackers.once('message', (m: { refused: number }) => resolve(m));
    attackers.once('error', reject);
  });
  await attackers.terminate();
  console.log('\nUnder attack: signed-in searches (c=4) quiet vs while 100 wrong logins and 50 maximal-cost queries run\n');
  console.log(table(['state', 'p50 µs', 'p99 µs', 'req/s'], [['quiet', quiet.p50 * 1000, quiet.p99 * 1000, quiet.rps], ['under attack', attacked.p50 * 1000, attacked.p99 * 1000, attacked.rps]]));
  console.log(`Goal: p99 under attack ≤ 3x quiet p99. Measured: ${(attacked.p99 / quiet.p99).toFixed(2)}x (${refused} wrong logins refused or throttled).`);
}

/** Heap (after full GCs) in the gateway: at rest, after SETS permission sets, after DISTINCT_QUERIES queries. */
async function memory(gateway: BenchChild, to: Sender): Promise<void> {
  const heap = async () => (await gateway.ask<{ memory: NodeJS.MemoryUsage }>('heap')).memory;
  const base = await heap();
  let next = 0;
  const small = JSON.stringify({ query: '{ docs(first: 1) { total } }' });
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < SETS) {
        const i = next++;
        await to.send('/graphql', small, { authorization: basic(`set-user-${i}`, PASSWORD) });
      }
    }),
  );
  const afterSets = await heap();
  const auth = basic(USER, PASSWORD);
  await load(DISTINCT_QUERIES, 16, () => {
    const i = next++;
    return to.send('/graphql', JSON.stringify({ query: `query Q${i} { docs(first: ${1 + (i % 20)}) { total hits { id } } }` }), { authorization: auth });
  }, gateway);
  const afterQueries = await heap();
  const mib = (b: number) => b / 1048576;
  console.log(`\nMemory of the gateway process (heap after full GC; ${SETS} permission sets, then ${DISTINCT_QUERIES} distinct queries)\n`);
  console.log(
    table(
      ['state', 'heap used MiB', 'RSS MiB', 'added per item KiB'],
      [
        ['after the benchmark above', mib(base.heapUsed), mib(base.rss), ''],
        [`after ${SETS} permission sets`, mib(afterSets.heapUsed), mib(afterSets.rss), (afterSets.heapUsed - base.heapUsed) / SETS / 1024],
        [`after ${DISTINCT_QUERIES} distinct queries`, mib(afterQueries.heapUsed), mib(afterQueries.rss), (afterQueries.heapUsed - afterSets.heapUsed) / DISTINCT_QUERIES / 1024],
      ],
    ),
  );
}

/** The enforced search through Searchgate on a real node beside the same search sent to the node directly. */
async function realNode(url: string, runtime: 'dist' | 'tsx'): Promise<void> {
  const index = `bench-${process.pid}-${Date.now().toString(36)}`;
  const node = new Pool(url, { connections: 16 });
  const call = async (method: string, path: string, body?: string, type = 'application/json') => {
    const res = await node.request({ method: method as 'GET', path, ...(body !== undefined ? { body, headers: { 'content-type': type } } : {}) });
    const text = await res.body.text();
    if (res.statusCode >= 300) throw new Error(`${method} ${path}: HTTP ${res.statusCode}: ${text.slice(0, 300)}`);
    return text;
  };
  let gateway: BenchChild | undefined;
  try {
    await call('PUT', `/${index}`, JSON.stringify({ settings: { number_of_shards: 1, number_of_replicas: 0 }, mappings: MAPPING }));
    const lines: string[] = [];
    for (let i = 0; i < 2000; i++) {
      lines.push(JSON.stringify({ index: { _index: index, _id: `doc-${i}` } }));
      lines.push(JSON.stringify({ title: `Document number ${i}`, body: `Body text of document ${i} with several words`, year: 2000 + (i % 30), price: 9.99 + (i % 50), tag: `tag-${i % 5}`, category: i % 3 === 0 ? 'private' : 'public', internal: 'x', owner: `u${i % 7}` }));
    }
    await call('POST', '/_bulk?refresh=true', `${lines.join('\n')}\n`, 'application/x-ndjson');
    const dir = await writeFixture(url, { index });
    gateway = await spawnChild('gateway (real node)', 'child.ts', [dir], { runtime });
    children.push(gateway);
    const to = sender(gateway.url, 16);
    const gql = JSON.stringify({ query: QUERY, variables: { q: 'document words' } });
    const directBody = JSON.stringify({
      query: { bool: { must: [{ simple_query_string: { query: 'document words', fields: ['body', 'title'], default_operator: 'or' } }], filter: [{ term: { category: 'public' } }] } },
      size: 21,
      sort: [{ _score: { order: 'desc' } }, { _id: { order: 'asc' } }],
      _source: { includes: ['body', 'price', 'tag', 'title', 'year'] },
    });
    const viaGateway = () => to.send('/graphql', gql, { authorization: basic(USER, PASSWORD) });
    const direct = () => call('POST', `/${index}/_search`, directBody);
    const first = JSON.parse(await viaGateway()) as { data?: { docs?: { total?: number; hits?: unknown[] } } };
    if (!first.data?.docs?.hits?.length) throw new Error(`the real-node search through the gateway found nothing: ${JSON.stringify(first).slice(0, 300)}`);
    await load(300, 4, viaGateway, gateway);
    await load(300, 4, direct);
    const rounds = quick ? 2 : 3;
    const runs: Record<string, Load[]> = {};
    for (let r = 0; r < rounds; r++) {
      for (const c of [1, 8]) {
        const pair = r % 2 === 0 ? (['gateway', 'direct'] as const) : (['direct', 'gateway'] as const);
        for (const who of pair) (runs[`${who} ${c}`] ??= []).push(await load(quick ? 150 : 400, c, who === 'gateway' ? viaGateway : direct, who === 'gateway' ? gateway : undefined));
      }
    }
    const row = (c: number) => {
      const gw = summarize(runs[`gateway ${c}`]!.flatMap((x) => x.samples));
      const dr = summarize(runs[`direct ${c}`]!.flatMap((x) => x.samples));
      return [`c=${c}`, dr.p50 * 1000, dr.p99 * 1000, gw.p50 * 1000, gw.p99 * 1000, (gw.p50 - dr.p50) * 1000, gw.p50 / dr.p50, show(runs[`direct ${c}`]!.map((x) => x.rps)), show(runs[`gateway ${c}`]!.map((x) => x.rps))];
    };
    console.log(`\nReal node (${url}): the enforced search (DLS + FLS + masked field, ${first.data.docs.total} of 2000 documents visible) through Searchgate vs the same search sent directly; ${rounds} interleaved rounds pooled\n`);
    console.log(table(['concurrency', 'direct p50 µs', 'direct p99 µs', 'Searchgate p50 µs', 'Searchgate p99 µs', 'added p50 µs', 'p50 ratio', 'direct req/s', 'Searchgate req/s'], [row(1), row(8)]));
    await to.close();
  } finally {
    await gateway?.stop();
    // The shared node may refuse for a while (429 from its circuit breaker): retry, then say so loudly.
    for (let attempt = 1; ; attempt++) {
      try {
        await call('DELETE', `/${index}`);
        break;
      } catch (err) {
        if (attempt >= 15) {
          console.error(`could not delete the bench index ${index} (delete it by hand):`, err);
          break;
        }
        await new Promise((r) => setTimeout(r, 2000));
      }
    }
    await node.close();
  }
}

main().then(
  () => {
    clearTimeout(watchdog);
    process.exit(0);
  },
  (err: unknown) => {
    console.error(err);
    for (const c of children) c.child.kill('SIGKILL');
    process.exit(1);
  },
);

