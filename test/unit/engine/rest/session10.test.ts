/**
 * Classes found in session 10. Every expected value was read from a real OpenSearch 3.6.0 node with the same
 * requests (with max_concurrent_shard_requests=1 where OpenSearch's answer depends on timing).
 */
import { describe, expect, it } from 'vitest';
import { engineCalls, nd } from './engine-calls.js';

const { call } = engineCalls();

const ids = (body: { hits: { hits: { _index: string; _id: string }[] } }): string[] => body.hits.hits.map((h) => h._id);

async function twoIndices(a: (number | null)[], b: (number | null)[], type = 'long'): Promise<void> {
  const lines: unknown[] = [];
  for (const [name, vals] of [['s10-a', a], ['s10-b', b]] as const) {
    await call('DELETE', `/${name}`);
    await call('PUT', `/${name}`, { mappings: { properties: { k: { type } } } });
    vals.forEach((v, i) => lines.push({ index: { _index: name, _id: `${name.slice(-1)}${i + 1}` } }, v === null ? {} : { k: v }));
  }
  await call('POST', '/_bulk?refresh=true', nd(lines));
}

describe('search_after over several indices: an index wholly before the cursor may be left out (timing)', () => {
  const refusal = /^search_after over several indices with \[track_total_hits\] below the matches, where an index whose values of the first sort field all lie before the cursor .* is not supported by the embedded engine/;

  it('refuses where OpenSearch may drop the later index\'s documents without a value, answers elsewhere', async () => {
    // a: 10 3 11, b: 8 9 6 and one without k; sorted desc after 4. b's values all lie before the cursor, and
    // a (first in shard order: the larger maximum) already reported 3 hits: with track_total_hits 1 or 2
    // OpenSearch may leave b out (always with max_concurrent_shard_requests=1), so b4 may or may not come back.
    await twoIndices([10, 3, 11], [8, 9, 6, null]);
    for (const t of [1, 2]) {
      const r = await call('POST', '/s10-a,s10-b/_search', { sort: [{ k: 'desc' }], search_after: [4], track_total_hits: t, _source: false });
      expect(r.status).toBe(400);
      expect(r.body.error.type).toBe('illegal_argument_exception');
      expect(r.body.error.reason).toMatch(refusal);
    }
    // Answered: hit counting at or above what the first index reports (b is always searched), or `missing`
    // written (canMatchSearchAfter then always matches).
    const t3 = await call('POST', '/s10-a,s10-b/_search', { sort: [{ k: 'desc' }], search_after: [4], track_total_hits: 3, _source: false });
    expect(t3.body.hits.total).toEqual({ value: 3, relation: 'gte' });
    expect(ids(t3.body)).toEqual(['a2', 'b4']);
    const all = await call('POST', '/s10-a,s10-b/_search', { sort: [{ k: 'desc' }], search_after: [4], _source: false });
    expect(all.body.hits.total).toEqual({ value: 7, relation: 'eq' });
    expect(ids(all.body)).toEqual(['a2', 'b4']);
    const missing = await call('POST', '/s10-a,s10-b/_search', { sort: [{ k: { order: 'desc', missing: '_last' } }], search_after: [4], track_total_hits: 1, _source: false });
    expect(ids(missing.body)).toEqual(['a2', 'b4']);
    // Aggregations would lose the left-out index's documents: refused too, also with size 0.
    const aggs = await call('POST', '/s10-a,s10-b/_search', { size: 0, sort: [{ k: 'desc' }], search_after: [4], track_total_hits: 1, aggs: { c: { value_count: { field: 'k' } } } });
    expect(aggs.body.error.reason).toMatch(refusal);
  });

  it('answers when the later index has a value after the cursor, or nothing without a value on the page', async () => {
    await twoIndices([10, 3, 11], [8, 9, 6]);
    const r = await call('POST', '/s10-a,s10-b/_search', { sort: [{ k: 'desc' }], search_after: [4], track_total_hits: 1, _source: false });
    expect(r.body.hits.total).toEqual({ value: 1, relation: 'gte' });
    expect(ids(r.body)).toEqual(['a2']);
    await twoIndices([10, 3, 11], [8, 9, 6, 2, null]);
    const r2 = await call('POST', '/s10-a,s10-b/_search', { sort: [{ k: 'desc' }], search_after: [4], track_total_hits: 1, _source: false });
    expect(ids(r2.body)).toEqual(['a2', 'b4', 'b5']);
  });

  it('keyword sorts too: ordered by the maximum term descending', async () => {
    await call('DELETE', '/s10-a');
    await call('DELETE', '/s10-b');
    for (const n of ['s10-a', 's10-b']) await call('PUT', `/${n}`, { mappings: { properties: { k: { type: 'keyword' } } } });
    await call('POST', '/_bulk?refresh=true', nd([
      { index: { _index: 's10-a', _id: 'a1' } }, { k: 'x' }, { index: { _index: 's10-a', _id: 'a2' } }, { k: '-5' },
      { index: { _index: 's10-a', _id: 'a3' } }, {}, { index: { _index: 's10-a', _id: 'a4' } }, { k: 'b' },
      { index: { _index: 's10-b', _id: 'b1' } }, { k: 'y' }, { index: { _index: 's10-b', _id: 'b2' } }, {},
      { index: { _index: 's10-b', _id: 'b3' } }, { k: '-7' }, { index: { _index: 's10-b', _id: 'b4' } }, {},
    ]));
    const r = await call('POST', '/s10-a,s10-b/_search', { sort: [{ k: 'desc' }], search_after: ['-1'], track_total_hits: 2, _source: false });
    expect(r.body.error.reason).toMatch(refusal);
    const t = await call('POST', '/s10-a,s10-b/_search', { sort: [{ k: 'desc' }], search_after: ['-1'], track_total_hits: true, _source: false });
    expect(ids(t.body)).toEqual(['b2', 'b4', 'a3']);
  });
});

