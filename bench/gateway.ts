/**
 * `npm run bench`: what Searchgate adds to a typical search (20 hits, 5 fields, one DLS role, one masked
 * field), measured against a backend that answers instantly so the gateway's own cost stands out:
 * - added latency p50/p99 and requests per second at concurrency 1 and 32, gateway vs the same search sent
 *   straight to the backend;
 * - the gateway's CPU time per request (read from its own process: the figure that holds on a noisy machine);
 * - where the time goes (authentication, authorization, validation, execution, client, masking);
 * - schema build time and memory per new permission set, and that concurrent requests build it once.
 */
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import { Client } from '@opensearch-project/opensearch';
import { execute, parse, validate } from 'graphql';
import { compileQuery, isCompiledQuery } from 'graphql-jit';
import { Authorizer } from '../src/access/authorize.js';
import type { SchemaShape } from '../src/access/view.js';
import { createAuthenticator } from '../src/auth/chain.js';
import { parseAuthConfig } from '../src/auth/config.js';
import { searchPort, type SearchResponseRaw } from '../src/backend/search-port.js';
import { loadCatalog } from '../src/catalog/catalog.js';
import { loadConfig } from '../src/config/load.js';
import { loadSecurityConfig } from '../src/config/security/load.js';
import { DEFAULT_LIMITS } from '../src/authz/limits.js';
import { newRequestRecord } from '../src/observability/request.js';
import { SchemaServers } from '../src/graphql/servers.js';
import { Loaders } from '../src/api/get/loaders.js';
import { projectDocument } from '../src/api/document/project.js';
import type { RequestContext } from '../src/api/context.js';
import { buildSchema } from '../src/api/schema.js';
import { visibleIndex } from '../src/access/visible.js';
import { cannedHits, INDEX, startInstantBackend } from './gateway/instant-backend.js';
import { spawnGateway } from './gateway/spawn.js';
import { PASSWORD, QUERY, USER, writeFixture } from './gateway/fixture.js';
import { microsPerOp, summarize, table } from './gateway/stats.js';
import { benchAuth } from './auth.js';

const agent = new Agent({ keepAlive: true, maxSockets: 64 });

function post(url: string, body: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const req = request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 200 ? resolve(performance.now() - t0) : reject(new Error(`HTTP ${res.statusCode}`))));
    });
    req.on('error', reject);
    req.end(body);
  });
}

