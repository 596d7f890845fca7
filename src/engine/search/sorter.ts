/**
 * Ordering hits: per sort clause a key column over the hit list, compared with OpenSearch's rules
 * (missing values substituted like Lucene's missing-value sentinels, ties broken by index then doc).
 * Only the top `from + size` hits are fully ordered (heap selection) so big result sets stay cheap.
 */
import { EngineError } from '../errors.js';
import { compareCodePoints } from '../index/keyword-field.js';
import type { NumericFieldIndex } from '../index/numeric-field.js';
import type { SearchIndex } from '../index/search-index.js';
import type { HitList } from './hits.js';
import type { SortClause, SortMode } from './sort-spec.js';
import { doubleValue, floatValue } from './render-number.js';

const cmpNum = (a: number, b: number): number => (a < b ? -1 : a > b ? 1 : 0);

const LONG_MAX = 9223372036854775807;
const INT_TYPES = new Set(['long', 'date']);
/** Booleans sort as Java ints too (checked on OpenSearch 3.6: sentinels ±2^31). */
const INT32_TYPES = new Set(['integer', 'short', 'byte', 'boolean']);

export interface KeyColumn {
  /** Negative when hit i sorts before hit j. */
  compare(i: number, j: number): number;
  /** Sign of (hit i - search_after value), in sort order. */
  compareAfter(i: number): number;
  value(i: number): unknown;
}

function textSortError(field: string): EngineError {
  return new EngineError(400, 'illegal_argument_exception',
    `Text fields are not optimised for operations that require per-document field data like aggregations and sorting, so these operations are disabled by default. Please use a keyword field instead. Alternatively, set fielddata=true on [${field}] in order to load field data by uninverting the inverted index. Note that this can use significant memory.`);
}

function reduce(values: readonly number[], mode: SortMode | undefined, desc: boolean): number {
  if (values.length === 0) return NaN;
  const m = mode ?? (desc ? 'max' : 'min');
  switch (m) {
    case 'min': return values[0]!;
    case 'max': return values[values.length - 1]!;
    case 'sum': return values.reduce((a, b) => a + b, 0);
    case 'avg': return values.reduce((a, b) => a + b, 0) / values.length;
    case 'median': {
      const mid = values.length >> 1;
      return values.length % 2 ? values[mid]! : (values[mid - 1]! + values[mid]!) / 2;
    }
  }
}

function resolveType(targets: readonly SearchIndex[], c: Extract<SortClause, { kind: 'field' }>): string {
  let type: string | undefined;
  for (const ix of targets) {
    const leaf = ix.leaf(c.field);
    const t = leaf?.type ?? c.unmappedType;
    if (t === undefined) throw new EngineError(400, 'query_shard_exception', `No mapping found for [${c.field}] in order to sort on`, { index: ix.name, index_uuid: ix.uuid });
    if (t === 'text') throw textSortError(c.field);
    if (type === undefined) type = t;
  }
  return type ?? c.unmappedType ?? 'keyword';
}

/** The sort field's type on each target (its mapping, else `unmapped_type`). Each shard sorts with its own
 *  type: its own missing-value sentinels, search_after parsing and rendering of sort values; the
 *  coordinating node merges differing numeric types by their double values (OpenSearch's sort widening). */
function targetTypes(targets: readonly SearchIndex[], c: Extract<SortClause, { kind: 'field' }>, type: string): string[] {
  return targets.map((ix) => ix.leaf(c.field)?.type ?? c.unmappedType ?? type);
}

