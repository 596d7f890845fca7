/**
 * Where the gateway's young-generation promotion comes from (issue 13, item 2: ≈1.8 MiB promoted per young
 * collection vs ≈0.01 MiB in the floor). Runs the gateway child with --trace-gc-nvp and sends, one at a time,
 * requests that go through more and more of it: `/healthz` (node:http and the router), `{ __typename }`
 * (authentication, authorization, the GraphQL pipeline), `docs(first: 1) { total }` (plus one backend call),
 * and the bench search (20 hits, masking). Prints per kind: bytes promoted per request and per scavenge, and
 * V8's promotion rate (share of the previous scavenge's survivors promoted by this one).
 *
 *   node --import tsx bench/promotion.ts [--floor]
 *
 * Findings so far: see docs/performance.md ("GC promotion").
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { Pool } from 'undici';
import { INDEX, startInstantBackend } from './gateway/instant-backend.js';
import { PASSWORD, QUERY, USER, writeFixture } from './gateway/fixture.js';
import { spawnChild } from './gateway/spawn.js';

const floor = process.argv.includes('--floor');
execFileSync(process.execPath, [join(import.meta.dirname, '..', 'scripts', 'build-if-stale.mjs')], { stdio: 'inherit' });
const backend = await startInstantBackend();
const dir = await writeFixture(backend.url);
let trace = '';
const child = floor
  ? await spawnChild('floor', 'floor.ts', [JSON.stringify({ backend: backend.url, index: INDEX, user: USER, password: PASSWORD, salt: 'e1ukloTsQlOgPquJ' })], { execArgv: ['--trace-gc-nvp'], stdout: 'pipe' })
  : await spawnChild('gateway', 'child.ts', [dir], { execArgv: ['--trace-gc-nvp'], stdout: 'pipe' });
child.child.stdout!.on('data', (d: Buffer) => (trace += d.toString()));
const pool = new Pool(child.url, { connections: 4 });
const auth = `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`;
const post = (body: string) => async () => {
  const r = await pool.request({ method: 'POST', path: '/graphql', body, headers: { 'content-type': 'application/json', authorization: auth } });
  await r.body.text();
};
const kinds: [string, number, () => Promise<void>][] = [
  ...(floor ? [] : [['healthz', 20_000, async () => void (await (await pool.request({ method: 'GET', path: '/healthz' })).body.text())] as [string, number, () => Promise<void>]]),
  ...(floor ? [] : [['__typename', 6000, post('{"query":"{ __typename }"}')] as [string, number, () => Promise<void>]]),
  ...(floor ? [] : [['total (1 backend call)', 4000, post(JSON.stringify({ query: '{ docs(first: 1) { total } }' }))] as [string, number, () => Promise<void>]]),
  ['bench search', 4000, post(JSON.stringify({ query: QUERY, variables: { q: 'document words' } }))],
];
const num = (line: string, key: string) => Number(new RegExp(`\\b${key}=([\\d.]+)`).exec(line)?.[1] ?? 0);
for (const [, , one] of kinds) for (let i = 0; i < 1000; i++) await one();
console.log(`${floor ? 'floor' : 'gateway'}, one request at a time:`);
for (const [name, n, one] of kinds) {
  await new Promise((r) => setTimeout(r, 200));
  const from = trace.length;
  for (let i = 0; i < n; i++) await one();
  await new Promise((r) => setTimeout(r, 200));
  const scavenges = trace.slice(from).split('\n').filter((l) => / gc=s /.test(l));
  const promoted = scavenges.reduce((a, l) => a + num(l, 'promoted'), 0);
  const allocated = scavenges.reduce((a, l) => a + num(l, 'allocated'), 0);
  const rate = scavenges.reduce((a, l) => a + num(l, 'promotion_rate'), 0) / Math.max(1, scavenges.length);
  console.log(
    `${name.padEnd(24)} ${String(scavenges.length).padStart(4)} scavenges; promoted ${(promoted / n).toFixed(0).padStart(6)} B/request, ` +
      `${(promoted / Math.max(1, scavenges.length) / 1048576).toFixed(2)} MiB/scavenge; allocated ${(allocated / n / 1024).toFixed(0)} KiB/request; promotion rate ${rate.toFixed(0)}%`,
  );
}
await child.stop();
await pool.close();
await backend.close();
process.exit(0);
