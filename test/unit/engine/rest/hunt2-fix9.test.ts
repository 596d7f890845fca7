/**
 * Classes of the third independent hunt (hunt2 FINDINGS) and others fixed on the fix9 branch. Every expected
 * value was read from a real OpenSearch 3.6.0 node with the same requests (bodies sent as text).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Engine } from '../../../../src/engine/engine.js';

let engine: Engine;
beforeEach(async () => {
  engine = await Engine.open({ dataDir: null });
});
afterEach(async () => {
  await engine.close();
});

/** The response as JSON text (as the server writes it) and parsed. */
async function call(method: string, path: string, body?: unknown): Promise<{ status: number; text: string; body: any }> {
  const [p, q] = path.split('?');
  const text = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
  const res = await engine.handle({ method, path: p!, query: new URLSearchParams(q ?? ''), ...(text !== undefined ? { body: text } : {}) });
  const out = typeof res.body === 'string' ? res.body : JSON.stringify(res.body);
  return { status: res.status, text: out, body: JSON.parse(out) };
}

describe('the count shortcut of a bool Lucene rewrites to one exists clause (H2-33)', () => {
  // Doc 8's labels is "" (no token: matches exists, not counted by FieldExistsQuery's docCount shortcut).
  const EX = '{"exists":{"field":"labels"}}';
  const cases: [string, number][] = [
    ['{"should":[EX,{"match":{"nope":"x"}}]}', 1],
    ['{"should":[EX,{"match_none":{"boost":2}}]}', 1],
    ['{"should":[EX,{"term":{"nope":"x"}}],"minimum_should_match":1}', 1],
    ['{"should":[EX,{"match":{"labels":""}}]}', 1],
    ['{"should":[EX,{"match":{"n":{"query":"x","lenient":true}}}]}', 1],
    ['{"should":[EX,{"match":{"labels":{"query":"x","fuzziness":1}}}]}', 1],
    ['{"should":[EX,{"match":{"labels":{"query":"hellp","fuzziness":1}}}]}', 2],
    ['{"should":[EX,{"multi_match":{"query":"x","fields":["nope","nope2"]}}]}', 1],
    ['{"should":[EX,{"multi_match":{"query":"x","fields":["nope","k"]}}]}', 2],
    ['{"should":[EX,{"simple_query_string":{"query":"x","fields":["nope"],"minimum_should_match":2}}]}', 1],
    ['{"should":[EX,{"simple_query_string":{"query":"x -y","fields":["nope"]}}]}', 2],
    ['{"should":[EX,{"range":{"n":{"gte":100}}}]}', 1],
    ['{"should":[EX,{"range":{"n":{"gte":2}}}]}', 2],
    ['{"should":[EX,{"range":{"u":{"gt":5}}}]}', 1],
    ['{"should":[EX,{"constant_score":{"filter":{"match":{"nope":"x"}},"boost":2}}]}', 1],
    ['{"should":[EX,{"bool":{"must":[{"match":{"nope":"x"}}],"boost":2}}]}', 1],
    ['{"should":[EX,{"bool":{"should":[{"match":{"nope":"x"}}],"must_not":[{"term":{"k":"a"}}]}}]}', 1],
    ['{"should":[EX,{"bool":{"must_not":[{"bool":{}}]}}]}', 1],
    ['{"should":[EX,{"bool":{"must_not":[{"match_none":{}}]}}]}', 2],
    ['{"should":[EX,{"bool":{"should":[{"term":{"k":"a"}},{"term":{"k":"b"}}],"minimum_should_match":3}}]}', 1],
    ['{"should":[EX,{"match":{"nope":"x"}},{"match":{"nope2":"y"}}],"minimum_should_match":"50%"}', 1],
    ['{"should":[EX,{"match":{"nope":"x"}},{"match":{"nope2":"y"}}],"minimum_should_match":"-1"}', 0],
    ['{"should":[EX],"must_not":[{"match":{"nope":"x"}}]}', 1],
    ['{"should":[EX],"must_not":[{"term":{"k":"zz"}}]}', 2],
    ['{"filter":[EX],"should":[{"match":{"nope":"x"}}]}', 1],
    ['{"should":[{"bool":{"should":[EX,{"match":{"nope":"x"}}]}}]}', 1],
    ['{"should":[EX,EX],"minimum_should_match":2}', 1],
    ['{"should":[EX,EX,{"term":{"k":"a"}}],"minimum_should_match":2}', 2],
    ['{"must":[EX,EX]}', 1],
    ['{"filter":[EX,EX]}', 1],
    ['{"must":[EX],"filter":[EX]}', 2],
  ];
  it('drops should/must_not clauses that are MatchNoDocsQuery and merges duplicates, as Lucene does', async () => {
    await call('PUT', '/e', { mappings: { properties: { labels: { type: 'text' }, k: { type: 'keyword' }, n: { type: 'integer' }, u: { type: 'long' } } } });
    await call('POST', '/e/_bulk?refresh=true', '{"index":{"_id":"8"}}\n{"labels":"","k":"a","n":1}\n{"index":{"_id":"9"}}\n{"labels":"hello","k":"b","n":2}\n');
    const got: [string, number, number][] = [];
    for (const [q, _] of cases) {
      const body = `{"query":{"bool":${q.replaceAll('EX', EX)}}}`;
      const c = await call('POST', '/e/_count', body);
      const s = await call('POST', '/e/_search', `{"size":0,${body.slice(1)}`);
      got.push([q, c.body.count, s.body.hits.total.value]);
    }
    expect(got).toEqual(cases.map(([q, n]) => [q, n, n]));
  });
});

