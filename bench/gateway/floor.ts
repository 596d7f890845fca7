/**
 * The floor: the benchmark's search done minimally, to measure the gateway against. node:http server, undici
 * to the backend, graphql-jit over a hand-written schema: authenticate (hash of the credentials, compared
 * with a cached hash), compile the query once, send the same OpenSearch request (DLS filter, FLS includes),
 * parse the answer, project and mask (BLAKE2b, the gateway's default) the same fields, write the same bytes.
 * The bench checks that its response is byte-identical to the gateway's before measuring anything.
 *
 * Runs under plain `node` (type stripping): it imports no project module.
 * `node bench/gateway/floor.ts '{"backend":"http://...","index":"...","user":"...","password":"..."}'`
 */
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { blake2b } from '@noble/hashes/blake2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { buildSchema, parse } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import { Pool } from 'undici';

type Harness = typeof import('./harness.ts');
const { serveHarness } = (await import(new URL('./harness.ts', import.meta.url).href)) as Harness;

const settings = JSON.parse(process.argv[2]!) as { backend: string; index: string; user: string; password: string; salt: string };
const pool = new Pool(settings.backend, { connections: 256 });
const sha = (s: string) => createHash('sha256').update(s).digest('hex');
const allowed = new Set([sha(`Basic ${Buffer.from(`${settings.user}:${settings.password}`).toString('base64')}`)]);
const masking = { dkLen: 32, salt: new TextEncoder().encode(settings.salt).subarray(0, 16) };
const encoder = new TextEncoder();
// Remembered per value, bounded, as the gateway does (src/access/visible.ts): values repeat across responses.
const masked = new Map<string, string>();
const mask = (v: unknown) => {
  const text = typeof v === 'string' ? v : JSON.stringify(v);
  let out = masked.get(text);
  if (out === undefined) {
    out = bytesToHex(blake2b(encoder.encode(text), masking));
    if (masked.size >= 4096) masked.delete(masked.keys().next().value!);
    masked.set(text, out);
  }
  return out;
};

const schema = buildSchema(`
  type Query { docs(query: String, first: Int): Docs }
  type Docs { total: Int! hits: [Hit!]! pageInfo: PageInfo! }
  type Hit { id: ID! score: Float document: Doc! }
  type Doc { title: String body: String year: Int price: Float tag: String }
  type PageInfo { hasNextPage: Boolean! endCursor: String }
`);
interface Hit { _id: string; _score: number; _source: Record<string, unknown>; sort: unknown[] }
const toHit = (h: Hit) => ({
  id: h._id,
  score: h._score,
  document: { title: h._source.title, body: h._source.body, year: h._source.year, price: h._source.price, tag: h._source.tag === undefined ? undefined : mask(h._source.tag) },
});
const resolvers = {
  async docs(args: { query?: string; first?: number }) {
    const first = args.first ?? 10;
    const body = JSON.stringify({
      query: {
        bool: {
          must: [{ simple_query_string: { query: args.query ?? '', fields: ['body', 'title'], default_operator: 'or' } }],
          filter: [{ term: { category: 'public' } }],
        },
      },
      size: first + 1,
      sort: [{ _score: { order: 'desc' } }, { _id: { order: 'asc' } }],
      _source: { includes: ['body', 'price', 'tag', 'title', 'year'] },
    });
    const res = await pool.request({
      method: 'POST',
      path: `/${settings.index}/_search`,
      headers: { 'content-type': 'application/json' },
      body,
    });
    const answer = JSON.parse(await res.body.text()) as { hits: { total: { value: number }; hits: Hit[] } };
    const all = answer.hits.hits;
    const page = all.slice(0, first);
    const last = page.at(-1);
    return {
      total: answer.hits.total.value,
      hits: page.map(toHit),
      pageInfo: { hasNextPage: all.length > first, endCursor: last ? Buffer.from(JSON.stringify(last.sort)).toString('base64url') : null },
    };
  },
};

schema.getQueryType()!.getFields().docs!.resolve = (_root, args) => resolvers.docs(args as { query?: string; first?: number });

const compiled = new Map<string, CompiledQuery>();
const server = createServer((req, res) => {
  let text = '';
  req.setEncoding('utf8');
  req.on('data', (c: string) => (text += c));
  req.on('end', () => {
    const send = (status: number, payload: string) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(payload) });
      res.end(payload);
    };
    if (!allowed.has(sha(req.headers.authorization ?? ''))) return send(401, '{"errors":[{"message":"unauthenticated"}]}');
    const { query, variables } = JSON.parse(text) as { query: string; variables?: Record<string, unknown> };
    let q = compiled.get(query);
    if (!q) {
      const c = compileQuery(schema, parse(query));
      if (!isCompiledQuery(c)) return send(400, JSON.stringify(c));
      compiled.set(query, (q = c));
    }
    void Promise.resolve(q.query(undefined, undefined, variables)).then(
      // The gateway ends its JSON with a newline (as Apollo Server did); the floor writes the same bytes.
      (result) => send(200, `${JSON.stringify(result)}\n`),
      (err: unknown) => send(500, JSON.stringify({ errors: [{ message: String(err) }] })),
    );
  });
});
server.keepAliveTimeout = 60_000;
await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
serveHarness(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, async () => {
  await new Promise((r) => server.close(() => r(undefined)));
  await pool.close();
});
