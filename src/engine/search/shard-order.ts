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
