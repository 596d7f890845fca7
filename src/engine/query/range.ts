/** `range`: numeric, date (formats + date math) and string ranges. Constant score. */
import { EngineError, parsingError, atParse } from '../errors.js';
import { compileDateFormat, defaultDateFormat, type DateFormat } from '../index/dates.js';
import { parseDateMath } from '../index/date-math.js';
import { compareCodePoints } from '../index/keyword-field.js';
import { parseExists } from './exists.js';
import type { LeafField } from '../index/mapping.js';
import type { SearchIndex } from '../index/search-index.js';
import { EMPTY, constantSet, union } from './doc-set.js';
import { booleanTermValue, dateQueryValue, integerRangeBound, javaDouble, longRangeBounds, queryShardError, queryType } from './field-values.js';
import { copyNumberText, isRawNumber, javaNumberText, LONG_MAX, LONG_MIN, numberTextOf, plain } from '../index/exact-numbers.js';
import { unsignedZeros, type NumericFieldIndex } from '../index/numeric-field.js';
import { boostOf, checkParams, isObject, singleField } from './params.js';
import { booleanTermSet } from './scoring.js';
import { STATS_COUNT, allDocs as allDocsOf, type LazyFilter, type Query } from './types.js';
import { pointCountedField } from './count-shortcut.js';
import { parsingAt, raisedAt } from './clause-errors.js';

export interface Bounds { gt?: unknown; gte?: unknown; lt?: unknown; lte?: unknown }

/** The next double up; with `signed` (float/double fields) in Lucene's NumericUtils order, where -0.0 < 0.0:
 *  the next up from -0.0 is 0.0 (and down from 0.0, -0.0). Other fields have one zero. */
function nextUp(x: number, signed = false): number {
  if (x === Infinity || Number.isNaN(x)) return x;
  if (x === 0) return signed && Object.is(x, -0) ? 0 : Number.MIN_VALUE;
  const buf = new Float64Array([x]);
  const bits = new BigInt64Array(buf.buffer);
  bits[0] = bits[0]! + (x > 0 ? 1n : -1n);
  return buf[0]!;
}

function nextDown(x: number, signed = false): number {
  return -nextUp(-x, signed);
}

function toNumber(v: unknown): number {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  if (Number.isNaN(n)) throw queryShardError(`failed to create query: For input string: "${String(v)}"`);
  return n;
}

/** A float/double range bound as NumberFieldMapper reads it: a float bound through FLOAT.parse (Java's
 *  float of the value; not finite there, as `1e39`, `"Infinity"` or `"NaN"`, it is refused). */
function floatingBound(type: string, v: unknown): number {
  v = plain(v);
  // A string bound is Java's Double.parseDouble of it ("5d" and "5f" read, hex without an exponent refused).
  let n = typeof v === 'string' ? javaDouble(v) : toNumber(v);
  if (type === 'float') {
    n = Math.fround(n);
    if (!Number.isFinite(n)) throw queryShardError(`failed to create query: [float] supports only finite values, but got [${Number.isNaN(n) ? 'NaN' : n > 0 ? 'Infinity' : '-Infinity'}]`);
  }
  // A double bound is not validated (objectToDouble): ±Infinity bound as they are, NaN sorts above +Infinity
  // in Lucene's order, so as a lower bound it matches nothing and as an upper bound everything.
  return Number.isNaN(n) ? Infinity : n;
}

/** Inclusive [lo, hi] over doubles for the given bounds, after the field's own value conversion. */
function numericBounds(b: Bounds, conv: (v: unknown, roundUp: boolean) => number, signed = false): [number, number] {
  let lo = -Infinity;
  let hi = Infinity;
  if (b.gte !== undefined && b.gte !== null) lo = conv(b.gte, false);
  if (b.gt !== undefined && b.gt !== null) lo = nextUp(conv(b.gt, true), signed);
  if (b.lte !== undefined && b.lte !== null) hi = conv(b.lte, true);
  if (b.lt !== undefined && b.lt !== null) hi = nextDown(conv(b.lt, false), signed);
  return [lo, hi];
}

/** Date bounds with numbers as the text OpenSearch parses (dateQueryValue), read with their JSON text. */
function dateBounds(b: Bounds): Bounds {
  const out: Bounds = {};
  for (const k of ['gt', 'gte', 'lt', 'lte'] as const) if (b[k] !== undefined) out[k] = dateQueryValue(b[k], numberTextOf(b, k));
  return out;
}

