/**
 * Aggregation classes of the third independent hunt (hunt2 FINDINGS H2-7, H2-30, H2-31, H2-S2) fixed on the
 * fixf branch. Every expected value was read from a real OpenSearch 3.6.0 node with the same requests.
 */
import { describe, expect, it } from 'vitest';
import { engineCalls, nd } from '../rest/engine-calls.js';

const { call } = engineCalls();

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

describe('date_range with time_zone (H2-7)', () => {
  const bucket = (from: number | undefined, fromS: string | undefined, to: number | undefined, toS: string | undefined, n: number) => ({
    key: `${fromS ?? '*'}-${toS ?? '*'}`,
    ...(from !== undefined ? { from, from_as_string: fromS } : {}),
    ...(to !== undefined ? { to, to_as_string: toS } : {}),
    doc_count: n,
  });

  it('reads bounds in the zone and prints keys and *_as_string with its offset', async () => {
    await load();
    expect(await agg({ date_range: { field: 'd', time_zone: '+02:00', ranges: [{ to: '2024-01-01' }, { from: '2024-01-01' }] } })).toEqual({ status: 200, body: { buckets: [
      bucket(undefined, undefined, 1704060000000, '2024-01-01T00:00:00.000+02:00', 0),
      bucket(1704060000000, '2024-01-01T00:00:00.000+02:00', undefined, undefined, 3),
    ] } });
    // Date math rounds on the zone's wall clock; an explicit offset in the text wins.
    expect(await agg({ date_range: { field: 'd', time_zone: 'Europe/Berlin', ranges: [{ to: '2024-01-01||/M' }, { from: '2024-01-01T05:00:00||/d', to: '2024-02-15T13:00:00||+1d/d' }] } })).toEqual({ status: 200, body: { buckets: [
      bucket(undefined, undefined, 1704063600000, '2024-01-01T00:00:00.000+01:00', 0),
      bucket(1704063600000, '2024-01-01T00:00:00.000+01:00', 1708038000000, '2024-02-16T00:00:00.000+01:00', 3),
    ] } });
    expect(await agg({ date_range: { field: 'd', time_zone: 'Europe/Berlin', ranges: [
      { from: '2024-03-31T02:30:00', to: '2024-10-27T02:30:00' }, { from: '2024-03-30T12:00:00||+1d/d', to: '2024-10-27T12:00:00||/d' },
      { from: '2024-03-31T12:00:00||-12h/h', to: '2024-10-27T01:00:00||+1h/h' }] } })).toEqual({ status: 200, body: { buckets: [
      bucket(1711836000000, '2024-03-30T23:00:00.000+01:00', 1729987200000, '2024-10-27T02:00:00.000+02:00', 0),
      bucket(1711839600000, '2024-03-31T00:00:00.000+01:00', 1729980000000, '2024-10-27T00:00:00.000+02:00', 0),
      bucket(1711848600000, '2024-03-31T03:30:00.000+02:00', 1729989000000, '2024-10-27T02:30:00.000+02:00', 0),
    ] } });
    expect(await agg({ date_range: { field: 'd', time_zone: '+02:00', missing: '2024-01-01', ranges: [{ from: '2023-12-31T23:00:00Z', to: '2024-01-01' }] } })).toEqual({ status: 200, body: { buckets: [
      bucket(1704063600000, '2024-01-01T01:00:00.000+02:00', 1704060000000, '2024-01-01T00:00:00.000+02:00', 0),
    ] } });
    expect(await agg({ date_range: { field: 'y', time_zone: 'Asia/Kolkata', ranges: [{ from: '2024-01-01 00:00' }] } })).toEqual({ status: 200, body: { buckets: [
      bucket(1704047400000, '2024-01-01 00:00', undefined, undefined, 1),
    ] } });
    expect(await agg({ date_range: { field: 'zz', time_zone: '+02:00', ranges: [{ from: '2024-01-01' }] } })).toEqual({ status: 200, body: { buckets: [
      bucket(1704060000000, '2024-01-01T00:00:00.000+02:00', undefined, undefined, 0),
    ] } });
  });

  it('reads numeric and epoch bounds and missing as local date-times of the zone, as OpenSearch does', async () => {
    await load();
    expect(await agg({ date_range: { field: 'd', time_zone: '-05:00', ranges: [{ to: 2024 }, { from: 1704067200000 }] } })).toEqual({ status: 200, body: { buckets: [
      bucket(undefined, undefined, 1704085200000, '2024-01-01T00:00:00.000-05:00', 2),
      bucket(1704085200000, '2024-01-01T00:00:00.000-05:00', undefined, undefined, 1),
    ] } });
    expect(await agg({ date_range: { field: 'd', time_zone: '+02:00', format: 'epoch_millis', ranges: [{ from: '1704067200000' }] } })).toEqual({ status: 200, body: { buckets: [
      bucket(1704060000000, '1704060000000', undefined, undefined, 3),
    ] } });
    expect(await agg({ date_range: { field: 'e', time_zone: '+02:00', ranges: [{ from: 1704060000 }, { to: '1704060000' }] } })).toEqual({ status: 200, body: { buckets: [
      bucket(undefined, undefined, 1704052800000, '1704052800', 0),
      bucket(1704052800000, '1704052800', undefined, undefined, 1),
    ] } });
    expect(await agg({ date_range: { field: 'd', time_zone: '+02:00', missing: 1704067200000, ranges: [{ from: '2024-01-01' }] } })).toEqual({ status: 200, body: { buckets: [
      bucket(1704060000000, '2024-01-01T00:00:00.000+02:00', undefined, undefined, 4),
    ] } });
  });

  it('refuses an unknown zone while parsing', async () => {
    await load();
    const r = await agg({ date_range: { field: 'd', time_zone: 'Mars/Phobos', ranges: [{ from: '2024-01-01' }] } });
    expect(r.status).toBe(400);
    expect(r.body.error.type).toBe('x_content_parse_exception');
    expect(r.body.error.reason).toBe('[1:62] [date_range] failed to parse field [time_zone]');
    expect(r.body.error.caused_by).toEqual({ type: 'zone_rules_exception', reason: 'Unknown time-zone ID: Mars/Phobos' });
  });
});

