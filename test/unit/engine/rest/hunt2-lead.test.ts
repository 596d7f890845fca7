/**
 * Classes of the third independent hunt (hunt2 FINDINGS) fixed on the lead branch. Every expected value was
 * read from a real OpenSearch 3.6.0 node with the same requests.
 */
import { describe, expect, it } from 'vitest';
import { engineCalls, nd } from './engine-calls.js';

const { call } = engineCalls();

async function load(): Promise<void> {
  await call('PUT', '/h', { mappings: { properties: { k: { type: 'keyword' }, f: { type: 'float' }, b: { type: 'boolean' } } } });
  await call('POST', '/h/_bulk?refresh=true', nd([
    { index: { _id: '1' } }, { k: 'a', f: 3.14, b: true }, { index: { _id: '2' } }, { k: 'b', b: false }, { index: { _id: '3' } }, { k: 'b' },
  ]));
}

describe('a metric aggregation with sub-aggregations (H2-24)', () => {
  it('is the 500 aggregation_initialization_exception OpenSearch raises while parsing, and fails an _msearch as a whole', async () => {
    await load();
    const aggs = { t: { stats: { field: 'f' }, aggs: { x: { max: { field: 'f' } } } } };
    const reason = 'Aggregator [t] of type [stats] cannot accept sub-aggregations';
    const one = await call('POST', '/h/_search', { size: 0, aggs });
    expect(one).toEqual({ status: 500, body: { error: { root_cause: [{ type: 'aggregation_initialization_exception', reason }], type: 'aggregation_initialization_exception', reason }, status: 500 } });
    const ms = await call('POST', '/h/_msearch', nd([{}, { size: 0 }, {}, { size: 0, aggs }]));
    expect(ms.status).toBe(500);
    expect(ms.body.error.type).toBe('aggregation_initialization_exception');
  });
});

describe('terms doc_count_error_upper_bound on one shard (H2-25)', () => {
  const error = async (index: string, terms: Record<string, unknown>): Promise<[number, number, number]> => {
    const r = await call('POST', `/${index}/_search`, { size: 0, aggs: { a: { terms: { field: 'k', ...terms } } } });
    expect(r.status).toBe(200);
    const a = r.body.aggregations.a;
    return [a.doc_count_error_upper_bound, a.sum_other_doc_count, a.buckets.length];
  };

  it('is -1 under an ascending count or sub-aggregation order once the shard filled its queue, 0 otherwise', async () => {
    await call('PUT', '/t3', { mappings: { properties: { k: { type: 'keyword' }, n: { type: 'integer' } } } });
    await call('POST', '/t3/_bulk?refresh=true', nd([{ index: {} }, { k: 'a', n: 1 }, { index: {} }, { k: 'b', n: 2 }, { index: {} }, { k: 'b', n: 2 }, { index: {} }, { k: 'c', n: 3 }]));
    const asc = { order: { _count: 'asc' } };
    expect(await error('t3', { size: 2, shard_size: 1, ...asc })).toEqual([-1, 2, 2]);
    expect(await error('t3', { size: 2, shard_size: 3, ...asc })).toEqual([-1, 2, 2]);
    expect(await error('t3', { size: 2, ...asc })).toEqual([0, 2, 2]);
    expect(await error('t3', { size: 5, shard_size: 1, ...asc })).toEqual([0, 0, 3]);
    expect(await error('t3', { size: 2, shard_size: 4, ...asc })).toEqual([0, 2, 2]);
    expect(await error('t3', { size: 2, shard_size: 3, min_doc_count: 2, ...asc })).toEqual([-1, 0, 1]);
    expect(await error('t3', { size: 2, shard_size: 3, include: ['a', 'b'], ...asc })).toEqual([0, 0, 2]);
    expect(await error('t3', { size: 2, shard_size: 1 })).toEqual([0, 1, 2]);
    expect(await error('t3', { size: 2, shard_size: 1, order: { _key: 'desc' } })).toEqual([0, 1, 2]);
    expect(await error('t3', { size: 2, shard_size: 1, order: [{ _count: 'asc' }, { _key: 'asc' }] })).toEqual([-1, 2, 2]);
    const sub = await call('POST', '/t3/_search', { size: 0, aggs: { a: { terms: { field: 'k', size: 2, shard_size: 1, order: { m: 'asc' } }, aggs: { m: { max: { field: 'n' } } } } } });
    expect(sub.body.aggregations.a.doc_count_error_upper_bound).toBe(-1);
    const shown = await call('POST', '/t3/_search', { size: 0, aggs: { a: { terms: { field: 'k', size: 2, shard_size: 2, show_term_doc_count_error: true, ...asc } } } });
    expect(shown.body.aggregations.a.buckets).toEqual([{ key: 'a', doc_count: 1, doc_count_error_upper_bound: -1 }, { key: 'c', doc_count: 1, doc_count_error_upper_bound: -1 }]);
  });

  it('uses size * 1.5 + 10 as the queue when shard_size is not given', async () => {
    await call('PUT', '/t15', { mappings: { properties: { k: { type: 'keyword' } } } });
    await call('POST', '/t15/_bulk?refresh=true', nd(Array.from({ length: 15 }, (_, i) => [{ index: {} }, { k: `k${i + 1}` }]).flat()));
    const asc = { order: { _count: 'asc' } };
    expect(await error('t15', { size: 1, ...asc })).toEqual([-1, 14, 1]);
    expect(await error('t15', { size: 3, ...asc })).toEqual([-1, 12, 3]);
    expect(await error('t15', { size: 4, ...asc })).toEqual([0, 11, 4]);
    expect(await error('t15', { size: 1 })).toEqual([0, 14, 1]);
  });
});

