/** `_search`, `_count` and `_msearch` over resolved targets; the core (engine-query) does the matching. */
import { EngineError, raisedAtParse } from '../errors.js';
import type { SearchIndex } from '../index/search-index.js';
import { isObject } from '../query/params.js';
import { canMatchOrder, canMatchRuns, canMatchSkipped, count, failedIndexOf, isSortFailure, fetchFailuresOf, parseErrorOf, search } from '../search/search.js';
import { jsonObject, ndjsonLines } from './body.js';
import { errorResponse, ok, searchShards } from './respond.js';
import { resolveIndices, resolveOptions, type ResolveOptions } from './targets.js';
import type { Handler, RestContext } from './types.js';

/** Query parameters handed to the core, which interprets or refuses each. */
export const SEARCH_CORE_PARAMS = ['from', 'size', 'sort', '_source', '_source_includes', '_source_excludes', 'track_total_hits',
  'version', 'seq_no_primary_term', 'track_scores', 'search_type', 'q', 'df', 'analyzer', 'default_operator', 'lenient', 'analyze_wildcard',
  'explain', 'stored_fields', 'docvalue_fields', 'terminate_after', 'scroll', 'routing', 'preference', 'allow_partial_search_results',
  'include_named_queries_score', 'pre_filter_shard_size', 'rest_total_hits_as_int'];

function coreParams(params: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(params).filter(([k]) => SEARCH_CORE_PARAMS.includes(k)));
}

/**
 * OpenSearch runs the query phase on every shard on its own: where one index's shard fails (a query its
 * mapping refuses, a value its field type cannot parse) while others succeed, the answer is theirs, with the
 * failed shards listed in `_shards.failures`; only when every shard fails is the search an error. The engine
 * runs the search again without an index whose query phase failed (`failedIndexOf`; errors of the whole
 * request are not attributed to an index and fail it as before), so hits, totals and aggregations are those
 * of the other indices.
 */
function partial<T>(targets: readonly SearchIndex[], run: (live: readonly SearchIndex[]) => T,
  empty?: (failed: readonly { ix: SearchIndex; e: EngineError }[]) => T, canMatch = false): { result: T; shards: Record<string, unknown> } {
  let live = targets;
  const failures: Record<string, unknown>[] = [];
  /** Each failed shard's "all shards failed" error, for when every shard fails. */
  const failed: { ix: SearchIndex; e: EngineError }[] = [];
  const answer = (result: T): { result: T; shards: Record<string, unknown> } => {
    const shards = searchShards(targets.length);
    // Listed in shard order (OpenSearch's failures array is indexed by shard), not in the order found: the
    // query phase's order (can_match's under a field sort), but ShardId order (index name) where every
    // failure is one the can_match phase raised building the sort (checked on 3.6.0; hunt4 seeds 12, 13).
    const byName = failed.every(({ e }) => isSortFailure(e));
    const position = (f: Record<string, unknown>): number => targets.findIndex((t) => t.name === f.index);
    const listed = [...failures].sort(byName
      ? (x, y) => (String(x.index) < String(y.index) ? -1 : String(x.index) > String(y.index) ? 1 : 0)
      : (x, y) => position(x) - position(y));
    return failures.length === 0 ? { result, shards }
      : { result, shards: { ...shards, successful: targets.length - failures.length, failed: failures.length, failures: listed } };
  };
  for (;;) {
    // `empty`: the answer when every shard failed but the search is not an error (other shards were skipped).
    if (live.length === 0 && empty !== undefined) return answer(empty(failed));
    try {
      return answer(run(live));
    } catch (e) {
      const ix = failedIndexOf(e);
      if (ix === undefined || !live.includes(ix)) {
        // An error of every remaining shard alike (not attributed to one index): listed once per shard there.
        if (e instanceof EngineError && isShardFailure(e) && live.length > 0) {
          throw allFailed(targets, [...failed, ...live.map((t) => ({ ix: t, e: onShard(e, t) }))]);
        }
        // The engine's own refusal of what is left refuses the whole search (never a different answer).
        if (e instanceof EngineError && e.reason.includes('not supported by the embedded engine')) throw e;
        throw failed[0]?.e ?? e;
      }
      failed.push({ ix, e: e as EngineError });
      if (live.length === 1 && empty === undefined) {
        // Every shard failed building the sort: under a field sort the can_match phase did, and reports it.
        const all = allFailed(targets, failed);
        throw canMatch && failed.every(({ e: f }) => isSortFailure(f)) ? inPhase(all, 'can_match') : all;
      }
      const err = e as EngineError;
      const reason = (err.extra?.failed_shards as { reason: Record<string, unknown> }[] | undefined)?.[0]?.reason ?? { type: err.type, reason: err.reason };
      const named = reason.type === 'query_shard_exception' ? { index: ix.name, index_uuid: ix.uuid } : {};
      failures.push({ shard: 0, index: ix.name, node: 'embedded', reason: { ...reason, ...named } });
      live = live.filter((t) => t !== ix);
    }
  }
}

