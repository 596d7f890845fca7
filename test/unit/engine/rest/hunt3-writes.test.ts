/**
 * Write classes of the third differential hunt (/work/hunt3/FINDINGS.md, C1, C2, C18, C26, C32), fixed in
 * session 9. Every expected value was read from a real OpenSearch 3.6.0 node with the same requests.
 */
import { describe, expect, it } from 'vitest';
import { engineCalls, nd } from './engine-calls.js';

const { call } = engineCalls();
const shards = { total: 1, successful: 1, failed: 0 };

describe('C2: a bulk update with _source answers the written document as `get`', () => {
  it('applies the update and returns get for updates, noops and upsert creations, filtered as asked', async () => {
    await call('PUT', '/h3w', { settings: { number_of_shards: 1, number_of_replicas: 0 } });
    const r = await call('POST', '/_bulk', nd([
      { index: { _index: 'h3w', _id: '1' } }, { a: 1, b: { c: 2, d: 3 }, e: 'x' },
      { update: { _index: 'h3w', _id: '1' } }, { doc: { a: 2 }, _source: true },
      { update: { _index: 'h3w', _id: '1' } }, { doc: { a: 2 }, _source: true },
      { update: { _index: 'h3w', _id: '2' } }, { doc: { z: 1 }, doc_as_upsert: true, _source: true },
      { update: { _index: 'h3w', _id: '3' } }, { doc: { z: 1 }, upsert: { u: 5 }, _source: ['u', 'b.*'] },
      { update: { _index: 'h3w', _id: '1' } }, { doc: { a: 3 }, _source: { includes: ['b'], excludes: ['b.d'] } },
      { update: { _index: 'h3w', _id: '1' } }, { doc: { a: 4 }, _source: false },
      { update: { _index: 'h3w', _id: '1' } }, { doc: { a: 5 }, _source: 'a,e' },
      { update: { _index: 'h3w', _id: '1', _source: 'e' } }, { doc: { a: 6 }, _source: false },
    ]));
    expect(r.status).toBe(200);
    const items = r.body.items.map((i: Record<string, any>) => i.update ?? i.index);
    expect(items[1]).toEqual({ _index: 'h3w', _id: '1', _version: 2, result: 'updated', _shards: shards, _seq_no: 1, _primary_term: 1,
      get: { _seq_no: 1, _primary_term: 1, found: true, _source: { a: 2, b: { c: 2, d: 3 }, e: 'x' } }, status: 200 });
    expect(items[2]).toMatchObject({ result: 'noop', _seq_no: 1, get: { _seq_no: 1, found: true, _source: { a: 2, b: { c: 2, d: 3 }, e: 'x' } } });
    expect(items[3]).toMatchObject({ result: 'created', status: 201, get: { _seq_no: 2, _primary_term: 1, found: true, _source: { z: 1 } } });
    expect(items[4]).toMatchObject({ result: 'created', get: { _seq_no: 3, _source: { u: 5 } } });
    expect(items[5].get._source).toEqual({ b: { c: 2 } });
    expect(items[6]).not.toHaveProperty('get');
    expect(items[7].get._source).toEqual({}); // one pattern "a,e" in a body
    expect(items[8].get._source).toEqual({ e: 'x' }); // the metadata line's _source wins over the body's
    expect((await call('GET', '/h3w/_doc/1')).body._source).toEqual({ a: 6, b: { c: 2, d: 3 }, e: 'x' });
    // The URL's context replaces the body's; `_source=false` turns it off.
    const u = await call('POST', '/_bulk?_source_includes=e', nd([{ update: { _index: 'h3w', _id: '1' } }, { doc: { a: 7 } }]));
    expect(u.body.items[0].update.get._source).toEqual({ e: 'x' });
    const off = await call('POST', '/_bulk?_source=false', nd([{ update: { _index: 'h3w', _id: '1' } }, { doc: { a: 8 }, _source: true }]));
    expect(off.body.items[0].update).not.toHaveProperty('get');
    // An array in the metadata line is refused whole, as OpenSearch does.
    const bad = await call('POST', '/_bulk', nd([{ update: { _index: 'h3w', _id: '1', _source: ['e'] } }, { doc: { a: 9 } }]));
    expect(bad.status).toBe(400);
    expect(bad.body.error.reason).toBe('Malformed action/metadata line [1], expected a simple value for field [_source] but found [START_ARRAY]');
  });
});

