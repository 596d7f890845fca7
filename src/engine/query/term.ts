/** `term` and `terms`: exact values, per field type, plus the `_id` and `_index` meta fields. */
import { EngineError, parsingError, atParse } from '../errors.js';
import { isRawNumber, numberTextOf } from '../index/exact-numbers.js';
import type { SearchIndex } from '../index/search-index.js';
import { unsignedZeros } from '../index/numeric-field.js';
import { MATCH_ALL_COUNT, STATS_COUNT, allDocs, type ExecContext, type LazyFilter, type Query } from './types.js';
import { pointCountedField, termShortcut } from './count-shortcut.js';
import { EMPTY, constantSet, union, type DocSet } from './doc-set.js';
import { booleanTermValue, dateQueryValue, longTermValue, numericTermValue, queryShardError, stringTermValue } from './field-values.js';
import { boostOf, checkParams, isObject, isQueryName, singleField } from './params.js';
import { booleanTermSet, keywordTermSet, textTermSet } from './scoring.js';
import { dateRangeDocs, exactNeeded, longDocs, numericFilter } from './range.js';
import { checkTermsCount } from './limits.js';
import { indexExpressionMatches } from './index-expression.js';
import { foldAscii } from './glob.js';
import { parsingAt, raisedAt } from './clause-errors.js';

/** A term folded once for the case-insensitive comparisons below (ASCII only, as OpenSearch). */
const folded = (() => {
  let last: string | undefined;
  let value = '';
  return (term: string): string => (term === last ? value : (last = term, value = foldAscii(term)));
})();

/** OpenSearch rewrites term, terms, prefix and wildcard on a field the index does not map to match_none
 *  (before the rest of the query is built; an aggregation's filter then shows `meta: {}`). */
export function unmappedNone(field: string): Pick<Query, 'noneOn' | 'changedOn'> {
  if (field === '_id' || field === '_index') return {};
  const none = (ix: SearchIndex): boolean => ix.leaf(field) === undefined;
  return { noneOn: none, changedOn: none };
}

/** A term on `_index` matches the indices its value resolves to as an index expression (IndexFieldType.matches:
 *  aliases, `_all`, `*` patterns over index and alias names; see index-expression.ts). */
export function sameIndexName(ix: SearchIndex, value: unknown, caseInsensitive: boolean): boolean {
  const v = stringTermValue(value);
  // OpenSearch 3.6 fails every shard (503, no root cause) on an empty index name in a term/terms query
  // it builds (not where a bool around it was rewritten to match_none first).
  if (v === '') throw new EngineError(503, 'search_phase_execution_exception', 'all shards failed');
  return indexExpressionMatches(ix, v, caseInsensitive);
}

/** The rewrite of a term on `_index`: match_none on the indices it does not name. An empty name is no
 *  rewrite (it fails when built). */
function indexNoneOn(ix: SearchIndex, value: unknown, caseInsensitive: boolean): boolean {
  return stringTermValue(value) !== '' && !sameIndexName(ix, value, caseInsensitive);
}

/** Docs whose `field` holds exactly `value` (scored like a TermQuery on text/keyword, else constant).
 *  `text`: how a number value was written in the request, when JavaScript writes it differently. */
