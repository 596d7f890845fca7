/**
 * Dev tool (not a test): loads the same docs into the real OpenSearch node and a SearchIndex, runs many
 * requests against both and prints differences in totals, hit ids/order, sort values and errors.
 * Usage: OPENSEARCH_URL=http://127.0.0.1:9200 npx tsx test/unit/engine/query/dev/compare.ts [filter]
 */
import { SearchIndex } from '../../../../../src/engine/index/search-index.js';
import { search } from '../../../../../src/engine/search/search.js';
import { EngineError } from '../../../../../src/engine/errors.js';
import { MAPPINGS, makeDocs } from './dataset.js';
import { CASES } from './cases.js';

const URL_ = process.env.OPENSEARCH_URL ?? 'http://127.0.0.1:9200';
const NAME = 'eq-compare';

async function os(method: string, path: string, body?: unknown, ndjson = false): Promise<{ status: number; json: any }> {
  const res = await fetch(URL_ + path, {
    method,
    headers: { 'content-type': ndjson ? 'application/x-ndjson' : 'application/json' },
    ...(body !== undefined ? { body: ndjson ? (body as string) : JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null };
}

async function main(): Promise<void> {
  const filter = process.argv[2];
  const docs = makeDocs(400);
  await os('DELETE', `/${NAME}`);
  await os('PUT', `/${NAME}`, { settings: { number_of_replicas: 0 }, mappings: MAPPINGS });
  const lines = docs.flatMap((d) => [JSON.stringify({ index: { _index: NAME, _id: d.id } }), JSON.stringify(d.source)]).join('\n') + '\n';
  const bulk = await os('POST', '/_bulk?refresh=true', lines, true);
  if (bulk.json.errors) console.log('bulk errors', JSON.stringify(bulk.json.items.find((i: any) => i.index.error)));
  // A few updates and deletes so both sides have tombstones.
  for (const id of ['d5', 'd6']) await os('DELETE', `/${NAME}/_doc/${id}?refresh=true`);
  await os('PUT', `/${NAME}/_doc/d7?refresh=true`, { title: 'replaced quick fox', category: 'books', qty: 7 });

  const ix = new SearchIndex(NAME, { mappings: MAPPINGS });
  for (const d of docs) ix.index(d.id, d.source);
  ix.delete('d5');
  ix.delete('d6');
  ix.index('d7', { title: 'replaced quick fox', category: 'books', qty: 7 });

  const mapOs = (await os('GET', `/${NAME}/_mapping`)).json[NAME].mappings;
  const mapMe = ix.getMappings();
  if (JSON.stringify(sortKeys(mapOs)) !== JSON.stringify(sortKeys(mapMe))) {
    console.log('MAPPING DIFF\n os:', JSON.stringify(mapOs), '\n me:', JSON.stringify(mapMe));
  }

  let ok = 0;
  let bad = 0;
  for (const [name, body] of Object.entries(CASES)) {
    if (filter && !name.includes(filter)) continue;
    const real = await os('POST', `/${NAME}/_search`, body);
    let mine: { status: number; json: any };
    try {
      mine = { status: 200, json: search([ix], body) };
    } catch (e) {
      if (!(e instanceof EngineError)) throw e;
      mine = { status: e.status, json: e.toBody() };
    }
    const diff = compare(real, mine);
    if (diff) {
      bad++;
      console.log(`✗ ${name}: ${diff}`);
    } else ok++;
  }
  console.log(`${ok} same, ${bad} different`);
  await os('DELETE', `/${NAME}`);
}

function sortKeys(v: any): any {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys(v[k])]));
  return v;
}

function compare(real: { status: number; json: any }, mine: { status: number; json: any }): string | undefined {
  if (real.status !== mine.status) {
    return `status ${real.status} vs ${mine.status}: os=${JSON.stringify(real.json?.error?.root_cause ?? real.json?.hits?.total)} me=${JSON.stringify(mine.json?.error ?? mine.json?.hits?.total)}`;
  }
  if (real.status !== 200) {
    const a = real.json.error.root_cause?.[0]?.type;
    const b = mine.json.error.root_cause?.[0]?.type;
    return a === b && real.json.error.type === mine.json.error.type ? undefined : `error os=${JSON.stringify(real.json.error.root_cause)} ${real.json.error.type} me=${JSON.stringify(mine.json.error.root_cause)} ${mine.json.error.type}`;
  }
  const rh = real.json.hits;
  const mh = mine.json.hits;
  if (JSON.stringify(rh.total) !== JSON.stringify(mh.total)) return `total ${JSON.stringify(rh.total)} vs ${JSON.stringify(mh.total)}`;
  const ri = rh.hits.map((h: any) => h._id).join(',');
  const mi = mh.hits.map((h: any) => h._id).join(',');
  if (ri !== mi) {
    return `ids\n   os=${ri}\n   me=${mi}\n   os scores=${rh.hits.map((h: any) => h._score).join(',')}\n   me scores=${mh.hits.map((h: any) => h._score).join(',')}`;
  }
  const rs = JSON.stringify(rh.hits.map((h: any) => h.sort));
  const ms = JSON.stringify(mh.hits.map((h: any) => h.sort));
  if (rs !== ms) return `sort values\n   os=${rs}\n   me=${ms}`;
  const rsrc = JSON.stringify(sortKeys(rh.hits.map((h: any) => h._source)));
  const msrc = JSON.stringify(sortKeys(mh.hits.map((h: any) => h._source)));
  if (rsrc !== msrc) return `_source\n   os=${rsrc.slice(0, 300)}\n   me=${msrc.slice(0, 300)}`;
  if ((rh.max_score === null) !== (mh.max_score === null)) return `max_score ${rh.max_score} vs ${mh.max_score}`;
  if (rh.max_score !== null && Math.abs(rh.max_score - mh.max_score) > 1e-4 * Math.abs(rh.max_score)) return `max_score ${rh.max_score} vs ${mh.max_score}`;
  const rsc = rh.hits.map((h: any) => h._score);
  const msc = mh.hits.map((h: any) => h._score);
  for (let i = 0; i < rsc.length; i++) {
    if ((rsc[i] === null) !== (msc[i] === null) || (rsc[i] !== null && Math.abs(rsc[i] - msc[i]) > 1e-4 * Math.abs(rsc[i]))) return `score[${i}] ${rsc[i]} vs ${msc[i]}`;
  }
  return undefined;
}

main().catch((e) => { console.error(e); process.exit(1); });