/** `e` (an "all shards failed") as reported by another phase. */
function inPhase(e: EngineError, phase: string): EngineError {
  return new EngineError(e.status, e.type, e.reason, { ...e.extra, phase });
}

/** Every queried shard failed beside shards can_match skipped, in a search with aggregations. */
function reduceWithoutAggregations(targets: readonly SearchIndex[], failed: readonly { ix: SearchIndex; e: EngineError }[]): EngineError {
  const all = allFailed(targets, failed);
  return new EngineError(all.status, 'search_phase_execution_exception', '', {
    root_cause: all.extra?.root_cause, phase: 'fetch', grouped: true, failed_shards: all.extra?.failed_shards,
    caused_by: { type: 'null_pointer_exception', reason: 'Cannot invoke "org.opensearch.search.aggregations.InternalAggregations.getSerializedSize()" because "reducePhase.aggregations" is null' },
  });
}

/** An "all shards failed" error of the query phase naming one shard (search.ts's shardFailure). */
function isShardFailure(e: EngineError): boolean {
  const f = e.extra?.failed_shards;
  return e.type === 'search_phase_execution_exception' && e.extra?.phase === 'query' && Array.isArray(f) && f.length === 1;
}

/** The shard failure `e` as raised on `ix`'s shard: a cause naming an index names that one. */
function onShard(e: EngineError, ix: SearchIndex): EngineError {
  const rename = (c: unknown): unknown => (typeof c === 'object' && c !== null && 'index' in c && 'index_uuid' in c ? { ...c, index: ix.name, index_uuid: ix.uuid } : c);
  const f = (e.extra!.failed_shards as Record<string, unknown>[])[0]!;
  return new EngineError(e.status, e.type, e.reason, {
    ...e.extra,
    root_cause: (e.extra!.root_cause as unknown[]).map(rename),
    failed_shards: [{ ...f, index: ix.name, reason: rename(f.reason) }],
    caused_by: rename(e.extra!.caused_by),
  });
}

/**
 * Every shard failed: OpenSearch lists each shard's failure in shard order (SearchPhaseExecutionException;
 * failures of different indices are never grouped), a root cause per shard, the first shard's cause as
 * `caused_by`, and the first shard's status unless a later one is a 5xx (checked on 3.6.0, wide seed 85).
 */
function allFailed(targets: readonly SearchIndex[], failed: readonly { ix: SearchIndex; e: EngineError }[]): EngineError {
  const ordered = [...failed].sort((a, b) => targets.indexOf(a.ix) - targets.indexOf(b.ix));
  if (ordered.length === 1) return ordered[0]!.e;
  const first = ordered[0]!.e;
  let status = first.status;
  for (const { e } of ordered.slice(1)) if (e.status >= 500) status = e.status;
  return new EngineError(status, first.type, first.reason, {
    ...first.extra,
    root_cause: ordered.flatMap(({ e }) => (e.extra?.root_cause as unknown[] | undefined) ?? []),
    failed_shards: ordered.flatMap(({ e }) => (e.extra?.failed_shards as unknown[] | undefined) ?? []),
  });
}