describe('C1: retry_on_conflict in action metadata is read as an int', () => {
  it('refuses the whole bulk on an unreadable value, writing nothing', async () => {
    const cases: [unknown, string, string][] = [
      ['x', 'number_format_exception', 'For input string: "x"'],
      ['', 'number_format_exception', 'empty String'],
      ['1e10', 'illegal_argument_exception', 'Value [1e10] is out of range for an integer'],
      ['Infinity', 'illegal_argument_exception', 'Value [Infinity] is out of range for an integer'],
    ];
    for (const [v, type, reason] of cases) {
      const r = await call('POST', '/_bulk', nd([{ index: { _index: 'h3c', _id: '1', retry_on_conflict: v } }, { a: 1 }]));
      expect(r).toEqual({ status: 400, body: { error: { root_cause: [{ type, reason }], type, reason }, status: 400 } });
    }
    expect((await call('GET', '/h3c/_doc/1')).status).toBe(404);
    const ok = await call('POST', '/_bulk', nd([
      { index: { _index: 'h3c', _id: '1', retry_on_conflict: ' 2f' } }, { a: 1 },
      { update: { _index: 'h3c', _id: '1', retry_on_conflict: 1.5 } }, { doc: { a: 2 } },
      { update: { _index: 'h3c', _id: '1', retry_on_conflict: 'NaN' } }, { doc: { a: 3 } },
    ]));
    expect(ok.body.errors).toBe(false);
  });
});

describe('C26: parameters OpenSearch accepts', () => {
  it('checks `version` on GET/HEAD _doc (409 on another version; -3 checks nothing; 0 and other negatives invalid)', async () => {
    await call('PUT', '/h3v/_doc/1', { a: 1 });
    await call('PUT', '/h3v/_doc/1', { a: 2 });
    expect((await call('GET', '/h3v/_doc/1?version=2')).body._version).toBe(2);
    expect((await call('GET', '/h3v/_doc/1?version=-3')).status).toBe(200);
    const c = await call('GET', '/h3v/_doc/1?version=1');
    expect(c.status).toBe(409);
    expect(c.body.error).toMatchObject({ type: 'version_conflict_engine_exception',
      reason: '[1]: version conflict, current version [2] is different than the one provided [1]', index: 'h3v', shard: '0' });
    expect((await call('HEAD', '/h3v/_doc/1?version=1')).status).toBe(409);
    expect((await call('HEAD', '/h3v/_doc/1?version=%2B2')).status).toBe(200);
    expect((await call('GET', '/h3v/_doc/9?version=5')).body).toEqual({ _index: 'h3v', _id: '9', found: false });
    expect((await call('GET', '/h3v/_doc/1?version=0')).body.error.reason).toBe('Validation Failed: 1: illegal version value [0] for version type [INTERNAL];');
    const x = await call('GET', '/h3v/_doc/1?version=1.5');
    expect(x.body.error).toMatchObject({ type: 'illegal_argument_exception', reason: 'Failed to parse long parameter [version] with value [1.5]',
      caused_by: { type: 'number_format_exception', reason: 'For input string: "1.5"' } });
  });

  it('answers `stored_fields` on GET/_mget when the index stores no field: the source only when `_source` is listed', async () => {
    await call('PUT', '/h3v/_doc/1', { a: 1, s: 'x' });
    const base = { _index: 'h3v', _id: '1', _version: 1, _seq_no: 0, _primary_term: 1, found: true };
    expect((await call('GET', '/h3v/_doc/1?stored_fields=a')).body).toEqual(base);
    expect((await call('GET', '/h3v/_doc/1?stored_fields=a,_source')).body).toEqual({ ...base, _source: { a: 1, s: 'x' } });
    expect((await call('GET', '/h3v/_doc/1?stored_fields=a&_source_includes=s')).body).toEqual({ ...base, _source: { s: 'x' } });
    expect((await call('POST', '/h3v/_mget?stored_fields=a', { ids: ['1', '9'] })).body).toEqual({ docs: [base, { _index: 'h3v', _id: '9', found: false }] });
    await call('PUT', '/h3s', { mappings: { properties: { k: { type: 'keyword', store: true } } } });
    const refused = await call('GET', '/h3s/_doc/1?stored_fields=k');
    expect(refused.status).toBe(400);
    expect(refused.body.error.reason).toContain('is not supported by the embedded engine');
  });

  it('reads `op_type` on POST /<index>/_doc (index makes compare-and-set pass validation, and ignored)', async () => {
    expect((await call('POST', '/h3o/_doc?op_type=create', { a: 1 })).body.result).toBe('created');
    expect((await call('POST', '/h3o/_doc?op_type=index&if_seq_no=1&if_primary_term=1', { a: 1 })).body.result).toBe('created');
    expect((await call('POST', '/h3o/_doc?op_type=create&if_seq_no=1&if_primary_term=1', { a: 1 })).body.error.reason)
      .toBe('Validation Failed: 1: create operations do not support compare and set. use index instead;');
    expect((await call('POST', '/h3o/_doc?op_type=x', { a: 1 })).body.error.reason).toBe("opType must be 'create' or 'index', found: [x]");
  });

  it('fails a bulk item naming an ingest pipeline (none exists), before auto-creating its index', async () => {
    const r = await call('POST', '/_bulk', nd([
      { index: { _index: 'h3p', _id: '1', pipeline: 'x' } }, { a: 1 },
      { create: { _index: 'h3q', _id: '3', pipeline: '_none' } }, { a: 1 },
      { update: { _index: 'h3q', _id: '3', pipeline: 'x' } }, { doc: { a: 2 } },
    ]));
    expect(r.body.ingest_took).toBe(0);
    expect(r.body.items[0]).toEqual({ index: { _index: 'h3p', _id: '1', status: 400,
      error: { type: 'illegal_argument_exception', reason: 'pipeline with id [x] does not exist' } } });
    expect(r.body.items[1].create.result).toBe('created');
    expect(r.body.items[2].update.result).toBe('updated');
    expect((await call('HEAD', '/h3p')).status).toBe(404);
    expect((await call('POST', '/_bulk', nd([{ index: { _index: 'h3q', _id: '1', pipeline: '' } }, { a: 1 }]))).body.error.reason)
      .toBe('Validation Failed: 1: pipeline cannot be an empty string;');
    // Several failing items come back in an order of OpenSearch's own: refused.
    const two = await call('POST', '/_bulk?pipeline=y', nd([{ index: { _index: 'h3q', _id: '1' } }, { a: 1 }, { index: { _index: 'h3q', _id: '2' } }, { a: 1 }]));
    expect(two.body.error.reason).toContain('is not supported by the embedded engine');
  });
});

