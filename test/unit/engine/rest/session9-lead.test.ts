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

describe('named queries (`_name` on any query): matched_queries in each hit', () => {
  type Hit = { _id: string; _score: number; matched_queries?: unknown };
  const matched = async (body: Record<string, unknown>, qs = ''): Promise<[string, number, unknown][]> => {
    const r = await call('POST', `/s9-a/_search${qs}`, body);
    expect(r.status).toBe(200);
    return r.body.hits.hits.map((h: Hit) => [h._id, h._score, h.matched_queries ?? null]);
  };
  const all = (name: string): Record<string, unknown> => ({ match_all: { _name: name } });

  it('lists the query\'s and post_filter\'s named queries a hit matches, in Java HashMap order', async () => {
    await load();
    expect(await matched({
      query: { bool: { should: [{ term: { t: { value: 'x', _name: 'zeta' } } }, { exists: { field: 't', _name: 'alpha' } }, all('mid'), { range: { sh: { gte: 0, _name: 'b2' } } }], _name: 'outer' } },
      post_filter: all('pf'),
    })).toEqual([['2', 3, ['zeta', 'pf', 'alpha', 'outer', 'mid']], ['1', 2, ['b2', 'pf', 'outer', 'mid']], ['3', 2, ['b2', 'pf', 'outer', 'mid']]]);
    // Past 12 names the maps grow to 32 buckets; "Aa" and "BB" share a hash.
    const names = ['n1', 'n2', 'n3', 'n4', 'n5', 'n6', 'n7', 'n8', 'n9', 'n10', 'n11', 'n12', 'n13', 'Aa', 'BB'];
    expect(await matched({ query: { bool: { should: names.map(all) } }, size: 1 }))
      .toEqual([['1', 15, ['Aa', 'BB', 'n1', 'n2', 'n3', 'n4', 'n5', 'n6', 'n7', 'n8', 'n9', 'n10', 'n12', 'n11', 'n13']]]);
    const twelve = ['q1', 'q2', 'q3', 'q4', 'q5', 'q6', 'q7', 'q8', 'q9', 'qa', 'qb', 'qc'];
    expect(await matched({ query: { bool: { should: twelve.map(all) } }, size: 1 }))
      .toEqual([['1', 12, ['q1', 'qa', 'q2', 'qb', 'q3', 'qc', 'q4', 'q5', 'q6', 'q7', 'q8', 'q9']]]);
    // A name given twice is the last query given it; a hit matching no named query has no matched_queries.
    expect(await matched({ query: { bool: { should: [{ term: { t: { value: 'x', _name: 'dup' } } }, { range: { sh: { gte: 4, _name: 'dup' } } }] } } }))
      .toEqual([['2', 1, null], ['3', 1, ['dup']]]);
    expect(await matched({ query: { bool: { must_not: { term: { t: { value: 'x', _name: 'neg' } } }, _name: 'o' } } })).toEqual([['1', 0, ['o']], ['3', 0, ['o']]]);
    // Names in aggregations' filters are not reported.
    expect(await matched({ query: all('m'), size: 1, aggs: { f: { filter: { term: { t: { value: 'x', _name: 'agg' } } } } } })).toEqual([['1', 1, ['m']]]);
  });

  it('gives each named query\'s own score with include_named_queries_score (the URL parameter; the body\'s is overridden)', async () => {
    await load();
    expect(await matched({ query: { bool: { should: [{ term: { t: { value: 'x', _name: 'zeta', boost: 2 } } }, { exists: { field: 't', _name: 'alpha' } }, { match: { t: { query: 'x', _name: 'm' } } }, { terms: { sh: [3, 5], _name: 'tr' } }] } } }, '?include_named_queries_score=true'))
      .toEqual([['2', 4, { zeta: 2, alpha: 1, m: 1 }], ['1', 1, { tr: 1 }], ['3', 1, { tr: 1 }]]);
    expect(await matched({ query: { constant_score: { filter: { range: { sh: { gte: 3, _name: 'r' } } }, _name: 'cs', boost: 3 } } }, '?include_named_queries_score=true'))
      .toEqual([['1', 3, { cs: 3, r: 1 }], ['3', 3, { cs: 3, r: 1 }]]);
    expect(await matched({ query: { bool: { filter: [{ term: { t: { value: 'x', _name: 'f1' } } }], should: [{ match_all: {} }] } } }, '?include_named_queries_score'))
      .toEqual([['2', 1, { f1: 1 }]]);
    expect(await matched({ query: all('m'), size: 1, include_named_queries_score: true })).toEqual([['1', 1, ['m']]]);
    const bad = await call('POST', '/s9-a/_search', { query: { match_all: {} }, include_named_queries_score: 'x' });
    expect(bad.body.error.root_cause[0]).toEqual({ type: 'illegal_argument_exception', reason: 'Failed to parse value [x] as only [true] or [false] are allowed.' });
  });

  it('takes a name where each query\'s parser does, and refuses it where OpenSearch does', async () => {
    await load();
    expect(await matched({ query: { terms: { t: ['x'], _name: 5 } } })).toEqual([['2', 1, ['5']]]);
    const err = async (query: unknown): Promise<unknown> => (await call('POST', '/s9-a/_search', { query })).body.error.root_cause[0];
    expect(await err({ match_all: { _name: 5 } })).toEqual({ type: 'parsing_exception', reason: "[1:32] [match_all] _name doesn't support values of type: VALUE_NUMBER", line: 1, col: 32 });
    expect(await err({ ids: { values: [], _name: true } })).toEqual({ type: 'parsing_exception', reason: "[1:38] [ids] _name doesn't support values of type: VALUE_BOOLEAN", line: 1, col: 38 });
    expect(await err({ term: { t: 'x', _name: 'top' } })).toEqual({ type: 'parsing_exception', reason: "[term] query doesn't support multiple fields, found [t] and [_name]", line: 1, col: 35 });
    expect(await err({ range: { sh: { gte: 1 }, _name: 'top' } })).toEqual({ type: 'parsing_exception', reason: '[range] query does not support [_name]', line: 1, col: 43 });
  });
});

