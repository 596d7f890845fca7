import { describe, expect, it } from 'vitest';
import { runAggregations } from '../../../../src/engine/aggs/aggregate.js';
import { EngineError } from '../../../../src/engine/errors.js';
import { DOCS, makeContext } from './fixture.js';

const ctx = makeContext();
const run = (aggs: Record<string, unknown>, docs = DOCS) => runAggregations(aggs, docs, ctx);

describe('range aggregation', () => {
  it('renders keys with Java doubles, sorts ranges by from/to, honours explicit keys', () => {
    expect(run({
      r: { range: { field: 'n', ranges: [{ from: 100 }, { to: 0.001 }, { from: -50, to: 1e7 }, { from: 0.1, to: 0.0001 }] } },
      r2: { range: { field: 'n', ranges: [{ to: 100 }, { from: 100, to: 200 }, { from: 200, key: 'big' }] } },
    })).toEqual({
      r: { buckets: [
        { key: '*-0.001', to: 0.001, doc_count: 1 },
        { key: '-50.0-1.0E7', from: -50, to: 1e7, doc_count: 3 },
        { key: '0.1-1.0E-4', from: 0.1, to: 0.0001, doc_count: 0 },
        { key: '100.0-*', from: 100, doc_count: 1 },
      ] },
      r2: { buckets: [
        { key: '*-100.0', to: 100, doc_count: 2 },
        { key: '100.0-200.0', from: 100, to: 200, doc_count: 1 },
        { key: 'big', from: 200, doc_count: 0 },
      ] },
    });
  });

  it('date fields render keys and *_as_string in the date format; keyed renders an object', () => {
    expect(run({
      rd: { range: { field: 'd', ranges: [{ to: 1310000000000 }, { from: 1310000000000 }] } },
      rk: { range: { field: 'd', keyed: true, ranges: [{ to: '2012-01-01' }] } },
    })).toEqual({
      rd: { buckets: [
        { key: '*-2011-07-07T00:53:20.000Z', to: 1.31e12, to_as_string: '2011-07-07T00:53:20.000Z', doc_count: 2 },
        { key: '2011-07-07T00:53:20.000Z-*', from: 1.31e12, from_as_string: '2011-07-07T00:53:20.000Z', doc_count: 1 },
      ] },
      rk: { buckets: { '*-2012-01-01T00:00:00.000Z': { to: 1.325376e12, to_as_string: '2012-01-01T00:00:00.000Z', doc_count: 2 } } },
    });
  });

  it('sub-aggregations and missing', () => {
    expect(run({ c: { range: { field: 'n', missing: 1000, ranges: [{ from: 500 }] }, aggs: { m: { max: { field: 'n' } } } } })).toEqual({
      c: { buckets: [{ key: '500.0-*', from: 500, doc_count: 1, m: { value: null } }] },
    });
  });
});

describe('histogram aggregation', () => {
  it('fills gaps between min and max with empty buckets by default', () => {
    expect(run({ h: { histogram: { field: 'n', interval: 50 } } })).toEqual({
      h: { buckets: [
        { key: -50, doc_count: 1 }, { key: 0, doc_count: 1 }, { key: 50, doc_count: 0 }, { key: 100, doc_count: 0 }, { key: 150, doc_count: 1 },
      ] },
    });
  });

  it('offset and extended_bounds', () => {
    const out = run({ h: { histogram: { field: 'f', interval: 0.5, offset: 0.25, extended_bounds: { min: 0, max: 4 } } } });
    expect(out).toEqual({
      h: { buckets: [-0.25, 0.25, 0.75, 1.25, 1.75, 2.25, 2.75, 3.25, 3.75].map((key) => ({ key, doc_count: key === 1.25 || key === 2.25 ? 1 : 0 })) },
    });
  });

  it('min_doc_count 1 with order, keyed output, and no docs', () => {
    expect(run({ h: { histogram: { field: 'n', interval: 100, min_doc_count: 1, order: { _key: 'desc' } } } })).toEqual({
      h: { buckets: [{ key: 100, doc_count: 1 }, { key: 0, doc_count: 1 }, { key: -100, doc_count: 1 }] },
    });
    expect(run({ h: { histogram: { field: 'n', interval: 100, keyed: true } } })).toEqual({
      h: { buckets: { '-100.0': { key: -100, doc_count: 1 }, '0.0': { key: 0, doc_count: 1 }, '100.0': { key: 100, doc_count: 1 } } },
    });
    expect(run({ h: { histogram: { field: 'n', interval: 10 } }, h2: { histogram: { field: 'n', interval: 10, extended_bounds: { min: 0, max: 25 } } } }, []))
      .toEqual({ h: { buckets: [] }, h2: { buckets: [{ key: 0, doc_count: 0 }, { key: 10, doc_count: 0 }, { key: 20, doc_count: 0 }] } });
  });

  it('rejects keyword fields and bad intervals', () => {
    expect(() => run({ h: { histogram: { field: 'k', interval: 1 } } })).toThrow('Field [k] of type [keyword] is not supported for aggregation [histogram]');
    expect(() => run({ h: { histogram: { field: 'n', interval: 0 } } })).toThrow(/interval/);
  });
});

