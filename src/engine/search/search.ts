/**
 * `_search` and `_count` over already-resolved target indices. The body is validated completely (query,
 * sort, _source, aggregations) before any work, and errors raised while running against an index come back
 * wrapped the way OpenSearch reports shard failures.
 */
import { compileAggregations, runTopLevel } from '../aggs/aggregate.js';
import { creationPhase } from '../aggs/agg-node.js';
import { EngineError, atParse, parsingError, raisedAtParse } from '../errors.js';
import { MAX_DOC_ID_BATCHES, type SearchIndex } from '../index/search-index.js';
import { copyNumberText, isRawNumber, numberTextOf } from '../index/exact-numbers.js';
import { compileQuery } from '../query/compile.js';
import { countQueryError, parsingAt } from '../query/clause-errors.js';
import { jacksonLocation } from '../index/json-positions.js';
import { intersect, type DocSet } from '../query/doc-set.js';
import { isObject } from '../query/params.js';
import { queryShardError } from '../query/field-values.js';
import type { ExecContext, Query } from '../query/types.js';
import type { HitList } from './hits.js';
import { makeAggContext, refsOf, type DocRef } from './agg-context.js';
import { parseSourceFilter } from './source-filter.js';
import { floatValue } from './render-number.js';
import { buildColumn, checkSort, checkSortValues, mergeCastError, cursorOnMissingSentinel, lacksSortValue, mayFailSortSkipping, primaryKey, segmentSkipping, topK, type KeyColumn, type PrimaryKey } from './sorter.js';
import { parseSort, parseSortParam, type SortClause } from './sort-spec.js';
import { searchAfterSkippable, shardOrder } from './shard-order.js';
import { namedMatcher } from './named-queries.js';
import { collects, countKnown, terminatedEarly, type ShardCounting } from './terminated-early.js';

const BODY_KEYS = new Set(['query', 'from', 'size', 'sort', '_source', 'track_total_hits', 'search_after', 'aggs',
  'aggregations', 'post_filter', 'min_score', 'track_scores', 'version', 'seq_no_primary_term', 'timeout', 'include_named_queries_score']);
/** The kinds of value (`v` a scalar, `o` an object, `a` an array) SearchSourceBuilder.parseXContent takes
 *  for each key it knows (null is none of them). */
const BODY_KEY_KINDS: Record<string, string> = {
  query: 'o', post_filter: 'o', aggs: 'o', aggregations: 'o', ext: 'o', highlight: 'o', collapse: 'o', suggest: 'o',
  script_fields: 'o', slice: 'o', pit: 'o', from: 'v', size: 'v', timeout: 'v', min_score: 'v', track_scores: 'v',
  version: 'v', seq_no_primary_term: 'v', include_named_queries_score: 'v', track_total_hits: 'v', explain: 'v',
  profile: 'v', terminate_after: 'v', sort: 'voa', _source: 'voa', search_after: 'a', stats: 'a', docvalue_fields: 'a',
  fields: 'a', stored_fields: 'va', rescore: 'oa', indices_boost: 'oa',
};

function valueKind(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a';
  return typeof v === 'object' && !isRawNumber(v) ? 'o' : 'v';
}

/** Search body options OpenSearch knows that the engine does not implement: refused by name (a documented
 *  refusal), not as an unknown key. */
const KNOWN_UNSUPPORTED_BODY_KEYS = new Set(['explain', 'profile', 'terminate_after', 'stored_fields', 'docvalue_fields', 'fields',
  'highlight', 'collapse', 'rescore', 'suggest', 'script_fields', 'indices_boost', 'slice', 'pit', 'search_pipeline',
  'derived', 'verbose_pipeline']);
const REFUSED_PARAMS = ['q', 'df', 'analyzer', 'default_operator', 'lenient', 'analyze_wildcard', 'explain', 'stored_fields',
  'docvalue_fields', 'terminate_after', 'scroll', 'search_type', 'routing', 'preference', 'allow_partial_search_results'];
const MAX_RESULT_WINDOW = 10_000;

function tokenName(v: unknown): string {
  if (Array.isArray(v)) return 'START_ARRAY';
  if (v === null) return 'VALUE_NULL';
  switch (typeof v) {
    case 'object': return 'START_OBJECT';
    case 'string': return 'VALUE_STRING';
    case 'number': return 'VALUE_NUMBER';
    case 'boolean': return 'VALUE_BOOLEAN';
    default: return 'VALUE_EMBEDDED_OBJECT';
  }
}

/**
 * A body int as SearchSourceBuilder reads it (XContentParser.intValue): a number truncated toward zero
 * (1.5 is 1), a string read as a Java double then truncated ("2", "1.5"), a number beyond int range or a
 * boolean refused with Jackson's errors.
 */
function intParam(name: string, v: unknown, dflt: number, body?: object): number {
  if (v === undefined || v === null) return dflt;
  if (typeof v === 'boolean') {
    const at = body ? jacksonLocation({ holder: body, key: name, at: 'value' }) : '';
    throw atParse(new EngineError(400, 'json_parse_exception', `Current token (${v ? 'VALUE_TRUE' : 'VALUE_FALSE'}) not numeric, can not use numeric value accessors${at}`));
  }
  if (typeof v === 'string') {
    if (!/^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?[fFdD]?\s*$/.test(v)) {
      throw atParse(new EngineError(400, 'number_format_exception', `For input string: "${v}"`));
    }
    const d = Number(v.trim().replace(/[fFdD]$/, ''));
    if (d < -(2 ** 31) || d > 2 ** 31 - 1) throw atParse(new EngineError(400, 'illegal_argument_exception', `Value [${v}] is out of range for an integer`));
    return Math.trunc(d) + 0;
  }
  const text = isRawNumber(v) ? v.rawJSON : typeof v === 'number' ? String(v) : undefined;
  const n = isRawNumber(v) ? Number(v.rawJSON) : v;
  if (typeof n !== 'number' || text === undefined) throw parsingError(`[${name}] must be an integer, got [${String(v)}]`);
  if (!(Math.abs(Math.trunc(n)) <= 2 ** 31 - 1) && !(Math.trunc(n) === -(2 ** 31))) {
    throw atParse(new EngineError(400, 'input_coercion_exception', `Numeric value (${text}) out of range of int (-2147483648 - 2147483647)`));
  }
  return Math.trunc(n) + 0;
}

/** RestRequest.paramAsInt: Java's Integer.parseInt of the parameter, or its 400. */
function javaIntParam(name: string, v: string): number {
  const n = /^[+-]?\d+$/.test(v) ? Number(v) : NaN;
  if (!Number.isSafeInteger(n) || n < -(2 ** 31) || n > 2 ** 31 - 1) {
    throw new EngineError(400, 'illegal_argument_exception', `Failed to parse int parameter [${name}] with value [${v}]`, {
      caused_by: { type: 'number_format_exception', reason: `For input string: "${v}"` },
    });
  }
  return n === 0 ? 0 : n;
}

/** RestRequest.paramAsBoolean(name, null): empty is null, otherwise strictly `true` or `false`. */
function booleanParam(v: string): boolean | undefined {
  if (v.trim() === '') return undefined;
  if (v === 'true') return true;
  if (v === 'false') return false;
  throw new EngineError(400, 'illegal_argument_exception', `Failed to parse value [${v}] as only [true] or [false] are allowed.`);
}

/** SearchSourceBuilder.trackTotalHitsUpTo: -1 means "do not track" on OpenSearch 3.6 (no `total`), not "track all". */
function trackTotalUpTo(n: number, raw: string): number | false {
  if (!Number.isInteger(n) || n < -1) throw new EngineError(400, 'illegal_argument_exception', `[track_total_hits] parameter must be positive or equals to -1, got ${raw}`);
  return n === -1 ? false : n;
}

/** Wrap an error raised while executing against an index like OpenSearch's "all shards failed". */
function shardFailure(ix: SearchIndex, e: unknown): unknown {
  // The engine's own refusals refuse the whole search: as a shard failure, other indices would answer.
  if (!(e instanceof EngineError) || e.reason.includes('not supported by the embedded engine')) return e;
  // An invalid index name (an `_index` query value resolved as an index expression) names it, as everywhere.
  const named = e.type === 'invalid_index_name_exception' ? { index: e.extra?.index, index_uuid: e.extra?.index_uuid } : {};
  const shard = e.type === 'query_shard_exception' ? { index: ix.name, index_uuid: ix.uuid } : {};
  const inner = e.extra?.caused_by;
  const cause = { type: e.type, reason: e.reason, ...named, ...shard };
  const full = inner !== undefined ? { ...cause, caused_by: inner } : cause;
  // OpenSearchException.guessRootCauses: down the causes while they are OpenSearch's own exceptions (a
  // query_shard_exception "failed to create query" around a date's parse_exception has that as its root).
  let root: Record<string, unknown> = full;
  for (;;) {
    const next = root.caused_by as Record<string, unknown> | undefined;
    if (!next || typeof next.type !== 'string' || !OPENSEARCH_EXCEPTIONS.has(next.type)) break;
    root = next;
  }
  const { caused_by: _chain, ...rootOnly } = root;
  return new EngineError(e.status, 'search_phase_execution_exception', 'all shards failed', {
    root_cause: [root === full ? cause : rootOnly],
    phase: 'query',
    grouped: true,
    failed_shards: [{ shard: 0, index: ix.name, node: 'embedded', reason: full }],
    // A Java exception (not one of OpenSearch's own) reaches the top wrapped once more, so it shows twice.
    caused_by: JAVA_EXCEPTIONS.has(e.type) ? { ...cause, caused_by: full } : root,
  });
}

/** OpenSearchException subclasses that appear as causes in the engine's errors (Lucene's and Java's do not
 *  count: guessRootCauses stops above them). */