describe('exists on a field pattern that matches nothing is rewritten to match_none (ExistsQueryBuilder.doRewrite)', () => {
  it('so a filters aggregation holding it is rebuilt and reports meta {}; a pattern matching a field or metadata field is not', async () => {
    await load();
    const agg = async (filter: unknown): Promise<unknown> =>
      (await call('POST', '/s9-a/_search', { size: 0, aggs: { a: { filters: { filters: [filter] } } } })).body.aggregations.a;
    expect(await agg({ exists: { field: 'no*' } })).toEqual({ meta: {}, buckets: [{ doc_count: 0 }] });
    expect(await agg({ exists: { field: 't*' } })).toEqual({ buckets: [{ doc_count: 1 }] });
    expect(await agg({ exists: { field: '_i*' } })).toEqual({ buckets: [{ doc_count: 3 }] });
    const skipped = await call('POST', '/s9-a,s9-b/_search', { query: { exists: { field: 'no*' } }, sort: [{ sh: 'asc' }] });
    expect(skipped.body._shards).toEqual({ total: 2, successful: 2, skipped: 1, failed: 0 });
  });
});

describe('search body options OpenSearch knows', () => {
  it('accepts stats groups, an empty ext and options switched off; refuses the unimplemented ones by name, not as unknown keys', async () => {
    await load();
    const ask = async (body: Record<string, unknown>): Promise<{ status: number; body: { error?: { root_cause: unknown[] }; hits?: { total: unknown } } }> =>
      call('POST', '/s9-a/_search?size=0', body);
    for (const body of [{ stats: ['g'] }, { stats: [] }, { ext: {} }, { explain: false }, { profile: false }, { terminate_after: 0 }]) {
      expect((await ask(body)).body.hits?.total).toEqual({ value: 3, relation: 'eq' });
    }
    expect((await ask({ stats: 'g' })).body.error?.root_cause[0]).toEqual({ type: 'parsing_exception', reason: 'Unknown key for a VALUE_STRING in [stats].', line: 1, col: 10 });
    expect((await ask({ stats: [1] })).body.error?.root_cause[0]).toEqual({ type: 'parsing_exception', reason: 'Expected [VALUE_STRING] in [stats] but found [VALUE_NUMBER]', line: 1, col: 11 });
    expect((await ask({ ext: { foo: {} } })).body.error?.root_cause[0]).toEqual({ type: 'x_content_parse_exception', reason: 'unknown named object category [org.opensearch.search.SearchExtBuilder]' });
    for (const k of ['highlight', 'explain', 'fields', 'docvalue_fields', 'stored_fields', 'collapse', 'indices_boost']) {
      const r = await ask({ [k]: k === 'explain' ? true : k === 'highlight' || k === 'collapse' ? { fields: {} } : ['t'] });
      expect(r.status).toBe(400);
      expect(r.body.error?.root_cause[0]).toEqual({ type: 'illegal_argument_exception', reason: `search option [${k}] is not supported by the embedded engine` });
    }
  });
});