describe('match_all sorted on one numeric or date field (ApproximateMatchAllQuery; FINDINGS class 35, hunt2 H2-34)', () => {
  const page = async (body: Record<string, unknown>): Promise<[unknown, [string, unknown][]]> => {
    const r = await call('POST', '/ap/_search', body);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return [r.body.hits.total, r.body.hits.hits.map((h: any) => [h._id, h.sort?.[0]])];
  };
  const ALL = { value: 5, relation: 'eq' };

  it('leaves documents without a value out of the hits, not out of the total, as OpenSearch 3.6.0 does', async () => {
    await call('PUT', '/ap', { mappings: { properties: { k: { type: 'keyword' }, n: { type: 'long' }, d: { type: 'date' } } } });
    await call('POST', '/ap/_bulk?refresh=true', nd([
      { index: { _id: '1' } }, { k: 'x', n: 5 }, { index: { _id: '2' } }, { k: 'y' }, { index: { _id: '3' } }, { k: 'z', n: 1 },
      { index: { _id: '4' } }, { k: 'w', n: [3, 9] }, { index: { _id: '5' } }, { k: 'v' },
    ]));
    const m = { query: { match_all: {} } };
    expect(await page({ ...m, sort: ['n'] })).toEqual([ALL, [['3', 1], ['4', 3], ['1', 5]]]);
    expect(await page({ ...m, sort: [{ n: { mode: 'max', order: 'desc' } }] })).toEqual([ALL, [['4', 9], ['1', 5], ['3', 1]]]);
    expect(await page({ ...m, sort: ['n'], from: 1, size: 1 })).toEqual([ALL, [['4', 3]]]);
    expect(await page({ ...m, sort: ['n'], search_after: [1] })).toEqual([ALL, [['4', 3], ['1', 5]]]);
    expect(await page({ ...m, sort: [{ n: 'desc' }], search_after: [9] })).toEqual([ALL, [['1', 5], ['3', 1]]]);
    expect(await page({ ...m, sort: ['n'], track_total_hits: 2 })).toEqual([{ value: 2, relation: 'gte' }, [['3', 1], ['4', 3], ['1', 5]]]);
    expect(await page({ ...m, sort: [{ n: { unmapped_type: 'long' } }] })).toEqual([ALL, [['3', 1], ['4', 3], ['1', 5]]]);
    expect(await page({ query: { match_all: { boost: 1 } }, sort: ['n'] })).toEqual([ALL, [['3', 1], ['4', 3], ['1', 5]]]);
    expect(await page({ ...m, sort: ['n'], aggs: {} })).toEqual([ALL, [['3', 1], ['4', 3], ['1', 5]]]);
    // A post_filter or min_score counts the narrowed hits.
    expect(await page({ ...m, sort: ['n'], post_filter: { term: { k: 'y' } } })).toEqual([{ value: 0, relation: 'eq' }, []]);
    expect(await page({ ...m, sort: ['n'], min_score: 1 })).toEqual([{ value: 3, relation: 'eq' }, [['3', 1], ['4', 3], ['1', 5]]]);
    // Not approximated: no query, a boost, missing, two sort clauses, hit counting true, aggregations, keyword fields.
    const every = [['3', 1], ['4', 3], ['1', 5], ['2', '9223372036854775807'], ['5', '9223372036854775807']];
    const plain = async (body: Record<string, unknown>) => (await page(body))[1].map(([id, v]) => [id, String(v)]);
    expect(await plain({ sort: ['n'] })).toEqual(every.map(([id, v]) => [id, String(v)]));
    expect(await plain({ query: { match_all: { boost: 2 } }, sort: ['n'] })).toEqual(every.map(([id, v]) => [id, String(v)]));
    expect(await plain({ ...m, sort: [{ n: { missing: '_last' } }] })).toEqual(every.map(([id, v]) => [id, String(v)]));
    expect(await plain({ ...m, sort: ['n'], track_total_hits: true })).toEqual(every.map(([id, v]) => [id, String(v)]));
    expect((await plain({ ...m, sort: ['n', 'k'] })).length).toBe(5);
    expect((await plain({ ...m, sort: ['n'], aggs: { a: { terms: { field: 'k' } } } })).length).toBe(5);
    expect((await plain({ ...m, sort: ['k'] })).length).toBe(5);
    // A date field with one value: one hit, total 6.
    await call('PUT', '/ap/_doc/6?refresh=true', { k: 'u', d: '2024-01-01' });
    expect(await page({ ...m, sort: ['d'] })).toEqual([{ value: 6, relation: 'eq' }, [['6', 1704067200000]]]);
  });

  it('fails on _index, whose type has no range query', async () => {
    await call('PUT', '/ix', { mappings: { properties: { k: { type: 'keyword' } } } });
    await call('POST', '/ix/_bulk?refresh=true', nd([{ index: { _id: '1' } }, { k: 'x' }]));
    const r = await call('POST', '/ix/_search', { query: { match_all: {} }, sort: ['_index'] });
    expect(r.status).toBe(400);
    expect(r.body.error.root_cause[0]).toMatchObject({ type: 'illegal_argument_exception', reason: 'Field [_index] of type [_index] does not support range queries' });
    expect((await call('POST', '/ix/_search', { sort: ['_index'] })).status).toBe(200);
    expect((await call('POST', '/ix/_search', { query: { match_all: {} }, sort: ['_index'], track_total_hits: true })).status).toBe(200);
  });
});

