import { buildSchema, parse, print, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { pruneForSchema } from '../../../../src/api/tenants/prune.js';

/** A runner's schema: Movie without `rating`, no Flight type, `MovieWhere` without `rating`. */
const schema = buildSchema(`
  type Query { movies(where: MovieWhere, orderBy: [MovieOrderBy!], first: Int): MovieResult! me: Me! runSavedSearch(name: String!): Int savedSearches: [Int!]! }
  type Me { name: String! }
  type MovieResult { total: Int! hits: [MovieHit!]! }
  type MovieHit { id: ID! document: Movie! }
  type Movie { title: String year: Int director: Person }
  type Person { name: String }
  input MovieWhere { year: IntFilter and: [MovieWhere!] }
  input IntFilter { gte: Int lte: Int }
  input MovieOrderBy { field: MovieSortField! }
  enum MovieSortField { YEAR }
`);

const prune = (doc: string, variables: Record<string, unknown> = {}, operationName?: string) =>
  pruneForSchema(schema, parse(doc), operationName, variables);
const text = (r: ReturnType<typeof prune>) => (r.document ? print(r.document).replace(/\s+/g, ' ').trim() : null);

describe('pruneForSchema', () => {
  it('keeps a document the runner may run whole, with nothing refused', () => {
    const r = prune('query Q($w: MovieWhere) { movies(where: $w, first: 2) { total hits { id document { title director { name } } } } }', { w: { year: { gte: 2000 } } });
    expect(r.refusals).toEqual([]);
    expect(text(r)).toBe('query Q($w: MovieWhere) { movies(where: $w, first: 2) { total hits { id document { title director { name } } } } }');
  });

  it('cuts out a hidden field and names where it was, by response key', () => {
    const r = prune('{ m: movies { hits { document { title stars: rating } } } }');
    expect(text(r)).toBe('{ m: movies { hits { document { title } } } }');
    expect(r.refusals).toEqual([{ message: 'm.hits.document.stars is not available to you', path: ['m', 'hits', 'document', 'stars'], code: 'FORBIDDEN' }]);
  });

  it('removes a field whose whole selection was refused, and the search when nothing is left', () => {
    const r = prune('{ movies { total hits { document { rating } } } }');
    expect(text(r)).toBe('{ movies { total } }');
    const nothing = prune('{ movies { hits { document { rating } } } }');
    expect(nothing.document).toBeNull();
    expect(nothing.refusals).toHaveLength(1);
  });

  it('refuses a field whose arguments name a hidden input field or enum value, never dropping the filter', () => {
    const where = prune('{ movies(where: { rating: { gte: 8 } }) { total } me { name } }');
    expect(text(where)).toBe('{ me { name } }');
    expect(where.refusals).toEqual([{ message: 'movies was refused: its arguments name something not available to you', path: ['movies'], code: 'FORBIDDEN' }]);
    const nested = prune('{ movies(where: { and: [{ year: { gte: 1 } }, { rating: { gte: 8 } }] }) { total } }');
    expect(nested.document).toBeNull();
    const sort = prune('{ movies(orderBy: [{ field: RATING }]) { total } }');
    expect(sort.document).toBeNull();
    const unknownArg = prune('{ movies(minRating: 8) { total } }');
    expect(unknownArg.document).toBeNull();
  });

  it('refuses fields fed by a variable whose type or value the runner cannot take', () => {
    const value = prune('query ($w: MovieWhere) { movies(where: $w) { total } me { name } }', { w: { rating: { gte: 8 } } });
    expect(text(value)).toBe('{ me { name } }');
    expect(value.refusals[0]!.path).toEqual(['movies']);
    const byDefault = prune('query ($w: MovieWhere = { rating: { gte: 8 } }) { movies(where: $w) { total } me { name } }');
    expect(text(byDefault)).toBe('{ me { name } }');
    expect(byDefault.refusals[0]!.path).toEqual(['movies']);
    const goodDefault = prune('query ($w: MovieWhere = { year: { gte: 2000 } }) { movies(where: $w) { total } }');
    expect(goodDefault.refusals).toEqual([]);
    const type = prune('query ($w: FlightWhere) { flights(where: $w) { total } me { name } }');
    expect(text(type)).toBe('{ me { name } }');
  });

  it('drops fragments on types the runner lacks, and prunes named fragments', () => {
    const r = prune(`{ movies { hits { document { ...M ... on Flight { origin } } } } }
      fragment M on Movie { title rating }
      fragment F on Flight { origin }`);
    expect(text(r)).toBe('{ movies { hits { document { ...M } } } } fragment M on Movie { title }');
    expect(r.refusals.map((x) => x.message)).toEqual([
      'movies.hits.document.rating is not available to you',
      'the fragment on Flight at movies.hits.document is not available to you',
    ]);
    expect(validate(schema, r.document!)).toEqual([]);
  });

  it('refuses tenant and admin fields inside a saved search, and anything but one query', () => {
    const r = prune('{ runSavedSearch(name: "x") savedSearches me { name } }');
    expect(text(r)).toBe('{ me { name } }');
    expect(r.refusals.map((x) => [x.path, x.code])).toEqual([[['runSavedSearch'], 'BAD_USER_INPUT'], [['savedSearches'], 'BAD_USER_INPUT']]);
    expect(prune('mutation { me }').refusals[0]!.message).toBe('a saved search runs queries only');
    expect(prune('query A { me { name } } query B { me { name } }').document).toBeNull();
    expect(text(prune('query A { me { name } } query B { movies { total } }', {}, 'B'))).toBe('query B { movies { total } }');
  });

  it('keeps __typename, and the result always validates', () => {
    const r = prune('query ($f: Int, $w: MovieWhere) { __typename movies(first: $f) { hits { document { __typename rating } } } x: movies(where: $w) { total } }', { w: { rating: {} } });
    expect(text(r)).toBe('query ($f: Int) { __typename movies(first: $f) { hits { document { __typename } } } }');
    expect(validate(schema, r.document!)).toEqual([]);
  });
});
