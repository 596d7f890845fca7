/**
 * Classes found by the wide generator's seed 71 and fixed in session 9. Every expected value was read from
 * a real OpenSearch 3.6.0 node with the same requests (HitContext identity hashes aside).
 */
import { describe, expect, it } from 'vitest';
import { engineCalls, nd } from './engine-calls.js';

const { call } = engineCalls();

async function load(): Promise<void> {
  for (const i of ['a', 'b']) {
    await call('PUT', `/s9-${i}`, { mappings: { properties: { sh: { type: 'short' }, t: { type: 'keyword' } } } });
  }
  await call('POST', '/_bulk?refresh=true', nd([
    { index: { _index: 's9-a', _id: '1' } }, { sh: 3 }, { index: { _index: 's9-a', _id: '2' } }, { t: 'x' }, { index: { _index: 's9-a', _id: '3' } }, { sh: 5 },
    { index: { _index: 's9-b', _id: '4' } }, { sh: 1 }, { index: { _index: 's9-b', _id: '5' } }, { t: 'y' },
  ]));
}

const ids = (body: { hits: { hits: { _index: string; _id: string }[] } }): string[] => body.hits.hits.map((h) => `${h._index.slice(3)}/${h._id}`);

describe('shards ordered by the primary sort field\'s bounds (can_match phase): ties across indices', () => {
  it('puts the index with the smaller minimum (ascending) or larger maximum (descending) first among equal sort values', async () => {
    await load();
    const page = async (sort: unknown): Promise<string[]> => ids((await call('POST', '/s9-a,s9-b/_search', { size: 5, sort })).body);
    expect(await page([{ sh: 'asc' }])).toEqual(['b/4', 'a/1', 'a/3', 'b/5', 'a/2']);
    expect(await page([{ sh: 'desc' }])).toEqual(['a/3', 'a/1', 'b/4', 'a/2', 'b/5']);
    expect(await page([{ sh: { order: 'asc', missing: '_last' } }])).toEqual(['b/4', 'a/1', 'a/3', 'b/5', 'a/2']);
    expect(await page([{ t: 'asc' }])).toEqual(['a/2', 'b/5', 'a/1', 'a/3', 'b/4']);
    expect(await page([{ t: { order: 'desc' } }])).toEqual(['b/5', 'a/2', 'b/4', 'a/1', 'a/3']);
    // The same tie under a query, aggregations or a second sort clause: the primary field decides the order.
    expect(ids((await call('POST', '/s9-a,s9-b/_search', { query: { bool: { filter: { match_all: {} } } }, sort: [{ sh: 'asc' }], size: 5, aggs: { s: { max: { field: 'sh' } } } })).body))
      .toEqual(['b/4', 'a/1', 'a/3', 'b/5', 'a/2']);
  });
});

describe('a bool without clauses is a match_all (BoolQueryBuilder.doRewrite), approximated like one', () => {
  it('leaves documents without the numeric sort field out of the hits, not out of the total', async () => {
    await load();
    for (const query of [{ bool: {} }, { bool: { must: [] } }, { bool: { must: [], should: [], filter: [] } }, { bool: { boost: 1 } }, { bool: { should: [], minimum_should_match: 1 } }]) {
      const r = await call('POST', '/s9-a/_search', { query, sort: [{ sh: 'desc' }] });
      expect(r.body.hits.total).toEqual({ value: 3, relation: 'eq' });
      expect(ids(r.body)).toEqual(['a/3', 'a/1']);
    }
    // Not approximated: a boost, a nested bool, hit counting true.
    for (const [query, extra] of [[{ bool: { boost: 2 } }, {}], [{ bool: { must: { bool: {} } } }, {}], [{ bool: {} }, { track_total_hits: true }]] as const) {
      const r = await call('POST', '/s9-a/_search', { query, sort: [{ sh: 'desc' }], ...extra });
      expect(ids(r.body)).toEqual(['a/3', 'a/1', 'a/2']);
    }
    const paged = await call('POST', '/s9-a,s9-b/_search', { query: { bool: { must: [] } }, from: 3, size: 3, sort: [{ sh: { order: 'asc' } }], track_total_hits: 20 });
    expect(paged.body.hits.total).toEqual({ value: 5, relation: 'eq' });
    expect(ids(paged.body)).toEqual([]);
  });
});