describe('C18: "NaN" in an integer field, and coerce: false errors', () => {
  it('indexes "NaN" (signed, spaced) as 0 in integer/short/byte fields; refuses it in long, double and float fields', async () => {
    await call('PUT', '/h3n', { mappings: { properties: { n: { type: 'integer' }, s: { type: 'short' }, l: { type: 'long' }, d: { type: 'double' }, f: { type: 'float' } } } });
    expect((await call('PUT', '/h3n/_doc/1', { n: 'NaN' })).status).toBe(201);
    expect((await call('PUT', '/h3n/_doc/2', { n: ' -NaN ', s: '+NaN' })).status).toBe(201);
    const cause = async (doc: unknown): Promise<unknown> => (await call('PUT', '/h3n/_doc/9', doc)).body.error.caused_by;
    expect(await cause({ n: 'Infinity' })).toEqual({ type: 'illegal_argument_exception', reason: 'Value [Infinity] is out of range for an integer' });
    expect(await cause({ n: 'NaNd' })).toEqual({ type: 'number_format_exception', reason: 'For input string: "NaNd"' });
    expect(await cause({ l: 'NaN' })).toEqual({ type: 'illegal_argument_exception', reason: 'For input string: "NaN"' });
    expect(await cause({ d: '+Infinity' })).toEqual({ type: 'illegal_argument_exception', reason: '[double] supports only finite values, but got [Infinity]' });
    expect(await cause({ f: 'NaN' })).toEqual({ type: 'illegal_argument_exception', reason: '[float] supports only finite values, but got [NaN]' });
    const r = await call('POST', '/h3n/_search', { size: 0, aggs: { t: { terms: { field: 'n' } }, s: { terms: { field: 's' } } } });
    expect(r.body.aggregations.t.buckets).toEqual([{ key: 0, doc_count: 2 }]);
    expect(r.body.aggregations.s.buckets).toEqual([{ key: 0, doc_count: 1 }]);
    expect((await call('POST', '/h3n/_count', { query: { term: { n: 0 } } })).body.count).toBe(2);
  });

  it('words coerce: false refusals as XContentParser does', async () => {
    await call('PUT', '/h3k', { mappings: { properties: { i: { type: 'integer', coerce: false }, b: { type: 'byte', coerce: false }, l: { type: 'long', coerce: false }, d: { type: 'double', coerce: false } } } });
    const cause = async (doc: unknown): Promise<unknown> => (await call('PUT', '/h3k/_doc/9', doc)).body.error.caused_by.reason;
    expect(await cause({ i: 'NaN' })).toBe('Integer value passed as String');
    expect(await cause({ b: '1' })).toBe('Integer value passed as String');
    expect(await cause({ l: 'abc' })).toBe('Long value passed as String');
    expect(await cause({ d: '1' })).toBe('Double value passed as String');
    expect(await cause({ b: -2.25 })).toBe('-2.25 cannot be converted to Integer without data loss');
    expect(await cause({ l: 1.5 })).toBe('1.5 cannot be converted to Long without data loss');
  });
});

