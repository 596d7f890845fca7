import { describe, expect, it } from 'vitest';
import { EngineError } from '../../../../src/engine/errors.js';
import { SearchIndex } from '../../../../src/engine/index/search-index.js';
import { count, search } from '../../../../src/engine/search/search.js';
import { hitIds, smallIndex, total } from './fixture.js';

const ix = smallIndex();
type Hit = { _index: string; _id: string; _score: number | null; _source?: Record<string, unknown>; sort?: unknown[] };
function rootReason(body: unknown): string {
  try {
    search([ix], body);
  } catch (e) {
    const b = (e as EngineError).toBody();
    expect(b.status).toBe(400);
    return (b.error.root_cause as { reason: string }[])[0]!.reason;
  }
  throw new Error('expected an error');
}
const hitsOf = (body: unknown, targets: SearchIndex[] = [ix]): { total?: unknown; max_score: number | null; hits: Hit[] } =>
  search(targets, body).hits as never;

describe('paging and totals', () => {
  it('defaults to 10 hits and pages with from/size', () => {
    const many = new SearchIndex('many');
    for (let i = 0; i < 25; i++) many.index(String(i), { n: i });
    expect(hitIds(many, {})).toHaveLength(10);
    expect(hitIds(many, { sort: ['n'], from: 20, size: 10 })).toEqual(['20', '21', '22', '23', '24']);
    expect(total(many, { track_total_hits: 5 })).toEqual({ value: 5, relation: 'gte' });
    expect(total(many, { track_total_hits: true })).toEqual({ value: 25, relation: 'eq' });
    expect(total(many, {})).toEqual({ value: 25, relation: 'eq' });
    expect(search([many], { track_total_hits: false }).hits).not.toHaveProperty('total');
  });

  it('refuses windows beyond 10000', () => {
    expect(rootReason({ from: 9995, size: 10 })).toMatch(/^Result window is too large, from \+ size must be less than or equal to: \[10000\] but was \[10005\]/);
  });

  it('count() counts matches without paging', () => {
    expect(count([ix], { query: { term: { genre: 'fiction' } } })).toEqual({ count: 2 });
    expect(count([ix], undefined)).toEqual({ count: 5 });
  });
});

describe('sorting', () => {
  it('sorts by fields with missing values last by default, in both directions', () => {
    expect(hitIds(ix, { sort: [{ price: 'asc' }] })).toEqual(['4', '1', '5', '2', '3']);
    expect(hitIds(ix, { sort: [{ price: 'desc' }] })).toEqual(['2', '5', '1', '4', '3']);
    expect(hitIds(ix, { sort: [{ price: { order: 'asc', missing: '_first' } }] })).toEqual(['3', '4', '1', '5', '2']);
  });

  it('renders sort values like OpenSearch (floats shortest, dates as millis, sentinels for missing)', () => {
    const h = hitsOf({ sort: [{ price: 'asc' }, { published: 'desc' }], size: 5 });
    // The missing date is Long.MIN_VALUE, written with its exact digits (not the double -2^63).
    expect(JSON.stringify(h.hits.map((x) => x.sort))).toBe(JSON.stringify([
      [5, 0], [9.99, Date.UTC(2020, 0, 15)], [12, Date.UTC(2022, 2, 3)], [25.5, Date.UTC(2021, 5, 1, 12)], ['Infinity', Date.UTC(2019, 11, 31)],
    ]).replace('[5,0]', '[5,-9223372036854775808]'));
    expect(h.max_score).toBeNull();
    expect(h.hits[0]!._score).toBeNull();
    expect(hitsOf({ sort: [{ genre: 'asc' }] }).hits.map((x) => x.sort![0])).toEqual(['Cooking', 'fiction', 'fiction', 'history', 'nature']);
  });

  it('sorts keyword multi-values by min ascending and max descending', () => {
    expect(hitsOf({ sort: [{ 'tags.keyword': 'desc' }], query: { exists: { field: 'tags' } } }).hits.map((x) => x.sort)).toEqual([['classic'], ['classic'], ['animal']]);
  });

  it('refuses sorting on text fields and unmapped fields without unmapped_type', () => {
    expect(rootReason({ sort: [{ title: 'asc' }] })).toMatch(/^Text fields are not optimised/);
    expect(rootReason({ sort: [{ nope: 'asc' }] })).toBe('No mapping found for [nope] in order to sort on');
    expect(hitIds(ix, { sort: [{ nope: { order: 'asc', unmapped_type: 'long' } }] })).toEqual(['1', '2', '3', '4', '5']);
  });

  it('search_after continues exactly after the given sort values', () => {
    const page1 = hitsOf({ sort: [{ genre: 'asc' }, { pages: 'asc' }], size: 2 });
    expect(page1.hits.map((h) => h._id)).toEqual(['4', '1']);
    const after = page1.hits[1]!.sort;
    expect(after).toEqual(['fiction', 120]);
    const page2 = hitsOf({ sort: [{ genre: 'asc' }, { pages: 'asc' }], size: 2, search_after: after });
    expect(page2.hits.map((h) => h._id)).toEqual(['5', '3']);
    expect(page2.hits[0]!.sort).toEqual(['fiction', 2147483647]);
  });

  it('keeps _score when sorting by _score then a field', () => {
    const h = hitsOf({ query: { match: { title: 'quick' } }, sort: ['_score', { pages: 'desc' }] });
    expect(h.hits.every((x) => typeof x._score === 'number' && x.sort![0] === x._score)).toBe(true);
  });
});

