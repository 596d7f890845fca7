/** `prefix` and `wildcard` over a field's term dictionary (keyword, text) or the `_id`/`_index` meta fields. */
import { sameIndexName, unmappedNone } from './term.js';
import { parsingError } from '../errors.js';
import type { SearchIndex } from '../index/search-index.js';
import { EMPTY, constantSet, union } from './doc-set.js';
import { queryShardError } from './field-values.js';
import { foldAscii, globToRegExp } from './glob.js';
import { boostOf, checkParams, isObject, singleField } from './params.js';
import { allDocs, type Query } from './types.js';

function matchingDocs(ix: SearchIndex, field: string, test: (term: string) => boolean, kind: string): Int32Array {
  if (field === '_id') {
    throw queryShardError(`Can only use ${kind} queries on keyword and text fields - not on [_id] which is of type [_id]`);
  }
  if (field === '_index') throw new Error('matchingDocs: `_index` is matched as an index expression (indexPatternDocs)');
  const leaf = ix.leaf(field);
  if (!leaf) return new Int32Array(0);
  if (leaf.type !== 'keyword' && leaf.type !== 'text') {
    throw queryShardError(`Can only use ${kind} queries on keyword and text fields - not on [${field}] which is of type [${leaf.type}]`);
  }
  const fi = ix.fieldIndex(field);
  if (!fi) return new Int32Array(0);
  if (fi.kind === 'keyword') return union(fi.dict.filter(test).map((t) => fi.docs(t)));
  if (fi.kind === 'text') {
    const lists: Int32Array[] = [];
    for (const t of fi.terms.keys()) if (test(t)) lists.push(fi.docsAndFreqs(t).docs);
    return union(lists);
  }
  return new Int32Array(0);
}

function parsePatternQuery(name: 'prefix' | 'wildcard', body: unknown): { field: string; value: string; boost: number; ci: boolean } {
  const { field, value, top } = singleField(name, body);
  let v = value;
  let boost = boostOf(name, top.boost);
  let ci = false;
  if (isObject(value)) {
    checkParams(name, value, name === 'prefix' ? ['value', 'boost', 'case_insensitive', 'rewrite'] : ['value', 'wildcard', 'boost', 'case_insensitive', 'rewrite']);
    v = value.value ?? value.wildcard;
    boost = boostOf(name, value.boost ?? top.boost);
    ci = value.case_insensitive === true || value.case_insensitive === 'true';
  }
  if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') throw parsingError(`[${name}] query requires a value`);
  return { field, value: String(v), boost, ci };
}

/** On `_index` (a ConstantFieldType) the value is an index expression: prefix `p` is the expression `p*`,
 *  a wildcard its value as it is (only `*` special), matched like a term on `_index` (index-expression.ts). */
function indexPatternDocs(ix: SearchIndex, expr: string, ci: boolean): Int32Array {
  return sameIndexName(ix, expr, ci) ? allDocs(ix) : new Int32Array(0);
}

/** On `_index` OpenSearch rewrites prefix and wildcard per index like a term: to match_all or match_none
 *  (so an aggregation's filter shows `meta: {}`), raising the expression's errors then; an empty expression
 *  is no rewrite (it fails when built). */
function indexRewrite(expr: string, ci: boolean): Pick<Query, 'noneOn' | 'changedOn' | 'rewrite'> {
  return {
    noneOn: (ix: SearchIndex) => expr !== '' && !sameIndexName(ix, expr, ci),
    changedOn: () => true,
    rewrite: (ix: SearchIndex) => { sameIndexName(ix, expr, ci); },
  };
}

export function parsePrefix(body: unknown): Query {
  const { field, value, boost, ci } = parsePatternQuery('prefix', body);
  const folded = foldAscii(value);
  const test = ci ? (t: string) => foldAscii(t).startsWith(folded) : (t: string) => t.startsWith(value);
  return {
    execute(ix) {
      const docs = field === '_index' ? indexPatternDocs(ix, `${value}*`, ci) : matchingDocs(ix, field, test, 'prefix');
      return docs.length === 0 ? EMPTY : constantSet(docs, boost);
    },
    // On `_index` OpenSearch rewrites it per index to match_all or match_none.
    ...(field === '_index' ? indexRewrite(`${value}*`, ci) : unmappedNone(field)),
  };
}

export function parseWildcard(body: unknown): Query {
  const { field, value, boost, ci } = parsePatternQuery('wildcard', body);
  return {
    execute(ix) {
      // The pattern is used as given, also on text fields (OpenSearch 3 does not normalise it).
      if (field === '_index') {
        const docs = indexPatternDocs(ix, value, ci);
        return docs.length === 0 ? EMPTY : constantSet(docs, boost);
      }
      const re = globToRegExp(value, ci);
      const docs = matchingDocs(ix, field, (t) => re.test(t), 'wildcard');
      return docs.length === 0 ? EMPTY : constantSet(docs, boost);
    },
    ...(field === '_index' ? indexRewrite(value, ci) : unmappedNone(field)),
  };
}

export { matchingDocs };