describe('URL parameters every endpoint or search takes', () => {
  const body = { query: { match_all: {} }, sort: ['_doc'], aggs: { m: { max: { field: 'sh' } } } };
  const filtered = async (fp: string): Promise<unknown> => {
    const r = await call('POST', `/s9-a/_search?size=2&filter_path=${fp}`, body);
    const out = r.body as Record<string, unknown>;
    delete out.took;
    return out;
  };

  it('filter_path keeps the matched paths (wildcards, **, exclusions) and drops containers it empties', async () => {
    await load();
    expect(await filtered('hits.total')).toEqual({ hits: { total: { value: 3, relation: 'eq' } } });
    expect(await filtered('**._id')).toEqual({ hits: { hits: [{ _id: '1' }, { _id: '2' }] } });
    expect(await filtered('hits.*.value')).toEqual({ hits: { total: { value: 3 } } });
    expect(await filtered('*.total')).toEqual({ _shards: { total: 1 }, hits: { total: { value: 3, relation: 'eq' } } });
    expect(await filtered('hits.hits._source,-hits.hits._source.t')).toEqual({ hits: { hits: [{ _source: { sh: 3 } }] } });
    expect(await filtered('-hits.hits.*,-_shards.*,-took')).toEqual({ timed_out: false, hits: { total: { value: 3, relation: 'eq' }, max_score: null }, aggregations: { m: { value: 5 } } });
    expect(await filtered('-**.value,-took,-_shards,-hits.hits')).toEqual({ timed_out: false, hits: { total: { relation: 'eq' }, max_score: null } });
    expect(await filtered('hits.hits,-hits.hits.*')).toEqual({});
    expect(await filtered('nothing')).toEqual({});
    // Errors come back whole.
    const err = await call('POST', '/nope/_search?filter_path=hits', {});
    expect(err.body.error.type).toBe('index_not_found_exception');
  });

  it('rest_total_hits_as_int gives the total as a number, makes counting exact and refuses a limit', async () => {
    await load();
    expect((await call('POST', '/s9-a/_search?rest_total_hits_as_int=true&size=0', {})).body.hits.total).toBe(3);
    expect((await call('POST', '/s9-a/_search?rest_total_hits_as_int&size=0', { track_total_hits: false })).body.hits.total).toBe(-1);
    expect((await call('POST', '/s9-a/_search?rest_total_hits_as_int=false&size=0', {})).body.hits.total).toEqual({ value: 3, relation: 'eq' });
    const limited = await call('POST', '/s9-a/_search?rest_total_hits_as_int=true&size=0', { track_total_hits: 2 });
    expect(limited.body.error.root_cause[0]).toEqual({ type: 'illegal_argument_exception', reason: '[rest_total_hits_as_int] cannot be used if the tracking of total hits is not accurate, got 2' });
    const ms = await call('POST', '/s9-a/_msearch?rest_total_hits_as_int=true', nd([{}, { size: 0 }]));
    expect(ms.body.responses[0].hits.total).toBe(3);
    const typed = await call('POST', '/s9-a/_search?typed_keys=true', {});
    expect(typed.body.error.root_cause[0]).toEqual({ type: 'illegal_argument_exception', reason: 'request parameter [typed_keys] is not supported by the embedded engine' });
  });
});