export function dateRangeDocs(ix: SearchIndex, leaf: LeafField, b: Bounds, format: DateFormat | undefined, now: number): Int32Array {
  const fi = ix.fieldIndex(leaf.path);
  const fmt = format ?? leaf.dateFormat ?? defaultDateFormat;
  const [lo, hi] = unsignedZeros(numericBounds(dateBounds(b), (v, roundUp) => {
    if (typeof v !== 'string' && typeof v !== 'number') throw queryShardError(`failed to create query: invalid date bound [${JSON.stringify(v)}]`);
    return parseDateMath(v, fmt, roundUp, now);
  }));
  return fi && fi.kind === 'numeric' && lo <= hi ? fi.range(lo, hi) : new Int32Array(0);
}

/** `dateRangeDocs` and `rangeDocs` on numeric, date and boolean fields as a per-doc check (same bounds, same
 *  errors); undefined for other fields. */
export function rangeFilter(ix: SearchIndex, field: string, b: Bounds, format: DateFormat | undefined, now: number): LazyFilter | undefined {
  const r = numericRange(ix, field, b, format, now);
  return r && numericFilter(r.fi, r.lo, r.hi, r.exact);
}

/** The inclusive [lo, hi] a range means on a numeric, date or boolean field (undefined for other fields). */
function numericRange(ix: SearchIndex, field: string, b: Bounds, format: DateFormat | undefined, now: number):
  { fi: ReturnType<SearchIndex['fieldIndex']>; lo: number; hi: number; exact?: [bigint, bigint] } | undefined {
  if (field === '_id') return undefined;
  const leaf = ix.leaf(field);
  if (!leaf) return undefined;
  let lo: number;
  let hi: number;
  switch (leaf.type) {
    case 'keyword': case 'text': return undefined;
    case 'date': {
      const fmt = format ?? leaf.dateFormat ?? defaultDateFormat;
      [lo, hi] = unsignedZeros(numericBounds(dateBounds(b), (v, roundUp) => {
        if (typeof v !== 'string' && typeof v !== 'number') throw queryShardError(`failed to create query: invalid date bound [${JSON.stringify(v)}]`);
        return parseDateMath(v, fmt, roundUp, now);
      }));
      break;
    }
    case 'boolean':
      [lo, hi] = unsignedZeros(numericBounds(b, (v) => booleanTermValue(v)));
      break;
    case 'long': {
      const x = longRangeBounds(b);
      if (!x) return { fi: ix.fieldIndex(leaf.path), lo: 1, hi: 0 };
      return { fi: ix.fieldIndex(leaf.path), lo: Number(x[0]) || -0, hi: Number(x[1]), ...(exactNeeded(x) ? { exact: x } : {}) };
    }
    case 'integer': case 'short': case 'byte':
      // The same parsing (and errors) as `rangeDocs`: the per-doc check must refuse what building refuses.
      [lo, hi] = unsignedZeros(integerBounds(leaf.type, b));
      break;
    default: {
      [lo, hi] = numericBounds(b, (v) => floatingBound(leaf.type, v), true);
    }
  }
  return { fi: ix.fieldIndex(leaf.path), lo, hi };
}

/**
 * Whether exact long bounds need the exact values: a bound of magnitude >= 2^53 (other than a long's own
 * limits) has neighbours that round to the same double. Below 2^53 the doubles decide alone.
 */
export function exactNeeded([lo, hi]: [bigint, bigint]): boolean {
  const big = (x: bigint): boolean => x >= 9007199254740992n || x <= -9007199254740992n;
  return (lo !== LONG_MIN && big(lo)) || (hi !== LONG_MAX && big(hi));
}

/** Docs of a long column with a value in the exact [lo, hi]: the doubles' range (a superset, as rounding is
 *  monotonic), then the exact values where a bound is beyond 2^53. */
export function longDocs(fi: NumericFieldIndex, x: [bigint, bigint]): Int32Array {
  if (x[0] > x[1]) return new Int32Array(0);
  const docs = fi.range(Number(x[0]) || -0, Number(x[1]));
  return exactNeeded(x) ? docs.filter((d) => fi.hasExactIn(d, x[0], x[1])) : docs;
}