export function buildColumn(targets: readonly SearchIndex[], hits: HitList, c: SortClause, after: unknown, hasAfter: boolean): KeyColumn {
  const dir = c.desc ? -1 : 1;
  if (c.kind === 'score') {
    // Scores are floats: OpenSearch reads a `_score` cursor as a Java float (the value the hit showed).
    const a = Math.fround(Number(after));
    return {
      compare: (i, j) => dir * cmpNum(hits.score[i]!, hits.score[j]!),
      compareAfter: (i) => dir * cmpNum(hits.score[i]!, a),
      value: (i) => floatValue(hits.score[i]!),
    };
  }
  if (c.kind === 'doc') {
    const a = Number(after);
    return {
      compare: (i, j) => dir * (hits.ord[i]! - hits.ord[j]!),
      compareAfter: (i) => dir * cmpNum(hits.ord[i]!, a),
      value: (i) => hits.ord[i]!,
    };
  }
  // `_id` and `_index` sort as keywords (OpenSearch renders both as strings in `sort`).
  const type = c.field === '_id' || c.field === '_index' ? c.field : resolveType(targets, c);
  // Resolve the field's structures once per index, not once per hit.
  const perTarget = targets.map((ix) => ix.fieldIndex(c.field));
  const missingFirst = c.missing === '_first';
  if ((type === 'keyword' || type === '_id' || type === '_index') && c.mode !== undefined && c.mode !== 'min' && c.mode !== 'max') {
    throw new EngineError(400, 'query_shard_exception', 'we only support AVG, MEDIAN and SUM on number based fields');
  }
  if (type === 'keyword' || type === '_id' || type === '_index') {
    const keys: (string | null)[] = new Array(hits.length);
    const custom = c.missing !== '_first' && c.missing !== '_last' ? String(c.missing) : undefined;
    for (let i = 0; i < hits.length; i++) {
      if (type === '_id') {
        keys[i] = targets[hits.target[i]!]!.idAt(hits.ord[i]!)!;
        continue;
      }
      if (type === '_index') {
        keys[i] = targets[hits.target[i]!]!.name;
        continue;
      }
      const fi = perTarget[hits.target[i]!];
      const vals = fi && fi.kind === 'keyword' ? fi.values(hits.ord[i]!) : [];
      const useMax = c.mode === 'max' || (c.mode === undefined && c.desc);
      keys[i] = vals.length === 0 ? custom ?? null : useMax ? vals[vals.length - 1]! : vals[0]!;
    }
    const cmp = (x: string | null, y: string | null): number => {
      if (x === null || y === null) {
        if (x === y) return 0;
        // Missing keys go first/last regardless of direction.
        return (x === null) === missingFirst ? -1 : 1;
      }
      return dir * compareCodePoints(x, y);
    };
    if (hasAfter && after !== null && typeof after !== 'string') {
      throw new EngineError(400, 'illegal_argument_exception', `Failed to parse search_after value for field [${c.field}].`);
    }
    const a = after as string | null;
    return { compare: (i, j) => cmp(keys[i]!, keys[j]!), compareAfter: (i) => cmp(keys[i]!, a), value: (i) => keys[i] };
  }
  const num = numericKeys(targets, c, type, perTarget, after, hasAfter);
  const keys = new Float64Array(hits.length);
  for (let i = 0; i < hits.length; i++) keys[i] = num.key(hits.target[i]!, hits.ord[i]!);
  const renders = num.types.map((t) => (t === 'float' ? floatValue : doubleValue));
  return {
    compare: (i, j) => dir * cmpNum(keys[i]!, keys[j]!),
    compareAfter: (i) => dir * cmpNum(keys[i]!, num.afters[hits.target[i]!]!),
    value: (i) => renders[hits.target[i]!]!(keys[i]!),
  };
}

/**
 * Numeric, date and boolean sort keys of one doc (missing values substituted like Lucene's sentinels) and the
 * parsed search_after value. Shared by `buildColumn` and the collector's primary key, so both order alike.
 */
