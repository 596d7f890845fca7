import { describe, expect, it } from 'vitest';
import { runAggregations } from '../../../../src/engine/aggs/aggregate.js';
import { DOCS, makeContext } from './fixture.js';

const ctx = makeContext();
const run = (aggs: Record<string, unknown>, docs = DOCS) => runAggregations(aggs, docs, ctx);

describe('metric aggregations', () => {
  it('min/max/avg/sum over numbers, dates and booleans render like OpenSearch', () => {
    expect(run({
      mn: { min: { field: 'd' } }, mx: { max: { field: 'n' } }, av: { avg: { field: 'f' } }, s: { sum: { field: 'n' } },
      a: { min: { field: 'b' } }, bb: { avg: { field: 'b' } }, sd: { sum: { field: 'd' } },
    })).toEqual({
      mn: { value: 1.3e12, value_as_string: '2011-03-13T07:06:40.000Z' },
      mx: { value: 150 },
      av: { value: 1.875 },
      s: { value: 135 },
      a: { value: 0, value_as_string: 'false' },
      bb: { value: 0.5, value_as_string: 'true' },
      sd: { value: 3.928756e12, value_as_string: '2094-06-30T17:06:40.000Z' },
    });
  });

  it('empty input: min/max/avg are null, sum is 0, counts are 0', () => {
    expect(run({
      a: { min: { field: 'n' } }, b: { max: { field: 'd' } }, c: { avg: { field: 'f' } }, d: { sum: { field: 'n' } },
      e: { value_count: { field: 'k' } }, f: { cardinality: { field: 'k' } },
    }, [])).toEqual({ a: { value: null }, b: { value: null }, c: { value: null }, d: { value: 0 }, e: { value: 0 }, f: { value: 0 } });
  });

  it('unmapped fields behave as having no values', () => {
    expect(run({ a: { min: { field: 'zz' } }, b: { sum: { field: 'zz' } }, c: { cardinality: { field: 'zz' } } }))
      .toEqual({ a: { value: null }, b: { value: 0 }, c: { value: 0 } });
  });

  it('value_count counts values (multi-valued fields count each value); cardinality counts distinct values', () => {
    expect(run({ vc: { value_count: { field: 'k' } }, c: { cardinality: { field: 'k' } }, vd: { value_count: { field: 'd' } } }))
      .toEqual({ vc: { value: 4 }, c: { value: 3 }, vd: { value: 3 } });
  });

  it('float fields aggregate their single-precision values', () => {
    const docs = [{ f: 0.1 }, { f: 0.2 }];
    expect(run({ s: { sum: { field: 'f' } }, m: { max: { field: 'f' } } }, docs)).toEqual({
      s: { value: Math.fround(0.1) + Math.fround(0.2) },
      m: { value: Math.fround(0.2) },
    });
  });

  it('missing substitutes a value for docs without one', () => {
    expect(run({ s: { sum: { field: 'n', missing: 1000 } }, m: { min: { field: 'zz', missing: 7 } } }))
      .toEqual({ s: { value: 1135 }, m: { value: 7 } });
  });

  it('a custom format renders value_as_string', () => {
    expect(run({ g: { max: { field: 'd', format: 'yyyy' } } })).toEqual({ g: { value: 1.325412e12, value_as_string: '2012' } });
  });

  it('rejects keyword and text fields like OpenSearch', () => {
    expect(() => run({ a: { min: { field: 'k' } } })).toThrow('Field [k] of type [keyword] is not supported for aggregation [min]');
    expect(() => run({ a: { value_count: { field: 't' } } })).toThrow(/Text fields are not optimised/);
  });

  it('rejects sub-aggregations under a metric and unknown parameters', () => {
    expect(() => run({ a: { min: { field: 'n' }, aggs: { x: { max: { field: 'n' } } } } }))
      .toThrow('Aggregator [a] of type [min] cannot accept sub-aggregations');
    expect(() => run({ a: { avg: { field: 'n', script: 'x' } } })).toThrow('[avg] unknown field [script]');
  });
});
