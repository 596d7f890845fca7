/**
 * Classes of the independent differential hunt (/work/hunt/FINDINGS.md) and of the wide fuzzer fixed on
 * branch fixb, each with the real OpenSearch 3.6.0 node's answer as the expected value (checked on the node
 * with the same requests before the fix). Bodies are sent as JSON text where how a number is written matters.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@opensearch-project/opensearch';
import { describe, expect, it } from 'vitest';
import { embeddedClient, withEmbedded } from './embedded-client.js';

const raw = async (client: Client, method: string, path: string, body?: string): Promise<any> =>
  (await client.transport.request({ method, path, body: body as never }, { headers: { 'content-type': 'application/json' } })).body;

/** The JSON number texts of the hunt's probe, as OpenSearch indexes them in a keyword field. */
const NUMBERS = ['1e21', '1E21', '1.0', '-0.0', '0.0', '-0', '1E+2', '1e-7', '1.5e300', '123456789012345678901234567890',
  '9223372036854775807', '9223372036854775808', '-9223372036854775809', '0.1', '100', '1.10', '1e400', '-1e400',
  '12345678901234567.5', '1.0e0', '0.00001', '1E2', '5e-324', '2.5E-5', '1e0', '3.0e+5', '18446744073709551616'];

describe('FINDINGS class 23: a JSON number in a keyword or text field is indexed as written', () => {
  it('indexes the number token\'s text (terms keys as on OpenSearch 3.6.0)', async () => {
    await withEmbedded(async (client) => {
      await raw(client, 'PUT', '/kw', '{"mappings":{"properties":{"k":{"type":"keyword"},"t":{"type":"text"}}}}');
      const bulk = NUMBERS.map((n, i) => `{"index":{"_id":"${i + 1}"}}\n{"k":${n},"t":${n}}\n`).join('');
      const res = await raw(client, 'POST', '/kw/_bulk?refresh=true', bulk);
      expect(res.errors).toBe(false);
      const aggs = await raw(client, 'POST', '/kw/_search', '{"size":0,"aggs":{"k":{"terms":{"field":"k","size":100}}}}');
      expect(aggs.aggregations.k.buckets.map((b: { key: string }) => b.key)).toEqual(['-0', '-0.0', '-1e400', '-9223372036854775809',
        '0.0', '0.00001', '0.1', '1.0', '1.0e0', '1.10', '1.5e300', '100', '12345678901234567.5', '123456789012345678901234567890',
        '18446744073709551616', '1E+2', '1E2', '1E21', '1e-7', '1e0', '1e21', '1e400', '2.5E-5', '3.0e+5', '5e-324',
        '9223372036854775807', '9223372036854775808']);
      // The text field analyzes the same text: `1.10` is the token 1.10, not 1.1.
      const t = await raw(client, 'POST', '/kw/_search', '{"query":{"match":{"t":"1.10"}}}');
      expect(t.hits.hits.map((h: { _id: string }) => h._id)).toEqual(['16']);
    });
  });

  it('a number as a term value is Java\'s Integer/Long/Double text (1e21 is 1.0E21), so it misses 1e21', async () => {
    await withEmbedded(async (client) => {
      await raw(client, 'PUT', '/kw2', '{"mappings":{"properties":{"k":{"type":"keyword"}}}}');
      const stored = ['1.0E21', '100.0', '1.0', '0', '-0.0', 'Infinity', '-Infinity', '1.0E-5', '1.2345678901234568E16', '1.0E-7',
        '1.5E300', '100', '-0', '1', '1.1', '4.9E-324', '1.0E7', '1.0E6', '9999999.0', '10000000.0', '0.001', '1.0E-3', '1e21'];
      const bulk = stored.map((s, i) => `{"index":{"_id":"${i + 1}"}}\n{"k":"${s}"}\n`).join('');
      await raw(client, 'POST', '/kw2/_bulk?refresh=true', bulk);
      const matched = async (q: string): Promise<string[]> =>
        (await raw(client, 'POST', '/kw2/_search', `{"query":{"term":{"k":${q}}}}`)).hits.hits.map((h: { _source: { k: string } }) => h._source.k);
      const real: [string, string[]][] = [['1e21', ['1.0E21']], ['1E+2', ['100.0']], ['1.0', ['1.0']], ['-0', ['0']], ['-0.0', ['-0.0']],
        ['0.0', []], ['1e400', ['Infinity']], ['-1e400', ['-Infinity']], ['0.00001', ['1.0E-5']], ['12345678901234567.5', ['1.2345678901234568E16']],
        ['1e-7', ['1.0E-7']], ['1.5e300', ['1.5E300']], ['100', ['100']], ['1.10', ['1.1']], ['5e-324', ['4.9E-324']], ['1e7', ['1.0E7']],
        ['1e6', []], ['9999999', []], ['10000000.0', ['1.0E7']], ['0.001', ['0.001']], ['1e0', ['1.0']], ['{"value":1e21}', ['1.0E21']]];
      for (const [q, hits] of real) expect([q, await matched(q)]).toEqual([q, hits]);
      const terms = await raw(client, 'POST', '/kw2/_search', '{"query":{"terms":{"k":[1e21, 1, 1.0]}}}');
      expect(terms.hits.hits.map((h: { _source: { k: string } }) => h._source.k).sort()).toEqual(['1', '1.0', '1.0E21']);
    });
  });

  it('a JSON decimal with an integral value maps a new field as float (Jackson reads a float token)', async () => {
    await withEmbedded(async (client) => {
      await raw(client, 'PUT', '/dyn/_doc/1?refresh=true', '{"a":1.0,"b":1e2,"c":-0,"d":-0.0}');
      const m = await raw(client, 'GET', '/dyn/_mapping');
      expect(m.dyn.mappings.properties).toEqual({ a: { type: 'float' }, b: { type: 'float' }, c: { type: 'long' }, d: { type: 'float' } });
      const mixed = await client.index({ index: 'dyn2', id: '1', body: '{"f":[1.0,2]}' as never }).catch((e: { meta: { body: any } }) => e.meta.body);
      expect(mixed.error.reason).toBe('mapper [f] cannot be changed from type [float] to [long]');
    });
  });

  it('keeps the text through a restart (stored source and log records)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fixb-23-'));
    try {
      let { engine, client } = await embeddedClient(dir);
      await raw(client, 'PUT', '/kw', '{"mappings":{"properties":{"k":{"type":"keyword"}}}}');
      await raw(client, 'PUT', '/kw/_doc/1?refresh=true', '{"k":1.0,"n":{"x.y":[2.50]}}');
      await engine.close();
      ({ engine, client } = await embeddedClient(dir));
      const hits = await raw(client, 'POST', '/kw/_search', '{"query":{"term":{"k":"1.0"}}}');
      expect(hits.hits.total.value).toBe(1);
      // A dotted key inside an array: the new field takes the number's text too (dynamic float).
      const m = await raw(client, 'GET', '/kw/_mapping');
      expect(m.kw.mappings.properties.n.properties.x.properties.y).toEqual({ type: 'float' });
      await raw(client, 'PUT', '/kw/_doc/2?refresh=true', '{"k":2.0}');
      await engine.close();
      ({ engine, client } = await embeddedClient(dir));
      const agg = await raw(client, 'POST', '/kw/_search', '{"size":0,"aggs":{"k":{"terms":{"field":"k"}}}}');
      expect(agg.aggregations.k.buckets.map((b: { key: string }) => b.key)).toEqual(['1.0', '2.0']);
      await engine.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('FINDINGS class 23: a partial update writes the merged source\'s numbers as Java does', () => {
  it('reindexes [1e21, 1.10, -0, 1E+2] as [1.0E21, 1.1, 0, 100.0] after an update (as OpenSearch 3.6.0)', async () => {
    await withEmbedded(async (client) => {
      await raw(client, 'PUT', '/up', '{"mappings":{"properties":{"k":{"type":"keyword"}}}}');
      await raw(client, 'PUT', '/up/_doc/1', '{"k":[1e21,1.10,-0,1E+2,12345678901234567890],"o":{"x":2.50}}');
      await raw(client, 'POST', '/_bulk?refresh=true', '{"update":{"_index":"up","_id":"1"}}\n{"doc":{"z":3.0}}\n');
      const agg = await raw(client, 'POST', '/up/_search', '{"size":0,"aggs":{"k":{"terms":{"field":"k"}}}}');
      expect(agg.aggregations.k.buckets.map((b: { key: string }) => b.key)).toEqual(['0', '1.0E21', '1.1', '100.0', '12345678901234567890']);
      const m = await raw(client, 'GET', '/up/_mapping');
      expect(m.up.mappings.properties.z).toEqual({ type: 'float' });
    });
  });
});

describe('FINDINGS classes 14/26: simple_query_string prefixes with analyze_wildcard, clauses on unmapped fields', () => {
  /** [simple_query_string body, real node's hits as [id, score] or its error]; index: text s, keyword k, integer n. */
  const CASES: [Record<string, unknown>, [string, number][] | { status: number; type: string; reason: string }][] = [
      [{"query": "#ta* \"こんにちは Ⅻ\" -7", "fields": ["missing"], "flags": "ALL"}, [["1", 1.0], ["2", 1.0], ["3", 1.0]]],
      [{"query": "#ta* -7", "fields": ["missing"], "default_operator": "and"}, []],
      [{"query": "xx -7", "fields": ["missing"]}, [["1", 1.0], ["2", 1.0], ["3", 1.0]]],
      [{"query": "xx -7", "fields": ["missing"], "default_operator": "and"}, []],
      [{"query": "xx -7", "fields": ["missing"], "minimum_should_match": 2}, []],
      [{"query": "-7 .", "fields": ["s", "missing"], "default_operator": "and"}, [["1", 1.0], ["3", 1.0]]],
      [{"query": "-7 .*", "fields": ["s"], "default_operator": "and", "analyze_wildcard": true}, []],
      [{"query": "-apple", "fields": ["missing"], "default_operator": "and"}, [["1", 1.0], ["2", 1.0], ["3", 1.0]]],
      [{"query": "the app*", "fields": ["s", "k"], "analyze_wildcard": true}, [["3", 1.4458315], ["1", 1.0], ["2", 1.0]]],
      [{"query": "apple pie*", "fields": ["s^2", "k"], "analyze_wildcard": true, "flags": "PREFIX"}, [["2", 2.4272761], ["1", 1.0], ["3", 0.42727602]]],
      [{"query": "+silver ǅ use* +the Ωμέγα\\*", "fields": ["s"], "analyze_wildcard": true, "flags": "AND|OR|PREFIX"}, [["1", 1.4458315]]],
      [{"query": "the Ωμέγα*", "fields": ["s"], "flags": "PREFIX"}, []],
      [{"query": "7*", "fields": ["n"], "analyze_wildcard": true}, []],
      [{"query": "the app*", "fields": ["n"], "analyze_wildcard": true, "lenient": true}, []],
      [{"query": "the app*", "fields": ["s", "n"], "analyze_wildcard": true}, {"status": 400, "type": "query_shard_exception", "reason": "failed to create query: For input string: \"the\""}],
      [{"query": "7*", "fields": ["n"]}, {"status": 400, "type": "query_shard_exception", "reason": "Can only use prefix queries on keyword and text fields - not on [n] which is of type [integer]"}],
      [{"query": "silver-pie*", "fields": ["s"], "analyze_wildcard": true, "minimum_should_match": "100%"}, []],
      [{"query": "silver-pie*", "fields": ["s"], "analyze_wildcard": true, "minimum_should_match": "1"}, [["2", 1.0], ["1", 0.44583148]]],
      [{"query": "apple-pie*", "fields": ["s"], "analyze_wildcard": true, "default_operator": "and"}, [["2", 1.2136381]]],
      [{"query": "apple-pie*", "fields": ["s^3"], "analyze_wildcard": true, "minimum_should_match": "100%"}, [["2", 3.640914], ["3", 0.640914]]],
      [{"query": "apple-pie* tree", "fields": ["s"], "analyze_wildcard": true, "minimum_should_match": "2"}, [["3", 0.6594695]]]

  ];

  it('answers each case like OpenSearch 3.6.0 (hits, scores and errors)', async () => {
    await withEmbedded(async (client) => {
      await raw(client, 'PUT', '/sqs', '{"mappings":{"properties":{"s":{"type":"text"},"k":{"type":"keyword"},"n":{"type":"integer"}}}}');
      await raw(client, 'POST', '/_bulk?refresh=true', '{"index":{"_index":"sqs","_id":"1"}}\n{"s":"silver-Ωμέγα-be","k":"apple pie","n":7}\n'
        + '{"index":{"_index":"sqs","_id":"2"}}\n{"s":"apple pie 7","k":"x","n":1}\n{"index":{"_index":"sqs","_id":"3"}}\n{"s":"the apple tree","k":"the apple"}\n');
      for (const [sqs, real] of CASES) {
        let got: unknown;
        try {
          const body = await raw(client, 'POST', '/sqs/_search', JSON.stringify({ query: { simple_query_string: sqs } }));
          got = body.hits.hits.map((h: { _id: string; _score: number }) => [h._id, h._score]);
        } catch (e) {
          const err = e as { meta: { statusCode: number; body: { error: { root_cause: { type: string; reason: string }[] } } } };
          const cause = err.meta.body.error.root_cause[0]!;
          got = { status: err.meta.statusCode, type: cause.type, reason: cause.reason };
        }
        expect([sqs, got]).toEqual([sqs, real]);
      }
    });
  });
});

describe('wide fuzzer class "fractional epoch_millis": a number in a date field or date query is parsed as its text', () => {
  it('indexes a date number as written, refuses exponent forms, and reads query numbers as Java Long/Double text (OpenSearch 3.6.0)', async () => {
    await withEmbedded(async (client) => {
      await raw(client, 'PUT', '/ep', '{"mappings":{"properties":{"d":{"type":"date"},"e":{"type":"date","format":"epoch_millis"},"s":{"type":"date","format":"epoch_second"}}}}');
      const put = async (id: string, body: string): Promise<string> => {
        try {
          return (await raw(client, 'PUT', `/ep/_doc/${id}?refresh=true`, body)).result;
        } catch (e) {
          return (e as { meta: { body: { error: { reason: string } } } }).meta.body.error.reason;
        }
      };
      expect(await put('1', '{"d":1488700000000.5}')).toBe('created');
      expect(await put('2', '{"d":1488700000000.0}')).toBe('created');
      expect(await put('3', '{"d":5.5}')).toBe('created');
      expect(await put('4', '{"d":1e3}')).toBe("failed to parse field [d] of type [date] in document with id '4'. Preview of field's value: '1000.0'");
      expect(await put('5', '{"e":1.4887E12}')).toBe("failed to parse field [e] of type [date] in document with id '5'. Preview of field's value: '1.4887E12'");
      expect(await put('6', '{"s":1.4887E9}')).toBe("failed to parse field [s] of type [date] in document with id '6'. Preview of field's value: '1.4887E9'");
      const count = async (query: string): Promise<number | string> => {
        try {
          return (await raw(client, 'POST', '/ep/_search?size=0', `{"query":${query}}`)).hits.total.value;
        } catch (e) {
          return (e as { meta: { body: { error: { root_cause: { reason: string }[] } } } }).meta.body.error.root_cause[0]!.reason;
        }
      };
      // JavaDateMathParser repeats the formatter's message (checked on 3.6.0 for each of these; hunt2 H2-S2).
      const fails = (text: string, format = 'strict_date_optional_time||epoch_millis'): string => {
        const m = `failed to parse date field [${text}] with format [${format}]`;
        return `${m}: [${m}]`;
      };
      expect(await count('{"range":{"d":{"gte":1488700000000.7}}}')).toBe(fails('1.4887000000007E12'));
      expect(await count('{"range":{"d":{"gte":1e3}}}')).toBe(2);
      expect(await count('{"range":{"d":{"gte":5.5,"lte":5.5}}}')).toBe(1);
      expect(await count('{"term":{"d":1488700000000.0}}')).toBe(fails('1.4887E12'));
      expect(await count('{"terms":{"d":[5.5,1.5E12]}}')).toBe(fails('1.5E12'));
      expect(await count('{"range":{"s":{"from":1.4887E9}}}')).toBe(fails('1.4887E9', 'epoch_second'));
      expect(await count('{"term":{"d":5}}')).toBe(1);
      // A partial update writes the merged source's numbers as Java doubles: 1488700000.123 becomes 1.488700000123E9,
      // which epoch_second then refuses.
      expect(await put('u', '{"s":1488700000.123}')).toBe('created');
      const bulk = await raw(client, 'POST', '/_bulk?refresh=true', '{"update":{"_index":"ep","_id":"u"}}\n{"doc":{"z":1}}\n');
      expect(bulk.items[0].update.error.reason).toBe("failed to parse field [s] of type [date] in document with id 'u'. Preview of field's value: '1.488700000123E9'");
    });
  });
});

describe('wide fuzzer class "yyyy/MM/dd date printed in its format": over two indices the first by name decides', () => {
  it('prints dates with the format of the first index (by name) mapping the field, as OpenSearch 3.6.0', async () => {
    await withEmbedded(async (client) => {
      await raw(client, 'PUT', '/ya/_doc/1?refresh=true', '{"w":"2017/03/05"}');
      await raw(client, 'PUT', '/yb/_doc/1?refresh=true', '{"w":"2018-01-02T10:11:12Z"}');
      await raw(client, 'PUT', '/yc/_doc/1?refresh=true', '{"w":"2017/03/05"}');
      const aggs = '{"size":0,"aggs":{"m":{"min":{"field":"w"}},"t":{"terms":{"field":"w"}},"h":{"date_histogram":{"field":"w","calendar_interval":"year","time_zone":"+01:00"}}}}';
      const printed = async (indices: string): Promise<unknown> => {
        const a = (await raw(client, 'POST', `/${indices}/_search`, aggs)).aggregations;
        return [a.m.value_as_string, a.t.buckets.map((b: { key_as_string: string }) => b.key_as_string), a.h.buckets.map((b: { key_as_string: string }) => b.key_as_string)];
      };
      const iso = ['2017-03-05T00:00:00.000Z', ['2017-03-05T00:00:00.000Z', '2018-01-02T10:11:12.000Z'], ['2017-01-01T00:00:00.000+01:00', '2018-01-01T00:00:00.000+01:00']];
      const slash = ['2017/03/05 00:00:00', ['2017/03/05 00:00:00', '2018/01/02 10:11:12'], ['2017/01/01 00:00:00', '2018/01/01 00:00:00']];
      expect(await printed('yb,yc')).toEqual(iso);
      expect(await printed('yc,yb')).toEqual(iso);
      expect(await printed('ya,yb')).toEqual(slash);
      expect(await printed('yb,ya')).toEqual(slash);
    });
  });
});

describe('wide fuzzer class "date_histogram missing in time_zone": the missing date is a wall-clock time in the zone', () => {
  it('puts a document without the field in the bucket OpenSearch 3.6.0 does', async () => {
    await withEmbedded(async (client) => {
      await raw(client, 'PUT', '/hm', '{"mappings":{"properties":{"d":{"type":"date"},"x":{"type":"integer"}}}}');
      await raw(client, 'PUT', '/hm/_doc/1?refresh=true', '{"x":1}');
      const key = async (missing: unknown, tz: string): Promise<number> => {
        const body = { size: 0, aggs: { h: { date_histogram: { field: 'd', calendar_interval: 'day', time_zone: tz, missing } } } };
        return (await raw(client, 'POST', '/hm/_search', JSON.stringify(body))).aggregations.h.buckets[0].key;
      };
      // [missing, America/New_York, +05:00, UTC] as the real node answers.
      const real: [unknown, number, number, number][] = [
        ['2017-03-05', 1488690000000, 1488654000000, 1488672000000],
        ['2017-03-05T10:00:00', 1488690000000, 1488654000000, 1488672000000],
        ['2017-03-05T02:00:00Z', 1488603600000, 1488654000000, 1488672000000],
        [1488672000000, 1488690000000, 1488654000000, 1488672000000],
        ['1488672000000', 1488690000000, 1488654000000, 1488672000000],
        ['2017', 1483246800000, 1483210800000, 1483228800000],
        ['2017-03-05T02:00:00+01:00', 1488603600000, 1488654000000, 1488672000000],
      ];
      for (const [missing, ny, plus5, utc] of real) {
        expect([missing, await key(missing, 'America/New_York'), await key(missing, '+05:00'), await key(missing, 'UTC')]).toEqual([missing, ny, plus5, utc]);
      }
    });
  });
});

describe('histogram: a value whose bucket quotient overflows to -Infinity lands in no bucket', () => {
  it('leaves -1.7e308 / 0.5 out of the buckets, keeps +Infinity, as OpenSearch 3.6.0', async () => {
    await withEmbedded(async (client) => {
      await raw(client, 'PUT', '/inf', '{"mappings":{"properties":{"v":{"type":"double"}}}}');
      await raw(client, 'POST', '/_bulk?refresh=true', '{"index":{"_index":"inf","_id":"1"}}\n{"v":1.7e308}\n{"index":{"_index":"inf","_id":"2"}}\n{"v":-1.7e308}\n'
        + '{"index":{"_index":"inf","_id":"3"}}\n{"v":1}\n{"index":{"_index":"inf","_id":"4"}}\n{"v":[-1.7e308, 2]}\n');
      const body = '{"size":0,"aggs":{"h":{"histogram":{"field":"v","interval":0.5,"min_doc_count":1},"aggs":{"c":{"value_count":{"field":"v"}}}}}}';
      const res = await client.transport.request({ method: 'POST', path: '/inf/_search', body }, { headers: { 'content-type': 'application/json' } });
      // The real node's buckets (the client parses its "Infinity" key as the string).
      expect((res.body as any).aggregations.h.buckets).toEqual([
        { key: 1, doc_count: 1, c: { value: 1 } }, { key: 2, doc_count: 1, c: { value: 2 } }, { key: 'Infinity', doc_count: 1, c: { value: 1 } },
      ]);
    });
  });
});

describe('case_insensitive term, prefix and wildcard fold ASCII letters only (found by the wide fuzzer, seed 41)', () => {
  it('matches Ü only as Ü, as OpenSearch 3.6.0', async () => {
    await withEmbedded(async (client) => {
      await raw(client, 'PUT', '/ci', '{"mappings":{"properties":{"k":{"type":"keyword"},"t":{"type":"text"}}}}');
      await raw(client, 'POST', '/_bulk?refresh=true', '{"index":{"_index":"ci","_id":"1"}}\n{"k":"Über","t":"Über Straße"}\n{"index":{"_index":"ci","_id":"2"}}\n{"k":"über","t":"ÉCOLE"}\n'
        + '{"index":{"_index":"ci","_id":"3"}}\n{"k":"UBER","t":"uber"}\n{"index":{"_index":"ci","_id":"4"}}\n{"k":"straSSe","t":"x"}\n');
      const real: [unknown, string[]][] = [
        [{ term: { k: { value: 'ÜBER', case_insensitive: true } } }, ['1']],
        [{ term: { k: { value: 'über', case_insensitive: true } } }, ['2']],
        [{ term: { k: { value: 'Uber', case_insensitive: true } } }, ['3']],
        [{ prefix: { k: { value: 'Ü', case_insensitive: true } } }, ['1']],
        [{ prefix: { k: { value: 'üB', case_insensitive: true } } }, ['2']],
        [{ prefix: { t: { value: 'Ü', case_insensitive: true } } }, []],
        [{ prefix: { t: { value: 'É', case_insensitive: true } } }, []],
        [{ wildcard: { k: { value: 'Ü*', case_insensitive: true } } }, ['1']],
        [{ wildcard: { k: { value: '*ER', case_insensitive: true } } }, ['1', '2', '3']],
        [{ wildcard: { t: { value: 'STRA*', case_insensitive: true } } }, ['1']],
        [{ term: { t: { value: 'ÜBER', case_insensitive: true } } }, []],
        [{ term: { k: { value: 'strasse', case_insensitive: true } } }, ['4']],
      ];
      for (const [query, ids] of real) {
        const body = await raw(client, 'POST', '/ci/_search', JSON.stringify({ query }));
        expect([query, body.hits.hits.map((h: { _id: string }) => h._id).sort()]).toEqual([query, ids]);
      }
    });
  });
});

describe('wide fuzzer class "error in a clause never built": the can_match phase skips shards whose query is match_none', () => {
  it('over two indices with a field sort, answers as OpenSearch 3.6.0 (skipped shards build nothing; the first is kept)', async () => {
    await withEmbedded(async (client) => {
      await raw(client, 'PUT', '/cmc', '{"mappings":{"properties":{"n":{"type":"integer"},"k":{"type":"keyword"}}}}');
      await raw(client, 'PUT', '/cmd', '{"mappings":{"properties":{"n":{"type":"integer"},"k":{"type":"keyword"},"z":{"type":"keyword"}}}}');
      await raw(client, 'POST', '/_bulk?refresh=true', '{"index":{"_index":"cmc","_id":"1"}}\n{"n":5,"k":"a"}\n{"index":{"_index":"cmd","_id":"2"}}\n{"n":7,"k":"b","z":"q"}\n');
      const run = async (body: string): Promise<unknown> => {
        try {
          const r = await raw(client, 'POST', '/cmc,cmd/_search', body);
          const s = r._shards;
          return [s.total, s.successful, s.skipped, s.failed, (s.failures ?? []).map((f: { index: string }) => f.index), r.hits.total.value, r.hits.max_score];
        } catch (e) {
          return (e as { meta: { statusCode: number } }).meta.statusCode;
        }
      };
      // [request, [total, successful, skipped, failed, failed indices, hits total, max_score]] from the real node.
      const real: [string, unknown][] = [
        ['{"query":{"bool":{"must":[{"term":{"missingf":"x"}},{"prefix":{"n":"1"}}]}},"sort":["n"]}', [2, 2, 1, 0, [], 0, null]],
        ['{"query":{"bool":{"must":[{"term":{"z":"q"}},{"prefix":{"n":"1"}}]}},"sort":["n"]}', [2, 1, 1, 1, ['cmd'], 0, 0]],
        ['{"query":{"bool":{"must":[{"exists":{"field":"z"}},{"prefix":{"n":"1"}}]}},"sort":["n"]}', [2, 1, 1, 1, ['cmd'], 0, 0]],
        ['{"query":{"bool":{"must":[{"exists":{"field":"z"}}]}},"sort":[{"n":{"missing":"zzz"}}]}', 400],
        ['{"query":{"bool":{"must":[{"exists":{"field":"z"}}]}},"sort":["_doc"],"post_filter":{"prefix":{"n":"1"}}}', [2, 1, 1, 1, ['cmd'], 0, 0]],
        ['{"query":{"exists":{"field":"z"}},"sort":["n"]}', [2, 2, 1, 0, [], 1, null]],
        ['{"query":{"bool":{"must":[{"exists":{"field":"z"}},{"prefix":{"n":"1"}}]}},"sort":["_score"]}', [2, 1, 0, 1, ['cmd'], 0, null]],
        ['{"query":{"bool":{"must":[{"match_none":{}},{"prefix":{"n":"1"}}]}},"sort":["n"]}', [2, 2, 1, 0, [], 0, null]],
        ['{"query":{"bool":{"must":[{"match_none":{}}]}},"sort":[{"z":{"missing":"zzz"}}]}', [2, 1, 1, 1, ['cmc'], 0, 0]],
        ['{"query":{"bool":{"must":[{"exists":{"field":"z"}}]}},"sort":[{"z":"asc"}]}', [2, 1, 0, 1, ['cmc'], 1, null]],
        ['{"query":{"term":{"z":"q"}},"sort":["n"],"size":0}', [2, 2, 1, 0, [], 1, null]],
        // can_match builds the whole sort: an unmapped field in a later clause fails every shard there.
        ['{"query":{"term":{"zz":"x"}},"sort":["_doc",{"missing_field":"asc"}]}', 400],
      ];
      for (const [body, expected] of real) expect([body, await run(body)]).toEqual([body, expected]);
    });
  });
});

describe('an object field given a concrete value inside an array: OpenSearch names the field [null]', () => {
  it('reports [null] for [[1,2],[3]] and [1], [m] for 5 (OpenSearch 3.6.0)', async () => {
    await withEmbedded(async (client) => {
      await raw(client, 'PUT', '/dm/_doc/1?refresh=true', '{"m":{"a":1}}');
      const reason = async (body: string): Promise<string> => {
        try {
          await raw(client, 'PUT', '/dm/_doc/2', body);
          return 'created';
        } catch (e) {
          return (e as { meta: { body: { error: { reason: string } } } }).meta.body.error.reason;
        }
      };
      expect(await reason('{"m":[[1,2],[3]]}')).toBe('object mapping for [m] tried to parse field [null] as object, but found a concrete value');
      expect(await reason('{"m":[1]}')).toBe('object mapping for [m] tried to parse field [null] as object, but found a concrete value');
      expect(await reason('{"m":5}')).toBe('object mapping for [m] tried to parse field [m] as object, but found a concrete value');
      expect(await reason('{"m":[[{"a":1}]]}')).toBe('created');
    });
  });
});
