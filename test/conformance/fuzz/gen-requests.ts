/**
 * The fuzzer's requests: every query type, option and aggregation the engine claims (see the engine
 * README), combined and nested, plus a share (~5%) of features just outside the subset (which the engine
 * must refuse, never answer differently). `page2` asks the runner to turn the request into a
 * `search_after` follow-up page using the last sort values the real node returned.
 */
import fc from 'fast-check';
import { BIG_LONGS, BOOLS, DATES, DATES2, EPOCH_SECONDS, FLOATS, INTS, KEYWORDS, LONGS, SHORTS, WORDS } from './gen-docs.js';

export interface FuzzRequest {
  readonly body: Record<string, unknown>;
  /** Fetch page 1, then ask both backends for the page after its last hit (search_after). */
  readonly page2: boolean;
  /** Use `_count` instead of `_search` (body has only `query`). */
  readonly count: boolean;
}

const TEXT_FIELDS = ['title', 'body', 'title.raw', 'tag', 'tags', 'obj.name', 'x', 'nt'] as const;
const NUM_FIELDS = ['i', 'l', 'f', 'dbl', 'obj.n', 'sh'] as const;
const DATE_FIELDS = ['d', 'd2'] as const;
/** The epoch_second field gets its own values only: seconds beyond Java's Instant (a long drawn for another
 *  field) are refused or saturated there, which the engine does not model. */
const ALL_FIELDS = [...TEXT_FIELDS, ...NUM_FIELDS, ...DATE_FIELDS, 'b', 'uid', 'nope'] as const;
const SORT_FIELDS = ['i', 'l', 'f', 'dbl', 'd', 'd2', 'b', 'tag', 'tags', 'title.raw', 'obj.n', 'obj.name', 'sh', 'ds'] as const;

const word = fc.constantFrom(...WORDS);
const words = fc.array(word, { minLength: 1, maxLength: 4 }).map((w) => w.join(' '));
const textValue = fc.oneof(words, fc.constantFrom(...KEYWORDS));
const anyValue = fc.oneof(
  fc.constantFrom(...INTS), fc.constantFrom(...LONGS), fc.constantFrom(...FLOATS), fc.constantFrom(...SHORTS), fc.constantFrom(...EPOCH_SECONDS), fc.constantFrom(...BIG_LONGS), fc.constantFrom(...DATES), fc.constantFrom(...DATES2),
  fc.constantFrom(...BOOLS), fc.constantFrom(...KEYWORDS), word, fc.constantFrom('0x10', '', '1e3', ' 5', 'now', '2017||+1M'),
);
const msm = fc.constantFrom(1, 2, -1, '50%', '-25%', '75%', '2<-25%', 0, 3);
const boost = fc.option(fc.constantFrom(0.5, 2, 1), { nil: undefined });

function withOpt<T extends Record<string, unknown>>(base: T, opts: Record<string, unknown>): T {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(opts)) if (v !== undefined) out[k] = v;
  return out as T;
}

const sqsText = fc.array(fc.oneof(
  { weight: 6, arbitrary: word },
  { weight: 1, arbitrary: word.map((w) => `${w}*`) },
  { weight: 1, arbitrary: word.map((w) => `-${w}`) },
  { weight: 1, arbitrary: word.map((w) => `+${w}`) },
  { weight: 1, arbitrary: fc.constantFrom('|', '+', '-', '(', ')', '"', '\\', '*') },
  { weight: 1, arbitrary: fc.tuple(word, word).map(([a, b]) => `"${a} ${b}"`) },
  { weight: 1, arbitrary: fc.tuple(word, word).map(([a, b]) => `(${a} | ${b})`) },
  { weight: 1, arbitrary: word.map((w) => `${w}~${w.length > 4 ? 1 : ''}`) },
), { minLength: 1, maxLength: 5 }).map((p) => p.join(' '));

const rangeBound = (field: string): fc.Arbitrary<unknown> => {
  if (field === 'ds') return fc.oneof(fc.constantFrom(...EPOCH_SECONDS), fc.constantFrom('now', 'now-10y/y', '1488700000||+1d', '1488700000||/d'));
  if ((DATE_FIELDS as readonly string[]).includes(field)) {
    return fc.oneof(fc.constantFrom(...DATES), fc.constantFrom(...(field === 'd2' ? DATES2 : DATES)),
      fc.constantFrom('now', 'now-10y/y', '2017||+1M/M', '2017-03-05||/d', 'now/d', '2017-03-05T10:11:12Z||-1h'));
  }
  if ((NUM_FIELDS as readonly string[]).includes(field)) return fc.oneof(fc.constantFrom(...INTS), fc.constantFrom(...FLOATS), fc.constantFrom(...LONGS), fc.constantFrom('5', '2.5'), fc.constantFrom(...BIG_LONGS));
  return textValue;
};