const OPENSEARCH_EXCEPTIONS = new Set(['parse_exception', 'query_shard_exception', 'parsing_exception', 'aggregation_execution_exception', 'search_exception']);

/** Exception types that are plain Java exceptions rather than OpenSearchException subclasses. */
const JAVA_EXCEPTIONS = new Set(['illegal_argument_exception', 'number_format_exception', 'illegal_state_exception',
  'date_time_exception', 'date_time_parse_exception', 'arithmetic_exception', 'runtime_exception', 'zone_rules_exception']);

/** Errors raised by one index's shard in its query phase (OpenSearch reports those per shard, and answers
 *  with the other shards' results when some succeed), with the index that raised them. */
const indexFailures = new WeakMap<object, SearchIndex>();

function indexFailure(ix: SearchIndex, e: unknown): unknown {
  const wrapped = shardFailure(ix, e);
  if (wrapped instanceof EngineError && wrapped !== e) indexFailures.set(wrapped, ix);
  return wrapped;
}

/** The index whose shard raised `e` in its query phase, if it was one index's failure. */
export function failedIndexOf(e: unknown): SearchIndex | undefined {
  return typeof e === 'object' && e !== null ? indexFailures.get(e) : undefined;
}

/** Shard failures raised while the shard built the sort (the can_match phase builds it first). */
const sortFailures = new WeakSet<object>();

/** Whether `e` is an index's failure to build the search's sort. */
export function isSortFailure(e: unknown): boolean {
  return typeof e === 'object' && e !== null && sortFailures.has(e);
}

interface Parsed {
  query: Query;
  postFilter: Query | undefined;
  from: number;
  size: number;
  sort: SortClause[] | undefined;
  searchAfter: unknown[] | undefined;
  trackTotal: number | true | false;
  minScore: number | undefined;
  trackScores: boolean;
  version: boolean;
  seqNo: boolean;
  /** `matched_queries` as an object of scores (include_named_queries_score). */
  namedScores: boolean;
  /** `hits.total` as a bare number, -1 when not tracked (rest_total_hits_as_int). */
  totalAsInt: boolean;
  /** An error OpenSearch raises only once every shard answered (the coordinator's reduce). */
  lateError: EngineError | undefined;
  /** A body option the engine refuses by name, reported after the body's parse errors. */
  refused: EngineError | undefined;
}

function parseBody(targets: readonly SearchIndex[], body: unknown, params: Record<string, string>): Parsed & { b: Record<string, unknown> } {
  const b = body === undefined || body === null ? {} : body;
  if (!isObject(b)) throw parsingError('request body must be an object');
  let refused: EngineError | undefined;
  for (const [k, v] of Object.entries(b)) {
    // SearchSourceBuilder.parseXContent dispatches on the value's token first: a known key with a value of
    // another kind (or null) is an unknown key there, at that value.
    const kinds = BODY_KEY_KINDS[k];
    if (kinds !== undefined && !kinds.includes(valueKind(v))) throw parsingAt(`Unknown key for a ${tokenName(v)} in [${k}].`, { holder: b, key: k, at: 'value' });
    // FetchSourceContext.fromXContent takes a boolean or a string among the scalars.
    if (k === '_source' && (typeof v === 'number' || isRawNumber(v))) {
      throw parsingAt('Expected one of [VALUE_BOOLEAN, START_OBJECT] but found [VALUE_NUMBER]', { holder: b, key: k, at: 'value' });
    }
    if (BODY_KEYS.has(k)) continue;
    if (k === 'stats' && Array.isArray(v)) {
      // Statistics groups: they only tag the search in the node's stats.
      v.forEach((g, i) => {
        if (typeof g !== 'string') throw parsingAt(`Expected [VALUE_STRING] in [stats] but found [${tokenName(g)}]`, { holder: v, key: i, at: 'value' });
      });
      continue;
    }
    if (k === 'ext' && isObject(v)) {
      if (Object.keys(v).length > 0) throw new EngineError(400, 'x_content_parse_exception', 'unknown named object category [org.opensearch.search.SearchExtBuilder]');
      continue;
    }
    // Options whose value switches them off change nothing.
    if ((k === 'explain' || k === 'profile') && v === false) continue;
    if (k === 'terminate_after' && v === 0) continue;
    if (KNOWN_UNSUPPORTED_BODY_KEYS.has(k)) {
      // Reported only once the whole body parsed: OpenSearch knows the option, so a parse error anywhere
      // else in the body (an unknown key or query, a negative size, an aggregation's) is its answer (hunt3 C3).
      refused ??= new EngineError(400, 'illegal_argument_exception', `search option [${k}] is not supported by the embedded engine`);
      continue;
    }
    throw parsingAt(`Unknown key for a ${tokenName(v)} in [${k}].`, { holder: b, key: k, at: 'value' });
  }
  for (const p of REFUSED_PARAMS) {
    if (params[p] !== undefined && !(p === 'search_type' && params[p] === 'query_then_fetch')) {
      throw new EngineError(400, 'illegal_argument_exception', `request parameter [${p}] is not supported by the embedded engine`);
    }
  }
  // The body first (SearchSourceBuilder.parseXContent: a negative `from`/`size` fails there), then the URL
  // parameters over it (RestSearchAction.parseSearchSource): each one given replaces the body's value, and
  // `sort` adds its clauses after the body's.
  let from = intParam('from', b.from, 0, b);
  let size = intParam('size', b.size, 10, b);
  if (from < 0) throw atParse(new EngineError(400, 'illegal_argument_exception', `[from] parameter cannot be negative, found [${from}]`));
  if (size < 0) throw atParse(new EngineError(400, 'illegal_argument_exception', `[size] parameter cannot be negative, found [${size}]`));
  let trackTotal: number | true | false = 10_000;
  let lateError: EngineError | undefined;
  const tth = b.track_total_hits;
  if (tth === true || tth === 'true') trackTotal = true;
  else if (tth === false || tth === 'false') trackTotal = false;
  else if (tth !== undefined) {
    // The body's value is read as a Java int while parsing (1.5 is 1; "abc" fails the request there).
    let n = Number(tth);
    if (typeof tth === 'number' || (typeof tth === 'string' && tth.trim() !== '' && Number.isFinite(n))) n = Math.trunc(n);
    else throw atParse(new EngineError(400, 'number_format_exception', `For input string: "${String(tth)}"`));
    // Below -1 in the body it is only refused when the coordinator counts the hits (TopDocsStats), after
    // every shard answered: an empty "all shards" failure of the fetch phase (checked on 3.6.0).
    if (Number.isInteger(n) && n < -1) {
      lateError = new EngineError(400, 'search_phase_execution_exception', '', {
        root_cause: [], phase: 'fetch', grouped: true, failed_shards: [],
        caused_by: { type: 'illegal_argument_exception', reason: `value must be >= 0, got ${n}` },
      });
    } else trackTotal = trackTotalUpTo(n, String(tth));
  }
  let parsedSort = b.sort !== undefined ? parseSort(b.sort) : undefined;
  let version = b.version === true;
  let seqNo = b.seq_no_primary_term === true;
  let trackScores = b.track_scores === true;
  let minScore: number | undefined;
  if (b.min_score !== undefined) {
    // XContentParser.floatValue: a number, or a string Float.parseFloat reads ("1.5", "NaN": then nothing
    // scores enough); a boolean is Jackson's error, null and containers an unknown key.
    const v = b.min_score;
    if (typeof v === 'boolean') {
      const at = jacksonLocation({ holder: b, key: 'min_score', at: 'value' });
      throw atParse(new EngineError(400, 'json_parse_exception', `Current token (${v ? 'VALUE_TRUE' : 'VALUE_FALSE'}) not numeric, can not use numeric value accessors${at}`));
    }
    if (typeof v === 'string') {
      if (!/^\s*[+-]?((\d+\.?\d*|\.\d+)([eE][+-]?\d+)?[fFdD]?|NaN|Infinity)\s*$/.test(v)) {
        throw atParse(new EngineError(400, 'number_format_exception', `For input string: "${v}"`));
      }
      minScore = Math.fround(Number(v.trim().replace(/[fFdD]$/, '')));
    } else if (typeof v === 'number' || isRawNumber(v)) {
      minScore = Math.fround(Number(isRawNumber(v) ? v.rawJSON : v));
    } else throw parsingAt(`Unknown key for a ${tokenName(v)} in [min_score].`, { holder: b, key: 'min_score', at: 'value' });
  }
  let query = b.query === undefined ? compileQuery({ match_all: {} }) : compileQuery(b.query);
  const postFilter = b.post_filter === undefined ? undefined : compileQuery(b.post_filter);

  if (params.from !== undefined) {
    from = javaIntParam('from', params.from);
    if (from < 0) throw new EngineError(400, 'illegal_argument_exception', `[from] parameter cannot be negative, found [${from}]`);
  }
  if (params.size !== undefined) {
    size = javaIntParam('size', params.size);
    if (size < 0) throw new EngineError(400, 'illegal_argument_exception', `[size] parameter cannot be negative, found [${size}]`);
  }
  // `version=` (empty) sets the value to null, i.e. off, whatever the body said.
  if (params.version !== undefined) version = booleanParam(params.version) === true;
  if (params.seq_no_primary_term !== undefined) seqNo = booleanParam(params.seq_no_primary_term) === true;
  // (`_source*` parameters: parseSourceFilter.)
  if (params.track_scores !== undefined) trackScores = booleanParam(params.track_scores) ?? false;
  // The body's include_named_queries_score is parsed, then replaced by the URL parameter's value (false when
  // absent, true when empty): RestSearchAction sets it unconditionally.
  const bodyNamed = b.include_named_queries_score;
  if (bodyNamed !== undefined && bodyNamed !== true && bodyNamed !== false) {
    if (typeof bodyNamed !== 'string') throw atParse(new EngineError(400, 'json_parse_exception', `Current token (${tokenName(bodyNamed)}) not of boolean type`));
    booleanParam(bodyNamed === '' ? 'x' : bodyNamed);
  }
  const namedRaw = params.include_named_queries_score;
  const namedScores = namedRaw === undefined ? false : namedRaw === '' ? true : booleanParam(namedRaw) === true;
  if (params.track_total_hits !== undefined) {
    const t = params.track_total_hits;
    trackTotal = t === 'true' ? true : t === 'false' ? false : trackTotalUpTo(javaIntParam('track_total_hits', t), t);
  }
  // rest_total_hits_as_int (RestSearchAction.checkRestTotalHits): the total as a bare number, so it must be
  // exact: hit counting is made accurate unless the request set it, and a set limit is refused.
  const asIntRaw = params.rest_total_hits_as_int;
  const totalAsInt = asIntRaw === undefined ? false : asIntRaw === '' ? true : booleanParam(asIntRaw) === true;
  if (totalAsInt) {
    if (tth === undefined && params.track_total_hits === undefined) trackTotal = true;
    else if (typeof trackTotal === 'number') {
      throw atParse(new EngineError(400, 'illegal_argument_exception', `[rest_total_hits_as_int] cannot be used if the tracking of total hits is not accurate, got ${trackTotal}`));
    }
  }
  if (params.sort !== undefined) parsedSort = [...(parsedSort ?? []), ...parseSortParam(params.sort)];
  // An empty list is no sort at all on OpenSearch (hits by score, scores kept): FINDINGS class 22.
  const sort = parsedSort !== undefined && parsedSort.length === 0 ? undefined : parsedSort;
  let searchAfter: unknown[] | undefined;
  if (b.search_after !== undefined) {
    if (!Array.isArray(b.search_after)) throw parsingError('[search_after] must be an array');
    // OpenSearch's order (SearchService.parseSource, SearchAfterBuilder.buildFieldDoc): an empty array is no
    // cursor; then `from`; then a sort with a field (none, or only `_score` descending, is no sort there);
    // then the number of values.
    if (b.search_after.length > 0) {
      // Jackson reads a JSON integer `-0` as the int 0 (the decimal -0.0 stays a negative zero double).
      const raw = b.search_after;
      searchAfter = raw.map((v, i) => (v === 0 && Object.is(v, -0) && numberTextOf(raw, i) === '-0' ? 0 : v));
      // The JSON text of each number stays at hand (a keyword cursor is the text Jackson gives the number).
      for (let i = 0; i < raw.length; i++) copyNumberText(raw, i, searchAfter, i);
      const fail = (reason: string, status = 400, type = 'illegal_argument_exception'): unknown => {
        const err = new EngineError(status, type, reason);
        return targets[0] ? shardFailure(targets[0], err) : err;
      };
      // SearchService.parseSource on the shard: a SearchException, reported as a 500 shard failure.
      if (from > 0) throw fail('`from` parameter must be set to 0 when `search_after` is used.', 500, 'search_exception');
      const relevanceOnly = sort === undefined || sort.length === 0 || (sort.length === 1 && sort[0]!.kind === 'score' && sort[0]!.desc);
      if (relevanceOnly) throw fail('Sort must contain at least one field.');
      if (searchAfter.length !== sort!.length) throw fail(`search_after has ${searchAfter.length} value(s) but sort has ${sort!.length}.`);
    }
  }
  const approximated = approximateRange(targets, b, trackTotal, sort, searchAfter);
  if (approximated) query = compileQuery(approximated);
  return {
    b,
    query,
    postFilter,
    from, size, sort, searchAfter, trackTotal, minScore, trackScores, version, seqNo, namedScores, totalAsInt, lateError, refused,
  };
}