describe('sorting on metadata fields (H2-35)', () => {
  async function load(): Promise<void> {
    await call('PUT', '/m', { mappings: { properties: { k: { type: 'keyword' }, n: { type: 'integer' } } } });
    // seq_nos: 1 -> 0, 2 -> 1, 1 again -> 2, 3 -> 3, delete 3 -> 4, 4 -> 5.
    await call('POST', '/m/_bulk?refresh=true', '{"index":{"_id":"1"}}\n{"k":"x"}\n{"index":{"_id":"2"}}\n{"k":"y","n":1}\n{"index":{"_id":"1"}}\n{"k":"z"}\n'
      + '{"index":{"_id":"3"}}\n{"k":"y","n":2}\n{"delete":{"_id":"3"}}\n{"index":{"_id":"4"}}\n{"k":"w"}\n');
  }
  const hits = async (body: string): Promise<unknown> => {
    const r = await call('POST', '/m/_search', body);
    return r.status === 200 ? r.body.hits.hits.map((h: any) => [h._id, h.sort]) : [r.status, r.body.error.root_cause[0].type, r.body.error.root_cause[0].reason];
  };

  it('sorts on _seq_no as a long (its doc values)', async () => {
    await load();
    expect(await hits('{"sort":["_seq_no"],"_source":false}')).toEqual([['2', [1]], ['1', [2]], ['4', [5]]]);
    expect(await hits('{"sort":[{"_seq_no":"desc"}],"_source":false}')).toEqual([['4', [5]], ['1', [2]], ['2', [1]]]);
    expect(await hits('{"query":{"match_all":{}},"sort":["_seq_no"],"_source":false,"size":1,"from":1}')).toEqual([['1', [2]]]);
    expect(await hits('{"sort":["_seq_no"],"search_after":["1"],"_source":false}')).toEqual([['1', [2]], ['4', [5]]]);
    expect(await hits('{"sort":["_seq_no"],"search_after":[1.5],"_source":false}')).toEqual([['1', [2]], ['4', [5]]]);
    expect(await hits('{"sort":["_seq_no"],"search_after":[0],"track_total_hits":false,"_source":false}')).toEqual([['2', [1]], ['1', [2]], ['4', [5]]]);
    expect(await hits('{"sort":[{"_seq_no":{"mode":"avg","unmapped_type":"keyword"}}],"_source":false}')).toEqual([['2', [1]], ['1', [2]], ['4', [5]]]);
    expect(await hits('{"sort":[{"n":"asc"},{"_seq_no":"desc"}],"_source":false}')).toEqual([['2', [1, 1]], ['4', [2147483647, 5]], ['1', [2147483647, 2]]]);
    expect(await hits('{"sort":["k","_seq_no"],"_source":false}')).toEqual([['4', ['w', 5]], ['2', ['y', 1]], ['1', ['z', 2]]]);
    expect(await hits('{"sort":[{"_seq_no":{"missing":"abc"}}],"_source":false}')).toEqual([400, 'number_format_exception', 'For input string: "abc"']);
    expect(await hits('{"sort":["_seq_no"],"search_after":["x"],"_source":false}')).toEqual([400, 'illegal_argument_exception', 'Failed to parse search_after value for field [_seq_no].']);
    expect(await hits('{"sort":["_seq_no"],"search_after":[true],"_source":false}')).toEqual([400, 'illegal_argument_exception', 'Failed to parse search_after value for field [_seq_no].']);
  });

  it('fails the shard on metadata fields without fielddata, and finds no mapping for the others', async () => {
    await load();
    for (const f of ['_version', '_routing', '_source', '_ignored', '_field_names', '_nested_path', '_data_stream_timestamp', '_feature', '_doc_count']) {
      expect(await hits(`{"sort":["${f}"],"_source":false}`)).toEqual([400, 'illegal_argument_exception', `Fielddata is not supported on field [${f}] of type [${f}]`]);
    }
    expect(await hits('{"sort":[{"_version":{"unmapped_type":"long"}}],"_source":false}')).toEqual([400, 'illegal_argument_exception', 'Fielddata is not supported on field [_version] of type [_version]']);
    for (const f of ['_primary_term', '_size']) {
      expect(await hits(`{"sort":["${f}"],"_source":false}`)).toEqual([400, 'query_shard_exception', `No mapping found for [${f}] in order to sort on`]);
    }
  });
});

