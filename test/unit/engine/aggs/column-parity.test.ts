/**
 * The column fast path (AggContext.column) must give exactly what the per-doc `values` path gives. The
 * same aggregations run over the same docs with and without `column`, on a varied dataset with
 * multi-valued keywords and numbers, missing values, float fields and deletions.
 */
import { describe, expect, it } from 'vitest';
import { runAggregations, type AggContext } from '../../../../src/engine/aggs/aggregate.js';
import { SearchIndex } from '../../../../src/engine/index/search-index.js';
import { makeAggContext } from '../../../../src/engine/search/agg-context.js';
import { MAPPINGS, makeDocs } from '../query/dev/dataset.js';

const ix = new SearchIndex('parity', { mappings: { properties: { ...MAPPINGS.properties, nums: { type: 'long' } } } });
makeDocs(1500, 3).forEach((d, i) => ix.index(d.id, i % 9 === 0 ? { ...d.source, nums: [i % 7, 3, i % 5, 3] } : d.source));
for (let i = 0; i < 1500; i += 13) ix.delete(`d${i}`);
const docs = Int32Array.from({ length: ix.maxDoc }, (_, i) => i).filter((ord) => ix.isLive(ord));

function withoutColumns<D>(ctx: AggContext<D>): AggContext<D> {
  const { column: _column, ...rest } = ctx;
  return { ...rest, values: ctx.values.bind(ctx), fieldType: ctx.fieldType.bind(ctx), compileFilter: ctx.compileFilter.bind(ctx) };
}

const AGGS: Record<string, unknown> = {
  terms_kw: { terms: { field: 'tags', size: 3 }, aggs: { p: { avg: { field: 'price' } }, n: { value_count: { field: 'nums' } } } },
  terms_missing: { terms: { field: 'tags', missing: 'a' } },
  terms_missing_new: { terms: { field: 'color.keyword', missing: 'none', order: { _key: 'asc' } } },
  terms_num: { terms: { field: 'nums', size: 20 }, aggs: { c: { cardinality: { field: 'tags' } } } },
  terms_by_sub: { terms: { field: 'category', order: { m: 'desc' } }, aggs: { m: { max: { field: 'rating' } } } },
  terms_bool: { terms: { field: 'in_stock' } },
  hist: { histogram: { field: 'price', interval: 7.5, offset: 1 }, aggs: { t: { terms: { field: 'category' } } } },
  hist_multi: { histogram: { field: 'nums', interval: 2, min_doc_count: 1 } },
  hist_missing: { histogram: { field: 'rating', interval: 1, missing: 0 } },
  date_hist: { date_histogram: { field: 'created', calendar_interval: 'month' }, aggs: { s: { sum: { field: 'qty' } } } },
  date_hist_zone: { date_histogram: { field: 'created', fixed_interval: '5d', time_zone: '+05:30', offset: '2h' } },
  date_hist_dst: { date_histogram: { field: 'created', calendar_interval: 'week', time_zone: 'Europe/Paris' } },
  range: { range: { field: 'nums', ranges: [{ to: 2 }, { from: 2, to: 4 }, { from: 3 }] }, aggs: { a: { avg: { field: 'qty' } } } },
  metrics: { filter: { range: { qty: { gte: 20 } } }, aggs: {
    min: { min: { field: 'price' } }, max: { max: { field: 'nums' } }, sum: { sum: { field: 'rating', missing: 1 } },
    avg: { avg: { field: 'author.age' } }, vc: { value_count: { field: 'tags' } }, vcn: { value_count: { field: 'nums' } },
    card: { cardinality: { field: 'tags', missing: 'zzz' } }, cardn: { cardinality: { field: 'nums' } }, cardd: { cardinality: { field: 'day' } },
  } },
  missing: { missing: { field: 'tags' }, aggs: { h: { histogram: { field: 'qty', interval: 10 } } } },
};

describe('aggregations: column fast path equals the values path', () => {
  for (const [name, agg] of Object.entries(AGGS)) {
    it(name, () => {
      const fast = makeAggContext([ix], 0);
      expect(fast.column?.('tags')?.kind).toBe('ordinals');
      const viaColumns = runAggregations({ [name]: agg }, docs, fast);
      const viaValues = runAggregations({ [name]: agg }, Array.from(docs), withoutColumns(makeAggContext([ix], 0)));
      expect(viaColumns).toEqual(viaValues);
    });
  }
});