function numericKeys(targets: readonly SearchIndex[], c: Extract<SortClause, { kind: 'field' }>, type: string,
  perTarget: readonly (ReturnType<SearchIndex['fieldIndex']>)[], after: unknown, hasAfter: boolean):
  { key(target: number, ord: number): number; after: number; column?: Float64Array[]; missing: number;
    types: string[]; afters: number[]; missings: number[]; uniform: boolean } {
  const types = targetTypes(targets, c, type);
  const missingOf = (type: string): number => {
    // Lucene's sentinels are the type's MIN_VALUE and MAX_VALUE: -2^31 (not -(2^31 - 1)) for ints.
    const big = INT_TYPES.has(type) ? LONG_MAX : INT32_TYPES.has(type) ? 2147483647 : Infinity;
    const small = INT32_TYPES.has(type) ? -2147483648 : -big;
    if (c.missing === '_last') return c.desc ? small : big;
    if (c.missing === '_first') return c.desc ? big : small;
    const m = Number(c.missing);
    if (Number.isNaN(m)) throw new EngineError(400, 'number_format_exception', `For input string: "${c.missing}"`);
    return type === 'float' ? Math.fround(m) : m;
  };
  const afterOf = (type: string): number => {
    if (!hasAfter) return NaN;
    let a = typeof after === 'number' ? after : typeof after === 'string' && after.trim() !== '' ? Number(after) : NaN;
    if (Number.isNaN(a)) throw new EngineError(400, 'illegal_argument_exception', `Failed to parse search_after value for field [${c.field}].`);
    // OpenSearch reads a date or integer cursor as a Java long: the JSON rendering of Long.MIN_VALUE that
    // clients send back (-9223372036854776000) is out of that range and refused.
    // A long cursor beyond a Java long saturates there (9223372036854776000, as clients render Long.MAX_VALUE,
    // is Long.MAX_VALUE again), which as a double is the same ±2^63.
    // A float field's cursor is read as a Java float (0.1 is 0.1f, the value the hit showed).
    if (type === 'float') a = Math.fround(a);
    if (type === 'long' && Math.abs(a) >= 2 ** 63) a = Math.sign(a) * 2 ** 63;
    else if ((type === 'date' || type === 'integer' || type === 'short' || type === 'byte') && Math.abs(a) >= 2 ** 63) {
      throw new EngineError(400, 'parse_exception', `failed to parse date field [${String(after)}] with format [strict_date_optional_time||epoch_millis]`);
    }
    return a;
  };
  const missings = types.map(missingOf);
  const afters = types.map(afterOf);
  const missingValue = missingOf(type);
  const a = afterOf(type);
  const uniform = missings.every((m) => m === missingValue) && afters.every((x) => Object.is(x, a));
  const useMax = c.mode === 'max' || (c.mode === undefined && c.desc);
  const plain = c.mode === undefined || c.mode === 'min' || c.mode === 'max';
  const key = (t: number, ord: number): number => {
    const fi = perTarget[t];
    let v = NaN;
    if (fi && fi.kind === 'numeric') v = plain ? fi.sortValue(ord, useMax) : reduce(fi.values(ord), c.mode, c.desc);
    return Number.isNaN(v) ? missings[t]! : v;
  };
  // Single-valued columns can be read directly (NaN = missing) by a hot loop.
  const single = perTarget.every((fi) => fi === undefined || (fi.kind === 'numeric' && fi.multi.size === 0));
  const column = single ? perTarget.map((fi) => (fi && fi.kind === 'numeric' ? fi.col : new Float64Array(0))) : undefined;
  return { key, after: a, missing: missingValue, types, afters, missings, uniform, ...(column ? { column } : {}) };
}

/**
 * The first sort clause as a number per doc, in ascending sort order (`p`; the direction is applied), so a
 * collector can keep the best hits in a typed heap without building columns over every match. Undefined
 * where no such number exists (keyword sorts across several indices, `_id`, `_index`): the caller then
 * orders every match with `buildColumn`. Ties in `p` are ties of the clause; `afterP` is search_after's
 * value in the same space (NaN compares equal to everything, like `cmpNum`).
 */
