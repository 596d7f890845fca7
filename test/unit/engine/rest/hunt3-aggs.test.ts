/**
 * Aggregation classes of the independent hunt3 (/work/hunt3/FINDINGS.md) fixed in session 9. Every expected
 * value was read from a real OpenSearch 3.6.0 node with the same requests.
 */
import { describe, expect, it } from 'vitest';
import { engineCalls, nd } from './engine-calls.js';

const { call } = engineCalls();

async function load(): Promise<void> {
  await call('PUT', '/h3', { mappings: { properties: { t: { type: 'keyword' }, n: { type: 'integer' }, d: { type: 'date' } } } });
  await call('POST', '/_bulk?refresh=true', nd([
    { index: { _index: 'h3', _id: '1' } }, { t: 'b', n: 1, d: '2024-03-01' }, { index: { _index: 'h3', _id: '2' } }, { t: 'a', n: 5, d: '2024-02-10' },
  ]));
}

const aggs = async (a: Record<string, unknown>, extra: Record<string, unknown> = {}): Promise<any> => {
  const r = await call('POST', '/h3/_search', { size: 0, aggs: a, ...extra });
  expect(r.status).toBe(200);
  return r.body.aggregations;
};

describe('C23: order by the deprecated _term / _time is order by _key', () => {
  it('in terms (also nested, in a list), histogram and date_histogram', async () => {
    await load();
    const r = await aggs({
      x: { terms: { field: 't', order: { _term: 'desc' } }, aggs: { y: { terms: { field: 'n', order: [{ _term: 'asc' }] } } } },
      h: { histogram: { field: 'n', interval: 2, order: { _term: 'desc' } } },
      dh: { date_histogram: { field: 'd', calendar_interval: 'month', order: { _time: 'desc' } } },
      c: { terms: { field: 't', order: [{ _count: 'asc' }, { _term: 'desc' }] } },
    });
    expect(r.x.buckets.map((b: any) => [b.key, b.y.buckets[0].key])).toEqual([['b', 1], ['a', 5]]);
    expect(r.h.buckets).toEqual([{ key: 4, doc_count: 1 }, { key: 2, doc_count: 0 }, { key: 0, doc_count: 1 }]);
    expect(r.dh.buckets.map((b: any) => b.key_as_string)).toEqual(['2024-03-01T00:00:00.000Z', '2024-02-01T00:00:00.000Z']);
    expect(r.c.buckets.map((b: any) => b.key)).toEqual(['b', 'a']);
  });
});

describe('C25: field "" is an unmapped field', () => {
  it('answers every aggregation as on an unmapped field', async () => {
    await load();
    expect(await aggs({
      vc: { value_count: { field: '' } }, s: { sum: { field: '' } }, mi: { min: { field: '' } }, st: { stats: { field: '' } }, c: { cardinality: { field: '' } },
      te: { terms: { field: '' } }, h: { histogram: { field: '', interval: 1 } }, r: { range: { field: '', ranges: [{ to: 1 }] } },
      m: { missing: { field: '' } }, sm: { sum: { field: '', missing: 3 } },
    })).toEqual({
      vc: { value: 0 }, s: { value: 0 }, mi: { value: null }, st: { count: 0, min: null, max: null, avg: null, sum: 0 }, c: { value: 0 },
      te: { doc_count_error_upper_bound: 0, sum_other_doc_count: 0, buckets: [] }, h: { buckets: [] },
      r: { buckets: [{ key: '*-1.0', to: 1, doc_count: 0 }] }, m: { doc_count: 2 }, sm: { value: 6 },
    });
    const absent = await call('POST', '/h3/_search', { size: 0, aggs: { s: { sum: {} } } });
    expect(absent.status).toBe(400);
  });
});