describe('terms with `missing` on an index that does not map the field: string terms in the reduce (wide seed 84)', () => {
  it('fails the search beside a numeric mapping, merges beside a keyword one', async () => {
    await call('PUT', '/s10-a', { mappings: { properties: { misc: { type: 'long' } } } });
    await call('PUT', '/s10-b', { mappings: { properties: { misc: { type: 'object' } } } });
    await call('POST', '/_bulk?refresh=true', nd([
      { index: { _index: 's10-a', _id: 'a1' } }, { misc: 3 }, { index: { _index: 's10-a', _id: 'a2' } }, {},
      { index: { _index: 's10-b', _id: 'b1' } }, { misc: {} },
    ]));
    const r = await call('POST', '/s10-a,s10-b/_search', { size: 0, aggs: { a: { terms: { field: 'misc', missing: 7.5 } } } });
    expect(r.status).toBe(500);
    expect(r.body.error.caused_by).toEqual({ type: 'aggregation_execution_exception', reason: 'Merging/Reducing the aggregations failed when computing the aggregation [a] because the field you gave in the aggregation query existed as two different types in two different indices' });
    // Without `missing` the unmapped shard has no buckets and merges.
    const plain = await call('POST', '/s10-a,s10-b/_search', { size: 0, aggs: { a: { terms: { field: 'misc' } } } });
    expect(plain.body.aggregations.a.buckets).toEqual([{ key: 3, doc_count: 1 }]);
    // One index alone: the missing value as a number on the long field.
    const one = await call('POST', '/s10-a/_search', { size: 0, aggs: { a: { terms: { field: 'misc', missing: 7.5 } } } });
    expect(one.body.aggregations.a.buckets).toEqual([{ key: 3, doc_count: 1 }, { key: 7.5, doc_count: 1 }]);
  });

  it('merges with a keyword mapping', async () => {
    await call('PUT', '/s10-a', { mappings: { properties: { misc: { type: 'keyword' } } } });
    await call('PUT', '/s10-b', { mappings: { properties: { misc: { type: 'object' } } } });
    await call('POST', '/_bulk?refresh=true', nd([
      { index: { _index: 's10-a', _id: 'a1' } }, { misc: '3' }, { index: { _index: 's10-a', _id: 'a2' } }, {},
      { index: { _index: 's10-b', _id: 'b1' } }, { misc: {} },
    ]));
    const r = await call('POST', '/s10-a,s10-b/_search', { size: 0, aggs: { a: { terms: { field: 'misc', missing: 7.5 } } } });
    expect(r.body.aggregations.a.buckets).toEqual([{ key: '7.5', doc_count: 2 }, { key: '3', doc_count: 1 }]);
  });
});

describe('simple_query_string that Lucene rewrites to a match_all: the count is known up front (wide seed 83)', () => {
  it('reports terminated_early with size 0 and aggregations where OpenSearch does', async () => {
    await call('PUT', '/s10-a', { mappings: { properties: { t: { type: 'text' }, p: { type: 'long' } } } });
    await call('POST', '/_bulk?refresh=true', nd([
      { index: { _index: 's10-a', _id: '1' } }, { t: 'night river', p: 1 }, { index: { _index: 's10-a', _id: '2' } }, { t: 'x' },
      { index: { _index: 's10-a', _id: '3' } }, { p: 3 },
    ]));
    const early = async (q: unknown): Promise<unknown> => {
      const r = await call('POST', '/s10-a/_search', { size: 0, track_total_hits: true, query: q, aggs: { a: { missing: { field: 'p' } } } });
      expect(r.body.hits.total.relation).toBe('eq');
      return r.body.terminated_early;
    };
    const sqs = (query: string, fields: string[], extra: Record<string, unknown> = {}): unknown => ({ simple_query_string: { query, fields, ...extra } });
    for (const q of ['-b', '-b -c', '(-b) | (-c)', '(-b) + (-c)', '-b *', '-"b c"', '-b~1', '-b*', '*']) expect(await early(sqs(q, ['zz']))).toBe(true);
    expect(await early(sqs('*', ['t']))).toBe(true);
    expect(await early({ bool: { filter: sqs('-x', ['zz']) } })).toBe(true);
    // A term on a mapped field stays a boolean; on an unmapped field with `and` nothing matches.
    expect(await early(sqs('* -b', ['t']))).toBeUndefined();
    expect(await early(sqs('-b', ['t']))).toBeUndefined();
    expect(await early(sqs('-b *', ['zz'], { default_operator: 'and' }))).toBeUndefined();
  });
});