describe('bulk update creating the document from doc_as_upsert or upsert', () => {
  const DATE_ERROR = {
    type: 'mapper_parsing_exception',
    reason: 'failed to parse field [d] of type [date] in document with id \'ID\'. Preview of field\'s value: \'1.7356895999995E12\'',
  };
  it('writes the numbers as Java numbers first: a fractional epoch-millis date is refused as 1.7356895999995E12', async () => {
    await call('PUT', '/u', { mappings: { properties: { d: { type: 'date' }, k: { type: 'keyword' } } } });
    const r = await call('POST', '/u/_bulk?refresh=true', '{"update":{"_id":"1"}}\n{"doc":{"d":1735689599999.5},"doc_as_upsert":true}\n'
      + '{"update":{"_id":"2"}}\n{"doc":{"k":"a"},"upsert":{"d":1735689599999.5}}\n'
      + '{"update":{"_id":"3"}}\n{"doc":{"k":"a"},"upsert":{"d":[1.5,1735689599999.5]}}\n'
      + '{"update":{"_id":"4"}}\n{"doc":{"d":1735689599999},"doc_as_upsert":true}\n'
      + '{"update":{"_id":"5"}}\n{"doc":{"d":"1735689599999.5"},"doc_as_upsert":true}\n'
      + '{"update":{"_id":"6"}}\n{"doc":{"k":1e3},"doc_as_upsert":true}\n'
      + '{"update":{"_id":"7"}}\n{"doc":{"k":"x"},"upsert":{"k":1.50,"d":1e3}}\n');
    const items = r.body.items.map((i: any) => i.update);
    expect(items.map((i: any) => i.status)).toEqual([400, 400, 400, 201, 201, 201, 201]);
    for (const [n, id] of [[0, '1'], [1, '2'], [2, '3']] as const) {
      expect({ type: items[n].error.type, reason: items[n].error.reason }).toEqual({ ...DATE_ERROR, reason: DATE_ERROR.reason.replace('ID', id) });
      expect(items[n].error.caused_by.reason).toBe('failed to parse date field [1.7356895999995E12] with format [strict_date_optional_time||epoch_millis]');
    }
    // A keyword indexes the Java text of the number (1e3 is 1000.0, 1.50 is 1.5).
    const ids = async (q: unknown) => (await call('POST', '/u/_search', { query: q, _source: false })).body.hits.hits.map((h: any) => h._id);
    expect(await ids({ term: { k: '1000.0' } })).toEqual(['6']);
    expect(await ids({ term: { k: '1.5' } })).toEqual(['7']);
    expect(await ids({ terms: { k: ['1e3', '1.50'] } })).toEqual([]);
  });
});