/** Docs of a numeric column with a value in [lo, hi], per doc (and in the exact [lo, hi] of a long field). */
export function numericFilter(fi: ReturnType<SearchIndex['fieldIndex']>, lo: number, hi: number, exact?: [bigint, bigint]): LazyFilter {
  if (!fi || fi.kind !== 'numeric' || !(lo <= hi) || (exact && exact[0] > exact[1])) return { cost: 0, matches: () => false, docs: () => new Int32Array(0) };
  if (exact) {
    const [xlo, xhi] = exact;
    const inRange = fi.inRange(lo, hi);
    return {
      cost: fi.estimate(lo, hi),
      matches: (doc) => inRange(doc) && fi.hasExactIn(doc, xlo, xhi),
      keep: (docs) => fi.keepInRange(docs, lo, hi).filter((d) => fi.hasExactIn(d, xlo, xhi)),
      docs: () => longDocs(fi, exact),
    };
  }
  return { cost: fi.estimate(lo, hi), matches: fi.inRange(lo, hi), keep: (docs) => fi.keepInRange(docs, lo, hi), docs: () => fi.range(lo, hi) };
}

/**
 * The inclusive [lo, hi] of a range on an integer type, parsed as OpenSearch does (an empty [1, 0] where it
 * answers match_none). OpenSearch parses the lower bound first and answers match_none for `gt` the type's
 * maximum before reading the upper bound (and for `lt` the minimum).
 */
function integerBounds(fieldType: string, b: Bounds): [number, number] {
  const type = queryType(fieldType);
  const [tmin, tmax] = type === 'long' ? [-(2 ** 63), 2 ** 63] : type === 'integer' ? [-2147483648, 2147483647] : type === 'short' ? [-32768, 32767] : [-128, 127];
  if (b.gt !== undefined && b.gt !== null && integerRangeBound(type, b.gt) === tmax) return [1, 0];
  if (b.gte !== undefined && b.gte !== null) integerRangeBound(type, b.gte);
  if (b.lt !== undefined && b.lt !== null && integerRangeBound(type, b.lt) === tmin) return [1, 0];
  // Java's (int) NaN is 0, and NaN counts as having a decimal part of sign 0: the bound becomes inclusive 0.
  const nan = (k: keyof Bounds): boolean => b[k] !== undefined && b[k] !== null && Number.isNaN(integerRangeBound(type, b[k]));
  const nanBounds: Bounds = {};
  for (const k of ['gt', 'gte', 'lt', 'lte'] as const) if (b[k] !== undefined && b[k] !== null) nanBounds[nan(k) ? (k[0] === 'g' ? 'gte' : 'lte') : k] = nan(k) ? 0 : b[k];
  return numericBounds(nanBounds, (v) => integerRangeBound(type, v));
}

function stringRange(terms: Iterable<string>, raw: Bounds): string[] {
  const out: string[] = [];
  const b: Bounds = {};
  // A number bound is the text of the Java number Jackson parsed (BytesRefs.toBytesRef of its toString):
  // 1e2 is "100.0", 1e+308 "1.0E308", 7 "7" (checked on 3.6.0; wide seed 93).
  for (const k of ['gt', 'gte', 'lt', 'lte'] as const) {
    const v = raw[k];
    if (v == null) continue;
    b[k] = isRawNumber(v) ? v.rawJSON : typeof v === 'number' ? javaNumberText(v, numberTextOf(raw, k) ?? String(v)) : v;
  }
  for (const t of terms) {
    if (b.gte != null && compareCodePoints(t, String(b.gte)) < 0) continue;
    if (b.gt != null && compareCodePoints(t, String(b.gt)) <= 0) continue;
    if (b.lte != null && compareCodePoints(t, String(b.lte)) > 0) continue;
    if (b.lt != null && compareCodePoints(t, String(b.lt)) >= 0) continue;
    out.push(t);
  }
  return out;
}