describe('dates inside a bucket print with the format of the first index that has documents in it (wide seed 85)', () => {
  it('a date_histogram and a min under histogram buckets of two indices with different date formats', async () => {
    await call('PUT', '/s10-a', { mappings: { properties: { w: { type: 'date', format: 'yyyy/MM/dd HH:mm:ss||yyyy/MM/dd||epoch_millis' }, c: { type: 'long' } } } });
    await call('PUT', '/s10-b', { mappings: { properties: { w: { type: 'date' }, c: { type: 'long' } } } });
    await call('POST', '/_bulk?refresh=true', nd([
      { index: { _index: 's10-a', _id: 'a1' } }, { c: 1, w: '2017/03/05 10:11:12' },
      { index: { _index: 's10-b', _id: 'b1' } }, { c: 7, w: '2018-01-01' }, { index: { _index: 's10-b', _id: 'b2' } }, { c: 2, w: '2019-01-01' },
    ]));
    const r = await call('POST', '/s10-a,s10-b/_search', { size: 0, aggs: { a: { histogram: { field: 'c', interval: 5 }, aggs: { s: { date_histogram: { field: 'w', calendar_interval: 'year' } }, m: { min: { field: 'w' } } } } } });
    const [b0, b5] = r.body.aggregations.a.buckets;
    // Bucket 0 holds documents of both: the first index (yyyy/MM/dd) prints, the empty year too.
    expect(b0.s.buckets.map((b: { key_as_string: string }) => b.key_as_string)).toEqual(['2017/01/01 00:00:00', '2018/01/01 00:00:00', '2019/01/01 00:00:00']);
    expect(b0.m.value_as_string).toBe('2017/03/05 10:11:12');
    // Bucket 5 holds only the ISO index's document.
    expect(b5.s.buckets).toEqual([{ key_as_string: '2018-01-01T00:00:00.000Z', key: 1514764800000, doc_count: 1 }]);
    expect(b5.m.value_as_string).toBe('2018-01-01T00:00:00.000Z');
  });
});

describe('shard failures across indices (wide seed 85)', () => {
  async function load(): Promise<void> {
    await call('PUT', '/s10-a', { mappings: { properties: { c: { type: 'long' } } } });
    await call('PUT', '/s10-b', { mappings: { properties: { f: { type: 'boolean' }, w: { type: 'keyword' }, c: { type: 'long' }, d: { type: 'date' } } } });
    await call('POST', '/_bulk?refresh=true', nd([{ index: { _index: 's10-a', _id: 'a1' } }, { c: 5 }, { index: { _index: 's10-b', _id: 'b1' } }, { c: 6, w: 'x' }]));
  }

  it('every shard failing lists each failure in shard order; a 5xx among them sets the status', async () => {
    await load();
    const same = await call('POST', '/s10-a,s10-b/_search', { size: 0, aggs: { a: { terms: { field: 'c', include: 'b.*' } } } });
    expect(same.status).toBe(500);
    expect(same.body.error.failed_shards.map((f: { index: string }) => f.index)).toEqual(['s10-a', 's10-b']);
    expect(same.body.error.root_cause).toHaveLength(2);
    // Shard a fails building the query (400), shard b creating the aggregator (500).
    const mixed = await call('POST', '/s10-a,s10-b/_search', { query: { term: { c: 'x' } }, size: 0, aggs: { a: { terms: { field: 'w', include: 'b.*' } } } });
    expect(mixed.status).toBe(400);
    const mixed2 = await call('POST', '/s10-a,s10-b/_search', { query: { term: { w: { value: 'x' } } }, size: 0, aggs: { a: { terms: { field: 'c', include: 'b.*' } } } });
    expect(mixed2.status).toBe(500);
    expect(mixed2.body.error.failed_shards.map((f: { index: string; reason: { type: string } }) => `${f.index} ${f.reason.type}`))
      .toEqual(['s10-a aggregation_execution_exception', 's10-b aggregation_execution_exception']);
  });

  it('a bool builds must, must_not, should, then filter: the first failing clause in that order is the error', async () => {
    await load();
    const r = await call('POST', '/s10-b/_search', { query: { bool: { should: [{ prefix: { f: 'x' } }], filter: { prefix: { d: 'x' } } } } });
    expect(r.body.error.root_cause[0].reason).toBe('Can only use prefix queries on keyword and text fields - not on [f] which is of type [boolean]');
    const r2 = await call('POST', '/s10-b/_search', { query: { bool: { filter: { prefix: { f: 'x' } }, must_not: { prefix: { d: 'x' } } } } });
    expect(r2.body.error.root_cause[0].reason).toBe('Can only use prefix queries on keyword and text fields - not on [d] which is of type [date]');
    // minimum_should_match is parsed after the clauses.
    const r3 = await call('POST', '/s10-b/_search', { query: { bool: { should: [{ prefix: { f: 'x' } }], minimum_should_match: 'x' } } });
    expect(r3.body.error.root_cause[0].reason).toBe('Can only use prefix queries on keyword and text fields - not on [f] which is of type [boolean]');
  });

  it('a term on a date that fails to parse is wrapped as "failed to create query" with the parse error as root cause', async () => {
    await load();
    const r = await call('POST', '/s10-b/_search', { query: { term: { d: 'abc' } } });
    const msg = 'failed to parse date field [abc] with format [strict_date_optional_time||epoch_millis]';
    expect(r.body.error.root_cause).toEqual([{ type: 'parse_exception', reason: `${msg}: [${msg}]` }]);
    expect(r.body.error.failed_shards[0].reason.type).toBe('query_shard_exception');
    expect(r.body.error.failed_shards[0].reason.reason).toBe(`failed to create query: ${msg}: [${msg}]`);
    expect(r.body.error.caused_by.type).toBe('parse_exception');
    // A range's bounds are parsed while rewriting: not wrapped.
    const range = await call('POST', '/s10-b/_search', { query: { range: { d: { gte: 'abc' } } } });
    expect(range.body.error.failed_shards[0].reason.type).toBe('parse_exception');
  });

  it('with aggregations, can_match skips shards whose query rewrites to match_none; if the others all fail the reduce fails', async () => {
    await load();
    const q = { bool: { should: [{ prefix: { f: 'x' } }], filter: { term: { w: 'x' } } } };
    const r = await call('POST', '/s10-a,s10-b/_search', { query: q, sort: [{ c: 'asc' }], aggs: { a: { terms: { field: 'c' } } } });
    expect(r.status).toBe(400);
    expect(r.body.error.phase).toBe('fetch');
    expect(r.body.error.reason).toBe('');
    expect(r.body.error.caused_by.type).toBe('null_pointer_exception');
    expect(r.body.error.failed_shards.map((f: { index: string }) => f.index)).toEqual(['s10-b']);
    // Without a field sort there is no can_match phase: shard a answers.
    const plain = await call('POST', '/s10-a,s10-b/_search', { query: q, aggs: { a: { terms: { field: 'c' } } } });
    expect(plain.status).toBe(200);
    expect(plain.body._shards).toMatchObject({ total: 2, successful: 1, skipped: 0, failed: 1 });
    // Both rewrite to match_none: one is skipped, the first still answers.
    const none = await call('POST', '/s10-a,s10-b/_search', { query: { bool: { filter: { term: { zz: 'x' } } } }, sort: [{ c: 'asc' }], aggs: { a: { terms: { field: 'c' } } } });
    expect(none.body._shards).toEqual({ total: 2, successful: 2, skipped: 1, failed: 0 });
    expect(none.body.aggregations.a.buckets).toEqual([]);
  });
});