describe('basic_date under a time_zone (date_histogram keys at year 1 in Australia/Adelaide)', () => {
  // OpenSearch's basic_date formatter keeps its own UTC zone: keys print the UTC date, bounds are read in UTC
  // (date math after them still rounds in the zone). Other named formats print and read in the zone.
  async function load(): Promise<void> {
    await call('PUT', '/bd', { mappings: { properties: { d: { type: 'date' }, b: { type: 'date', format: 'basic_date' } } } });
    await call('POST', '/bd/_bulk?refresh=true', '{"index":{"_id":"3"}}\n{"d":"2024-01-01","b":"20240101"}\n{"index":{"_id":"4"}}\n{"d":"0001-01-01T00:00:00Z","b":"00010101"}\n');
  }
  const aggs = async (a: unknown): Promise<any> => (await call('POST', '/bd/_search', { size: 0, aggs: { h: a } })).body.aggregations.h;
  const keys = (h: any): [number, string][] => h.buckets.map((b: any) => [b.key, b.key_as_string]);

  it('prints date_histogram keys as their UTC date', async () => {
    await load();
    const want: [number, string][] = [[-62135630060000, '00001231'], [1704029400000, '20231231']];
    expect(keys(await aggs({ date_histogram: { field: 'b', time_zone: 'Australia/Adelaide', fixed_interval: '12h', min_doc_count: 1 } }))).toEqual(want);
    expect(keys(await aggs({ date_histogram: { field: 'd', time_zone: 'Australia/Adelaide', calendar_interval: 'day', min_doc_count: 1, format: 'basic_date' } }))).toEqual(want);
    // Another named format of the same fields prints the zone's date.
    expect(keys(await aggs({ date_histogram: { field: 'd', time_zone: 'Australia/Adelaide', calendar_interval: 'day', min_doc_count: 1, format: 'basic_ordinal_date' } })))
      .toEqual([[-62135630060000, '0001001'], [1704029400000, '2024001']]);
  });

  it('reads date_range bounds in UTC, rounding date math in the zone', async () => {
    await load();
    const h = await aggs({ date_range: { field: 'b', time_zone: 'Australia/Adelaide', ranges: [{ from: '20231231', to: '20240102' }, { from: '20240101||/M', to: '20240101||+1M/M' }] } });
    expect(h.buckets.map((b: any) => [b.key, b.from, b.to, b.doc_count])).toEqual([
      ['20231231-20240102', 1703980800000, 1704153600000, 1], ['20231231-20240131', 1704029400000, 1706707800000, 1]]);
    const g = await aggs({ date_range: { field: 'd', time_zone: '+10:00', format: 'basic_date||strict_date_optional_time', ranges: [{ from: '2024-01-01', to: '20240101' }] } });
    expect(g.buckets.map((b: any) => [b.key, b.from, b.to, b.doc_count])).toEqual([['20231231-20240101', 1704031200000, 1704067200000, 0]]);
  });
});