describe('aggregation results in the order of the reduce\'s HashMap (InternalAggregations.reduce)', () => {
  it('renders each level by Java hash bucket of the names, not in request order', async () => {
    await load();
    const r = await call('POST', '/s9-a/_search', {
      size: 0,
      aggs: { t: { terms: { field: 't', size: 1 }, aggs: { m: { missing: { field: 'sh' } }, c: { cardinality: { field: 't' } }, v: { value_count: { field: 't' } } } }, zz: { max: { field: 'sh' } }, a: { min: { field: 'sh' } } },
    });
    // The serialized text keeps the order (toEqual would not see it).
    expect(Object.keys(r.body.aggregations)).toEqual(['zz', 'a', 't']);
    expect(Object.keys(r.body.aggregations.t.buckets[0])).toEqual(['key', 'doc_count', 'c', 'v', 'm']);
    expect(r.text).toContain('"aggregations":{"zz":{"value":5},"a":{"value":3},"t":');
  });
});

describe('match_bool_prefix and multi_match bool_prefix', () => {
  async function cq(): Promise<void> {
    await call('PUT', '/cq', { mappings: { properties: { title: { type: 'text', fields: { raw: { type: 'keyword' } } }, body: { type: 'text' }, tags: { type: 'keyword' }, n: { type: 'integer' } } } });
    await call('POST', '/cq/_bulk?refresh=true', nd([
      { index: { _id: '1' } }, { title: 'Quick brown fox', body: 'The quick brown fox jumps over the lazy dog', tags: ['animal', 'fast'], n: 3 },
      { index: { _id: '2' } }, { title: 'Lazy dog sleeps', body: 'A lazy dog sleeps all day long', tags: ['animal'], n: 7 },
      { index: { _id: '3' } }, { title: 'Brown bread recipe', body: 'How to bake brown bread quickly', tags: ['food'], n: 1 },
      { index: { _id: '4' } }, { title: 'Foxes and hounds', body: 'quick foxes outrun slow hounds', tags: ['animal', 'fast'], n: 10 },
    ]));
  }
  const hits = async (query: unknown): Promise<unknown> => {
    const r = await call('POST', '/cq/_search', { query });
    return r.status === 200 ? r.body.hits.hits.map((h: { _id: string; _score: number }) => [h._id, h._score]) : [r.status, r.body.error.root_cause[0].type];
  };

  it('scores the terms by BM25 and the last token, when it ends the text, as a constant-score prefix', async () => {
    await cq();
    expect(await hits({ match_bool_prefix: { body: 'quick bro' } })).toEqual([['1', 1.2772589], ['3', 1], ['4', 0.35244772]]);
    expect(await hits({ match_bool_prefix: { body: { query: 'quick bro', operator: 'and' } } })).toEqual([['1', 1.2772589]]);
    expect(await hits({ match_bool_prefix: { body: { query: 'quick bro', boost: 2 } } })).toEqual([['1', 2.5545177], ['3', 2], ['4', 0.70489544]]);
    // A trailing space or punctuation makes the last token a plain term.
    expect(await hits({ match_bool_prefix: { body: 'quick ' } })).toEqual([['4', 0.35244772], ['1', 0.2772589]]);
    expect(await hits({ match_bool_prefix: { body: 'Quick Bro!' } })).toEqual([['4', 0.35244772], ['1', 0.2772589]]);
    expect(await hits({ match_bool_prefix: { body: 'qu qu' } })).toEqual([['1', 1], ['3', 1], ['4', 1]]);
    // Keyword fields take the whole text as a prefix; numbers a term; an unreadable number fails the shard.
    expect(await hits({ match_bool_prefix: { 'title.raw': 'Quick' } })).toEqual([['1', 1]]);
    expect(await hits({ match_bool_prefix: { tags: 'animal fa' } })).toEqual([]);
    expect(await hits({ match_bool_prefix: { n: '1' } })).toEqual([['3', 1]]);
    expect(await hits({ match_bool_prefix: { n: 'x' } })).toEqual([400, 'query_shard_exception']);
  });

  it('sums the fields for multi_match bool_prefix (tie breaker 1 unless given)', async () => {
    await cq();
    expect(await hits({ multi_match: { query: 'brown fo', fields: ['title', 'body'], type: 'bool_prefix' } })).toEqual([['1', 2.5923257], ['4', 2], ['3', 0.64513695]]);
    expect(await hits({ multi_match: { query: 'brown fo', fields: ['title^3', 'body'], type: 'bool_prefix', tie_breaker: 0.2 } })).toEqual([['1', 4.2006526], ['4', 3.2], ['3', 1.0112147]]);
    expect(await hits({ multi_match: { query: 'fo', fields: ['title', 'body', 'tags'], type: 'bool_prefix' } })).toEqual([['1', 2], ['4', 2], ['3', 1]]);
  });
});

