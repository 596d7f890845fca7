import { SearchIndex } from '../../../../../src/engine/index/search-index.js';
import { runAggregations } from '../../../../../src/engine/aggs/aggregate.js';
import { makeAggContext } from '../../../../../src/engine/search/agg-context.js';
import { MAPPINGS, makeDocs } from './dataset.js';
const ix = new SearchIndex('perf', { mappings: MAPPINGS });
for (const d of makeDocs(100000)) ix.index(d.id, d.source);
const docs = Array.from({ length: 100000 }, (_, i) => i);
const aggsList: Record<string, unknown> = {
  min: { a: { min: { field: 'qty' } } }, max: { b: { max: { field: 'price' } } }, sum: { c: { sum: { field: 'rating' } } },
  card: { d: { cardinality: { field: 'tags' } } }, terms: { c: { terms: { field: 'category' } } }, hist: { h: { histogram: { field: 'price', interval: 10 } } },
  dh: { h: { date_histogram: { field: 'created', calendar_interval: 'month' } } },
};
for (const [name, aggs] of Object.entries(aggsList)) {
  const ctx = makeAggContext([ix], Date.now());
  for (let i = 0; i < 20; i++) runAggregations(aggs, docs, ctx);
  const t = performance.now();
  for (let i = 0; i < 50; i++) runAggregations(aggs, docs, ctx);
  console.log(name, ((performance.now() - t) / 50).toFixed(2), 'ms');
}