export function rangeDocs(ix: SearchIndex, field: string, b: Bounds, format: DateFormat | undefined, now: number): Int32Array {
  if (field === '_id') {
    const ids = stringRange([...ix.rawEntries()].map((d) => d[0]), b);
    return union(ids.map((id) => Int32Array.of(ix.ordOf(id)!)));
  }
  const leaf = ix.leaf(field);
  if (!leaf) return new Int32Array(0);
  const fi = ix.fieldIndex(field);
  switch (leaf.type) {
    case 'date':
      return dateRangeDocs(ix, leaf, b, format, now);
    case 'keyword':
      if (!fi || fi.kind !== 'keyword') return new Int32Array(0);
      return union(stringRange(fi.dict, b).map((t) => fi.docs(t)));
    case 'text':
      if (!fi || fi.kind !== 'text') return new Int32Array(0);
      return union(stringRange(fi.terms.keys(), b).map((t) => fi.docsAndFreqs(t).docs));
    case 'boolean': {
      const [lo, hi] = unsignedZeros(numericBounds(b, (v) => booleanTermValue(v)));
      return fi && fi.kind === 'numeric' && lo <= hi ? fi.range(lo, hi) : new Int32Array(0);
    }
    case 'long': {
      const x = longRangeBounds(b);
      return x && fi && fi.kind === 'numeric' ? longDocs(fi, x) : new Int32Array(0);
    }
    case 'integer':
    case 'short':
    case 'byte': {
      const [lo, hi] = unsignedZeros(integerBounds(leaf.type, b));
      return fi && fi.kind === 'numeric' && lo <= hi ? fi.range(lo, hi) : new Int32Array(0);
    }
    default: {
      const [lo, hi] = numericBounds(b, (v) => floatingBound(leaf.type, v), true);
      return fi && fi.kind === 'numeric' && lo <= hi ? fi.range(lo, hi) : new Int32Array(0);
    }
  }
}

/**
 * OpenSearch's shard-level rewrite of a range (RangeQueryBuilder.getRelation): a field the shard does not map
 * (also an object) is DISJOINT (match_none); a date field compares the bounds with the min/max of its points
 * (DateFieldType.isFieldWithinQuery: none -> DISJOINT, all inside -> WITHIN, rewritten to a range without
 * bounds); every other field type (numbers, keywords, booleans) is never rewritten. Points of deleted
 * documents count, as in Lucene's segments; so do the engine's column bounds.
 */
function pointRelation(ix: SearchIndex, field: string, b: Bounds, format: DateFormat | undefined): 'disjoint' | 'within' | 'intersects' {
  if (field === '_id' || field === '_index') return 'intersects';
  const leaf = ix.leaf(field);
  if (!leaf) return 'disjoint';
  if (leaf.type !== 'date') return 'intersects';
  try {
    const r = numericRange(ix, field, b, format, Date.now());
    const fi = r?.fi;
    if (!r || !fi || fi.kind !== 'numeric' || fi.docCount === 0) return 'disjoint';
    if (fi.min >= r.lo && fi.max <= r.hi) return 'within';
    if (fi.max < r.lo || fi.min > r.hi) return 'disjoint';
    return 'intersects';
  } catch {
    return 'intersects'; // a bad bound is reported when the query is built
  }
}

const PARAMS = ['gt', 'gte', 'lt', 'lte', 'from', 'to', 'include_lower', 'include_upper', 'format', 'time_zone', 'boost', 'relation'];

/** Two bounds on one side: raised at the second one's value, in the order written. */

