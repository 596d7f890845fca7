import { describe, expect, it } from 'vitest';
import { EngineError } from '../../../../src/engine/errors.js';
import { SearchIndex } from '../../../../src/engine/index/search-index.js';
import { search } from '../../../../src/engine/search/search.js';

const ids = (r: Record<string, unknown>): string[] => ((r.hits as { hits: { _id: string }[] }).hits).map((h) => h._id);

describe('document CRUD', () => {
  it('tracks version, seqNo and primaryTerm like OpenSearch', () => {
    const ix = new SearchIndex('d');
    expect(ix.index('1', { a: 1 })).toEqual({ result: 'created', version: 1, seqNo: 0, primaryTerm: 1 });
    expect(ix.index('1', { a: 2 })).toEqual({ result: 'updated', version: 2, seqNo: 1, primaryTerm: 1 });
    expect(ix.delete('1')).toEqual({ result: 'deleted', version: 3, seqNo: 2, primaryTerm: 1 });
    // A delete of a missing id bumps its tombstone's version too (OpenSearch 3.6: deleted 3, not_found 4, created 5).
    expect(ix.delete('1')).toMatchObject({ result: 'not_found', version: 4 });
    expect(ix.index('1', { a: 3 })).toMatchObject({ result: 'created', version: 5 });
    expect(ix.get('1')).toMatchObject({ id: '1', source: { a: 3 }, version: 5 });
    expect(ix.docCount).toBe(1);
  });

  it('refuses opType create on an existing id with 409', () => {
    const ix = new SearchIndex('d');
    ix.index('1', { a: 1 });
    try {
      ix.index('1', { a: 2 }, { opType: 'create' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(EngineError);
      expect((e as EngineError).status).toBe(409);
      expect((e as EngineError).type).toBe('version_conflict_engine_exception');
    }
    expect(ix.get('1')?.source).toEqual({ a: 1 });
  });

  it('replaced and deleted docs no longer match', () => {
    const ix = new SearchIndex('d');
    ix.index('1', { t: 'old words' });
    ix.index('2', { t: 'old words' });
    ix.index('1', { t: 'new words' });
    ix.delete('2');
    expect(ids(search([ix], { query: { match: { t: 'old' } } }))).toEqual([]);
    expect(ids(search([ix], { query: { match: { t: 'new' } } }))).toEqual(['1']);
    expect(ids(search([ix], { query: { bool: { must_not: { term: { _id: 'x' } } } } }))).toEqual(['1']);
  });

  it('entries() and restore() round-trip documents with their versions', () => {
    const a = new SearchIndex('d');
    a.index('1', { t: 'x', n: 1 });
    a.index('1', { t: 'y', n: 2 });
    a.index('2', { t: 'z', n: 3 });
    const b = new SearchIndex('d', { mappings: a.getMappings() });
    for (const d of a.entries()) b.restore(d);
    expect([...b.entries()]).toEqual([...a.entries()]);
    expect(b.index('3', { n: 4 }).seqNo).toBe(3);
    expect(ids(search([b], { query: { range: { n: { gte: 2 } } }, sort: ['n'] }))).toEqual(['1', '2', '3']);
  });

  it('compacts tombstones without changing results', () => {
    const ix = new SearchIndex('d', { mappings: { properties: { n: { type: 'long' }, k: { type: 'keyword' } } } });
    for (let round = 0; round < 12; round++) {
      for (let i = 0; i < 200; i++) ix.index(`id${i}`, { n: i + round, k: i % 2 ? 'odd' : 'even' });
    }
    expect(ix.maxDoc).toBeLessThan(12 * 200);
    expect(ix.docCount).toBe(200);
    const r = search([ix], { query: { bool: { filter: [{ term: { k: 'odd' } }, { range: { n: { lt: 20 } } }] } }, sort: [{ n: 'asc' }], size: 100 });
    expect(ids(r)).toEqual(['id1', 'id3', 'id5', 'id7']);
  });
});
