/**
 * Top-k collection (search.ts `candidates`) must page exactly like ordering every match: random documents
 * with missing, multi-valued and tied values, deletes, several indices; random sorts, search_after cursors
 * taken from real pages, and queries with constant and varying scores. Each request runs with the collector
 * on and off and the answers must be identical.
 */
import { describe, expect, it } from 'vitest';
import { SearchIndex } from '../../../../src/engine/index/search-index.js';
import { collector, search } from '../../../../src/engine/search/search.js';
import { prng } from '../../../../src/sample/prng.js';

function makeIndex(name: string, n: number, seed: number): SearchIndex {
  const r = prng(seed);
  const ix = new SearchIndex(name, {
    mappings: { properties: { n: { type: 'integer' }, d: { type: 'double' }, k: { type: 'keyword' }, t: { type: 'text' }, when: { type: 'date' }, b: { type: 'boolean' } } },
  });
  const words = ['alpha', 'beta', 'gamma', 'delta', 'eps'];
  for (let i = 0; i < n; i++) {
    const doc: Record<string, unknown> = {};
    if (r() < 0.9) doc.n = Math.floor(r() * 20); // many ties
    if (r() < 0.1) doc.n = [Math.floor(r() * 20), Math.floor(r() * 20)];
    if (r() < 0.8) doc.d = Math.round(r() * 1000) / 10;
    if (r() < 0.85) doc.k = r() < 0.1 ? ['kx', `k${Math.floor(r() * 7)}`] : `k${Math.floor(r() * 7)}`;
    doc.t = Array.from({ length: 1 + Math.floor(r() * 4) }, () => words[Math.floor(r() * words.length)]).join(' ');
    if (r() < 0.9) doc.when = 1_600_000_000_000 + Math.floor(r() * 50) * 1000;
    doc.b = r() < 0.5;
    ix.index(String(i), doc);
  }
  for (let i = 0; i < n; i += 7) ix.delete(String(i));
  for (let i = 3; i < n; i += 11) ix.index(String(i), { n: 5, k: 'k3', t: 'alpha beta', when: 1_600_000_000_000 });
  return ix;
}

function both(targets: SearchIndex[], body: Record<string, unknown>): unknown {
  collector.topK = false;
  let ref: unknown;
  let refErr: unknown;
  try { ref = search(targets, body); } catch (e) { refErr = e; }
  collector.topK = true;
  let got: unknown;
  let gotErr: unknown;
  try { got = search(targets, body); } catch (e) { gotErr = e; }
  expect(gotErr === undefined ? undefined : String(gotErr)).toEqual(refErr === undefined ? undefined : String(refErr));
  expect(got).toEqual(ref);
  return got;
}

const SORTS: unknown[] = [
  undefined,
  ['_score'],
  [{ n: 'asc' }], [{ n: 'desc' }], [{ n: { order: 'asc', missing: '_first' } }], [{ n: { order: 'desc', mode: 'avg' } }],
  [{ d: 'asc' }], [{ d: { order: 'desc', missing: 50 } }],
  [{ when: 'desc' }], [{ when: 'asc' }],
  [{ k: 'asc' }], [{ k: 'desc' }], [{ k: { order: 'asc', missing: 'k35' } }], [{ k: { order: 'desc', missing: '_first' } }],
  [{ n: 'asc' }, { d: 'desc' }], [{ k: 'asc' }, { n: 'desc' }, '_doc'], ['_doc'], [{ _doc: 'desc' }],
  [{ b: 'asc' }, { when: 'desc' }], ['_score', { n: 'asc' }], [{ _id: 'asc' }],
];
const QUERIES: unknown[] = [
  undefined,
  { match: { t: 'alpha gamma' } },
  { term: { k: 'k3' } },
  { bool: { filter: [{ range: { n: { gte: 5 } } }, { term: { b: true } }] } },
  { bool: { should: [{ match: { t: 'beta' } }, { term: { k: 'k1' } }], filter: { range: { d: { lt: 70 } } } } },
];

describe('top-k collection pages exactly like ordering every match', () => {
  const one = [makeIndex('a', 600, 1)];
  const two = [makeIndex('a', 400, 2), makeIndex('b', 300, 3)];
  for (const [label, targets] of [['one index', one], ['two indices', two]] as const) {
    it(`${label}: sorts x queries x pages, with search_after walks`, () => {
      for (const sort of SORTS) {
        for (const query of QUERIES) {
          for (const size of [1, 5, 10]) {
            const base: Record<string, unknown> = { size, ...(sort ? { sort } : {}), ...(query ? { query } : {}) };
            both(targets, { ...base, from: 3 });
            both(targets, { ...base, track_scores: true });
            // Walk three pages with search_after (needs sort values: only with an explicit sort).
            if (!sort) continue;
            let res = both(targets, base) as { hits: { hits: { sort?: unknown[] }[] } };
            for (let page = 0; page < 3; page++) {
              // Both collectors refused it alike (a documented refusal, e.g. an avg sort Lucene may fail on).
              if (res === undefined) break;
              const last = res.hits.hits.at(-1);
              if (!last?.sort) break;
              res = both(targets, { ...base, search_after: last.sort }) as typeof res;
            }
          }
        }
      }
    });
  }

  it('large sets: sorted-value walks and constant-score cuts', () => {
    const big = [makeIndex('big', 5000, 9)];
    for (let rep = 0; rep < 3; rep++) {
      for (const sort of [[{ when: 'desc' }], [{ when: 'asc' }], [{ d: 'asc' }], [{ n: { order: 'desc', missing: '_first' } }]]) {
        for (const query of [undefined, { term: { b: true } }, { range: { d: { gte: 10 } } }]) {
          for (const after of [undefined, 1_600_000_020_000, 30.5, 7]) {
            const body: Record<string, unknown> = { size: 10, sort, ...(query ? { query } : {}), ...(after !== undefined ? { search_after: [after] } : {}) };
            both(big, body);
          }
        }
      }
    }
  });
});