describe('simple_query_string: a clause that builds no query keeps the pending operator (seed 30004 history)', () => {
  it('answers as OpenSearch 3.6.0 when a bare * (no token) sits between operators', async () => {
    await call('PUT', '/sq', { mappings: { properties: { t: { type: 'text' }, k: { type: 'keyword' } } } });
    await call('POST', '/sq/_bulk?refresh=true', nd([
      { index: { _id: '1' } }, { t: 'of fox' }, { index: { _id: '2' } }, { t: 'of' }, { index: { _id: '3' } }, { t: 'fox' }, { index: { _id: '4' } }, { t: 'other' },
    ]));
    const real: [string, string[]][] = [
      ['of + * -fox', ['2']], ['of -fox', ['1', '2', '4']], ['* + of -fox', ['1', '2', '4']], ['of | * + fox', ['1', '2', '3']],
      ['of + ★ -fox', ['2', '4']], ['of + * fox', ['1']], ['(of + *) -fox', ['1', '2', '4']], ['of + - * fox', ['1']],
    ];
    for (const [query, ids] of real) {
      const r = await call('POST', '/sq/_search', { query: { simple_query_string: { query, fields: ['t'] } }, _source: false });
      expect([query, r.body.hits.hits.map((h: any) => h._id).sort()]).toEqual([query, ids]);
    }
  });
});

describe('range and date_range string bounds on a boolean field (hunt2 generator, seed 1616)', () => {
  it('read "true"/"false" strictly, as DocValueFormat.BOOLEAN, and fail the shard on anything else', async () => {
    await call('PUT', '/bo', { mappings: { properties: { b: { type: 'boolean' } } } });
    await call('POST', '/bo/_bulk?refresh=true', nd([{ index: {} }, { b: true }, { index: {} }, { b: false }]));
    const agg = (a: Record<string, unknown>) => call('POST', '/bo/_search', { size: 0, aggs: { a } });
    expect((await agg({ range: { field: 'b', ranges: [{ from: 'true' }] } })).body.aggregations.a.buckets)
      .toEqual([{ key: 'true-*', from: 1, from_as_string: true, doc_count: 1 }]);
    expect((await agg({ range: { field: 'b', ranges: [{ to: 'false' }] } })).body.aggregations.a.buckets)
      .toEqual([{ key: '*-false', to: 0, to_as_string: false, doc_count: 0 }]);
    expect((await agg({ date_range: { field: 'b', ranges: [{ from: 'true' }] } })).body.aggregations.a.buckets)
      .toEqual([{ key: 'true-*', from: 1, from_as_string: true, doc_count: 1 }]);
    for (const [kind, bound] of [['range', '1'], ['date_range', '2000'], ['range', '2000'], ['range', 'TRUE']] as const) {
      const r = await agg({ [kind]: { field: 'b', ranges: [{ to: bound }] } });
      expect([kind, bound, r.status, r.body.error.root_cause[0]]).toEqual([kind, bound, 400, { type: 'illegal_argument_exception', reason: `Cannot parse boolean [${bound}], expected either [true] or [false]` }]);
    }
  });
});

describe('HEAD of a document with stored_fields (hunt2 generator, seed 1616)', () => {
  it('answers whether the document exists, as OpenSearch does, instead of refusing the parameter', async () => {
    await call('PUT', '/hd/_doc/17?refresh=true', { title: 'x' });
    expect((await call('HEAD', '/hd/_doc/17?stored_fields=title')).status).toBe(200);
    expect((await call('HEAD', '/hd/_doc/18?stored_fields=title')).status).toBe(404);
  });
});
