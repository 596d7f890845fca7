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
import { exactJson, isRawNumber, javaNumberText, LONG_MAX as LONG_MAX_X, LONG_MIN as LONG_MIN_X } from '../index/exact-numbers.js';
import { parseDateMath } from '../index/date-math.js';
import { defaultDateFormat } from '../index/dates.js';

const cmpBig = (a: bigint, b: bigint): number => (a < b ? -1 : a > b ? 1 : 0);
const beyond53 = (v: number): boolean => v >= 2 ** 53 || v <= -(2 ** 53);

const FLOATING = new Set(['float', 'double', 'half_float']);
const cmpNum = (a: number, b: number): number => (a < b ? -1 : a > b ? 1 : 0);
/** cmpNum in Lucene's float/double order, where -0.0 sorts before 0.0 (keys of other types hold no -0). */
const cmpSigned = (a: number, b: number): number =>
  (a < b ? -1 : a > b ? 1 : a === 0 && b === 0 ? (Object.is(b, -0) ? 1 : 0) - (Object.is(a, -0) ? 1 : 0) : 0);

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

/** Java's Math.round(double) as a long (half up; NaN is 0; beyond a long saturated). */
function javaRound(x: number): bigint {
  if (Number.isNaN(x)) return 0n;
  if (x >= 2 ** 63) return LONG_MAX_X;
  if (x <= -(2 ** 63)) return LONG_MIN_X;
  return BigInt(Math.round(x));
}

/**
 * MultiValueMode.pick over a doc's integral values (long, date, integer, short, byte, boolean), as Lucene's
 * long doc values hold them: `sum` adds longs (wrapping at 2^64), `avg` is Math.round of the long total over
 * the count (half up), `median` of an even count Math.round of the two middle values' mean in doubles.
 * Undefined for a doc without values. Int-typed sorts then take the int of that long (`(int)`, low 32 bits).
 */
function reduceIntegral(values: readonly bigint[], mode: 'sum' | 'avg' | 'median'): bigint | undefined {
  const n = values.length;
  if (n === 0) return undefined;
  if (mode === 'median') {
    const mid = n >> 1;
    return n % 2 ? values[mid]! : javaRound((Number(values[mid - 1]!) + Number(values[mid]!)) / 2);
  }
  let total = 0n;
  for (const v of values) total = BigInt.asIntN(64, total + v);
  return mode === 'sum' || n === 1 ? total : javaRound(Number(total) / n);
}

/** Lucene's sort type of a numeric, date or boolean field (OpenSearch's IndexNumericFieldData.NumericType):
 *  dates sort as longs, booleans and small integers as ints; undefined for other fields. */
function luceneSortType(type: string): string | undefined {
  if (INT_TYPES.has(type)) return 'LONG';
  if (INT32_TYPES.has(type)) return 'INT';
  if (type === 'float' || type === 'half_float') return 'FLOAT';
  if (type === 'double' || type === 'scaled_float') return 'DOUBLE';
  return undefined;
}

/**
 * The sort field's type per target when the targets sort it with different numeric sort types (a field
 * mapped float in one index and long in another): each shard then sorts with its own type (its own
 * missing-value sentinel, search_after reading and rendering of sort values), and the coordinating node
 * merges them by their double values (OpenSearch's sort widening, SortedWiderNumericSortField). Undefined
 * when the targets agree (the usual, exact path) or a target's field is not numeric.
 */
function widenedTypes(targets: readonly SearchIndex[], c: Extract<SortClause, { kind: 'field' }>, type: string): string[] | undefined {
  if (targets.length < 2) return undefined;
  const types = targets.map((ix) => sortFieldType(ix, c.field) ?? c.unmappedType ?? type);
  const sortTypes = types.map(luceneSortType);
  if (sortTypes.some((s) => s === undefined) || new Set(sortTypes).size < 2) return undefined;
  return types;
}

/** Metadata fields whose type has no fielddata: OpenSearch fails the shard when building the sort. */
const NO_FIELDDATA = new Set(['_version', '_routing', '_source', '_ignored', '_field_names', '_nested_path', '_data_stream_timestamp', '_feature', '_doc_count']);