describe('the reduce takes the first shard in can_match order, not by name', () => {
  it('prints dates in the format of the index the primary field sort puts first', async () => {
    await call('POST', '/_bulk?refresh=true', nd([
      { index: { _index: 's9d-a', _id: '1' } }, { when: '2017/03/05', city: 'Paris' },
      { index: { _index: 's9d-b', _id: '2' } }, { when: '2018-01-01T00:00:00Z', city: '東京' },
    ]));
    const aggs = async (extra: Record<string, unknown>): Promise<unknown> => (await call('POST', '/s9d-a,s9d-b/_search', {
      size: 0, ...extra, aggs: { d: { date_histogram: { field: 'when', calendar_interval: '1y' } }, m: { min: { field: 'when' } } },
    })).body.aggregations;
    // Descending on city: s9d-b (maximum 東京) first, its ISO format.
    expect(await aggs({ sort: [{ 'city.keyword': 'desc' }] })).toEqual({
      d: { buckets: [{ key_as_string: '2017-01-01T00:00:00.000Z', key: 1483228800000, doc_count: 1 }, { key_as_string: '2018-01-01T00:00:00.000Z', key: 1514764800000, doc_count: 1 }] },
      m: { value: 1488672000000, value_as_string: '2017-03-05T00:00:00.000Z' },
    });
    // Ascending (s9d-a's minimum Paris first), or no field sort (by name): s9d-a's yyyy/MM/dd.
    for (const extra of [{ sort: [{ 'city.keyword': 'asc' }] }, {}]) {
      expect(await aggs(extra)).toEqual({
        d: { buckets: [{ key_as_string: '2017/01/01 00:00:00', key: 1483228800000, doc_count: 1 }, { key_as_string: '2018/01/01 00:00:00', key: 1514764800000, doc_count: 1 }] },
        m: { value: 1488672000000, value_as_string: '2017/03/05 00:00:00' },
      });
    }
  });
});

describe('simple_query_string: a fuzzy operand beside a plain operand of the same word (wide seed 82)', () => {
  it('is refused where Lucene merges the two term queries with the other statistics, answered elsewhere', async () => {
    await call('PUT', '/sq', { mappings: { properties: { t: { type: 'text' } } } });
    // "å" is indexed once; "a" and "ab" give the fuzzy expansion of "å" a larger document frequency.
    await call('POST', '/sq/_bulk?refresh=true', nd([
      { index: { _id: '1' } }, { t: 'å x' }, { index: { _id: '2' } }, { t: 'a b' }, { index: { _id: '3' } }, { t: 'a' }, { index: { _id: '4' } }, { t: 'ab c' },
    ]));
    const ask = async (q: string): Promise<{ status: number; body: { error?: { root_cause: { reason: string }[] } } }> =>
      call('POST', '/sq/_search', { query: { simple_query_string: { query: q, fields: ['t'] } } });
    const refused = await ask('Å~1 | Å');
    expect(refused.status).toBe(400);
    expect(refused.body.error?.root_cause[0]?.reason).toContain('is not supported by the embedded engine');
    for (const q of ['Å | x', 'Å~1 | x', 'Å~1 Å~1', 'Å Å']) expect((await ask(q)).status).toBe(200);
  });
});

