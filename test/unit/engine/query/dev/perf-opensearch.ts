/**
 * Dev tool: the perf cases against the real node, for comparison with perf.ts. Reports the median of the
 * node's own `took` and of the client round trip. Creates and deletes the `bench-perf` index.
 * Usage: OPENSEARCH_URL=http://127.0.0.1:9200 npx tsx test/unit/engine/query/dev/perf-opensearch.ts [docs]
 */
import { MAPPINGS, makeDocs } from './dataset.js';
import { PERF_CASES } from './perf-cases.js';

const URL_ = process.env.OPENSEARCH_URL ?? 'http://127.0.0.1:9200';
const NAME = 'bench-perf';

async function os(method: string, path: string, body?: unknown, ndjson = false): Promise<any> {
  const res = await fetch(URL_ + path, {
    method,
    headers: { 'content-type': ndjson ? 'application/x-ndjson' : 'application/json' },
    ...(body !== undefined ? { body: ndjson ? (body as string) : JSON.stringify(body) } : {}),
  });
  return res.json();
}

const median = (xs: number[]): number => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  const n = Number(process.argv[2] ?? 100_000);
  await os('DELETE', `/${NAME}`);
  await os('PUT', `/${NAME}`, { settings: { number_of_shards: 1, number_of_replicas: 0, refresh_interval: -1 }, mappings: MAPPINGS });
  for (let start = 0; start < n; start += 50_000) {
    const docs = makeDocs(Math.min(50_000, n - start), 42 + start);
    for (let i = 0; i < docs.length; i += 5000) {
      const lines = docs.slice(i, i + 5000).flatMap((d, j) => [JSON.stringify({ index: { _index: NAME, _id: `d${start + i + j}` } }), JSON.stringify(d.source)]).join('\n') + '\n';
      const r = await os('POST', '/_bulk', lines, true);
      if (r.errors) throw new Error('bulk errors');
    }
  }
  await os('POST', `/${NAME}/_refresh`);
  await os('POST', `/${NAME}/_forcemerge?max_num_segments=1`);
  for (const [name, body] of Object.entries(PERF_CASES)) {
    // request_cache=false: the shard request cache would otherwise answer size:0 requests from memory.
    const path = `/${NAME}/_search?request_cache=false`;
    for (let i = 0; i < 5; i++) await os('POST', path, body);
    const took: number[] = [];
    const wall: number[] = [];
    for (let i = 0; i < 20; i++) {
      const t = performance.now();
      const r = await os('POST', path, body);
      wall.push(performance.now() - t);
      took.push(r.took);
    }
    console.log(`${name.padEnd(15)} took ${median(took).toFixed(0).padStart(3)} ms   round trip ${median(wall).toFixed(2)} ms`);
  }
  await os('DELETE', `/${NAME}`);
}

void main();