/**
 * The parse error of a search body, if it has one (what OpenSearch raises while parsing the request, before
 * it resolves an index or runs a shard): `_msearch` checks every item with this first, as one such error
 * fails the whole request there (hunt3 C3).
 */
export function parseErrorOf(targets: readonly SearchIndex[], body: unknown, params: Record<string, string> = {}): unknown {
  try {
    const p = parseBody(targets, body, params);
    parseSourceFilter(p.b._source, params);
    const aggsBody = p.b.aggs ?? p.b.aggregations;
    if (p.b.aggs !== undefined && p.b.aggregations !== undefined) throw parsingError('Found two aggregation type definitions in [aggregations]: [aggs] and [aggregations]');
    if (aggsBody !== undefined) {
      const aggCtx = makeAggContext(targets, Date.now());
      try {
        compileAggregations<DocRef>(aggsBody, aggCtx);
      } catch (e) {
        if (raisedAtParse(e)) throw e;
        raiseAggParseErrors(aggsBody, aggCtx);
      }
    }
  } catch (e) {
    if (raisedAtParse(e)) return e;
  }
  return undefined;
}

const POINT_TYPES = new Set(['long', 'integer', 'short', 'byte', 'double', 'float', 'half_float', 'scaled_float']);

/**
 * OpenSearch 3.6 runs a top-level `match_all` (no boost) as an ApproximateMatchAllQuery: with no
 * aggregations, hit counting not `true`, and one sort clause on a field without `missing` (not `_doc` or
 * `_id`), a shard where that field is numeric or a date answers the page from a range query over all of the
 * field's points — documents without a value are left out of the hits (FINDINGS class 35), while the total,
 * counted up front, still has them (a post_filter or min_score counts the narrowed hits instead). On
 * `_index`, whose type has no range query, the shard fails. Checked on 3.6.0 (hunt2 H2-34). Returns the
 * sort field when the request qualifies; each index then decides by its own mapping (approximatedOn).
 */
function approximatedMatchAll(p: Parsed & { b: Record<string, unknown> }, aggsBody: unknown, query: unknown = p.b.query): string | undefined {
  if (isObject(aggsBody) && Object.keys(aggsBody).length > 0) return undefined;
  return approximableSortField(p, query);
}

/**
 * The sort field an ApproximateMatchAllQuery would range over, aggregations aside: a top-level match_all
 * without boost (a `bool` without clauses is rewritten to one: BoolQueryBuilder.doRewrite), hit counting
 * not `true`, one sort clause on a field without `missing`, other than `_id`/`_doc`.
 */
function approximableSortField(p: Parsed & { b: Record<string, unknown> }, query: unknown = p.b.query): string | undefined {
  if (!matchAllLike(query)) return undefined;
  if (p.trackTotal === true || !p.sort || p.sort.length !== 1) return undefined;
  const c = p.sort[0]!;
  if (c.kind !== 'field' || c.missingGiven || c.field === '_id') return undefined;
  return c.field;
}

/**
 * OpenSearch 3.6 answers a top-level `date_histogram`, `range` or `date_range` aggregation without
 * sub-aggregations under a plain match_all (or no query) from the field's points (FilterRewriteOptimization
 * Context), which counts every document and ignores `min_score` (hunt3 C6: buckets full, hits.total 0; in
 * UTC, not under a fixed offset). Where `min_score` drops documents (above match_all's score 1) that is
 * refused rather than answered with the buckets narrowed.
 */
function refuseMinScoreFilterRewrite(p: Parsed & { b: Record<string, unknown> }, aggsBody: unknown): void {
  if (p.minScore === undefined || !(p.minScore > 1) || !isObject(aggsBody)) return;
  if (p.b.query !== undefined && p.b.query !== null && !matchAllLike(p.b.query)) return;
  for (const [name, def] of Object.entries(aggsBody)) {
    if (!isObject(def) || 'aggs' in def || 'aggregations' in def) continue;
    const type = ['date_histogram', 'range', 'date_range'].find((t) => t in def);
    if (type) {
      throw new EngineError(400, 'illegal_argument_exception', `[${type}] aggregation [${name}] without sub-aggregations under a match_all with [min_score] above 1, which OpenSearch's points (filter rewrite) optimization counts ignoring min_score, is not supported by the embedded engine`);
    }
  }
}

const BOOL_CLAUSES = ['must', 'should', 'filter', 'must_not'];

/** Whether an aggregation of the request takes a shortcut that ignores min_score (see its use). */
function minScoreBlind(aggs: unknown, query: unknown): boolean {
  if (!isObject(aggs)) return false;
  const matchAll = query === undefined || matchAllLike(query);
  const hasCardinality = (a: unknown, depth: number): boolean => isObject(a) && depth < 100 && Object.values(a).some((def) =>
    isObject(def) && ('cardinality' in def || hasCardinality(def.aggs ?? def.aggregations, depth + 1)));
  return hasCardinality(aggs, 0) || (matchAll && Object.values(aggs).some((def) => isObject(def) && ('min' in def || 'max' in def)));
}

/**
 * OpenSearch 3.6 counts a top-level date_histogram, range or date_range without sub-aggregations from the
 * index's points where the query matches a whole segment (Weight.count equal to its maxDoc) or is a range
 * on the histogram's field (FilterRewriteOptimizationContext): min_score is not applied there (checked on
 * 3.6.0: match_all with any boost, exists, a range covering every value, a top-level range on the field).
 * Segments are unknowable here, so the condition is generous: the query matched every live document of the
 * index, the index had deletes, or the query is a top-level range (wide seed 89).
 */
function pointsRewriteBlind(aggs: unknown, query: unknown, ix: SearchIndex, matched: number): boolean {
  if (!isObject(aggs)) return false;
  const optimized = Object.values(aggs).some((def) => isObject(def) && ('date_histogram' in def || 'range' in def || 'date_range' in def)
    && def.aggs === undefined && def.aggregations === undefined);
  if (!optimized) return false;
  return matched === ix.docCount || ix.hadDeletes || (isObject(query) && 'range' in query);
}