describe('a histogram bucket meets the shards\' results in the reduce\'s priority-queue order (wide seed 85)', () => {
  it('bucket 0 prints with the second index\'s date format: the heap hands its bucket over first', async () => {
    await call('PUT', '/s10-a', { mappings: { properties: { w: { type: 'date' }, c: { type: 'long' } } } });
    await call('PUT', '/s10-b', { mappings: { properties: { w: { type: 'date', format: 'yyyy/MM/dd HH:mm:ss||yyyy/MM/dd||epoch_millis' }, c: { type: 'long' } } } });
    await call('POST', '/_bulk?refresh=true', nd([
      { index: { _index: 's10-a', _id: 'a1' } }, { c: -10, w: '2017-03-05T10:11:12Z' }, { index: { _index: 's10-a', _id: 'a2' } }, { c: 0 },
      { index: { _index: 's10-a', _id: 'a3' } }, { c: 35 },
      { index: { _index: 's10-b', _id: 'b1' } }, { c: -5, w: '2017/03/05' }, { index: { _index: 's10-b', _id: 'b2' } }, { c: 0, w: '2017/03/05 10:11:12' },
      { index: { _index: 's10-b', _id: 'b3' } }, { c: 50, w: '2018/01/01' },
    ]));
    const r = await call('POST', '/s10-a,s10-b/_search', { size: 0, aggs: { a: { histogram: { field: 'c', interval: 5, min_doc_count: 1 }, aggs: { s: { date_histogram: { field: 'w', calendar_interval: 'year' } }, m: { min: { field: 'w' } } } } } });
    const shown = r.body.aggregations.a.buckets.map((b: { key: number; s: { buckets: { key_as_string: string }[] }; m: { value_as_string?: string } }) =>
      [b.key, b.s.buckets.map((x) => x.key_as_string).join(), b.m.value_as_string ?? null]);
    expect(shown).toEqual([
      [-10, '2017-01-01T00:00:00.000Z', '2017-03-05T10:11:12.000Z'],
      [-5, '2017/01/01 00:00:00', '2017/03/05 00:00:00'],
      // Both indices hold documents here; a's (first in shard order) has no date, and b's comes off the heap first.
      [0, '2017/01/01 00:00:00', '2017/03/05 10:11:12'],
      [35, '', null],
      [50, '2018/01/01 00:00:00', '2018/01/01 00:00:00'],
    ]);
  });
});

