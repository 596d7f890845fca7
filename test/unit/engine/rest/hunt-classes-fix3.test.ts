/**
 * Classes of the independent differential hunt (/work/hunt/FINDINGS.md) fixed on branch fix3, each with the
 * real OpenSearch 3.6.0 node's answer as the expected value (checked on the node before the fix).
 */
import type { Client } from '@opensearch-project/opensearch';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../../../src/engine/engine.js';
import { embeddedClient, failure } from './embedded-client.js';

let engine: Engine;
let client: Client;

beforeEach(async () => {
  ({ engine, client } = await embeddedClient());
});
afterEach(async () => {
  await engine.close();
});

type Hit = { _index: string; _id: string; _score: number | null; sort?: unknown[] };
const hitsOf = (body: unknown): Hit[] => (body as { hits: { hits: Hit[] } }).hits.hits;
const ids = (body: unknown): string[] => hitsOf(body).map((h) => h._id);

describe('FINDINGS class 43: a query on `_index` resolves its value as an index expression', () => {
  beforeEach(async () => {
    const settings = { number_of_shards: 1, number_of_replicas: 0 };
    await client.indices.create({ index: 'r2a', body: { settings, aliases: { al: {} } } });
    await client.indices.create({ index: 'r2b', body: { settings, aliases: { al: {}, solo: {} } } });
    await client.indices.create({ index: 'r2c', body: { settings, aliases: { hid: { is_hidden: true } } } });
    await client.bulk({
      refresh: true,
      body: [{ index: { _index: 'r2a', _id: '1' } }, { n: 1 }, { index: { _index: 'r2b', _id: '2' } }, { n: 2 }, { index: { _index: 'r2c', _id: '3' } }, { n: 3 }],
    });
  });

  const search = async (query: unknown): Promise<string[]> => ids((await client.search({ index: 'r2*', body: { query } as never })).body);

  it('an alias name matches every index of the alias (hidden aliases too), through any search target', async () => {
    expect(await search({ term: { _index: 'al' } })).toEqual(['1', '2']);
    expect(await search({ term: { _index: 'solo' } })).toEqual(['2']);
    expect(await search({ term: { _index: 'hid' } })).toEqual(['3']);
    expect(await search({ terms: { _index: ['zz', 'al'] } })).toEqual(['1', '2']);
    expect(await search({ term: { _index: { value: 'AL', case_insensitive: true } } })).toEqual(['1', '2']);
    expect(ids((await client.search({ index: 'al', body: { query: { term: { _index: 'al' } } } })).body)).toEqual(['1', '2']);
    expect((await client.count({ index: 'r2*', body: { query: { term: { _index: 'solo' } } } })).body.count).toBe(1);
  });

  it('a `*` pattern (term, prefix + `*`, wildcard) matches index names and non-hidden alias names', async () => {
    expect(await search({ term: { _index: 'a*' } })).toEqual(['1', '2']);
    expect(await search({ term: { _index: 's*' } })).toEqual(['2']);
    expect(await search({ term: { _index: 'hi*' } })).toEqual([]);
    expect(await search({ prefix: { _index: 'a' } })).toEqual(['1', '2']);
    expect(await search({ prefix: { _index: 's' } })).toEqual(['2']);
    expect(await search({ prefix: { _index: 'r*a' } })).toEqual(['1']);
    expect(await search({ term: { _index: '**' } })).toEqual(['1', '2', '3']);
    // `?` and `\` are themselves in an index expression.
    expect(await search({ wildcard: { _index: 'r2?' } })).toEqual([]);
    expect(await search({ wildcard: { _index: 'r2\\*' } })).toEqual([]);
    expect(await search({ wildcard: { _index: 'r2*' } })).toEqual(['1', '2', '3']);
  });

  it('`_all` and `*` name every index; a remote-cluster expression none; `<name>` is the static name', async () => {
    expect(await search({ term: { _index: '_all' } })).toEqual(['1', '2', '3']);
    expect(await search({ term: { _index: { value: '_ALL', case_insensitive: true } } })).toEqual(['1', '2', '3']);
    expect(await search({ term: { _index: '*' } })).toEqual(['1', '2', '3']);
    expect(await search({ term: { _index: '*:r2a' } })).toEqual([]);
    expect(await search({ term: { _index: '_foo:x' } })).toEqual([]);
    expect(await search({ term: { _index: '<r2a>' } })).toEqual(['1']);
    expect(await search({ term: { _index: '<r*>' } })).toEqual(['1', '2', '3']);
    expect(await search({ term: { _index: 'R2A' } })).toEqual([]);
  });

  it('prefix and wildcard on `_index` are rewritten per index like a term (an aggregation filter shows meta: {}); a bool collapsed on the coordinating node never resolves them', async () => {
    const res = (await client.search({ index: 'r2*', body: { size: 0, aggs: { a: { filter: { wildcard: { _index: '*:r2*' } } }, b: { filter: { prefix: { _index: 'al' } } } } } as never })).body as any;
    expect(res.aggregations).toEqual({ a: { meta: {}, doc_count: 0 }, b: { meta: {}, doc_count: 2 } });
    const collapsed = (await client.search({ index: 'r2*', body: { query: { bool: { filter: [{ wildcard: { _index: '_x' } }, { ids: { values: [] } }] } } } as never })).body;
    expect(ids(collapsed)).toEqual([]);
  });

  it('any other value starting with `_` fails the shards: 400 invalid_index_name_exception', async () => {
    for (const query of [{ term: { _index: '_foo' } }, { prefix: { _index: '_al' } }, { term: { _index: '<_x>' } }]) {
      const f = await failure(client.search({ index: 'r2*', body: { query } as never }));
      expect(f.status).toBe(400);
      expect(f.body.error.type).toBe('search_phase_execution_exception');
      const name = (query as { term?: { _index: string } }).term?._index.replace(/[<>]/g, '') ?? '_al*';
      expect(f.body.error.root_cause[0]).toEqual({ type: 'invalid_index_name_exception', reason: `Invalid index name [${name}], must not start with '_'.`, index: name, index_uuid: '_na_' });
    }
    const empty = await failure(client.search({ index: 'r2*', body: { query: { term: { _index: '<>' } } } }));
    expect(empty.status).toBe(400);
    expect(empty.body.error.root_cause[0]).toMatchObject({ type: 'parse_exception', reason: 'nothing captured' });
    const math = await failure(client.search({ index: 'r2*', body: { query: { term: { _index: '<r2{now/d}>' } } } }));
    expect(math.status).toBe(400);
    expect(math.body.error.root_cause[0].reason).toMatch(/not supported by the embedded engine/);
  });
});