export function termDocs(ix: SearchIndex, field: string, value: unknown, boost: number, ctx: ExecContext, caseInsensitive = false, text?: string): DocSet {
  if (field === '_id') {
    if (value === '') throw queryShardError("failed to create query: Ids can't be empty");
    const ord = ix.ordOf(stringTermValue(value, text));
    return ord === undefined ? EMPTY : constantSet(Int32Array.of(ord), boost);
  }
  if (field === '_index') return sameIndexName(ix, value, caseInsensitive) ? constantSet(allDocs(ix), boost) : EMPTY;
  const leaf = ix.leaf(field);
  const fi = ix.fieldIndex(field);
  if (!leaf) return EMPTY;
  // Points fields have no case-insensitive term query (the shard fails); a boolean's is a constant-score one.
  if (caseInsensitive && leaf.type !== 'text' && leaf.type !== 'keyword' && leaf.type !== 'boolean') {
    throw queryShardError(`[${field}] field which is of type [${leaf.type}], does not support case insensitive term queries`);
  }
  switch (leaf.type) {
    case 'text': {
      if (!fi || fi.kind !== 'text') return EMPTY;
      const term = stringTermValue(value, text);
      if (caseInsensitive) return constantSet(union([...fi.terms.keys()].filter((t) => foldAscii(t) === folded(term)).map((t) => fi.docsAndFreqs(t).docs)), boost);
      return textTermSet(fi, term, boost, ctx);
    }
    case 'keyword': {
      if (!fi || fi.kind !== 'keyword') return EMPTY;
      const term = stringTermValue(value, text);
      if (caseInsensitive) return constantSet(union(fi.dict.filter((t) => foldAscii(t) === folded(term)).map((t) => fi.docs(t))), boost);
      return keywordTermSet(fi, term, boost, ctx);
    }
    case 'date': {
      const v = dateQueryValue(value, text);
      try {
        return constantSet(dateRangeDocs(ix, leaf, { gte: v, lte: v }, undefined, ctx.now), boost);
      } catch (e) {
        // Built in toQuery (QueryShardContext wraps what is not its own), unlike a range's bounds, which
        // are parsed while rewriting (checked on 3.6.0: term, terms, match and multi_match on a date).
        if (!(e instanceof EngineError) || e.type !== 'parse_exception') throw e;
        throw new EngineError(400, 'query_shard_exception', `failed to create query: ${e.reason}`,
          { caused_by: { type: e.type, reason: e.reason, ...(e.extra?.caused_by !== undefined ? { caused_by: e.extra.caused_by } : {}) } });
      }
    }
    case 'boolean': {
      const b = booleanTermValue(value);
      if (!fi || fi.kind !== 'numeric') return EMPTY;
      return caseInsensitive ? constantSet(fi.anyOf(new Set([b])), boost) : booleanTermSet(fi.anyOf(new Set([b])), fi.docCount, fi.sumDocFreq(), boost, ctx);
    }
    case 'long': {
      const x = longTermValue(value);
      if (x === undefined || !fi || fi.kind !== 'numeric') return EMPTY;
      return constantSet(longDocs(fi, [x, x]), boost);
    }
    default: {
      const n = numericTermValue(leaf, value);
      if (n === undefined || !fi || fi.kind !== 'numeric') return EMPTY;
      return constantSet(fi.range(...termBounds(leaf.type, n, text)), boost);
    }
  }
}

/** `termDocs` in filter context on boolean and numeric fields, per doc (same value parsing, same errors). */
function termFilter(ix: SearchIndex, field: string, value: unknown, text?: string): LazyFilter | undefined {
  if (field === '_id' || field === '_index') return undefined;
  const leaf = ix.leaf(field);
  if (!leaf) return undefined;
  const fi = ix.fieldIndex(field);
  switch (leaf.type) {
    case 'text': case 'keyword': case 'date': return undefined;
    case 'boolean': {
      const b = booleanTermValue(value);
      return numericFilter(fi, b, b);
    }
    case 'long': {
      const x = longTermValue(value);
      return x === undefined ? numericFilter(undefined, 1, 0) : numericFilter(fi, Number(x) || -0, Number(x), exactNeeded([x, x]) ? [x, x] : undefined);
    }
    default: {
      const n = numericTermValue(leaf, value);
      return n === undefined ? numericFilter(undefined, 1, 0) : numericFilter(fi, ...termBounds(leaf.type, n, text));
    }
  }
}

/**
 * [lo, hi] of a term on a number field. A float/double term keeps the sign of a zero (Lucene's exact point
 * query: 0 matches 0.0 only, -0.0 matches -0.0 only), except a JSON integer `-0`, which Jackson reads as the
 * int 0; other types match both zeros.
 */