describe('min_score beside aggregations OpenSearch counts from the index (wide seed 89)', () => {
  it('refuses a top-level date_histogram/range/date_range without sub-aggregations under a whole-index query; answers a narrower one', async () => {
    await call('PUT', '/s10-a', { mappings: { properties: { d: { type: 'date' }, n: { type: 'long' } } } });
    await call('POST', '/_bulk?refresh=true', nd([
      { index: { _index: 's10-a', _id: '1' } }, { d: '2017-03-01', n: 1 }, { index: { _index: 's10-a', _id: '2' } }, { d: '2017-03-02', n: 2 },
      { index: { _index: 's10-a', _id: '3' } }, { d: '2017-04-02', n: 7 },
    ]));
    const aggs = { dh: { date_histogram: { field: 'd', calendar_interval: '1M' } }, r: { range: { field: 'n', ranges: [{ to: 5 }] } } };
    // OpenSearch 3.6 counts these buckets ignoring min_score here (dh: 2 and 1 documents, r: 2, while no hit passes).
    for (const query of [{ match_all: { boost: 0 } }, { bool: { should: [], minimum_should_match: 1, boost: 0 } }, { exists: { field: 'd' } }, { range: { d: { gte: '2000-01-01' } } }]) {
      const r = await call('POST', '/s10-a/_search', { query, min_score: 2, aggs });
      expect(r.status).toBe(400);
      expect(r.body.error.reason).toMatch(/ignoring min_score/);
    }
    // A query matching part of the index: min_score applies to the buckets too.
    const part = await call('POST', '/s10-a/_search', { query: { term: { n: 1 } }, min_score: 2, aggs });
    expect(part.body.aggregations).toEqual({ dh: { buckets: [] }, r: { buckets: [{ key: '*-5.0', to: 5, doc_count: 0 }] } });
    // With a sub-aggregation the buckets honour min_score.
    const sub = await call('POST', '/s10-a/_search', { query: { match_all: { boost: 0 } }, min_score: 2, aggs: { dh: { date_histogram: { field: 'd', calendar_interval: '1M' }, aggs: { m: { max: { field: 'n' } } } } } });
    expect(sub.body.aggregations.dh.buckets).toEqual([]);
  });
});

describe('hunt4 search classes', () => {
  async function load(): Promise<void> {
    await call('PUT', '/s10-a', { mappings: { properties: { y: { type: 'long' }, d: { type: 'date' }, k: { type: 'keyword' } } } });
    await call('POST', '/_bulk?refresh=true', nd([
      { index: { _index: 's10-a', _id: 'a1' } }, { y: 1, d: '2001-01-01', k: 'a' }, { index: { _index: 's10-a', _id: 'a2' } }, { y: 3, d: '2003-01-01', k: 'c' },
      { index: { _index: 's10-a', _id: 'a3' } }, { y: 5, d: '2005-01-01', k: 'e' }, { index: { _index: 's10-a', _id: 'a4' } }, { k: 'z' },
      { index: { _index: 's10-a', _id: 'a5' } }, { y: 7, d: '2007-01-01', k: 'g' },
    ]));
  }
  const page = async (body: unknown): Promise<[number, string[]]> => {
    const r = await call('POST', '/s10-a/_search', body);
    return [r.body.hits.total.value, ids(r.body)];
  };

  it('a match_all post_filter under one numeric or date sort is approximated: documents with a value, after the cursor (r29)', async () => {
    await load();
    const pf = { post_filter: { match_all: {} } };
    expect(await page({ ...pf, sort: [{ y: 'asc' }] })).toEqual([4, ['a1', 'a2', 'a3', 'a5']]);
    expect(await page({ ...pf, sort: [{ y: 'asc' }], search_after: [3] })).toEqual([2, ['a3', 'a5']]);
    expect(await page({ ...pf, sort: [{ y: 'desc' }], search_after: [3] })).toEqual([1, ['a1']]);
    expect(await page({ ...pf, sort: [{ d: 'asc' }], search_after: [1041379200000] })).toEqual([2, ['a3', 'a5']]);
    expect(await page({ query: { term: { k: 'z' } }, ...pf, sort: [{ y: 'asc' }] })).toEqual([0, []]);
    expect(await page({ query: { exists: { field: 'y' } }, ...pf, sort: [{ y: 'asc' }], search_after: [3] })).toEqual([2, ['a3', 'a5']]);
    // Not approximated: a boost, hit counting true, aggregations, a keyword sort, another post_filter.
    expect(await page({ query: { term: { k: 'z' } }, post_filter: { match_all: { boost: 2 } }, sort: [{ y: 'asc' }] })).toEqual([1, ['a4']]);
    expect(await page({ query: { term: { k: 'z' } }, ...pf, sort: [{ y: 'asc' }], track_total_hits: true })).toEqual([1, ['a4']]);
    expect(await page({ query: { term: { k: 'z' } }, ...pf, sort: [{ y: 'asc' }], aggs: { c: { value_count: { field: 'y' } } } })).toEqual([1, ['a4']]);
    expect(await page({ query: { term: { k: 'z' } }, ...pf, sort: [{ k: 'asc' }] })).toEqual([1, ['a4']]);
    // Without a post_filter and without a query nothing is approximated.
    expect(await page({ sort: [{ y: 'asc' }], search_after: [3] })).toEqual([5, ['a3', 'a5', 'a4']]);
  });

  it('a search over no shard answers OpenSearch\'s empty response (r01)', async () => {
    const r = await call('POST', '/nope*/_search', { aggs: { m: { max: { field: 'n' } } } });
    expect(r.body).toMatchObject({ _shards: { total: 0, successful: 0, skipped: 0, failed: 0 }, hits: { total: { value: 0, relation: 'eq' }, max_score: 0, hits: [] } });
    expect(r.body.aggregations).toBeUndefined();
    const off = await call('POST', '/nope*/_search', { track_total_hits: false });
    expect(off.body.hits).toEqual({ max_score: 0, hits: [] });
  });
});