describe('an aggregation format that is no valid date pattern on a date field (H2-30)', () => {
  it('fails the shard with the date formatter\'s illegal_argument_exception, whatever the aggregation', async () => {
    await load();
    const cases: [unknown, string][] = [
      [{ histogram: { field: 'd', interval: 86400000, format: '#' } }, "Invalid format: [#]: Pattern includes reserved character: '#'"],
      [{ avg: { field: 'd', format: '#' } }, "Invalid format: [#]: Pattern includes reserved character: '#'"],
      [{ max: { field: 'd', format: '0.###E0' } }, "Invalid format: [0.###E0]: Pattern includes reserved character: '#'"],
      [{ max: { field: 'd', format: 'yyyy||#' } }, "Invalid format: [#]: Pattern includes reserved character: '#'"],
      [{ max: { field: 'd', format: 'epoch_millis||#' } }, "Invalid format: [#]: Pattern includes reserved character: '#'"],
      [{ terms: { field: 'd', format: 'bbb' } }, 'Invalid format: [bbb]: Unknown pattern letter: b'],
      [{ max: { field: 'd', format: "yyyy'" } }, "Invalid format: [yyyy']: Pattern ends with an incomplete string literal: yyyy'"],
      [{ max: { field: 'd', format: 'yyyy||' } }, 'Cannot have empty element in multi date format pattern: yyyy||'],
      [{ date_histogram: { field: 'zz', calendar_interval: 'day', format: '#' } }, "Invalid format: [#]: Pattern includes reserved character: '#'"],
    ];
    for (const [a, reason] of cases) {
      const r = await agg(a);
      expect(r.status, JSON.stringify(a)).toBe(400);
      expect(r.body.error.root_cause, JSON.stringify(a)).toEqual([{ type: 'illegal_argument_exception', reason }]);
    }
  });
});

