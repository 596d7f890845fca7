/**
 * `npm run bench:soak [-- --seconds 600]`: memory under a long mixed hostile + normal load. The gateway runs
 * in its own process on the instant backend; signed-in searches, wrong logins, maximal-cost queries and
 * refused hostile documents run together for the whole time, and the gateway's heap and RSS are sampled every
 * 10 s. Memory is flat when the last samples are within a few percent of those after warm-up (caches full).
 * Not part of CI: it takes minutes by design.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { Agent, request } from 'node:http';
import { startInstantBackend } from './gateway/instant-backend.js';
import { spawnChild } from './gateway/spawn.js';
import { PASSWORD, QUERY, USER, writeFixture } from './gateway/fixture.js';
import { table } from './gateway/stats.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const seconds = arg('seconds', 600);
const agent = new Agent({ keepAlive: true, maxSockets: 128 });

function post(url: string, body: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve) => {
    const req = request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', () => resolve(0));
    req.end(body);
  });
}

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

const hostileDocuments = (): string[] => {
  const aliases = `{ ${Array.from({ length: 500 }, (_, i) => `a${i}: docs(first: 1) { total }`).join(' ')} }`;
  const frags = ['fragment F0 on BenchDoc { title }'];
  for (let i = 1; i <= 30; i++) frags.push(`fragment F${i} on BenchDoc { ...F${i - 1} ...F${i - 1} }`);
  const bomb = `{ docs(first: 100) { hits { document { ...F30 } } } } ${frags.join(' ')}`;
  let deep: unknown = { year: { gte: 1 } };
  for (let i = 0; i < 500; i++) deep = { not: deep };
  return [
    JSON.stringify({ query: aliases }),
    JSON.stringify({ query: bomb }),
    JSON.stringify({ query: 'query($w: BenchDocWhere) { docs(where: $w) { total } }', variables: { w: deep } }),
    JSON.stringify({ query: 'query($q: String) { docs(query: $q) { total } }', variables: { q: `${'('.repeat(5000)}x${')'.repeat(5000)}` } }),
  ];
};

async function main(): Promise<void> {
  const backend = await startInstantBackend();
  const dir = await writeFixture(backend.url);
  execFileSync(process.execPath, [join(import.meta.dirname, '..', 'scripts', 'build-if-stale.mjs')], { stdio: 'inherit' });
  const gateway = await spawnChild('gateway', 'child.ts', [dir]);
  const { url, ask } = gateway;
  const gql = `${url}/graphql`;
  const normal = JSON.stringify({ query: QUERY, variables: { q: 'document words' } });
  const hostile = hostileDocuments();
  const maximal = JSON.stringify({ query: `{ ${Array.from({ length: 10 }, (_, i) => `s${i}: docs(first: 100) { hits { id document { title body year price tag } } }`).join(' ')} }` });

  let running = true;
  const counts = { normal: 0, normalFailed: 0, wrong: 0, maximal: 0, hostile: 0 };
  const loop = (n: number, work: () => Promise<void>) => Array.from({ length: n }, async () => { while (running) await work(); });
  const workers = [
    ...loop(4, async () => {
      const s = await post(gql, normal, { authorization: basic(USER, PASSWORD) });
      counts.normal += 1;
      if (s !== 200) counts.normalFailed += 1;
    }),
    ...loop(20, async () => {
      await post(gql, normal, { authorization: basic(`user-${Math.floor(Math.random() * 1e6)}`, `wrong-${Math.random()}`) });
      counts.wrong += 1;
    }),
    ...loop(5, async () => {
      await post(gql, maximal, { authorization: basic(USER, PASSWORD) });
      counts.maximal += 1;
    }),
    ...loop(5, async () => {
      await post(gql, hostile[counts.hostile % hostile.length]!, { authorization: basic(USER, PASSWORD) });
      counts.hostile += 1;
    }),
  ];

  const samples: (string | number)[][] = [];
  const mib = (b: number) => Math.round((b / 1048576) * 10) / 10;
  for (let t = 10; t <= seconds; t += 10) {
    await new Promise((r) => setTimeout(r, 10_000));
    const { memory } = await ask<{ memory: NodeJS.MemoryUsage }>('cpu');
    samples.push([t, mib(memory.rss), mib(memory.heapUsed), counts.normal, counts.normalFailed, counts.wrong, counts.maximal, counts.hostile]);
    console.error(`t=${t}s rss ${mib(memory.rss)} MiB heap ${mib(memory.heapUsed)} MiB`);
  }
  running = false;
  await Promise.all(workers);
  console.log('\nMemory under mixed hostile + normal load (gateway process; counts are cumulative)\n');
  console.log(table(['t s', 'RSS MiB', 'heap MiB', 'searches', 'searches failed', 'wrong logins', 'maximal queries', 'hostile docs'], samples));
  const warm = samples[Math.min(samples.length - 1, Math.floor(samples.length / 5))]!;
  const last = samples.at(-1)!;
  console.log(`\nHeap after warm-up ${warm[2]} MiB, at the end ${last[2]} MiB; RSS ${warm[1]} -> ${last[1]} MiB.`);
  await gateway.stop();
  await backend.close();
  agent.destroy();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