describe('FINDINGS class 41: a query phase failing on some of the searched indices', () => {
  beforeEach(async () => {
    const settings = { number_of_shards: 1, number_of_replicas: 0 };
    await client.indices.create({ index: 'm1', body: { settings, mappings: { properties: { f: { type: 'long' }, d: { type: 'date' } } } } });
    await client.indices.create({ index: 'm2', body: { settings, mappings: { properties: { f: { type: 'keyword' }, d: { type: 'keyword' } } } } });
    await client.bulk({ refresh: true, body: [{ index: { _index: 'm1', _id: '1' } }, { f: 5, d: '2020-01-01' }, { index: { _index: 'm2', _id: '2' } }, { f: 'abc', d: 'x' }] });
  });

  const failure1 = (reason: Record<string, unknown>) => ({ total: 2, successful: 1, skipped: 0, failed: 1, failures: [{ shard: 0, index: 'm1', node: 'embedded', reason }] });

  it('is answered with the other indices\' results and the failed shard listed (OpenSearch 3.6, status 200)', async () => {
    const pre = (await client.search({ index: 'm1,m2', body: { query: { prefix: { f: 'a' } } } as never })).body as any;
    expect(pre._shards).toMatchObject(failure1({ type: 'query_shard_exception', reason: 'Can only use prefix queries on keyword and text fields - not on [f] which is of type [long]', index: 'm1' }));
    expect(pre.hits.total).toEqual({ value: 1, relation: 'eq' });
    expect(hitsOf(pre).map((h) => [h._index, h._id, h._score])).toEqual([['m2', '2', 1]]);
    const term = (await client.search({ index: 'm1,m2', body: { query: { term: { f: 'abc' } }, aggs: { t: { terms: { field: 'f' } } } } as never })).body as any;
    expect(term._shards).toMatchObject(failure1({ type: 'query_shard_exception', reason: 'failed to create query: For input string: "abc"', index: 'm1' }));
    expect(term.aggregations).toEqual({ t: { doc_count_error_upper_bound: 0, sum_other_doc_count: 0, buckets: [{ key: 'abc', doc_count: 1 }] } });
    const range = (await client.search({ index: 'm1,m2', body: { query: { range: { d: { gte: 'x' } } } } as never })).body as any;
    expect(range._shards.failures[0].reason.type).toBe('parse_exception');
    expect(range._shards.failures[0].reason.index).toBeUndefined();
    expect(ids(range)).toEqual(['2']);
    const counted = (await client.count({ index: 'm1,m2', body: { query: { term: { f: 'abc' } } } })).body as any;
    expect(counted.count).toBe(1);
    expect(counted._shards).toMatchObject({ total: 2, successful: 1, skipped: 0, failed: 1 });
    const ms = (await client.msearch({ body: [{ index: 'm1,m2' }, { query: { term: { f: 'abc' } } }] })).body as any;
    expect(ms.responses[0].status).toBe(200);
    expect(ms.responses[0]._shards.failed).toBe(1);
  });

  it('fails as before when every index fails', async () => {
    const f = await failure(client.search({ index: 'm1', body: { query: { term: { f: 'abc' } } } as never }));
    expect(f.status).toBe(400);
    expect(f.body.error.type).toBe('search_phase_execution_exception');
    const all = await failure(client.search({ index: 'm1,m2', body: { sort: [{ zz: 'asc' }] } as never }));
    expect(all.status).toBe(400);
    expect(all.body.error.root_cause[0].reason).toBe('No mapping found for [zz] in order to sort on');
  });
});