describe('C32: refused documents\' error detail', () => {
  it('names the position of an object in a leaf field (line:column in UTF-8 bytes of the text sent)', async () => {
    await call('PUT', '/h3e', { mappings: { properties: { k: { type: 'keyword' }, d: { type: 'date' }, i: { type: 'integer' }, b: { type: 'boolean' } } } });
    const r = await call('POST', '/_bulk', [
      '{"index":{"_index":"h3e","_id":"1"}}', '{"k":{"a":1}}',
      '{"index":{"_index":"h3e","_id":"2"}}', '  {"z":"éé","d" : [1,{}]}',
      '{"index":{"_index":"h3e","_id":"3"}}', '{"i":{"a":1}}',
      '{"index":{"_index":"h3e","_id":"4"}}', '{"b":{"a":1}}',
    ].join('\n') + '\n');
    const causes = r.body.items.map((i: Record<string, any>) => i.index.error.caused_by);
    const loc = '\n at [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1, column: 7]';
    expect(causes).toEqual([
      { type: 'illegal_state_exception', reason: "Can't get text on a START_OBJECT at 1:6" },
      { type: 'illegal_state_exception', reason: "Can't get text on a START_OBJECT at 1:24" },
      { type: 'json_parse_exception', reason: `Current token (START_OBJECT) not numeric, can not use numeric value accessors${loc}` },
      { type: 'json_parse_exception', reason: `Current token (START_OBJECT) not of boolean type${loc}` },
    ]);
    const pretty = await call('PUT', '/h3e/_doc/9', '{\n  "k": [\n    "a",\n    {"x": 1}\n  ]\n}');
    expect(pretty.body.error.caused_by.reason).toBe("Can't get text on a START_OBJECT at 4:5");
  });

  it('names mixed dynamic types the way OpenSearch merges them (reversed under an object new in the document)', async () => {
    await call('PUT', '/h3m', { mappings: { properties: { o: { properties: { n: { type: 'keyword' } } } } } });
    const reason = async (doc: unknown): Promise<string> => (await call('POST', '/h3m/_doc', doc)).body.error.reason;
    expect(await reason({ m: [1, 'x'] })).toBe('mapper [m] cannot be changed from type [long] to [text]');
    expect(await reason({ o: { n4: [true, 'x'] } })).toBe('mapper [o.n4] cannot be changed from type [boolean] to [text]');
    expect(await reason({ p: { q: { a: [1, 'x'] } } })).toBe('mapper [p.q.a] cannot be changed from type [text] to [long]');
    expect(await reason({ 'm18.a': [1, 'x'] })).toBe('mapper [m18.a] cannot be changed from type [text] to [long]');
    expect(await reason({ m21: { a: [1.5, '2024-01-01'] } })).toBe('mapper [m21.a] cannot be changed from type [date] to [float]');
    expect(await reason({ m8: [1, { a: 1 }] })).toBe("can't merge a non object mapping [m8] with an object mapping");
    expect(await reason({ m9: [{ a: 1 }, 1] })).toBe("can't merge a non object mapping [m9] with an object mapping");
    expect(await reason({ m13: { a: [1, { b: 1 }] } })).toBe("can't merge a non object mapping [m13.a] with an object mapping");
    expect(await reason({ m14: { a: [{ b: 1 }, 1] } })).toBe('mapper [m14.a] cannot be changed from type [long] to [ObjectMapper]');
  });

  it('gives an unparseable date under a format of several parsers the inner "Failed to parse with all enclosed parsers"', async () => {
    await call('PUT', '/h3d', { mappings: { properties: { a: { type: 'date' }, g: { type: 'date', format: 'yyyy-MM-dd||epoch_millis' } } } });
    for (const [f, v, format] of [['a', 'yesterday', 'strict_date_optional_time||epoch_millis'], ['a', '2024-02-30', 'strict_date_optional_time||epoch_millis'],
      ['g', '2024-01-01x', 'yyyy-MM-dd||epoch_millis']]) {
      const r = await call('PUT', '/h3d/_doc/1', { [f!]: v });
      expect(r.body.error.caused_by).toEqual({ type: 'illegal_argument_exception', reason: `failed to parse date field [${v}] with format [${format}]`,
        caused_by: { type: 'date_time_parse_exception', reason: 'Failed to parse with all enclosed parsers' } });
    }
  });
});