const leaf: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  fc.constant({ match_all: {} }),
  { weight: 1, arbitrary: fc.constant({ match_none: {} }) },
  { weight: 4, arbitrary: fc.record({ f: fc.constantFrom(...TEXT_FIELDS, 'i', 'd', 'b'), q: fc.oneof(words, anyValue), op: fc.option(fc.constantFrom('and', 'or'), { nil: undefined }), msm: fc.option(msm, { nil: undefined }), boost })
    .map(({ f, q, op, msm: m, boost: bo }) => ({ match: { [f]: withOpt({ query: q }, { operator: op, minimum_should_match: m, boost: bo, lenient: (f === 'i' || f === 'd' || f === 'b') ? true : undefined }) } })) },
  { weight: 2, arbitrary: fc.record({ f: fc.constantFrom('title', 'body', 'tag', 'nt'), q: words }).map(({ f, q }) => ({ match_phrase: { [f]: q } })) },
  { weight: 1, arbitrary: fc.record({ f: fc.constantFrom('title', 'body', 'tag', 'title.raw'), q: fc.oneof(words, words.map((w) => `${w} `), words.map((w) => w.slice(0, 2))), op: fc.option(fc.constantFrom('and', 'or'), { nil: undefined }), boost })
    .map(({ f, q, op, boost: bo }) => ({ match_bool_prefix: { [f]: withOpt({ query: q }, { operator: op, boost: bo }) } })) },
  { weight: 2, arbitrary: fc.record({ fs: fc.subarray(['title', 'body^2', 'tag', 'title.raw'], { minLength: 1 }), q: words, type: fc.option(fc.constantFrom('best_fields', 'most_fields', 'bool_prefix'), { nil: undefined }), op: fc.option(fc.constantFrom('and', 'or'), { nil: undefined }) })
    .map(({ fs, q, type, op }) => ({ multi_match: withOpt({ query: q, fields: fs }, { type, operator: op }) })) },
  { weight: 4, arbitrary: fc.record({ q: sqsText, fs: fc.option(fc.subarray(['title', 'body', 'tag', 'title.raw^3', 'nt'], { minLength: 1 }), { nil: undefined }), op: fc.option(fc.constantFrom('and', 'or'), { nil: undefined }), m: fc.option(msm, { nil: undefined }) })
    .map(({ q, fs, op, m }) => ({ simple_query_string: withOpt({ query: q }, { fields: fs, default_operator: op, minimum_should_match: m }) })) },
  { weight: 4, arbitrary: fc.record({ f: fc.constantFrom(...ALL_FIELDS, '_id', '_index'), v: anyValue, boost }).map(({ f, v, boost: bo }) => ({ term: { [f]: bo === undefined ? v : { value: v, boost: bo } } })) },
  { weight: 2, arbitrary: fc.record({ f: fc.constantFrom(...ALL_FIELDS, '_id'), v: fc.array(anyValue, { maxLength: 4 }) }).map(({ f, v }) => ({ terms: { [f]: v } })) },
  { weight: 1, arbitrary: fc.record({ v: fc.constantFrom(...EPOCH_SECONDS), many: fc.boolean() }).map(({ v, many }) => (many ? { terms: { ds: [v] } } : { term: { ds: v } })) },
  { weight: 3, arbitrary: fc.constantFrom(...NUM_FIELDS, ...DATE_FIELDS, 'ds', 'tag', 'title.raw', '_id').chain((f) => fc.record({
    gt: fc.option(rangeBound(f), { nil: undefined }), gte: fc.option(rangeBound(f), { nil: undefined }),
    lt: fc.option(rangeBound(f), { nil: undefined }), lte: fc.option(rangeBound(f), { nil: undefined }),
  }, { requiredKeys: [] }).map((r) => ({ range: { [f]: withOpt({}, r) } }))) },
  { weight: 2, arbitrary: fc.constantFrom(...ALL_FIELDS, 'obj').map((f) => ({ exists: { field: f } })) },
  { weight: 1, arbitrary: fc.record({ f: fc.constantFrom('tag', 'title', 'title.raw', 'tags', '_index'), v: fc.constantFrom('a', 'A', 'al', 'fo', 'Qu', '東', '', 'fuzz') , ci: fc.boolean() })
    .map(({ f, v, ci }) => ({ prefix: { [f]: ci ? { value: v, case_insensitive: true } : v } })) },
  { weight: 1, arbitrary: fc.record({ f: fc.constantFrom('tag', 'title', 'title.raw', 'tags'), v: fc.constantFrom('a*', '*a', 'A?pha', '*', 'f*x', 'qu*k', '?', '*e*'), ci: fc.boolean() })
    .map(({ f, v, ci }) => ({ wildcard: { [f]: ci ? { value: v, case_insensitive: true } : v } })) },
  { weight: 1, arbitrary: fc.array(fc.integer({ min: 0, max: 32 }).map((n) => `d${n}`), { maxLength: 4 }).map((ids) => ({ ids: { values: ids } })) },
  // `_index` values are index expressions (FINDINGS class 43): `_all`, patterns, `_`-names (a shard failure),
  // remote-cluster and static date-math forms, `?` taken literally.
  { weight: 1, arbitrary: fc.record({ q: fc.constantFrom('term', 'prefix', 'wildcard'), v: fc.constantFrom('_all', '*', '**', 'fuzz*', 'fuzz?', '_x', '*:fuzz*', '<fuzz*>', 'FUZZ*', 'f*z*'), ci: fc.boolean() })
    .map(({ q, v, ci }) => ({ [q]: { _index: ci ? { value: v, case_insensitive: true } : v } })) },
);

