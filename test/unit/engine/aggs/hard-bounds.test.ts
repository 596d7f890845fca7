/**
 * `hard_bounds` on `histogram` and `date_histogram` (hunt2 H2-15: the engine refused the parameter). Every
 * expectation is what OpenSearch 3.6.0 answered for the same documents and request (checked on a real node).
 */
import type { Client } from '@opensearch-project/opensearch';
import { describe, expect, it } from 'vitest';
import { failure, withEmbedded } from '../rest/embedded-client.js';

const DOCS = [
  { n: -3, d: '2023-12-30' }, { n: 0 }, { n: 1.5, d: '2024-01-01' }, { n: 4, d: '2024-03-05' },
  { n: 5, d: '2024-12-31T23:00:00Z' }, { n: [6, 9.5] }, { n: 20, d: '2025-02-01' },
];

async function load(client: Client): Promise<void> {
  await client.indices.create({ index: 'hb', body: { mappings: { properties: { n: { type: 'double' }, d: { type: 'date' } } } } as never });
  await client.bulk({ index: 'hb', refresh: true, body: DOCS.flatMap((d) => [{ index: {} }, d]) as never });
}

/** The buckets of aggregation `a` as [key_as_string ?? key, doc_count] pairs. */
async function buckets(client: Client, agg: Record<string, unknown>): Promise<[string | number, number][]> {
  const res = await client.search({ index: 'hb', body: { size: 0, aggs: { a: agg } } as never });
  const a = (res.body.aggregations as any).a;
  return a.buckets.map((b: any) => [b.key_as_string ?? b.key, b.doc_count]);
}

const hist = (extra: Record<string, unknown>) => ({ histogram: { field: 'n', interval: 2, ...extra } });
const month = (extra: Record<string, unknown>) => ({ date_histogram: { field: 'd', calendar_interval: 'month', ...extra } });

