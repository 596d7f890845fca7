import { describe, expect, it } from 'vitest';
import { EngineError } from '../../../../src/engine/errors.js';
import { search } from '../../../../src/engine/search/search.js';
import { hitIds, smallIndex } from './fixture.js';

const ix = smallIndex();
const sorted = (q: unknown): string[] => hitIds(ix, { query: q, size: 100 }).sort();

function errorOf(body: unknown): { status: number; type: string; reason: string; root: string } {
  try {
    search([ix], body);
  } catch (e) {
    if (!(e instanceof EngineError)) throw e;
    const b = e.toBody();
    return { status: b.status, type: String(b.error.type), reason: String(b.error.reason), root: String((b.error.root_cause as { reason: string }[])[0]!.reason) };
  }
  throw new Error('expected an error');
}

describe('full-text queries', () => {
  it('match ORs analyzed terms and ranks docs matching more terms first', () => {
    expect(sorted({ match: { title: 'quick fox' } })).toEqual(['1', '2', '3', '4']);
    expect(hitIds(ix, { query: { match: { title: 'quick fox' } } })[0]).toBe('1');
  });

  it('match with operator and requires every term', () => {
    expect(sorted({ match: { title: { query: 'QUICK brown', operator: 'and' } } })).toEqual(['1', '2']);
  });

  it('match honours minimum_should_match', () => {
    expect(sorted({ match: { title: { query: 'quick brown fox', minimum_should_match: 3 } } })).toEqual(['1']);
    expect(sorted({ match: { title: { query: 'quick brown fox', minimum_should_match: '67%' } } })).toEqual(['1', '2']);
    expect(sorted({ match: { title: { query: 'quick brown fox', minimum_should_match: '66%' } } })).toEqual(['1', '2', '3', '4']);
  });

  it('match on keyword fields is exact and on numbers parses the value', () => {
    expect(sorted({ match: { genre: 'fiction' } })).toEqual(['1', '5']);
    expect(sorted({ match: { genre: 'Fiction' } })).toEqual([]);
    expect(sorted({ match: { pages: '80' } })).toEqual(['3']);
  });

  it('match_phrase needs adjacent terms in order', () => {
    expect(sorted({ match_phrase: { title: 'quick brown' } })).toEqual(['1']);
    expect(sorted({ match_phrase: { title: 'brown quick' } })).toEqual([]);
    expect(sorted({ match_phrase: { title: 'brown bears and' } })).toEqual(['2']);
  });

  it('multi_match takes the best field and accepts field^boost', () => {
    // Keyword fields take the whole text as one value, so 'fiction fox' does not match genre 'fiction'.
    expect(sorted({ multi_match: { query: 'fiction fox', fields: ['title', 'genre^2'] } })).toEqual(['1', '3']);
    expect(hitIds(ix, { query: { multi_match: { query: 'fiction', fields: ['title', 'genre^2'] } } })).toEqual(['1', '5']);
  });

  it('simple_query_string supports + - | quotes and prefix*', () => {
    const q = (query: string, extra: Record<string, unknown> = {}): string[] => sorted({ simple_query_string: { query, fields: ['title'], ...extra } });
    expect(q('quick +brown')).toEqual(['1', '2']);
    expect(q('quick -brown', { default_operator: 'and' })).toEqual(['4']);
    expect(q('lazy | history')).toEqual(['3', '5']);
    expect(q('"quick brown"')).toEqual(['1']);
    expect(q('rec*')).toEqual(['4']);
    // With OR as default operator, "-x" means "or not x": everything without brown matches too.
    expect(q('fox -brown')).toEqual(['1', '3', '4', '5']);
  });

  it('simple_query_string without fields searches every field', () => {
    expect(sorted({ simple_query_string: { query: 'history' } })).toEqual(['3']);
    expect(sorted({ simple_query_string: { query: 'Cooking' } })).toEqual(['4']);
  });
});