describe('wildcard patterns Lucene cannot determinize within OpenSearch\'s work limit (hunt4 r24)', () => {
  it('fails the shard past the exact effort boundary, answers below it', async () => {
    await call('PUT', '/s10-a', { mappings: { properties: { k: { type: 'keyword' }, t: { type: 'text' } } } });
    await call('POST', '/_bulk?refresh=true', nd([{ index: { _index: 's10-a', _id: '1' } }, { k: 'zz', t: 'zz' }]));
    const q = (field: string, pattern: string): Promise<{ status: number; body: any }> => call('POST', '/s10-a/_search', { query: { wildcard: { [field]: pattern } } });
    expect((await q('k', `*${'z?'.repeat(35)}*`)).status).toBe(200);
    const r = await q('k', `*${'z?'.repeat(36)}*`);
    expect(r.status).toBe(400);
    expect(r.body.error.root_cause[0]).toMatchObject({ type: 'query_shard_exception', reason: 'failed to create query: Determinizing automaton with 74 states and 75 transitions would require more than 10000 effort.' });
    expect((await q('t', `${'?*'.repeat(31)}${'z?'.repeat(31)}`)).status).toBe(200);
    const r2 = await q('t', `${'?*'.repeat(32)}${'z?'.repeat(32)}`);
    expect(r2.body.error.root_cause[0].reason).toBe('failed to create query: Determinizing automaton with 129 states and 192 transitions would require more than 10000 effort.');
    // An unmapped field builds no automaton.
    expect((await q('nope', `*${'z?'.repeat(40)}*`)).status).toBe(200);
  });
});

describe('sorts across indices mapping a later sort field differently (hunt4 r13)', () => {
  it('refuses a later clause on a keyword in one index and a number in another; parses cursors with the cause OpenSearch reports', async () => {
    await call('PUT', '/s10-a', { mappings: { properties: { s: { type: 'long' }, k: { type: 'keyword' } } } });
    await call('PUT', '/s10-b', { mappings: { properties: { s: { type: 'long' }, k: { type: 'long' } } } });
    await call('POST', '/_bulk?refresh=true', nd([{ index: { _index: 's10-a', _id: '1' } }, { s: 1, k: 'x' }, { index: { _index: 's10-b', _id: '2' } }, { s: 1, k: 5 }]));
    const r = await call('POST', '/s10-a,s10-b/_search', { sort: ['s', 'k'] });
    expect(r.status).toBe(400);
    expect(r.body.error.reason).toMatch(/not supported by the embedded engine/);
    const cursor = await call('POST', '/s10-b/_search', { sort: [{ s: 'asc' }], search_after: ['x'] });
    expect(cursor.body.error.failed_shards[0].reason).toEqual({ type: 'illegal_argument_exception', reason: 'Failed to parse search_after value for field [s].', caused_by: { type: 'number_format_exception', reason: 'For input string: "x"' } });
  });
});

describe('aggregations over a field float in one index and wider in another (hunt4 r31-r33)', () => {
  it('are refused: each shard reads its own type there', async () => {
    await call('PUT', '/s10-a', { mappings: { properties: { v: { type: 'float' } } } });
    await call('PUT', '/s10-b', { mappings: { properties: { v: { type: 'long' } } } });
    await call('POST', '/_bulk?refresh=true', nd([{ index: { _index: 's10-a', _id: '1' } }, { v: 0.1 }, { index: { _index: 's10-b', _id: '2' } }, { v: 16777217 }]));
    for (const agg of [{ max: { field: 'v' } }, { terms: { field: 'v' } }, { histogram: { field: 'v', interval: 1 } }]) {
      const r = await call('POST', '/s10-a,s10-b/_search', { size: 0, aggs: { m: agg } });
      expect(r.status).toBe(400);
      expect(r.body.error.reason).toMatch(/mapped as \[float\] in one searched index and as \[long\] in another is not supported by the embedded engine/);
    }
    // One index alone, and value_count, are answered.
    expect((await call('POST', '/s10-b/_search', { size: 0, aggs: { m: { max: { field: 'v' } } } })).body.aggregations.m.value).toBe(16777217);
    expect((await call('POST', '/s10-a,s10-b/_search', { size: 0, aggs: { m: { value_count: { field: 'v' } } } })).body.aggregations.m.value).toBe(2);
  });
});

