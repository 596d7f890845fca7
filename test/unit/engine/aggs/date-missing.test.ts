/**
 * `missing` on a date field is read through the field's date parser whatever its JSON type (hunt2 H2-28): a
 * number is its text, so `2024` is the year 2024 under `yyyy||epoch_millis` and `7` is refused under
 * `yyyy-MM-dd HH:mm:ss.SSS`. Expectations: OpenSearch 3.6.0's answers to the same requests.
 */
import { describe, expect, it } from 'vitest';
import { failure, withEmbedded } from '../rest/embedded-client.js';

describe('missing on a date field', () => {
  it('is parsed with the field format in every aggregation', async () => {
    await withEmbedded(async (client) => {
      await client.indices.create({ index: 'dm', body: { mappings: { properties: {
        d: { type: 'date', format: 'yyyy-MM-dd HH:mm:ss.SSS' }, e: { type: 'date', format: 'yyyy||epoch_millis' }, k: { type: 'keyword' },
      } } } as never });
      await client.index({ index: 'dm', refresh: true, body: { k: 'x' } as never });
      const agg = async (a: Record<string, unknown>) => ((await client.search({ index: 'dm', body: { size: 0, aggs: { a } } as never })).body.aggregations as any).a;
      expect(await agg({ date_histogram: { field: 'e', calendar_interval: 'year', missing: 2024 } })).toEqual({ buckets: [{ key_as_string: '2024', key: 1704067200000, doc_count: 1 }] });
      expect(await agg({ histogram: { field: 'e', interval: 1000, missing: 2024 } })).toEqual({ buckets: [{ key_as_string: '2024', key: 1704067200000, doc_count: 1 }] });
      expect(await agg({ min: { field: 'e', missing: 2024 } })).toEqual({ value: 1704067200000, value_as_string: '2024' });
      expect(await agg({ date_histogram: { field: 'e', calendar_interval: 'year', missing: '2024' } })).toEqual({ buckets: [{ key_as_string: '2024', key: 1704067200000, doc_count: 1 }] });
      for (const a of [{ histogram: { field: 'd', interval: 86400000, missing: 7, min_doc_count: 1 } }, { date_histogram: { field: 'd', calendar_interval: 'year', missing: 7 } }, { min: { field: 'd', missing: 7 } }]) {
        const res = await failure(client.search({ index: 'dm', body: { size: 0, aggs: { a } } as never }));
        expect(res.status).toBe(400);
        expect(JSON.stringify(res.body)).toContain('failed to parse date field [7] with format [yyyy-MM-dd HH:mm:ss.SSS]');
      }
    });
  });
});