describe('errors raised while building aggregations and their filter queries (H2-S2)', () => {
  const java = (type: string, reason: string, inner?: unknown) => {
    const cause = { type, reason };
    const full = inner ? { ...cause, caused_by: inner } : cause;
    return {
      error: {
        root_cause: [cause], type: 'search_phase_execution_exception', reason: 'all shards failed', phase: 'query', grouped: true,
        failed_shards: [{ shard: 0, index: 'h', node: 'embedded', reason: full }],
        caused_by: { ...cause, caused_by: full },
      },
      status: 400,
    };
  };

  it('are shard failures with the error as root cause (Java exceptions shown twice in caused_by, as OpenSearch does)', async () => {
    await load();
    const cases: [unknown, unknown][] = [
      [{ sum: { field: 'k' } }, java('illegal_argument_exception', 'Field [k] of type [keyword] is not supported for aggregation [sum]')],
      [{ date_histogram: { field: 'n', time_zone: '+02:00', calendar_interval: 'day' } }, java('illegal_argument_exception', 'Field [n] of type [integer] does not support custom time zones')],
      [{ date_range: { field: 'k', time_zone: '+02:00', ranges: [{ from: 1 }] } }, java('illegal_argument_exception', 'Field [k] of type [keyword] does not support custom time zones')],
      [{ histogram: { field: 'd', interval: 86400000, format: '#' } }, java('illegal_argument_exception', "Invalid format: [#]: Pattern includes reserved character: '#'",
        { type: 'illegal_argument_exception', reason: "Pattern includes reserved character: '#'" })],
      // A filter/filters aggregation builds its query without the "failed to create query: " wrapping.
      [{ filters: { filters: { x: { match: { n: 'abc' } } } } }, java('number_format_exception', 'For input string: "abc"')],
      [{ filter: { range: { n: { gte: 'abc' } } } }, java('number_format_exception', 'For input string: "abc"')],
      [{ filters: { filters: [{ term: { b: '' } }] } }, java('illegal_argument_exception', "Can't parse boolean value [], expected [true] or [false]")],
      [{ filters: { filters: [{ term: { n: '99999999999' } }] } }, java('illegal_argument_exception', 'Value [[39 39 39 39 39 39 39 39 39 39 39]] is out of range for an integer')],
    ];
    for (const [a, expected] of cases) {
      const r = await call('POST', '/h/_search', { size: 0, aggs: { r: a } });
      expect(r, JSON.stringify(a)).toEqual({ status: 400, body: expected });
    }
  });

  it('names the index of a query_shard_exception raised by a filter aggregation\'s query', async () => {
    await load();
    const r = await call('POST', '/h/_search', { size: 0, aggs: { r: { filter: { prefix: { d: '2024' } } } } });
    const cause = { type: 'query_shard_exception', reason: 'Can only use prefix queries on keyword and text fields - not on [d] which is of type [date]', index: 'h', index_uuid: expect.any(String) };
    expect(r).toEqual({ status: 400, body: { error: {
      root_cause: [cause], type: 'search_phase_execution_exception', reason: 'all shards failed', phase: 'query', grouped: true,
      failed_shards: [{ shard: 0, index: 'h', node: 'embedded', reason: cause }], caused_by: cause,
    }, status: 400 } });
  });

  it('fails only its item of an _msearch, with the same shape', async () => {
    await load();
    const r = await call('POST', '/h/_msearch', nd([{}, { size: 0 }, {}, { size: 0, aggs: { r: { sum: { field: 'k' } } } }]));
    expect(r.status).toBe(200);
    expect(r.body.responses[0].status).toBe(200);
    const { status, ...item } = r.body.responses[1];
    expect(status).toBe(400);
    expect(item).toEqual({ error: java('illegal_argument_exception', 'Field [k] of type [keyword] is not supported for aggregation [sum]').error });
  });
});

describe('time_zone ids read as java.time\'s ZoneId.of (H2-7 follow-up)', () => {
  it('refuses the offsets and ids OpenSearch refuses, with java.time\'s exception, and accepts its other forms', async () => {
    await load();
    const cases: [string, unknown][] = [
      ['+18:30', { type: 'date_time_exception', reason: 'Zone offset not in valid range: -18:00 to +18:00' }],
      ['+10:60', { type: 'date_time_exception', reason: 'Zone offset minutes not in valid range: value 60 is not in the range -59 to 59' }],
      ['-25:00', { type: 'date_time_exception', reason: 'Zone offset hours not in valid range: value -25 is not in the range -18 to 18' }],
      ['UTC+25:00', { type: 'date_time_exception', reason: 'Invalid ID for offset-based ZoneId: UTC+25:00',
        caused_by: { type: 'date_time_exception', reason: 'Zone offset hours not in valid range: value 25 is not in the range -18 to 18' } }],
      ['+1:00', { type: 'date_time_exception', reason: 'Invalid ID for ZoneOffset, non numeric characters found: +1:00' }],
      ['+100', { type: 'date_time_exception', reason: 'Invalid ID for ZoneOffset, invalid format: +100' }],
      ['z', { type: 'date_time_exception', reason: 'Invalid ID for ZoneOffset, invalid format: z' }],
      ['utc', { type: 'zone_rules_exception', reason: 'Unknown time-zone ID: utc' }],
    ];
    for (const [tz, cause] of cases) {
      for (const a of [{ date_histogram: { field: 'd', calendar_interval: 'year', time_zone: tz } }, { date_range: { field: 'd', time_zone: tz, ranges: [{ from: '2024-01-01' }] } }]) {
        const r = await agg(a);
        const type = Object.keys(a)[0];
        // ObjectParser's [line:col]: the time_zone's value in the request's text.
        const text = JSON.stringify({ size: 0, aggs: { r: a } });
        const at = `[1:${text.indexOf('"time_zone":') + '"time_zone":'.length + 1}]`;
        expect(r, tz).toEqual({ status: 400, body: { error: {
          root_cause: [{ type: 'x_content_parse_exception', reason: `${at} [${type}] failed to parse field [time_zone]` }],
          type: 'x_content_parse_exception', reason: `${at} [${type}] failed to parse field [time_zone]`, caused_by: cause,
        }, status: 400 } });
      }
    }
    for (const tz of ['+01', '+0100', '+01:00:30', 'GMT+01', 'UT+01:00', '+1']) {
      const r = await agg({ date_histogram: { field: 'd', calendar_interval: 'year', time_zone: tz } });
      expect(r.status, tz).toBe(200);
      expect(r.body.buckets[0].key_as_string, tz).toBe('2024-01-01T00:00:00.000+01:00');
    }
    expect((await agg({ date_range: { field: 'd', time_zone: '-03:30', ranges: [{ from: '2024-01-01' }] } })).body.buckets).toEqual([
      { key: '2024-01-01T00:00:00.000-03:30-*', from: 1704079800000, from_as_string: '2024-01-01T00:00:00.000-03:30', doc_count: 1 },
    ]);
  });
});