/** The type a sort sees for `field` on `ix`: `_seq_no` is a long (its doc values), other fields their mapping's. */
function sortFieldType(ix: SearchIndex, field: string): string | undefined {
  return field === '_seq_no' ? 'long' : ix.leaf(field)?.type;
}

/** The values a sort reads for `field` on `ix` (see `sortFieldType`). */
function sortFieldIndex(ix: SearchIndex, field: string): ReturnType<SearchIndex['fieldIndex']> {
  return field === '_seq_no' ? ix.seqNoIndex() : ix.fieldIndex(field);
}

/** The sort type: the first target's (each is checked). With `contributes`, the first of the targets whose
 *  hits are merged: where indices map the field as a keyword and as a number, only one kind may have hits
 *  (else mergeCastError), and those shards sort with their own type. */
function resolveType(targets: readonly SearchIndex[], c: Extract<SortClause, { kind: 'field' }>, contributes?: (t: number) => boolean): string {
  let type: string | undefined;
  let first: string | undefined;
  targets.forEach((ix, i) => {
    if (NO_FIELDDATA.has(c.field)) throw new EngineError(400, 'illegal_argument_exception', `Fielddata is not supported on field [${c.field}] of type [${c.field}]`);
    const t = sortFieldType(ix, c.field) ?? c.unmappedType;
    if (t === undefined) throw new EngineError(400, 'query_shard_exception', `No mapping found for [${c.field}] in order to sort on`, { index: ix.name, index_uuid: ix.uuid });
    if (t === 'text') throw textSortError(c.field);
    if (first === undefined) first = t;
    if (type === undefined && (!contributes || contributes(i))) type = t;
  });
  return type ?? first ?? c.unmappedType ?? 'keyword';
}

/** Some targets map the field as a keyword and others as a number, date or boolean. */
function mixedKinds(targets: readonly SearchIndex[], c: Extract<SortClause, { kind: 'field' }>): boolean {
  const kinds = new Set(targets.map((ix) => {
    const t = sortFieldType(ix, c.field) ?? c.unmappedType;
    return t === 'keyword' ? 'string' : t !== undefined && luceneSortType(t) !== undefined ? 'number' : undefined;
  }).filter((k) => k !== undefined));
  return kinds.size > 1;
}

/**
 * The checks OpenSearch makes while building the sort (FieldSortBuilder.build, in SearchService.parseSource
 * after the aggregations are built, before the result window is checked and before any aggregation error
 * raised while aggregating): an unmapped field without `unmapped_type`, a text field, and sum/avg/median on
 * a field that is not numeric.
 */
export function checkSort(targets: readonly SearchIndex[], clauses: readonly SortClause[]): void {
  for (const c of clauses) {
    if (c.kind !== 'field') continue;
    const type = c.field === '_id' || c.field === '_index' ? c.field : resolveType(targets, c);
    if ((type === 'keyword' || type === '_id' || type === '_index') && c.mode !== undefined && c.mode !== 'min' && c.mode !== 'max') {
      throw new EngineError(400, 'query_shard_exception', 'we only support AVG, MEDIAN and SUM on number based fields');
    }
  }
}