function postStatus(url: string, body: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** The costliest query the default limits let through: 10 searches of 100 hits with every field. */
function maximalQuery(): string {
  const one = (i: number) => `s${i}: docs(first: 100) { total hits { id score cursor document { title body year price tag } } }`;
  return `{ ${Array.from({ length: 10 }, (_, i) => one(i)).join(' ')} }`;
}

async function load(total: number, concurrency: number, send: () => Promise<number>) {
  const samples: number[] = [];
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next++ < total) samples.push(await send());
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  return { ...summarize(samples), rps: total / seconds };
}

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const N1 = quick ? 500 : 3000;
  const N32 = quick ? 2000 : 12000;
  const backend = await startInstantBackend();
  const dir = await writeFixture(backend.url);
  const auth = `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`;

  const { child, ask } = spawnGateway(dir);
  const { url } = await ask<{ url: string }>('ready');

  const gqlBody = JSON.stringify({ query: QUERY, variables: { q: 'document words' } });
  const directBody = JSON.stringify({
    query: { bool: { must: [{ simple_query_string: { query: 'document words', fields: ['body', 'tag', 'title'], default_operator: 'or' } }], filter: [{ term: { category: 'public' } }] } },
    size: 21,
    sort: [{ _score: { order: 'desc' } }, { _id: { order: 'asc' } }],
    _source: { includes: ['body', 'price', 'tag', 'title', 'year'] },
  });
  const viaGateway = () => post(`${url}/graphql`, gqlBody, { authorization: auth });
  const direct = () => post(`${backend.url}/${INDEX}/_search`, directBody, {});

  // Warm up both paths (token cache, schema, JIT).
  await load(500, 8, viaGateway);
  await load(500, 8, direct);

  const rows: (string | number)[][] = [];
  let cpuPerReq = 0;
  for (const [c, n] of [[1, N1], [32, N32]] as const) {
    const d = await load(n, c, direct);
    const before = await ask<{ usage: NodeJS.CpuUsage }>('cpu');
    const g = await load(n, c, viaGateway);
    const after = await ask<{ usage: NodeJS.CpuUsage; memory: NodeJS.MemoryUsage }>('cpu');
    const cpuUs = (after.usage.user - before.usage.user + after.usage.system - before.usage.system) / n;
    if (c === 32) cpuPerReq = cpuUs;
    rows.push([`c=${c}`, d.p50 * 1000, d.p99 * 1000, g.p50 * 1000, g.p99 * 1000, (g.p50 - d.p50) * 1000, (g.p99 - d.p99) * 1000, d.rps, g.rps, cpuUs]);
  }
  console.log('\nTypical search: 20 hits, 5 fields, one DLS role, one masked field (backend answers instantly)\n');
  console.log(
    table(
      ['concurrency', 'direct p50 µs', 'direct p99 µs', 'gateway p50 µs', 'gateway p99 µs', 'added p50 µs', 'added p99 µs', 'direct req/s', 'gateway req/s', 'gateway CPU µs/req'],
      rows,
    ),
  );
  console.log(`\nGoals: added p50 ≤ 500 µs at c=1; gateway CPU ≤ 270 µs/request. Measured CPU at c=32: ${cpuPerReq.toFixed(0)} µs/request.`);
  console.log(`CPU at c=32: ${cpuPerReq.toFixed(0)} µs/request`);

  // Under attack: signed-in searches while 100 wrong logins and 50 maximal-cost queries run without pause.
  const quiet = await load(quick ? 300 : 1500, 4, viaGateway);
  let attacking = true;
  let refusedOrThrottled = 0;
  const wrong = () =>
    postStatus(`${url}/graphql`, gqlBody, { authorization: `Basic ${Buffer.from(`${USER}:wrong-${Math.random()}`).toString('base64')}` }).then((s) => {
      if (s === 401 || s === 429 || s === 503) refusedOrThrottled += 1;
    });
  const costly = JSON.stringify({ query: maximalQuery() });
  const heavy = () => postStatus(`${url}/graphql`, costly, { authorization: auth });
  const attackers = [
    ...Array.from({ length: 100 }, async () => { while (attacking) await wrong().catch(() => undefined); }),
    ...Array.from({ length: 50 }, async () => { while (attacking) await heavy().catch(() => undefined); }),
  ];
  await new Promise((r) => setTimeout(r, 500));
  const underAttack = await load(quick ? 300 : 1500, 4, viaGateway);
  attacking = false;
  await Promise.all(attackers);
  console.log('\nUnder attack: signed-in searches (c=4) quiet vs while 100 wrong logins and 50 maximal-cost queries run\n');
  console.log(
    table(
      ['state', 'p50 µs', 'p99 µs', 'req/s'],
      [
        ['quiet', quiet.p50 * 1000, quiet.p99 * 1000, quiet.rps],
        ['under attack', underAttack.p50 * 1000, underAttack.p99 * 1000, underAttack.rps],
      ],
    ),
  );
  console.log(`\nGoal: p99 under attack ≤ 3x quiet p99. Measured: ${(underAttack.p99 / quiet.p99).toFixed(2)}x (${refusedOrThrottled} wrong logins refused or throttled).`);
  child.send({ kind: 'stop' });

  // Where the time goes, stage by stage, in this process.
  const { config } = await loadConfig(join(dir, 'searchgate.yml'), {});
  const security = await loadSecurityConfig(config.security.configDir);
  const client = new Client({ node: backend.url });
  const port = searchPort(client);
  const catalog = await loadCatalog(port, config.indices);
  const authn = createAuthenticator(parseAuthConfig(config.auth), {
    version: security.version,
    get: (name) => {
      const u = security.internalUsers.get(name);
      return u ? { name, hash: u.hash, backendRoles: [...u.backendRoles], securityRoles: [...u.securityRoles], attributes: { ...u.attributes } } : undefined;
    },
  });
  const authReq = { headers: { authorization: auth }, remoteAddress: '127.0.0.1', url: new URL('http://x/graphql') };
  const outcome = await authn.authenticate(authReq);
  if (outcome.kind !== 'ok') throw new Error('bench user did not authenticate');
  const authorizer = new Authorizer(() => ({ security, catalog }), { dfmEmptyOverridesAll: false, masking: config.security.masking });
  const view = authorizer.view(outcome.principal);
  const schema = buildSchema(view.shape);
  const doc = parse(QUERY);
  const canned = cannedHits(21) as unknown as SearchResponseRaw;
  const stubPort = { ...port, search: async () => canned };
  const ctx = (): RequestContext => {
    const c: RequestContext = { permissions: view, search: stubPort, limits: DEFAULT_LIMITS, record: newRequestRecord(undefined), loaders: new Loaders(() => c) };
    return c;
  };
  const visible = view.shape.indices[0]!.visible;
  const jitted = compileQuery(schema, doc);
  if (!isCompiledQuery(jitted)) throw new Error('bench query did not compile');
  const sources = canned.hits.hits.map((h) => h._source);
  const stages: (string | number)[][] = [
    ['authentication (basic, cache warm)', await microsPerOp(() => authn.authenticate(authReq))],
    ['authorization (roles, compiled permissions, DLS)', await microsPerOp(() => authorizer.view(outcome.principal))],
    ['parse', await microsPerOp(() => parse(QUERY))],
    ['validate (uncached; Apollo caches it per schema)', await microsPerOp(() => validate(schema, doc))],
    ['execute (graphql-jit, as served; canned backend answer)', await microsPerOp(() => jitted.query(undefined, ctx(), { q: 'document words' }))],
    ['execute (graphql-js, for comparison)', await microsPerOp(() => execute({ schema, document: doc, contextValue: ctx(), variableValues: { q: 'document words' } }))],
    ['of which projection + masking of 20 hits', await microsPerOp(() => sources.forEach((s) => projectDocument(s, visible, 'id')))],
    ['client round trip (official client, loopback)', await microsPerOp(() => client.search({ index: INDEX, body: JSON.parse(directBody) }))],
  ];
  console.log('\nWhere the time goes (µs per request, wall time in one process)\n');
  console.log(table(['stage', 'µs'], stages));

  // Schema per permission set: build time and memory, distinct FLS per set.
  const base = view.shape.indices[0]!;
  const fieldsAll = [...base.visible.leaves.keys()];
  const shapes: SchemaShape[] = Array.from({ length: 200 }, (_, i) => {
    const hide = fieldsAll[i % fieldsAll.length]!;
    const vis = visibleIndex(base.visible.model, {
      isVisible: (p) => p !== hide,
      isObjectVisible: () => true,
      maskerFor: (p) => (p === 'tag' && i % 2 === 0 ? (v) => String(v) : undefined),
    });
    return { key: `bench-${i}`, indices: [{ ...base, visible: vis }] };
  });
  const servers = new SchemaServers(1000);
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const heap0 = process.memoryUsage().heapUsed;
  const buildTimes: number[] = [];
  for (const s of shapes) {
    const t0 = performance.now();
    await servers.get(s);
    buildTimes.push(performance.now() - t0);
  }
  gc?.();
  const perSet = (process.memoryUsage().heapUsed - heap0) / shapes.length;
  const onlySchema = summarize(shapes.map((s) => { const t0 = performance.now(); buildSchema(s); return performance.now() - t0; }));
  // Concurrency: 50 simultaneous requests for one new permission set build one server.
  const fresh: SchemaShape = { key: 'bench-concurrent', indices: shapes[1]!.indices };
  const before = servers.size;
  const got = await Promise.all(Array.from({ length: 50 }, () => servers.get(fresh)));
  const builtOnce = servers.size === before + 1 && got.every((s) => s === got[0]);
  const st = summarize(buildTimes);
  console.log('\nSchema per permission set (200 distinct sets)\n');
  console.log(
    table(
      ['measure', 'value'],
      [
        ['schema + Apollo server, p50 ms', st.p50],
        ['schema + Apollo server, p99 ms', st.p99],
        ['schema alone (buildSchema), p50 ms', onlySchema.p50],
        ['retained heap per permission set, KiB', gc ? perSet / 1024 : 'run with --expose-gc'],
        ['50 concurrent requests built it once', builtOnce ? 'yes' : 'NO'],
      ],
    ),
  );
  console.log('\nGoals: ≤ 3 ms p50 and ≤ 256 KiB per permission set, built once under concurrency.');
  console.log('\nAuthentication per request (µs per call)\n');
  console.log(await benchAuth());
  console.log('\nGoal: with caches warm, authentication adds under 50 µs.');
  await servers.stop();
  await authn.close();
  await client.close();
  await backend.close();
  agent.destroy();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
