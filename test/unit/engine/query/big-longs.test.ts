/**
 * Longs beyond 2^53 (Long.MAX_VALUE, 2^53 + 1, as JSON integers and as strings): accepted, kept exact and
 * answered as OpenSearch 3.6.0 does (every expectation below was checked against a real node). Bodies are
 * sent as JSON text and answers read as JSON text, so a digit lost to a double shows.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Engine } from '../../../../src/engine/engine.js';

let engine: Engine;
let dir: string;

const DOCS: [string, string][] = [
  ['1', '{"uid":"a1","l":9223372036854775807}'],
  ['2', '{"uid":"a2","l":9223372036854775806}'],
  ['3', '{"uid":"a3","l":"9007199254740993"}'],
  ['4', '{"uid":"a4","l":9007199254740992}'],
  ['5', '{"uid":"a5","l":-9223372036854775808}'],
  ['6', '{"uid":"a6","l":[9223372036854775000, 1]}'],
  ['7', '{"uid":"a7","l":"9223372036854775807.5"}'],
  ['8', '{"uid":"a8","l":9.2233720368547758E18}'],
  ['12', '{"uid":"b12","l":1.5e3}'],
];

async function call(method: string, path: string, body?: string): Promise<{ status: number; text: string; json: any }> {
  const [p, q] = path.split('?');
  const res = await engine.handle({ method, path: p!, query: new URLSearchParams(q ?? ''), ...(body !== undefined ? { body } : {}) });
  const text = typeof res.body === 'string' ? res.body : JSON.stringify(res.body);
  return { status: res.status, text, json: JSON.parse(text) };
}

async function load(): Promise<void> {
  await call('PUT', '/big', '{"mappings":{"properties":{"l":{"type":"long"},"uid":{"type":"keyword"}}}}');
  const lines = DOCS.flatMap(([id, src]) => [`{"index":{"_id":"${id}"}}`, src]).join('\n') + '\n';
  const res = await call('POST', '/big/_bulk?refresh=true', lines);
  expect(res.json.errors, res.text).toBe(false);
}

const search = (body: string) => call('POST', '/big/_search', body);
const ids = (r: { json: any }): string[] => r.json.hits.hits.map((h: { _id: string }) => h._id).sort();

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'big-longs-'));
  engine = await Engine.open({ dataDir: dir });
  await load();
});
afterEach(async () => {
  await engine.close();
  await rm(dir, { recursive: true, force: true });
});

describe('longs beyond 2^53', () => {
  it('accepts them and refuses only values beyond a long (a JSON integer 2^63, a decimal above 2^63)', async () => {
    const bad = await call('POST', '/big/_bulk', '{"index":{"_id":"x"}}\n{"l":9223372036854775808}\n{"index":{"_id":"z"}}\n{"l":9.3E18}\n{"index":{"_id":"y"}}\n{"l":"9223372036854775807.9"}\n');
    expect(bad.json.items.map((i: any) => i.index.status)).toEqual([400, 400, 201]);
  });

  it('keeps the digits of _source, filtered or not', async () => {
    const r = await search('{"query":{"ids":{"values":["1","6"]}},"sort":["uid"]}');
    expect(r.text).toContain('"_source":{"uid":"a1","l":9223372036854775807}');
    expect(r.text).toContain('"l":[9223372036854775000,1]');
    const f = await search('{"query":{"ids":{"values":["2"]}},"_source":["l"]}');
    expect(f.text).toContain('"_source":{"l":9223372036854775806}');
    const get = await call('GET', '/big/_doc/5');
    expect(get.text).toContain('"l":-9223372036854775808');
  });

  it('term and terms compare exactly (JSON integers, strings, decimals read as Java does)', async () => {
    expect(ids(await search('{"query":{"term":{"l":9223372036854775807}}}'))).toEqual(['1', '7', '8']);
    expect(ids(await search('{"query":{"term":{"l":"9223372036854775807"}}}'))).toEqual(['1', '7', '8']);
    expect(ids(await search('{"query":{"term":{"l":9223372036854775806}}}'))).toEqual(['2']);
    expect(ids(await search('{"query":{"term":{"l":"9007199254740993"}}}'))).toEqual(['3']);
    expect(ids(await search('{"query":{"term":{"l":9007199254740993}}}'))).toEqual(['3']);
    expect(ids(await search('{"query":{"term":{"l":9007199254740992}}}'))).toEqual(['4']);
    expect(ids(await search('{"query":{"term":{"l":"9223372036854775806.5"}}}'))).toEqual(['2']);
    expect(ids(await search('{"query":{"term":{"l":9007199254740993.0}}}'))).toEqual(['4']);
    expect(ids(await search('{"query":{"terms":{"l":[9223372036854775806, "9007199254740993"]}}}'))).toEqual(['2', '3']);
    expect(ids(await search('{"query":{"bool":{"filter":[{"exists":{"field":"l"}},{"term":{"l":9223372036854775806}}]}}}'))).toEqual(['2']);
    const out = await search('{"query":{"term":{"l":9223372036854775808}}}');
    expect(out.status).toBe(400);
    expect(out.text).toContain('Value [9223372036854775808] is out of range for a long');
  });

  it('range compares exactly (a double bound reads the digits of its shortest rendering)', async () => {
    expect(ids(await search('{"query":{"range":{"l":{"gt":9223372036854775806}}}}'))).toEqual(['1', '7', '8']);
    expect(ids(await search('{"query":{"range":{"l":{"gte":"9007199254740993","lt":9223372036854775807}}}}'))).toEqual(['2', '3', '6']);
    expect(ids(await search('{"query":{"range":{"l":{"gt":9007199254740992.0}}}}'))).toEqual(['1', '2', '3', '6', '7', '8']);
    expect(ids(await search('{"query":{"range":{"l":{"gt":9.2233720368547748E18}}}}'))).toEqual(['1', '2', '7', '8']);
    expect(ids(await search('{"query":{"range":{"l":{"gt":"9223372036854775806.5"}}}}'))).toEqual(['1', '7', '8']);
    expect(ids(await search('{"query":{"range":{"l":{"lt":"-9223372036854775807"}}}}'))).toEqual(['5']);
    // A long bound in a string is read by Numbers.toLong: no surrounding spaces, an exponent is fine.
    expect(ids(await search('{"query":{"range":{"l":{"gte":"1.5e3","lte":"1500"}}}}'))).toEqual(['12']);
    const spaced = await search('{"query":{"range":{"l":{"gte":" 5"}}}}');
    expect(spaced.status).toBe(400);
    expect(spaced.text).toContain('For input string: \\" 5\\"');
    expect(ids(await search('{"query":{"bool":{"filter":[{"exists":{"field":"l"}},{"range":{"l":{"lte":9223372036854775806,"gt":9007199254740992}}}]}}}'))).toEqual(['2', '3', '6']);
  });

  it('sorts exactly, with exact sort values and search_after cursors', async () => {
    const r = await search('{"sort":[{"l":"asc"},{"uid":"asc"}],"size":20,"_source":false}');
    expect(r.json.hits.hits.map((h: any) => h._id)).toEqual(['5', '6', '12', '4', '3', '2', '1', '7', '8']);
    expect(r.text).toContain('"sort":[-9223372036854775808,"a5"]');
    expect(r.text).toContain('"sort":[9007199254740993,"a3"]');
    expect(r.text).toContain('"sort":[9223372036854775806,"a2"]');
    expect(r.text).toContain('"sort":[9223372036854775807,"a8"]');
    const next = await search('{"sort":[{"l":"asc"},{"uid":"asc"}],"size":2,"_source":false,"search_after":[9223372036854775806,"a2"]}');
    expect(next.json.hits.hits.map((h: any) => h._id)).toEqual(['1', '7']);
    const desc = await search('{"sort":[{"l":{"order":"desc"}}],"size":4,"_source":false,"query":{"exists":{"field":"l"}}}');
    expect(desc.text).toContain('"sort":[9223372036854775806]');
    // A missing value sorts as Long.MAX_VALUE, rendered exactly (ties with the real Long.MAX_VALUE).
    await call('PUT', '/big/_doc/none?refresh=true', '{"uid":"c0"}');
    const last = await search('{"sort":[{"l":"asc"},{"uid":"asc"}],"size":20,"_source":false}');
    expect(last.json.hits.hits.map((h: any) => h._id).slice(-4)).toEqual(['1', '7', '8', 'none']);
    expect(last.text).toContain('"sort":[9223372036854775807,"c0"]');
  });

  it('terms keys and cardinality are exact; metrics read the double (as OpenSearch)', async () => {
    const r = await search('{"size":0,"aggs":{"t":{"terms":{"field":"l"}},"c":{"cardinality":{"field":"l"}},"mx":{"max":{"field":"l"}}}}');
    expect(r.text).toContain('{"key":9223372036854775807,"doc_count":3}');
    expect(r.text).toContain('{"key":9223372036854775806,"doc_count":1}');
    expect(r.text).toContain('{"key":9007199254740993,"doc_count":1}');
    expect(r.text).toContain('{"key":9223372036854775000,"doc_count":1}');
    expect(r.text).toContain('{"key":-9223372036854775808,"doc_count":1}');
    expect(r.json.aggregations.t.buckets).toHaveLength(8);
    expect(r.json.aggregations.c.value).toBe(8);
    expect(r.json.aggregations.mx.value).toBe(2 ** 63);
    const byKey = await search('{"size":0,"aggs":{"t":{"terms":{"field":"l","order":{"_key":"desc"},"size":3}}}}');
    expect(byKey.json.aggregations.t.buckets.map((b: any) => b.doc_count)).toEqual([3, 1, 1]);
    expect(byKey.text).toContain('"buckets":[{"key":9223372036854775807,"doc_count":3},{"key":9223372036854775806,"doc_count":1},{"key":9223372036854775000,"doc_count":1}]');
  });

  it('keeps exact values through the log and a checkpoint (reopen)', async () => {
    await engine.close();
    engine = await Engine.open({ dataDir: dir });
    expect(ids(await search('{"query":{"term":{"l":9223372036854775806}}}'))).toEqual(['2']);
    await engine.checkpoint();
    await engine.close();
    engine = await Engine.open({ dataDir: dir });
    expect(ids(await search('{"query":{"term":{"l":9223372036854775806}}}'))).toEqual(['2']);
    const r = await search('{"query":{"ids":{"values":["2"]}}}');
    expect(r.text).toContain('"l":9223372036854775806');
  });

  it('reads search_after cursors beyond 2^53 as OpenSearch: int sorts keep the low 32 bits, long sorts saturate, date sorts refuse', async () => {
    await call('PUT', '/cur', '{"mappings":{"properties":{"i":{"type":"integer"},"uid":{"type":"keyword"},"d":{"type":"date"},"l":{"type":"long"}}}}');
    await call('POST', '/cur/_bulk?refresh=true', '{"index":{"_id":"1"}}\n{"uid":"a","i":-1,"d":0,"l":1}\n{"index":{"_id":"2"}}\n{"uid":"b","i":5,"d":1,"l":2}\n'
      + '{"index":{"_id":"3"}}\n{"uid":"c"}\n{"index":{"_id":"4"}}\n{"uid":"d","i":2147483647,"d":5,"l":9223372036854775807}\n');
    const after = async (f: string, v: string) => {
      const r = await call('POST', '/cur/_search', `{"sort":[{"${f}":{"order":"asc","missing":"_last"}},{"uid":"asc"}],"search_after":[${v},"a"]}`);
      return r.status === 200 ? r.json.hits.hits.map((h: any) => h._id) : `${r.status} ${r.json.error.root_cause[0].type}`;
    };
    expect(await after('i', '9223372036854775807')).toEqual(['2', '3', '4']);
    expect(await after('i', '-9223372036854775808')).toEqual(['2', '3', '4']);
    expect(await after('i', '2147483648')).toEqual(['1', '2', '3', '4']);
    expect(await after('i', '9223372036854775808')).toBe('400 illegal_argument_exception');
    expect(await after('d', '9223372036854775807')).toEqual(['3']);
    expect(await after('d', '-9223372036854775808')).toEqual(['1', '2', '4', '3']);
    expect(await after('d', '9223372036854775808')).toBe('400 parse_exception');
    expect(await after('l', '9223372036854775807')).toEqual(['3', '4']);
    expect(await after('l', '9223372036854775808')).toEqual(['3', '4']);
    expect(await after('l', '-9223372036854775809')).toEqual(['1', '2', '3', '4']);
  });

  it('reads integers beyond 2^53 elsewhere in a request as their double, as before (never a 500)', async () => {
    for (const body of [
      '{"size":9007199254740993}', '{"track_total_hits":9007199254740993}', '{"sort":[{"l":{"missing":9223372036854775807}}]}',
      '{"query":{"term":{"l":{"value":1,"boost":9007199254740993}}}}', '{"aggs":{"a":{"terms":{"field":"l","missing":9223372036854775807}}}}',
      '{"aggs":{"a":{"histogram":{"field":"l","interval":9007199254740993}}}}', '{"aggs":{"a":{"terms":{"field":"l","include":[9223372036854775807]}}}}',
      '{"aggs":{"a":{"min":{"field":"l","missing":9223372036854775807}}}}', '{"aggs":{"a":{"range":{"field":"l","ranges":[{"from":9223372036854775807}]},"aggs":{"c":{"value_count":{"field":"l"}}}}}}',
      '{"query":{"term":{"uid":9223372036854775807}}}', '{"query":{"match":{"uid":9223372036854775807}}}',
    ]) {
      const r = await search(body);
      expect(r.status, `${body}: ${r.text}`).toBeLessThan(500);
    }
    // ... but a query inside an aggregation reads them exactly, as the search's query does.
    const filters = await search('{"size":0,"aggs":{"f":{"filters":{"filters":{"a":{"range":{"l":{"gt":2147483647,"lt":9223372036854775807}}},"b":{"term":{"l":9223372036854775806}}}}},'
      + '"g":{"filter":{"term":{"l":9223372036854775807}}}}}');
    expect(filters.status, filters.text).toBe(200);
    expect(filters.json.aggregations.f.buckets).toEqual({ a: { doc_count: 4 }, b: { doc_count: 1 } });
    expect(filters.json.aggregations.g.doc_count).toBe(3);
    const range = await search('{"size":0,"aggs":{"a":{"range":{"field":"l","ranges":[{"from":9223372036854775807}]},"aggs":{"c":{"value_count":{"field":"l"}}}}}}');
    // Range aggregations read doubles: from 2^63 counts the three Long.MAX_VALUE documents and 806 (also 2^63).
    expect(range.json.aggregations.a.buckets[0].doc_count).toBe(4);
  });

  it('reduces several long or date values for sort modes as Lucene does on longs (sum wraps, avg and median round half up)', async () => {
    await call('PUT', '/modes', '{"mappings":{"properties":{"l":{"type":"long"},"d":{"type":"date"}}}}');
    await call('POST', '/modes/_bulk?refresh=true', '{"index":{"_id":"1"}}\n{"l":[1,2],"d":[1,2]}\n{"index":{"_id":"2"}}\n{"l":[-1,-2],"d":[-1,-2]}\n'
      + '{"index":{"_id":"3"}}\n{"l":[9223372036854775807,9223372036854775807],"d":[5]}\n{"index":{"_id":"4"}}\n{"l":[1,2,4,8],"d":[1,2,4,8]}\n'
      + '{"index":{"_id":"5"}}\n{"l":[9007199254740993,9007199254740995]}\n');
    const sorted = async (f: string, mode: string): Promise<string> => {
      const r = await call('POST', '/modes/_search', `{"size":5,"_source":false,"sort":[{"${f}":{"order":"asc","mode":"${mode}"}}]}`);
      return JSON.stringify(r.json.hits.hits.map((h: any) => h._id)) + ' ' + r.text.match(/"sort":\[[^\]]*\]/g)!.join(',');
    };
    // As OpenSearch 3.6.0 answered.
    expect(await sorted('l', 'sum')).toBe('["2","3","1","4","5"] "sort":[-3],"sort":[-2],"sort":[3],"sort":[15],"sort":[18014398509481988]');
    expect(await sorted('d', 'sum')).toBe('["2","1","3","4","5"] "sort":[-3],"sort":[3],"sort":[5],"sort":[15],"sort":[9223372036854775807]');
    expect(await sorted('l', 'avg')).toBe('["2","3","1","4","5"] "sort":[-1],"sort":[-1],"sort":[2],"sort":[4],"sort":[9007199254740994]');
    expect(await sorted('d', 'avg')).toBe('["2","1","4","3","5"] "sort":[-1],"sort":[2],"sort":[4],"sort":[5],"sort":[9223372036854775807]');
    expect(await sorted('l', 'median')).toBe('["2","1","4","5","3"] "sort":[-1],"sort":[2],"sort":[3],"sort":[9007199254740994],"sort":[9223372036854775807]');
    expect(await sorted('d', 'median')).toBe('["2","1","4","3","5"] "sort":[-1],"sort":[2],"sort":[3],"sort":[5],"sort":[9223372036854775807]');
    // Int fields: the same on longs, then cast to an int (a sum wraps at 2^32).
    await call('PUT', '/imodes', '{"mappings":{"properties":{"i":{"type":"integer"}}}}');
    await call('POST', '/imodes/_bulk?refresh=true', '{"index":{"_id":"1"}}\n{"i":[1,2]}\n{"index":{"_id":"2"}}\n{"i":[-1,-2]}\n{"index":{"_id":"3"}}\n{"i":[2147483647,2147483647]}\n');
    const ints = async (mode: string): Promise<unknown> => {
      const r = await call('POST', '/imodes/_search', `{"_source":false,"sort":[{"i":{"order":"asc","mode":"${mode}"}}]}`);
      return r.json.hits.hits.map((h: any) => [h._id, h.sort[0]]);
    };
    expect(await ints('sum')).toEqual([['2', -3], ['3', -2], ['1', 3]]);
    expect(await ints('avg')).toEqual([['2', -1], ['1', 2], ['3', 2147483647]]);
    expect(await ints('median')).toEqual([['2', -1], ['1', 2], ['3', 2147483647]]);
  });

  it('reads decimal digits of other scripts in a long string as Long.parseLong does (BMP digits only; not for integer fields)', async () => {
    await call('PUT', '/digits', '{"mappings":{"properties":{"l":{"type":"long"},"i":{"type":"integer"}}}}');
    // Each value and OpenSearch 3.6.0's answer: its sort value, or the refusal's cause.
    const cases: [string, number | string][] = [
      ['"१२३"', 123], ['"١٢٣"', 123], ['"１２３"', 123], ['"12３"', 123], ['"-١"', -1], ['"+١"', 1], ['"٣.٥"', 3], ['"१e२"', 100], ['"१E+२"', 100],
      ['"𝟏𝟐"', 'For input string: "𝟏𝟐"'], ['"٠x١"', 'For input string: "٠x١"'], ['" ١"', 'For input string: " ١"'],
      ['"١٢٣٤٥٦٧٨٩٠١٢٣٤٥٦٧٨٩٠"', 'Value [١٢٣٤٥٦٧٨٩٠١٢٣٤٥٦٧٨٩٠] is out of range for a long'], ['"١.٥e٣٠"', 'Value [١.٥e٣٠] is out of range for a long'],
    ];
    const lines = cases.flatMap(([v], k) => [`{"index":{"_id":"${k}"}}`, `{"l":${v}}`]).join('\n') + '\n';
    const bulk = await call('POST', '/digits/_bulk?refresh=true', lines);
    const items = bulk.json.items.map((it: any) => it.index);
    const sorted = await call('POST', '/digits/_search', '{"sort":[{"l":"asc"}],"size":20}');
    const sortOf = new Map<string, number>(sorted.json.hits.hits.map((h: any) => [h._id, h.sort[0]]));
    cases.forEach(([v, want], k) => {
      if (typeof want === 'number') expect([v, items[k].status, sortOf.get(String(k))]).toEqual([v, 201, want]);
      else expect([v, items[k].status, items[k].error.caused_by.reason]).toEqual([v, 400, want]);
    });
    const int = await call('POST', '/digits/_doc', '{"i":"१२३"}');
    expect(int.status).toBe(400);
    expect(int.json.error.caused_by).toEqual({ type: 'number_format_exception', reason: 'For input string: "१२३"' });
    // A long's own refusal keeps its cause type.
    expect(items[cases.findIndex(([v]) => v === '"٠x١"')].error.caused_by.type).toBe('illegal_argument_exception');
  });
});
