/** A small hand-written index for unit tests: expectations below are derived by reading these docs. */
import { SearchIndex } from '../../../../src/engine/index/search-index.js';
import { search } from '../../../../src/engine/search/search.js';

export function smallIndex(name = 'books'): SearchIndex {
  const ix = new SearchIndex(name, {
    mappings: {
      properties: {
        title: { type: 'text', fields: { keyword: { type: 'keyword', ignore_above: 256 } } },
        genre: { type: 'keyword' },
        pages: { type: 'integer' },
        price: { type: 'float' },
        published: { type: 'date' },
        available: { type: 'boolean' },
      },
    },
  });
  ix.index('1', { title: 'The Quick Brown Fox', genre: 'fiction', pages: 120, price: 9.99, published: '2020-01-15', available: true, tags: ['animal', 'classic'] });
  ix.index('2', { title: 'Brown bears and quick rivers', genre: 'nature', pages: 300, price: 25.5, published: '2021-06-01T12:00:00Z', available: false });
  ix.index('3', { title: 'Fox hunting history', genre: 'history', pages: 80, published: '2019-12-31', available: true, tags: ['animal'] });
  ix.index('4', { title: 'Quick recipes', genre: 'Cooking', pages: 45, price: 5, available: true });
  ix.index('5', { title: 'A lazy afternoon', genre: 'fiction', price: 12, published: '2022-03-03', tags: ['classic'] });
  return ix;
}

export function hitIds(ix: SearchIndex | SearchIndex[], body: unknown): string[] {
  const r = search(Array.isArray(ix) ? ix : [ix], body);
  return (r.hits as { hits: { _id: string }[] }).hits.map((h) => h._id);
}

export function total(ix: SearchIndex, body: unknown): unknown {
  return (search([ix], body).hits as { total?: unknown }).total;
}
