import { SearchIndex } from '../../../../../src/engine/index/search-index.js';
import { makeAggContext } from '../../../../../src/engine/search/agg-context.js';
import { compileAggregations } from '../../../../../src/engine/aggs/aggregate.js';
import { MAPPINGS, makeDocs } from './dataset.js';
const ix = new SearchIndex('perf', { mappings: MAPPINGS });
for (const d of makeDocs(100000)) ix.index(d.id, d.source);
const docs = new Int32Array(100000).map((_, i) => i);
const ctx = makeAggContext([ix], Date.now());
const time = (name: string, f: () => unknown): void => {
  for (let i = 0; i < 20; i++) f();
  let best = Infinity;
  for (let r = 0; r < 7; r++) {
    const t = performance.now();
    for (let i = 0; i < 10; i++) f();
    best = Math.min(best, (performance.now() - t) / 10);
  }
  console.log(name, best.toFixed(3), 'ms (best of 7x10)');
};
const col = ctx.column!('tags') as any;
time('ord loop', () => { let s = 0; for (let i = 0; i < docs.length; i++) s += col.ord(docs[i]); return s; });

for (const a of [{ min: { field: 'qty' } }, { max: { field: 'price' } }, { sum: { field: 'rating' } }, { cardinality: { field: 'tags' } }, { terms: { field: 'tags' } }, { histogram: { field: 'price', interval: 10 } }, { date_histogram: { field: 'created', calendar_interval: 'month' } }]) {
  const c = compileAggregations({ a }, ctx);
  time(JSON.stringify(a), () => c.run(docs));
}

const keys = Float64Array.from({ length: 100000 }, (_, i) => 1.6e12 + (i % 33) * 2.6e9);
const small = Int32Array.from({ length: 100000 }, (_, i) => i % 33);
time('map big keys', () => { const m = new Map<number, number>(); for (let i = 0; i < keys.length; i++) m.set(keys[i]!, (m.get(keys[i]!) ?? 0) + 1); return m; });
time('map smi keys', () => { const m = new Map<number, number>(); for (let i = 0; i < small.length; i++) m.set(small[i]!, (m.get(small[i]!) ?? 0) + 1); return m; });