describe('FINDINGS class 40: an offset with seconds (Local Mean Time) prints its whole minutes', () => {
  it('in date_histogram keys of Asia/Kolkata (+05:53:28), Africa/Monrovia (-00:43:08) and Europe/Dublin (-00:25:21)', async () => {
    await client.indices.create({ index: 'tz', body: { mappings: { properties: { d: { type: 'date' } } } } });
    await client.index({ index: 'tz', id: '1', body: { d: '1850-06-01T00:00:00Z' }, refresh: true });
    const keys = async (time_zone: string, format?: string): Promise<string[]> => {
      const res = (await client.search({ index: 'tz', body: { size: 0, aggs: { h: { date_histogram: { field: 'd', calendar_interval: 'day', min_doc_count: 1, time_zone, ...(format ? { format } : {}) } } } } as never })).body as any;
      return res.aggregations.h.buckets.map((b: { key_as_string: string }) => b.key_as_string);
    };
    // OpenSearch 3.6's answers.
    expect(await keys('Asia/Kolkata')).toEqual(['1850-06-01T00:00:00.000+05:53']);
    expect(await keys('Asia/Kolkata', "yyyy-MM-dd'T'HH:mmXXX")).toEqual(['1850-06-01T00:00+05:53']);
    expect(await keys('Asia/Kolkata', "yyyy-MM-dd'T'HH:mmX")).toEqual(['1850-06-01T00:00+0553']);
    expect(await keys('Africa/Monrovia', "yyyy-MM-dd'T'HH:mmXXX")).toEqual(['1850-05-31T00:00-00:43']);
    expect(await keys('Europe/Dublin', "yyyy-MM-dd'T'HH:mmZ")).toEqual(['1850-05-31T00:00-0025']);
  });
});

