/** The requests the perf dev scripts time, shared so the embedded engine and the real node run the same. */
export const PERF_CASES: Record<string, unknown> = {
  term: { query: { term: { category: 'books' } } },
  range: { query: { range: { price: { gte: 10, lt: 20 } } } },
  range_narrow: { query: { range: { price: { gte: 10, lt: 10.5 } } } },
  bool_filter: { query: { bool: { filter: [{ term: { category: 'books' } }, { range: { qty: { gte: 10 } } }, { term: { in_stock: true } }] } } },
  full_text: { query: { match: { body: 'quick fox' } } },
  phrase: { query: { match_phrase: { body: 'quick fox' } } },
  sloppy_phrase: { query: { match_phrase: { body: { query: 'quick fox', slop: 2 } } } },
  terms_agg: { size: 0, aggs: { c: { terms: { field: 'category' } } } },
  filtered_agg: { size: 0, query: { range: { qty: { gte: 25 } } }, aggs: { c: { terms: { field: 'tags' } }, p: { avg: { field: 'price' } } } },
  histogram: { size: 0, aggs: { h: { histogram: { field: 'price', interval: 10 } } } },
  date_histogram: { size: 0, aggs: { h: { date_histogram: { field: 'created', calendar_interval: 'month' } } } },
  metrics: { size: 0, aggs: { a: { min: { field: 'qty' } }, b: { max: { field: 'price' } }, c: { sum: { field: 'rating' } }, d: { cardinality: { field: 'tags' } } } },
  terms_sub: { size: 0, aggs: { c: { terms: { field: 'category' }, aggs: { p: { avg: { field: 'price' } } } } } },
  sort_price: { query: { term: { in_stock: true } }, sort: [{ price: 'desc' }] },
  sqs: { query: { simple_query_string: { query: 'quick +fox -dog' } } },
};
