/** `prefix` and `wildcard` over a field's term dictionary (keyword, text) or the `_id`/`_index` meta fields. */
import { sameIndexName, unmappedNone } from './term.js';
import { EngineError, parsingError, atParse } from '../errors.js';
import type { SearchIndex } from '../index/search-index.js';
import { EMPTY, accumulate, constantSet, union, type DocSet } from './doc-set.js';
import { queryShardError } from './field-values.js';
import { foldAscii, globToRegExp } from './glob.js';
import { determinizeCost, type DeterminizeCost } from './wildcard-automaton.js';
import { boostOf, checkParams, isObject, singleField } from './params.js';
import { allDocs, type ExecContext, type Query } from './types.js';
import { idf, normCache, score } from '../index/bm25.js';
import { compareCodePoints, type KeywordFieldIndex } from '../index/keyword-field.js';
import type { TextFieldIndex } from '../index/text-field.js';

/** The field's indexed terms that pass `test`, with the field index holding them. */
type Matched = { fi: TextFieldIndex; kind: 'text'; terms: string[] } | { fi: KeywordFieldIndex; kind: 'keyword'; terms: string[] } | undefined;

function matchingTerms(ix: SearchIndex, field: string, test: (term: string) => boolean, kind: string): Matched {
  if (field === '_id') {
    throw queryShardError(`Can only use ${kind} queries on keyword and text fields - not on [_id] which is of type [_id]`);
  }
  if (field === '_index') throw new Error('matchingDocs: `_index` is matched as an index expression (indexPatternDocs)');
  const leaf = ix.leaf(field);
  if (!leaf) return undefined;
  if (leaf.type !== 'keyword' && leaf.type !== 'text') {
    throw queryShardError(`Can only use ${kind} queries on keyword and text fields - not on [${field}] which is of type [${leaf.type}]`);
  }
  const fi = ix.fieldIndex(field);
  if (!fi) return undefined;
  if (fi.kind === 'keyword') return { fi, kind: 'keyword', terms: fi.dict.filter(test) };
  if (fi.kind === 'text') {
    const terms: string[] = [];
    for (const t of fi.terms.keys()) if (test(t)) terms.push(t);
    return { fi, kind: 'text', terms };
  }
  return undefined;
}

function docsOf(m: NonNullable<Matched>, term: string): Int32Array {
  return m.kind === 'keyword' ? m.fi.docs(term) : m.fi.docsAndFreqs(term).docs;
}

function matchingDocs(ix: SearchIndex, field: string, test: (term: string) => boolean, kind: string): Int32Array {
  const m = matchingTerms(ix, field, test, kind);
  return m === undefined ? new Int32Array(0) : union(m.terms.map((t) => docsOf(m, t)));
}

/**
 * The `rewrite` of a multi-term query (QueryParsers.parseRewriteMethod): the constant-score ones (the
 * default), `scoring_boolean` (a boolean of the matched terms' TermQueries: BM25 per term, summed), and
 * `top_terms_N` / `top_terms_boost_N` / `top_terms_blended_freqs_N` (the same over the N first terms: for
 * prefix and wildcard every term has boost 1, so Lucene's queue keeps the N smallest in byte order; the
 * boost variant scores 1 per term, the blended one uses the largest document frequency of the kept terms).
 * Any other name fails the shard. Checked on OpenSearch 3.6.0.
 */
type Rewrite = { mode: 'constant'; boolean?: true } | { mode: 'scoring' | 'boost' | 'blended'; top: number | undefined } | { mode: 'invalid'; raw: string };

/** Lucene's IndexSearcher.maxClauseCount: a boolean rewrite over more terms fails (500 too_many_clauses),
 *  and the top_terms queues hold at most that many terms. */
const MAX_CLAUSES = 1024;

function checkRewriteClauses(n: number): void {
  if (n > MAX_CLAUSES) throw new EngineError(500, 'too_many_clauses', `maxClauseCount is set to ${MAX_CLAUSES}`);
}

