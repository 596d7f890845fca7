import { Pool } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { batchedSearches } from '../../../src/backend/search-batch.js';
import { searchPort } from '../../../src/backend/search-port.js';
import { authHeader, BACKENDS, startTestGateway, type TestGateway } from '../../support/gateway.js';

/**
 * Concurrent searches travel together as one `_msearch` on a real node (src/backend/search-batch.ts). What
 * must hold whatever travels together: each search gets exactly the answer `_search` gives it alone — its
 * own DLS, FLS and masks — and nothing of another's. The gateway batches only on a real node (the embedded
 * engine has no HTTP exchange to save), but the engine answers `_msearch` too, so the first part runs on both.
 */
const MASTER = 'master-user:master-password';
const LIMITED = 'limited-user:limited-password';
const ALL = '{ movies(first: 50) { total hits { id document { title year release_date } } } }';
// `rating` is outside the limited user's FLS: not even in their schema.
const ALL_WITH_RATING = '{ movies(first: 50) { total hits { id document { title year release_date rating } } } }';
const THOR = '{ movies(query: "thor", first: 20) { total hits { id document { title year } } } }';
const BY_YEAR = '{ movies(first: 0) { total aggregations { terms(field: YEAR, size: 50) { key count } } } }';

/** Search bodies as different callers' plans look: DLS filters, FLS includes, sorts, paging. */
const BODIES: Record<string, unknown>[] = [
  { query: { bool: { filter: [{ range: { year: { lte: 2012 } } }] } }, size: 30, sort: [{ year: 'asc' }, { _id: 'asc' }], _source: { includes: ['title', 'year'] } },
  { query: { match_all: {} }, size: 30, sort: [{ _id: 'asc' }] },
  { query: { bool: { must: [{ match: { title: 'thor' } }], filter: [{ range: { year: { gte: 2013 } } }] } }, size: 5, track_total_hits: true },
  { query: { match: { plot: 'the' } }, size: 3, from: 2, sort: [{ _score: 'desc' }, { _id: 'asc' }], _source: { excludes: ['plot'] } },
  { query: { term: { year: 1999 } }, size: 10 },
];
const withoutTook = ({ took: _took, ...rest }: Record<string, unknown>) => rest;