describe('the standard analyzer on a text ending with an unpaired high surrogate (Lucene scanner refill quirk)', () => {
  it('gives no token below the scanner buffer, and cuts a longer text where its last read happened', async () => {
    const { analyzeStandard } = await import('../../../../src/engine/analysis/standard.js');
    const terms = (t: string): string[] => analyzeStandard(t).map((x) => x.term);
    expect(terms('foo \ud83c')).toEqual([]);
    expect(terms('foo \ud83cx')).toEqual(['foo', 'x']);
    expect(terms('foo \ud83c ')).toEqual(['foo']);
    expect(terms('\ud83c foo')).toEqual(['foo']);
    const seventy = Array.from({ length: 70 }, (_, i) => `w${i}`);
    expect(terms(`${seventy.join(' ')} \ud83c`)).toEqual([...seventy.slice(0, 66), 'w', '66', ...seventy.slice(67)]);
    expect(terms(`${'ab '.repeat(300).slice(0, 253)}\ud83c`)).toEqual([]);
    expect(terms(`${'ab '.repeat(300).slice(0, 254)}\ud83c`)).toEqual(Array.from({ length: 85 }, () => 'ab'));
    // A cut between words drops the rest (200 words: the last read starts at w174).
    const many = Array.from({ length: 200 }, (_, i) => `w${i}`);
    expect(terms(`${many.join(' ')} \ud83c`)).toEqual(many.slice(0, 174));
  });
});

describe('no can_match shard order for sorts with a custom comparator', () => {
  it('keeps name order for mode avg/sum/median and a keyword missing value, orders for min/max and numeric missing', async () => {
    await load();
    const page = async (sort: unknown): Promise<string[]> => ids((await call('POST', '/s9-a,s9-b/_search', { size: 5, sort: [sort] })).body);
    expect(await page({ sh: { order: 'asc', mode: 'sum' } })).toEqual(['b/4', 'a/1', 'a/3', 'a/2', 'b/5']);
    expect(await page({ sh: { order: 'asc', mode: 'avg' } })).toEqual(['b/4', 'a/1', 'a/3', 'a/2', 'b/5']);
    expect(await page({ sh: { order: 'asc', mode: 'max' } })).toEqual(['b/4', 'a/1', 'a/3', 'b/5', 'a/2']);
    expect(await page({ sh: { order: 'asc', missing: 7 } })).toEqual(['b/4', 'a/1', 'a/3', 'b/5', 'a/2']);
    expect(await page({ t: { order: 'desc', missing: 'zz' } })).toEqual(['a/1', 'a/3', 'b/4', 'b/5', 'a/2']);
    expect(await page({ t: { order: 'desc', missing: '_first' } })).toEqual(['b/4', 'a/1', 'a/3', 'b/5', 'a/2']);
  });
});

describe('named queries that the rewrite removes register no name (long run seed 33004)', () => {
  it('leaves out a name inside a bool that a match_none filter turns into match_none, and never fails on it', async () => {
    await call('PUT', '/nq2', { mappings: { properties: { t: { type: 'keyword' }, n: { type: 'integer' } } } });
    await call('POST', '/nq2/_bulk?refresh=true', nd([{ index: { _id: '1' } }, { t: 'x', n: 1 }]));
    const matched = async (query: unknown): Promise<unknown> => {
      const r = await call('POST', '/nq2/_search', { query });
      expect(r.status).toBe(200);
      return r.body.hits.hits.map((h: { matched_queries?: unknown }) => h.matched_queries ?? null);
    };
    expect(await matched({ bool: { should: [{ bool: { filter: [{ term: { t: { value: 'x', _name: 'a' } } }, { match_none: {} }] } }, { match_all: { _name: 'm' } }] } })).toEqual([['m']]);
    // A bound beyond the integer range would fail the shard if the range were built; the rewrite removes it first.
    expect(await matched({ bool: { should: [{ bool: { filter: [{ constant_score: { filter: { range: { n: { gte: 9007199254740993 } } }, _name: 'r' } }, { match_none: {} }] } }, { match_all: { _name: 'm' } }] } })).toEqual([['m']]);
  });
});
