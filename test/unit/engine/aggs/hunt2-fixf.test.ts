/**
 * Aggregation classes of the third independent hunt (hunt2 FINDINGS H2-7, H2-30, H2-31, H2-S2) fixed on the
 * fixf branch. Every expected value was read from a real OpenSearch 3.6.0 node with the same requests.
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
  await call('PUT', '/h', { mappings: { properties: {
    d: { type: 'date' }, n: { type: 'integer' }, k: { type: 'keyword' }, b: { type: 'boolean' },
    e: { type: 'date', format: 'epoch_second' }, y: { type: 'date', format: 'yyyy-MM-dd HH:mm' },
  } } });
  await call('POST', '/h/_bulk?refresh=true', nd([
    { index: { _id: '1' } }, { d: '2023-12-31T23:00:00Z', n: 1, k: 'a', b: true, e: 1704060000, y: '2024-01-01 00:30' },
    { index: { _id: '2' } }, { d: '2024-01-01T01:00:00Z', n: 2, k: 'b', b: false },
    { index: { _id: '3' } }, { d: '2024-02-15T12:00:00Z', k: 'c' },
    { index: { _id: '4' } }, { n: 5 },
  ]));
}
const agg = async (a: unknown): Promise<{ status: number; body: any }> => {
  const r = await call('POST', '/h/_search', { size: 0, aggs: { r: a } });
  return r.status === 200 ? { status: 200, body: r.body.aggregations.r } : r;
};

describe('range aggregation on a boolean field (H2-31)', () => {
  it('writes from_as_string / to_as_string as JSON booleans', async () => {
    await load();
    expect(await agg({ range: { field: 'b', ranges: [{ from: -0.5, to: 1.5 }] } })).toEqual({ status: 200, body: { buckets: [
      { key: 'true-true', from: -0.5, from_as_string: true, to: 1.5, to_as_string: true, doc_count: 2 },
    ] } });
    expect(await agg({ range: { field: 'b', keyed: true, ranges: [{ from: 0, to: 0.5 }, { from: 0.5 }] } })).toEqual({ status: 200, body: { buckets: {
      'false-true': { from: 0, from_as_string: false, to: 0.5, to_as_string: true, doc_count: 1 },
      'true-*': { from: 0.5, from_as_string: true, doc_count: 1 },
    } } });
  });
});
