/**
 * Hunt classes fixed on the fixa branch (FINDINGS numbers). Every expected value was read from a real
 * OpenSearch 3.6.0 node (single shard, one bulk with refresh) with the same requests.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { engineCalls, nd } from './engine-calls.js';

const { call } = engineCalls();

async function load(index: string): Promise<void> {
  await call('PUT', `/${index}`, { mappings: { properties: { k: { type: 'keyword' }, n: { type: 'integer' }, d: { type: 'date' }, t: { type: 'text' }, m: { type: 'integer' } } } });
  await call('POST', '/_bulk?refresh=true', nd([
    { index: { _index: index, _id: '1' } }, { k: 'a', n: 1, d: '2017-01-01', t: 'x y', m: [1, 2] },
    { index: { _index: index, _id: '2' } }, { k: 'b', n: 2, d: '2018-01-01', t: 'x', m: 3 },
    { index: { _index: index, _id: '3' } }, { k: 'a', t: 'z' },
  ]));
}

describe('terminated_early with size 0 and aggregations (class 18)', () => {
  const aggs = { a: { terms: { field: 'k' } } };
  const early = async (index: string, body: Record<string, unknown>): Promise<unknown> => {
    const r = await call('POST', `/${index}/_search`, { size: 0, aggs, ...body });
    expect(r.status).toBe(200);
    return r.body.terminated_early;
  };

  it('is true where OpenSearch knows the count up front (match_all, a term or exists query without deletes)', async () => {
    await load('te');
    for (const query of [undefined, { term: { k: 'a' } }, { match: { t: 'x' } }, { match: { t: 'nope' } }, { exists: { field: 'n' } },
      { exists: { field: 't' } }, { bool: { filter: { term: { k: 'a' } } } }, { constant_score: { filter: { term: { k: 'a' } } } },
      { bool: { must: [{ match_all: { boost: 2 } }], filter: [{ term: { k: 'a' } }] } }, { bool: { filter: [{ term: { k: 'a' } }, { match_all: {} }] } },
      { bool: { should: [{ term: { k: 'a' } }] } }, { term: { _index: 'te' } }, { range: { d: { gte: '2000-01-01' } } },
      { match_phrase: { t: 'x' } }, { multi_match: { query: 'x', fields: ['t'] } }]) {
      expect(await early('te', query ? { query } : {}), JSON.stringify(query)).toBe(true);
    }
    // Also with hit counting disabled or 0 (a collector with a limit of 0), whatever the query.
    expect(await early('te', { track_total_hits: false, query: { range: { n: { gte: 1 } } }, post_filter: { term: { k: 'a' } } })).toBe(true);
    expect(await early('te', { track_total_hits: 0, query: { range: { n: { gte: 1 } } } })).toBe(true);
    // And inside _msearch items.
    const ms = await call('POST', '/te/_msearch', nd([{}, { size: 0, aggs }, {}, { size: 0 }]));
    expect(ms.body.responses.map((r: any) => r.terminated_early)).toEqual([true, undefined]);
    const keys = Object.keys((await call('POST', '/te/_search', { size: 0, aggs })).body);
    expect(keys.slice(0, 4)).toEqual(['took', 'timed_out', 'terminated_early', '_shards']);
  });

  it('is left out where the count is collected, without aggregations, with hits, or without segments', async () => {
    await load('te');
    for (const query of [{ term: { n: 1 } }, { range: { n: { gte: 1 } } }, { match: { t: 'x y' } }, { ids: { values: ['1'] } },
      { match_none: {} }, { bool: { must_not: { match_all: {} } } }, { exists: { field: 'zz' } }, { terms: { k: ['a'] } },
      { bool: { must: [{ term: { k: 'a' } }, { match_all: {} }] } }, { bool: { filter: [{ term: { k: 'a' } }], should: [{ term: { k: 'b' } }] } }]) {
      expect(await early('te', { query }), JSON.stringify(query)).toBeUndefined();
    }
    expect(await early('te', { post_filter: { term: { k: 'a' } } })).toBeUndefined();
    expect(await early('te', { min_score: 0 })).toBeUndefined();
    expect(await early('te', { size: 1 })).toBeUndefined();
    expect(await early('te', { aggs: {} })).toBeUndefined();
    expect((await call('POST', '/te/_search', { size: 0, aggs: {} })).body.aggregations).toBeUndefined();
    // A threshold counted by Weight.count on every segment (a single-valued point range) never stops early.
    expect(await early('te', { track_total_hits: 1, query: { range: { n: { gte: 1 } } } })).toBeUndefined();
    await call('PUT', '/empty', {});
    expect(await early('empty', {})).toBeUndefined();
    expect(await early('empty', { track_total_hits: false })).toBeUndefined();
  });

  it('follows deletes: a term query is collected then, match_all still counted; a tombstone is a segment', async () => {
    await load('del');
    await call('DELETE', '/del/_doc/3?refresh=true');
    expect(await early('del', {})).toBe(true);
    expect(await early('del', { query: { term: { k: 'a' } } })).toBeUndefined();
    expect(await early('del', { query: { exists: { field: 'k' } } })).toBeUndefined();
    await call('PUT', '/tomb', {});
    await call('DELETE', '/tomb/_doc/9?refresh=true');
    expect(await early('tomb', {})).toBe(true);
    // Two indices: true when one shard says so.
    await load('te');
    expect(await early('del,te', { query: { term: { k: 'a' } } })).toBe(true);
  });

  it('a filtering collector with a threshold below the matches stops early; a collected count there is refused', async () => {
    await load('te');
    expect(await early('te', { track_total_hits: 1, post_filter: { exists: { field: 'k' } } })).toBe(true);
    const r = await call('POST', '/te/_search', { size: 0, aggs, track_total_hits: 1, query: { match: { t: 'x y' } } });
    expect(r.status).toBe(400);
    expect(r.body.error.reason).toMatch(/\[terminated_early\] of a search with \[size\] 0, aggregations and \[track_total_hits\] at or below the matches is not supported by the embedded engine/);
  });

  it('answers track_total_hits 0 with size 0 and no match: eq where the count is known or no segment exists, else gte', async () => {
    await load('te');
    const total = async (index: string, query: unknown): Promise<unknown> =>
      (await call('POST', `/${index}/_search`, { size: 0, track_total_hits: 0, query })).body.hits.total;
    expect(await total('te', { match: { t: 'nope' } })).toEqual({ value: 0, relation: 'eq' });
    expect(await total('te', { exists: { field: 'zz' } })).toEqual({ value: 0, relation: 'gte' });
    expect(await total('te', { bool: { must_not: { match_all: {} } } })).toEqual({ value: 0, relation: 'gte' });
    expect(await total('te', { range: { n: { gte: 100 } } })).toEqual({ value: 0, relation: 'gte' });
    await call('PUT', '/empty', {});
    expect(await total('empty', { match_all: {} })).toEqual({ value: 0, relation: 'eq' });
  });

  it('answers track_total_hits equal to the matches with size 0 where no collector counts them', async () => {
    await load('te');
    const total = async (query: unknown, tth: number): Promise<unknown> =>
      (await call('POST', '/te/_search', { size: 0, track_total_hits: tth, query })).body.hits.total;
    expect(await total({ term: { k: 'a' } }, 2)).toEqual({ value: 2, relation: 'eq' });
    expect(await total({ range: { n: { gte: 1 } } }, 2)).toEqual({ value: 2, relation: 'eq' });
  });

  it('counts a bool of must [exists, match_all] by collecting: its total is every match (no shortcut)', async () => {
    await call('PUT', '/ex', { mappings: { properties: { t: { type: 'text' } } } });
    await call('POST', '/_bulk?refresh=true', nd([{ index: { _index: 'ex', _id: '1' } }, { t: 'a' }, { index: { _index: 'ex', _id: '2' } }, { t: '' }]));
    const total = async (query: unknown): Promise<unknown> => (await call('POST', '/ex/_search', { size: 0, query })).body.hits.total.value;
    expect(await total({ bool: { must: [{ exists: { field: 't' } }, { match_all: {} }] } })).toBe(2);
    expect(await total({ bool: { must: [{ exists: { field: 't' } }], filter: [{ match_all: {} }] } })).toBe(1);
    expect(await total({ bool: { should: [{ exists: { field: 't' } }] } })).toBe(1);
  });
});

describe('_msearch items that OpenSearch refuses while parsing fail the whole request (classes 17/29)', () => {
  const msearch = async (body: unknown): Promise<{ status: number; body: any }> =>
    call('POST', '/ms/_msearch', nd([{}, { size: 0 }, {}, body]));

  it('fails as a whole on parse-time errors, with OpenSearch\'s type and reason', async () => {
    await load('ms');
    const cases: [unknown, string, string][] = [
      [{ aggs: { a: { histogram: { field: 'n', interval: 5, extended_bounds: { min: 5, max: 0 } } } } }, 'x_content_parse_exception', '[1:86] [histogram] failed to parse field [extended_bounds]'],
      [{ aggs: { a: { histogram: { field: 'n', interval: 0 } } } }, 'x_content_parse_exception', '[1:51] [histogram] failed to parse field [interval]'],
      [{ aggs: { a: { histogram: { field: 'n', interval: 5, min_doc_count: -1 } } } }, 'x_content_parse_exception', '[1:69] [histogram] failed to parse field [min_doc_count]'],
      [{ aggs: { a: { terms: { field: 'k', min_doc_count: -1 } } } }, 'x_content_parse_exception', '[1:52] [terms] failed to parse field [min_doc_count]'],
      [{ aggs: { a: { terms: { field: 'k', include: 'r.*', exclude: ['red'] } } } }, 'x_content_parse_exception', '[1:68] [terms] failed to parse field [exclude]'],
      [{ aggs: { a: { terms: { field: 'k', order: { _key: 'up' } } } } }, 'x_content_parse_exception', '[1:52] [terms] failed to parse field [order]'],
      [{ aggs: { a: { terms: { field: 'k', collect_mode: 'xyz' } } } }, 'x_content_parse_exception', '[1:51] [terms] failed to parse field [collect_mode]'],
      [{ aggs: { a: { date_histogram: { field: 'd', calendar_interval: '1d', fixed_interval: '1d' } } } }, 'x_content_parse_exception', '[1:87] [date_histogram] failed to parse field [fixed_interval]'],
      [{ aggs: { a: { date_histogram: { field: 'd', calendar_interval: '1y', time_zone: 'Nowhere/City' } } } }, 'x_content_parse_exception', '[1:82] [date_histogram] failed to parse field [time_zone]'],
      [{ aggs: { a: { date_histogram: { field: 'd', calendar_interval: '1y', min_doc_count: -1 } } } }, 'x_content_parse_exception', '[1:86] [date_histogram] failed to parse field [min_doc_count]'],
      [{ aggs: { a: { cardinality: { field: 'k', precision_threshold: -1 } } } }, 'x_content_parse_exception', '[1:64] [cardinality] failed to parse field [precision_threshold]'],
      [{ aggs: { a: { filters: { filters: {} } } } }, 'illegal_argument_exception', '[filters] cannot be empty.'],
      [{ aggs: { a: { min: {} } } }, 'illegal_argument_exception', 'Required one of fields [field, script], but none were specified. '],
      [{ from: -1 }, 'illegal_argument_exception', '[from] parameter cannot be negative, found [-1]'],
      [{ size: -1 }, 'illegal_argument_exception', '[size] parameter cannot be negative, found [-1]'],
      [{ sort: [{ n: { order: 'up' } }] }, 'x_content_parse_exception', '[1:24] [field_sort] failed to parse field [order]'],
      [{ sort: [{ n: 'up' }] }, 'illegal_argument_exception', 'No enum constant org.opensearch.search.sort.SortOrder.UP'],
      [{ track_total_hits: 'abc' }, 'number_format_exception', 'For input string: "abc"'],
    ];
    for (const [body, type, reason] of cases) {
      const r = await msearch(body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.error, JSON.stringify(body)).toMatchObject({ type, reason });
    }
    const bounds = (await msearch(cases[0]![0])).body.error;
    expect(bounds.root_cause).toEqual([{ type: 'x_content_parse_exception', reason: 'Failed to build [double_bounds] after last required field arrived' }]);
    expect(bounds.caused_by).toEqual({ type: 'illegal_argument_exception', reason: 'max bound [0.0] must be greater than min bound [5.0]' });
    // A parse error wins over a query the shard refuses (OpenSearch parses the body first), and over a
    // sibling aggregation's build error (a regex include on a number: 500 when aggregators are created).
    const first = await call('POST', '/ms/_search', { query: { term: { n: 'abc' } }, aggs: { a: { histogram: { field: 'n', interval: 0 } } } });
    expect(first.body.error.type).toBe('x_content_parse_exception');
    const sibling = await call('POST', '/ms/_search', { aggs: { a: { terms: { field: 'n', include: 'r.*' } }, b: { histogram: { field: 'n', interval: 5, extended_bounds: { min: 5, max: 0 } } } } });
    expect([sibling.status, sibling.body.error.type]).toEqual([400, 'x_content_parse_exception']);
    const nested = await call('POST', '/ms/_search', { aggs: { a: { terms: { field: 'n', include: 'r.*' }, aggs: { s: { terms: { field: 'k', include: 'r.*', exclude: ['x'] } } } } } });
    expect([nested.status, nested.body.error.type]).toEqual([400, 'x_content_parse_exception']);
    // A sort's `missing` is read with the sort (its 400 wins over an aggregator's 500), except with mode
    // sum/avg/median: then only when the comparator is created, after the aggregators.
    const aggs = { b: { terms: { field: 'd', include: 'r.*' } } };
    expect((await call('POST', '/ms/_search', { sort: [{ n: { missing: '2017-01-01' } }], aggs })).status).toBe(400);
    expect((await call('POST', '/ms/_search', { sort: [{ n: { missing: '2017-01-01', mode: 'median' } }], aggs })).status).toBe(500);
  });

  it('answers the item with its error where OpenSearch fails it per shard', async () => {
    await load('ms');
    for (const body of [{ aggs: { a: { histogram: { field: 'n' } } } }, { aggs: { a: { range: { field: 'n', ranges: [] } } } },
      { aggs: { a: { date_histogram: { field: 'd', calendar_interval: '1y', extended_bounds: { min: '2020', max: '2010' } } } } },
      { aggs: { a: { stats: { field: 'n', missing: 'abc' } } } }, { aggs: { a: { terms: { field: 'k', execution_hint: 'xyz' } } } },
      { track_total_hits: -5 }]) {
      const r = await msearch(body);
      expect(r.status, JSON.stringify(body)).toBe(200);
      expect(r.body.responses[1].status, JSON.stringify(body)).toBe(400);
    }
    // An execution hint is read only for terms over strings; track_total_hits 1.5 is read as 1.
    expect((await msearch({ aggs: { a: { terms: { field: 'n', execution_hint: 'xyz' } } } })).body.responses[1].status).toBe(200);
    expect((await call('POST', '/ms/_search', { track_total_hits: 1.5 })).body.hits.total).toEqual({ value: 1, relation: 'gte' });
  });
});

describe('range aggregation on a date field: number bounds are numbers, the format only prints (classes 20/31)', () => {
  it('keeps a JSON number bound as it is, with or without format; strings go through the format', async () => {
    await call('PUT', '/ra', { mappings: { properties: { d: { type: 'date' }, ds: { type: 'date', format: 'epoch_second' }, n: { type: 'integer' } } } });
    await call('POST', '/_bulk?refresh=true', nd([
      { index: { _index: 'ra', _id: '1' } }, { d: '2017-01-01', ds: 1488700000, n: 1 },
      { index: { _index: 'ra', _id: '2' } }, { d: '2017-03-06T10:00:00Z', ds: 1488800000, n: 2 },
    ]));
    const range = async (spec: Record<string, unknown>): Promise<any> => {
      const r = await call('POST', '/ra/_search', { size: 0, aggs: { a: { range: spec } } });
      return r.status === 200 ? r.body.aggregations.a.buckets : r.body.error.root_cause[0].reason;
    };
    expect(await range({ field: 'd', ranges: [{ to: 1488700000000 }], format: 'yyyy-MM-dd' }))
      .toEqual([{ key: '*-2017-03-05', to: 1488700000000, to_as_string: '2017-03-05', doc_count: 1 }]);
    expect(await range({ field: 'd', ranges: [{ from: 2017 }], format: 'yyyy' }))
      .toEqual([{ key: '1970-*', from: 2017, from_as_string: '1970', doc_count: 2 }]);
    expect(await range({ field: 'd', ranges: [{ to: -5.5 }], format: 'yyyy-MM-dd' }))
      .toEqual([{ key: '*-1969-12-31', to: -5.5, to_as_string: '1969-12-31', doc_count: 0 }]);
    // On epoch_second the number is millis too (printed in the format).
    expect(await range({ field: 'ds', ranges: [{ to: 1488750000 }], format: 'yyyy-MM-dd' }))
      .toEqual([{ key: '*-1970-01-18', to: 1488750000, to_as_string: '1970-01-18', doc_count: 0 }]);
    expect(await range({ field: 'd', ranges: [{ from: '2017-03-05' }], format: 'yyyy-MM-dd' }))
      .toEqual([{ key: '2017-03-05-*', from: 1488672000000, from_as_string: '2017-03-05', doc_count: 1 }]);
    // A string bound, or a `missing`, still goes through the format.
    expect(await range({ field: 'd', ranges: [{ from: '1488700000000' }], format: 'yyyy-MM-dd' })).toMatch(/failed to parse date field \[1488700000000\] with format \[yyyy-MM-dd\]/);
    expect(await range({ field: 'd', ranges: [{ to: 1488700000000 }], format: 'yyyy-MM-dd', missing: 0 })).toMatch(/failed to parse date field \[0\] with format \[yyyy-MM-dd\]/);
    // Under a parent that keeps no bucket too (class 20).
    const sub = await call('POST', '/ra/_search', { size: 0, aggs: { h: { histogram: { field: 'n', interval: 1, min_doc_count: 5 }, aggs: { a: { range: { field: 'd', ranges: [{ to: 1488700000000 }], format: 'yyyy-MM-dd' } } } } } });
    expect(sub.body.aggregations).toEqual({ h: { buckets: [] } });
  });
});

describe('a sort over indices that type the field differently (class 42)', () => {
  beforeEach(async () => {
    const index = async (name: string, type: string, docs: unknown[]): Promise<void> => {
      await call('PUT', `/${name}`, { mappings: { properties: { p: { type } } } });
      await call('POST', '/_bulk?refresh=true', nd(docs.flatMap((d, i) => [{ index: { _index: name, _id: `${name.slice(-1)}${i + 1}` } }, d])));
    };
    await index('so-a', 'float', [{ p: 1.5 }, { x: 1 }, { p: 0.1 }, { p: [3, 9.25] }]);
    await index('so-b', 'long', [{ p: 7 }, { x: 1 }, { p: 0 }]);
    await index('so-c', 'integer', [{ p: 4 }, { x: 1 }]);
  });
  const sorted = async (body: string): Promise<{ hits: unknown[][]; total: number; failed: number }> => {
    const r = await call('POST', '/so-a,so-b,so-c/_search', body);
    expect(r.status).toBe(200);
    return { hits: r.body.hits.hits.map((h: any) => [h._id, ...h.sort]), total: r.body.hits.total.value, failed: r.body._shards.failed };
  };

  it('each index substitutes its own type\'s missing-value sentinel and renders its own values; the merge compares doubles', async () => {
    // OpenSearch 3.6.0: the float index's sentinel is Infinity, the long one's 2^63-1, the integer one's 2^31-1.
    const asc = await sorted('{"_source":false,"sort":[{"p":"asc"}]}');
    expect(JSON.stringify(asc.hits)).toBe('[["b3",0],["a3",0.1],["a1",1.5],["a4",3],["c1",4],["b1",7],["c2",2147483647],["b2",9223372036854775807],["a2","Infinity"]]');
    const desc = await sorted('{"_source":false,"sort":[{"p":"desc"}]}');
    expect(JSON.stringify(desc.hits)).toBe('[["a4",9.25],["b1",7],["c1",4],["a1",1.5],["a3",0.1],["b3",0],["c2",-2147483648],["b2",-9223372036854775808],["a2","-Infinity"]]');
  });

  it('reads search_after per index with its own type: a long truncates 0.1, an integer index fails alone beyond a long', async () => {
    const after = await sorted('{"_source":false,"sort":[{"p":"desc"}],"search_after":[0.1]}');
    expect(after.hits.map((h) => h[0])).toEqual(['c2', 'b2', 'a2']);
    // 2^63-1 is -1 for the integer index (Number.intValue), the long index's sentinel, and below Infinity.
    const max = await sorted('{"_source":false,"sort":[{"p":"asc"}],"search_after":[9223372036854775807]}');
    expect(max).toEqual({ hits: [['c1', 4], ['c2', 2147483647], ['a2', 'Infinity']], total: 9, failed: 0 });
    // Beyond a long the integer index fails (its shard only), the long one saturates.
    const beyond = await sorted('{"_source":false,"sort":[{"p":"asc"}],"search_after":[9223372036854776000]}');
    expect(beyond).toEqual({ hits: [['a2', 'Infinity']], total: 7, failed: 1 });
  });
});

describe('meta: {} of a filter rewritten on some of the searched indices (class 32 over two indices)', () => {
  it('comes from the first shard OpenSearch\'s reduce meets at that place', async () => {
    await call('PUT', '/me1', { mappings: { properties: { k: { type: 'keyword' }, n: { type: 'integer' } } } });
    await call('PUT', '/me2', { mappings: { properties: { z: { type: 'keyword' }, n: { type: 'integer' } } } });
    await call('POST', '/_bulk?refresh=true', nd([
      { index: { _index: 'me1', _id: '1' } }, { k: 'a', n: 1 }, { index: { _index: 'me1', _id: '2' } }, { k: 'b', n: 5 },
      { index: { _index: 'me2', _id: '3' } }, { z: 'q', n: 1 }, { index: { _index: 'me2', _id: '4' } }, { z: 'r', n: 9 },
    ]));
    const aggs = (f: unknown): unknown => ({ b: { filter: f }, t: { terms: { field: 'n' }, aggs: { f: { filter: f } } },
      h: { histogram: { field: 'n', interval: 4, min_doc_count: 0 }, aggs: { f: { filter: f } } } });
    const run = async (f: unknown): Promise<any> => (await call('POST', '/me2,me1/_search', { size: 0, aggs: aggs(f) })).body.aggregations;
    // `z` is unmapped on me1, the first shard (indices in name order): rewritten to match_none there.
    const z = await run({ term: { z: 'q' } });
    expect(z.b).toEqual({ meta: {}, doc_count: 1 });
    expect(z.t.meta).toEqual({});
    // A terms bucket's sub-aggregations come from the first shard holding the term (9 is only on me2).
    expect(z.t.buckets.map((b: any) => [b.key, b.f])).toEqual([[1, { meta: {}, doc_count: 1 }], [5, { meta: {}, doc_count: 0 }], [9, { doc_count: 0 }]]);
    // An empty histogram bucket is filled in from the first shard.
    expect(z.h.buckets.map((b: any) => [b.key, 'meta' in b.f])).toEqual([[0, true], [4, true], [8, false]]);
    // `k` is unmapped on me2 only: the first shard did not rewrite it, so no meta at the top.
    const k = await run({ term: { k: 'a' } });
    expect(k.b).toEqual({ doc_count: 1 });
    expect(k.t.buckets.map((b: any) => [b.key, 'meta' in b.f])).toEqual([[1, false], [5, false], [9, true]]);
  });
});

describe('aggregations over indices that map the field differently (wide fuzzer: object field, terms over two types)', () => {
  beforeEach(async () => {
    await call('PUT', '/ty1', { mappings: { properties: { o: { properties: { x: { type: 'keyword' } } }, f: { type: 'keyword' }, g: { type: 'long' }, n: { type: 'integer' } } } });
    await call('PUT', '/ty2', { mappings: { properties: { o: { type: 'keyword' }, f: { type: 'long' }, g: { type: 'double' }, n: { type: 'integer' } } } });
    await call('POST', '/_bulk?refresh=true', nd([
      { index: { _index: 'ty1', _id: '1' } }, { o: { x: 'a' }, f: 'a', g: 1, n: 1 }, { index: { _index: 'ty1', _id: '2' } }, { f: 'c', g: 3, n: 2 },
      { index: { _index: 'ty2', _id: '3' } }, { o: 'b', f: 2, g: 1.5, n: 3 }, { index: { _index: 'ty2', _id: '4' } }, { o: 'c', f: 4, n: 4 },
    ]));
  });
  const agg = async (index: string, a: unknown): Promise<{ status: number; body: any }> => call('POST', `/${index}/_search`, { size: 0, aggs: { a } });

  it('an object field is unmapped for aggregations (no error), on one index or beside a keyword', async () => {
    expect((await agg('ty1', { terms: { field: 'o' } })).body.aggregations.a.buckets).toEqual([]);
    expect((await agg('ty1', { terms: { field: 'o', missing: 'm' } })).body.aggregations.a.buckets).toEqual([{ key: 'm', doc_count: 2 }]);
    expect((await agg('ty1', { missing: { field: 'o' } })).body.aggregations.a).toEqual({ doc_count: 2 });
    expect((await agg('ty1,ty2', { terms: { field: 'o' } })).body.aggregations.a.buckets).toEqual([{ key: 'b', doc_count: 1 }, { key: 'c', doc_count: 1 }]);
    expect((await agg('ty1,ty2', { cardinality: { field: 'o' } })).body.aggregations.a).toEqual({ value: 2 });
  });

  it('an index whose mapping refuses the aggregation fails alone (a partial result)', async () => {
    const min = await agg('ty1,ty2', { min: { field: 'o' } });
    expect(min.status).toBe(200);
    expect(min.body._shards).toMatchObject({ total: 2, successful: 1, failed: 1 });
    expect(min.body._shards.failures[0]).toMatchObject({ index: 'ty2', reason: { type: 'illegal_argument_exception', reason: 'Field [o] of type [keyword] is not supported for aggregation [min]' } });
    expect(min.body.aggregations.a).toEqual({ value: null });
    const range = await agg('ty1,ty2', { range: { field: 'f', ranges: [{ to: 5 }] } });
    expect(range.body._shards.failed).toBe(1);
    expect(range.body.aggregations.a.buckets).toEqual([{ key: '*-5.0', to: 5, doc_count: 2 }]);
    const missing = await agg('ty1,ty2', { terms: { field: 'f', missing: 'zz' } });
    expect(missing.body._shards.failed).toBe(1);
    expect(missing.body.aggregations.a.buckets).toEqual([{ key: 'a', doc_count: 1 }, { key: 'c', doc_count: 1 }]);
  });

  it('terms over a keyword and a number fail the reduce where both meet, and answer in buckets of one index', async () => {
    for (const a of [{ terms: { field: 'f' } }, { filter: { match_all: {} }, aggs: { t: { terms: { field: 'f' } } } }]) {
      const r = await agg('ty1,ty2', a);
      expect(r.status).toBe(500);
      expect(r.body.error).toMatchObject({ type: 'search_phase_execution_exception', root_cause: [],
        caused_by: { type: 'aggregation_execution_exception', reason: expect.stringMatching(/existed as two different types in two different indices/) } });
    }
    // Long and double terms merge; a bucket of one index's documents merges nothing.
    expect((await agg('ty1,ty2', { terms: { field: 'g' } })).body.aggregations.a.buckets.map((b: any) => b.key)).toEqual([1, 1.5, 3]);
    const nested = await agg('ty1,ty2', { terms: { field: 'n' }, aggs: { t: { terms: { field: 'f' } } } });
    expect(nested.status).toBe(200);
    expect(nested.body.aggregations.a.buckets.map((b: any) => b.t.buckets.map((x: any) => x.key))).toEqual([['a'], ['c'], [2], [4]]);
  });
});

describe('a sort on a field one index maps as a keyword and another as a number (class 42, continued)', () => {
  beforeEach(async () => {
    await call('PUT', '/sm1', { mappings: { properties: { x: { type: 'integer' } } } });
    await call('PUT', '/sm2', { mappings: { properties: { x: { type: 'keyword' } } } });
    await call('POST', '/_bulk?refresh=true', nd([
      { index: { _index: 'sm1', _id: '1' } }, { x: 1 }, { index: { _index: 'sm2', _id: '2' } }, { x: 'b' }, { index: { _index: 'sm2', _id: '3' } }, { y: 1 },
    ]));
  });
  const search = async (body: unknown): Promise<{ status: number; body: any }> => call('POST', '/sm1,sm2/_search', body);

  it('fails the merge with a 500 once both kinds return hits; sorts with the type of the index holding them otherwise', async () => {
    const both = await search({ sort: [{ x: 'asc' }] });
    expect(both.status).toBe(500);
    expect(both.body.error).toMatchObject({ type: 'search_phase_execution_exception', caused_by: { type: 'class_cast_exception' } });
    expect((await search({ size: 0, sort: [{ x: 'asc' }] })).status).toBe(200);
    const one = await search({ query: { ids: { values: ['2', '3'] } }, sort: [{ x: 'asc' }] });
    expect(one.body.hits.hits.map((h: any) => h.sort)).toEqual([['b'], [null]]);
  });

  it('a sort `missing` one index cannot read fails that index alone', async () => {
    const r = await search({ _source: false, sort: [{ x: { order: 'asc', missing: 'zzz' } }] });
    expect(r.status).toBe(200);
    expect(r.body._shards).toMatchObject({ successful: 1, failed: 1 });
    expect(r.body.hits.hits.map((h: any) => [h._id, ...h.sort])).toEqual([['2', 'b'], ['3', 'zzz']]);
  });
});
