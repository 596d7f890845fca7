/**
 * Dev tool (not a test): random sloppy phrase queries over a tiny vocabulary (so repeats and reorderings
 * are frequent) against the real node and a SearchIndex; prints every query whose hit set or phrase
 * frequency order differs. Usage: OPENSEARCH_URL=http://127.0.0.1:9200 npx tsx test/unit/engine/query/dev/sloppy-compare.ts [queries]
 */
import { SearchIndex } from '../../../../../src/engine/index/search-index.js';
import { search } from '../../../../../src/engine/search/search.js';

const URL_ = process.env.OPENSEARCH_URL ?? 'http://127.0.0.1:9200';
const NAME = 'tune-sloppy';
const VOCAB = ['a', 'b', 'c', 'd', 'e'];

let seed = Number(process.env.SEED ?? 7);
const rnd = (): number => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 4294967296);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
const words = (n: number): string => Array.from({ length: n }, () => pick(VOCAB)).join(' ');

async function os(method: string, path: string, body?: unknown, ndjson = false): Promise<any> {
  const res = await fetch(URL_ + path, {
    method,
    headers: { 'content-type': ndjson ? 'application/x-ndjson' : 'application/json' },
    ...(body !== undefined ? { body: ndjson ? (body as string) : JSON.stringify(body) } : {}),
  });
  return res.json();
}

async function main(): Promise<void> {
  const nQueries = Number(process.argv[2] ?? 300);
  const docs = Array.from({ length: 400 }, (_, i) => ({
    id: `s${i}`,
    source: { body: i % 7 === 0 ? [words(2 + Math.floor(rnd() * 4)), words(2 + Math.floor(rnd() * 4))] : words(2 + Math.floor(rnd() * 12)) },
  }));
  const mappings = { properties: { body: { type: 'text' } } };
  await os('DELETE', `/${NAME}`);
  await os('PUT', `/${NAME}`, { settings: { number_of_shards: 1, number_of_replicas: 0 }, mappings });
  const lines = docs.flatMap((d) => [JSON.stringify({ index: { _index: NAME, _id: d.id } }), JSON.stringify(d.source)]).join('\n') + '\n';
  await os('POST', '/_bulk?refresh=true', lines, true);
  const ix = new SearchIndex(NAME, { mappings });
  for (const d of docs) ix.index(d.id, d.source);

  let bad = 0;
  for (let q = 0; q < nQueries; q++) {
    const slop = pick([1, 1, 2, 2, 3, 4, 6, 120]);
    const body = { size: 1000, query: { match_phrase: { body: { query: words(2 + Math.floor(rnd() * 3)), slop } } } };
    const real = await os('POST', `/${NAME}/_search`, body);
    const mine = search([ix], body) as any;
    const ids = (r: any): string => r.hits.hits.map((h: any) => h._id).sort().join(',');
    // Scores differ only through the sloppy frequency, so equal ids + equal score ranking means equal freq.
    const rank = (r: any): string => r.hits.hits.map((h: any) => `${h._id}:${h._score.toFixed(4)}`).sort().join(',');
    if (ids(real) !== ids(mine)) {
      bad++;
      console.log('HITS', JSON.stringify(body.query), '\n os:', ids(real), '\n me:', ids(mine));
    } else if (rank(real) !== rank(mine)) {
      bad++;
      console.log('SCORE', JSON.stringify(body.query), '\n os:', rank(real), '\n me:', rank(mine));
    }
  }
  console.log(`${nQueries - bad}/${nQueries} agree`);
  await os('DELETE', `/${NAME}`);
}

void main();