describe('errors OpenSearch raises while parsing the body (hunt4 r19, r15)', () => {
  it('answers them before a missing index, with OpenSearch\'s types', async () => {
    await call('PUT', '/s10-a', { mappings: { properties: { n: { type: 'long' }, d: { type: 'date' } } } });
    const rel = await call('POST', '/s10-a/_search', { query: { range: { n: { gte: 1, relation: 'bogus' } } } });
    expect(rel.body.error).toMatchObject({ type: 'illegal_argument_exception', reason: 'bogus is not a valid relation' });
    const empty = await call('POST', '/s10-a,s10-missing/_search', { query: { exists: { field: '' } } });
    expect(empty.status).toBe(400);
    expect(empty.body.error).toMatchObject({ type: 'illegal_argument_exception', reason: 'field name is null or empty' });
    const interval = await call('POST', '/s10-a,s10-missing/_search', { aggs: { x: { date_histogram: { field: 'd', calendar_interval: '2d' } } } });
    expect(interval.status).toBe(400);
    expect(interval.body.error.caused_by).toEqual({ type: 'illegal_argument_exception', reason: 'The supplied interval [2d] could not be parsed as a calendar interval.' });
    // A body that parses: the missing index is the error.
    expect((await call('POST', '/s10-a,s10-missing/_search', { query: { exists: { field: 'n' } } })).status).toBe(404);
  });

  it('reports an int total where every queried shard failed beside skipped ones', async () => {
    await call('PUT', '/s10-a', { mappings: { properties: { k: { type: 'text' } } } });
    await call('PUT', '/s10-b', { mappings: { properties: { k: { type: 'keyword' } } } });
    await call('POST', '/_bulk?refresh=true', nd([{ index: { _index: 's10-a', _id: '1' } }, { k: 'x' }, { index: { _index: 's10-b', _id: '2' } }, { k: 'y' }]));
    const r = await call('POST', '/s10-a,s10-b/_search?rest_total_hits_as_int=true', { query: { match_none: {} }, sort: ['k'] });
    expect(r.body._shards).toMatchObject({ total: 2, successful: 1, skipped: 1, failed: 1 });
    expect(r.body.hits.total).toBe(0);
  });
});

describe('aggregation errors as OpenSearch raises them (hunt4 E1, r08)', () => {
  it('a missing that is no number fails with Java\'s NumberFormatException; the reduce\'s bucket limit is a 503 with the full count', async () => {
    await call('PUT', '/s10-a', { mappings: { properties: { y: { type: 'long' }, d: { type: 'date' } } } });
    await call('POST', '/_bulk?refresh=true', nd([{ index: { _index: 's10-a', _id: '1' } }, { y: 1, d: '2024-01-15' }]));
    for (const agg of [{ terms: { field: 'y', missing: 'abc' } }, { sum: { field: 'y', missing: 'abc' } }, { date_histogram: { field: 'y', fixed_interval: '1d', missing: '2020-01-01' } }]) {
      const r = await call('POST', '/s10-a/_search', { size: 0, aggs: { h: agg } });
      expect(r.body.error.root_cause[0].type).toBe('number_format_exception');
    }
    const empty = await call('POST', '/s10-a/_search', { size: 0, aggs: { h: { sum: { field: 'y', missing: '' } } } });
    expect(empty.body.error.root_cause[0]).toEqual({ type: 'number_format_exception', reason: 'empty String' });
    const many = await call('POST', '/s10-a/_search', { size: 0, aggs: { h: { date_histogram: { field: 'd', fixed_interval: '30s', extended_bounds: { min: '2023-12-01', max: '2024-04-01' } } } } });
    expect(many.status).toBe(503);
    expect(many.body.error).toMatchObject({ type: 'search_phase_execution_exception', reason: '', phase: 'fetch', root_cause: [], failed_shards: [] });
    expect(many.body.error.caused_by).toEqual({ type: 'too_many_buckets_exception', max_buckets: 65535,
      reason: 'Trying to create too many buckets. Must be less than or equal to: [65535] but was [351361]. This limit can be set by changing the [search.max_buckets] cluster level setting.' });
  });
});

describe('range bounds on keyword and text fields given as JSON numbers (wide seed 93)', () => {
  it('compare as the text of the Java number Jackson parsed', async () => {
    await call('PUT', '/s10-a', { mappings: { properties: { k: { type: 'keyword' } } } });
    await call('POST', '/_bulk?refresh=true', nd([
      { index: { _index: 's10-a', _id: '1' } }, { k: '1.5' }, { index: { _index: 's10-a', _id: '2' } }, { k: '100' }, { index: { _index: 's10-a', _id: '3' } }, { k: '1.0' },
    ]));
    // Bodies as text: the number tokens as written matter (JSON.stringify would write 1e2 as 100).
    const q = async (range: string): Promise<string[]> => ids((await call('POST', '/s10-a/_search', `{"query":{"range":{"k":${range}}}}`)).body).sort();
    expect(await q('{"gte":1.1,"lte":1e308}')).toEqual([]);
    expect(await q('{"gte":1e2,"lte":"zz"}')).toEqual([]);
    expect(await q('{"gte":100}')).toEqual(['2']);
    expect(await q('{"gte":1.0}')).toEqual(['1', '2', '3']);
  });
});