describe('C15: format on an unmapped field', () => {
  it('answers where OpenSearch prints nothing formatted, refuses where it prints through the DecimalFormat', async () => {
    await load();
    expect(await aggs({
      mi: { min: { field: 'ghost', format: '0.0' } }, st: { stats: { field: 'ghost', format: '0.0' } }, vc: { value_count: { field: 'ghost', format: '0.0' } },
      dr: { date_range: { field: 'ghost', format: 'yyyy-MM-dd', ranges: [{ to: '2024-01-01' }] } },
      dh: { date_histogram: { field: 'ghost', calendar_interval: 'day', format: 'yyyy-MM-dd', min_doc_count: 0, extended_bounds: { min: '2024-01-01', max: '2024-01-02' } } },
    })).toEqual({
      mi: { value: null }, st: { count: 0, min: null, max: null, avg: null, sum: 0 }, vc: { value: 0 },
      dr: { buckets: [{ key: '*-2024-01-01', to: 1704067200000, to_as_string: '2024-01-01', doc_count: 0 }] },
      dh: { buckets: [{ key_as_string: '2024-01-01', key: 1704067200000, doc_count: 0 }, { key_as_string: '2024-01-02', key: 1704153600000, doc_count: 0 }] },
    });
    // OpenSearch: {value: 0, value_as_string: "0.0"}; to_as_string "1.0"; key_as_string "0.0".
    for (const a of [{ sum: { field: 'ghost', format: '0.0' } }, { range: { field: 'ghost', format: '0.0', ranges: [{ to: 1 }] } },
      { histogram: { field: 'ghost', interval: 1, format: '0.0', min_doc_count: 0, extended_bounds: { min: 0, max: 2 } } }]) {
      const r = await call('POST', '/h3/_search', { size: 0, aggs: { x: a } });
      expect(r.status).toBe(400);
      expect(r.body.error.reason).toContain('is not supported by the embedded engine');
    }
  });
});

describe('C4: date_histogram extended_bounds with an offset', () => {
  it('rounds each bound by the interval, then adds the offset', async () => {
    await load();
    const keys = async (dh: Record<string, unknown>): Promise<string[]> =>
      (await aggs({ h: { date_histogram: { field: 'd', min_doc_count: 0, ...dh } } })).h.buckets.map((b: any) => `${b.key_as_string}:${b.doc_count}`);
    expect(await keys({ calendar_interval: 'month', offset: '+6h', extended_bounds: { min: '2024-01-01', max: '2024-04-01' } }))
      .toEqual(['2024-01-01T06:00:00.000Z:0', '2024-02-01T06:00:00.000Z:2', '2024-03-01T06:00:00.000Z:0', '2024-04-01T06:00:00.000Z:0']);
    expect(await keys({ calendar_interval: 'month', offset: '+20d', extended_bounds: { min: '2024-01-01', max: '2024-04-01' } }))
      .toEqual(['2024-01-21T00:00:00.000Z:1', '2024-02-21T00:00:00.000Z:1', '2024-03-21T00:00:00.000Z:0', '2024-04-21T00:00:00.000Z:0']);
    expect(await keys({ calendar_interval: 'month', offset: '+6h', time_zone: 'America/New_York', extended_bounds: { min: '2024-01-01', max: '2024-04-01' } }))
      .toEqual(['2024-01-01T06:00:00.000-05:00:0', '2024-02-01T06:00:00.000-05:00:2', '2024-03-01T06:00:00.000-05:00:0', '2024-04-01T06:00:00.000-04:00:0']);
    expect((await keys({ fixed_interval: '1d', offset: '+3h', extended_bounds: { min: '2024-02-08T01:00', max: '2024-02-11T02:00' } }))[0])
      .toBe('2024-02-08T03:00:00.000Z:0');
    expect(await keys({ calendar_interval: 'month', offset: '+6h', hard_bounds: { min: '2024-01-01', max: '2024-04-01' }, extended_bounds: { min: '2024-01-01', max: '2024-04-01' } }))
      .toEqual(['2024-01-01T06:00:00.000Z:0', '2024-02-01T06:00:00.000Z:2', '2024-03-01T06:00:00.000Z:0', '2024-04-01T06:00:00.000Z:0']);
  });
});