function parseRewrite(v: unknown): Rewrite {
  if (v === undefined) return { mode: 'constant' };
  const raw = String(v);
  if (raw === 'constant_score' || raw === 'constant_score_blended') return { mode: 'constant' };
  if (raw === 'constant_score_boolean') return { mode: 'constant', boolean: true };
  if (raw === 'scoring_boolean') return { mode: 'scoring', top: undefined };
  for (const [prefix, mode] of [['top_terms_blended_freqs_', 'blended'], ['top_terms_boost_', 'boost'], ['top_terms_', 'scoring']] as const) {
    if (!raw.startsWith(prefix)) continue;
    const digits = raw.slice(prefix.length);
    if (!/^[+-]?\d+$/.test(digits) || Math.abs(Number(digits)) > 2 ** 31 - 1) return { mode: 'invalid', raw };
    const n = Number(digits);
    // 0 is a NullPointerException (500) on OpenSearch 3.6; a negative size fails Lucene's queue.
    if (n <= 0) throw parsingError(`[rewrite] [${raw}] is not supported by the embedded engine`);
    return { mode, top: n };
  }
  return { mode: 'invalid', raw };
}

const f = Math.fround;

function scoredTerms(m: NonNullable<Matched>, rw: Exclude<Rewrite, { mode: 'constant' | 'invalid' }>, boost: number, ctx: ExecContext): DocSet {
  let terms = m.terms;
  const top = rw.top === undefined ? undefined : Math.min(rw.top, MAX_CLAUSES);
  if (top !== undefined && terms.length > top) terms = [...terms].sort(compareCodePoints).slice(0, top);
  else if (top === undefined) checkRewriteClauses(terms.length);
  if (terms.length === 0) return EMPTY;
  if (!ctx.scoring || rw.mode === 'boost') {
    const sets = terms.map((t) => constantSet(docsOf(m, t), boost));
    return ctx.scoring ? sumOf(sets) : constantSet(union(sets.map((x) => x.docs)), boost);
  }
  const lists = terms.map((t) => docsOf(m, t));
  const maxDf = Math.max(...lists.map((l) => l.length));
  if (m.kind === 'text') {
    const { fi } = m;
    const cache = normCache(fi.avgdl);
    return sumOf(terms.map((t) => {
      const { docs, freqs } = fi.docsAndFreqs(t);
      const weight = f(boost * idf(rw.mode === 'blended' ? maxDf : docs.length, fi.docCount));
      const scores = new Float32Array(docs.length);
      for (let i = 0; i < docs.length; i++) scores[i] = score(weight, freqs[i]!, cache[fi.norms[docs[i]!]!]!);
      return { docs, scores, constant: 0 };
    }));
  }
  // A keyword TermQuery (not the field type's constant-score one): docs only, no norms, so every length is
  // 1 and the average is sumDocFreq / docCount.
  const { fi } = m;
  const normInverse = normCache(f(fi.sumDocFreq / fi.docCount))[1]!;
  return sumOf(lists.map((docs) => constantSet(docs, score(f(boost * idf(rw.mode === 'blended' ? maxDf : docs.length, fi.docCount)), 1, normInverse))));
}

/** A boolean of should clauses: scores add up per document. */
function sumOf(sets: DocSet[]): DocSet {
  if (sets.length === 1) return sets[0]!;
  const base = union(sets.map((x) => x.docs));
  const acc = new Float64Array(base.length);
  for (const x of sets) accumulate(base, acc, x);
  return { docs: base, scores: Float32Array.from(acc), constant: 0 };
}

function patternDocs(ix: SearchIndex, field: string, test: (term: string) => boolean, kind: string, rw: Rewrite, boost: number, ctx: ExecContext): DocSet {
  if (rw.mode === 'invalid') {
    if (!ix.leaf(field) && field !== '_id') return EMPTY;
    throw queryShardError(`failed to create query: Failed to parse rewrite_method [${rw.raw}]`);
  }
  if (rw.mode === 'constant') {
    if (rw.boolean) {
      const m = matchingTerms(ix, field, test, kind);
      if (m === undefined) return EMPTY;
      checkRewriteClauses(m.terms.length);
      const docs = union(m.terms.map((t) => docsOf(m, t)));
      return docs.length === 0 ? EMPTY : constantSet(docs, boost);
    }
    const docs = matchingDocs(ix, field, test, kind);
    return docs.length === 0 ? EMPTY : constantSet(docs, boost);
  }
  const m = matchingTerms(ix, field, test, kind);
  return m === undefined ? EMPTY : scoredTerms(m, rw, boost, ctx);
}