describe('the reduce\'s first result from an index that does not map the field (hunt4 r30)', () => {
  it('prints date_histogram and date_range keys in the default format, metrics without *_as_string, terms as the mapped index', async () => {
    await call('PUT', '/s10-a', { mappings: { properties: { c: { type: 'long' } } } });
    await call('PUT', '/s10-b', { mappings: { properties: { w: { type: 'date', format: 'yyyy/MM/dd HH:mm:ss||yyyy/MM/dd||epoch_millis' } } } });
    await call('POST', '/_bulk?refresh=true', nd([{ index: { _index: 's10-a', _id: 'a1' } }, { c: 1 }, { index: { _index: 's10-b', _id: 'b1' } }, { w: '2017/03/05' }]));
    const r = await call('POST', '/s10-a,s10-b/_search', { size: 0, aggs: {
      dh: { date_histogram: { field: 'w', calendar_interval: 'year' } }, m: { min: { field: 'w' } }, t: { terms: { field: 'w' } },
      dr: { date_range: { field: 'w', ranges: [{ to: 1577836800000 }] } },
    } });
    const a = r.body.aggregations;
    expect(a.dh.buckets[0].key_as_string).toBe('2017-01-01T00:00:00.000Z');
    expect(a.m).toEqual({ value: 1488672000000 });
    expect(a.t.buckets[0].key_as_string).toBe('2017/03/05 00:00:00');
    expect(a.dr.buckets[0]).toMatchObject({ key: '*-2020-01-01T00:00:00.000Z', to_as_string: '2020-01-01T00:00:00.000Z' });
    // The mapped index alone prints its own format.
    const b = await call('POST', '/s10-b/_search', { size: 0, aggs: { m: { min: { field: 'w' } } } });
    expect(b.body.aggregations.m.value_as_string).toBe('2017/03/05 00:00:00');
  });
});

describe('every shard failing to build a field sort (hunt4 seed 12)', () => {
  it('is reported by the can_match phase, and partial failures are listed by index name', async () => {
    await call('PUT', '/s10-a', { mappings: { properties: { n: { type: 'long' } } } });
    await call('PUT', '/s10-b', { mappings: { properties: { n: { type: 'long' } } } });
    await call('PUT', '/s10-c', { mappings: { properties: { n: { type: 'long' }, t: { type: 'keyword' } } } });
    await call('POST', '/_bulk?refresh=true', nd([{ index: { _index: 's10-a', _id: '1' } }, { n: 1 }, { index: { _index: 's10-b', _id: '2' } }, { n: 2 }, { index: { _index: 's10-c', _id: '3' } }, { n: 3, t: 'x' }]));
    const r = await call('POST', '/s10-a,s10-b/_search', { sort: ['t'] });
    expect(r.body.error).toMatchObject({ type: 'search_phase_execution_exception', reason: 'all shards failed', phase: 'can_match' });
    expect(r.body.error.failed_shards.map((f: { index: string }) => f.index)).toEqual(['s10-a', 's10-b']);
    // Sorted descending by n, c comes first in shard order; the failures still list a before b.
    const p = await call('POST', '/s10-a,s10-b,s10-c/_search', { sort: [{ n: 'desc' }, 't'] });
    expect(p.body._shards.failures.map((f: { index: string }) => f.index)).toEqual(['s10-a', 's10-b']);
    expect(ids(p.body)).toEqual(['3']);
  });
});

describe('a range open on both sides is the field\'s exists query (hunt4 seed 13)', () => {
  it('matches a text value without a token, as exists does, and keeps the boost', async () => {
    await call('PUT', '/s10-a', { mappings: { properties: { t: { type: 'text' }, k: { type: 'keyword', ignore_above: 3 }, n: { type: 'long' } } } });
    await call('POST', '/_bulk?refresh=true', nd([
      { index: { _index: 's10-a', _id: '1' } }, { t: ' ', k: 'abcdef', n: 1 }, { index: { _index: 's10-a', _id: '2' } }, { t: 'hello', k: 'ab' },
      { index: { _index: 's10-a', _id: '3' } }, { x: 1 },
    ]));
    const q = async (query: unknown): Promise<[string[], number[]]> => {
      const r = await call('POST', '/s10-a/_search', { query });
      return [ids(r.body).sort(), r.body.hits.hits.map((h: { _score: number }) => h._score)];
    };
    expect(await q({ range: { t: { gte: null } } })).toEqual([['1', '2'], [1, 1]]);
    expect(await q({ range: { t: {} } })).toEqual([['1', '2'], [1, 1]]);
    expect(await q({ range: { t: { gte: null, boost: 2 } } })).toEqual([['1', '2'], [2, 2]]);
    expect(await q({ range: { k: { gte: null } } })).toEqual([['2'], [1]]);
    expect(await q({ range: { n: { lte: null } } })).toEqual([['1'], [1]]);
    // A bound makes it a term range again: the token-less value is left out.
    expect((await q({ range: { t: { gte: 'a' } } }))[0]).toEqual(['2']);
  });
});

describe('a histogram too costly to fill or count (review of session 10)', () => {
  it('is refused instead of holding the event loop: a calendar minute in a time zone over thirty years', async () => {
    await call('POST', '/s10-a/_doc/1?refresh=true', { d: '2020-01-01' });
    const r = await call('POST', '/s10-a/_search', { size: 0, aggs: { a: { date_histogram: { field: 'd', calendar_interval: 'minute', time_zone: 'America/New_York', extended_bounds: { min: '2000-01-01', max: '2030-01-01' } } } } });
    expect(r.status).toBe(400);
    expect(r.body.error.reason).toMatch(/not supported by the embedded engine/);
  }, 30_000);
});
