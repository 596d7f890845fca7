/**
 * The order OpenSearch's can_match phase puts shards in when the primary sort is on a field
 * (CanMatchPreFilterSearchPhase.sortShards): by each shard's indexed minimum (ascending) or maximum
 * (descending) of that field, shards without bounds last, then in shard-id order. The query phase numbers
 * shards in this order, and that number breaks ties between hits of different shards (equal sort values,
 * such as documents missing the field) and orders their results in the reduce. Checked on 3.6.0: with two
 * indices, missing documents of the index holding the smaller minimum come first ascending.
 */
import type { SearchIndex } from '../index/search-index.js';
import { compareCodePoints } from '../index/keyword-field.js';
import type { SortClause } from './sort-spec.js';

/** The Java class of a shard's MinAndMax per mapped type (FieldSortBuilder.getMinMaxOrNull): bounds of
 *  different classes (an integer field in one index, a long in another) are not compared at all. */
const BOUND_CLASS: Readonly<Record<string, string>> = {
  long: 'Long', date: 'Long', integer: 'Integer', short: 'Integer', byte: 'Integer', double: 'Double', float: 'Float', keyword: 'BytesRef',
};

interface Bounds { readonly cls: string; readonly min: number | string; readonly max: number | string }

/**
 * A shard's indexed bounds of `field`: a numeric or date field's point bounds, a keyword field's first and
 * last term, both including deleted documents' values as Lucene's do until a merge; none for other types,
 * unmapped or unindexed fields, or a field without values.
 */
function boundsOf(ix: SearchIndex, field: string): Bounds | undefined {
  const leaf = ix.leaf(field);
  if (!leaf || leaf.params.index === false) return undefined;
  const cls = BOUND_CLASS[leaf.type];
  const fi = cls === undefined ? undefined : ix.fieldIndex(field);
  if (!fi || cls === undefined) return undefined;
  if (fi.kind === 'numeric') return fi.min <= fi.max ? { cls, min: fi.min, max: fi.max } : undefined;
  if (fi.kind !== 'keyword' || fi.dict.length === 0) return undefined;
  let min = fi.dict[0]!;
  let max = min;
  for (const t of fi.dict) {
    if (compareCodePoints(t, min) < 0) min = t;
    if (compareCodePoints(t, max) > 0) max = t;
  }
  return { cls, min, max };
}

/** Java's compareTo on the bound's class: numbers by value with -0.0 below 0.0 (Double/Float), terms by bytes. */
function compareBound(a: number | string, b: number | string): number {
  if (typeof a === 'string' || typeof b === 'string') return compareCodePoints(String(a), String(b));
  if (a !== b) return a < b ? -1 : 1;
  return a === 0 ? Number(Object.is(b, -0)) - Number(Object.is(a, -0)) : 0;
}

/** `targets` (in shard-id order) in the order the query phase numbers them for a search sorted by `primary`. */
export function shardOrder(targets: readonly SearchIndex[], primary: SortClause | undefined): readonly SearchIndex[] {
  if (targets.length < 2 || !primary || primary.kind !== 'field') return targets;
  // A sort that needs a custom comparator (mode avg/sum/median; a keyword `missing` value other than
  // _first/_last) has no sort field type the bounds can be read for: no order (getMinMaxOrNull gives null).
  if (primary.mode !== undefined && primary.mode !== 'min' && primary.mode !== 'max') return targets;
  const customMissing = primary.missing !== '_first' && primary.missing !== '_last';
  const bounds = targets.map((ix) => (customMissing && ix.leaf(primary.field)?.type === 'keyword' ? undefined : boundsOf(ix, primary.field)));
  // shouldSortShards: every shard with bounds has them of one class, and at least one has them.
  const classes = new Set(bounds.flatMap((b) => (b ? [b.cls] : [])));
  if (classes.size !== 1) return targets;
  const key = (b: Bounds): number | string => (primary.desc ? b.max : b.min);
  const order = targets.map((_, i) => i).sort((i, j) => {
    const a = bounds[i];
    const b = bounds[j];
    if (!a || !b) return a === b ? i - j : a ? -1 : 1;
    return (primary.desc ? compareBound(key(b), key(a)) : compareBound(key(a), key(b))) || i - j;
  });
  return order.map((i) => targets[i]!);
}

/**
 * The shards OpenSearch 3.6's query phase may leave out of a search_after search, and whether it does depends
 * on timing. Once shards that already answered report more hits than `track_total_hits`, the coordinator
 * lets each shard it asks after that return nothing when the shard cannot match
 * (ShardSearchRequest.canReturnNullResponseIfMatchNoDocs): SearchService.canMatchSearchAfter says so when the
 * primary sort has no `missing` written and the shard's bounds of the field lie wholly before the cursor.
 * That drops the shard's documents without a value (they sort last, after any cursor) from the hits and
 * every document from the aggregations. With the default max_concurrent_shard_requests every shard may be
 * asked before any answers, so whether it happens varies from one run to the next (checked on 3.6.0: with
 * max_concurrent_shard_requests=1 it always does). Returns the positions in `ordered` (the query phase's
 * shard order) of shards it could happen to; the first is always asked before any answer. Generous: the
 * shards' reported totals are bounded by their matches, and a bound equal to the cursor counts.
 */
export function searchAfterSkippable(ordered: readonly SearchIndex[], primary: SortClause, after: unknown, matches: readonly number[], trackTotal: number | boolean): Set<number> {
  const out = new Set<number>();
  if (ordered.length < 2 || typeof trackTotal !== 'number' || trackTotal < 0 || primary.kind !== 'field' || primary.missingGiven) return out;
  if (primary.mode !== undefined && primary.mode !== 'min' && primary.mode !== 'max') return out;
  let before = matches[0] ?? 0;
  for (let i = 1; i < ordered.length; i++) {
    const b = before > trackTotal ? boundsOf(ordered[i]!, primary.field) : undefined;
    before += matches[i] ?? 0;
    if (!b) continue;
    let cursor: number | string;
    if (b.cls === 'BytesRef') {
      if (typeof after !== 'string') { out.add(i); continue; }
      cursor = after;
    } else {
      const n = typeof after === 'number' ? after : typeof after === 'string' && after.trim() !== '' ? Number(after) : NaN;
      if (Number.isNaN(n)) { out.add(i); continue; } // a date string or an odd cursor: counted as possible
      cursor = n;
    }
    if (primary.desc ? compareBound(b.min, cursor) >= 0 : compareBound(b.max, cursor) <= 0) out.add(i);
  }
  return out;
}
