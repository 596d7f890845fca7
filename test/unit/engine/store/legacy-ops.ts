/**
 * The operations behind the format-2 fixture (test/fixtures/engine-format2, written by the engine at
 * f26b9f3, before checkpoints became incremental): `closed` ran through `Engine.handle` before a clean close
 * (so they are in snapshot-000000000001.snap), `logged` after a reopen (so they are in wal-000000000001.log
 * on top of it); the files were then copied without LOCK. The test replays the same operations into a
 * memory-only engine and expects identical answers.
 */
export interface Op { method: string; path: string; body?: unknown }

const bulk = (index: string, from: number, n: number, tag: string): string => {
  const lines: string[] = [];
  for (let i = from; i < from + n; i++) {
    lines.push(JSON.stringify({ index: { _index: index, _id: String(i) } }));
    lines.push(JSON.stringify({ t: `${tag} word${i % 7} common`, n: i % 13, k: `k${i % 5}`, when: 1_600_000_000_000 + i * 60_000 }));
  }
  return `${lines.join('\n')}\n`;
};

const MAPPING = { mappings: { properties: { t: { type: 'text' }, n: { type: 'integer' }, k: { type: 'keyword' }, when: { type: 'date' } } } };

export const LEGACY_OPS: { closed: Op[]; logged: Op[] } = {
  closed: [
    { method: 'PUT', path: '/la', body: { ...MAPPING, aliases: { both: {} } } },
    { method: 'PUT', path: '/lb', body: MAPPING },
    { method: 'POST', path: '/_bulk', body: bulk('la', 0, 300, 'alpha') },
    { method: 'POST', path: '/_bulk', body: bulk('lb', 0, 120, 'beta') },
    { method: 'PUT', path: '/la/_doc/5', body: { t: 'replaced alpha', n: 99, k: 'kz', dyn: true } },
    { method: 'DELETE', path: '/lb/_doc/7' },
    { method: 'POST', path: '/_aliases', body: { actions: [{ add: { index: 'lb', alias: 'both' } }] } },
  ],
  logged: [
    { method: 'POST', path: '/_bulk', body: bulk('la', 300, 50, 'gamma') },
    { method: 'DELETE', path: '/la/_doc/11' },
    { method: 'PUT', path: '/lb/_mapping', body: { properties: { extra: { type: 'keyword' } } } },
    { method: 'PUT', path: '/lb/_doc/x', body: { t: 'late beta', extra: 'e1' } },
  ],
};

export const LEGACY_QUERIES: [string, unknown][] = [
  ['/both/_search', { size: 20, query: { match: { t: 'alpha common' } }, sort: ['_score', { n: 'asc' }, { when: 'desc' }] }],
  ['/la/_search', { size: 10, query: { bool: { filter: [{ term: { k: 'k1' } }, { range: { n: { gte: 3 } } }] } }, sort: [{ when: 'desc' }], version: true, seq_no_primary_term: true }],
  ['/lb/_search', { size: 0, aggs: { k: { terms: { field: 'k' } }, n: { stats: { field: 'n' } } } }],
  ['/both/_search', { size: 5, query: { match_phrase: { t: 'late beta' } } }],
  ['/both/_search', { size: 5, query: { term: { extra: 'e1' } } }],
];
