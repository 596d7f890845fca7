/** Dev tool: rough timings of the search core. Usage: npx tsx test/unit/engine/query/dev/perf.ts [docs] [filter] */
import { SearchIndex } from '../../../../../src/engine/index/search-index.js';
import { search } from '../../../../../src/engine/search/search.js';
import { MAPPINGS, makeDocs } from './dataset.js';
import { PERF_CASES } from './perf-cases.js';

const n = Number(process.argv[2] ?? 100_000);
const filter = process.argv[3];
const ix = new SearchIndex('perf', { mappings: MAPPINGS });
let t = performance.now();
// Generate in chunks so the source objects of 1M docs are the only copy kept (the index stores them).
for (let start = 0; start < n; start += 50_000) {
  for (const d of makeDocs(Math.min(50_000, n - start), 42 + start).map((d, i) => ({ ...d, id: `d${start + i}` }))) ix.index(d.id, d.source);
}
const gc = (globalThis as { gc?: () => void }).gc;
gc?.();
console.log(`index ${n}: ${(performance.now() - t).toFixed(0)} ms, heap ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MiB${gc ? '' : ' (run with --expose-gc for a settled number)'}`);

for (const [name, body] of Object.entries(PERF_CASES)) {
  if (filter && !name.includes(filter)) continue;
  // Warm up (JIT, lazily built structures), then report the median of single runs.
  for (let i = 0; i < 10; i++) search([ix], body);
  const times: number[] = [];
  for (let i = 0; i < 30; i++) {
    t = performance.now();
    search([ix], body);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  console.log(`${name.padEnd(15)} median ${times[15]!.toFixed(2)} ms   max ${times[29]!.toFixed(2)} ms`);
}
// First query after a write pays for rebuilding lazily built per-field structures.
ix.index('d0', { category: 'books', price: 12, qty: 3 });
for (const name of ['range', 'terms_agg']) {
  t = performance.now();
  search([ix], PERF_CASES[name]);
  console.log(`${(name + ' (1st after write)').padEnd(32)} ${(performance.now() - t).toFixed(2)} ms`);
}
