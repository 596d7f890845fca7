/**
 * Classes of the third independent hunt (hunt2 FINDINGS) fixed on the lead branch. Every expected value was
 * read from a real OpenSearch 3.6.0 node with the same requests.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Engine } from '../../../../src/engine/engine.js';

let engine: Engine;
beforeEach(async () => {
  engine = await Engine.open({ dataDir: null });
});
afterEach(async () => {
  await engine.close();
});

async function call(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const [p, q] = path.split('?');
  const text = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
  const res = await engine.handle({ method, path: p!, query: new URLSearchParams(q ?? ''), ...(text !== undefined ? { body: text } : {}) });
  return { status: res.status, body: typeof res.body === 'string' ? JSON.parse(res.body) : res.body };
}
const nd = (lines: unknown[]) => lines.map((l) => JSON.stringify(l)).join('\n') + '\n';

async function load(): Promise<void> {
  await call('PUT', '/h', { mappings: { properties: { k: { type: 'keyword' }, f: { type: 'float' }, b: { type: 'boolean' } } } });
  await call('POST', '/h/_bulk?refresh=true', nd([
    { index: { _id: '1' } }, { k: 'a', f: 3.14, b: true }, { index: { _id: '2' } }, { k: 'b', b: false }, { index: { _id: '3' } }, { k: 'b' },
  ]));
}

describe('a metric aggregation with sub-aggregations (H2-24)', () => {
  it('is the 500 aggregation_initialization_exception OpenSearch raises while parsing, and fails an _msearch as a whole', async () => {
    await load();
    const aggs = { t: { stats: { field: 'f' }, aggs: { x: { max: { field: 'f' } } } } };
    const reason = 'Aggregator [t] of type [stats] cannot accept sub-aggregations';
    const one = await call('POST', '/h/_search', { size: 0, aggs });
    expect(one).toEqual({ status: 500, body: { error: { root_cause: [{ type: 'aggregation_initialization_exception', reason }], type: 'aggregation_initialization_exception', reason }, status: 500 } });
    const ms = await call('POST', '/h/_msearch', nd([{}, { size: 0 }, {}, { size: 0, aggs }]));
    expect(ms.status).toBe(500);
    expect(ms.body.error.type).toBe('aggregation_initialization_exception');
  });
});