function termBounds(type: string, n: number, text: string | undefined): [number, number] {
  if (type === 'float' || type === 'double' || type === 'half_float') {
    const v = n === 0 && text !== undefined && /^-0$/.test(text) ? 0 : n;
    return [v, v];
  }
  return unsignedZeros([n, n]);
}

export function parseTerm(body: unknown): Query {
  const { field, value, top } = singleField('term', body);
  if (field === '') throw atParse(new EngineError(400, 'illegal_argument_exception', 'field name is null or empty'));
  let v = value;
  let text = numberTextOf(body as object, field);
  let boost = boostOf('term', top.boost, body as object);
  let caseInsensitive = false;
  if (isObject(value)) {
    text = numberTextOf(value, 'value');
    checkParams('term', value, ['value', 'boost', 'case_insensitive']);
    // BaseTermQueryBuilder's constructor (OpenSearch 3.6 wording, an illegal_argument_exception).
    if (!('value' in value)) throw new EngineError(400, 'illegal_argument_exception', 'value cannot be null');
    v = value.value;
    if (Array.isArray(v)) {
      // BaseTermQueryBuilder reads `value` token by token inside the object: through an array each token
      // overwrites it, and the last one is the array's end, whose text is "]" (hunt2 H2-23). Objects inside
      // the array would feed their keys to the same loop: not modelled.
      const hasObject = (a: unknown[]): boolean => a.some((x) => (Array.isArray(x) ? hasObject(x) : isObject(x) && !isRawNumber(x)));
      if (hasObject(v)) throw parsingError('[term] query with objects inside an array [value] is not supported by the embedded engine');
      v = ']';
    }
    if (v === null) throw new EngineError(400, 'illegal_argument_exception', 'value cannot be null');
    boost = boostOf('term', value.boost !== undefined ? value.boost : top.boost, value.boost !== undefined ? value : body as object);
    caseInsensitive = value.case_insensitive === true;
  }
  // A null value leaves the field name unset (BaseTermQueryBuilder's constructor then refuses the name).
  if (v === null) throw atParse(new EngineError(400, 'illegal_argument_exception', 'field name is null or empty'));
  if (v === undefined || Array.isArray(v) || isObject(v)) {
    throw raisedAt(parsingError('[term] query does not support array of values'), { holder: body as object, key: field, at: 'value' });
  }
  return {
    execute: (ix, ctx) => termDocs(ix, field, v, boost, ctx, caseInsensitive, text),
    lazy: (ix) => (caseInsensitive ? undefined : termFilter(ix, field, v, text)),
    // On `_index` a match_all where it names the index; `_id` is a set query (no shortcut).
    countShortcut: (ix) => (field === '_index' ? (indexNoneOn(ix, v, caseInsensitive) ? undefined : MATCH_ALL_COUNT)
      : field === '_id' ? undefined : termShortcut(ix, field, caseInsensitive)),
    pointCounted: (ix) => pointCountedField(ix, field),
    // OpenSearch rewrites a term on `_index` per index: to match_none on the indices it does not name.
    // (and to match_all on the ones it names).
    ...(field === '_index'
      ? { noneOn: (ix: SearchIndex) => indexNoneOn(ix, v, caseInsensitive), changedOn: () => true, rewrite: (ix: SearchIndex) => { sameIndexName(ix, v, caseInsensitive); } }
      : unmappedNone(field)),
  };
}