/** A query OpenSearch runs as a plain match_all: `match_all` or a clause-less `bool`, boost 1 (names allowed). */
function matchAllLike(q: unknown): boolean {
  if (!isObject(q) || Object.keys(q).length !== 1) return false;
  const [kind, spec] = Object.entries(q)[0]!;
  if (!isObject(spec)) return false;
  if (spec.boost !== undefined && Number(spec.boost) !== 1) return false;
  if (kind === 'match_all') return true;
  if (kind !== 'bool') return false;
  return BOOL_CLAUSES.every((k) => spec[k] === undefined || (Array.isArray(spec[k]) && spec[k].length === 0));
}

/**
 * With aggregations the query phase runs match_all unapproximated, so hits without a value of the sort field
 * reach the page; with `track_scores` the fetch phase scores them against the query rewritten afresh, which
 * then is the approximation (a range over the field's points, aggregations being unknown there): a page hit
 * without a value fails its shard with a 500 (checked on 3.6.0: the shard's other hits are lost, the total
 * and aggregations stay); on `_index` the rewrite itself fails (400). Returns, per failing index, its error.
 */
function fetchScoreFailures(p: Parsed & { b: Record<string, unknown> }, aggsBody: unknown, targets: readonly SearchIndex[],
  page: readonly { target: number; ord: number }[]): Map<number, EngineError> {
  const failed = new Map<number, EngineError>();
  if (!p.trackScores || !isObject(aggsBody) || Object.keys(aggsBody).length === 0) return failed;
  const field = approximableSortField(p);
  if (field === undefined) return failed;
  for (const { target, ord } of page) {
    if (failed.has(target)) continue;
    const ix = targets[target]!;
    if (field === '_index') {
      failed.set(target, new EngineError(400, 'illegal_argument_exception', 'Field [_index] of type [_index] does not support range queries'));
      continue;
    }
    const type = ix.leaf(field)?.type;
    if (type === undefined || !(POINT_TYPES.has(type) || type === 'date') || !lacksSortValue(ix, p.sort![0]!, ord)) continue;
    // The reason names a HitContext object by its identity hash, which differs on every run.
    const hash = ((Math.imul(ord + 1, 0x9e3779b1) ^ target) >>> 0).toString(16);
    failed.set(target, new EngineError(500, 'illegal_state_exception',
      `Can't compute score on document org.opensearch.search.fetch.FetchSubPhase$HitContext@${hash} as it doesn't match the query`));
  }
  return failed;
}

/**
 * What the ApproximateMatchAllQuery becomes on the sort field: its documents with a value, and with a numeric
 * search_after cursor only those after it (the range starts at the cursor, exclusive), so a post_filter's
 * total counts those alone (checked on 3.6.0 for long, float and date fields; hunt4 r29).
 */
function approximationOf(field: string, ix: SearchIndex, p: Parsed): Record<string, unknown> {
  const after = p.searchAfter?.[0];
  const cursor = typeof after === 'number' ? after : typeof after === 'string' && after.trim() !== '' ? Number(after) : NaN;
  if (!Number.isFinite(cursor)) return { exists: { field } };
  const desc = p.sort?.[0]?.desc === true;
  const isDate = ix.leaf(field)?.type === 'date';
  return { range: { [field]: { [desc ? 'lt' : 'gt']: cursor, ...(isDate ? { format: 'epoch_millis' } : {}) } } };
}

function approximatedOn(ix: SearchIndex, field: string): string | undefined {
  if (field === '_index') throw new EngineError(400, 'illegal_argument_exception', 'Field [_index] of type [_index] does not support range queries');
  const type = ix.leaf(field)?.type;
  return type !== undefined && (POINT_TYPES.has(type) || type === 'date') ? field : undefined;
}

/**
 * OpenSearch 3.6 runs a top-level `range` query on a numeric field as an ApproximatePointRangeQuery
 * when it can (no aggregations, hit counting not `true`, no boost): sorted by that same field alone (no
 * `missing`) with `search_after`, it replaces the range's bound on the cursor's side with the cursor
 * (exclusive: the lower one ascending, the upper one descending). Its total then counts only the matches
 * after the cursor, and a cursor outside the range widens it (hits beyond the range come back). The query
 * is answered as that replacement: the range without its cursor-side bounds, and the cursor as a bound.
 * (Date fields are not narrowed there: checked on 3.6.)
 */
function approximateRange(targets: readonly SearchIndex[], b: Record<string, unknown>, trackTotal: number | boolean,
  sort: readonly SortClause[] | undefined, searchAfter: unknown[] | undefined): Record<string, unknown> | undefined {
  if (!searchAfter || searchAfter.length !== 1 || !sort || sort.length !== 1) return undefined;
  if (b.aggs !== undefined || b.aggregations !== undefined) return undefined;
  if (trackTotal === true) return undefined;
  const c = sort[0]!;
  if (c.kind !== 'field' || c.missingGiven || c.mode !== undefined) return undefined;
  if (!isObject(b.query) || Object.keys(b.query).length !== 1 || !isObject(b.query.range)) return undefined;
  const entries = Object.entries(b.query.range);
  if (entries.length !== 1) return undefined;
  const [field, written] = entries[0]!;
  if (field !== c.field || !isObject(written)) return undefined;
  const spec = withoutFromTo(written);
  if (!Object.keys(spec).every((k) => ['gt', 'gte', 'lt', 'lte', 'format', 'time_zone'].includes(k))) return undefined;
  const types = targets.map((ix) => ix.leaf(field)?.type);
  if (!types.every((t) => t === undefined || POINT_TYPES.has(t)) || !types.some((t) => t !== undefined)) return undefined;
  const cursor = searchAfter[0];
  if (typeof cursor !== 'number' || !Number.isFinite(cursor)) return undefined;
  const other: Record<string, unknown> = { ...spec };
  for (const k of c.desc ? ['lt', 'lte'] : ['gt', 'gte']) delete other[k];
  const clauses: Record<string, unknown>[] = [];
  if (['gt', 'gte', 'lt', 'lte'].some((k) => k in other)) clauses.push({ range: { [field]: other } });
  clauses.push({ range: { [field]: { [c.desc ? 'lt' : 'gt']: cursor } } });
  return { constant_score: { filter: { bool: { filter: clauses } } } };
}

/** A range spec's legacy `from`/`to` (with include_lower/include_upper) as the gt/gte/lt/lte they mean. */
function withoutFromTo(spec: Record<string, unknown>): Record<string, unknown> {
  if (!('from' in spec) && !('to' in spec) && !('include_lower' in spec) && !('include_upper' in spec)) return spec;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(spec)) {
    if (k === 'include_lower' || k === 'include_upper') continue;
    if (k === 'from') { if (v !== null) out[spec.include_lower === false ? 'gt' : 'gte'] = v; continue; }
    if (k === 'to') { if (v !== null) out[spec.include_upper === false ? 'lt' : 'lte'] = v; continue; }
    out[k] = v;
  }
  return out;
}

/**
 * The queries of every filter/filters aggregation in an aggregations object (those that compile). Their
 * parsing errors (`parsing_exception`, `x_content_parse_exception`: a range with two lower bounds, an unknown
 * query) are thrown here, before any shard-level work: OpenSearch parses the whole body at the REST layer,
 * so such an error wins over the sort's and the query's shard failures. Other errors are reported when the
 * aggregation compiles.
 */
function aggFilterQueries(aggs: unknown, out: Query[] = [], depth = 0): Query[] {
  if (!isObject(aggs) || depth > 100) return out;
  const add = (q: unknown): void => {
    try {
      out.push(compileQuery(q));
    } catch (e) {
      if (e instanceof EngineError && (e.type === 'parsing_exception' || e.type === 'x_content_parse_exception')) throw e;
    }
  };
  for (const def of Object.values(aggs)) {
    if (!isObject(def)) continue;
    if (def.filter !== undefined) add(def.filter);
    if (isObject(def.filters)) {
      const f = def.filters.filters;
      if (Array.isArray(f)) f.forEach(add);
      else if (isObject(f)) Object.values(f).forEach(add);
    }
    aggFilterQueries(def.aggs ?? def.aggregations, out, depth + 1);
  }
  return out;
}

/**
 * Raises the first parse-time error of aggregations whose compile failed (see errors.ts `atParse`): each
 * aggregation is compiled alone, and below one that fails to build each of its sub-aggregations, so that
 * a build error (a regex include on a number, a field type) never hides a sibling's parse error.
 */
function raiseAggParseErrors(aggs: unknown, ctx: ReturnType<typeof makeAggContext>, depth = 0): void {
  if (!isObject(aggs) || depth > 100) {
    try {
      compileAggregations<DocRef>(aggs, ctx);
    } catch (e) {
      if (raisedAtParse(e)) throw e;
    }
    return;
  }
  for (const [name, def] of Object.entries(aggs)) {
    try {
      compileAggregations<DocRef>({ [name]: def }, ctx);
    } catch (e) {
      if (raisedAtParse(e)) throw e;
      const sub = isObject(def) ? def.aggs ?? def.aggregations : undefined;
      if (sub !== undefined) raiseAggParseErrors(sub, ctx, depth + 1);
    }
  }
}

/**
 * With several indices each shard builds the aggregations on its own mapping: an index whose mapping
 * refuses them (a range or min on a field it maps as keyword, a `missing` its type cannot read) fails
 * alone, and the others answer (a partial result, checked on OpenSearch 3.6.0). Compiling them against
 * each index alone finds those; the first is reported as that index's failure (rest/search.ts runs the
 * search again without it). Where every index refuses, or the engine itself does not support something,
 * the compile over all of them reports it as before.
 */