describe('FINDINGS class 39: a top-level range on the search_after sort field is narrowed to the cursor (ApproximatePointRangeQuery)', () => {
  beforeEach(async () => {
    await client.indices.create({ index: 'sa', body: { settings: { number_of_shards: 1, number_of_replicas: 0 }, mappings: { properties: { p: { type: 'float' }, sh: { type: 'short' } } } } });
    const body: unknown[] = [];
    [1.5, 2.5, 3.5, 4.5, 5.5].forEach((p, i) => body.push({ index: { _index: 'sa', _id: `d${i}` } }, { p, sh: i }));
    for (let i = 5; i < 12; i++) body.push({ index: { _index: 'sa', _id: `d${i}` } }, { x: i });
    await client.bulk({ refresh: true, body: body as never });
  });

  const run = async (b: Record<string, unknown>): Promise<[number, unknown[][]]> => {
    const res = (await client.search({ index: 'sa', body: { _source: false, ...b } as never })).body as any;
    return [res.hits.total.value, hitsOf(res).map((h) => [h._id, ...(h.sort ?? [])])];
  };

  it('counts only the matches after the cursor, and a cursor outside the range widens it (OpenSearch 3.6\'s answers)', async () => {
    expect(await run({ size: 2, sort: [{ p: { order: 'desc' } }], search_after: [1.5], query: { range: { p: { gte: 1.5 } } } })).toEqual([0, []]);
    expect(await run({ size: 2, sort: [{ p: { order: 'desc' } }], search_after: [3.5], query: { range: { p: { gte: 1.5 } } } })).toEqual([2, [['d1', 2.5], ['d0', 1.5]]]);
    expect(await run({ size: 3, sort: [{ p: { order: 'asc' } }], search_after: [2.5], query: { range: { p: { gt: 1.5, lt: 4.5 } } } })).toEqual([1, [['d2', 3.5]]]);
    expect(await run({ size: 3, sort: [{ p: { order: 'desc' } }], search_after: [10], query: { range: { p: { lte: 2.5 } } } })).toEqual([5, [['d4', 5.5], ['d3', 4.5], ['d2', 3.5]]]);
    expect(await run({ size: 0, sort: [{ p: { order: 'asc' } }], search_after: [1.5], query: { range: { p: { gte: 1.5 } } } })).toEqual([4, []]);
    expect(await run({ size: 2, sort: [{ sh: { order: 'desc' } }], search_after: [2], query: { range: { sh: { gte: 0 } } } })).toEqual([2, [['d1', 1], ['d0', 0]]]);
  });

  it('is not narrowed with aggregations, track_total_hits true, a boost, `missing`, a second sort or a bool', async () => {
    const q = { range: { p: { gte: 1.5 } } };
    expect((await run({ size: 2, sort: [{ p: 'desc' }], search_after: [3.5], query: q, track_total_hits: true }))[0]).toBe(5);
    expect((await run({ size: 2, sort: [{ p: 'desc' }], search_after: [3.5], query: q, aggs: { m: { max: { field: 'p' } } } }))[0]).toBe(5);
    expect((await run({ size: 2, sort: [{ p: 'asc' }], search_after: [2.5], query: { range: { p: { gte: 1.5, boost: 2 } } } }))[0]).toBe(5);
    expect((await run({ size: 2, sort: [{ p: { order: 'asc', missing: '_last' } }], search_after: [2.5], query: q }))[0]).toBe(5);
    expect((await run({ size: 2, sort: [{ p: 'asc' }, { sh: 'asc' }], search_after: [2.5, 1], query: q }))[0]).toBe(5);
    expect((await run({ size: 2, sort: [{ p: 'desc' }], search_after: [3.5], query: { bool: { filter: [q] } } }))[0]).toBe(5);
  });
});