describe('hard_bounds', () => {
  it('histogram: collects a value when its bucket key without the offset lies in [min, max], ends included', async () => {
    await withEmbedded(async (client) => {
      await load(client);
      expect(await buckets(client, hist({ hard_bounds: { min: 0, max: 5 } }))).toEqual([[0, 2], [2, 0], [4, 2]]);
      expect(await buckets(client, hist({ hard_bounds: { min: 0, max: 4 } }))).toEqual([[0, 2], [2, 0], [4, 2]]);
      expect(await buckets(client, hist({ hard_bounds: { min: 0.5, max: 3.9 } }))).toEqual([]);
      expect(await buckets(client, hist({ hard_bounds: { min: 1, max: 6 } }))).toEqual([[4, 2], [6, 1]]);
      expect(await buckets(client, hist({ offset: 1, hard_bounds: { min: 0, max: 4.5 } }))).toEqual([[1, 1], [3, 1], [5, 2]]);
      expect(await buckets(client, hist({ offset: 1, hard_bounds: { min: 1.5, max: 4.5 } }))).toEqual([[3, 1], [5, 2]]);
      expect(await buckets(client, hist({ offset: -1, hard_bounds: { min: 4, max: 10 } }))).toEqual([[3, 1], [5, 2], [7, 0], [9, 1]]);
      expect(await buckets(client, hist({ offset: 3, hard_bounds: { min: 4, max: 6 } }))).toEqual([[9, 1]]);
      expect(await buckets(client, hist({ hard_bounds: { max: 1 } }))).toEqual([[-4, 1], [-2, 0], [0, 2]]);
      expect(await buckets(client, hist({ hard_bounds: { min: null, max: 5 } }))).toEqual([[-4, 1], [-2, 0], [0, 2], [2, 0], [4, 2]]);
      expect(await buckets(client, hist({ hard_bounds: { min: '3', max: '5' } }))).toEqual([[4, 2]]);
      expect(await buckets(client, hist({ hard_bounds: { min: 0, max: 5 }, min_doc_count: 1 }))).toEqual([[0, 2], [4, 2]]);
      expect(await buckets(client, hist({ hard_bounds: { min: 0, max: 5 }, missing: 100 }))).toEqual([[0, 2], [2, 0], [4, 2]]);
      expect(await buckets(client, hist({ hard_bounds: { min: 100, max: 200 } }))).toEqual([]);
      expect(await buckets(client, hist({ hard_bounds: { min: 100, max: 200 }, extended_bounds: { min: 100, max: 110 } })))
        .toEqual([[100, 0], [102, 0], [104, 0], [106, 0], [108, 0], [110, 0]]);
      expect(await buckets(client, hist({ hard_bounds: { min: 0, max: 5 }, extended_bounds: { min: 1, max: 3 } }))).toEqual([[0, 2], [2, 0], [4, 2]]);
    });
  });

  it('histogram: refuses bounds OpenSearch refuses, extended bounds outside them included', async () => {
    await withEmbedded(async (client) => {
      await load(client);
      const search = (agg: Record<string, unknown>) => failure(client.search({ index: 'hb', body: { size: 0, aggs: { a: agg } } as never }));
      expect(await search(hist({ hard_bounds: { min: 7, max: 5 } }))).toMatchObject({ status: 400, body: { error: { type: 'x_content_parse_exception' } } });
      expect(await search(hist({ hard_bounds: { min: 'a' } }))).toMatchObject({ status: 400, body: { error: { type: 'x_content_parse_exception' } } });
      expect(await search(hist({ hard_bounds: { min: 0, max: 5, x: 1 } }))).toMatchObject({ status: 400, body: { error: { type: 'x_content_parse_exception' } } });
      expect(await search(hist({ hard_bounds: 5 }))).toMatchObject({ status: 400, body: { error: { type: 'x_content_parse_exception', reason: '[histogram] hard_bounds doesn\'t support values of type: VALUE_NUMBER' } } });
      const outside = await search(hist({ hard_bounds: { min: 0, max: 5 }, extended_bounds: { min: -10, max: 30 } }));
      expect(outside.status).toBe(400);
      expect(JSON.stringify(outside.body)).toContain('Extended bounds have to be inside hard bounds, hard bounds: [0.0--5.0], extended bounds: [-10.0--30.0]');
      expect(JSON.stringify((await search(hist({ hard_bounds: { min: 0 }, extended_bounds: { min: -1, max: 5 } }))).body)).toContain('hard bounds: [0.0--], extended bounds: [-1.0--5.0]');
    });
  });

  it('date_histogram: bounds rounded by the interval, keys (with the offset) in [min, max)', async () => {
    await withEmbedded(async (client) => {
      await load(client);
      const Z = (m: string) => `${m}T00:00:00.000Z`;
      expect(await buckets(client, month({ hard_bounds: { min: '2024-01-01', max: '2024-12-31' } }))).toEqual([[Z('2024-01-01'), 1], [Z('2024-02-01'), 0], [Z('2024-03-01'), 1]]);
      expect(await buckets(client, month({ hard_bounds: { min: '2024-01-02', max: '2024-03-01' } }))).toEqual([[Z('2024-01-01'), 1]]);
      expect(await buckets(client, month({ hard_bounds: { min: 1704067200000, max: '2024-03-01' } }))).toEqual([[Z('2024-01-01'), 1]]);
      expect(await buckets(client, month({ offset: '+1d', hard_bounds: { min: '2024-01-01', max: '2024-04-01' } }))).toEqual([[Z('2024-03-02'), 1]]);
      expect(await buckets(client, month({ offset: '-1d', hard_bounds: { min: '2024-03-01', max: '2025-04-01' } }))).toEqual([[Z('2024-12-31'), 1], [Z('2025-01-31'), 1]]);
      expect(await buckets(client, month({ offset: '-1d', hard_bounds: { min: '2024-02-01', max: '2024-03-01' } }))).toEqual([[Z('2024-02-29'), 1]]);
      expect(await buckets(client, month({ time_zone: '+05:00', hard_bounds: { min: '2024-01-01', max: '2024-04-01' } })))
        .toEqual([['2024-01-01T00:00:00.000+05:00', 1], ['2024-02-01T00:00:00.000+05:00', 0], ['2024-03-01T00:00:00.000+05:00', 1]]);
      expect(await buckets(client, month({ hard_bounds: { min: '2024-01-01', max: '2024-04-01' }, missing: '2024-02-10' }))).toEqual([[Z('2024-01-01'), 1], [Z('2024-02-01'), 2], [Z('2024-03-01'), 1]]);
      expect(await buckets(client, month({ hard_bounds: { min: '2024-01-01', max: '2024-04-01' }, extended_bounds: { min: '2024-01-15', max: '2024-03-20' } })))
        .toEqual([[Z('2024-01-01'), 1], [Z('2024-02-01'), 0], [Z('2024-03-01'), 1]]);
    });
  });

  it('date_histogram: fails as OpenSearch 3.6.0 does (one end missing is its NullPointerException, a 500)', async () => {
    await withEmbedded(async (client) => {
      await load(client);
      const search = (agg: Record<string, unknown>) => failure(client.search({ index: 'hb', body: { size: 0, aggs: { a: agg } } as never }));
      expect(JSON.stringify(await search(month({ hard_bounds: { min: '2024-02-01' } })))).toMatch(/"status":500.*null_pointer_exception.*LongBounds.getMax\(\)/);
      expect(JSON.stringify(await search(month({ hard_bounds: { max: '2024-02-01' } })))).toMatch(/"status":500.*null_pointer_exception.*LongBounds.getMin\(\)/);
      expect(JSON.stringify(await search(month({ hard_bounds: {} })))).toMatch(/"status":500.*null_pointer_exception.*LongBounds.getMin\(\)/);
      expect(JSON.stringify(await search(month({ hard_bounds: { min: '2024-03-01', max: '2024-01-01' } }))))
        .toMatch(/"status":400.*\[hard_bounds.min\]\[1709251200000\] cannot be greater than \[hard_bounds.max\]\[1704067200000\] for histogram aggregation \[a\]/);
      expect(JSON.stringify(await search(month({ hard_bounds: { min: '2024-01-01', max: '2024-03-01' }, extended_bounds: { min: '2023-01-01', max: '2024-02-01' } }))))
        .toMatch(/"status":400.*Extended bounds have to be inside hard bounds, hard bounds: \[2024-01-01--2024-03-01\], extended bounds: \[2023-01-01--2024-02-01\]/);
      expect(await search(month({ hard_bounds: { min: true, max: '2024-04-01' } }))).toMatchObject({ status: 400, body: { error: { type: 'x_content_parse_exception' } } });
      expect(await search(month({ hard_bounds: { min: 'x', max: '2024-04-01' } }))).toMatchObject({ status: 400 });
    });
  });
});