/** Features outside the engine's subset: OpenSearch answers them; the engine must refuse. */
const outside: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  words.map((q) => ({ dis_max: { queries: [{ match: { title: q } }, { match: { body: q } }] } })),
  words.map((q) => ({ query_string: { query: q } })),
  word.map((w) => ({ fuzzy: { title: w.toLowerCase() } })),
  fc.constant({ regexp: { tag: 'al.*' } }),
);

/** Named queries: each hit then lists those it matches (matched_queries); "Aa" and "BB" share a Java hash bucket. */
const queryName = fc.option(fc.constantFrom('b1', 'b2', 'Aa', 'BB', 'n'), { nil: undefined, freq: 4 });

const query: fc.Arbitrary<Record<string, unknown>> = fc.letrec<{ q: Record<string, unknown> }>((tie) => ({
  q: fc.oneof({ depthSize: 'small', withCrossShrink: true },
    { weight: 8, arbitrary: leaf },
    { weight: 3, arbitrary: fc.record({
      must: fc.option(fc.array(tie('q'), { maxLength: 2 }), { nil: undefined }),
      should: fc.option(fc.array(tie('q'), { maxLength: 3 }), { nil: undefined }),
      filter: fc.option(fc.array(tie('q'), { maxLength: 2 }), { nil: undefined }),
      must_not: fc.option(fc.array(tie('q'), { maxLength: 2 }), { nil: undefined }),
      minimum_should_match: fc.option(msm, { nil: undefined }),
      boost,
      _name: queryName,
    }, { requiredKeys: [] }).map((b) => ({ bool: withOpt({}, b) })) },
    { weight: 1, arbitrary: fc.record({ filter: tie('q'), boost, name: queryName }).map((c) => ({ constant_score: withOpt({ filter: c.filter }, { boost: c.boost, _name: c.name }) })) },
  ),
})).q;

const sortClause = fc.oneof(
  { weight: 4, arbitrary: fc.record({
    f: fc.constantFrom(...SORT_FIELDS), order: fc.constantFrom('asc', 'desc'),
    missing: fc.option(fc.constantFrom('_first', '_last'), { nil: undefined }), mode: fc.option(fc.constantFrom('min', 'max', 'sum', 'avg', 'median'), { nil: undefined }),
  }).map(({ f, order, missing, mode }) => ({ [f]: withOpt({ order }, { missing, mode }) })) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>('_score', { _score: 'asc' }, 'i', { d: 'desc' }, '_doc', { _doc: 'desc' }) },
);

const metric = fc.record({ t: fc.constantFrom('min', 'max', 'avg', 'sum', 'value_count', 'cardinality', 'stats'), f: fc.constantFrom(...NUM_FIELDS, 'd', 'b', 'tag', 'ds') })
  .map(({ t, f }) => ({ [t]: { field: f } }));

