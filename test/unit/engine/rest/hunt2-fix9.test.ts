/**
 * Classes of the third independent hunt (hunt2 FINDINGS) and others fixed on the fix9 branch. Every expected
 * value was read from a real OpenSearch 3.6.0 node with the same requests (bodies sent as text).
 */
import { describe, expect, it } from 'vitest';
import { engineCalls } from './engine-calls.js';

const { call } = engineCalls();

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

describe('a malformed clause inside a bool (hunt2 S1): OpenSearch\'s x_content_parse_exception at the clause\'s [line:col]', () => {
  // [body, [status, error.type, error.reason, root_cause[0].type, root_cause[0].reason]] as the real node answers.
  const key = (r: { status: number; body: any }): unknown[] => {
    const e = r.body.error;
    return e ? [r.status, e.type, e.reason, e.root_cause[0].type, e.root_cause[0].reason] : [r.status];
  };
  async function load(): Promise<void> {
    await call('PUT', '/s1', '{"mappings":{"properties":{"f":{"type":"keyword"},"n":{"type":"integer"},"t":{"type":"text"}}}}');
  }

  const searchCases: [string, unknown[]][] = [
    ["{\"query\":{\"bool\":{\"must\":{\"term\":{\"f\":{\"bad\":1}}}}}}", [400, "x_content_parse_exception", "[1:46] [bool] failed to parse field [must]", "parsing_exception", "[term] query does not support [bad]"]],
    ["{\"query\":{\"bool\":{\"must\":[{\"match_all\":{}},{\"term\":{\"f\":{\"bad\":1}}}]}}}", [400, "x_content_parse_exception", "[1:64] [bool] failed to parse field [must]", "parsing_exception", "[term] query does not support [bad]"]],
    ["{\"query\":{\"bool\":{\"should\":[{\"term\":{\"f\":{}}}]}}}", [400, "x_content_parse_exception", "[1:44] [bool] failed to parse field [should]", "x_content_parse_exception", "[1:44] [bool] failed to parse field [should]"]],
    ["{\"query\":{\"bool\":{\"filter\":{\"term\":{\"\":\"x\"}}}}}", [400, "x_content_parse_exception", "[1:43] [bool] failed to parse field [filter]", "x_content_parse_exception", "[1:43] [bool] failed to parse field [filter]"]],
    ["{\"query\":{\"bool\":{\"must\":{\"match\":{\"f\":{\"lenient\":false}}}}}}", [400, "x_content_parse_exception", "[1:57] [bool] failed to parse field [must]", "parsing_exception", "No text specified for text query"]],
    ["{\"query\":{\"bool\":{\"must_not\":{\"terms\":{\"f\":[\"a\",null]}}}}}", [400, "x_content_parse_exception", "[1:49] [bool] failed to parse field [must_not]", "parsing_exception", "No value specified for terms query"]],
    ["{\"query\":{\"bool\":{\"must\":{\"nope\":{}}}}}", [400, "x_content_parse_exception", "[1:34] [bool] failed to parse field [must]", "parsing_exception", "unknown query [nope]"]],
    ["{\"query\":{\"bool\":{\"must\":{\"match\":{\"f\":{\"query\":\"x\",\"operator\":\"xor\"}}}}}}", [400, "x_content_parse_exception", "[1:64] [bool] failed to parse field [must]", "x_content_parse_exception", "[1:64] [bool] failed to parse field [must]"]],
    ["{\"query\":{\"bool\":{\"must\":{\"range\":{\"n\":{\"gte\":1,\"gt\":2}}}}}}", [400, "x_content_parse_exception", "[1:54] [bool] failed to parse field [must]", "parsing_exception", "invalid lower bound for [range] query"]],
    ["{\"query\":{\"bool\":{\"must\":{\"bool\":{\"should\":{\"term\":{\"f\":{}}}}}}}}", [400, "x_content_parse_exception", "[1:59] [bool] failed to parse field [must]", "x_content_parse_exception", "[1:59] [bool] failed to parse field [should]"]],
    ["{\"query\":{\"bool\":{\"must\":{\"bool\":{\"must\":{\"term\":{\"f\":{\"bad\":1}}}}}}}}", [400, "x_content_parse_exception", "[1:62] [bool] failed to parse field [must]", "parsing_exception", "[term] query does not support [bad]"]],
    ["{\"query\":{\"bool\":{\"must\":{\"constant_score\":{\"filter\":{\"term\":{\"f\":{\"bad\":1}}}}}}}}", [400, "x_content_parse_exception", "[1:74] [bool] failed to parse field [must]", "parsing_exception", "[term] query does not support [bad]"]],
    ["{\"query\":{\"bool\":{\"must\":{\"match_all\":{\"x\":1}}}}}", [400, "x_content_parse_exception", "[1:44] [bool] failed to parse field [must]", "parsing_exception", "[1:40] [match_all] unknown field [x]"]],
    ["{\"query\":{\"bool\":{\"must\":{\"term\":{\"f\":{\"value\":\"x\",\"boost\":\"zz\"}}}}}}", [400, "x_content_parse_exception", "[1:60] [bool] failed to parse field [must]", "x_content_parse_exception", "[1:60] [bool] failed to parse field [must]"]],
    ["{\"query\":{\"bool\":{\"must\":[{}]}}}", [400, "x_content_parse_exception", "[1:28] [bool] failed to parse field [must]", "x_content_parse_exception", "[1:28] [bool] failed to parse field [must]"]],
    ["{\"query\":{\"bool\":{\"must\":[1]}}}", [400, "x_content_parse_exception", "[1:28] [bool] failed to parse field [must]", "parsing_exception", "[_na] query malformed, must start with start_object"]],
    ["{\"query\":{\"bool\":{\"must\":1}}}", [400, "x_content_parse_exception", "[1:26] [bool] must doesn't support values of type: VALUE_NUMBER", "x_content_parse_exception", "[1:26] [bool] must doesn't support values of type: VALUE_NUMBER"]],
    ["{\"query\":{\"bool\":{\"must\":{\"bool\":{\"x\":1}}}}}", [400, "x_content_parse_exception", "[1:39] [bool] failed to parse field [must]", "x_content_parse_exception", "[1:35] [bool] unknown field [x]"]],
    ["{\"query\":{\"bool\":{\"must\":{\"match\":{\"f\":{\"query\":\"x\"}},\"term\":{\"f\":\"x\"}}}}}", [400, "x_content_parse_exception", "[1:55] [bool] failed to parse field [must]", "parsing_exception", "[match] malformed query, expected [END_OBJECT] but found [FIELD_NAME]"]],
    ["{\"query\":{\"bool\":{\"must\":[{\"term\":{\"é\":\"x\"}},{\"term\":{\"f\":{\"bad\":1}}}]}}}", [400, "x_content_parse_exception", "[1:67] [bool] failed to parse field [must]", "parsing_exception", "[term] query does not support [bad]"]],
    ["{\n  \"query\": {\n    \"bool\": {\n      \"must\": {\"term\": {\"f\": {\"bad\": 1}}}\n    }\n  }\n}", [400, "x_content_parse_exception", "[4:38] [bool] failed to parse field [must]", "parsing_exception", "[term] query does not support [bad]"]],
    ["{\"query\":{\"bool\":{\"should\":[{\"match\":{\"t\":\"x\"}}],\"must_not\":{\"term\":{\"f\":{}}},\"filter\":{\"term\":{\"f\":{\"bad\":1}}}}}}", [400, "x_content_parse_exception", "[1:76] [bool] failed to parse field [must_not]", "x_content_parse_exception", "[1:76] [bool] failed to parse field [must_not]"]],
    ["{\"post_filter\":{\"bool\":{\"must\":{\"term\":{\"f\":{}}}}}}", [400, "x_content_parse_exception", "[1:47] [bool] failed to parse field [must]", "x_content_parse_exception", "[1:47] [bool] failed to parse field [must]"]],
    ["{\"query\":{\"term\":{\"f\":{}}}}", [400, "illegal_argument_exception", "value cannot be null", "illegal_argument_exception", "value cannot be null"]],
    ["{\"query\":{\"term\":{}}}", [400, "illegal_argument_exception", "field name is null or empty", "illegal_argument_exception", "field name is null or empty"]],
    ["{\"query\":{\"term\":{\"f\":null}}}", [400, "illegal_argument_exception", "field name is null or empty", "illegal_argument_exception", "field name is null or empty"]],
    ["{\"query\":{\"match\":{}}}", [400, "parsing_exception", "No text specified for text query", "parsing_exception", "No text specified for text query"]],
    ["{\"query\":{\"match_phrase\":{\"t\":{}}}}", [400, "illegal_argument_exception", "[match_phrase] requires query value", "illegal_argument_exception", "[match_phrase] requires query value"]],
    ["{\"query\":{\"terms\":{\"f\":[null]}}}", [400, "parsing_exception", "No value specified for terms query", "parsing_exception", "No value specified for terms query"]],
    ["{\"query\":{}}", [400, "illegal_argument_exception", "query malformed, empty clause found at [1:11]", "illegal_argument_exception", "query malformed, empty clause found at [1:11]"]],
    ["{\"query\":{\"multi_match\":{\"query\":\"x\",\"operator\":\"xor\"}}}", [400, "illegal_argument_exception", "No enum constant org.opensearch.index.query.Operator.XOR", "illegal_argument_exception", "No enum constant org.opensearch.index.query.Operator.XOR"]],
    ["{\"query\":{\"exists\":{\"field\":null}}}", [400, "parsing_exception", "[exists] unknown token [VALUE_NULL] after [field]", "parsing_exception", "[exists] unknown token [VALUE_NULL] after [field]"]],
    ["{\"query\":{\"ids\":{\"x\":1}}}", [400, "parsing_exception", "[1:18] [ids] unknown field [x]", "parsing_exception", "[1:18] [ids] unknown field [x]"]],
    ["{\"query\":{\"prefix\":{\"f\":{\"value\":\"x\",\"boost\":\"zz\"}}}}", [400, "number_format_exception", "For input string: \"zz\"", "number_format_exception", "For input string: \"zz\""]],
  ];
  it('answers search as OpenSearch does', async () => {
    await load();
    const got: [string, unknown[]][] = [];
    for (const [body] of searchCases) got.push([body, key(await call('POST', '/s1/_search', body))]);
    expect(got).toEqual(searchCases);
  });

  const countCases: [string, unknown[]][] = [
    ["{\"query\":{\"bool\":{\"must\":{\"term\":{\"f\":{\"bad\":1}}}}}}", [400, "parsing_exception", "Failed to parse", "parsing_exception", "Failed to parse"]],
    ["{\"query\":{\"term\":{\"f\":{}}}}", [400, "parsing_exception", "Failed to parse", "parsing_exception", "Failed to parse"]],
    ["{\"query\":{\"bool\":{\"should\":[{\"term\":{\"f\":{}}}]}}}", [400, "parsing_exception", "Failed to parse", "parsing_exception", "Failed to parse"]],
    ["{\"query\":{}}", [400, "parsing_exception", "Failed to parse", "parsing_exception", "Failed to parse"]],
    ["{\"size\":1}", [400, "parsing_exception", "request does not support [size]", "parsing_exception", "request does not support [size]"]],
  ];
  it('answers count as OpenSearch does', async () => {
    await load();
    const got: [string, unknown[]][] = [];
    for (const [body] of countCases) got.push([body, key(await call('POST', '/s1/_count', body))]);
    expect(got).toEqual(countCases);
  });

  const msearchCases: [string, unknown[]][] = [
    ["{\"index\":\"s1\"}\n{\"query\":{\"bool\":{\"must\":{\"terms\":{\"f\":[null]}}}}}\n", [400, "x_content_parse_exception", "[1:41] [bool] failed to parse field [must]", "parsing_exception", "No value specified for terms query"]],
    ["{}\n{\"query\":{\"match_all\":{}}}\n{\"index\":\"s1\"}\n{\"query\":{\"bool\":{\"filter\":[{\"term\":{\"f\":{}}}]}}}\n", [400, "x_content_parse_exception", "[1:44] [bool] failed to parse field [filter]", "x_content_parse_exception", "[1:44] [bool] failed to parse field [filter]"]],
  ];
  it('fails an msearch as a whole, with positions within the line', async () => {
    await load();
    const got: [string, unknown[]][] = [];
    for (const [body] of msearchCases) got.push([body, key(await call('POST', '/_msearch', body))]);
    expect(got).toEqual(msearchCases);
  });

  it('gives _count\'s "Failed to parse" the position of the failing token', async () => {
    await load();
    const r = await call('POST', '/s1/_count', '{"query":{"bool":{"should":[{"term":{"f":{}}}]}}}');
    expect([r.body.error.line, r.body.error.col, r.body.error.caused_by.type, r.body.error.caused_by.reason]).toEqual([1, 44, 'x_content_parse_exception', '[1:44] [bool] failed to parse field [should]']);
  });

  it('leaves the engine\'s refusals as they are inside a bool', async () => {
    await load();
    const r = await call('POST', '/s1/_search', '{"query":{"bool":{"must":{"dis_max":{"queries":[]}}}}}');
    expect([r.status, r.body.error.type, r.body.error.reason]).toEqual([400, 'parsing_exception', 'unknown query [dis_max]']);
  });
});