describe('C20: date_histogram bounds as JSON numbers are epoch millis whatever the format', () => {
  it('reads extended_bounds and hard_bounds numbers as millis; a fraction fails the parsing', async () => {
    await load();
    const r = await aggs({ h: { date_histogram: { field: 'd', calendar_interval: 'month', min_doc_count: 0, format: 'yyyy-MM-dd', extended_bounds: { min: 1704067200000, max: 1711929600000 } } } });
    expect(r.h.buckets.map((b: any) => `${b.key_as_string}:${b.doc_count}`)).toEqual(['2024-01-01:0', '2024-02-01:1', '2024-03-01:1', '2024-04-01:0']);
    const h = await aggs({ h: { date_histogram: { field: 'd', calendar_interval: 'month', format: 'yyyy-MM-dd', hard_bounds: { min: 1704067200000, max: 1711929600000 } } } });
    expect(h.h.buckets.map((b: any) => b.key_as_string)).toEqual(['2024-02-01', '2024-03-01']);
    const bad = await call('POST', '/h3/_search', { size: 0, aggs: { h: { date_histogram: { field: 'd', calendar_interval: 'month', hard_bounds: { min: 1704067200000.5, max: 1711929600000 } } } } });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toEqual({
      root_cause: [{ type: 'x_content_parse_exception', reason: '[bounds] failed to parse field [min]' }],
      type: 'x_content_parse_exception', reason: '[date_histogram] failed to parse field [hard_bounds]',
      caused_by: { type: 'x_content_parse_exception', reason: '[bounds] failed to parse field [min]',
        caused_by: { type: 'illegal_argument_exception', reason: '1.7040672000005E12 cannot be converted to Long without data loss' } },
    });
  });
});

describe('C3: _msearch parses every item before it resolves indices or refuses options', () => {
  const ms = (...lines: unknown[]): string => lines.map((l) => JSON.stringify(l)).join('\n') + '\n';
  it('fails the whole request on an item\'s parse error, over a missing index or a refused option', async () => {
    await load();
    const cases: [string, string, string][] = [
      [ms({ index: 'h3' }, { query: { match_all: {} } }, { index: 'h3-missing' }, { query: { bogus: {} } }), 'parsing_exception', 'unknown query [bogus]'],
      [ms({ index: 'h3-missing' }, { size: -1 }), 'illegal_argument_exception', '[size] parameter cannot be negative, found [-1]'],
      [ms({ index: 'h3-missing' }, { query: { range: { n: { gt: 1, gte: 2 } } } }, { index: 'h3' }, { size: 0 }), 'parsing_exception', 'invalid lower bound for [range] query'],
      [ms({ index: 'h3' }, { highlight: { fields: { t: {} } }, query: { nope: {} } }), 'parsing_exception', 'unknown query [nope]'],
      [ms({ index: 'h3' }, { collapse: { field: 't' }, bogus: 1 }), 'parsing_exception', 'Unknown key for a VALUE_NUMBER in [bogus].'],
      [ms({ index: 'h3' }, { indices_boost: [{ h3: 2 }], aggs: { x: { terms: { field: 't', order: { _count: 'up' } } } } }), 'x_content_parse_exception', '[1:81] [terms] failed to parse field [order]'],
    ];
    for (const [body, type, reason] of cases) {
      const r = await call('POST', '/_msearch', body);
      expect(r.status).toBe(400);
      expect([r.body.error.type, r.body.error.reason]).toEqual([type, reason]);
    }
    // Without a parse error, each item answers for itself.
    const ok = await call('POST', '/_msearch', ms({ index: 'h3-missing' }, { size: 0 }, { index: 'h3' }, { collapse: { field: 't' } }, { index: 'h3' }, { size: 0 }));
    expect(ok.status).toBe(200);
    expect(ok.body.responses.map((x: any) => x.error?.type ?? x.hits.total.value)).toEqual(['index_not_found_exception', 'illegal_argument_exception', 2]);
  });

  it('reports a parse error of a _search body before an option the engine refuses by name', async () => {
    await load();
    const r = await call('POST', '/h3/_search', { highlight: { fields: { t: {} } }, query: { nope: {} } });
    expect([r.status, r.body.error.type, r.body.error.reason]).toEqual([400, 'parsing_exception', 'unknown query [nope]']);
  });
});