describe('FINDINGS class 37: terms include/exclude values on a boolean field are parsed strictly', () => {
  it('only true and false (as JSON booleans or strings); anything else is OpenSearch 3.6\'s 400', async () => {
    await client.indices.create({ index: 'bo', body: { mappings: { properties: { bo: { type: 'boolean' } } } } });
    await client.bulk({ refresh: true, body: [{ index: { _index: 'bo', _id: '1' } }, { bo: true }, { index: { _index: 'bo', _id: '2' } }, { bo: false }] });
    const terms = (extra: Record<string, unknown>) => client.search({ index: 'bo', body: { size: 0, aggs: { t: { terms: { field: 'bo', ...extra } } } } as never });
    for (const [v, shown] of [[2, '2'], [1, '1'], ['1', '1'], ['T', 'T'], [1.5, '1.5'], ['', '']] as const) {
      for (const key of ['exclude', 'include']) {
        const f = await failure(terms({ [key]: [v] }));
        expect(f.status).toBe(400);
        expect(f.body.error.root_cause[0]).toMatchObject({ type: 'illegal_argument_exception', reason: `Cannot parse boolean [${shown}], expected either [true] or [false]` });
      }
    }
    const ok = (await terms({ exclude: ['true'] })).body as any;
    expect(ok.aggregations.t.buckets).toEqual([{ key: 0, key_as_string: 'false', doc_count: 1 }]);
    expect(((await terms({ include: [true] })).body as any).aggregations.t.buckets).toEqual([{ key: 1, key_as_string: 'true', doc_count: 1 }]);
  });
});

describe('FINDINGS class 34: a delete of a missing id keeps a tombstone with its version', () => {
  it('the next delete, create or upsert continues the version (OpenSearch 3.6: 1, 2, 3 ... and 1, 2)', async () => {
    await client.indices.create({ index: 'v', body: { settings: { number_of_shards: 1, number_of_replicas: 0 } } });
    const version = (r: { body: unknown }): number => (r.body as { _version: number })._version;
    const del = async (id: string): Promise<number> => {
      try {
        return version(await client.delete({ index: 'v', id }));
      } catch (e) {
        return (e as { meta: { body: { _version: number } } }).meta.body._version;
      }
    };
    expect(await del('x')).toBe(1);
    expect(await del('x')).toBe(2);
    expect(version(await client.index({ index: 'v', id: 'x', body: { a: 1 } }))).toBe(3);
    expect(await del('x')).toBe(4);
    expect(await del('x')).toBe(5);
    expect(version(await client.create({ index: 'v', id: 'x', body: { a: 1 } }))).toBe(6);
    expect(await del('y')).toBe(1);
    const upsert = (await client.bulk({ body: [{ update: { _index: 'v', _id: 'y' } }, { doc: { a: 1 }, doc_as_upsert: true }] })).body as any;
    expect(upsert.items[0].update).toMatchObject({ _version: 2, result: 'created' });
    const bulk = (await client.bulk({ body: [{ delete: { _index: 'v', _id: 'z' } }, { index: { _index: 'v', _id: 'z' } }, { a: 1 }] })).body as any;
    expect(bulk.items.map((it: Record<string, { _version: number }>) => Object.values(it)[0]!._version)).toEqual([1, 2]);
  });
});