export function buildColumn(targets: readonly SearchIndex[], hits: HitList, c: SortClause, after: unknown, hasAfter: boolean, afterText?: string): KeyColumn {
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
  const present = new Set(Array.from(hits.target.subarray(0, hits.length)));
  const type = c.field === '_id' || c.field === '_index' ? c.field : resolveType(targets, c, (t) => present.has(t));
  // Resolve the field's structures once per index, not once per hit.
  const perTarget = targets.map((ix) => sortFieldIndex(ix, c.field));
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
    // SearchAfterBuilder reads a keyword cursor as the text of the JSON value Jackson parsed (toString of
    // its Integer/Long/Double/Boolean: 1 is "1", 1.0 and 1e0 are "1.0", true is "true").
    let a: string | null;
    if (!hasAfter || after === null || typeof after === 'string') a = (after ?? null) as string | null;
    else if (isRawNumber(after)) a = after.rawJSON;
    else if (typeof after === 'number') a = javaNumberText(after, afterText ?? String(after));
    else if (typeof after === 'boolean') a = String(after);
    else throw new EngineError(400, 'illegal_argument_exception', `Failed to parse search_after value for field [${c.field}].`);
    return { compare: (i, j) => cmp(keys[i]!, keys[j]!), compareAfter: (i) => cmp(keys[i]!, a), value: (i) => keys[i] };
  }
  const widened = widenedTypes(targets, c, type);
  if (widened) return widenedColumn(targets, hits, c, widened, perTarget, after, hasAfter);
  const num = numericKeys(targets, c, type, perTarget, after, hasAfter);
  const keys = new Float64Array(hits.length);
  for (let i = 0; i < hits.length; i++) keys[i] = num.key(hits.target[i]!, hits.ord[i]!);
  const a = num.after;
  const render = type === 'float' ? floatValue : doubleValue;
  // Long and date keys beyond 2^53 (longs that round to the same double, the missing-value sentinels
  // Long.MIN/MAX_VALUE) are compared and rendered exactly; below 2^53 the doubles are exact.
  const exactKeys = num.exactKey ? new Map<number, bigint>() : undefined;
  if (exactKeys) for (let i = 0; i < hits.length; i++) if (beyond53(keys[i]!)) exactKeys.set(i, num.exactKey!(hits.target[i]!, hits.ord[i]!));
  if (!exactKeys || exactKeys.size === 0 && num.afterExact === undefined) {
    return {
      compare: (i, j) => dir * cmpSigned(keys[i]!, keys[j]!),
      compareAfter: num.afterNaN ? () => -dir : (i) => dir * cmpSigned(keys[i]!, a),
      value: (i) => render(keys[i]!),
    };
  }
  const ax = num.afterExact;
  return {
    compare: (i, j) => {
      const d = cmpNum(keys[i]!, keys[j]!);
      if (d !== 0) return dir * d;
      const x = exactKeys.get(i);
      const y = exactKeys.get(j);
      return x === undefined || y === undefined ? 0 : dir * cmpBig(x, y);
    },
    compareAfter: (i) => {
      const d = cmpNum(keys[i]!, a);
      if (d !== 0 || ax === undefined) return dir * d;
      const x = exactKeys.get(i);
      return x === undefined ? dir * d : dir * cmpBig(x, ax);
    },
    value: (i) => {
      const x = exactKeys.get(i);
      return x !== undefined ? exactJson(x) : render(keys[i]!);
    },
  };
}

/**
 * Reads a numeric, date or boolean sort's `missing` and search_after values as `ix`'s mapping types them,
 * raising the error that shard fails with: with several indices, a value one index's type cannot read
 * fails that index alone (a cursor of 2^63 on its integer, "Infinity" on its date, a `missing` of "zzz" on
 * its number) and the others answer. OpenSearch reads them while it builds the sort (`build`), except the
 * `missing` of a sum/avg/median sort, read when the comparator is created, after the aggregators
 * (`collect`; checked on 3.6.0).
 */
export function checkSortValues(ix: SearchIndex, clauses: readonly SortClause[], after: readonly unknown[] | undefined, phase: 'build' | 'collect'): void {
  clauses.forEach((c, k) => {
    if (c.kind !== 'field' || c.field === '_id' || c.field === '_index') return;
    const type = sortFieldType(ix, c.field) ?? c.unmappedType;
    if (type === undefined || luceneSortType(type) === undefined) return;
    const lateMissing = c.mode === 'sum' || c.mode === 'avg' || c.mode === 'median';
    if (phase === 'collect' && !lateMissing) return;
    const clause = phase === 'build' && lateMissing ? { ...c, missing: '_last' } : c;
    const cursor = phase === 'build' && after !== undefined;
    numericKeys([ix], clause, type, [sortFieldIndex(ix, c.field)], cursor ? after[k] : undefined, cursor);
  });
}

/**
 * A first sort clause on a field one searched index maps as a keyword and another as a number, date or
 * boolean: OpenSearch's merge of the shards' hits then compares a string with a number and fails with a
 * 500 ClassCastException, once two such shards return hits (checked on 3.6.0; a shard without matches, or
 * `size: 0`, merges nothing). Undefined where the merge succeeds.
 */
