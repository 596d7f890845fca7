import { describe, expect, it } from 'vitest';
import { SearchIndex } from '../../../../src/engine/index/search-index.js';
import { hitIds } from './fixture.js';

// Expectations checked against OpenSearch 3.6 with the same three docs.
const ix = new SearchIndex('sqs', { mappings: { properties: { body: { type: 'text' } } } });
ix.index('1', { body: 'quick brown fox' });
ix.index('2', { body: 'room 2 fox' });
ix.index('3', { body: 'fax machine' });

const sqs = (query: string, flags?: string): string[] =>
  hitIds(ix, { query: { simple_query_string: { query, fields: ['body'], ...(flags ? { flags } : {}) } } }).sort();

describe('simple_query_string ~ operators', () => {
  it('refuses the fuzzy operator, naming it and the term', () => {
    expect(() => sqs('fox~1')).toThrow(/fuzzy operator \(term~N\) in \[fox~1\] is not supported/);
    expect(() => sqs('quick fox~', 'FUZZY|WHITESPACE')).toThrow(/fuzzy operator .* \[fox~\]/);
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