function failShardsRefusingAggregations(targets: readonly SearchIndex[], aggsBody: unknown, now: number): void {
  const errors = targets.map((ix): unknown => {
    try {
      compileAggregations<DocRef>(aggsBody, makeAggContext([ix], now));
      return undefined;
    } catch (e) {
      return e;
    }
  });
  const shardErrors = errors.map((e) => (e instanceof EngineError && !raisedAtParse(e) && !e.reason.includes('not supported by the embedded engine') ? e : undefined));
  // A parse error or an engine refusal on any index: the compile over all of them reports it.
  if (errors.some((e, i) => e !== undefined && shardErrors[i] === undefined)) return;
  const failed = shardErrors.findIndex((e) => e !== undefined);
  if (failed >= 0 && shardErrors.some((e) => e === undefined)) throw indexFailure(targets[failed]!, shardErrors[failed]);
}

/** Execute a query on one index, dropping deleted docs. */
function runQuery(ix: SearchIndex, q: Query, ctx: ExecContext): DocSet {
  // OpenSearch rewrites the whole query on the shard before building it: rewrite errors come first.
  q.rewrite?.(ix, ctx);
  let set: DocSet;
  try {
    set = q.execute(ix, ctx);
  } catch (e) {
    // QueryShardContext.toQuery wraps an exception that is not OpenSearch's own (java.time's here).
    if (e instanceof EngineError && e.type === 'date_time_exception') throw queryShardError(`failed to create query: ${e.reason}`);
    throw e;
  }
  if (!ix.hasDeletes) return set;
  const live = ix.liveMask();
  let dead = 0;
  for (let i = 0; i < set.docs.length; i++) if (live[set.docs[i]!] !== 1) dead++;
  if (dead === 0) return set;
  const docs = new Int32Array(set.docs.length - dead);
  const scores = set.scores ? new Float32Array(docs.length) : null;
  let k = 0;
  for (let i = 0; i < set.docs.length; i++) {
    if (live[set.docs[i]!] !== 1) continue;
    docs[k] = set.docs[i]!;
    if (scores) scores[k] = set.scores![i]!;
    k++;
  }
  return { docs, scores, constant: set.constant };
}

/**
 * OpenSearch's can_match pre-filter phase (SearchTransportService / CanMatchPreFilterSearchPhase): over more
 * shards than the pre-filter size, which is 1 when the first sort is on a field (or `_doc`), each shard
 * rewrites the query, and a shard where it becomes match_none is skipped, never building the query, the
 * sort or the post_filter (so their errors do not happen there); if every shard would be skipped, the first
 * (by index name) is still queried. Only for a real query (not match_all) and without aggregations that
 * must visit every document, as canRewriteToMatchNone says; search_after's own skipping is not modelled.
 * Returns the indices to skip (each index is one shard here); `targets` are in index name order.
 */
export function canMatchSkipped(targets: readonly SearchIndex[], body: unknown, params: Record<string, string> = {}): SearchIndex[] {
  if (targets.length < 2) return [];
  let p: ReturnType<typeof parseBody>;
  try {
    p = parseBody(targets, body, params);
  } catch {
    return [];
  }
  const first = p.sort?.[0];
  if (!first || first.kind === 'score') return [];
  const q = p.b.query;
  if (q === undefined || q === null || (isObject(q) && Object.keys(q).length === 1 && 'match_all' in q)) return [];
  if (mustVisitAllDocs(p.b.aggs ?? p.b.aggregations)) return [];
  const ctx: ExecContext = { scoring: false, now: Date.now() };
  const skipped = targets.filter((ix) => {
    try {
      // A rewrite that fails leaves the shard to the query phase, where it fails the same way; so does a
      // sort the shard cannot build (can_match builds the whole sort: an unmapped field in any clause or a
      // bad numeric `missing` fails there, also on a shard without values; checked on 3.6.0).
      p.query.rewrite?.(ix, ctx);
      if (p.query.coordNone?.() !== true && p.query.noneOn?.(ix) !== true) return false;
      checkSort([ix], p.sort!);
      checkSortValues(ix, p.sort!, undefined, 'build');
      return true;
    } catch {
      return false;
    }
  });
  return skipped.length === targets.length ? skipped.slice(1) : skipped;
}

/**
 * AggregatorFactories.Builder.mustVisitAllDocs: a top-level `global`, or `terms` with min_doc_count 0, keeps
 * can_match from skipping a shard; other aggregations do not (a skipped shard then adds nothing to them).
 */
function mustVisitAllDocs(aggs: unknown): boolean {
  if (!isObject(aggs)) return false;
  return Object.values(aggs).some((a) => isObject(a) && ('global' in a || (isObject(a.terms) && Number(a.terms.min_doc_count) === 0)));
}

/**
 * The shards of a search in the order its query phase numbers them: with a field as the primary sort and
 * more than one shard, OpenSearch runs the can_match phase (pre_filter_shard_size is 1 then), which orders
 * them by that field's bounds (shard-order.ts); a DFS search skips that phase.
 */
/** Whether the can_match phase runs (see canMatchOrder): more shards than the pre-filter size, which is 1
 *  under a primary sort on a field. */
export function canMatchRuns(targets: readonly SearchIndex[], body: unknown, params: Record<string, string> = {}): boolean {
  if (targets.length < 2 || params.search_type === 'dfs_query_then_fetch') return false;
  if (params.pre_filter_shard_size !== undefined && !(Number(params.pre_filter_shard_size) < targets.length)) return false;
  try {
    return parseBody(targets, body, params).sort?.[0]?.kind === 'field';
  } catch {
    return false;
  }
}

export function canMatchOrder(targets: readonly SearchIndex[], body: unknown, params: Record<string, string> = {}): readonly SearchIndex[] {
  if (targets.length < 2 || params.search_type === 'dfs_query_then_fetch') return targets;
  // The phase runs when pre_filter_shard_size (1 under a field sort unless given) is below the shard count.
  if (params.pre_filter_shard_size !== undefined && !(Number(params.pre_filter_shard_size) < targets.length)) return targets;
  try {
    return shardOrder(targets, parseBody(targets, body, params).sort?.[0]);
  } catch {
    // The search itself reports the error.
    return targets;
  }
}