const bucketAgg: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  fc.record({ f: fc.constantFrom('tag', 'tags', 'i', 'b', 'd', 'obj.name', 'title.raw', 'f', 'l', 'x', 'ds'), size: fc.option(fc.integer({ min: 1, max: 12 }), { nil: undefined }),
    order: fc.option(fc.constantFrom<unknown>({ _count: 'asc' }, { _key: 'desc' }, { _key: 'asc' }, { m: 'desc' }, { 'm.avg': 'asc' }, { 'm[max]': 'desc' }, { 'm.value': 'asc' }, { 'm.count': 'desc' }), { nil: undefined }),
    min: fc.option(fc.constantFrom(1, 2), { nil: undefined }), missing: fc.option(fc.constantFrom<unknown>('none', 0), { nil: undefined }),
    include: fc.option(fc.constantFrom<unknown>('a.*', ['alpha', 'beta'], [1, 2, 7]), { nil: undefined }) })
    .map(({ f, size, order, min, missing, include }) => ({ terms: withOpt({ field: f }, { size, order, min_doc_count: min, missing, include }) })),
  fc.record({ f: fc.constantFrom(...NUM_FIELDS), interval: fc.constantFrom(1, 5, 0.5, 1000, 2147483647), min: fc.option(fc.constantFrom(0, 1), { nil: undefined }) })
    // Never min_doc_count 0 (the default): OpenSearch 3.6 fills every empty bucket between the extremes before
    // its bucket limit applies (InternalHistogram.addEmptyBuckets), so interval 1 over longs near 2^62 kills
    // the node with an OutOfMemoryError. The draw is kept (same random stream); only the value is fixed to 1.
    .map(({ f, interval }) => ({ histogram: { field: f, interval, min_doc_count: 1 } })),
  fc.record({ f: fc.constantFrom('d', 'd2'), iv: fc.constantFrom<Record<string, unknown>>({ calendar_interval: 'year' }, { calendar_interval: 'month' }, { fixed_interval: '30d' }, { calendar_interval: '1q' }),
    fmt: fc.option(fc.constantFrom('yyyy', 'yyyy-MM-dd'), { nil: undefined }), min: fc.option(fc.constantFrom(0, 1), { nil: undefined }) })
    // On `d` never min_doc_count 0 (the default): its documents hold years like -86400000, and OpenSearch 3.6
    // fills every empty bucket from there to 2024 before its bucket limit applies (the node dies). The draw is
    // kept (same random stream); only the value is fixed to 1 there.
    .map(({ f, iv, fmt, min }) => ({ date_histogram: withOpt({ field: f, ...iv }, { format: fmt, min_doc_count: f === 'd' ? 1 : min }) })),
  fc.record({ f: fc.constantFrom(...NUM_FIELDS), r: fc.array(fc.record({ from: fc.option(fc.constantFrom(-1, 0, 2, 7.5, 100), { nil: undefined }), to: fc.option(fc.constantFrom(0, 5, 42, 1e9), { nil: undefined }) }, { requiredKeys: [] }), { minLength: 1, maxLength: 3 }) })
    .map(({ f, r }) => ({ range: { field: f, ranges: r.map((x) => withOpt({}, x)) } })),
  leaf.map((q) => ({ filter: q })),
  fc.record({ qs: fc.array(leaf, { minLength: 1, maxLength: 3 }), named: fc.boolean(), other: fc.constantFrom<Record<string, unknown>>({}, { other_bucket: true }, { other_bucket_key: 'rest' }) })
    .map(({ qs, named, other }) => ({ filters: { filters: named ? Object.fromEntries(qs.map((q, i) => [`f${(i * 7) % 3}${i}`, q])) : qs, ...other } })),
  fc.record({ f: fc.constantFrom('d', 'd2', 'i', 'ds'), r: fc.array(fc.record({
    from: fc.option(fc.constantFrom('2017', '2017-03-05||/M', 'now-10y/y', 0, '2020-02-29', 2017, 1.5), { nil: undefined }),
    to: fc.option(fc.constantFrom('2018', 'now/y', '2017-03-05T10:11:12Z||+1d', 1488700000000, 1488700000), { nil: undefined }),
    key: fc.option(fc.constantFrom('k1', 'k2'), { nil: undefined }) }, { requiredKeys: [] }), { minLength: 1, maxLength: 3 }),
  fmt: fc.option(fc.constantFrom('yyyy', 'yyyy-MM-dd'), { nil: undefined }), keyed: fc.option(fc.boolean(), { nil: undefined }) })
    .map(({ f, r, fmt, keyed }) => ({ date_range: withOpt({ field: f, ranges: r.map((x) => withOpt({}, x)) }, { format: fmt, keyed }) })),
  fc.constantFrom(...NUM_FIELDS, 'tag', 'd', 'b').map((f) => ({ missing: { field: f } })),
);

