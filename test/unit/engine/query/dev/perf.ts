/** Dev tool: rough timings of the search core. Usage: npx tsx test/unit/engine/query/dev/perf.ts [docs] */
import { SearchIndex } from '../../../../../src/engine/index/search-index.js';
import { search } from '../../../../../src/engine/search/search.js';
import { MAPPINGS, makeDocs } from './dataset.js';

const n = Number(process.argv[2] ?? 100_000);
const docs = makeDocs(n);
const ix = new SearchIndex('perf', { mappings: MAPPINGS });
let t = performance.now();
for (const d of docs) ix.index(d.id, d.source);
console.log(`index ${n}: ${(performance.now() - t).toFixed(0)} ms, heap ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MiB`);

const cases: Record<string, unknown> = {
  term: { query: { term: { category: 'books' } } },
  range: { query: { range: { price: { gte: 10, lt: 20 } } } },
  bool_filter: { query: { bool: { filter: [{ term: { category: 'books' } }, { range: { qty: { gte: 10 } } }, { term: { in_stock: true } }] } } },
  full_text: { query: { match: { body: 'quick fox' } } },
  phrase: { query: { match_phrase: { body: 'quick fox' } } },
  terms_agg: { size: 0, aggs: { c: { terms: { field: 'category' } } } },
  filtered_agg: { size: 0, query: { range: { qty: { gte: 25 } } }, aggs: { c: { terms: { field: 'tags' } }, p: { avg: { field: 'price' } } } },
  sort_price: { query: { term: { in_stock: true } }, sort: [{ price: 'desc' }] },
  sqs: { query: { simple_query_string: { query: 'quick +fox -dog' } } },
};
for (const [name, body] of Object.entries(cases)) {
  search([ix], body);
  const reps = 20;
  t = performance.now();
  for (let i = 0; i < reps; i++) search([ix], body);
  console.log(`${name.padEnd(14)} ${((performance.now() - t) / reps).toFixed(2)} ms`);
}