export function search(targets: readonly SearchIndex[], body: unknown, params: Record<string, string> = {}): Record<string, unknown> {
  const p = parseBody(targets, body, params);
  const source = parseSourceFilter(p.b._source, params);
  const aggsBody = p.b.aggs ?? p.b.aggregations;
  if (p.b.aggs !== undefined && p.b.aggregations !== undefined) throw parsingError('Found two aggregation type definitions in [aggregations]: [aggs] and [aggregations]');
  const now = Date.now();
  const aggCtx = makeAggContext(targets, now);
  const scoreSorted = !p.sort || p.sort.some((c) => c.kind === 'score');
  const scoring = scoreSorted || p.trackScores || p.minScore !== undefined;
  const ctx: ExecContext = { scoring, now };

  // OpenSearch parses the aggregations with the rest of the body, before any shard works: their parse
  // errors (an invalid interval, order or bounds, no field, ...) come before every other error, and fail an
  // _msearch as a whole. Compiling them here raises those; any other error is raised again below, where
  // OpenSearch raises it.
  let compiledEarly: ReturnType<typeof compileAggregations<DocRef>> | undefined;
  if (aggsBody !== undefined) {
    try {
      compiledEarly = compileAggregations<DocRef>(aggsBody, aggCtx);
    } catch (e) {
      if (raisedAtParse(e)) throw e;
      raiseAggParseErrors(aggsBody, aggCtx);
    }
  }
  if (p.refused) throw p.refused;
  refuseMinScoreFilterRewrite(p, aggsBody);

  // 0. OpenSearch rewrites the whole search source on the shard (query, post_filter and the queries of
  //    filter/filters aggregations) before it builds any of them: those rewrite errors (an empty `_index`
  //    name, a bad date bound) come first. Parsing errors of the aggregations are left to their compile.
  const aggFilters = aggsBody === undefined ? [] : aggFilterQueries(aggsBody);
  targets.forEach((ix) => {
    try {
      p.query.rewrite?.(ix, ctx);
      p.postFilter?.rewrite?.(ix, { scoring: false, now });
      for (const q of aggFilters) q.rewrite?.(ix, { scoring: false, now });
    } catch (e) {
      throw indexFailure(ix, e);
    }
  });

  // 1. Match per index.
  const perIndex: DocSet[] = [];
  const aggSets: Int32Array[] = [];
  /** Per index, what the query matched before any approximation (its total where no filter applies). */
  const matchedForTotal: number[] = [];
  const approximated = approximatedMatchAll(p, aggsBody);
  // A post_filter that is a plain match_all is approximated the same way (on its own, whatever the query):
  // it then keeps only documents with a value, after the cursor (checked on 3.6.0; hunt4 r29).
  const approximatedPost = p.postFilter ? approximatedMatchAll(p, aggsBody, p.b.post_filter) : undefined;
  targets.forEach((ix) => {
    try {
      let set = runQuery(ix, p.query, ctx);
      matchedForTotal.push(set.docs.length);
      const field = approximated && approximatedOn(ix, approximated);
      if (field) set = runQuery(ix, compileQuery(approximationOf(field, ix, p)), ctx);
      if (p.minScore !== undefined) {
        const min = p.minScore;
        const keep: number[] = [];
        for (let i = 0; i < set.docs.length; i++) if ((set.scores ? set.scores[i]! : set.constant) >= min) keep.push(i);
        // Not every aggregator sees min_score on OpenSearch: a top-level min/max under a match_all reads the
        // points' bounds, and cardinality counted every match (hunt3 seed 44), while terms and bucket
        // aggregations honour it. Where min_score removes a match, those are refused.
        if (keep.length < set.docs.length && minScoreBlind(aggsBody, p.b.query)) {
          throw new EngineError(400, 'illegal_argument_exception',
            'a top-level min/max under a match_all, or a cardinality, with a [min_score] that leaves out matching documents is not supported by the embedded engine (OpenSearch computes them from all matches)');
        }
        if (keep.length < set.docs.length && pointsRewriteBlind(aggsBody, p.b.query, ix, set.docs.length)) {
          throw new EngineError(400, 'illegal_argument_exception',
            'a top-level date_histogram, range or date_range without sub-aggregations, under a query that may match a whole segment, with a [min_score] that leaves out matching documents is not supported by the embedded engine (OpenSearch then counts from the index, ignoring min_score)');
        }
        set = { docs: Int32Array.from(keep, (i) => set.docs[i]!), scores: set.scores ? Float32Array.from(keep, (i) => set.scores![i]!) : null, constant: set.constant };
      }
      if (aggsBody !== undefined) aggSets.push(set.docs);
      if (p.postFilter) {
        const postField = approximatedPost && approximatedOn(ix, approximatedPost);
        const pf = runQuery(ix, postField ? compileQuery(approximationOf(postField, ix, p)) : p.postFilter, { scoring: false, now });
        const kept = intersect(set.docs, pf.docs);
        if (set.scores) {
          const scores = new Float32Array(kept.length);
          let j = 0;
          for (let i = 0; i < set.docs.length && j < kept.length; i++) if (set.docs[i] === kept[j]) scores[j++] = set.scores[i]!;
          set = { docs: kept, scores, constant: 0 };
        } else set = { docs: kept, scores: null, constant: set.constant };
      }
      perIndex.push(set);
    } catch (e) {
      throw indexFailure(ix, e);
    }
  });

  // OpenSearch builds the query and post_filter (SearchService.parseSource) before the aggregations, and
  // those before it checks the result window: errors win in that order. It reports some aggregation errors only while aggregating (after the query was built and run):
  // keep them for then, so a query error in the same request wins as it does there.
  // SearchService.parseSource builds the sort after the query and post_filter and before the aggregations:
  // its errors (unmapped or text field, sum/avg/median on a non-number) come in that order.
  // Each shard builds the sort against its own mapping: an index where the field is unmapped (without
  // `unmapped_type`) or text fails alone, and the others answer (a partial result, rest/search.ts).
  if (p.sort && p.sort.length > 0) {
    for (const ix of targets) {
      try {
        checkSort([ix], p.sort);
        checkSortValues(ix, p.sort, p.searchAfter, 'build');
      } catch (e) {
        const failure = indexFailure(ix, e);
        if (typeof failure === 'object' && failure !== null) sortFailures.add(failure);
        throw failure;
      }
    }
  }
  if (aggsBody !== undefined && targets.length > 1) failShardsRefusingAggregations(targets, aggsBody, now);
  let aggs: ReturnType<typeof compileAggregations<DocRef>> | undefined;
  let aggRunError: EngineError | undefined;
  try {
    aggs = aggsBody === undefined ? undefined : compiledEarly ?? compileAggregations<DocRef>(aggsBody, aggCtx);
  } catch (e) {
    // Errors of the aggregator-creation phase (creationPhase) are raised on the shard's query phase too.
    if (!(e instanceof EngineError) || !(['aggregation_execution_exception', 'runtime_exception', 'number_format_exception'].includes(e.type) || creationPhase(e))) {
      // Errors of the factory phase (a field of the wrong type, a bad format or bound, a filter query that
      // fails to build) fail the shard too: "all shards failed" with the error as root cause. Parse errors
      // and the engine's own refusals stay as they are.
      if (e instanceof EngineError && !e.reason.includes('not supported by the embedded engine') && !raisedAtParse(e as unknown) && targets[0]) throw shardFailure(targets[0], e);
      throw e;
    }
    aggRunError = e;
  }
  // search_after does not lift the window: OpenSearch checks from + size on every non-scroll search.
  if (p.from + p.size > MAX_RESULT_WINDOW) {
    const ix = targets[0];
    const err = new EngineError(400, 'illegal_argument_exception',
      `Result window is too large, from + size must be less than or equal to: [${MAX_RESULT_WINDOW}] but was [${p.from + p.size}]. See the scroll api for a more efficient way to request large data sets. This limit can be set by changing the [index.max_result_window] index level setting.`);
    throw ix ? shardFailure(ix, err) : err;
  }

  if (aggRunError) throw targets[0] ? shardFailure(targets[0], aggRunError) : aggRunError;
  if (p.sort && p.sort.length > 0) {
    for (const ix of targets) {
      try {
        checkSortValues(ix, p.sort, undefined, 'collect');
      } catch (e) {
        throw indexFailure(ix, e);
      }
    }
  }
  // Lucene's sort skipping over OpenSearch's avg/sum/median doc values may fail the shard (500
  // unsupported_operation_exception) depending on its segments: refused where it could (sorter.ts).
  if (p.sort && targets.some((ix, t) => mayFailSortSkipping(ix, p.sort!, perIndex[t]!.docs, {
    from: p.from, size: p.size, filterCollector: p.postFilter !== undefined || p.minScore !== undefined, hasAfter: p.searchAfter !== undefined,
  }))) {
    throw new EngineError(400, 'illegal_argument_exception',
      'sort mode [avg], [sum] or [median] on a multi-valued numeric or date field with documents lacking it, where OpenSearch\'s sort skipping may fail the shard (unsupported_operation_exception) depending on its segments, is not supported by the embedded engine');
  }

  // 2. The candidates for the page: the best `from + size` hits by the first sort clause (search_after applied
  //    while collecting), not every match. Ties and the exact order are settled below over these only.
  const total = perIndex.reduce((n, s) => n + s.docs.length, 0);
  // OpenSearch's total comes from its count shortcut where one applies (no post_filter or min_score).
  const totalShown = p.trackTotal === false || p.postFilter || p.minScore !== undefined ? total
    : shortcutTotal(targets, p.query, matchedForTotal);
  const clauses: SortClause[] = p.sort && p.sort.length > 0 ? p.sort : [{ kind: 'score', desc: true }];
  // With hit counting off (or stopping below the matches), OpenSearch's comparator may skip documents
  // without a value when the cursor sits on the missing-value sentinel: refused, never answered differently.
  const pruning = p.trackTotal === false || (typeof p.trackTotal === 'number' && p.trackTotal < total);
  if (p.searchAfter && pruning && cursorOnMissingSentinel(targets, clauses[0]!, p.searchAfter[0], perIndex)) {
    throw new EngineError(400, 'illegal_argument_exception',
      'search_after on the missing-value sentinel (or a null keyword cursor) of the first sort with [track_total_hits] below the matches is not supported by the embedded engine');
  }
  // `_doc` values are Lucene doc ids: the engine's ords (deletes take one too, as OpenSearch's tombstones)
  // only until OpenSearch could have merged segments, which renumbers them.
  if (clauses.some((c) => c.kind === 'doc') && p.from + p.size > 0 && total > 0 && targets.some((ix, t) => perIndex[t]!.docs.length > 0 && !ix.docIdsExact)) {
    throw new EngineError(400, 'illegal_argument_exception',
      `sorting by [_doc] on an index written in more than ${MAX_DOC_ID_BATCHES} requests (or restored from its log, or compacted) is not supported by the embedded engine: OpenSearch's segment merges then renumber its doc ids`);
  }
  const skipping = segmentSkipping(targets, clauses[0]!, p.trackTotal, p.searchAfter !== undefined);
  if (skipping && aggsBody !== undefined) {
    throw new EngineError(400, 'illegal_argument_exception',
      'aggregations with search_after, [track_total_hits] disabled and no [missing] on the first sort field are not supported by the embedded engine (OpenSearch skips whole segments there)');
  }
  const castError = p.sort && p.sort.length > 0 ? mergeCastError(targets, p.sort[0]!, perIndex.map((s) => s.docs.length), p.from + p.size) : undefined;
  if (castError) throw castError;
  // A later clause on a field mapped as a keyword in one index and a number in another: the merge compares
  // those values only between hits tied on every clause before it, which fails with a 500 (class cast, or
  // unsupported_operation with a boolean unmapped_type) depending on which shards' heads meet (hunt4 r13).
  if (p.sort && p.sort.slice(1).some((c) => mergeCastError(targets, c, perIndex.map((s) => s.docs.length), p.from + p.size) !== undefined)) {
    throw new EngineError(400, 'illegal_argument_exception',
      'a sort clause after the first on a field mapped as a keyword in one searched index and as a number, date or boolean in another is not supported by the embedded engine (OpenSearch\'s merge fails where hits tie before it)');
  }
  let hitList: HitList;
  let columns: KeyColumn[];
  try {
    hitList = candidates(targets, perIndex, clauses, p.searchAfter, p.from + p.size);
    // 3. Order and page.
    columns = clauses.map((c, i) => buildColumn(targets, hitList, c, p.searchAfter?.[i], p.searchAfter !== undefined, p.searchAfter ? numberTextOf(p.searchAfter, i) : undefined));
  } catch (e) {
    throw targets[0] ? shardFailure(targets[0], e) : e;
  }
  const listed = hitList.length;
  const cmp = (i: number, j: number): number => {
    for (const col of columns) {
      const c = col.compare(i, j);
      if (c !== 0) return c;
    }
    return hitList.target[i]! - hitList.target[j]! || hitList.ord[i]! - hitList.ord[j]!;
  };
  const keep = p.searchAfter
    ? (i: number): boolean => {
      for (const col of columns) {
        const c = col.compareAfter(i);
        if (c !== 0) return c > 0;
      }
      return false;
    }
    : undefined;
  let top = topK(listed, p.from + p.size, cmp, keep).slice(p.from);
  const fetchFailed = fetchScoreFailures(p, aggsBody, targets, top.map((i) => ({ target: hitList.target[i]!, ord: hitList.ord[i]! })));
  if (fetchFailed.size > 0) {
    if (fetchFailed.size === targets.length) throw allShardsFailed(targets, fetchFailed, targets.length > 1 ? 'fetch' : 'query');
    top = top.filter((i) => !fetchFailed.has(hitList.target[i]!));
  }
  if (p.searchAfter) {
    const skippable = searchAfterSkippable(targets, clauses[0]!, p.searchAfter[0], perIndex.map((s) => s.docs.length), p.trackTotal);
    if (skippable.size > 0 && ((aggsBody !== undefined && [...skippable].some((t) => perIndex[t]!.docs.length > 0))
      || top.some((i) => skippable.has(hitList.target[i]!) && lacksSortValue(targets[hitList.target[i]!]!, clauses[0]!, hitList.ord[i]!)))) {
      throw new EngineError(400, 'illegal_argument_exception',
        'search_after over several indices with [track_total_hits] below the matches, where an index whose values of the first sort field all lie before the cursor holds documents without a value on the page (or aggregated documents), is not supported by the embedded engine (OpenSearch may leave that index out, depending on timing)');
    }
  }
  if (skipping && top.some((i) => lacksSortValue(targets[hitList.target[i]!]!, clauses[0]!, hitList.ord[i]!))) {
    throw new EngineError(400, 'illegal_argument_exception',
      'search_after with [track_total_hits] disabled reaching documents without a value for the first sort field (and no [missing]) is not supported by the embedded engine (OpenSearch skips whole segments there)');
  }

  // 4. Render. OpenSearch reports max_score only when hits are ordered by score first (or track_scores), and a
  // sort of just `_score` (descending) is the default order: no sort values then.
  const showScore = scoreSorted || p.trackScores;
  const first = p.sort?.[0];
  const relevanceOnly = p.sort !== undefined && p.sort.length === 1 && first!.kind === 'score' && first!.desc;
  const byScoreFirst = !p.sort || p.sort.length === 0 || (first!.kind === 'score' && first!.desc);
  let maxScore: number | null = null;
  if (byScoreFirst && p.searchAfter && p.size > 0) {
    // Sorted by score first, OpenSearch takes max_score from the first hit it collected, and with a cursor it
    // collects only the hits after it: none after it means no max_score.
    maxScore = top.length > 0 ? hitList.score[top[0]!]! : null;
  } else if ((byScoreFirst || p.trackScores) && total > 0 && p.size > 0) {
    maxScore = -Infinity;
    for (const set of perIndex) {
      if (set.docs.length === 0) continue;
      if (!set.scores) { if (set.constant > maxScore) maxScore = set.constant; continue; }
      const sc = set.scores;
      for (let i = 0; i < sc.length; i++) if (sc[i]! > maxScore) maxScore = sc[i]!;
    }
  }
  const named = namedMatcher(p.b.query, p.b.post_filter, p.namedScores, now, runQuery);
  const hits = top.map((i) => {
    const ix = targets[hitList.target[i]!]!;
    const doc = ix.docAt(hitList.ord[i]!)!;
    const hit: Record<string, unknown> = { _index: ix.name, _id: doc.id };
    if (p.version) hit._version = doc.version;
    if (p.seqNo) { hit._seq_no = doc.seqNo; hit._primary_term = doc.primaryTerm; }
    hit._score = showScore ? floatValue(hitList.score[i]!) : null;
    if (source.enabled) hit._source = source.apply(doc.source);
    if (p.sort && p.sort.length > 0 && !relevanceOnly) hit.sort = columns.map((c) => c.value(i));
    const matched = named?.matched(ix, hitList.ord[i]!);
    if (matched) hit.matched_queries = matched;
    return hit;
  });
  const hitsOut: Record<string, unknown> = {};
  const filtering = p.postFilter !== undefined || p.minScore !== undefined;
  const counting: ShardCounting[] = targets.map((ix, t) => ({ ix, query: p.query, filtering, matches: perIndex[t]!.docs.length }));
  // track_total_hits 0: any match gives {0, "gte"}, and no match with hits asked for gives {0, "eq"}
  // (checked on OpenSearch 3.6). With size 0 and no match, a shard whose count OpenSearch knows up front
  // (countKnown) or that has no segment says "eq"; any other has a counting collector with a limit of 0,
  // which stops at its first segment: "gte".
  const zeroGte = p.trackTotal === 0 && totalShown === 0 && p.size === 0 && counting.some((s) => s.ix.maxDoc > 0 && !countKnown(s));
  if (p.size === 0 && typeof p.trackTotal === 'number' && p.trackTotal > 0 && totalShown === p.trackTotal
    && counting.some((s) => s.matches === p.trackTotal && collects(s))) {
    // Exactly as many matches as the threshold, no hits asked for, counted by a collector: it reports "gte"
    // when it reached the threshold before its last segment, "eq" otherwise (its segments decide).
    throw new EngineError(400, 'illegal_argument_exception', '[track_total_hits] equal to the number of matches with [size] 0 is not supported by the embedded engine (OpenSearch\'s relation then depends on its segments)');
  }
  if (p.totalAsInt) {
    hitsOut.total = p.trackTotal === false ? -1 : totalShown;
  } else if (p.trackTotal !== false) {
    const over = zeroGte || (p.trackTotal !== true && totalShown > p.trackTotal);
    hitsOut.total = !over
      ? { value: totalShown, relation: 'eq' }
      : { value: p.trackTotal, relation: 'gte' };
  }
  hitsOut.max_score = maxScore === null ? null : floatValue(maxScore);
  hitsOut.hits = hits;
  const out: Record<string, unknown> = { hits: hitsOut };
  // An empty aggregations object renders no `aggregations` (nor makes the search concurrent).
  const hasAggs = isObject(aggsBody) && Object.keys(aggsBody).length > 0;
  if (aggs && hasAggs) {
    try {
      out.aggregations = runTopLevel(aggs, refsOf(aggCtx, aggSets));
    } catch (e) {
      // A reduce failure (results of different kinds across indices) is the coordinating node's, not a shard's.
      if (e instanceof EngineError && e.type === 'search_phase_execution_exception') throw e;
      throw targets[0] ? shardFailure(targets[0], e) : e;
    }
  }
  if (p.lateError) throw p.lateError;
  const early = terminatedEarly(counting, p.size, hasAggs, p.trackTotal);
  const result = early ? { terminated_early: true, ...out } : out;
  if (fetchFailed.size > 0) {
    fetchFailures.set(result, [...fetchFailed].map(([t, e]) => ({ shard: 0, index: targets[t]!.name, node: 'embedded', reason: { type: e.type, reason: e.reason } })));
  }
  return result;
}