const outsideAgg = fc.oneof(
  fc.constant({ top_hits: { size: 1 } }),
  fc.constantFrom(...NUM_FIELDS).map((f) => ({ extended_stats: { field: f } })),
  fc.constant({ composite: { sources: [{ t: { terms: { field: 'tag' } } }] } }),
);

const aggs = fc.oneof(
  { weight: 6, arbitrary: fc.record({ top: bucketAgg, sub: fc.option(fc.oneof(metric, bucketAgg), { nil: undefined }) })
    .map(({ top, sub }) => ({ a: sub === undefined ? top : { ...top, aggs: { m: sub } } })) },
  { weight: 2, arbitrary: metric.map((m) => ({ m })) },
  { weight: 1, arbitrary: outsideAgg.map((o) => ({ o })) },
);

const source = fc.constantFrom<unknown>(false, true, 'title', 'obj.*', ['tag', 'i'], 'tag,i', { includes: ['obj'], excludes: ['obj.n'] }, { excludes: ['title', 'body'] }, 'nope');

const OUTSIDE_QUERIES = new Set(['dis_max', 'query_string', 'fuzzy', 'regexp']);
const OUTSIDE_AGGS = new Set(['top_hits', 'extended_stats', 'composite']);

/** Whether a request uses a feature deliberately drawn from outside the subset (`outside`, `outsideAgg`). */
export function outsideSubset(body: Record<string, unknown>): boolean {
  const walk = (v: unknown, keys: ReadonlySet<string>): boolean => {
    if (Array.isArray(v)) return v.some((x) => walk(x, keys));
    if (typeof v !== 'object' || v === null) return false;
    return Object.entries(v).some(([k, x]) => keys.has(k) || walk(x, keys));
  };
  return walk(body.query, OUTSIDE_QUERIES) || walk(body.post_filter, OUTSIDE_QUERIES) || walk(body.aggs, OUTSIDE_AGGS);
}

export const requestArb: fc.Arbitrary<FuzzRequest> = fc.record({
  q: fc.option(fc.oneof({ weight: 19, arbitrary: query }, { weight: 1, arbitrary: outside }), { nil: undefined, freq: 8 }),
  from: fc.option(fc.integer({ min: 0, max: 12 }), { nil: undefined }),
  size: fc.option(fc.integer({ min: 0, max: 25 }), { nil: undefined }),
  sort: fc.option(fc.array(sortClause, { minLength: 1, maxLength: 3 }), { nil: undefined, freq: 2 }),
  tth: fc.option(fc.constantFrom<unknown>(true, false, 3, -1, 0), { nil: undefined, freq: 4 }),
  source: fc.option(source, { nil: undefined, freq: 3 }),
  aggs: fc.option(aggs, { nil: undefined, freq: 3 }),
  trackScores: fc.option(fc.boolean(), { nil: undefined, freq: 6 }),
  postFilter: fc.option(leaf, { nil: undefined, freq: 10 }),
  page2: fc.boolean(),
  count: fc.integer({ min: 0, max: 19 }).map((n) => n === 0),
}).map((r) => {
  if (r.count) return { body: r.q === undefined ? {} : { query: r.q }, page2: false, count: true };
  const body: Record<string, unknown> = {};
  if (r.q !== undefined) body.query = r.q;
  if (r.from !== undefined && !r.page2) body.from = r.from;
  if (r.size !== undefined) body.size = r.size;
  // A sorted request ends with the unique `uid` so its order is fully determined on both backends.
  if (r.sort !== undefined) body.sort = [...r.sort, { uid: 'asc' }];
  if (r.tth !== undefined) body.track_total_hits = r.tth;
  if (r.source !== undefined) body._source = r.source;
  if (r.aggs !== undefined) body.aggs = r.aggs;
  if (r.trackScores !== undefined) body.track_scores = r.trackScores;
  if (r.postFilter !== undefined) body.post_filter = r.postFilter;
  return { body, page2: r.page2 && r.sort !== undefined, count: false };
});
