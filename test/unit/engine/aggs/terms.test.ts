import { describe, expect, it } from 'vitest';
import { runAggregations } from '../../../../src/engine/aggs/aggregate.js';
import { DOCS, makeContext } from './fixture.js';

const ctx = makeContext();
const run = (aggs: Record<string, unknown>, docs = DOCS) => runAggregations(aggs, docs, ctx);
const head = { doc_count_error_upper_bound: 0, sum_other_doc_count: 0 };

describe('terms aggregation', () => {
  it('renders keyword, integer, float, date and boolean keys like OpenSearch', () => {
    expect(run({
      tk: { terms: { field: 'k' } }, tn: { terms: { field: 'n' } }, tf: { terms: { field: 'f' } },
      td: { terms: { field: 'd' } }, tb: { terms: { field: 'b' } },
    })).toEqual({
      tk: { ...head, buckets: [{ key: 'a', doc_count: 2 }, { key: 'b', doc_count: 1 }, { key: 'c', doc_count: 1 }] },
      tn: { ...head, buckets: [{ key: -20, doc_count: 1 }, { key: 5, doc_count: 1 }, { key: 150, doc_count: 1 }] },
      tf: { ...head, buckets: [{ key: 1.5, doc_count: 1 }, { key: 2.25, doc_count: 1 }] },
      td: { ...head, buckets: [
        { key: 1300000000000, key_as_string: '2011-03-13T07:06:40.000Z', doc_count: 1 },
        { key: 1303344000000, key_as_string: '2011-04-21T00:00:00.000Z', doc_count: 1 },
        { key: 1325412000000, key_as_string: '2012-01-01T10:00:00.000Z', doc_count: 1 },
      ] },
      tb: { ...head, buckets: [{ key: 0, key_as_string: 'false', doc_count: 1 }, { key: 1, key_as_string: 'true', doc_count: 1 }] },
    });
  });

  it('size, order by _key and sum_other_doc_count', () => {
    expect(run({ t: { terms: { field: 'k', size: 1, order: { _key: 'desc' } } } })).toEqual({
      t: { doc_count_error_upper_bound: 0, sum_other_doc_count: 3, buckets: [{ key: 'c', doc_count: 1 }] },
    });
  });

  it('missing adds a bucket; min_doc_count drops buckets without counting them as other', () => {
    expect(run({ t2: { terms: { field: 'n', missing: 0 } }, t3: { terms: { field: 'k', missing: 'NONE', min_doc_count: 2 } } })).toEqual({
      t2: { ...head, buckets: [{ key: -20, doc_count: 1 }, { key: 0, doc_count: 1 }, { key: 5, doc_count: 1 }, { key: 150, doc_count: 1 }] },
      t3: { ...head, buckets: [{ key: 'a', doc_count: 2 }] },
    });
    expect(run({ t: { terms: { field: 'b', missing: true } } })).toEqual({
      t: { ...head, buckets: [{ key: 1, key_as_string: 'true', doc_count: 3 }, { key: 0, key_as_string: 'false', doc_count: 1 }] },
    });
  });

  it('sub-aggregations render inside buckets and can drive the order', () => {
    expect(run({ t: { terms: { field: 'k', order: { top: 'desc' } }, aggs: { top: { max: { field: 'n' } } } } })).toEqual({
      t: { ...head, buckets: [
        { key: 'a', doc_count: 2, top: { value: 150 } },
        { key: 'b', doc_count: 1, top: { value: 150 } },
        { key: 'c', doc_count: 1, top: { value: -20 } },
      ] },
    });
  });

  it('orders keyword keys by code point (UTF-8 byte order), not UTF-16 units', () => {
    const docs = [{ k: '\u{1F600}' }, { k: '\uFF21' }, { k: 'z' }];
    const out = run({ t: { terms: { field: 'k', order: { _key: 'asc' } } } }, docs) as { t: { buckets: { key: string }[] } };
    expect(out.t.buckets.map((b) => b.key)).toEqual(['z', '\uFF21', '\u{1F600}']);
  });

  it('include/exclude by array and by regular expression', () => {
    expect(run({ a: { terms: { field: 'k', include: ['a', 'c'] } }, b: { terms: { field: 'k', exclude: 'a|b' } } })).toEqual({
      a: { ...head, buckets: [{ key: 'a', doc_count: 2 }, { key: 'c', doc_count: 1 }] },
      b: { ...head, buckets: [{ key: 'c', doc_count: 1 }] },
    });
  });

  it('unmapped field gives no buckets', () => {
    expect(run({ t: { terms: { field: 'zz' } } })).toEqual({ t: { ...head, buckets: [] } });
  });

  it('refuses min_doc_count 0 (it would list terms from documents outside the query), size 0 and text fields', () => {
    expect(() => run({ t: { terms: { field: 'k', min_doc_count: 0 } } })).toThrow(/min_doc_count: 0/);
    expect(() => run({ t: { terms: { field: 'k', size: 0 } } })).toThrow('[terms] failed to parse field [size]');
    expect(() => run({ t: { terms: { field: 't' } } })).toThrow(/Text fields are not optimised/);
    expect(() => run({ t: { terms: { field: 'k', foo: 1 } } })).toThrow('[terms] unknown field [foo]');
    expect(() => run({ t: { terms: { field: 'k', order: { nope: 'asc' } } } })).toThrow(/Invalid aggregation order path \[nope\]/);
  });
});

describe('meta fields', () => {
  it('refuses a meta field the context does not expose instead of answering with no buckets', () => {
    expect(() => run({ t: { terms: { field: '_index' } } })).toThrow('aggregating on meta field [_index] is not supported');
  });

  it('aggregates a meta field when the context exposes it', () => {
    const base = makeContext();
    const withIndex = {
      ...base,
      fieldType: (f: string) => (f === '_index' ? 'keyword' : base.fieldType(f)),
      values: (d: Record<string, unknown>, f: string) => (f === '_index' ? [d.n === undefined ? 'idx-b' : 'idx-a'] : base.values(d, f)),
    };
    expect(runAggregations({ t: { terms: { field: '_index' } } }, DOCS, withIndex)).toEqual({
      t: { ...head, buckets: [{ key: 'idx-a', doc_count: 3 }, { key: 'idx-b', doc_count: 1 }] },
    });
  });
});