export function mergeCastError(targets: readonly SearchIndex[], c: SortClause, matches: readonly number[], k: number): EngineError | undefined {
  if (k <= 0 || c.kind !== 'field' || c.field === '_id' || c.field === '_index') return undefined;
  const kinds = new Map<'string' | 'number', string>();
  targets.forEach((ix, t) => {
    if (matches[t] === 0) return;
    const type = sortFieldType(ix, c.field) ?? c.unmappedType;
    if (type === 'keyword') kinds.set('string', type);
    else if (type !== undefined && luceneSortType(type) !== undefined) kinds.set('number', luceneSortType(type)!);
  });
  if (kinds.size < 2) return undefined;
  const java = { LONG: 'Long', INT: 'Integer', FLOAT: 'Float', DOUBLE: 'Double' }[kinds.get('number')!] ?? 'Long';
  const reason = `class java.lang.${java} cannot be cast to class org.apache.lucene.util.BytesRef (java.lang.${java} is in module java.base of loader 'bootstrap'; org.apache.lucene.util.BytesRef is in unnamed module of loader 'app')`;
  return new EngineError(500, 'search_phase_execution_exception', '', {
    root_cause: [], phase: 'fetch', grouped: true, failed_shards: [], caused_by: { type: 'class_cast_exception', reason },
  });
}

/**
 * A numeric sort over targets of different sort types (see `widenedTypes`): each target's keys, sentinel
 * and cursor in its own type (exact for longs and dates, as in `buildColumn`), compared across targets by
 * their doubles, and within a target exactly where doubles tie (its shard ordered them so before the merge).
 */
function widenedColumn(targets: readonly SearchIndex[], hits: HitList, c: Extract<SortClause, { kind: 'field' }>, types: readonly string[],
  perTarget: readonly (ReturnType<SearchIndex['fieldIndex']>)[], after: unknown, hasAfter: boolean): KeyColumn {
  const dir = c.desc ? -1 : 1;
  const per = targets.map((ix, t) => numericKeys([ix], c, types[t]!, [perTarget[t]], after, hasAfter));
  const renders = types.map((t) => (t === 'float' ? floatValue : doubleValue));
  const keys = new Float64Array(hits.length);
  const exact = new Map<number, bigint>();
  for (let i = 0; i < hits.length; i++) {
    const num = per[hits.target[i]!]!;
    keys[i] = num.key(0, hits.ord[i]!);
    if (num.exactKey && beyond53(keys[i]!)) exact.set(i, num.exactKey(0, hits.ord[i]!));
  }
  const tied = (i: number, j: number): number => {
    if (hits.target[i] !== hits.target[j]) return 0;
    const x = exact.get(i);
    const y = exact.get(j);
    return x === undefined || y === undefined ? 0 : cmpBig(x, y);
  };
  return {
    compare: (i, j) => dir * (cmpSigned(keys[i]!, keys[j]!) || tied(i, j)),
    compareAfter: (i) => {
      const num = per[hits.target[i]!]!;
      const d = cmpSigned(keys[i]!, num.after);
      const x = exact.get(i);
      return dir * (d !== 0 || num.afterExact === undefined || x === undefined ? d : cmpBig(x, num.afterExact));
    },
    value: (i) => {
      const x = exact.get(i);
      return x !== undefined ? exactJson(x) : renders[hits.target[i]!]!(keys[i]!);
    },
  };
}

/**
 * Numeric, date and boolean sort keys of one doc (missing values substituted like Lucene's sentinels) and the
 * parsed search_after value. Shared by `buildColumn` and the collector's primary key, so both order alike.
 */