describe('_source filtering', () => {
  it('supports false, patterns and includes/excludes', () => {
    expect(hitsOf({ _source: false, size: 1 }).hits[0]).not.toHaveProperty('_source');
    expect(hitsOf({ _source: ['ti*', 'pages'], size: 1 }).hits[0]!._source).toEqual({ title: 'The Quick Brown Fox', pages: 120 });
    expect(hitsOf({ _source: 'genre', size: 1 }).hits[0]!._source).toEqual({ genre: 'fiction' });
    expect(hitsOf({ _source: { excludes: ['t*', 'p*', 'a*'] }, size: 1 }).hits[0]!._source).toEqual({ genre: 'fiction' });
  });

  it('filters inside objects and arrays of objects', () => {
    const o = new SearchIndex('o');
    o.index('1', { a: { b: 1, c: 2 }, list: [{ x: 1, y: 2 }, { x: 3 }], z: 0 });
    expect(hitsOf({ _source: ['a.b', 'list.x'] }, [o]).hits[0]!._source).toEqual({ a: { b: 1 }, list: [{ x: 1 }, { x: 3 }] });
    expect(hitsOf({ _source: { includes: ['a'], excludes: ['a.c'] } }, [o]).hits[0]!._source).toEqual({ a: { b: 1 } });
  });
});

describe('response shape', () => {
  it('renders hits like OpenSearch', () => {
    const r = search([ix], { query: { ids: { values: ['3'] } } });
    expect(r).toEqual({
      hits: {
        total: { value: 1, relation: 'eq' },
        max_score: 1,
        hits: [{ _index: 'books', _id: '3', _score: 1, _source: ix.get('3')!.source }],
      },
    });
  });

  it('searches several indices and tells hits apart by _index', () => {
    const other = smallIndex('books2');
    const h = hitsOf({ query: { term: { _id: '1' } } }, [ix, other]);
    expect(h.hits.map((x) => `${x._index}/${x._id}`)).toEqual(['books/1', 'books2/1']);
    expect(hitsOf({ query: { term: { _index: 'books2' } } }, [ix, other]).total).toEqual({ value: 5, relation: 'eq' });
  });

  it('runs aggregations over all matches, not just the page', () => {
    const r = search([ix], { size: 1, query: { exists: { field: 'price' } }, aggs: { g: { terms: { field: 'genre' } }, m: { max: { field: 'pages' } } } });
    const aggs = r.aggregations as { g: { buckets: { key: string; doc_count: number }[] }; m: { value: number } };
    expect(aggs.g.buckets).toEqual(expect.arrayContaining([{ key: 'fiction', doc_count: 2 }, { key: 'Cooking', doc_count: 1 }]));
    expect(aggs.g.buckets.reduce((n, b) => n + b.doc_count, 0)).toBe(4);
    expect(aggs.m.value).toBe(300);
  });

  it('supports the filter aggregation through compileFilter', () => {
    const r = search([ix], { size: 0, aggs: { f: { filter: { range: { pages: { gte: 100 } } } } } });
    expect((r.aggregations as { f: { doc_count: number } }).f.doc_count).toBe(2);
  });

  it('returns OpenSearch-shaped error bodies', () => {
    try {
      search([ix], { query: { nope: {} } });
      expect.unreachable();
    } catch (e) {
      expect((e as EngineError).toBody()).toEqual({
        error: { root_cause: [{ type: 'parsing_exception', reason: 'unknown query [nope]' }], type: 'parsing_exception', reason: 'unknown query [nope]' },
        status: 400,
      });
    }
  });
});