export function parseRange(body: unknown): Query {
  // RangeQueryBuilder reads a top-level value (other than boost) as an unsupported parameter.
  if (isObject(body) && '_name' in body && !isObject(body._name)) throw parsingError('[range] query does not support [_name]');
  const { field, value, top } = singleField('range', body);
  if (value === null || field === '') throw atParse(new EngineError(400, 'illegal_argument_exception', 'field name is null or empty'));
  // RangeQueryBuilder.fromXContent: a field's value that is no object is an unsupported parameter there.
  if (!isObject(value)) throw parsingAt(`[range] query does not support [${field}]`, { holder: body as object, key: field, at: 'value' });
  checkParams('range', value, PARAMS);
  // RangeQueryBuilder.fromXContent reads the keys in order: `from`/`to` fail once a bound value is set, the
  // include flags once a flag is set, gt/gte/lt/lte on either (a null value sets no bound, but gt/gte/lt/lte
  // still set the flag): `{"from": null, "gte": 1}` is read, `{"gte": 1, "from": null}` and
  // `{"lte": null, "lt": 3}` are refused.
  let from: { value: unknown; key: string } | undefined;
  let to: { value: unknown; key: string } | undefined;
  let includeLower: boolean | undefined;
  let includeUpper: boolean | undefined;
  // The error points at the key that conflicts (its value's position, where the request text is known).
  const lowerError = (): never => { throw raisedAt(parsingError('invalid lower bound for [range] query'), { holder: value, key: current, at: 'value' }); };
  const upperError = (): never => { throw raisedAt(parsingError('invalid upper bound for [range] query'), { holder: value, key: current, at: 'value' }); };
  let current = '';
  const flag = (k: string, v: unknown): boolean => {
    if (typeof v === 'boolean') return v;
    if (v === 'true' || v === 'false') return v === 'true';
    throw parsingError(`[range] query does not support [${k}] with a non-boolean value`);
  };
  for (const [k, v] of Object.entries(value)) {
    current = k;
    // A bound written as an array: RangeQueryBuilder refuses it at the token after the bracket (checked on
    // 3.6.0: the first element, or the closing bracket of an empty array).
    if (Array.isArray(v) && ['from', 'gt', 'gte', 'to', 'lt', 'lte'].includes(k)) {
      const side = ['from', 'gt', 'gte'].includes(k) ? 'lower' : 'upper';
      throw parsingAt(`invalid ${side} bound for [range] query`, v.length > 0 ? { holder: v, key: 0, at: 'value' } : { holder: v, at: 'end' });
    }
    const set = v !== undefined && v !== null;
    if (k === 'from') {
      if (from !== undefined) lowerError();
      if (set) from = { value: v, key: k };
    } else if (k === 'to') {
      if (to !== undefined) upperError();
      if (set) to = { value: v, key: k };
    } else if (k === 'include_lower') {
      if (includeLower !== undefined) lowerError();
      includeLower = flag(k, v);
    } else if (k === 'include_upper') {
      if (includeUpper !== undefined) upperError();
      includeUpper = flag(k, v);
    } else if (k === 'gt' || k === 'gte') {
      if (from !== undefined || includeLower !== undefined) lowerError();
      if (set) from = { value: v, key: k };
      includeLower = k === 'gte';
    } else if (k === 'lt' || k === 'lte') {
      if (to !== undefined || includeUpper !== undefined) upperError();
      if (set) to = { value: v, key: k };
      includeUpper = k === 'lte';
    }
  }
  const b: Bounds = {};
  // Number bounds keep their JSON text (a date bound parses it as OpenSearch does).
  if (from) {
    const k = includeLower === false ? 'gt' : 'gte';
    b[k] = from.value;
    copyNumberText(value, from.key, b, k);
  }
  if (to) {
    const k = includeUpper === false ? 'lt' : 'lte';
    b[k] = to.value;
    copyNumberText(value, to.key, b, k);
  }
  // Relations only matter for range field types; on points (our field types) within/contains equal intersects.
  const relation = value.relation === undefined ? 'INTERSECTS' : String(value.relation).toUpperCase();
  if (!['INTERSECTS', 'WITHIN', 'CONTAINS', 'DISJOINT'].includes(relation)) {
    // ShapeRelation.getRelationByName's IllegalArgumentException, raised while the body is parsed.
    throw atParse(new EngineError(400, 'illegal_argument_exception', `${String(value.relation)} is not a valid relation`));
  }
  if (value.time_zone !== undefined && !['UTC', 'Z', '+00:00', 'Etc/UTC', 'GMT'].includes(String(value.time_zone))) {
    throw parsingError(`[range] query time_zone [${String(value.time_zone)}] is not supported by the embedded engine (only UTC)`);
  }
  let format: DateFormat | undefined;
  if (value.format !== undefined) {
    format = compileDateFormat(String(value.format));
    if (!format) throw parsingError(`[range] query format [${String(value.format)}] is not supported by the embedded engine`);
  }
  const boost = boostOf('range', value.boost !== undefined ? value.boost : top.boost, value.boost !== undefined ? value : body as object);
  const query: Query = {
    execute(ix, ctx) {
      // A range without bounds is an exists query there (every document has an _id).
      if ((field === '_id' || field === '_index') && Object.keys(b).length === 0) return constantSet(allDocsOf(ix), boost);
      if (field === '_id' || field === '_index') throw queryShardError(`failed to create query: Field [${field}] of type [${field}] does not support range queries`);
      if (relation === 'DISJOINT') {
        const type = ix.leaf(field)?.type;
        if (type) throw new EngineError(400, 'illegal_argument_exception', `Field [${field}] of type [${type}] does not support DISJOINT ranges`);
      }
      const leaf = ix.leaf(field);
      if (leaf?.type === 'boolean') {
        // A boolean range that keeps one value is that value's term query, scored (BM25 of `T` or `F`); two
        // values are a constant score (OpenSearch 3.6.0, whatever terms the shard holds; FINDINGS class 30).
        const [lo, hi] = unsignedZeros(numericBounds(b, (v) => booleanTermValue(v)));
        const kept = [0, 1].filter((v) => v >= lo && v <= hi);
        const fi = ix.fieldIndex(field);
        if (kept.length === 1 && fi && fi.kind === 'numeric') return booleanTermSet(fi.anyOf(new Set(kept)), fi.docCount, fi.sumDocFreq(), boost, ctx);
      }
      const docs = rangeDocs(ix, field, b, format, ctx.now);
      return docs.length === 0 ? EMPTY : constantSet(docs, boost);
    },
    lazy(ix, ctx) {
      if (field === '_id' || relation === 'DISJOINT') return undefined;
      return rangeFilter(ix, field, b, format, ctx.now);
    },
    rewrite(ix, ctx) {
      // DateFieldType.isFieldWithinQuery parses both bounds before it looks at the points.
      if (ix.leaf(field)?.type === 'date') numericRange(ix, field, b, format, ctx.now);
    },
    noneOn: (ix) => pointRelation(ix, field, b, format) === 'disjoint',
    // On a numeric field the point query itself is rewritten to a MatchNoDocsQuery (Lucene's
    // PointRangeQuery.rewrite) when no indexed value can fall in the range.
    luceneNone: (ix) => {
      if (pointRelation(ix, field, b, format) === 'disjoint') return true;
      const type = ix.leaf(field)?.type;
      if (type === undefined || ['date', 'boolean', 'keyword', 'text'].includes(type)) return false;
      try {
        const r = numericRange(ix, field, b, format, Date.now());
        if (!r) return false;
        const fi = r.fi ?? ix.fieldIndex(field);
        if (!fi) return true; // no value indexed yet
        if (r.exact || fi.kind !== 'numeric') return false;
        return fi.docCount === 0 || r.lo > r.hi || fi.max < r.lo || fi.min > r.hi;
      } catch {
        return false;
      }
    },
    // A date range holding every point is rewritten to an exists query (a FieldExistsQuery); a boolean range
    // keeping one value is a TermQuery, keeping both is counted up front as well; numbers and dates are
    // point queries.
    countShortcut(ix) {
      const type = ix.leaf(field)?.type;
      if (type === 'date') return pointRelation(ix, field, b, format) === 'within' ? STATS_COUNT : undefined;
      if (type !== 'boolean') return undefined;
      try {
        const [lo, hi] = unsignedZeros(numericBounds(b, (v) => booleanTermValue(v)));
        // One value or both (3.6.0 knows the count up front for both too, without deleted documents:
        // terminated_early with size 0 and aggregations, hunt3 C17).
        return [0, 1].filter((v) => v >= lo && v <= hi).length >= 1 ? STATS_COUNT : undefined;
      } catch {
        return undefined;
      }
    },
    pointCounted: (ix) => pointRelation(ix, field, b, format) === 'intersects' && pointCountedField(ix, field),
    // WITHIN becomes a range without bounds, format or time zone: a change only where it had one of them.
    changedOn: (ix) => {
      const rel = pointRelation(ix, field, b, format);
      return rel === 'disjoint' || (rel === 'within' && (Object.keys(b).length > 0 || value.format !== undefined || value.time_zone !== undefined));
    },
  };
  // Open on both sides, RangeQueryBuilder.doToQuery builds the field's exists query instead (norms on a text
  // field, so a value without a token matches too; checked on 3.6.0, hunt4 seed 13). Its rewrite stays the
  // range's (a date range's format or time zone dropped still changes it).
  if (Object.keys(b).length > 0 || field === '_id' || field === '_index' || relation === 'DISJOINT') return query;
  const exists = parseExists({ field, boost });
  return { ...exists, rewrite: query.rewrite, changedOn: query.changedOn };
}