function numericKeys(targets: readonly SearchIndex[], c: Extract<SortClause, { kind: 'field' }>, type: string,
  perTarget: readonly (ReturnType<SearchIndex['fieldIndex']>)[], after: unknown, hasAfter: boolean):
  {
    key(target: number, ord: number): number; after: number; column?: Float64Array[]; missing: number; afterNaN?: boolean;
    /** Long and date sorts by min/max: the exact key (missing docs: the exact sentinel or `missing`). */
    exactKey?(target: number, ord: number): bigint;
    afterExact?: bigint;
    missingExact?: bigint;
  } {
  // Lucene's sentinels are the type's MIN_VALUE and MAX_VALUE: -2^31 (not -(2^31 - 1)) for ints.
  const big = INT_TYPES.has(type) ? LONG_MAX : INT32_TYPES.has(type) ? 2147483647 : Infinity;
  const small = INT32_TYPES.has(type) ? -2147483648 : -big;
  let missingValue: number;
  if (c.missing === '_last') missingValue = c.desc ? small : big;
  else if (c.missing === '_first') missingValue = c.desc ? big : small;
  else {
    missingValue = Number(c.missing);
    if (Number.isNaN(missingValue)) throw new EngineError(400, 'number_format_exception', `For input string: "${c.missing}"`);
    if (type === 'float') missingValue = Math.fround(missingValue);
  }
  let a = NaN;
  let afterExact: bigint | undefined;
  /** A float/double cursor "NaN": above every value (Double.compare), so nothing follows it ascending. */
  let afterNaN = false;
  if (hasAfter) {
    if (isRawNumber(after)) {
      // A JSON integer beyond 2^53: exact on long and date sorts (a long's own range; beyond it a long
      // cursor saturates, a date one is refused below).
      const x = BigInt(after.rawJSON);
      if (type === 'long') afterExact = x > LONG_MAX_X ? LONG_MAX_X : x < LONG_MIN_X ? LONG_MIN_X : x;
      else if (type === 'date' && x <= LONG_MAX_X && x >= LONG_MIN_X) afterExact = x;
      a = Number(x);
      if (type === 'date' && (x > LONG_MAX_X || x < LONG_MIN_X)) a = Infinity;
      else if (afterExact !== undefined) a = Number(afterExact);
    } else if (typeof after === 'number') a = after;
    else if (type === 'date' && (typeof after === 'string' || typeof after === 'boolean')) {
      // SearchAfterBuilder: DocValueFormat.parseLong of the text, the field's date parser with date math,
      // where `now` is refused (its supplier throws, which the parser reports as below).
      const text = String(after);
      if (text.startsWith('now')) throw new EngineError(400, 'parse_exception', 'could not read the current timestamp');
      const ix = targets.find((t) => t.leaf(c.field)?.type === 'date');
      const fmt = ix?.leaf(c.field)?.dateFormat ?? defaultDateFormat;
      try {
        a = parseDateMath(text, fmt, false, Date.now());
      } catch (e) {
        // parseDateMath already words it as OpenSearch does (`<reason>: [<reason>]`, with its causes).
        throw e;
      }
      if (!Number.isFinite(a)) a = NaN;
    } else if (typeof after === 'string' && INT32_TYPES.has(type)) {
      // Integer.parseInt: an optional sign and ASCII digits within an int, nothing else ("5.0", " 5" fail).
      const x = /^[+-]?\d+$/.test(after) ? Number(after) : NaN;
      a = x >= -2147483648 && x <= 2147483647 ? x : NaN;
    } else if (typeof after === 'string' && FLOATING.has(type)) {
      // Double/Float.parseDouble: trimmed, a d/f suffix, NaN and Infinity (NaN sorts above everything).
      // eslint-disable-next-line no-control-regex
      const t = after.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '');
      if (/^[+-]?NaN$/.test(t)) { a = NaN; afterNaN = true; }
      else a = /^[+-]?(?:Infinity|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?[dDfF]?)$/.test(t) ? Number(t.replace(/[dDfF]$/, '')) : NaN;
    } else a = typeof after === 'string' && after.trim() !== '' ? Number(after) : NaN;
    if (Number.isNaN(a) && !afterNaN) {
      // Caused by Java's number parsing of the cursor's text (a JSON true is read as "true").
      const text = typeof after === 'string' || typeof after === 'boolean' ? String(after) : undefined;
      const cause = text === undefined ? undefined : { type: 'number_format_exception', reason: text.trim() === '' ? 'empty String' : `For input string: "${text}"` };
      throw new EngineError(400, 'illegal_argument_exception', `Failed to parse search_after value for field [${c.field}].`, cause ? { caused_by: cause } : undefined);
    }
    // OpenSearch reads a date or integer cursor as a Java long: the JSON rendering of Long.MIN_VALUE that
    // clients send back (-9223372036854776000) is out of that range and refused.
    // A long cursor beyond a Java long saturates there (9223372036854776000, as clients render Long.MAX_VALUE,
    // is Long.MAX_VALUE again), which as a double is the same ±2^63.
    // A float field's cursor is read as a Java float (0.1 is 0.1f, the value the hit showed).
    if (type === 'float') a = Math.fround(a);
    // An int sort reads a JSON integer cursor as Java's Number.intValue(): a long keeps its low 32 bits
    // (9223372036854775807 is -1, 2147483648 is -2147483648), beyond a long it fails; a decimal saturates.
    // (Checked on OpenSearch 3.6.0.)
    if (INT32_TYPES.has(type) && (isRawNumber(after) || typeof after === 'number')) {
      if (isRawNumber(after)) {
        const x = BigInt(after.rawJSON);
        if (x > LONG_MAX_X || x < LONG_MIN_X) throw new EngineError(400, 'illegal_argument_exception', `Failed to parse search_after value for field [${c.field}].`);
        a = Number(BigInt.asIntN(32, x));
      } else if (Number.isInteger(a) && Math.abs(a) < 2 ** 53) a = Number(BigInt.asIntN(32, BigInt(a)));
      else a = Math.max(-2147483648, Math.min(2147483647, Math.trunc(a)));
    }
    if (type === 'long' && Math.abs(a) >= 2 ** 63) {
      a = Math.sign(a) * 2 ** 63;
      if (afterExact === undefined) afterExact = a > 0 ? LONG_MAX_X : LONG_MIN_X;
    } else if ((type === 'date' || type === 'integer' || type === 'short' || type === 'byte') && Math.abs(a) >= 2 ** 63 && afterExact === undefined) {
      throw new EngineError(400, 'parse_exception', `failed to parse date field [${isRawNumber(after) ? after.rawJSON : String(after)}] with format [strict_date_optional_time||epoch_millis]`);
    }
    // A long or date cursor with a fraction is Java's longValue() of it, toward zero (0.9 and -0.5 are 0;
    // checked on 3.6.0): documents at 0 sort after neither.
    if (INT_TYPES.has(type) && Number.isFinite(a) && !Number.isInteger(a)) a = Math.trunc(a);
    if (afterExact === undefined && INT_TYPES.has(type) && Number.isFinite(a)) afterExact = BigInt(Math.trunc(a));
  }
  if (!FLOATING.has(type)) a += 0;
  const useMax = c.mode === 'max' || (c.mode === undefined && c.desc);
  const plain = c.mode === undefined || c.mode === 'min' || c.mode === 'max';
  const integral = INT_TYPES.has(type) || INT32_TYPES.has(type);
  const reduced = (t: number, ord: number): bigint | undefined => {
    const fi = perTarget[t];
    if (!fi || fi.kind !== 'numeric') return undefined;
    const x = reduceIntegral(fi.exactValues(ord), c.mode as 'sum' | 'avg' | 'median');
    return x === undefined || !INT32_TYPES.has(type) ? x : BigInt.asIntN(32, x);
  };
  const key = (t: number, ord: number): number => {
    const fi = perTarget[t];
    let v = NaN;
    if (fi && fi.kind === 'numeric') {
      if (plain) v = fi.sortValue(ord, useMax);
      else if (integral) {
        const x = reduced(t, ord);
        if (x !== undefined) v = Number(x);
      } else {
        // float and double: the mode over doubles; a float sort keeps the float of the result.
        v = reduce(fi.values(ord), c.mode, c.desc);
        if (type === 'float') v = Math.fround(v);
      }
    }
    // Only float and double values keep the sign of a zero.
    return Number.isNaN(v) ? missingValue : FLOATING.has(type) ? v : v + 0;
  };
  // Single-valued columns can be read directly (NaN = missing) by a hot loop.
  const single = perTarget.every((fi) => fi === undefined || (fi.kind === 'numeric' && fi.multi.size === 0));
  const column = single ? perTarget.map((fi) => (fi && fi.kind === 'numeric' ? fi.col : new Float64Array(0))) : undefined;
  if (!INT_TYPES.has(type)) return { key, after: a, missing: missingValue, ...(afterNaN ? { afterNaN } : {}), ...(column ? { column } : {}) };
  const missingExact = c.missing === '_last' ? (c.desc ? LONG_MIN_X : LONG_MAX_X) : c.missing === '_first' ? (c.desc ? LONG_MAX_X : LONG_MIN_X)
    : Number.isFinite(missingValue) ? BigInt(Math.trunc(missingValue)) : undefined;
  const exactKey = (t: number, ord: number): bigint => {
    const fi = perTarget[t];
    const x = !plain ? reduced(t, ord) : fi && fi.kind === 'numeric' ? fi.exactSortValue(ord, useMax) : undefined;
    return x ?? missingExact ?? 0n;
  };
  return {
    key, after: a, missing: missingValue, exactKey, ...(missingExact !== undefined ? { missingExact } : {}), ...(afterExact !== undefined ? { afterExact } : {}),
    ...(column ? { column } : {}),
  };
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
  // A field typed keyword in one index and numeric in another: buildColumn sorts with the type of the
  // indices holding hits.
  if (mixedKinds(targets, c)) return undefined;
  const type = resolveType(targets, c);
  const perTarget = targets.map((ix) => sortFieldIndex(ix, c.field));
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
  // Targets sorting with different numeric types (their own sentinels and cursors) are ordered by buildColumn.
  if (widenedTypes(targets, c, type)) return undefined;
  const num = numericKeys(targets, c, type, perTarget, after, hasAfter);
  // -0.0 sorts before 0.0 on float and double fields; the collector's keys would tie them: every match is
  // ordered by `buildColumn` then (only where a -0.0 was indexed, or the cursor is -0.0).
  if (FLOATING.has(type) && (perTarget.some((fi) => fi?.kind === 'numeric' && fi.negativeZero) || (hasAfter && Object.is(num.after, -0)))) return undefined;
  // A NaN cursor is above every key: only `buildColumn` orders against it.
  if (num.afterNaN) return undefined;
  // Longs beyond 2^53 (or a cursor there) need exact ties: every match is ordered by `buildColumn` then.
  if (num.exactKey && (perTarget.some((fi) => fi?.kind === 'numeric' && fi.exact.size > 0) || (hasAfter && beyond53(num.after)))) return undefined;
  // A long or date sum may wrap or reach beyond 2^53 from small values: order those exactly too.
  if (num.exactKey && (c.mode === 'sum' || c.mode === 'avg' || c.mode === 'median')) return undefined;
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
  const perTarget = targets.map((ix) => sortFieldIndex(ix, c.field));
  // A null cursor on a keyword sort: OpenSearch 3.6's skipping comparator fails with a
  // NullPointerException (500) once the field has terms; refused there too.
  if (type === 'keyword') return after === null && perTarget.some((fi) => fi !== undefined && fi.kind === 'keyword' && fi.docCount > 0);
  if (type === 'text') return false;
  // Each target reads the cursor and substitutes the sentinel of its own type (see widenedTypes).
  const types = widenedTypes(targets, c, type) ?? targets.map(() => type);
  return targets.some((ix, t) => {
    let num: ReturnType<typeof numericKeys>;
    try {
      num = numericKeys([ix], c, types[t]!, [perTarget[t]], after, true);
    } catch {
      return false; // the cursor is refused while sorting, as OpenSearch does
    }
    if (num.afterExact !== undefined && num.missingExact !== undefined ? num.afterExact !== num.missingExact : num.after !== num.missing) return false;
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
    const t = sortFieldType(ix, c.field);
    return t !== undefined && t !== 'boolean' && t !== 'text';
  });
}