function runSearch(ctx: RestContext, indexExpr: string | undefined, opts: ResolveOptions, body: unknown,
  params: Record<string, string>): Record<string, unknown> {
  const started = Date.now();
  // OpenSearch searches its shards in ShardId order (shard number, then index name), and that order
  // (the shard index) breaks ties between hits of different indices, whatever order the request named them in.
  let resolved: SearchIndex[];
  try {
    resolved = resolveIndices(ctx.catalog, indexExpr, opts);
  } catch (e) {
    // The body is parsed before any index is resolved there: its parse error wins over a missing index.
    // (When the indices resolve, the search itself raises that error first.)
    // Aggregations included (a bad calendar interval is a parse error there too).
    const parseError = parseErrorOf([], body, params);
    if (parseError !== undefined) throw parseError;
    throw e;
  }
  const targets = resolved.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  // Shards the can_match phase skips answer nothing and build nothing (their errors never happen); they
  // count as skipped and successful.
  const skipped = canMatchSkipped(targets, body, params);
  const queried = canMatchOrder(skipped.length === 0 ? targets : targets.filter((t) => !skipped.includes(t)), body, params);
  // When every queried shard fails beside skipped ones, OpenSearch answers (no shard result: max_score 0).
  // With aggregations there is no result to reduce them from: the reduce fails (a NullPointerException,
  // reported as the failures' search_phase_execution_exception of the fetch phase; checked on 3.6.0).
  const hasAggs = isObject(body) && (body.aggs !== undefined || body.aggregations !== undefined);
  const none = skipped.length === 0 ? undefined
    : (failed: readonly { ix: SearchIndex; e: EngineError }[]): Record<string, unknown> => {
      if (hasAggs) throw reduceWithoutAggregations(queried, failed);
      return { hits: { total: params.rest_total_hits_as_int === 'true' ? 0 : { value: 0, relation: 'eq' }, max_score: 0, hits: [] } };
    };
  const { result, shards } = partial(queried, (live) => search(live, body, params), none, canMatchRuns(targets, body, params));
  const fetchFailed = fetchFailuresOf(result);
  const queriedShards = fetchFailed.length === 0 ? shards : {
    ...shards, successful: (shards.successful as number) - fetchFailed.length, failed: (shards.failed as number) + fetchFailed.length,
    failures: [...(shards.failures as Record<string, unknown>[] | undefined ?? []), ...fetchFailed],
  };
  const all = skipped.length === 0 ? queriedShards
    : { ...queriedShards, total: targets.length, successful: (queriedShards.successful as number) + skipped.length, skipped: skipped.length };
  if (targets.length === 0) {
    // No shard at all (a wildcard or ignore_unavailable matching nothing): OpenSearch's empty response, a
    // max_score of 0 and no aggregations (checked on 3.6.0; hunt4 r01). The body was still parsed above.
    const hits = result.hits as Record<string, unknown> | undefined;
    return { took: Date.now() - started, timed_out: false, _shards: all,
      hits: { ...(hits?.total !== undefined ? { total: hits.total } : {}), max_score: 0, hits: [] } };
  }
  // OpenSearch's key order: terminated_early (when set) between timed_out and _shards.
  const { terminated_early: early, ...rest } = result;
  return { took: Date.now() - started, timed_out: false, ...(early !== undefined ? { terminated_early: early } : {}), _shards: all, ...rest };
}

export const searchHandler: Handler = (ctx, req) =>
  ok(runSearch(ctx, req.pathParams.index, resolveOptions(req.params), jsonObject(req.body), coreParams(req.params)));

export const countHandler: Handler = (ctx, req) => {
  const targets = resolveIndices(ctx.catalog, req.pathParams.index, resolveOptions(req.params));
  const { result, shards } = partial(targets, (live) => count(live, jsonObject(req.body)));
  return ok({ count: result.count, _shards: shards });
};

const MSEARCH_HEADER_KEYS = ['index', 'ignore_unavailable', 'allow_no_indices', 'expand_wildcards', 'search_type', 'preference',
  'routing', 'request_cache'];

export const msearchHandler: Handler = (ctx, req) => {
  const started = Date.now();
  const lines = ndjsonLines(req.body, { positions: true, api: 'msearch' });
  if (lines.length === 0) throw new EngineError(400, 'action_request_validation_exception', 'Validation Failed: 1: no requests added;');
  const pairs: { header: Record<string, unknown>; body: Record<string, unknown> }[] = [];
  for (let i = 0; i < lines.length; i += 2) {
    const header = lines[i]!.value;
    const body = lines[i + 1]?.value;
    if (!body) throw new EngineError(400, 'action_request_validation_exception', 'Validation Failed: 1: no requests added;');
    for (const k of Object.keys(header)) {
      if (!MSEARCH_HEADER_KEYS.includes(k)) throw new EngineError(400, 'illegal_argument_exception', `key [${k}] is not supported in the metadata section`);
    }
    pairs.push({ header, body });
  }
  const items = pairs.map(({ header, body }) => {
    const index = header.index === undefined ? req.pathParams.index
      : Array.isArray(header.index) ? header.index.join(',') : String(header.index);
    const hp: Record<string, string> = { ...req.params };
    for (const k of ['ignore_unavailable', 'allow_no_indices', 'expand_wildcards', 'search_type'] as const) {
      if (header[k] !== undefined) hp[k] = String(header[k]);
    }
    return { index, hp, body };
  });
  // OpenSearch parses every item's body before it resolves an index or runs a search: the first item with a
  // parse error fails the whole request, whatever the items before or after it (a missing index, an option
  // the engine refuses by name) would answer (hunt3 C3).
  for (const { index, hp, body } of items) {
    let targets: ReturnType<typeof resolveIndices> = [];
    try {
      targets = resolveIndices(ctx.catalog, index, resolveOptions(hp));
    } catch {
      // The item reports that below, if its body parses.
    }
    const e = parseErrorOf(targets, body, coreParams(hp));
    if (e !== undefined) throw e;
  }
  const responses = items.map(({ index, hp, body }) => {
    try {
      return { ...runSearch(ctx, index, resolveOptions(hp), body, coreParams(hp)), status: 200 };
    } catch (e) {
      // OpenSearch parses every item's body before it runs any: a parse error fails the whole request.
      if (raisedAtParse(e)) throw e;
      return errorResponse(e).body as Record<string, unknown>;
    }
  });
  return ok({ took: Date.now() - started, responses });
};