describe('date_histogram aggregation', () => {
  it('calendar year buckets with epoch keys and ISO key_as_string', () => {
    expect(run({ dh: { date_histogram: { field: 'd', calendar_interval: 'year' } } })).toEqual({
      dh: { buckets: [
        { key_as_string: '2011-01-01T00:00:00.000Z', key: 1293840000000, doc_count: 2 },
        { key_as_string: '2012-01-01T00:00:00.000Z', key: 1325376000000, doc_count: 1 },
      ] },
    });
  });

  it('quarters in a fixed-offset zone fill empty buckets', () => {
    expect(run({ dh: { date_histogram: { field: 'd', calendar_interval: 'quarter', time_zone: '+01:00' } } })).toEqual({
      dh: { buckets: [
        { key_as_string: '2011-01-01T00:00:00.000+01:00', key: 1293836400000, doc_count: 1 },
        { key_as_string: '2011-04-01T00:00:00.000+01:00', key: 1301612400000, doc_count: 1 },
        { key_as_string: '2011-07-01T00:00:00.000+01:00', key: 1309474800000, doc_count: 0 },
        { key_as_string: '2011-10-01T00:00:00.000+01:00', key: 1317423600000, doc_count: 0 },
        { key_as_string: '2012-01-01T00:00:00.000+01:00', key: 1325372400000, doc_count: 1 },
      ] },
    });
  });

  it('months in a DST zone use the offset of each bucket', () => {
    expect(run({ dh: { date_histogram: { field: 'd', calendar_interval: '1M', time_zone: 'Europe/Paris', min_doc_count: 1 } } })).toEqual({
      dh: { buckets: [
        { key_as_string: '2011-03-01T00:00:00.000+01:00', key: 1298934000000, doc_count: 1 },
        { key_as_string: '2011-04-01T00:00:00.000+02:00', key: 1301608800000, doc_count: 1 },
        { key_as_string: '2012-01-01T00:00:00.000+01:00', key: 1325372400000, doc_count: 1 },
      ] },
    });
  });

  it('fixed intervals with a format, offsets, and the legacy interval parameter', () => {
    expect(run({ dh: { date_histogram: { field: 'd', fixed_interval: '90d', format: 'yyyy-MM-dd', min_doc_count: 1 } } })).toEqual({
      dh: { buckets: [
        { key_as_string: '2011-02-25', key: 1298592000000, doc_count: 2 },
        { key_as_string: '2011-11-22', key: 1321920000000, doc_count: 1 },
      ] },
    });
    expect(run({ a: { date_histogram: { field: 'd', calendar_interval: 'year', offset: '+6h' } } })).toEqual({
      a: { buckets: [
        { key_as_string: '2011-01-01T06:00:00.000Z', key: 1293861600000, doc_count: 2 },
        { key_as_string: '2012-01-01T06:00:00.000Z', key: 1325397600000, doc_count: 1 },
      ] },
    });
    const daily = run({ a: { date_histogram: { field: 'd', interval: 'day' } } }) as { a: { buckets: { key: number; doc_count: number }[] } };
    expect(daily.a.buckets).toHaveLength(295);
    expect(daily.a.buckets[0]).toEqual({ key_as_string: '2011-03-13T00:00:00.000Z', key: 1299974400000, doc_count: 1 });
    expect(daily.a.buckets.at(-1)).toEqual({ key_as_string: '2012-01-01T00:00:00.000Z', key: 1325376000000, doc_count: 1 });
  });

  it('uses the mapping format of the field for key_as_string', () => {
    const out = runAggregations({ dh: { date_histogram: { field: 'd', calendar_interval: 'year', min_doc_count: 1 } } }, DOCS, makeContext({ d: 'yyyy/MM/dd||epoch_millis' }));
    expect(out).toEqual({ dh: { buckets: [
      { key_as_string: '2011/01/01', key: 1293840000000, doc_count: 2 },
      { key_as_string: '2012/01/01', key: 1325376000000, doc_count: 1 },
    ] } });
  });

  it('rejects multiples of calendar units and unknown units', () => {
    expect(() => run({ a: { date_histogram: { field: 'd', calendar_interval: '2d' } } })).toThrow('[date_histogram] failed to parse field [calendar_interval]');
    expect(() => run({ a: { date_histogram: { field: 'd', fixed_interval: '1M' } } })).toThrow('[date_histogram] failed to parse field [fixed_interval]');
  });
});

