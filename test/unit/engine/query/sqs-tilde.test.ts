import { describe, expect, it } from 'vitest';
import { SearchIndex } from '../../../../src/engine/index/search-index.js';
import { search } from '../../../../src/engine/search/search.js';
import { hitIds } from './fixture.js';

// Expectations checked against OpenSearch 3.6 with the same three docs.
const ix = new SearchIndex('sqs', { mappings: { properties: { body: { type: 'text' } } } });
ix.index('1', { body: 'quick brown fox' });
ix.index('2', { body: 'room 2 fox' });
ix.index('3', { body: 'fax machine' });

const sqs = (query: string, flags?: string): string[] =>
  hitIds(ix, { query: { simple_query_string: { query, fields: ['body'], ...(flags ? { flags } : {}) } } }).sort();

describe('simple_query_string ~ operators (fuzzy answered, phrase slop refused)', () => {
  it('answers the fuzzy operator: terms within N edits (default 2, at most 2), lower-cased on text fields', () => {
    expect(sqs('fox~1')).toEqual(['1', '2', '3']); // fox, fax
    expect(sqs('fox~0')).toEqual(['1', '2']);
    expect(sqs('FOX~1')).toEqual(['1', '2', '3']);
    expect(sqs('quick fox~', 'FUZZY|WHITESPACE')).toEqual(['1', '2', '3']);
    expect(sqs('mahcine~1')).toEqual(['3']); // a transposition is one edit
    expect(sqs('fox~abc')).toEqual(['1', '2']); // unparsable distance = 0, as Lucene
    expect(sqs('~fox')).toEqual(['1', '2']); // a leading ~ is part of the term
  });

  it('scores fuzzy terms as OpenSearch 3.6 does (blended document frequency, similarity boost)', () => {
    // Checked on a real node: index t = fox | fix fox box | x | ab | foxes | of, query fox~ on t.
    const t = new SearchIndex('fz', { mappings: { properties: { t: { type: 'text' } } } });
    ['fox', 'fix fox box', 'x', 'ab', 'foxes', 'of'].forEach((v, i) => t.index(String(i), { t: v }));
    const r = search([t], { query: { simple_query_string: { query: 'fox~', fields: ['t'] } } });
    const hits = (r.hits as { hits: { _id: string; _score: number }[] }).hits.map((h) => [h._id, h._score]);
    expect(hits).toEqual([['1', 0.7225399], ['0', 0.5213263], ['4', 0.17377542], ['2', 0], ['5', 0]]);
  });

  it('refuses fuzzy on non-text fields unless lenient', () => {
    const n = new SearchIndex('fzn', { mappings: { properties: { i: { type: 'integer' } } } });
    n.index('1', { i: 5 });
    let reason = '';
    try {
      search([n], { query: { simple_query_string: { query: 'fox~1', fields: ['i'] } } });
    } catch (e) {
      reason = JSON.stringify((e as { toBody(): unknown }).toBody());
    }
    expect(reason).toMatch(/Can only use fuzzy queries on keyword and text fields - not on \[i\] which is of type \[integer\]/);
    expect(search([n], { query: { simple_query_string: { query: 'fox~1', fields: ['i'], lenient: true } } })).toBeTruthy();
  });

  it('refuses the phrase slop operator, naming it and the phrase', () => {
    expect(() => sqs('"quick fox"~2')).toThrow(/phrase slop operator \("phrase"~N\) in \["quick fox"~2\] is not supported/);
    expect(() => sqs('"quick fox"~2', 'PHRASE|SLOP')).toThrow(/phrase slop operator/);
  });

  it('reads ~ as an ordinary character when the operator is off or escaped, like OpenSearch', () => {
    expect(sqs('fox~2', 'AND|OR|PHRASE')).toEqual(['1', '2']);
    expect(sqs('"quick fox"~2', 'PHRASE|WHITESPACE')).toEqual(['2']);
    expect(sqs('fox\\~2')).toEqual(['1', '2']);
    expect(sqs('fox~1', 'NONE')).toEqual(['1', '2']);
  });
});