function parsePatternQuery(name: 'prefix' | 'wildcard', body: unknown): { field: string; value: string; boost: number; ci: boolean; rewrite: Rewrite } {
  const { field, value, top } = singleField(name, body);
  let v = value;
  let boost = boostOf(name, top.boost, body as object);
  let ci = false;
  let rewrite: Rewrite = { mode: 'constant' };
  if (isObject(value)) {
    checkParams(name, value, name === 'prefix' ? ['value', 'boost', 'case_insensitive', 'rewrite'] : ['value', 'wildcard', 'boost', 'case_insensitive', 'rewrite']);
    v = value.value ?? value.wildcard;
    boost = boostOf(name, value.boost !== undefined ? value.boost : top.boost, value.boost !== undefined ? value : body as object);
    ci = value.case_insensitive === true || value.case_insensitive === 'true';
    rewrite = parseRewrite(value.rewrite);
  }
  if (field === '') throw atParse(new EngineError(400, 'illegal_argument_exception', 'field name is null or empty'));
  if (v === undefined || v === null) throw new EngineError(400, 'illegal_argument_exception', 'value cannot be null');
  if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') throw parsingError(`[${name}] query requires a value`);
  return { field, value: String(v), boost, ci, rewrite };
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

/** Lone surrogates as U+FFFD, as UnicodeUtil.UTF16toUTF8 writes a term's bytes. */
export function wellFormed(s: string): string {
  return s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

export function parsePrefix(body: unknown): Query {
  const { field, value: raw, boost, ci, rewrite } = parsePatternQuery('prefix', body);
  // Lucene's term bytes are UTF-8: a lone surrogate becomes U+FFFD there, so it never prefixes the
  // surrogate pair of an indexed term (hunt2 H2-42).
  const value = wellFormed(raw);
  const folded = foldAscii(value);
  const test = ci ? (t: string) => foldAscii(t).startsWith(folded) : (t: string) => t.startsWith(value);
  return {
    execute(ix, ctx) {
      if (field !== '_index') return patternDocs(ix, field, test, 'prefix', rewrite, boost, ctx);
      const docs = indexPatternDocs(ix, `${value}*`, ci);
      return docs.length === 0 ? EMPTY : constantSet(docs, boost);
    },
    // On `_index` OpenSearch rewrites it per index to match_all or match_none.
    ...(field === '_index' ? indexRewrite(`${value}*`, ci) : unmappedNone(field)),
  };
}

/** OpenSearch fails the shard where Lucene gives up determinizing the pattern (wildcard-automaton.ts). */
function checkDeterminizable(cost: DeterminizeCost, ci: boolean, field: string): void {
  if (cost.unknown) throw parsingError(`[wildcard] pattern on [${field}] too costly to check for determinization is not supported by the embedded engine`);
  if (ci) {
    // A case-insensitive pattern's automaton has other transitions: refused well before the limit.
    if (cost.effort >= 50_000) throw parsingError(`[wildcard] case-insensitive pattern on [${field}] this complex is not supported by the embedded engine (OpenSearch may fail to determinize it)`);
    return;
  }
  if (cost.tooComplex) {
    throw queryShardError(`failed to create query: Determinizing automaton with ${cost.states} states and ${cost.transitions} transitions would require more than 10000 effort.`);
  }
}

export function parseWildcard(body: unknown): Query {
  const { field, value, boost, ci, rewrite } = parsePatternQuery('wildcard', body);
  // Computed once per query, on the first index mapping the field.
  let cost: DeterminizeCost | undefined;
  return {
    execute(ix, ctx) {
      // The pattern is used as given, also on text fields (OpenSearch 3 does not normalise it).
      if (field === '_index') {
        const docs = indexPatternDocs(ix, value, ci);
        return docs.length === 0 ? EMPTY : constantSet(docs, boost);
      }
      // An empty pattern matches nothing on OpenSearch 3.6, not even an indexed "" (hunt2 H2-19); the field
      // type and the rewrite are still checked.
      const re = value === '' ? { test: () => false } : globToRegExp(wellFormed(value), ci);
      const type = ix.leaf(field)?.type;
      if ((type === 'keyword' || type === 'text') && value !== '') checkDeterminizable(cost ??= determinizeCost(wellFormed(value)), ci, field);
      return patternDocs(ix, field, (t) => re.test(t), 'wildcard', rewrite, boost, ctx);
    },
    ...(field === '_index' ? indexRewrite(value, ci) : unmappedNone(field)),
  };
}

export { matchingDocs };