describe('FINDINGS class 32: a bool or constant_score collapsing to match_none is a rewritten aggregation filter', () => {
  it('gives filter and filters aggregations meta: {} (a bare match_none does not; OpenSearch 3.6)', async () => {
    await client.indices.create({ index: 'f', body: { mappings: { properties: { k: { type: 'keyword' }, p: { type: 'double' } } } } });
    await client.index({ index: 'f', id: '1', body: { k: 'a', p: 1 }, refresh: true });
    const aggs = async (q: unknown): Promise<unknown> =>
      ((await client.search({ index: 'f', body: { size: 0, aggs: { a: { filter: q }, b: { filters: { filters: { one: q } } } } } as never })).body as any).aggregations;
    const changed = (n: number) => ({ a: { meta: {}, doc_count: n }, b: { meta: {}, buckets: { one: { doc_count: n } } } });
    const same = (n: number) => ({ a: { doc_count: n }, b: { buckets: { one: { doc_count: n } } } });
    expect(await aggs({ bool: { must: [{ match: { p: { query: 99.99 } } }], filter: [{ match_none: {} }] } })).toEqual(changed(0));
    expect(await aggs({ bool: { should: [{ match_none: {} }] } })).toEqual(changed(0));
    expect(await aggs({ constant_score: { filter: { match_none: {} } } })).toEqual(changed(0));
    expect(await aggs({ match_none: {} })).toEqual(same(0));
    expect(await aggs({ bool: { must_not: [{ match_none: {} }] } })).toEqual(same(1));
    expect(await aggs({ bool: { must: [{ term: { k: 'a' } }], should: [{ match_none: {} }] } })).toEqual(same(1));
  });
});

describe('FINDINGS class 16: GET _source with _source=false', () => {
  it('is refused before any lookup, as OpenSearch 3.6.0 does (existing, missing id, missing index)', async () => {
    await client.index({ index: 'h16', id: '1', body: { a: 1 }, refresh: true });
    for (const [index, id] of [['h16', '1'], ['h16', '9'], ['nope', '1']] as const) {
      const f = await failure(client.getSource({ index, id, _source: 'false' } as never));
      expect(f.status).toBe(400);
      expect(f.body.error.type).toBe('action_request_validation_exception');
      expect(f.body.error.reason).toBe('Validation Failed: 1: fetching source can not be disabled;');
    }
    // Another value is an include pattern: `0` matches no field.
    expect((await client.getSource({ index: 'h16', id: '1', _source: '0' } as never)).body).toEqual({});
    expect((await client.getSource({ index: 'h16', id: '1' })).body).toEqual({ a: 1 });
  });
});

describe('a sort field unmapped in one of the searched indices (wide fuzzer seed 41)', () => {
  it('fails that index alone: the other answers, the failure listed in _shards (OpenSearch 3.6.0)', async () => {
    await client.indices.create({ index: 'ps1', body: { mappings: { properties: { n: { type: 'integer' } } } } });
    await client.indices.create({ index: 'ps2', body: { mappings: { properties: { m: { type: 'integer' } } } } });
    await client.bulk({ refresh: true, body: [{ index: { _index: 'ps1', _id: '1' } }, { n: 5 }, { index: { _index: 'ps2', _id: '2' } }, { m: 1 }] });
    const r = (await client.search({ index: 'ps1,ps2', body: { sort: [{ n: 'asc' }] } })).body as {
      _shards: { total: number; successful: number; failed: number; failures: { index: string; reason: { type: string; reason: string } }[] };
      hits: { total: { value: number }; hits: { _id: string; sort: unknown[] }[] };
    };
    expect(r._shards).toMatchObject({ total: 2, successful: 1, failed: 1 });
    expect(r._shards.failures[0]).toMatchObject({ index: 'ps2', reason: { type: 'query_shard_exception', reason: 'No mapping found for [n] in order to sort on' } });
    expect(r.hits.total.value).toBe(1);
    expect(r.hits.hits.map((h) => [h._id, h.sort])).toEqual([['1', [5]]]);
    // Only the index without the field: every shard fails, as before.
    const f = await failure(client.search({ index: 'ps2', body: { sort: [{ n: 'asc' }] } }));
    expect(f.status).toBe(400);
    expect(f.body.error.type).toBe('search_phase_execution_exception');
    expect(f.body.error.root_cause[0].reason).toBe('No mapping found for [n] in order to sort on');
  });
});