describe('filter and missing aggregations', () => {
  it('filter narrows the bucket and runs sub-aggregations on it', () => {
    expect(run({ fl: { filter: { term: { k: 'a' } }, aggs: { m: { max: { field: 'n' } } } }, ms: { missing: { field: 'n' } }, mz: { missing: { field: 'zz' } } }))
      .toEqual({ fl: { doc_count: 2, m: { value: 150 } }, ms: { doc_count: 1 }, mz: { doc_count: 4 } });
  });

  it('filter propagates errors from the query compiler', () => {
    expect(() => run({ fl: { filter: { nope: {} } } })).toThrow(EngineError);
  });

  it('nests bucket aggregations', () => {
    expect(run({ t: { terms: { field: 'k' }, aggs: { h: { histogram: { field: 'n', interval: 100 } }, c: { missing: { field: 'f' } } } } })).toEqual({
      t: { doc_count_error_upper_bound: 0, sum_other_doc_count: 0, buckets: [
        { key: 'a', doc_count: 2, h: { buckets: [{ key: 0, doc_count: 1 }, { key: 100, doc_count: 1 }] }, c: { doc_count: 0 } },
        { key: 'b', doc_count: 1, h: { buckets: [{ key: 100, doc_count: 1 }] }, c: { doc_count: 0 } },
        { key: 'c', doc_count: 1, h: { buckets: [{ key: -100, doc_count: 1 }] }, c: { doc_count: 1 } },
      ] },
    });
  });
});

describe('request validation', () => {
  it('refuses global (it ignores the query) and unknown types, naming them, before running anything', () => {
    let err: unknown;
    try {
      run({ ok: { terms: { field: 'k' } }, g: { global: {} } });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(EngineError);
    expect((err as EngineError).status).toBe(400);
    expect((err as EngineError).reason).toMatch(/\[global\]/);
    expect(() => run({ a: { foo: { field: 'k' } } })).toThrow('Unknown aggregation type [foo]');
    expect(() => run({ a: { terms: { field: 'k' }, aggs: { deep: { significant_terms: { field: 'k' } } } } })).toThrow(/significant_terms/);
  });

  it('refuses two types in one aggregation and bad names', () => {
    expect(() => run({ a: { min: { field: 'n' }, max: { field: 'n' } } })).toThrow('Found two aggregation type definitions in [a]: [min] and [max]');
    expect(() => run({ 'a>b': { min: { field: 'n' } } })).toThrow(/Invalid aggregation name/);
  });
});
