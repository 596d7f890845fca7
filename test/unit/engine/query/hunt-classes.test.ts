/**
 * Classes of wrong answers found by the independent differential hunt (/work/hunt/FINDINGS.md, numbers as
 * there) and fixed on branch fix2. Every expected value was read from OpenSearch 3.6.0 with the same
 * documents and request.
 */
import { describe, expect, it } from 'vitest';
import { SearchIndex } from '../../../../src/engine/index/search-index.js';
import { parseJson } from '../../../../src/engine/index/exact-numbers.js';
import { overIndex } from './over-index.js';
import { failure, withEmbedded } from '../rest/embedded-client.js';

/** A JSON integer beyond 2^53 as the engine reads it from a request body (its exact digits). */
const big = (digits: string): unknown => (parseJson(`[${digits}]`) as unknown[])[0];

/** The refusal body of `fn` as JSON, or 'answered'. */
function refused(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return JSON.stringify((e as { toBody(): unknown }).toBody());
  }
  return 'answered';
}

describe('class 5: a float value beyond Float.MAX_VALUE is Infinity, refused', () => {
  const make = (): SearchIndex => {
    const ix = new SearchIndex('h5', { mappings: { properties: { f: { type: 'float' }, d: { type: 'double' } } } });
    ix.index('1', { f: [1, 3.4028235e38] });
    ix.index('2', { d: 1e300 });
    return ix;
  };
  it('refuses documents whose float value overflows (number, string, suffixed string), as a double does', () => {
    const ix = make();
    const inf = /"caused_by":\{"type":"illegal_argument_exception","reason":"\[float\] supports only finite values, but got \[Infinity\]"\}/;
    expect(refused(() => ix.index('3', { f: 1e39 }))).toMatch(inf);
    expect(refused(() => ix.index('3', { f: 1e39 }))).toMatch(/Preview of field's value: 'Infinity'/);
    expect(refused(() => ix.index('3', { f: 3.4028236e38 }))).toMatch(inf);
    expect(refused(() => ix.index('3', { f: '1e39' }))).toMatch(/Preview of field's value: '1e39'".*got \[Infinity\]/);
    expect(refused(() => ix.index('3', { f: [1, '-3.4028236e38f'] }))).toMatch(/got \[-Infinity\]/);
    expect(refused(() => ix.index('3', { d: '1e999' }))).toMatch(/\[double\] supports only finite values, but got \[Infinity\]/);
    expect(refused(() => ix.index('3', { f: 3.4028235e38 }))).toBe('answered');
  });
  const { run, refusal } = overIndex(make);
  it('refuses term, terms, match and range values that overflow a float (not on a double field)', () => {
    const msg = /query_shard_exception","reason":"failed to create query: \[float\] supports only finite values, but got \[Infinity\]"/;
    expect(refusal({ query: { term: { f: 1e39 } } })).toMatch(msg);
    expect(refusal({ query: { term: { f: '1e39' } } })).toMatch(msg);
    expect(refusal({ query: { terms: { f: [1, 1e39] } } })).toMatch(msg);
    expect(refusal({ query: { match: { f: 1e39 } } })).toMatch(msg);
    expect(refusal({ query: { range: { f: { gte: 1e39 } } } })).toMatch(msg);
    expect(refusal({ query: { range: { f: { lte: -1e39 } } } })).toMatch(/got \[-Infinity\]/);
    expect(refusal({ query: { range: { f: { gt: 'NaN' } } } })).toMatch(/\[float\] supports only finite values, but got \[NaN\]/);
    // A double range bound is not validated: Infinity bounds as they are, NaN above +Infinity.
    expect(run({ query: { range: { d: { lte: 'Infinity' } } } }).hits.total.value).toBe(1);
    expect(run({ query: { range: { d: { gte: '1e999' } } } }).hits.total.value).toBe(0);
    expect(run({ query: { range: { d: { gt: 'NaN' } } } }).hits.total.value).toBe(0);
    expect(run({ query: { range: { d: { lt: 'NaN', gte: '-Infinity' } } } }).hits.total.value).toBe(1);
    expect(run({ query: { match: { f: { query: 1e39, lenient: true } } } }).hits.total.value).toBe(0);
    expect(run({ query: { term: { d: 1e39 } } }).hits.total.value).toBe(0);
    expect(run({ query: { term: { f: 3.4028235e38 } } }).hits.total.value).toBe(1);
  });
});

describe('class 6: an empty string in a numeric field is null (coerce on)', () => {
  const make = (): SearchIndex => {
    const ix = new SearchIndex('h6', { mappings: { properties: {
      n: { type: 'integer' }, l: { type: 'long' }, d: { type: 'double' }, f: { type: 'float' }, s: { type: 'short' }, b: { type: 'byte' },
      nc: { type: 'integer', coerce: false }, t: { type: 'keyword', fields: { num: { type: 'long' } } },
    } } });
    ix.index('1', { n: '', l: '', d: '', f: '', s: '', b: ['', 3] });
    ix.index('3', { t: '' });
    return ix;
  };
  const { run } = overIndex(make);
  it('indexes the document without a value for the field', () => {
    for (const field of ['n', 'l', 'd', 'f', 's', 't.num']) expect(run({ query: { exists: { field } } }).hits.total.value).toBe(0);
    expect(run({ query: { exists: { field: 'b' } } }).hits.total.value).toBe(1);
    expect(run({ query: { exists: { field: 't' } } }).hits.total.value).toBe(1);
    const aggs = run({ size: 0, aggs: { b: { sum: { field: 'b' } }, c: { value_count: { field: 'l' } } } }).aggregations;
    expect(aggs.b.value).toBe(3);
    expect(aggs.c.value).toBe(0);
  });
  it('still refuses it with coerce off, and a blank string', () => {
    const ix = make();
    expect(refused(() => ix.index('2', { nc: '' }))).toMatch(/mapper_parsing_exception.*Preview of field's value: ''/);
    expect(refused(() => ix.index('4', { n: ' ' }))).toMatch(/mapper_parsing_exception.*Preview of field's value: ' '/);
  });
});

describe('classes 10 and 38: sort modes sum/avg/median over integral values as MultiValueMode picks them', () => {
  const make = (): SearchIndex => {
    const ix = new SearchIndex('h10', { mappings: { properties: {
      i: { type: 'integer' }, s: { type: 'short' }, b: { type: 'byte' }, l: { type: 'long' }, f: { type: 'float' },
      d: { type: 'double' }, dt: { type: 'date' }, bo: { type: 'boolean' },
    } } });
    ix.index('1', { i: [2147483647, 6], s: [32767, 32767], b: [127, 127, 1], l: [big('9223372036854775807'), 10], f: [0.1, 0.2], d: [0.1, 0.2], dt: [1, 2], bo: [true, false] });
    ix.index('2', { i: [-1, -2], s: [-1, -2], b: [-1, -2], l: [-1, -2], f: [1.5, 2.5, 4], d: [1.5, 2.5, 4], dt: [-1, -2], bo: [false, false] });
    ix.index('3', { i: [1, 2, 3, 4], s: [1, 2], b: [1, 4], l: [big('-9223372036854775808'), -1], f: [1, 2], d: [1, 2], dt: ['2017-01-01T00:00:00.001Z', '2017-01-01T00:00:00.002Z'], bo: [true] });
    ix.index('4', { i: [-2147483648, -1], s: [-32768, -32768], b: [-128, -128], l: [big('9007199254740993'), 1], f: [3.4e38, 3.4e38], d: [1e308, 1e308], dt: [1, 4], bo: [true, true, false] });
    return ix;
  };
  const { run } = overIndex(make);
  const sorted = (field: string, mode: string): string =>
    JSON.stringify(run({ _source: false, sort: [{ [field]: { order: 'asc', mode } }] }).hits.hits.map((h: { _id: string; sort: unknown[] }) => [h._id, ...h.sort]));
  it('adds integer values as longs and keeps the int of the sum (wraps), longs wrap at 2^64', () => {
    expect(sorted('i', 'sum')).toBe('[["1",-2147483643],["2",-3],["3",10],["4",2147483647]]');
    expect(sorted('s', 'sum')).toBe('[["4",-65536],["2",-3],["3",3],["1",65534]]');
    expect(sorted('b', 'sum')).toBe('[["4",-256],["2",-3],["3",5],["1",255]]');
    expect(sorted('l', 'sum')).toBe('[["1",-9223372036854775799],["2",-3],["4",9007199254740994],["3",9223372036854775807]]');
    expect(sorted('dt', 'sum')).toBe('[["2",-3],["1",3],["4",5],["3",2966457600003]]');
    expect(sorted('bo', 'sum')).toBe('[["2",0],["1",1],["3",1],["4",2]]');
  });
  it('rounds avg and an even median half up (Math.round of the mean in doubles) on integral fields', () => {
    expect(sorted('i', 'avg')).toBe('[["4",-1073741824],["2",-1],["3",3],["1",1073741827]]');
    expect(sorted('i', 'median')).toBe('[["4",-1073741824],["2",-1],["3",3],["1",1073741827]]');
    expect(sorted('s', 'avg')).toBe('[["4",-32768],["2",-1],["3",2],["1",32767]]');
    expect(sorted('b', 'avg')).toBe('[["4",-128],["2",-1],["3",3],["1",85]]');
    expect(sorted('b', 'median')).toBe('[["4",-128],["2",-1],["3",3],["1",127]]');
    expect(sorted('l', 'avg')).toBe('[["1",-4611686018427387904],["2",-1],["4",4503599627370497],["3",4611686018427387904]]');
    expect(sorted('l', 'median')).toBe('[["3",-4611686018427387904],["2",-1],["4",4503599627370496],["1",4611686018427387904]]');
    expect(sorted('dt', 'avg')).toBe('[["2",-1],["1",2],["4",3],["3",1483228800002]]');
    expect(sorted('bo', 'avg')).toBe('[["2",0],["1",1],["3",1],["4",1]]');
    expect(sorted('bo', 'median')).toBe('[["2",0],["1",1],["3",1],["4",1]]');
  });
  it('computes float modes in doubles and keeps the float of the result; doubles unchanged', () => {
    expect(sorted('f', 'sum')).toBe('[["1",0.3],["3",3],["2",8],["4","Infinity"]]');
    expect(sorted('f', 'avg')).toBe('[["1",0.15],["3",1.5],["2",2.6666667],["4",3.4e+38]]');
    expect(sorted('d', 'avg')).toBe('[["1",0.15000000000000002],["3",1.5],["2",2.6666666666666665],["4","Infinity"]]');
    expect(sorted('d', 'median')).toBe('[["1",0.15000000000000002],["3",1.5],["2",2.5],["4","Infinity"]]');
  });
});

describe('class 12: a document is parsed before the version checks of create and compare-and-set', () => {
  it('answers 400 for an unparsable create of an existing id, 409 for a parsable one', () => {
    const ix = new SearchIndex('h12', { mappings: { properties: { n: { type: 'short' } } } });
    ix.index('1', { n: 1 });
    expect(refused(() => ix.index('1', { n: '0x10' }, { opType: 'create' }))).toMatch(/^\{"error":\{"root_cause":\[\{"type":"mapper_parsing_exception".*"status":400\}$/);
    expect(refused(() => ix.index('1', { n: 2 }, { opType: 'create' }))).toMatch(/"type":"version_conflict_engine_exception".*"status":409\}$/);
    expect(refused(() => ix.index('1', { n: '0x10' }, { ifMatch: { seqNo: 7n, primaryTerm: 1n } }))).toMatch(/"status":400\}$/);
    expect(refused(() => ix.index('1', { n: 2 }, { ifMatch: { seqNo: 7n, primaryTerm: 1n } }))).toMatch(/"status":409\}$/);
    // Nothing changed: the live document is still version 1 with n = 1.
    expect(ix.index('1', { n: 3 }).version).toBe(2);
  });
});

describe('class 15: term, terms and range on byte and short fields are built as integer queries', () => {
  const make = (): SearchIndex => {
    const ix = new SearchIndex('h15', { mappings: { properties: { by: { type: 'byte' }, sh: { type: 'short' } } } });
    ix.index('1', { by: 1, sh: 1 });
    ix.index('2', { by: 127, sh: 32767 });
    ix.index('3', { by: -128, sh: -32768 });
    return ix;
  };
  const { ids, refusal } = overIndex(make);
  it('matches nothing for values beyond the field type but within an int', () => {
    expect(ids({ query: { term: { by: 200 } } })).toEqual([]);
    expect(ids({ query: { term: { by: -2147483648 } } })).toEqual([]);
    expect(ids({ query: { term: { by: '300' } } })).toEqual([]);
    expect(ids({ query: { term: { sh: 40000 } } })).toEqual([]);
    expect(ids({ query: { match: { by: 300 } } })).toEqual([]);
    expect(ids({ query: { terms: { by: [1, 300] } } })).toEqual(['1']);
    expect(ids({ query: { terms: { sh: ['40000', -32768] } } })).toEqual(['3']);
    expect(ids({ query: { range: { by: { gte: 1000 } } } })).toEqual([]);
    expect(ids({ query: { range: { sh: { lt: -40000 } } } })).toEqual([]);
    expect(ids({ query: { range: { by: { gt: 127 } } } })).toEqual([]);
    expect(ids({ query: { range: { by: { gt: 2147483647 } } } })).toEqual([]);
    expect(ids({ query: { range: { by: { gte: -200, lte: '200' } } } })).toEqual(['1', '2', '3']);
  });
  it('refuses values beyond an int as an integer field does', () => {
    expect(refusal({ query: { term: { by: 3000000000 } } })).toMatch(/failed to create query: Value \[3000000000\] is out of range for an integer/);
    expect(refusal({ query: { range: { by: { lte: 3000000000 } } } })).toMatch(/Value \[3000000000\] is out of range for an integer/);
    expect(refusal({ query: { range: { sh: { gte: '2147483648' } } } })).toMatch(/Value \[\[32 31 34 37 34 38 33 36 34 38\]\] is out of range for an integer/);
  });
});

describe('class 21: the round-up parser of epoch_second fills the missing milliseconds with 999', () => {
  const make = (): SearchIndex => {
    const ix = new SearchIndex('h21', { mappings: { properties: {
      ds: { type: 'date', format: 'epoch_second' }, dx: { type: 'date', format: 'yyyy-MM-dd||epoch_second' },
    } } });
    ix.index('1', { ds: 1488700000, dx: 1488700000 });
    ix.index('2', { ds: '1488700000.123', dx: '1488700000.5' });
    ix.index('3', { ds: -5, dx: '2017-03-05' });
    return ix;
  };
  const { ids } = overIndex(make);
  it('term, terms, lte and gt on whole seconds cover the second (1488700000 is up to 1488700000999)', () => {
    expect(ids({ query: { term: { ds: 1488700000 } } })).toEqual(['1', '2']);
    expect(ids({ query: { terms: { ds: [1488700000] } } })).toEqual(['1', '2']);
    expect(ids({ query: { range: { ds: { lte: 1488700000 } } } })).toEqual(['1', '2', '3']);
    expect(ids({ query: { range: { ds: { gt: 1488700000 } } } })).toEqual([]);
    expect(ids({ query: { range: { ds: { lt: 1488700000 } } } })).toEqual(['3']);
    expect(ids({ query: { term: { ds: '1488700000.123' } } })).toEqual(['2']);
    expect(ids({ query: { term: { dx: 1488700000 } } })).toEqual(['1', '2']);
    expect(ids({ query: { range: { dx: { lte: '1488700000' } } } })).toEqual(['1', '2', '3']);
    // Negative seconds: the 999 ms are added to the signed seconds (-5 is up to -4001).
    expect(ids({ query: { term: { ds: -5 } } })).toEqual(['3']);
    expect(ids({ query: { range: { ds: { gt: -5 } } } })).toEqual(['1', '2']);
  });
});

describe('class 24: the round-up parser of epoch_millis rounds a negative value down a millisecond', () => {
  const make = (): SearchIndex => {
    const ix = new SearchIndex('h24', { mappings: { properties: { dm: { type: 'date', format: 'epoch_millis' }, d: { type: 'date' } } } });
    for (const v of [-12345678902, -12345678901, -7, -6, -5, -1, 0, 5]) ix.index(String(v), { dm: v, d: v });
    ix.index('1900', { d: '1900-01-01' });
    return ix;
  };
  const { ids } = overIndex(make);
  it('never matches a negative epoch with term or terms, and lte excludes it (default format too)', () => {
    expect(ids({ query: { term: { dm: -5 } } })).toEqual([]);
    expect(ids({ query: { range: { dm: { lte: -5 } } } })).toEqual(['-12345678901', '-12345678902', '-6', '-7']);
    expect(ids({ query: { range: { dm: { gt: -5 } } } })).toEqual(['-1', '-5', '0', '5']);
    expect(ids({ query: { term: { dm: 5 } } })).toEqual(['5']);
    expect(ids({ query: { term: { d: -1 } } })).toEqual([]);
    expect(ids({ query: { term: { d: 0 } } })).toEqual(['0']);
    expect(ids({ query: { term: { d: '-12345678901' } } })).toEqual([]);
    expect(ids({ query: { terms: { d: [-12345678901] } } })).toEqual([]);
    expect(ids({ query: { terms: { d: ['1900-01-01', -12345678901] } } })).toEqual(['1900']);
    expect(ids({ query: { range: { d: { lte: '-12345678901' } } } })).toEqual(['-12345678902', '1900']);
    expect(ids({ query: { range: { d: { gt: '-12345678901' } } } }).length).toBe(7);
    expect(ids({ query: { range: { d: { gte: -12345678901 } } } }).length).toBe(7);
  });
});

describe('class 36: date_range bounds given as numbers are read as their long through the field format', () => {
  const make = (): SearchIndex => {
    const ix = new SearchIndex('h36', { mappings: { properties: {
      ds: { type: 'date', format: 'epoch_second' }, d: { type: 'date' },
      dc: { type: 'date', format: 'yyyy-MM-dd HH:mm:ss||yyyy/MM/dd||epoch_millis' },
    } } });
    ix.index('1', { ds: 1488700000, d: 1488700000000, dc: 1488700000000 });
    ix.index('2', { ds: 5, d: '2017-01-01', dc: '2017/01/01' });
    return ix;
  };
  const { run } = overIndex(make);
  const bucket = (field: string, range: Record<string, unknown>, extra: Record<string, unknown> = {}): string =>
    JSON.stringify(run({ size: 0, aggs: { r: { date_range: { field, ranges: [range], ...extra } } } }).aggregations.r.buckets[0]);
  it('reads a number on an epoch_second field as seconds, a decimal as its long', () => {
    expect(bucket('ds', { to: 1488700000000 })).toBe('{"key":"*-1488700000000","to":1488700000000000,"to_as_string":"1488700000000","doc_count":2}');
    expect(bucket('ds', { from: 1488700000 })).toBe('{"key":"1488700000-*","from":1488700000000,"from_as_string":"1488700000","doc_count":1}');
    expect(bucket('ds', { from: 1.5, to: 1488700000.5 })).toBe('{"key":"1-1488700000","from":1000,"from_as_string":"1","to":1488700000000,"to_as_string":"1488700000","doc_count":1}');
  });
  it('reads 2017 on a default-format field as the year, other numbers as epoch millis', () => {
    expect(bucket('d', { to: 2017 })).toBe('{"key":"*-2017-01-01T00:00:00.000Z","to":1483228800000,"to_as_string":"2017-01-01T00:00:00.000Z","doc_count":0}');
    expect(bucket('d', { from: 1.5e12 })).toBe('{"key":"2017-07-14T02:40:00.000Z-*","from":1500000000000,"from_as_string":"2017-07-14T02:40:00.000Z","doc_count":0}');
    expect(bucket('d', { from: -5, to: 20170101 })).toBe('{"key":"1969-12-31T23:59:59.995Z-1970-01-01T05:36:10.101Z","from":-5,"from_as_string":"1969-12-31T23:59:59.995Z","to":20170101,"to_as_string":"1970-01-01T05:36:10.101Z","doc_count":0}');
    expect(bucket('dc', { to: 2017 })).toBe('{"key":"*-1970-01-01 00:00:02","to":2017,"to_as_string":"1970-01-01 00:00:02","doc_count":0}');
  });
});

describe('sort errors come after the query and before the aggregations and the result window (found by the widened fuzzer)', () => {
  const make = (): SearchIndex => {
    const ix = new SearchIndex('hs', { mappings: { properties: { k: { type: 'keyword' }, i: { type: 'integer' }, t: { type: 'text' } } } });
    ix.index('1', { k: 'a', i: 1, t: 'x' });
    return ix;
  };
  const { refusal } = overIndex(make);
  const badOrder = { a: { terms: { field: 'k', order: { m: 'desc' } }, aggs: { m: { terms: { field: 'k' } } } } };
  it('reports the sort build error first', () => {
    expect(refusal({ sort: [{ k: { mode: 'median' } }], aggs: badOrder })).toMatch(/we only support AVG, MEDIAN and SUM on number based fields/);
    expect(refusal({ sort: [{ _id: { mode: 'avg' } }], aggs: badOrder })).toMatch(/we only support AVG, MEDIAN and SUM on number based fields/);
    expect(refusal({ sort: [{ k: { mode: 'median' } }], from: 10000, size: 1 })).toMatch(/we only support AVG/);
    expect(refusal({ sort: [{ nope: 'asc' }], from: 10000 })).toMatch(/No mapping found for \[nope\] in order to sort on/);
    expect(refusal({ sort: [{ nope: 'asc' }], aggs: { x: { avg: { field: 'k' } } } })).toMatch(/No mapping found for \[nope\] in order to sort on/);
    expect(refusal({ sort: [{ t: 'asc' }], aggs: badOrder })).toMatch(/Text fields are not optimised/);
    expect(refusal({ sort: [{ k: { mode: 'sum' } }], query: { term: { i: 'x' } } })).toMatch(/For input string: \\"x\\"/);
  });
});

describe('class 36 on number fields: a date_range JSON-number bound is its long (found by the widened fuzzer)', () => {
  const make = (): SearchIndex => {
    const ix = new SearchIndex('h36n', { mappings: { properties: { i: { type: 'integer' }, x: { type: 'double' } } } });
    ix.index('1', { i: 1, x: 1.2 });
    return ix;
  };
  const { run } = overIndex(make);
  const bucket = (field: string, range: Record<string, unknown>): string =>
    JSON.stringify(run({ size: 0, aggs: { a: { date_range: { field, ranges: [range] } } } }).aggregations.a.buckets[0]);
  it('truncates a decimal toward zero and saturates beyond a long', () => {
    expect(bucket('i', { from: 1.5, to: 7.9 })).toBe('{"key":"1.0-7.0","from":1,"to":7,"doc_count":1}');
    expect(bucket('x', { from: 1.5, to: 7.9 })).toBe('{"key":"1.0-7.0","from":1,"to":7,"doc_count":1}');
    expect(bucket('x', { from: -1.5 })).toBe('{"key":"-1.0-*","from":-1,"doc_count":1}');
    expect(bucket('x', { to: big('100000000000000000000') })).toBe('{"key":"*-9.223372036854776E18","to":9223372036854776000,"doc_count":1}');
    expect(bucket('x', { from: '1.5' })).toBe('{"key":"1.5-*","from":1.5,"doc_count":0}');
  });
});

describe('FINDINGS class 22: "sort": [] is no sort', () => {
  it('hits come by score with their scores and max_score, as without a sort (OpenSearch 3.6.0)', async () => {
    await withEmbedded(async (client) => {
      await client.indices.create({ index: 'h22', body: { mappings: { properties: { t: { type: 'text' } } } } });
      await client.bulk({ refresh: true, body: [{ index: { _index: 'h22', _id: '1' } }, { t: 'x y' }, { index: { _index: 'h22', _id: '2' } }, { t: 'x' }] });
      const r = (await client.search({ index: 'h22', body: { sort: [], query: { match: { t: 'x' } } } })).body as { hits: { max_score: number; hits: { _id: string; _score: number; sort?: unknown }[] } };
      // The real node's answer: doc 2 (shorter) first, 0.09595872 then 0.07292863, no sort values.
      expect(r.hits.hits.map((h) => h._id)).toEqual(['2', '1']);
      expect(r.hits.max_score).toBeCloseTo(0.09595872, 6);
      expect(r.hits.hits[1]!._score).toBeCloseTo(0.07292863, 6);
      expect(r.hits.hits.every((h) => h.sort === undefined)).toBe(true);
    });
  });
});

describe('FINDINGS class 27: float sort values print as Java Float.toString', () => {
  it('Float.MIN_VALUE and its small multiples keep two digits (1.4E-45, 4.2E-45), other floats their shortest form', async () => {
    await withEmbedded(async (client) => {
      await client.indices.create({ index: 'h27', body: { mappings: { properties: { fl: { type: 'float' } } } } });
      const values = [1.4e-45, 4.2e-45, 0.1, 2, 3.4028234663852886e38];
      await client.bulk({ refresh: true, body: values.flatMap((fl, i) => [{ index: { _index: 'h27', _id: String(i) } }, { fl }]) });
      const r = (await client.search({ index: 'h27', body: { sort: [{ fl: 'asc' }] } })).body as { hits: { hits: { sort: unknown[] }[] } };
      // OpenSearch 3.6.0: [1.4E-45], [4.2E-45], [0.1], [2.0], [3.4028235E38].
      expect(r.hits.hits.map((h) => h.sort[0])).toEqual([1.4e-45, 4.2e-45, 0.1, 2, 3.4028235e38]);
    });
  });
});

describe('FINDINGS class 19: a histogram key beyond the double range', () => {
  it('renders as the string "Infinity", as Jackson writes it (OpenSearch 3.6.0), keyed or not', async () => {
    await withEmbedded(async (client) => {
      await client.indices.create({ index: 'h19', body: { mappings: { properties: { db: { type: 'double' } } } } });
      await client.bulk({ refresh: true, body: [{ index: { _index: 'h19', _id: '0' } }, { db: 1e308 }, { index: { _index: 'h19', _id: '1' } }, { db: 1 }] });
      const r = (await client.search({ index: 'h19', body: { size: 0, aggs: {
        h: { histogram: { field: 'db', interval: 0.1, min_doc_count: 1 } },
        k: { histogram: { field: 'db', interval: 0.1, min_doc_count: 1, keyed: true } },
      } } })).body as { aggregations: Record<string, unknown> };
      expect(r.aggregations).toEqual({
        h: { buckets: [{ key: 1, doc_count: 1 }, { key: 'Infinity', doc_count: 1 }] },
        k: { buckets: { '1.0': { key: 1, doc_count: 1 }, Infinity: { key: 'Infinity', doc_count: 1 } } },
      });
    });
  });
});

describe('FINDINGS class 30: a range on a boolean field', () => {
  it('keeping one value is scored as that term; keeping both is a constant score (OpenSearch 3.6.0)', async () => {
    await withEmbedded(async (client) => {
      await client.indices.create({ index: 'h30', body: { mappings: { properties: { bo: { type: 'boolean' } } } } });
      const docs = [{ bo: true }, { bo: true }, { bo: false }, { bo: false }, { bo: false }, {}];
      await client.bulk({ refresh: true, body: docs.flatMap((d, i) => [{ index: { _index: 'h30', _id: String(i + 1) } }, d]) });
      const scores = async (range: Record<string, unknown>) => {
        const r = (await client.search({ index: 'h30', body: { query: { range: { bo: range } } } })).body as { hits: { hits: { _id: string; _score: number }[] } };
        return Object.fromEntries(r.hits.hits.map((h) => [h._id, h._score]));
      };
      const close = (got: Record<string, number>, want: Record<string, number>) => {
        expect(Object.keys(got).sort()).toEqual(Object.keys(want).sort());
        for (const [id, s] of Object.entries(want)) expect(got[id]).toBeCloseTo(s, 6);
      };
      // The real node's scores on these six documents.
      close(await scores({ gte: true, lte: true }), { 1: 0.3979403, 2: 0.3979403 });
      close(await scores({ gt: false }), { 1: 0.3979403, 2: 0.3979403 });
      close(await scores({ lt: true }), { 3: 0.2449984, 4: 0.2449984, 5: 0.2449984 });
      close(await scores({ gte: true, lte: true, boost: 2 }), { 1: 0.7958806, 2: 0.7958806 });
      close(await scores({ gte: false, lte: true }), { 1: 1, 2: 1, 3: 1, 4: 1, 5: 1 });
      close(await scores({ lte: true }), { 1: 1, 2: 1, 3: 1, 4: 1, 5: 1 });
    });
  });
});

describe('a filter aggregation query that fails to parse (fuzz seed 20236)', () => {
  it('is the REST-level 400 parsing_exception, before a shard failure of the sort (OpenSearch 3.6.0)', async () => {
    await withEmbedded(async (client) => {
      await client.indices.create({ index: 'hagg', body: { mappings: { properties: { d: { type: 'date' }, tag: { type: 'keyword' } } } } });
      await client.index({ index: 'hagg', id: '1', body: { d: '2017-03-05', tag: 'a' }, refresh: true });
      const f = await failure(client.search({ index: 'hagg', body: {
        sort: [{ tag: { order: 'asc', mode: 'sum' } }],
        aggs: { a: { filters: { filters: { f: { range: { d: { gt: -5, gte: -86400000 } } } } } } },
      } }));
      expect(f.status).toBe(400);
      expect(f.body.error.type).toBe('parsing_exception');
      expect(f.body.error.reason).toBe('invalid lower bound for [range] query');
    });
  });
});