export interface PrimaryKey {
  /** Key of doc `ord` of target `t` scoring `score`. */
  p(t: number, ord: number, score: number): number;
  readonly afterP: number;
  /** When set: for target t, p = sign * column[ord] (NaN -> missingP). */
  readonly column?: readonly Float64Array[];
  /** With `column`: the numeric field per target (sorted values, bounds). */
  readonly numeric?: readonly (NumericFieldIndex | undefined)[];
  readonly sign: number;
  readonly missingP: number;
  readonly kind: 'score' | 'doc' | 'field';
}

export function primaryKey(targets: readonly SearchIndex[], c: SortClause, after: unknown, hasAfter: boolean): PrimaryKey | undefined {
  const dir = c.desc ? -1 : 1;
  if (c.kind === 'score') {
    return { p: (_t, _o, s) => dir * s, afterP: dir * Math.fround(Number(after)), sign: dir, missingP: NaN, kind: 'score' };
  }
  if (c.kind === 'doc') {
    return { p: (_t, o) => dir * o, afterP: dir * Number(after), sign: dir, missingP: NaN, kind: 'doc' };
  }
  if (c.field === '_id' || c.field === '_index') return undefined;
  const type = resolveType(targets, c);
  const perTarget = targets.map((ix) => ix.fieldIndex(c.field));
  if (type === 'keyword') {
    if (targets.length !== 1) return undefined;
    if (c.mode !== undefined && c.mode !== 'min' && c.mode !== 'max') return undefined;
    const fi = perTarget[0];
    if (!fi || fi.kind !== 'keyword') return undefined;
    const kw = fi;
    const missingFirst = c.missing === '_first';
    const custom = c.missing !== '_first' && c.missing !== '_last' ? String(c.missing) : undefined;
    // Missing keys go first/last regardless of direction; a custom missing value sorts as that term.
    const missingP = custom !== undefined ? dir * kw.rankOf(custom) : missingFirst ? -Infinity : Infinity;
    const useMax = c.mode === 'max' || (c.mode === undefined && c.desc);
    let afterP = NaN;
    if (hasAfter) {
      if (after !== null && typeof after !== 'string') return undefined; // buildColumn reports it
      afterP = after === null ? (missingFirst ? -Infinity : Infinity) : dir * kw.rankOf(after);
    }
    return {
      p: (_t, ord) => {
        const r = kw.sortRank(ord, useMax);
        return r < 0 ? missingP : dir * r;
      },
      afterP, sign: dir, missingP, kind: 'field',
    };
  }
  const num = numericKeys(targets, c, type, perTarget, after, hasAfter);
  // Targets sorting with different sentinels or cursors (different field types) are ordered by buildColumn.
  if (!num.uniform) return undefined;
  return {
    p: (t, ord) => dir * num.key(t, ord),
    afterP: dir * num.after,
    sign: dir,
    missingP: dir * num.missing,
    kind: 'field',
    ...(num.column ? { column: num.column, numeric: perTarget.map((fi) => (fi && fi.kind === 'numeric' ? fi : undefined)) } : {}),
  };
}

/** Indices into `hits` of the first `k` hits in sort order. */
export function topK(n: number, k: number, cmp: (i: number, j: number) => number, keep?: (i: number) => boolean): number[] {
  const idx: number[] = [];
  if (k <= 0) return idx;
  if (k * 4 >= n) {
    for (let i = 0; i < n; i++) if (!keep || keep(i)) idx.push(i);
    idx.sort(cmp);
    return idx.slice(0, k);
  }
  // Max-heap of the best k so far (root = worst kept).
  const heap: number[] = [];
  const worse = (a: number, b: number): boolean => cmp(a, b) > 0;
  for (let i = 0; i < n; i++) {
    if (keep && !keep(i)) continue;
    if (heap.length < k) {
      heap.push(i);
      let c = heap.length - 1;
      while (c > 0) {
        const p = (c - 1) >> 1;
        if (!worse(heap[c]!, heap[p]!)) break;
        [heap[c], heap[p]] = [heap[p]!, heap[c]!];
        c = p;
      }
    } else if (worse(heap[0]!, i)) {
      heap[0] = i;
      let p = 0;
      for (;;) {
        const l = 2 * p + 1;
        const r = l + 1;
        let m = p;
        if (l < heap.length && worse(heap[l]!, heap[m]!)) m = l;
        if (r < heap.length && worse(heap[r]!, heap[m]!)) m = r;
        if (m === p) break;
        [heap[m], heap[p]] = [heap[p]!, heap[m]!];
        p = m;
      }
    }
  }
  return heap.sort(cmp);
}

