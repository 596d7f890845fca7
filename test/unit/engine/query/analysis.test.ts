import { describe, expect, it } from 'vitest';
import { analyzeStandard, analyzeTerms } from '../../../../src/engine/analysis/standard.js';

describe('standard analyzer', () => {
  it('splits on Unicode word boundaries, drops punctuation and lower-cases', () => {
    expect(analyzeTerms('The Quick-Brown fox, jumps!')).toEqual(['the', 'quick', 'brown', 'fox', 'jumps']);
  });

  it('keeps positions dense over word tokens', () => {
    expect(analyzeStandard('a, b. c').map((t) => t.position)).toEqual([0, 1, 2]);
  });

  it('keeps apostrophes, decimals and underscores inside words like UAX#29', () => {
    expect(analyzeTerms("don't pay 1.5 foo_bar")).toEqual(["don't", 'pay', '1.5', 'foo_bar']);
  });

  it('lower-cases non-ASCII letters', () => {
    expect(analyzeTerms('ÜBER Café NAÏVE')).toEqual(['über', 'café', 'naïve']);
  });

  it('emits each Han ideograph as its own token', () => {
    expect(analyzeTerms('中文abc')).toEqual(['中', '文', 'abc']);
  });

  it('returns nothing for text without words', () => {
    expect(analyzeTerms('!!! ... ---')).toEqual([]);
  });
});

describe('ASCII fast path', () => {
  it('segments exactly like the Lucene scanner on arbitrary Latin text', async () => {
    const fc = await import('fast-check');
    const { asciiTokens, scannerTokens } = await import('../../../../src/engine/analysis/standard.js');
    const alphabet = fc.constantFrom(...'aZ09_:.\',; -!\t"xéÜſɏ'.split(''));
    fc.assert(fc.property(fc.array(alphabet, { maxLength: 30 }).map((a) => a.join('')), (s) => {
      expect(asciiTokens(s)).toEqual(scannerTokens(s));
      expect(analyzeStandard(s + " 中 " + s).length).toBe(2 * asciiTokens(s).length + 1);
    }), { numRuns: 3000 });
  });
});

describe('Lucene differences from ICU word break', () => {
  it('drops underscore-only runs and keeps emoji, like the standard tokenizer', () => {
    expect(analyzeTerms('__ a_ _ _1')).toEqual(['a_', '_1']);
    expect(analyzeTerms('emoji 😀 ok')).toEqual(['emoji', '😀', 'ok']);
    expect(analyzeTerms('U.S.A. e.g. foo:bar 1,000.5 x.1')).toEqual(['u.s.a', 'e.g', 'foo:bar', '1,000.5', 'x', '1']);
  });
});