describe('a date that does not parse in a bound, missing value or range query (H2-S2 variant)', () => {
  it('is JavaDateMathParser\'s parse_exception repeating the formatter\'s message, as a shard failure', async () => {
    await load();
    const msg = (text: string, format: string) => `failed to parse date field [${text}] with format [${format}]`;
    const expected = (text: string, format: string, inner?: string) => {
      const cause = { type: 'parse_exception', reason: `${msg(text, format)}: [${msg(text, format)}]` };
      const full = { ...cause, caused_by: { type: 'illegal_argument_exception', reason: msg(text, format),
        ...(inner ? { caused_by: { type: 'date_time_parse_exception', reason: inner } } : {}) } };
      return { status: 400, body: { error: {
        root_cause: [cause], type: 'search_phase_execution_exception', reason: 'all shards failed', phase: 'query', grouped: true,
        failed_shards: [{ shard: 0, index: 'h', node: 'embedded', reason: full }], caused_by: full,
      }, status: 400 } };
    };
    const all = 'Failed to parse with all enclosed parsers';
    const search = (body: unknown) => call('POST', '/h/_search', body);
    expect(await search({ size: 0, aggs: { r: { date_range: { field: 'd', ranges: [{ from: 'garbage' }] } } } })).toEqual(expected('garbage', 'strict_date_optional_time||epoch_millis', all));
    expect(await search({ size: 0, aggs: { r: { date_range: { field: 'zz', format: 'epoch_millis', ranges: [{ from: '2024-01-01' }] } } } })).toEqual(expected('2024-01-01', 'epoch_millis', all));
    expect(await search({ size: 0, aggs: { r: { histogram: { field: 'd', interval: 86400000, missing: 'x' } } } })).toEqual(expected('x', 'strict_date_optional_time||epoch_millis', all));
    expect(await search({ size: 0, aggs: { r: { date_range: { field: 'd', format: 'date_time', ranges: [{ from: 'x' }] } } } })).toEqual(expected('x', 'date_time', all));
    expect(await search({ query: { range: { d: { gte: 'garbage' } } } })).toEqual(expected('garbage', 'strict_date_optional_time||epoch_millis', all));
    // A single parser's java.time message (with the position it stopped at) is not modelled: left out.
    expect((await search({ query: { range: { y: { gte: '7' } } } })).body.error.root_cause).toEqual(expected('7', 'yyyy-MM-dd HH:mm').body.error.root_cause);
  });
});

describe('date_histogram with time_zone reads missing, extended_bounds and hard_bounds in the zone (H2-7 follow-up)', () => {
  it('answers as OpenSearch 3.6.0 does', async () => {
    await load();
    const keys = async (a: Record<string, unknown>) => {
      const r = await agg({ date_histogram: { field: 'd', calendar_interval: 'month', ...a } });
      expect(r.status).toBe(200);
      return r.body.buckets.map((b: { key: number; doc_count: number }) => [b.key, b.doc_count]);
    };
    // The missing value 2023-06-30T22:00 in +05:00 falls in June there (July in UTC).
    expect((await keys({ time_zone: '+05:00', missing: '2023-06-30T22:00:00' }))[0]).toEqual([1685559600000, 1]);
    expect(await keys({ time_zone: '+05:00', extended_bounds: { min: '2023-10-31T20:00:00', max: '2024-03-01' } })).toEqual([
      [1696100400000, 0], [1698778800000, 0], [1701370800000, 0], [1704049200000, 2], [1706727600000, 1], [1709233200000, 0],
    ]);
    expect(await keys({ time_zone: '-05:00', hard_bounds: { min: '2024-01-01', max: '2024-03-01' } })).toEqual([[1706763600000, 1]]);
    expect(await keys({ time_zone: '-05:00', hard_bounds: { min: 1704067200000, max: '1709251200000' } })).toEqual([[1701406800000, 2], [1704085200000, 0], [1706763600000, 1]]);
  });
});