/** Shards whose fetch phase failed after their query phase succeeded (they count as failed; their hits are gone). */
const fetchFailures = new WeakMap<object, Record<string, unknown>[]>();

/** The fetch-phase shard failures of a search result (listed in `_shards.failures`). */
export function fetchFailuresOf(result: object): readonly Record<string, unknown>[] {
  return fetchFailures.get(result) ?? [];
}

/** Every shard failed, each with its own error (not grouped: the reasons differ). */
function allShardsFailed(targets: readonly SearchIndex[], failed: ReadonlyMap<number, EngineError>, phase: string): EngineError {
  const entries = [...failed].sort(([a], [b]) => a - b);
  const causes = entries.map(([, e]) => ({ type: e.type, reason: e.reason }));
  const first = causes[0]!;
  const status = entries.some(([, e]) => e.status >= 500) ? 500 : entries[0]![1].status;
  return new EngineError(status, 'search_phase_execution_exception', 'all shards failed', {
    root_cause: causes,
    phase,
    grouped: true,
    failed_shards: entries.map(([t], i) => ({ shard: 0, index: targets[t]!.name, node: 'embedded', reason: causes[i] })),
    caused_by: JAVA_EXCEPTIONS.has(first.type) ? { ...first, caused_by: first } : first,
  });
}

/**
 * The total OpenSearch reports: per index, the query's count shortcut where it has one and differs from
 * the matches (exists on a text field). Lucene takes the shortcut only on segments without deleted
 * documents, which this engine cannot know once documents were updated or deleted: refused then.
 */
function shortcutTotal(targets: readonly SearchIndex[], q: Query, matched: readonly number[]): number {
  let n = 0;
  targets.forEach((ix, t) => {
    const sc = q.countShortcut?.(ix)?.count;
    if (sc === undefined || sc === matched[t]) { n += matched[t]!; return; }
    if (ix.hadDeletes) {
      throw new EngineError(400, 'illegal_argument_exception',
        'the hit count of [exists] on a text field with token-less values after updates or deletes is not supported by the embedded engine (OpenSearch counts it from its segments)');
    }
    n += sc;
  });
  return n;
}

export function count(targets: readonly SearchIndex[], body: unknown): { count: number } {
  const b = body === undefined || body === null ? {} : body;
  if (!isObject(b)) throw parsingError('request body must be an object');
  // RestActions.getQueryContent reads the members in order: `query` (parseInnerQueryBuilder, which wants an
  // object), anything else refused at its name.
  let q: Query | undefined;
  for (const k of Object.keys(b)) {
    if (k !== 'query') throw parsingAt(`request does not support [${k}]`, { holder: b, key: k, at: 'name' });
    if (!isObject(b.query)) throw parsingAt('[_na] query malformed, must start with start_object', { holder: b, key: k, at: 'value' });
    try {
      q = compileQuery(b.query);
    } catch (e) {
      throw countQueryError(e);
    }
  }
  q ??= compileQuery({ match_all: {} });
  const now = Date.now();
  let n = 0;
  for (const ix of targets) {
    try {
      n += shortcutTotal([ix], q, [runQuery(ix, q, { scoring: false, now }).docs.length]);
    } catch (e) {
      throw indexFailure(ix, e);
    }
  }
  return { count: n };
}