describe('track_scores with aggregations on a match_all sorted by one numeric field (fetch phase scores the approximation)', () => {
  const body = (extra: Record<string, unknown>): Record<string, unknown> =>
    ({ query: { match_all: {} }, sort: [{ sh: 'asc' }], track_scores: true, aggs: { s: { stats: { field: 'sh' } } }, ...extra });
  const noMatch = /^Can't compute score on document org\.opensearch\.search\.fetch\.FetchSubPhase\$HitContext@[0-9a-f]+ as it doesn't match the query$/;

  it('fails the shard of a page hit without a value: the others answer, total and aggregations stay', async () => {
    await load();
    const r = await call('POST', '/s9-a,s9-b/_search', body({ size: 4 }));
    expect(r.status).toBe(200);
    expect(r.body._shards).toMatchObject({ total: 2, successful: 1, skipped: 0, failed: 1 });
    expect(r.body._shards.failures).toHaveLength(1);
    expect(r.body._shards.failures[0]).toMatchObject({ shard: 0, index: 's9-b', reason: { type: 'illegal_state_exception' } });
    expect(r.body._shards.failures[0].reason.reason).toMatch(noMatch);
    expect(r.body.hits.total).toEqual({ value: 5, relation: 'eq' });
    expect(r.body.hits.max_score).toBe(1);
    expect(ids(r.body)).toEqual(['a/1', 'a/3']);
    expect(r.body.aggregations.s).toEqual({ count: 3, min: 1, max: 5, avg: 3, sum: 9 });
    // A page of hits that all have a value is answered whole.
    expect(ids((await call('POST', '/s9-a,s9-b/_search', body({ size: 3 }))).body)).toEqual(['b/4', 'a/1', 'a/3']);
  });

  it('is "all shards failed" (phase fetch over several shards, query on one) when every fetched shard fails', async () => {
    await load();
    const both = await call('POST', '/s9-a,s9-b/_search', body({ sort: [{ sh: 'desc' }] }));
    expect(both.status).toBe(500);
    expect(both.body.error).toMatchObject({ type: 'search_phase_execution_exception', reason: 'all shards failed', phase: 'fetch', grouped: true });
    expect(both.body.error.failed_shards.map((f: { index: string }) => f.index)).toEqual(['s9-a', 's9-b']);
    expect(both.body.error.root_cause.map((c: { type: string }) => c.type)).toEqual(['illegal_state_exception', 'illegal_state_exception']);
    const one = await call('POST', '/s9-a/_search', body({ query: { bool: {} }, from: 2, size: 1 }));
    expect(one.status).toBe(500);
    expect(one.body.error).toMatchObject({ phase: 'query', caused_by: { type: 'illegal_state_exception' } });
    expect(one.body.error.root_cause[0].reason).toMatch(noMatch);
    const index = await call('POST', '/s9-a/_search', body({ sort: [{ _index: 'desc' }] }));
    expect(index.status).toBe(400);
    expect(index.body.error.root_cause).toEqual([{ type: 'illegal_argument_exception', reason: 'Field [_index] of type [_index] does not support range queries' }]);
  });

  it('does not apply without track_scores, with hit counting true, with missing, or on a keyword sort', async () => {
    await load();
    for (const extra of [{ track_scores: false }, { track_total_hits: true }, { sort: [{ sh: { order: 'asc', missing: '_last' } }] }, { sort: [{ t: 'asc' }] }, { size: 0 }]) {
      const r = await call('POST', '/s9-a,s9-b/_search', body({ size: 5, ...extra }));
      expect(r.status).toBe(200);
      expect(r.body._shards.failed).toBe(0);
    }
  });
});
