/**
 * Regression tests for the classes of wrong answers the differential fuzzer found (issue 12). Every expected
 * value below was read from OpenSearch 3.6.0 with the same documents and request.
 */
import { compileQuery } from '../../../../src/engine/query/compile.js';
import { describe, expect, it } from 'vitest';
import { SearchIndex } from '../../../../src/engine/index/search-index.js';
import { analyzeStandard } from '../../../../src/engine/analysis/standard.js';
import { search } from '../../../../src/engine/search/search.js';
import { overIndex } from './over-index.js';

function index(): SearchIndex {
  const ix = new SearchIndex('fz', {
    mappings: { properties: { t: { type: 'text' }, k: { type: 'keyword' }, i: { type: 'integer' }, l: { type: 'long' }, f: { type: 'float' }, b: { type: 'boolean' }, d: { type: 'date' } } },
  });
  ix.index('1', { t: 'a b', k: 'a', i: 1, l: 5, f: 5, b: true, d: '2017-01-01' });
  ix.index('2', { t: 'a', k: 'b', i: 2, l: 7, d: '2018-06-01' });
  ix.index('3', { k: 'a' });
  return ix;
}

const { run, ids, refusal } = overIndex(index);

describe('bool minimum_should_match', () => {
  it('matches every document for {should: [], minimum_should_match: 1} (the DLS shape), as OpenSearch', () => {
    expect(ids({ query: { bool: { should: [], minimum_should_match: 1 } } })).toEqual(['1', '2', '3']);
    expect(ids({ query: { bool: { must_not: [{ term: { i: 2 } }], minimum_should_match: 3 } } })).toEqual(['1', '3']);
  });
  it('does not cap minimum_should_match at the number of should clauses', () => {
    expect(ids({ query: { bool: { should: [{ match: { t: 'a' } }, { match: { t: 'b' } }], minimum_should_match: 3 } } })).toEqual([]);
  });
  it('fails the search on a bad clause even where the answer is already known', () => {
    expect(refusal({ query: { bool: { filter: [{ term: { k: 'zz' } }], must_not: [{ term: { i: 'true' } }] } } })).toMatch(/For input string: \\"true\\"/);
    expect(refusal({ query: { bool: { filter: [{ term: { k: 'zz' } }], should: [{ term: { b: 'x' } }] } } })).toMatch(/Can't parse boolean value \[x\]/);
  });
});

describe('queries OpenSearch rewrites to match_none before building them', () => {
  it('never builds the other clauses of a bool with a match_none (or empty terms/ids) required clause', () => {
    expect(ids({ query: { bool: { must: [{ match_none: {} }], should: [{ term: { f: '2017-03' } }] } } })).toEqual([]);
    expect(ids({ query: { bool: { filter: [{ terms: { k: [] } }], must_not: [{ term: { i: 'x' } }] } } })).toEqual([]);
    expect(ids({ query: { constant_score: { filter: { bool: { must: [{ ids: { values: [] } }, { term: { b: 'x' } }] } } } } })).toEqual([]);
  });
});

describe('term values on numeric and boolean fields', () => {
  it('parses like Java and refuses what OpenSearch refuses', () => {
    expect(ids({ query: { term: { i: ' 1' } } })).toEqual(['1']);
    expect(ids({ query: { term: { i: '1d' } } })).toEqual(['1']);
    expect(ids({ query: { term: { i: 'NaN' } } })).toEqual([]);
    expect(refusal({ query: { term: { l: ' 5' } } })).toMatch(/For input string: \\" 5\\"/);
    expect(ids({ query: { term: { l: '5.0' } } })).toEqual(['1']);
    expect(refusal({ query: { term: { i: '0x10' } } })).toMatch(/For input string/);
    expect(refusal({ query: { term: { i: 2147483648 } } })).toMatch(/Value \[2147483648\] is out of range for an integer/);
    expect(refusal({ query: { term: { i: '' } } })).toMatch(/empty String/);
    expect(refusal({ query: { term: { f: 'Infinity' } } })).toMatch(/\[float\] supports only finite values/);
    expect(refusal({ query: { term: { b: '' } } })).toMatch(/Can't parse boolean value \[\]/);
    expect(refusal({ query: { term: { i: true } } })).toMatch(/For input string: \\"true\\"/);
    expect(refusal({ query: { term: { _id: '' } } })).toMatch(/Ids can't be empty/);
  });
});

describe('range', () => {
  it('refuses two lower or two upper bounds, and ranges on _id', () => {
    expect(refusal({ query: { range: { i: { gt: 1, gte: 2 } } } })).toMatch(/invalid lower bound for \[range\] query/);
    expect(refusal({ query: { range: { i: { lt: 1, lte: 2 } } } })).toMatch(/invalid upper bound for \[range\] query/);
    expect(refusal({ query: { range: { _id: { gt: 'a' } } } })).toMatch(/Field \[_id\] of type \[_id\] does not support range queries/);
  });
});

describe('response rendering', () => {
  it('track_total_hits -1 leaves the total out; 0 gives {0, gte} on a match, {0, eq} without one (size 0: per count shortcut)', () => {
    expect(run({ track_total_hits: -1 }).hits.total).toBeUndefined();
    expect(run({ track_total_hits: 0 }).hits.total).toEqual({ value: 0, relation: 'gte' });
    expect(run({ track_total_hits: 0, size: 0 }).hits.total).toEqual({ value: 0, relation: 'gte' });
    expect(run({ track_total_hits: 0, from: 5 }).hits.total).toEqual({ value: 0, relation: 'gte' });
    expect(run({ track_total_hits: 0, query: { term: { k: 'zz' } } }).hits.total).toEqual({ value: 0, relation: 'eq' });
    expect(run({ track_total_hits: 0, post_filter: { term: { k: 'zz' } } }).hits.total).toEqual({ value: 0, relation: 'eq' });
    // With size 0 and no match: "eq" where OpenSearch counts up front (a term query), "gte" where a collector
    // with a limit of 0 stops at the first segment (checked on 3.6.0).
    expect(run({ track_total_hits: 0, size: 0, query: { term: { k: 'zz' } } }).hits.total).toEqual({ value: 0, relation: 'eq' });
    expect(run({ track_total_hits: 0, size: 0, query: { prefix: { k: 'zz' } } }).hits.total).toEqual({ value: 0, relation: 'gte' });
  });
  it('max_score and sort values for _score sorts', () => {
    const only = run({ sort: ['_score'], size: 1 }).hits;
    expect(only.max_score).toBe(1);
    expect(only.hits[0].sort).toBeUndefined();
    expect(run({ sort: [{ _score: 'asc' }], size: 1 }).hits.max_score).toBeNull();
    expect(run({ sort: ['i', '_score'], size: 1 }).hits.max_score).toBeNull();
    expect(run({ sort: ['_score', 'i'], size: 1 }).hits.max_score).toBe(1);
    expect(run({ sort: ['i'], track_scores: true, size: 1 }).hits.max_score).toBe(1);
  });
});

describe('missing-value sort sentinels (OpenSearch 3.6: the type\'s MIN/MAX, booleans as ints)', () => {
  it('renders and compares them as OpenSearch does', () => {
    const sortOf = (field: string, order: string, missing: string): unknown[] =>
      run({ query: { ids: { values: ['3'] } }, sort: [{ [field]: { order, missing } }] }).hits.hits[0].sort;
    expect(sortOf('b', 'asc', '_first')).toEqual([-2147483648]);
    expect(sortOf('b', 'asc', '_last')).toEqual([2147483647]);
    expect(sortOf('i', 'asc', '_first')).toEqual([-2147483648]);
    expect(sortOf('i', 'desc', '_last')).toEqual([-2147483648]);
    expect(sortOf('i', 'desc', '_first')).toEqual([2147483647]);
    // The cursor document itself is never returned again.
    const after = run({ sort: [{ b: { order: 'asc', missing: '_last' } }, { k: 'asc' }], search_after: [2147483647, 'a'], size: 5 }).hits.hits;
    expect(after.map((h: { _id: string }) => h._id)).toEqual(['2']); // doc 3 (k a) is the cursor
  });
});

describe('standard analyzer emoji tokens (read from OpenSearch 3.6 _analyze)', () => {
  it('emits the symbols Lucene types <EMOJI>, also those newer Unicode data dropped from Extended_Pictographic', () => {
    const terms = (t: string): string[] => analyzeStandard(t).map((x) => x.term);
    expect(terms('a★b')).toEqual(['a', '★', 'b']);
    expect(terms('★★')).toEqual(['★', '★']);
    expect(terms('♔ ♕ 🀄x ©')).toEqual(['♔', '♕', '🀄', 'x', '©']);
    expect(terms('☆ → ✓ € ①')).toEqual([]);
  });
  it('keeps a Thai/Lao/Myanmar/Khmer run as one token, apart from Latin letters and digits', () => {
    const terms = (t: string): string[] => analyzeStandard(t).map((x) => x.term);
    expect(terms('ภาษาไทย 3.14')).toEqual(['ภาษาไทย', '3.14']);
    expect(terms('abcภาษาไทย๑๒')).toEqual(['abc', 'ภาษาไทย', '๑๒']);
    expect(terms('ภาษา-ไทย')).toEqual(['ภาษา', 'ไทย']);
    expect(terms('မြန်မာစာ ភាសាខ្មែរ')).toEqual(['မြန်မာစာ', 'ភាសាខ្មែរ']);
  });
  it('counts a text value only when it has a token (empty strings add nothing to idf/avgdl)', () => {
    const ix = new SearchIndex('e', { mappings: { properties: { body: { type: 'text' } } } });
    ix.index('0', { body: '3.14' });
    ix.index('1', { body: '' });
    ix.index('2', { body: '★' });
    const r = search([ix], { query: { match: { body: '3.14' } } }) as Record<string, any>;
    // OpenSearch 3.6 with the same three documents: docCount 2 (★ is a token, "" is not).
    expect(r.hits.max_score).toBe(0.31506687);
  });
});

describe('aggregations', () => {
  it('stats, with *_as_string on dates and JSON booleans on booleans, and the empty form', () => {
    const a = run({ size: 0, aggs: { s: { stats: { field: 'i' } }, sd: { stats: { field: 'd' } }, sb: { stats: { field: 'b' } }, se: { stats: { field: 'nope' } } } }).aggregations;
    expect(a.s).toEqual({ count: 2, min: 1, max: 2, avg: 1.5, sum: 3 });
    expect(a.sd).toEqual({ count: 2, min: 1483228800000, max: 1527811200000, avg: 1505520000000, sum: 3011040000000,
      min_as_string: '2017-01-01T00:00:00.000Z', max_as_string: '2018-06-01T00:00:00.000Z', avg_as_string: '2017-09-16T00:00:00.000Z', sum_as_string: '2065-06-01T00:00:00.000Z' });
    expect(a.sb).toEqual({ count: 1, min: 1, max: 1, avg: 1, sum: 1, min_as_string: true, max_as_string: true, avg_as_string: true, sum_as_string: true });
    expect(a.se).toEqual({ count: 0, min: null, max: null, avg: null, sum: 0 });
  });
  it('filters: named (sorted by name), anonymous (in order), other bucket', () => {
    const a = run({ size: 0, aggs: {
      f: { filters: { filters: { x: { term: { k: 'a' } }, a: { match_all: {} } } } },
      fl: { filters: { filters: [{ term: { k: 'a' } }, { match_all: {} }] } },
      fo: { filters: { other_bucket: true, filters: { x: { term: { k: 'b' } } } }, aggs: { m: { max: { field: 'i' } } } },
      fok: { filters: { other_bucket_key: 'zz', filters: { x: { term: { k: 'b' } } } } },
    } }).aggregations;
    expect(Object.keys(a.f.buckets)).toEqual(['a', 'x']);
    expect(a.f.buckets).toEqual({ a: { doc_count: 3 }, x: { doc_count: 2 } });
    expect(a.fl.buckets).toEqual([{ doc_count: 2 }, { doc_count: 3 }]);
    expect(a.fo.buckets).toEqual({ x: { doc_count: 1, m: { value: 2 } }, _other_: { doc_count: 2, m: { value: 1 } } });
    expect(a.fok.buckets).toEqual({ x: { doc_count: 1 }, zz: { doc_count: 2 } });
  });
  it('date_range with date math, formats and keys', () => {
    const a = run({ size: 0, aggs: {
      dr: { date_range: { field: 'd', ranges: [{ to: '2018' }, { from: '2017-06-01||/M' }] } },
      drk: { date_range: { field: 'd', format: 'yyyy', keyed: true, ranges: [{ to: '2018' }, { key: 'late', from: '2018' }] } },
      dri: { date_range: { field: 'i', ranges: [{ to: 3 }] } },
    } }).aggregations;
    expect(a.dr.buckets).toEqual([
      { key: '*-2018-01-01T00:00:00.000Z', to: 1514764800000, to_as_string: '2018-01-01T00:00:00.000Z', doc_count: 1 },
      { key: '2017-06-01T00:00:00.000Z-*', from: 1496275200000, from_as_string: '2017-06-01T00:00:00.000Z', doc_count: 1 },
    ]);
    expect(a.drk.buckets).toEqual({ '*-2018': { to: 1514764800000, to_as_string: '2018', doc_count: 1 }, late: { from: 1514764800000, from_as_string: '2018', doc_count: 1 } });
    expect(a.dri.buckets).toEqual([{ key: '*-3.0', to: 3, doc_count: 2 }]);
  });
});

describe('second fuzzer round (seeds 101, 202, 303), values read from OpenSearch 3.6.0', () => {
  it('range bounds on integer types: out of range refused with the value as OpenSearch renders it', () => {
    expect(refusal({ query: { range: { i: { gt: 3.4e38, lt: 0 } } } })).toMatch(/Value \[3\.4E38\] is out of range for an integer/);
    expect(refusal({ query: { range: { i: { lt: 1e20 } } } })).toMatch(/Value \[\[31 30 30 30 30 30 30 30 30 30 30 30 30 30 30 30 30 30 30 30 30\]\] is out of range for an integer/);
    expect(refusal({ query: { range: { i: { lt: 1e18 } } } })).toMatch(/Value \[1000000000000000000\] is out of range for an integer/);
    expect(refusal({ query: { range: { l: { lt: '9223372036854775808' } } } })).toMatch(/Value \[9223372036854775808\] is out of range for a long/);
    expect(refusal({ query: { range: { l: { gt: 'NaN' } } } })).toMatch(/For input string: \\"NaN\\"/);
    expect(ids({ query: { range: { i: { lt: 'NaN' } } } })).toEqual([]);
  });
  it('a date term beyond 19 epoch digits is refused', () => {
    expect(refusal({ query: { term: { d: 1e20 } } })).toMatch(/failed to parse date field/);
    expect(ids({ query: { term: { d: 1e18 } } })).toEqual([]);
  });
  it('a bool without must/filter whose should clauses are all match_none is match_none (must_not not built)', () => {
    expect(ids({ query: { bool: { should: [{ match_none: {} }], must_not: [{ term: { l: true } }] } } })).toEqual([]);
    expect(ids({ query: { bool: { should: [{ match_none: {} }], minimum_should_match: 0, must_not: [{ term: { l: true } }] } } })).toEqual([]);
    expect(refusal({ query: { bool: { should: [{ match_none: {} }, { match_all: {} }], must_not: [{ term: { l: true } }] } } })).toMatch(/For input string/);
  });
  it('search_after needs a field sort; max_score is the first hit after the cursor when sorted by score first', () => {
    expect(refusal({ search_after: [1] })).toMatch(/Sort must contain at least one field/);
    expect(refusal({ sort: [{ _score: 'desc' }], search_after: [1] })).toMatch(/Sort must contain at least one field/);
    expect(run({ search_after: [] }).hits.hits.length).toBe(3);
    expect(run({ query: { match: { t: 'a' } }, sort: ['_score', { k: 'asc' }], search_after: [0.0001, 'z'] }).hits.max_score).toBeNull();
    expect(run({ sort: [{ l: { order: 'asc', missing: '_last' } }, { k: 'asc' }], search_after: [9223372036854775807, 'a'] }).hits.hits.map((h: { _id: string }) => h._id)).toEqual([]);
  });
  it('range on _id without bounds matches every document', () => {
    expect(ids({ query: { range: { _id: {} } } })).toEqual(['1', '2', '3']);
  });
  it('long strings beyond 2^53 a double cannot hold are answered exactly (see big-longs.test.ts)', () => {
    expect(ids({ query: { term: { l: '9007199254740993' } } })).toEqual([]);
    expect(ids({ query: { term: { l: '9007199254740992' } } })).toEqual([]);
    const ix = index();
    ix.index('9', { l: '9007199254740993' });
    expect(compileQuery({ term: { l: '9007199254740993' } }).execute(ix, { scoring: false, now: 0 }).docs.length).toBe(1);
    expect(compileQuery({ term: { l: '9007199254740992' } }).execute(ix, { scoring: false, now: 0 }).docs.length).toBe(0);
    expect(() => ix.index('9', { i: '0x10' })).toThrow(/failed to parse field \[i\] of type \[integer\]/);
  });
});
