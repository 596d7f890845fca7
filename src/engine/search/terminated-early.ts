/**
 * `terminated_early` of a search, as OpenSearch 3.6 sets it (FINDINGS class 18). With `size: 0` its hit
 * counting runs in EmptyTopDocsCollectorContext inside an EarlyTerminatingCollector, and only the concurrent
 * segment search (mode `auto`: requests with aggregations) reports that collector's early termination
 * (EarlyTerminatingCollectorManager.reduce); the coordinating node shows `true` when any shard says so.
 * A shard says so when its collector stops before the end: one with a limit of 0 stops at the first segment
 * (hit counting disabled or 0, or a count the shortcut already knows: match_all, or a TermQuery or
 * FieldExistsQuery on a reader without deleted documents, and no post_filter or min_score collector in the
 * chain); one with a limit of N stops on the N+1th document it collects, or at a segment starting after N.
 * A shard without segments (no document ever indexed, nor a delete) never does.
 */
import { EngineError } from '../errors.js';
import type { SearchIndex } from '../index/search-index.js';
import type { Query } from '../query/types.js';

export interface ShardCounting {
  readonly ix: SearchIndex;
  readonly query: Query;
  /** post_filter or min_score: a collector that filters, so no count shortcut (and no Weight.count). */
  readonly filtering: boolean;
  /** The documents the counting collector sees: the matches after post_filter and min_score. */
  readonly matches: number;
}

/** OpenSearch knows the shard's hit count before collecting (shortcutTotalHitCount is not -1): its counting
 *  collector then has a limit of 0, and its relation is "eq". */
export function countKnown(s: ShardCounting): boolean {
  if (s.filtering) return false;
  const sc = s.query.countShortcut?.(s.ix);
  return sc !== undefined && !(sc.stats && s.ix.hadDeletes);
}

/** The counting collector with a limit sees documents of this shard: neither is the count known, nor does
 *  Weight.count answer on every segment (then it collects nothing). */
export function collects(s: ShardCounting): boolean {
  return s.matches > 0 && !countKnown(s) && (s.filtering || !(s.query.pointCounted?.(s.ix) ?? false));
}

/** Whether the counting collector of this shard terminated early; throws where that depends on segments. */
function shardTerminatedEarly(s: ShardCounting, trackTotal: number | boolean): boolean {
  if (s.ix.maxDoc === 0) return false;
  if (trackTotal === false || trackTotal === 0) return true;
  if (countKnown(s)) return true;
  if (trackTotal === true) return false;
  // A limit of N: a count Weight.count answers on every segment is never collected.
  if (s.matches < trackTotal || !collects(s)) return false;
  // Filtering collectors hide the weight from the counting one, which then collects every document: on
  // the reference node (search.concurrent.max_slice_count 1, one slice per shard) more than N is early
  // termination. Exactly N depends on where the segments end (refused for size 0 in search.ts).
  if (s.filtering && s.matches > trackTotal) return true;
  throw new EngineError(400, 'illegal_argument_exception',
    '[terminated_early] of a search with [size] 0, aggregations and [track_total_hits] at or below the matches is not supported by the embedded engine (OpenSearch\'s early termination then depends on Lucene\'s per-segment counts)');
}

/** `terminated_early` for the response (true, or undefined: OpenSearch leaves the key out). */
export function terminatedEarly(shards: readonly ShardCounting[], size: number, hasAggs: boolean, trackTotal: number | boolean): true | undefined {
  if (size !== 0 || !hasAggs) return undefined;
  let any = false;
  for (const s of shards) if (shardTerminatedEarly(s, trackTotal)) any = true;
  return any ? true : undefined;
}