describe('C17: terminated_early under a boolean range keeping both values', () => {
  it('is true with size 0 and aggregations (count known up front), not after a delete', async () => {
    await call('PUT', '/h3b', { mappings: { properties: { b: { type: 'boolean' }, n: { type: 'integer' } } } });
    await call('POST', '/_bulk?refresh=true', nd([
      { index: { _index: 'h3b', _id: '1' } }, { b: true, n: 1 }, { index: { _index: 'h3b', _id: '2' } }, { b: false, n: 2 },
      { index: { _index: 'h3b', _id: '3' } }, { n: 3 }, { index: { _index: 'h3b', _id: '4' } }, { b: true, n: 4 },
    ]));
    const run = async (query: unknown, extra: Record<string, unknown> = {}): Promise<any> =>
      (await call('POST', '/h3b/_search', { size: 0, aggs: { s: { sum: { field: 'n' } } }, query, ...extra })).body;
    for (const query of [{ range: { b: { from: 'false', to: true } } }, { range: { b: {} } }, { bool: { filter: { range: { b: { gte: false } } } } }]) {
      const r = await run(query);
      expect([r.terminated_early, r.hits.total]).toEqual([true, { value: 3, relation: 'eq' }]);
    }
    const limited = await run({ range: { b: { gte: false } } }, { track_total_hits: 1 });
    expect([limited.terminated_early, limited.hits.total]).toEqual([true, { value: 1, relation: 'gte' }]);
    await call('DELETE', '/h3b/_doc/2?refresh=true');
    expect((await run({ range: { b: { gte: false } } })).terminated_early).toBeUndefined();
  });
});

describe('C6: min_score above 1 under a match_all with a points-optimized aggregation', () => {
  it('refuses a top-level date_histogram / range / date_range without sub-aggregations; answers the rest', async () => {
    await load();
    for (const [query, agg] of [
      [undefined, { date_histogram: { field: 'd', calendar_interval: 'month' } }],
      [{ match_all: {} }, { range: { field: 'n', ranges: [{ to: 3 }] } }],
      [{ bool: {} }, { date_range: { field: 'd', ranges: [{ to: '2024-02-20' }] } }],
    ] as const) {
      const r = await call('POST', '/h3/_search', { size: 0, min_score: 2, ...(query ? { query } : {}), aggs: { x: agg } });
      expect(r.status).toBe(400);
      expect(r.body.error.reason).toContain('is not supported by the embedded engine');
    }
    // Answered as OpenSearch does: min_score 1, a boosted match_all, sub-aggregations, another aggregation.
    const dh = { date_histogram: { field: 'd', calendar_interval: 'month' } };
    expect((await aggs({ x: dh }, { min_score: 1 })).x.buckets.map((b: any) => b.doc_count)).toEqual([1, 1]);
    expect((await aggs({ x: dh }, { min_score: 2, query: { match_all: { boost: 3 } } })).x.buckets.map((b: any) => b.doc_count)).toEqual([1, 1]);
    expect(await aggs({ x: { ...dh, aggs: { m: { max: { field: 'n' } } } } }, { min_score: 2 })).toEqual({ x: { buckets: [] } });
    expect(await aggs({ x: { terms: { field: 't' } } }, { min_score: 2 })).toEqual({ x: { doc_count_error_upper_bound: 0, sum_other_doc_count: 0, buckets: [] } });
  });
});