describe.each(BACKENDS)('searches batched into _msearch (%s)', (backend) => {
  let gw: TestGateway;
  let batches: number[] = [];
  beforeAll(async () => {
    gw = await startTestGateway(backend);
    const client = gw.gateway.backend.client;
    const original = client.msearch.bind(client);
    (client as { msearch: unknown }).msearch = ((params: { body: unknown[] }, ...rest: unknown[]) => {
      batches.push(params.body.length / 2);
      return (original as (...a: unknown[]) => unknown)(params, ...rest);
    }) as never;
  });
  afterAll(() => gw?.close());

  it('answers each search of an _msearch exactly as _search answers it alone, errors included', async () => {
    const client = gw.gateway.backend.client;
    const plain = searchPort(client);
    const alone = await Promise.all(BODIES.map((b) => plain.search(['movies'], b)));
    batches = [];
    const port = batchedSearches(plain, client);
    const together = await Promise.allSettled([...BODIES.map((b) => port.search(['movies'], b)), port.search(['movies'], { query: { no_such_query: {} } }), port.search(['no-such-index-anywhere'], { size: 1 })]);
    expect(batches).toEqual([BODIES.length + 2]);
    together.slice(0, BODIES.length).forEach((r, i) => {
      expect(r.status).toBe('fulfilled');
      expect(withoutTook((r as PromiseFulfilledResult<unknown>).value as never)).toEqual(withoutTook(alone[i] as never));
    });
    // Every answer is its own: the DLS'd, FLS'd one holds none of what the others show.
    const dlsd = (together[0] as PromiseFulfilledResult<{ hits: { hits: { _source: Record<string, unknown> }[] } }>).value.hits.hits;
    expect(dlsd.length).toBeGreaterThan(0);
    for (const h of dlsd) {
      expect(h._source.year).toBeLessThanOrEqual(2012);
      expect(Object.keys(h._source).sort()).toEqual(['title', 'year']);
    }
    const failed = together[BODIES.length];
    const missing = together[BODIES.length + 1];
    expect(failed).toMatchObject({ status: 'rejected', reason: { status: 400, type: 'parsing_exception' } });
    expect(missing).toMatchObject({ status: 'rejected', reason: { status: 404, type: 'index_not_found_exception' } });
  });

  it("concurrent callers through the gateway each get what they get alone, their own rules applied", async () => {
    const cases = [
      [MASTER, ALL_WITH_RATING],
      [LIMITED, ALL],
      [MASTER, THOR],
      [LIMITED, THOR],
    ] as const;
    // Kept-alive connections, all open before the burst: the requests then arrive in the same turns.
    const pool = new Pool(gw.url, { connections: 32 });
    const send = async (auth: string, query: string) => {
      const res = await pool.request({ method: 'POST', path: '/graphql', headers: { 'content-type': 'application/json', authorization: authHeader(auth) }, body: JSON.stringify({ query }) });
      return (await res.body.json()) as { data?: Record<string, any>; errors?: unknown[] };
    };
    try {
      const alone = new Map<string, unknown>();
      for (const [auth, q] of cases) {
        const r = await send(auth, q);
        expect(r.errors).toBeUndefined();
        alone.set(`${auth} ${q}`, r.data);
      }
      await Promise.all(Array.from({ length: 32 }, () => send(MASTER, THOR)));
      batches = [];
      let together: Awaited<ReturnType<typeof send>>[] = [];
      // Whether searches meet in one turn depends on timing; on a real node a few bursts are enough.
      for (let attempt = 0; attempt < 10; attempt++) {
        together = await Promise.all(Array.from({ length: 8 }, () => cases.map(([auth, q]) => send(auth, q))).flat());
        together.forEach((r, i) => {
          const [auth, q] = cases[i % cases.length]!;
          expect(r.errors).toBeUndefined();
          expect(r.data).toEqual(alone.get(`${auth} ${q}`));
        });
        if (backend === 'embedded' || batches.some((n) => n > 1)) break;
      }
      if (backend === 'opensearch') expect(batches.some((n) => n > 1)).toBe(true);
      else expect(batches).toEqual([]);

      // Absence and presence, as answered together: the limited user's DLS (year <= 2012), FLS and mask held.
      const master = together[0]!.data!.movies;
      const limited = together[1]!.data!.movies;
      expect(limited.total).toBeLessThan(master.total);
      expect(limited.hits.length).toBeGreaterThan(0);
      for (const h of limited.hits) {
        expect(h.document.year).toBeLessThanOrEqual(2012);
        expect(h.document).not.toHaveProperty('rating');
        expect(h.document.release_date).toMatch(/^[0-9a-f]{64}$/);
      }
      expect(master.hits.some((h: { document: { year: number } }) => h.document.year > 2012)).toBe(true);
      expect(master.hits.some((h: { document: { rating: number | null } }) => h.document.rating !== null)).toBe(true);
      expect(master.hits.some((h: { document: { release_date: string | null } }) => typeof h.document.release_date === 'string' && !/^[0-9a-f]{64}$/.test(h.document.release_date))).toBe(true);
    } finally {
      await pool.close();
    }
  });

  it('a search with aggregations goes alone, answered as before', async () => {
    const first = await gw.gql(BY_YEAR, { auth: LIMITED });
    expect(first.body.errors).toBeUndefined();
    expect(first.body.data.movies.aggregations.terms.length).toBeGreaterThan(0);
    batches = [];
    const many = await Promise.all(Array.from({ length: 6 }, () => gw.gql(BY_YEAR, { auth: LIMITED })));
    for (const r of many) expect(r.body.data).toEqual(first.body.data);
    expect(batches).toEqual([]);
  });
});
