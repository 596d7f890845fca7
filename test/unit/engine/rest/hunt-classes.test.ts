/**
 * Classes of wrong answers found by an independent differential hunt against OpenSearch 3.6.0 (FINDINGS
 * classes 1-4, 7-9, 11). Every expected value was read from a real 3.6.0 node with the same requests.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { engineCalls, nd } from './engine-calls.js';

const { call } = engineCalls();

describe('write responses: _shards.total is 1 + number_of_replicas (class 4)', () => {
  it('reports the index\'s replicas on index, delete, bulk items (noop updates too) and refresh', async () => {
    await call('PUT', '/r0', { settings: { number_of_replicas: 0 } });
    await call('PUT', '/r2', { settings: { index: { number_of_replicas: '2' } } });
    expect((await call('PUT', '/r0/_doc/1', { a: 1 })).body._shards).toEqual({ total: 1, successful: 1, failed: 0 });
    expect((await call('PUT', '/r2/_doc/1', { a: 1 })).body._shards).toEqual({ total: 3, successful: 1, failed: 0 });
    expect((await call('DELETE', '/r0/_doc/zz')).body._shards).toEqual({ total: 1, successful: 1, failed: 0 });
    const bulk = await call('POST', '/_bulk', nd([
      { index: { _index: 'r0', _id: '2' } }, { a: 2 },
      { delete: { _index: 'r2', _id: 'zz' } },
      { update: { _index: 'r0', _id: '2' } }, { doc: { a: 2 } },
      { update: { _index: 'r2', _id: '1' } }, { doc: { a: 1 } },
    ]));
    const shards = bulk.body.items.map((i: any) => Object.values(i)[0] as any).map((i: any) => [i.result, i._shards.total, i._shards.successful]);
    expect(shards).toEqual([['created', 1, 1], ['not_found', 3, 1], ['noop', 1, 1], ['noop', 3, 1]]);
    expect((await call('PUT', '/dflt/_doc/1', { a: 1 })).body._shards).toEqual({ total: 2, successful: 1, failed: 0 });
    expect((await call('POST', '/r0,r2,dflt/_refresh')).body).toEqual({ _shards: { total: 6, successful: 3, failed: 0 } });
    expect((await call('POST', '/r0/_refresh')).body).toEqual({ _shards: { total: 1, successful: 1, failed: 0 } });
  });
  it('refuses a number_of_replicas that is not a non-negative int, as OpenSearch', async () => {
    const abc = await call('PUT', '/rx', { settings: { number_of_replicas: 'abc' } });
    expect(abc.status).toBe(400);
    expect(abc.body.error).toMatchObject({ type: 'illegal_argument_exception', reason: 'Failed to parse value [abc] for setting [index.number_of_replicas]',
      caused_by: { type: 'number_format_exception', reason: 'For input string: "abc"' } });
    expect((await call('PUT', '/rx', { settings: { number_of_replicas: 1.5 } })).body.error.reason)
      .toBe('Failed to parse value [1.5] for setting [index.number_of_replicas]');
    expect((await call('PUT', '/rx', { settings: { number_of_replicas: -1 } })).body.error.reason)
      .toBe('Failed to parse value [-1] for setting [index.number_of_replicas] must be >= 0');
    expect((await call('PUT', '/rx', { settings: { number_of_replicas: '02' } })).status).toBe(200);
    expect((await call('PUT', '/rx/_doc/1', { a: 1 })).body._shards.total).toBe(3);
  });
});

describe('GET _mapping renders parameters as OpenSearch does (class 3)', () => {
  it('leaves out defaults and a search_analyzer equal to the analyzer, reads boolean strings, keeps OpenSearch\'s order', async () => {
    const props = {
      t1: { type: 'text', analyzer: 'standard', search_analyzer: 'standard' },
      t2: { type: 'text', search_analyzer: 'standard' },
      t4: { type: 'text', analyzer: 'standard', search_analyzer: 'default' },
      t6: { type: 'text', norms: true, store: false },
      t7: { type: 'text', norms: 'false', store: 'true', search_analyzer: 'standard',
        fields: { k: { type: 'keyword', doc_values: 'true', store: true, ignore_above: '3' } } },
      t9: { type: 'text', search_analyzer: 'default' },
      k1: { type: 'keyword', ignore_above: 2147483647, doc_values: true, store: false },
      n1: { type: 'integer', coerce: true, doc_values: true, store: false },
      n2: { type: 'long', coerce: 'false', store: 'true' },
      d1: { type: 'date', format: 'strict_date_optional_time||epoch_millis' },
      d2: { type: 'date', store: 'false', print_format: 'strict_date_optional_time' },
      d3: { type: 'date', print_format: 'epoch_second', store: true, format: 'epoch_second' },
    };
    expect((await call('PUT', '/m', { mappings: { properties: props } })).status).toBe(200);
    const expected = {
      d1: { type: 'date' }, d2: { type: 'date' },
      d3: { type: 'date', store: true, format: 'epoch_second', print_format: 'epoch_second' },
      k1: { type: 'keyword' }, n1: { type: 'integer', coerce: true }, n2: { type: 'long', store: true, coerce: false },
      t1: { type: 'text', analyzer: 'standard' },
      t2: { type: 'text', analyzer: 'default', search_analyzer: 'standard' },
      t4: { type: 'text', analyzer: 'standard', search_analyzer: 'default' },
      t6: { type: 'text' },
      t7: { type: 'text', store: true, fields: { k: { type: 'keyword', store: true, ignore_above: 3 } }, norms: false,
        analyzer: 'default', search_analyzer: 'standard' },
      t9: { type: 'text' },
    };
    const got = (await call('GET', '/m/_mapping')).body.m.mappings.properties;
    expect(JSON.stringify(got)).toBe(JSON.stringify(expected));
  });
  it('compares unchangeable parameters by their effective values on PUT _mapping, and answers parse errors unwrapped', async () => {
    await call('PUT', '/m', { mappings: { properties: { t: { type: 'text', analyzer: 'standard', search_analyzer: 'standard' },
      u: { type: 'text', norms: false, store: true }, d: { type: 'date' } } } });
    expect((await call('PUT', '/m/_mapping', { properties: { t: { type: 'text', analyzer: 'standard' },
      d: { type: 'date', format: 'strict_date_optional_time||epoch_millis' } } })).status).toBe(200);
    const conflict = await call('PUT', '/m/_mapping', { properties: { u: { type: 'text', analyzer: 'standard' } } });
    expect(conflict.body.error.reason).toBe('Mapper for [u] conflicts with existing mapper:\n\tCannot update parameter [store] from [true] to [false]'
      + '\n\tCannot update parameter [norms] from [false] to [true]\n\tCannot update parameter [analyzer] from [default] to [standard]');
    expect((await call('PUT', '/m/_mapping', { properties: { t: { type: 'text', analyzer: 'standard', search_analyzer: 'default' } } })).status).toBe(200);
    expect((await call('GET', '/m/_mapping')).body.m.mappings.properties.t).toEqual({ type: 'text', analyzer: 'standard', search_analyzer: 'default' });
    const bad = await call('PUT', '/m/_mapping', { properties: { k: { type: 'keyword', store: 'maybe' } } });
    expect(bad.body.error).toEqual({ root_cause: [{ type: 'illegal_argument_exception', reason: 'Failed to parse value [maybe] as only [true] or [false] are allowed.' }],
      type: 'illegal_argument_exception', reason: 'Failed to parse value [maybe] as only [true] or [false] are allowed.' });
    const created = await call('PUT', '/m2', { mappings: { properties: { k: { type: 'keyword', store: 'maybe' } } } });
    expect(created.body.error.reason).toBe('Failed to parse mapping [_doc]: Failed to parse value [maybe] as only [true] or [false] are allowed.');
    expect(created.body.error.caused_by).toEqual({ type: 'illegal_argument_exception', reason: 'Failed to parse value [maybe] as only [true] or [false] are allowed.' });
  });
});

describe('terms include/exclude (class 8)', () => {
  it('a regex on a numeric, date or boolean field is OpenSearch\'s 500 shard failure naming the aggregation', async () => {
    await call('PUT', '/e', { mappings: { properties: { n: { type: 'integer' }, d: { type: 'date' }, b: { type: 'boolean' }, x: { type: 'double' }, k: { type: 'keyword' } } } });
    await call('PUT', '/e/_doc/1', { n: 1, d: '2020-01-01', b: true, x: 1.5, k: 'a' });
    const reason = (n: string) => `Aggregation [${n}] cannot support regular expression style include/exclude settings as they can only be applied to string fields. Use an array of numeric values for include/exclude clauses used to filter numeric fields`;
    for (const [field, agg] of [['n', 'a'], ['d', 'agg1'], ['b', 'x'], ['x', 'y']] as const) {
      const res = await call('POST', '/e/_search', { size: 0, query: { term: { k: 'zz' } }, aggs: { [agg]: { terms: { field, exclude: '1.*' } } } });
      expect(res.status).toBe(500);
      expect(res.body.error.type).toBe('search_phase_execution_exception');
      expect(res.body.error.root_cause).toEqual([{ type: 'aggregation_execution_exception', reason: reason(agg) }]);
    }
    const sub = await call('POST', '/e/_search', { size: 0, aggs: { o: { terms: { field: 'k' }, aggs: { agg2: { terms: { field: 'x', include: 'q' } } } } } });
    expect(sub.body.error.root_cause[0].reason).toBe(reason('agg2'));
    expect((await call('POST', '/e/_search', { size: 0, aggs: { a: { terms: { field: 'nope', include: '1.*' } } } })).status).toBe(200);
  });
  it('a regex beside a set is a parse error on the second one, its message naming the include\'s style', async () => {
    await call('PUT', '/e/_doc/1', { n: 1, k: 'a' });
    const mix = async (terms: unknown) => (await call('POST', '/e/_search', { size: 0, aggs: { a: { terms } } })).body.error;
    expect(await mix({ field: 'n', include: '1.*', exclude: [2] })).toMatchObject({ type: 'x_content_parse_exception', reason: '[1:73] [terms] failed to parse field [exclude]',
      caused_by: { type: 'illegal_argument_exception', reason: 'Cannot mix a regex-based include with a set-based method' } });
    expect(await mix({ field: 'n', include: [1], exclude: '2' })).toMatchObject({ reason: '[1:69] [terms] failed to parse field [exclude]',
      caused_by: { reason: 'Cannot mix a set-based include with a regex-based method' } });
    expect(await mix({ field: 'n', exclude: '2', include: [1] })).toMatchObject({ reason: '[1:71] [terms] failed to parse field [include]',
      caused_by: { reason: 'Cannot mix a set-based include with a regex-based method' } });
  });
});

describe('epoch_second printing (class 9)', () => {
  it('prints the fraction of a second without trailing zeros, seconds floored (negative instants too)', async () => {
    await call('PUT', '/h', { mappings: { properties: { ds: { type: 'date', format: 'epoch_second' }, d: { type: 'date' },
      dp: { type: 'date', format: 'epoch_second', print_format: 'epoch_millis' } } } });
    await call('POST', '/_bulk', nd([
      { index: { _index: 'h', _id: '1' } }, { ds: 1.5, d: '1969-12-31T23:59:58.500Z', dp: 1.5 },
      { index: { _index: 'h', _id: '2' } }, { ds: '1488700000.123', d: '1969-12-31T23:59:59.950Z' },
      { index: { _index: 'h', _id: '3' } }, { ds: '7.05', d: '2020-01-01T00:00:00.010Z' },
      { index: { _index: 'h', _id: '4' } }, { ds: '12', d: '1969-12-31T23:59:59Z' },
    ]));
    const res = await call('POST', '/h/_search', { size: 0, aggs: {
      t: { terms: { field: 'ds' } }, m: { min: { field: 'ds' } }, x: { max: { field: 'ds' } },
      td: { terms: { field: 'd', format: 'epoch_second' } }, md: { min: { field: 'd', format: 'epoch_second' } },
      r: { date_range: { field: 'ds', ranges: [{ from: '1.25', to: '8' }] } }, p: { min: { field: 'dp' } },
    } });
    const a = res.body.aggregations;
    expect(a.t.buckets.map((b: any) => [b.key, b.key_as_string])).toEqual([[1500, '1.5'], [7050, '7.05'], [12000, '12'], [1488700000123, '1488700000.123']]);
    expect([a.m.value_as_string, a.x.value_as_string, a.md.value_as_string]).toEqual(['1.5', '1488700000.123', '-2.5']);
    expect(a.td.buckets.map((b: any) => [b.key, b.key_as_string])).toEqual([[-1500, '-2.5'], [-1000, '-1'], [-50, '-1.95'], [1577836800010, '1577836800.01']]);
    expect(a.r.buckets[0]).toMatchObject({ key: '1.25-8', from_as_string: '1.25', to_as_string: '8', doc_count: 2 });
    // The mapping's print_format prints the values (its format still parses them).
    expect(a.p).toEqual({ value: 1500, value_as_string: '1500' });
  });
});

describe('enabled: false objects (class 7)', () => {
  it('accept any value, scalars and arrays of scalars included, and index nothing of it', async () => {
    await call('PUT', '/c', { mappings: { properties: { dis: { type: 'object', enabled: false },
      o: { properties: { dd: { type: 'object', enabled: false } } }, k: { type: 'keyword' } } } });
    expect((await call('PUT', '/c/_doc/1', { dis: 'scalar', k: 'a' })).status).toBe(201);
    expect((await call('PUT', '/c/_doc/2', { dis: [1, 2, { x: 1 }, [true]], k: 'b' })).status).toBe(201);
    expect((await call('PUT', '/c/_doc/3', { o: [{ dd: 5 }, { dd: { z: 1 } }], 'dis.q': 3, 'o.dd': 'x' })).status).toBe(201);
    const enabled = await call('PUT', '/c/_doc/4', { o: 'v' });
    expect(enabled.status).toBe(400);
    expect(enabled.body.error.reason).toBe('object mapping for [o] tried to parse field [o] as object, but found a concrete value');
    expect((await call('POST', '/c/_search', { query: { exists: { field: 'dis' } } })).body.hits.total.value).toBe(0);
    expect((await call('GET', '/c/_mapping')).body.c.mappings.properties.dis).toEqual({ type: 'object', enabled: false });
    expect((await call('GET', '/c/_doc/2')).body._source).toEqual({ dis: [1, 2, { x: 1 }, [true]], k: 'b' });
  });
});

describe('bucket order paths (class 11)', () => {
  const SUBS = { s: { stats: { field: 'x' } }, m: { max: { field: 'x' } }, mn: { min: { field: 'x' } },
    f: { filter: { term: { g: 'p' } }, aggs: { s2: { stats: { field: 'x' } }, v: { avg: { field: 'x' } }, t: { terms: { field: 'g' } } } },
    mi: { missing: { field: 'x' } }, t: { terms: { field: 'g' } }, vc: { value_count: { field: 'x' } } };
  const order = async (path: string, dir = 'desc') => {
    const r = await call('POST', '/j/_search', { size: 0, aggs: { o: { terms: { field: 'k', order: { [path]: dir } }, aggs: SUBS } } });
    return r.status === 200 ? r.body.aggregations.o.buckets.map((b: any) => b.key) : [r.status, r.body.error.root_cause[0].reason];
  };
  beforeEach(async () => {
    await call('PUT', '/j', { mappings: { properties: { k: { type: 'keyword' }, x: { type: 'double' }, g: { type: 'keyword' } } } });
    await call('POST', '/_bulk', nd([{ k: 'a', x: 1, g: 'p' }, { k: 'a', x: 9, g: 'q' }, { k: 'b', x: 4, g: 'p' }, { k: 'c', g: 'p' }, { k: 'd', x: 5 }, { k: 'e', x: -2, g: 'q' }]
      .flatMap((d, i) => [{ index: { _index: 'j', _id: String(i) } }, d])));
  });
  it('orders by a stats metric (`s.avg`, `s[min]`), a single-value metric\'s `.value`, and through single-bucket aggregations', async () => {
    expect(await order('s.avg')).toEqual(['a', 'd', 'b', 'e', 'c']);
    expect(await order('s.avg', 'asc')).toEqual(['e', 'b', 'a', 'd', 'c']);
    expect(await order('s[min]')).toEqual(['c', 'd', 'b', 'a', 'e']);
    expect(await order('s.min', 'asc')).toEqual(['e', 'a', 'b', 'd', 'c']);
    expect(await order('s.max', 'asc')).toEqual(['c', 'e', 'b', 'd', 'a']);
    expect(await order('s.count', 'asc')).toEqual(['c', 'b', 'd', 'e', 'a']);
    expect(await order('m.value')).toEqual(['a', 'd', 'b', 'e', 'c']);
    expect(await order('f.doc_count')).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(await order('f>s2.max')).toEqual(['b', 'a', 'c', 'd', 'e']);
    expect(await order(' f > v ', 'asc')).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(await order('vc.value')).toEqual(['a', 'b', 'd', 'e', 'c']);
  });
  it('refuses the paths OpenSearch refuses, with its messages', async () => {
    const p = 'Invalid aggregation order path';
    expect(await order('s.foo')).toEqual([500, `${p} [s.foo]. Unknown metric name [foo] on multi-value metrics aggregation [s]`]);
    expect(await order('f>s2')).toEqual([500, `${p} [f>s2]. When ordering on a multi-value metrics aggregation a metric name must be specified.`]);
    expect(await order('m.foo')).toEqual([500, `${p} [m.foo]. Ordering on a single-value metrics aggregation can only be done on its value. Either drop the key (a la "m") or change it to "value" (a la "m.value")`]);
    expect(await order('f._count')).toEqual([500, `${p} [f._count]. Ordering on a single-bucket aggregation can only be done on its doc_count. Either drop the key (a la "f") or change it to "doc_count" (a la "f.doc_count") or "key".`]);
    expect(await order('mi>x')).toEqual([500, `${p} [mi>x]. The provided aggregation [x] either does not exist, or is a pipeline aggregation and cannot be used to sort the buckets.`]);
    expect(await order('s.avg.x')).toEqual([500, `${p} [s.avg.x]. The provided aggregation [s.avg.x] either does not exist, or is a pipeline aggregation and cannot be used to sort the buckets.`]);
    expect(await order('m>x')).toEqual([500, `${p} [m>x]. Buckets can only be sorted on a sub-aggregator path that is built out of zero or more single-bucket aggregations within the path and a final single-bucket or a metrics aggregation at the path end. [m] is not single-bucket.`]);
    expect(await order('f>t')).toEqual([500, `${p} [f>t]. Buckets can only be sorted on a sub-aggregator path that is built out of zero or more single-bucket aggregations within the path and a final single-bucket or a metrics aggregation at the path end.`]);
    const bad = await call('POST', '/j/_search', { size: 0, aggs: { o: { terms: { field: 'k', order: { 's.': 'desc' } }, aggs: SUBS } } });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ type: 'x_content_parse_exception', reason: '[terms] failed to parse field [order]',
      root_cause: [{ type: 'aggregation_execution_exception', reason: 'Invalid path element [s.] in path [s.]' }] });
  });
});

describe('norms: false on a text field (class 1)', () => {
  it('scores every document as of length 1 (term, phrase, fuzzy), with the field statistics kept', async () => {
    await call('PUT', '/g', { mappings: { properties: { t: { type: 'text', norms: false }, u: { type: 'text' } } } });
    await call('POST', '/_bulk', nd([
      { index: { _index: 'g', _id: '1' } }, { t: 'c x y' }, { index: { _index: 'g', _id: '2' } }, { t: 'c' },
      { index: { _index: 'g', _id: '3' } }, { t: 'a b' }, { index: { _index: 'g', _id: '4' } }, { t: ['c c', null, 'z'] },
    ]));
    const hits = async (query: unknown) => (await call('POST', '/g/_search', { query, _source: false })).body.hits.hits.map((h: any) => [h._id, h._score]);
    expect(await hits({ match: { t: 'c' } })).toEqual([['4', 0.26420367], ['1', 0.20980878], ['2', 0.20980878]]);
  });
  it('matches OpenSearch for phrases, fuzzy terms, several fields, and exists (every document with a value, no count shortcut)', async () => {
    await call('PUT', '/n', { mappings: { properties: { t: { type: 'text', norms: false }, u: { type: 'text' } } } });
    const docs = [{ t: '', u: '' }, { t: '-', u: '-' }, { t: 'a b quick brown fox', u: 'a b' }, { t: [], u: [] }, { t: [null, 'quick fox'], u: [null, ''] },
      { t: 'the quick brown fox jumps over the lazy dog quick', u: 'a' }, { t: 'quik' }];
    await call('POST', '/_bulk', nd(docs.flatMap((d, i) => [{ index: { _index: 'n', _id: String(i + 1) } }, d])));
    const hits = async (query: unknown) => (await call('POST', '/n/_search', { query, _source: false })).body.hits.hits.map((h: any) => [h._id, h._score]);
    expect(await hits({ match_phrase: { t: 'quick brown' } })).toEqual([['3', 0.6998814], ['6', 0.6998814]]);
    expect(await hits({ match: { t: 'quick fox dog' } })).toEqual([['6', 1.3257718], ['3', 0.47556657], ['5', 0.47556657]]);
    expect(await hits({ simple_query_string: { query: 'quick~1 lazy', fields: ['t', 'u'] } }))
      .toEqual([['6', 1.0879885], ['3', 0.23778328], ['5', 0.23778328], ['7', 0.17833747]]);
    expect(await hits({ multi_match: { query: 'quick a', fields: ['t', 'u'] } })).toEqual([['3', 1.0404319], ['6', 0.28533995], ['5', 0.23778328]]);
    expect((await call('POST', '/n/_count', { query: { exists: { field: 't' } } })).body.count).toBe(6);
    const capped = await call('POST', '/n/_search', { query: { exists: { field: 't' } }, size: 0, track_total_hits: 2 });
    expect(capped.body.hits.total).toEqual({ value: 2, relation: 'gte' });
    await call('DELETE', '/n/_doc/3');
    expect(await hits({ match: { t: 'quick fox dog' } })).toEqual([['6', 1.3257718], ['5', 0.47556657]]);
    expect((await call('POST', '/n/_count', { query: { exists: { field: 't' } } })).body.count).toBe(5);
  });
});

describe('_doc sort values are Lucene doc ids (class 2)', () => {
  const docSort = async (body: unknown, index = 'd') => {
    const r = await call('POST', `/${index}/_search`, { _source: false, ...(body as object) });
    return r.status === 200 ? r.body.hits.hits.map((h: any) => [h._index, h._id, ...h.sort]) : [r.status, r.body.error.reason];
  };
  it('a delete, of a present or a missing document, takes a doc id (OpenSearch\'s tombstone); failed writes and noops take none', async () => {
    await call('PUT', '/d', { mappings: { properties: { n: { type: 'integer' } } } });
    await call('POST', '/_bulk', nd([{ index: { _index: 'd', _id: 'a' } }, { n: 1 }, { index: { _index: 'd', _id: 'b' } }, { n: 'bad' },
      { create: { _index: 'd', _id: 'a' } }, { n: 1 }, { update: { _index: 'd', _id: 'a' } }, { doc: { n: 1 } }, { index: { _index: 'd', _id: 'c' } }, { n: 3 }]));
    expect(await docSort({ sort: [{ _doc: 'asc' }] })).toEqual([['d', 'a', 0], ['d', 'c', 1]]);
    await call('POST', '/_bulk', nd([{ delete: { _index: 'd', _id: 'zz' } }, { delete: { _index: 'd', _id: 'zz' } },
      { update: { _index: 'd', _id: 'a' } }, { doc: { n: 7 } }, { delete: { _index: 'd', _id: 'c' } }, { index: { _index: 'd', _id: 'c' } }, { n: 4 },
      { delete: { _index: 'd', _id: 'q', if_seq_no: 5, if_primary_term: 1 } }, { update: { _index: 'd', _id: 'u' } }, { doc: { n: 7 }, doc_as_upsert: true }]));
    expect(await docSort({ sort: [{ _doc: 'asc' }] })).toEqual([['d', 'a', 4], ['d', 'c', 6], ['d', 'u', 7]]);
    await call('PUT', '/d/_doc/e', { n: 5 });
    await call('DELETE', '/d/_doc/e');
    await call('DELETE', '/d/_doc/e');
    await call('PUT', '/d/_doc/f', { n: 5 });
    expect(await docSort({ sort: [{ _doc: 'desc' }], search_after: [9] })).toEqual([['d', 'u', 7], ['d', 'c', 6], ['d', 'a', 4]]);
    expect(await docSort({ sort: [{ _doc: 'asc' }], search_after: [7] })).toEqual([['d', 'f', 11]]);
  });
  it('breaks ties between indices by index name (OpenSearch\'s shard order), whatever order the request names them', async () => {
    await call('PUT', '/d1', {});
    await call('PUT', '/d2', {});
    await call('POST', '/_bulk', nd([{ index: { _index: 'd1', _id: 'a' } }, { n: 1 }, { delete: { _index: 'd2', _id: 'zz' } },
      { index: { _index: 'd2', _id: 'b' } }, { n: 2 }, { index: { _index: 'd1', _id: 'c' } }, { n: 3 }, { index: { _index: 'd2', _id: 'd' } }, { n: 3 }]));
    expect(await docSort({ sort: [{ _doc: 'desc' }] }, 'd2,d1')).toEqual([['d2', 'd', 2], ['d1', 'c', 1], ['d2', 'b', 1], ['d1', 'a', 0]]);
    expect(await docSort({ sort: [{ n: 'asc' }, { _doc: 'desc' }] }, 'd*')).toEqual([['d1', 'a', 1, 0], ['d2', 'b', 2, 1], ['d2', 'd', 3, 2], ['d1', 'c', 3, 1]]);
  });
  it('refuses _doc sorts once OpenSearch could have merged segments (more than 10 write requests)', async () => {
    // One request per write, as with refresh=true: OpenSearch merged its 11 segments here, tombstones first.
    for (let i = 1; i <= 8; i++) {
      await call('PUT', `/m/_doc/d${i}`, { n: i });
      if (i % 3 === 0) await call('DELETE', `/m/_doc/x${i}`);
    }
    expect((await docSort({ sort: ['_doc'], size: 3, from: 5 }, 'm')).map((h: any) => h.slice(1))).toEqual([['d6', 6], ['d7', 8], ['d8', 9]]);
    await call('PUT', '/m/_doc/d9', { n: 9 });
    const refused = await call('POST', '/m/_search', { sort: ['_doc'] });
    expect(refused.status).toBe(400);
    expect(refused.body.error.reason).toMatch(/sorting by \[_doc\] .* is not supported by the embedded engine/);
    expect((await call('POST', '/m/_search', { sort: ['_doc'], size: 0 })).status).toBe(200);
    expect((await call('POST', '/m/_search', { sort: [{ n: 'desc' }], size: 1 })).body.hits.hits[0]._id).toBe('d9');
  });
});

describe('found by the widened fuzzer', () => {
  it('epoch printers print a metric\'s double as its (long) cast: toward zero', async () => {
    await call('PUT', '/av', { mappings: { properties: { m: { type: 'date', format: 'epoch_millis' }, s: { type: 'date', format: 'epoch_second' } } } });
    await call('POST', '/_bulk', nd([{ index: { _index: 'av' } }, { m: -1, s: '0.001' }, { index: { _index: 'av' } }, { m: -2, s: '0.002' }]));
    const a = (await call('POST', '/av/_search', { size: 0, aggs: { a: { avg: { field: 'm' } }, c: { stats: { field: 's' } } } })).body.aggregations;
    expect(a.a).toEqual({ value: -1.5, value_as_string: '-1' });
    expect([a.c.min_as_string, a.c.max_as_string, a.c.avg_as_string, a.c.sum_as_string]).toEqual(['0.001', '0.002', '0.001', '0.003']);
  });
  it('terms include values are read before the order path is resolved (a bad number is the 400 that wins)', async () => {
    await call('PUT', '/ti', { mappings: { properties: { i: { type: 'integer' }, b: { type: 'boolean' } } } });
    await call('PUT', '/ti/_doc/1', { i: 1, b: true });
    const res = await call('POST', '/ti/_search', { size: 0, aggs: { a: { terms: { field: 'i', order: { 'm.avg': 'asc' }, include: ['alpha', 'beta'] }, aggs: { m: { sum: { field: 'b' } } } } } });
    // (OpenSearch's 400 is a shard failure with number_format_exception 'For input string: "alpha"'; the
    // engine's reason still differs, only the status and the precedence over the order path are checked.)
    expect(res.status).toBe(400);
    expect(res.body.error.root_cause[0].reason).not.toMatch(/order path/);
  });
});

describe('a sub-aggregation\'s build error wins over what OpenSearch checks when it creates the aggregators', () => {
  it('a regex include on a number (500) loses to a 400 below it', async () => {
    await call('PUT', '/sb', { mappings: { properties: { l: { type: 'long' }, tag: { type: 'keyword' } } } });
    await call('PUT', '/sb/_doc/1', { l: 1, tag: 'a' });
    const res = await call('POST', '/sb/_search', { size: 0, aggs: { a: { terms: { field: 'l', include: 'a.*' }, aggs: { m: { sum: { field: 'tag' } } } } } });
    expect(res.status).toBe(400);
    expect(res.body.error.root_cause[0]).toMatchObject({ type: 'illegal_argument_exception', reason: 'Field [tag] of type [keyword] is not supported for aggregation [sum]' });
  });
});

describe('negative epoch values with a fraction (FINDINGS class 13)', () => {
  it('epoch_second adds the fraction to the signed seconds; epoch_millis floors; a negative zero second is refused', async () => {
    await call('PUT', '/ng', { mappings: { properties: { s: { type: 'date', format: 'epoch_second' }, m: { type: 'date', format: 'epoch_millis' } } } });
    const vals: [string, unknown][] = [['1', '-1.5'], ['2', -1.5], ['4', '-1488700000.5'], ['5', '-2.25'], ['6', '-2.0005'], ['7', '1.0005']];
    for (const [id, v] of vals) expect((await call('PUT', `/ng/_doc/${id}`, { s: v, m: v })).status).toBe(201);
    const sorted = async (f: string) => (await call('POST', '/ng/_search', { sort: [{ _id: 'asc' }, { [f]: 'asc' }], _source: false })).body.hits.hits.map((h: any) => h.sort[1]);
    expect(await sorted('s')).toEqual([-500, -500, -1488699999500, -1750, -2000, 1000]);
    expect(await sorted('m')).toEqual([-2, -2, -1488700001, -3, -3, 1]);
    expect((await call('PUT', '/ng/_doc/z', { s: '-0.5' })).status).toBe(400);
    expect((await call('PUT', '/ng/_doc/z', { s: '-0' })).status).toBe(400);
    expect((await call('PUT', '/ng/_doc/z', { m: '-0.5' })).status).toBe(201);
    expect((await call('POST', '/ng/_count', { query: { range: { s: { gte: '-1488700000.5' } } } })).body.count).toBe(6);
    const a = (await call('POST', '/ng/_search', { size: 0, aggs: { t: { terms: { field: 's', order: { _key: 'asc' }, size: 3 } } } })).body.aggregations.t.buckets;
    expect(a.map((b: any) => b.key_as_string)).toEqual(['-1488700000.5', '-2', '-2.25']);
  });
});
