/**
 * A `time_zone` on a `date_histogram` over a field that is not a date (hunt2 H2-17): OpenSearch 3.6.0 refuses
 * any mapped non-date field once a time zone is given, even `UTC`; the engine used to answer with buckets.
 */
import { describe, expect, it } from 'vitest';
import { failure, withEmbedded } from '../rest/embedded-client.js';

describe('date_histogram time_zone on a field that is not a date', () => {
  it('is refused for numeric, keyword and boolean fields, answered without a time zone or on an unmapped field', async () => {
    await withEmbedded(async (client) => {
      await client.indices.create({ index: 'tz', body: { mappings: { properties: { f: { type: 'float' }, k: { type: 'keyword' }, b: { type: 'boolean' }, d: { type: 'date' } } } } as never });
      await client.bulk({ index: 'tz', refresh: true, body: [{ index: {} }, { f: 1.5, k: 'x', b: true, d: '2024-01-01' }] as never });
      const agg = (field: string, extra: Record<string, unknown> = {}) => ({ size: 0, aggs: { a: { date_histogram: { field, calendar_interval: 'year', ...extra } } } });
      for (const [field, type] of [['f', 'float'], ['k', 'keyword'], ['b', 'boolean']] as const) {
        for (const time_zone of ['UTC', 'Z', 'Europe/Berlin']) {
          const res = await failure(client.search({ index: 'tz', body: agg(field, { time_zone }) as never }));
          expect(res.status).toBe(400);
          expect(JSON.stringify(res.body)).toContain(`Field [${field}] of type [${type}] does not support custom time zones`);
        }
      }
      const plain = await client.search({ index: 'tz', body: agg('f') as never });
      expect((plain.body.aggregations as any).a.buckets).toEqual([{ key: 0, doc_count: 1 }]);
      const unmapped = await client.search({ index: 'tz', body: agg('nope', { time_zone: '+01:00', missing: 5 }) as never });
      expect((unmapped.body.aggregations as any).a.buckets).toEqual([{ key_as_string: '1970-01-01T00:00:00.000+01:00', key: -3600000, doc_count: 1 }]);
      const date = await client.search({ index: 'tz', body: agg('d', { time_zone: 'UTC' }) as never });
      expect((date.body.aggregations as any).a.buckets).toEqual([{ key_as_string: '2024-01-01T00:00:00.000Z', key: 1704067200000, doc_count: 1 }]);
    });
  });
});

describe('date aggregations on an unmapped field', () => {
  it('read bounds and missing as dates and print them, as OpenSearch does (its default values source is a date one; hunt2 H2-6)', async () => {
    await withEmbedded(async (client) => {
      await client.indices.create({ index: 'um', body: { mappings: { properties: { k: { type: 'keyword' } } } } as never });
      await client.bulk({ index: 'um', refresh: true, body: [{ index: { _id: '1' } }, { k: 'a' }, { index: { _id: '2' } }, { k: 'b' }] as never });
      const aggs = async (a: Record<string, unknown>) => ((await client.search({ index: 'um', body: { size: 0, aggs: { r: a } } as never })).body.aggregations as any).r;
      expect(await aggs({ date_range: { field: 'nope', ranges: [{ from: '2024-01-01', to: '2024-06-15||+1M/M' }] } })).toEqual({ buckets: [
        { key: '2024-01-01T00:00:00.000Z-2024-07-01T00:00:00.000Z', from: 1704067200000, from_as_string: '2024-01-01T00:00:00.000Z', to: 1719792000000, to_as_string: '2024-07-01T00:00:00.000Z', doc_count: 0 },
      ] });
      expect(await aggs({ date_range: { field: 'nope', missing: '2024-03-03', ranges: [{ from: '2024-01-01', to: '2024-06-15' }] } })).toEqual({ buckets: [
        { key: '2024-01-01T00:00:00.000Z-2024-06-15T00:00:00.000Z', from: 1704067200000, from_as_string: '2024-01-01T00:00:00.000Z', to: 1718409600000, to_as_string: '2024-06-15T00:00:00.000Z', doc_count: 2 },
      ] });
      expect(await aggs({ date_histogram: { field: 'nope', calendar_interval: 'month', missing: '2024-03-03' } })).toEqual({ buckets: [
        { key_as_string: '2024-03-01T00:00:00.000Z', key: 1709251200000, doc_count: 2 },
      ] });
    });
  });
});