/** Tests switch the top-k collection off to compare it with ordering every match (the reference). */
export const collector = { topK: true };

const cmpNum = (a: number, b: number): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The hits that can be on the page: every match, unless the first sort clause gives a number per doc
 * (`primaryKey`). Then one pass over the matches keeps the best `k` in a typed heap (sort by one clause:
 * ties go to the lower index, then the lower doc, which is the order matches are visited in), or, with
 * more clauses, finds the k-th best key and keeps every hit up to it (ties are settled by the later
 * clauses). Hits at or before the search_after value are dropped while collecting, except ties on the
 * first clause when later clauses decide. Costs O(matches) with no per-hit allocation, O(k) memory.
 */
function candidates(targets: readonly SearchIndex[], sets: readonly DocSet[], clauses: readonly SortClause[],
  searchAfter: unknown[] | undefined, k: number): HitList {
  const hasAfter = searchAfter !== undefined;
  const pk = k > 0 && collector.topK ? primaryKey(targets, clauses[0]!, searchAfter?.[0], hasAfter) : undefined;
  if (!pk) return allHits(sets, k > 0);
  const single = clauses.length === 1;
  const afterP = pk.afterP;
  // Ties with the search_after value on the first clause, when later clauses decide them.
  const ties: number[] = [];
  // Max-heap of the k best (root = worst kept): key, target, ord, score.
  const hp = new Float64Array(k);
  const ht = new Int32Array(k);
  const ho = new Int32Array(k);
  const hs = new Float32Array(k);
  let n = 0;
  const worse = (a: number, b: number): boolean =>
    hp[a]! > hp[b]! || (hp[a] === hp[b] && (ht[a]! > ht[b]! || (ht[a] === ht[b] && ho[a]! > ho[b]!)));
  const swap = (a: number, b: number): void => {
    let x = hp[a]!; hp[a] = hp[b]!; hp[b] = x;
    x = ht[a]!; ht[a] = ht[b]!; ht[b] = x;
    x = ho[a]!; ho[a] = ho[b]!; ho[b] = x;
    x = hs[a]!; hs[a] = hs[b]!; hs[b] = x;
  };
  const siftDown = (): void => {
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < n && worse(l, m)) m = l;
      if (r < n && worse(r, m)) m = r;
      if (m === i) return;
      swap(i, m);
      i = m;
    }
  };
  const offer = (p: number, t: number, ord: number, score: number): void => {
    if (n < k) {
      hp[n] = p; ht[n] = t; ho[n] = ord; hs[n] = score;
      let c = n++;
      while (c > 0) {
        const parent = (c - 1) >> 1;
        if (!worse(c, parent)) break;
        swap(c, parent);
        c = parent;
      }
    } else if (p < hp[0]! || (p === hp[0] && (t < ht[0]! || (t === ht[0] && ord < ho[0]!)))) {
      hp[0] = p; ht[0] = t; ho[0] = ord; hs[0] = score;
      siftDown();
    }
  };
  /** Visit qualifying matches: fn(p, t, ord, score). */
  let visitSets = sets;
  const visit = (fn: (p: number, t: number, ord: number, score: number) => void): void => {
    for (let t = 0; t < visitSets.length; t++) {
      const set = visitSets[t]!;
      const docs = set.docs;
      const scores = set.scores;
      const constant = set.constant;
      let end = docs.length;
      // One key for every match of this index (constant score, sorted by score alone): only its first k
      // can make the page.
      if (single && pk.kind === 'score' && !scores && end > k) end = k;
      const col = pk.column?.[t];
      for (let i = 0; i < end; i++) {
        const ord = docs[i]!;
        const score = scores ? scores[i]! : constant;
        let p: number;
        if (pk.kind === 'score') p = pk.sign * score;
        else if (col) {
          const v = ord < col.length ? col[ord]! : NaN;
          p = v !== v ? pk.missingP : pk.sign * v;
        } else p = pk.p(t, ord, score);
        if (hasAfter) {
          const c = cmpNum(p, afterP);
          if (c < 0) continue;
          if (c === 0) {
            if (!single) ties.push(t, ord, score);
            continue;
          }
        }
        fn(p, t, ord, score);
      }
    }
  };
  if (single) {
    if (pk.numeric) {
      // Sorted by one numeric field: walk its sorted values from the search_after bound where that is cheaper
      // than visiting every match; targets it cannot serve are scanned.
      const rest: DocSet[] = sets.map((set, t) => (walkSorted(pk, t, set, k, hasAfter, offer) ? EMPTY_SET : set));
      if (rest.every((s) => s === EMPTY_SET)) return hitListOf(n, ht, ho, hs);
      visitSets = rest;
    }
    visit(offer);
    return hitListOf(n, ht, ho, hs);
  }
  // Several clauses: the k-th best first-clause key, then every qualifying hit up to it.
  visit((p) => {
    if (n < k) {
      hp[n] = p;
      let c = n++;
      while (c > 0) {
        const parent = (c - 1) >> 1;
        if (!(hp[c]! > hp[parent]!)) break;
        const x = hp[c]!; hp[c] = hp[parent]!; hp[parent] = x;
        c = parent;
      }
    } else if (p < hp[0]!) {
      hp[0] = p;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < n && hp[l]! > hp[m]!) m = l;
        if (r < n && hp[r]! > hp[m]!) m = r;
        if (m === i) break;
        const x = hp[i]!; hp[i] = hp[m]!; hp[m] = x;
        i = m;
      }
    }
  });
  const threshold = n < k ? Infinity : hp[0]!;
  const kept: number[] = [];
  ties.length = 0;
  visit((p, t, ord, score) => {
    if (p <= threshold) kept.push(t, ord, score);
  });
  kept.push(...ties);
  const m = kept.length / 3;
  const list: HitList = { target: new Int32Array(m), ord: new Int32Array(m), score: new Float32Array(m), length: m };
  for (let i = 0; i < m; i++) {
    list.target[i] = kept[3 * i]!;
    list.ord[i] = kept[3 * i + 1]!;
    list.score[i] = kept[3 * i + 2]!;
  }
  return list;
}

function hitListOf(n: number, ht: Int32Array, ho: Int32Array, hs: Float32Array): HitList {
  return { target: ht.slice(0, n), ord: ho.slice(0, n), score: hs.slice(0, n), length: n };
}

/** Every match as one hit list (or none when no hit is asked for). */
function allHits(sets: readonly DocSet[], listed: boolean): HitList {
  const total = listed ? sets.reduce((n, s) => n + s.docs.length, 0) : 0;
  const list: HitList = { target: new Int32Array(total), ord: new Int32Array(total), score: new Float32Array(total), length: total };
  let k = 0;
  if (total > 0) sets.forEach((s, t) => {
    for (let i = 0; i < s.docs.length; i++, k++) {
      list.target[k] = t;
      list.ord[k] = s.docs[i]!;
      list.score[k] = s.scores ? s.scores[i]! : s.constant;
    }
  });
  return list;
}

const EMPTY_SET: DocSet = { docs: new Int32Array(0), scores: null, constant: 0 };

/**
 * Offers target t's best hits by walking the field's sorted values from the search_after bound outwards,
 * testing membership in the match set, until k hits are found and the last key's ties are complete. False
 * (nothing offered) when that cannot be exact or is not cheap: no sorted values yet, docs without a value
 * that could sort among the values, fewer than k hits on the walk, or a walk longer than a scan.
 */
function walkSorted(pk: PrimaryKey, t: number, set: DocSet, k: number, hasAfter: boolean,
  offer: (p: number, t: number, ord: number, score: number) => void): boolean {
  const fi = pk.numeric![t];
  const docs = set.docs;
  const m = docs.length;
  if (!fi || m === 0 || m < 64 * k) return false;
  // Docs without a value take the missing key: they must sort after every value.
  const up = pk.sign > 0;
  const missing = pk.missingP * pk.sign;
  if (up ? !(missing > fi.max) : !(missing < fi.min)) return false;
  const sorted = fi.sortedForSort();
  if (!sorted) return false;
  const values = sorted.values;
  const owners = sorted.docs;
  const after = pk.afterP * pk.sign;
  if (hasAfter && Number.isNaN(after)) return false;
  const budget = Math.max(4096, m >> 2);
  // Candidates found, kept aside: offering them only once the walk is known to succeed.
  const found: number[] = [];
  let steps = 0;
  let lastValue = NaN;
  let i = up ? (hasAfter ? sorted.upperBound(after) : 0) : (hasAfter ? sorted.lowerBound(after) : values.length) - 1;
  const step = up ? 1 : -1;
  for (; i >= 0 && i < values.length; i += step) {
    const v = values[i]!;
    if (found.length >= 2 * k && v !== lastValue) break;
    if (++steps > budget) return false;
    const d = owners[i]!;
    // Binary search: membership and the hit's position (for its score).
    let lo = 0;
    let hi = m;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (docs[mid]! < d) lo = mid + 1;
      else hi = mid;
    }
    if (lo < m && docs[lo] === d) {
      found.push(lo, v);
      lastValue = v;
    }
  }
  if (found.length < 2 * k) return false;
  for (let j = 0; j < found.length; j += 2) {
    const at = found[j]!;
    offer(pk.sign * found[j + 1]!, t, docs[at]!, set.scores ? set.scores[at]! : set.constant);
  }
  return true;
}
