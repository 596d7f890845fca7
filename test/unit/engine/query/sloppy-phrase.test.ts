import { describe, expect, it } from 'vitest';
import { SearchIndex } from '../../../../src/engine/index/search-index.js';
import { sloppyFreq, sloppyPhrase } from '../../../../src/engine/query/sloppy-phrase.js';
import { hitIds } from './fixture.js';

function index(): SearchIndex {
  const ix = new SearchIndex('sloppy', { mappings: { properties: { body: { type: 'text' } } } });
  ix.index('near', { body: 'quick brown fox' });
  ix.index('far', { body: 'quick brown lazy old fox' });
  ix.index('reversed', { body: 'fox quick' });
  ix.index('repeat', { body: 'a b a' });
  ix.index('single', { body: 'a c' });
  ix.index('split', { body: ['quick', 'fox'] });
  return ix;
}

const ix = index();
const ids = (query: string, slop: unknown): string[] =>
  hitIds(ix, { size: 100, query: { match_phrase: { body: { query, slop } } } }).sort();

describe('match_phrase with slop (Lucene sloppy phrase semantics)', () => {
  it('allows as many intervening positions as the slop', () => {
    expect(ids('quick fox', 0)).toEqual([]);
    expect(ids('quick fox', 1)).toEqual(['near']);
    expect(ids('quick fox', 3)).toEqual(['far', 'near', 'reversed']);
  });

  it('counts a swap of two terms as distance 2', () => {
    expect(ids('quick fox', 2)).toEqual(['near', 'reversed']);
    expect(ids('fox quick', 0)).toEqual(['reversed']);
    // "quick brown fox" read as "fox quick": fox moves back 2, quick forward 1.
    expect(ids('fox quick', 2)).toEqual(['reversed']);
    expect(ids('fox quick', 3)).toEqual(['near', 'reversed']);
  });

  it('never uses one document position for two occurrences of a repeated query term', () => {
    expect(ids('a a', 0)).toEqual([]);
    expect(ids('a a', 1)).toEqual(['repeat']);
    expect(ids('a a', 5)).toEqual(['repeat']);
  });

  it('keeps array values 100 positions apart, like the position_increment_gap', () => {
    expect(ids('quick fox', 99)).toEqual(['far', 'near', 'reversed']);
    expect(ids('quick fox', 100)).toEqual(['far', 'near', 'reversed', 'split']);
  });

  it('accepts slop the way OpenSearch parses ints and refuses negative values', () => {
    expect(ids('quick fox', '1')).toEqual(['near']);
    expect(ids('quick fox', 1.9)).toEqual(['near']);
    expect(() => ids('quick fox', -1)).toThrow('No negative slop allowed.');
    expect(() => ids('quick fox', 'x')).toThrow('For input string');
  });

  it('applies slop to multi_match phrase and ignores it for best_fields', () => {
    const mm = (type: string): string[] =>
      hitIds(ix, { size: 100, query: { multi_match: { query: 'quick fox', fields: ['body'], type, slop: 1 } } }).sort();
    expect(mm('phrase')).toEqual(['near']);
    expect(mm('best_fields')).toEqual(['far', 'near', 'reversed', 'split']);
  });

  it('sums 1 / (1 + distance) over the matches it walks, as Lucene does', () => {
    // "x a b a y" for "a b"~2: "a b" at distance 0, then "b a" at distance 2.
    const phrase = sloppyPhrase(['a', 'b'], [0, 1], 2);
    expect(sloppyFreq(phrase, [Int32Array.of(1, 3), Int32Array.of(2)], false)).toBeCloseTo(1 + 1 / 3, 6);
    expect(sloppyFreq(phrase, [Int32Array.of(1, 3), Int32Array.of(2)], true)).toBe(1);
    expect(sloppyFreq(sloppyPhrase(['a', 'b'], [0, 1], 1), [Int32Array.of(5), Int32Array.of(2)], false)).toBe(0);
  });
});