export function parseTerms(body: unknown): Query {
  if (!isObject(body)) throw parsingError('[terms] query malformed, no start_object after query name');
  let field: string | undefined;
  let values: unknown[] | undefined;
  let boost = 1;
  for (const [k, v] of Object.entries(body)) {
    // A boost that is no value is a field to TermsQueryBuilder.fromXContent (a second one, after the terms).
    if (k === 'boost' && !(isObject(v) || Array.isArray(v))) { boost = boostOf('terms', v); continue; }
    // `value_type: default` is the plain terms query; `bitmap` (a base64 RoaringBitmap) is not modelled.
    if (k === 'value_type' && typeof v === 'string' && v.toLowerCase() === 'default') continue;
    if (k === 'value_type') throw parsingError(`[terms] query [value_type] [${String(v)}] is not supported by the embedded engine`);
    if (k === '_name' && isQueryName(v)) continue;
    // TermsQueryBuilder.fromXContent: a second field's array or object is refused at that value.
    const at = { holder: body, key: k, at: 'value' } as const;
    if (!Array.isArray(v) && !isObject(v)) throw parsingAt(`[terms] query does not support [${k}]`, at);
    if (field !== undefined && Array.isArray(v)) throw parsingAt('[terms] query does not support multiple fields', at);
    if (field !== undefined) throw parsingAt(`[terms] query does not support more than one field. Already got: [${field}] but also found [${k}]`, at);
    if (k === '_name') throw parsingAt(`[terms] query does not support [${k}]`, at);
    if (k === '') throw new EngineError(400, 'illegal_argument_exception', 'field name cannot be null.');
    field = k;
    if (isObject(v)) throw parsingError('[terms] query lookup (index/id/path) is not supported by the embedded engine');
    values = v;
  }
  if (field === undefined || values === undefined) throw parsingError('[terms] query requires a field name, followed by array of terms or a document lookup specification');
  const nullAt = values.indexOf(null);
  if (nullAt >= 0) throw raisedAt(parsingError('No value specified for terms query'), { holder: values, key: nullAt, at: 'value' });
  for (const v of values) {
    if (typeof v === 'object' && !isRawNumber(v)) throw parsingError('[terms] query values must be strings, numbers or booleans');
  }
  const f = field;
  const vals = values;
  if (vals.length === 0) return { execute: () => EMPTY, noneOn: () => true, changedOn: () => true, coordNone: () => true };
  return {
    execute(ix, ctx) {
      checkTermsCount(vals.length);
      // Boolean and date fields build a disjunction of term queries (scored per clause, like OpenSearch's
      // default termsQuery); keyword, text and numeric fields use a constant-score set query.
      // On `_index` the names are tried in order until one matches (an empty one fails when reached).
      if (f === '_index') return vals.some((v) => sameIndexName(ix, v, false)) ? constantSet(allDocs(ix), boost) : EMPTY;
      const type = ix.leaf(f)?.type;
      // On a boolean field the values become a set of terms: one distinct term is a scored term query
      // (BM25), several a constant-score set (checked against OpenSearch 3.6). Dates are constant-score.
      if (type === 'boolean' && ctx.scoring && new Set(vals.map((v) => booleanTermValue(v))).size === 1) {
        return termDocs(ix, f, vals[0], boost, ctx);
      }
      const inner = { ...ctx, scoring: false };
      const sets = vals.map((v, i) => termDocs(ix, f, v, 1, inner, false, numberTextOf(vals, i)));
      return constantSet(union(sets.map((s) => s.docs)), boost);
    },
    // A boolean field's values become a TermQuery (one distinct value) or an exists query (both); other
    // fields a set query, without shortcut. On `_index` a match_all where it names the index.
    countShortcut: (ix: SearchIndex) => {
      if (f === '_index') return vals.some((v) => stringTermValue(v) !== '' && sameIndexName(ix, v, false)) ? MATCH_ALL_COUNT : undefined;
      return ix.leaf(f)?.type === 'boolean' ? STATS_COUNT : undefined;
    },
    // On `_index` OpenSearch rewrites it per index like a term (to match_all or match_none).
    ...(f === '_index'
      ? {
        noneOn: (ix: SearchIndex) => !vals.some((v) => stringTermValue(v) === '' || sameIndexName(ix, v, false)),
        changedOn: () => true,
        rewrite: (ix: SearchIndex) => { vals.some((v) => sameIndexName(ix, v, false)); },
      }
      : unmappedNone(f)),
  };
}

