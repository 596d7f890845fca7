/**
 * Sends every request of dev/cases.ts to the real OpenSearch node and to the embedded engine and requires
 * identical totals, hit order, sort values, _source and (within float tolerance) scores.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EngineError } from '../../../../src/engine/errors.js';
import { SearchIndex } from '../../../../src/engine/index/search-index.js';
import { search } from '../../../../src/engine/search/search.js';
import { CASES } from './dev/cases.js';
import { MAPPINGS, makeDocs } from './dev/dataset.js';

const URL_ = process.env.OPENSEARCH_URL;
const NAME = 'eq-parity';
if (!URL_) console.log('opensearch-parity: skipped (OPENSEARCH_URL not set)');

async function os(method: string, path: string, body?: unknown, ndjson = false): Promise<{ status: number; json: any }> {
  const res = await fetch(URL_ + path, {
    method,
    headers: { 'content-type': ndjson ? 'application/x-ndjson' : 'application/json' },
    ...(body !== undefined ? { body: ndjson ? (body as string) : JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null };
}

function sortKeys(v: any): any {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys(v[k])]));
  return v;
}

describe.skipIf(!URL_)('parity with a real OpenSearch node', () => {
  const ix = new SearchIndex(NAME, { mappings: MAPPINGS });
  beforeAll(async () => {
    const docs = makeDocs(400);
    await os('DELETE', `/${NAME}`);
    await os('PUT', `/${NAME}`, { settings: { number_of_replicas: 0 }, mappings: MAPPINGS });
    const lines = docs.flatMap((d) => [JSON.stringify({ index: { _index: NAME, _id: d.id } }), JSON.stringify(d.source)]).join('\n') + '\n';
    await os('POST', '/_bulk?refresh=true', lines, true);
    for (const id of ['d5', 'd6']) await os('DELETE', `/${NAME}/_doc/${id}?refresh=true`);
    await os('PUT', `/${NAME}/_doc/d7?refresh=true`, { title: 'replaced quick fox', category: 'books', qty: 7 });
    for (const d of docs) ix.index(d.id, d.source);
    ix.delete('d5');
    ix.delete('d6');
    ix.index('d7', { title: 'replaced quick fox', category: 'books', qty: 7 });
  });
  afterAll(async () => {
    await os('DELETE', `/${NAME}`);
  });

  it('renders the same mapping', async () => {
    const real = (await os('GET', `/${NAME}/_mapping`)).json[NAME].mappings;
    expect(sortKeys(ix.getMappings())).toEqual(sortKeys(real));
  });

  for (const [name, body] of Object.entries(CASES)) {
    it(name, async () => {
      const real = await os('POST', `/${NAME}/_search`, body);
      let mine: { status: number; json: any };
      try {
        mine = { status: 200, json: search([ix], body) };
      } catch (e) {
        if (!(e instanceof EngineError)) throw e;
        mine = { status: e.status, json: e.toBody() };
      }
      expect(mine.status).toBe(real.status);
      if (real.status !== 200) {
        expect(mine.json.error.type).toBe(real.json.error.type);
        expect(mine.json.error.root_cause[0].type).toBe(real.json.error.root_cause[0].type);
        return;
      }
      const r = real.json.hits;
      const m = mine.json.hits;
      expect(m.total).toEqual(r.total);
      expect(m.hits.map((h: any) => h._id)).toEqual(r.hits.map((h: any) => h._id));
      // Sort values beyond 2^53 are raw JSON in the engine's answer (exact digits): compared as the client reads them.
      expect(m.hits.map((h: any) => (h.sort === undefined ? undefined : JSON.parse(JSON.stringify(h.sort))))).toEqual(r.hits.map((h: any) => h.sort));
      expect(sortKeys(m.hits.map((h: any) => h._source))).toEqual(sortKeys(r.hits.map((h: any) => h._source)));
      expect(m.max_score === null).toBe(r.max_score === null);
      r.hits.forEach((h: any, i: number) => {
        if (h._score === null) expect(m.hits[i]._score).toBeNull();
        else expect(m.hits[i]._score).toBeCloseTo(h._score, 4);
      });
    });
  }
});