describe('term-level queries', () => {
  it('term matches exact keyword values and single analyzed tokens of text fields', () => {
    expect(sorted({ term: { genre: 'fiction' } })).toEqual(['1', '5']);
    expect(sorted({ term: { title: 'quick' } })).toEqual(['1', '2', '4']);
    expect(sorted({ term: { title: 'Quick' } })).toEqual([]);
    expect(sorted({ term: { 'title.keyword': 'Quick recipes' } })).toEqual(['4']);
  });

  it('term on numbers, booleans, dates and meta fields', () => {
    expect(sorted({ term: { pages: 120 } })).toEqual(['1']);
    expect(sorted({ term: { pages: 120.5 } })).toEqual([]);
    expect(sorted({ term: { price: 9.99 } })).toEqual(['1']);
    expect(sorted({ term: { available: false } })).toEqual(['2']);
    expect(sorted({ term: { published: '2020-01-15' } })).toEqual(['1']);
    expect(sorted({ term: { _id: '3' } })).toEqual(['3']);
    expect(sorted({ term: { _index: 'books' } })).toHaveLength(5);
    expect(sorted({ term: { _index: 'other' } })).toEqual([]);
  });

  it('terms matches any value', () => {
    expect(sorted({ terms: { genre: ['history', 'nature', 'none'] } })).toEqual(['2', '3']);
    expect(sorted({ terms: { _id: ['1', '4', '9'] } })).toEqual(['1', '4']);
  });

  it('range on numbers, with exclusive bounds and decimals on integers', () => {
    expect(sorted({ range: { pages: { gte: 80, lt: 300 } } })).toEqual(['1', '3']);
    expect(sorted({ range: { pages: { gt: 79.5, lte: 120.9 } } })).toEqual(['1', '3']);
    expect(sorted({ range: { price: { gt: 9.99 } } })).toEqual(['2', '5']);
  });

  it('range on dates with rounding, formats and date math', () => {
    expect(sorted({ range: { published: { gte: '2020-01-01', lte: '2021-06-01' } } })).toEqual(['1', '2']);
    expect(sorted({ range: { published: { gt: '2021-06-01' } } })).toEqual(['5']);
    expect(sorted({ range: { published: { gte: '2019||/y', lt: '2019-12-31||+1d' } } })).toEqual(['3']);
    expect(sorted({ range: { published: { gte: '15/01/2020', format: 'dd/MM/yyyy' } } })).toEqual(['1', '2', '5']);
    expect(sorted({ range: { published: { lt: 'now-100y' } } })).toEqual([]);
  });

  it('exists on fields and object paths; prefix, wildcard and ids', () => {
    expect(sorted({ exists: { field: 'price' } })).toEqual(['1', '2', '4', '5']);
    expect(sorted({ exists: { field: 'tags' } })).toEqual(['1', '3', '5']);
    expect(sorted({ prefix: { genre: 'fic' } })).toEqual(['1', '5']);
    expect(sorted({ prefix: { genre: { value: 'COOK', case_insensitive: true } } })).toEqual(['4']);
    expect(sorted({ wildcard: { genre: 'h?st*' } })).toEqual(['3']);
    expect(sorted({ wildcard: { title: 'bro*' } })).toEqual(['1', '2']);
    expect(sorted({ ids: { values: ['5', '2', 'nope'] } })).toEqual(['2', '5']);
  });
});

describe('bool', () => {
  it('should is optional next to must/filter and required alone', () => {
    expect(sorted({ bool: { filter: { term: { genre: 'fiction' } }, should: { match: { title: 'fox' } } } })).toEqual(['1', '5']);
    expect(sorted({ bool: { should: [{ term: { genre: 'history' } }, { term: { genre: 'nature' } }] } })).toEqual(['2', '3']);
    expect(sorted({ bool: { filter: { term: { genre: 'fiction' } }, should: { match: { title: 'fox' } }, minimum_should_match: 1 } })).toEqual(['1']);
  });

  it('must_not excludes and filter does not score', () => {
    expect(sorted({ bool: { must_not: { terms: { genre: ['fiction', 'Cooking'] } } } })).toEqual(['2', '3']);
    const r = search([ix], { query: { bool: { filter: { term: { genre: 'fiction' } } } } });
    expect((r.hits as { max_score: number }).max_score).toBe(0);
  });

  it('a should clause boosts ranking without changing matches', () => {
    expect(hitIds(ix, { query: { bool: { must: { match: { title: 'quick' } }, should: { term: { genre: 'Cooking' } } } } })[0]).toBe('4');
  });
});

describe('unsupported input fails with OpenSearch errors', () => {
  it('names unknown query types', () => {
    expect(errorOf({ query: { foo: {} } })).toMatchObject({ status: 400, type: 'parsing_exception', reason: 'unknown query [foo]' });
    expect(errorOf({ query: { bool: { filter: [{ more_like_this: {} }] } } }).reason).toBe('unknown query [more_like_this]');
  });

  it('names unknown parameters instead of ignoring them', () => {
    expect(errorOf({ query: { term: { genre: { value: 'x', bogus: 1 } } } }).reason).toBe('[term] query does not support [bogus]');
    expect(errorOf({ query: { match: { title: { query: 'x', bogus: 1 } } } }).reason).toBe('[match] query does not support [bogus]');
    expect(errorOf({ query: { bool: { must: [], bogus: [] } } })).toMatchObject({ type: 'x_content_parse_exception', reason: '[bool] unknown field [bogus]' });
    expect(errorOf({ query: { range: { pages: { gte: 1, relation: 'BOGUS' } } } }).reason).toBe('BOGUS is not a valid relation');
    expect(errorOf({ bogus: 1 }).reason).toBe('Unknown key for a VALUE_NUMBER in [bogus].');
  });

  it('refuses engine gaps (fuzziness with a prefix_length, terms lookup) explicitly', () => {
    expect(errorOf({ query: { match: { title: { query: 'x', fuzziness: 'AUTO', prefix_length: 1 } } } }).reason).toContain('fuzziness');
    expect(errorOf({ query: { terms: { genre: { index: 'i', id: '1', path: 'p' } } } }).reason).toContain('lookup');
  });

  it('reports bad values for the field type as shard failures', () => {
    const e = errorOf({ query: { term: { pages: 'abc' } } });
    expect(e).toMatchObject({ status: 400, type: 'search_phase_execution_exception' });
    expect(e.root).toContain('For input string');
  });
});