/**
 * Whether Lucene's sort-skipping could drop documents here that this engine would return: a search_after
 * cursor whose first value equals the missing-value sentinel of a numeric/date/boolean first sort clause,
 * while some matched document lacks the field in an index that has values for it. With hit counting off,
 * OpenSearch 3.6's comparator then skips documents without a value (it visits only the points from the
 * cursor on) in segments that hold points, so which of them come back depends on its segments. The search
 * is refused there (see the engine README). So is a null cursor on a keyword first sort (see below).
 */
export function cursorOnMissingSentinel(targets: readonly SearchIndex[], c: SortClause, after: unknown, sets: readonly { docs: Int32Array }[]): boolean {
  if (c.kind !== 'field' || c.field === '_id' || c.field === '_index') return false;
  const type = resolveType(targets, c);
  const perTarget = targets.map((ix) => ix.fieldIndex(c.field));
  // A null cursor on a keyword sort: OpenSearch 3.6's skipping comparator fails with a
  // NullPointerException (500) once the field has terms; refused there too.
  if (type === 'keyword') return after === null && perTarget.some((fi) => fi !== undefined && fi.kind === 'keyword' && fi.docCount > 0);
  if (type === 'text') return false;
  let num: ReturnType<typeof numericKeys>;
  try {
    num = numericKeys(targets, c, type, perTarget, after, true);
  } catch {
    return false; // the cursor is refused while sorting, as OpenSearch does
  }
  return targets.some((_, t) => {
    if (num.afters[t] !== num.missings[t]) return false;
    const fi = perTarget[t];
    if (!fi || fi.kind !== 'numeric' || fi.docCount === 0) return false;
    const docs = sets[t]?.docs ?? new Int32Array(0);
    for (let i = 0; i < docs.length; i++) if (!fi.has(docs[i]!)) return true;
    return false;
  });
}

/**
 * OpenSearch 3.6 skips whole segments for search_after when hit counting is disabled and the first sort is on
 * a field with no `missing` written (ContextIndexSearcher.canMatchSearchAfter): a segment whose min/max of
 * that field (over its points or terms, deleted documents included) lies wholly before the cursor is not
 * searched at all. Within a skipped segment that drops documents without a value (they sort last, after any
 * cursor) and every document from the aggregations. This engine has no segments, so whether a given document
 * is dropped is unknowable here: the search is refused when the answer could depend on it (see the engine
 * README). Booleans have no such min/max there (checked on 3.6), nor do `_doc`, `_id` and `_score`.
 */
export function segmentSkipping(targets: readonly SearchIndex[], c: SortClause, trackTotal: number | boolean, hasAfter: boolean): boolean {
  if (!hasAfter || trackTotal !== false || c.kind !== 'field' || c.missingGiven) return false;
  if (c.field === '_id' || c.field === '_index') return false;
  return targets.some((ix) => {
    const t = ix.leaf(c.field)?.type;
    return t !== undefined && t !== 'boolean' && t !== 'text';
  });
}

/** Whether the document at `ord` of `ix` has no value for the sort field (so a skipped segment would drop it). */
export function lacksSortValue(ix: SearchIndex, c: SortClause, ord: number): boolean {
  if (c.kind !== 'field') return false;
  const fi = ix.fieldIndex(c.field);
  return fi === undefined || fi.kind === 'text' || !fi.has(ord);
}