/** Whether the document at `ord` of `ix` has no value for the sort field (so a skipped segment would drop it). */
export function lacksSortValue(ix: SearchIndex, c: SortClause, ord: number): boolean {
  if (c.kind !== 'field') return false;
  const fi = sortFieldIndex(ix, c.field);
  return fi === undefined || fi.kind === 'text' || !fi.has(ord);
}

/** Field types OpenSearch 3.6 sorts through LongValuesComparatorSource with points for Lucene's skipping. */
const SKIPPING_INTEGRAL = new Set(['long', 'integer', 'short', 'byte', 'date']);
const TYPE_LIMITS: Record<string, [number, number]> = {
  long: [-(2 ** 63), 2 ** 63], date: [-(2 ** 63), 2 ** 63], integer: [-(2 ** 31), 2 ** 31 - 1], short: [-(2 ** 31), 2 ** 31 - 1], byte: [-(2 ** 31), 2 ** 31 - 1],
};

/**
 * Whether OpenSearch 3.6 could fail this search on the shard of `ix` with a 500 unsupported_operation_exception
 * (reason null). With mode avg, sum or median on a long/integer/short/byte/date field (min and max sort
 * through Lucene's own SortedNumericSortField), OpenSearch reads each segment's values through its own doc
 * values (MultiValueMode.select, then FieldData.replaceMissing): in a segment holding a document with several
 * values that is an AbstractNumericDocValues whose advance() throws. Lucene 10.4's NumericComparator, once
 * the hit threshold is passed (hits counted > max(threshold, from + size): the threshold is 1 when hit
 * counting is off or OpenSearch takes its count shortcut, else track_total_hits; a post_filter or min_score
 * collector offers no competitive iterator, so no skipping), the queue is full or a
 * search_after cursor is set, the segment holds a document without a value (points doc count < maxDoc,
 * deleted documents and delete tombstones included) and the missing value is not competitive, may then
 * drive the collection with those doc values (PointsCompetitiveDISIBuilder: when the points in the
 * competitive range are at least an eighth of the iterator's cost), and advancing them on the next
 * document throws. Whether it does depends on OpenSearch's segments, the query's scorer and its cost, so
 * the engine cannot answer it exactly: this is a superset of the conditions (each checked necessary on the
 * real node), refused (see the engine README). Checked on 3.6.0 against generated cases (K documents
 * without a value, one with several, the rest single-valued; sizes, from, cursors, track_total_hits, one to
 * three segments): every 500 falls inside it.
 */
export function mayFailSortSkipping(ix: SearchIndex, clauses: readonly SortClause[], matched: Int32Array, p: {
  from: number; size: number; filterCollector: boolean; hasAfter: boolean;
}): boolean {
  const c = clauses[0];
  if (!c || c.kind !== 'field' || (c.mode !== 'avg' && c.mode !== 'sum' && c.mode !== 'median')) return false;
  const type = sortFieldType(ix, c.field);
  if (type === undefined || !SKIPPING_INTEGRAL.has(type)) return false;
  const fi = sortFieldIndex(ix, c.field);
  if (!fi || fi.kind !== 'numeric' || fi.multi.size === 0 || ix.maxDoc <= fi.docCount) return false;
  const numHits = p.from + p.size;
  if (numHits <= 0) return false;
  // A post_filter or min_score wraps the collector in one that hands Lucene no competitive iterator: no
  // skipping at all (checked on 3.6.0, with track_total_hits false, a number, true or the default).
  if (p.filterCollector) return false;
  // The collector's threshold: 1 when hit counting is off or a count shortcut may apply (a lower bound: else
  // it is track_total_hits, the default 10,000, or never reached with true).
  const threshold = 1;
  // Passing it takes one hit more than max(threshold, from + size), and advancing the doc values one more.
  if (matched.length < Math.max(threshold, numHits) + 2) return false;
  if (p.hasAfter || typeof c.missing === 'number' || (c.missing !== '_first' && c.missing !== '_last')) return true;
  // Without a cursor the missing value must not be competitive against the queue's bottom: missing last, it
  // never is with one sort clause (ties are not competitive) and with several only when the queue holds no
  // document sorting as missing; missing first, only when the queue is all documents sorting as missing.
  // Counted generously: any document with a value may sort apart from the missing ones, and one with
  // several values (a sum wraps) or a value at the type's limit may sort as missing.
  const [lo, hi] = TYPE_LIMITS[type]!;
  let valued = 0;
  let plain = 0;
  for (let i = 0; i < matched.length; i++) {
    const vs = fi.values(matched[i]!);
    if (vs.length > 0) valued++;
    if (vs.length === 1 && vs[0]! > lo && vs[0]! < hi) plain++;
  }
  if (c.missing === '_last') return clauses.length === 1 || valued >= numHits;
  return clauses.length === 1 && matched.length - plain >= numHits;
}
