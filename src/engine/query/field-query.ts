/**
 * The per-field core of full-text queries: analyse the text the way the field would and build the matching
 * set (term, boolean of terms, or phrase). Non-text fields take the whole text as one exact value.
 */
import { isRawNumber } from '../index/exact-numbers.js';
import { analyzeStandard } from '../analysis/standard.js';
import { EngineError } from '../errors.js';
import { idf, normCache, score } from '../index/bm25.js';
import type { SearchIndex } from '../index/search-index.js';
import type { TextFieldIndex } from '../index/text-field.js';
import { EMPTY, accumulate, constantSet, intersect, union, type DocSet } from './doc-set.js';
import { checkClauseCount } from './limits.js';
import { minimumShouldMatch } from './msm.js';
import { keywordTermSet, textTermSet } from './scoring.js';
import { queryShardError } from './field-values.js';
import { fuzzyDocs } from './fuzzy.js';
import { sloppyFreq, sloppyPhrase } from './sloppy-phrase.js';
import { termDocs } from './term.js';
import { MATCH_ALL_COUNT, STATS_COUNT, allDocs, type CountShortcut, type ExecContext } from './types.js';
import { pointCountedField, termShortcut } from './count-shortcut.js';

export interface FieldQueryOptions {
  readonly operator: 'or' | 'and';
  readonly minimumShouldMatch?: unknown;
  readonly zeroTermsAll: boolean;
  readonly lenient: boolean;
  readonly boost: number;
  /** Phrase queries only: how far apart (Lucene edit distance) the terms may be; 0 = exact phrase. */
  readonly slop?: number;
  /** `analyzer` written in the query: OpenSearch then analyzes the text for non-text fields too. */
  readonly explicitAnalyzer?: boolean;
  /** `match`/`multi_match` `fuzziness`: every term becomes a FuzzyQuery (even with 0 edits). */
  readonly fuzziness?: Fuzziness;
}

/** A fixed number of edits, or AUTO's term-length thresholds. */
export type Fuzziness = { readonly edits: number } | { readonly auto: readonly [number, number] };

/** Fuzziness.asDistance(term): AUTO counts the term's code points. */
function editsFor(f: Fuzziness, term: string): number {
  if ('edits' in f) return f.edits;
  const len = Array.from(term).length;
  return len < f.auto[0] ? 0 : len < f.auto[1] ? 1 : 2;
}

/**
 * A `match` with `fuzziness` (any value, 0 included) builds a FuzzyQuery per term (MatchQuery.newTermQuery
 * -> fieldType.fuzzyQuery): only text and keyword fields allow it (others fail the shard, or match nothing
 * when lenient), and on a keyword field it is scored by BM25 (TopTermsBlendedFreqScoringRewrite), unlike
 * the keyword's constant-score term query.
 */
function fuzzyMatchField(ix: SearchIndex, field: string, text: unknown, o: FieldQueryOptions & { fuzziness: Fuzziness }, ctx: ExecContext): DocSet {
  const leaf = ix.leaf(field);
  const type = field === '_id' || field === '_index' ? field : leaf?.type;
  if (type === undefined) return EMPTY;
  if (type !== 'text' && type !== 'keyword') {
    if (o.lenient) return EMPTY;
    throw queryShardError(`failed to create query: Can only use fuzzy queries on keyword and text fields - not on [${field}] which is of type [${type}]`);
  }
  if (type === 'keyword') {
    const value = textOf(text);
    return fuzzyDocs(ix, field, value, editsFor(o.fuzziness, value), o.boost, ctx, o.lenient);
  }
  const terms = analyzeStandard(textOf(text)).map((t) => t.term);
  checkClauseCount(terms.length);
  if (terms.length === 0) return o.zeroTermsAll ? constantSet(allDocs(ix), o.boost) : EMPTY;
  const sets = terms.map((t) => fuzzyDocs(ix, field, t, editsFor(o.fuzziness, t), o.boost, ctx, o.lenient));
  if (sets.length === 1) return sets[0]!;
  if (o.operator === 'and' && o.minimumShouldMatch !== undefined && minimumShouldMatch(0, o.minimumShouldMatch) > 0) return EMPTY;
  return combineTerms(sets, o.operator === 'and' ? sets.length : minimumShouldMatch(sets.length, o.minimumShouldMatch), ctx);
}

/** With an explicit analyzer OpenSearch analyzes the text for keyword and numeric fields too (terms of a
 *  keyword, a phrase refused for lack of positions, a number found among the tokens): not modelled. */
function checkExplicitAnalyzer(ix: SearchIndex, field: string, o: FieldQueryOptions): void {
  const type = ix.leaf(field)?.type;
  if (o.explicitAnalyzer && type !== undefined && type !== 'text') {
    throw new EngineError(400, 'parsing_exception', `[analyzer] on the ${type} field [${field}] is not supported by the embedded engine`);
  }
}

export function matchField(ix: SearchIndex, field: string, text: unknown, o: FieldQueryOptions, ctx: ExecContext): DocSet {
  checkExplicitAnalyzer(ix, field, o);
  if (o.fuzziness !== undefined) return fuzzyMatchField(ix, field, text, { ...o, fuzziness: o.fuzziness }, ctx);
  const leaf = ix.leaf(field);
  if (!leaf) return EMPTY;
  if (leaf.type !== 'text') {
    if (leaf.type === 'keyword') {
      const fi = ix.fieldIndex(field);
      return fi && fi.kind === 'keyword' ? keywordTermSet(fi, textOf(text), o.boost, ctx) : EMPTY;
    }
    try {
      return termDocs(ix, field, text, o.boost, ctx);
    } catch (e) {
      if (o.lenient && e instanceof EngineError) return EMPTY;
      throw e;
    }
  }
  const terms = analyzeStandard(textOf(text)).map((t) => t.term);
  checkClauseCount(terms.length);
  if (terms.length === 0) return o.zeroTermsAll ? constantSet(allDocs(ix), o.boost) : EMPTY;
  const fi = ix.fieldIndex(field);
  if (!fi || fi.kind !== 'text') return EMPTY;
  const sets = terms.map((t) => textTermSet(fi, t, o.boost, ctx));
  if (sets.length === 1) return sets[0]!;
  // With operator and the terms are required clauses: a positive minimum_should_match then asks for should
  // clauses that do not exist, and the query matches nothing (as OpenSearch's bool does).
  if (o.operator === 'and' && o.minimumShouldMatch !== undefined && minimumShouldMatch(0, o.minimumShouldMatch) > 0) return EMPTY;
  return combineTerms(sets, o.operator === 'and' ? sets.length : minimumShouldMatch(sets.length, o.minimumShouldMatch), ctx);
}

/** Boolean of term clauses: `required` of them must match (all = AND, 0/1 = plain OR). */
export function combineTerms(sets: DocSet[], required: number, ctx: ExecContext): DocSet {
  if (required > sets.length) return EMPTY;
  let base: Int32Array;
  if (required === sets.length) {
    const lists = sets.map((s) => s.docs).sort((a, b) => a.length - b.length);
    base = lists[0]!;
    for (let i = 1; i < lists.length && base.length > 0; i++) base = intersect(base, lists[i]!);
  } else {
    base = union(sets.map((s) => s.docs));
  }
  const acc = new Float64Array(base.length);
  const counts = required > 1 ? new Uint16Array(base.length) : undefined;
  for (const s of sets) accumulate(base, acc, s, counts);
  const docs = new Int32Array(base.length);
  const scores = new Float32Array(base.length);
  let k = 0;
  for (let i = 0; i < base.length; i++) {
    if (counts && counts[i]! < required) continue;
    docs[k] = base[i]!;
    scores[k] = acc[i]!;
    k++;
  }
  if (k === 0) return EMPTY;
  return ctx.scoring ? { docs: docs.subarray(0, k), scores: scores.subarray(0, k), constant: 0 } : constantSet(docs.subarray(0, k), 1);
}

/** The count shortcut of a match or match_phrase on one field: a text that analyzes to one term is a TermQuery
 *  (no term with zero_terms_query all: a match_all); other fields take the text as one term. */
export function matchShortcut(ix: SearchIndex, field: string, text: unknown, o: FieldQueryOptions): CountShortcut | undefined {
  const leaf = ix.leaf(field);
  if (!leaf) return undefined;
  if (leaf.type !== 'text') return termShortcut(ix, field, false);
  const n = analyzeStandard(textOf(text)).length;
  return n === 0 ? (o.zeroTermsAll ? MATCH_ALL_COUNT : undefined) : n === 1 ? STATS_COUNT : undefined;
}

/**
 * Whether the match (or match_phrase) OpenSearch builds on `field` is a MatchNoDocsQuery: an unmapped field
 * (newUnmappedFieldQuery), a text without tokens under zero_terms_query none, a lenient match of a value the
 * field cannot read (newLenientFieldQuery), or terms required by `and` beside a positive minimum_should_match.
 */
export function matchNone(ix: SearchIndex, field: string, text: unknown, o: FieldQueryOptions): boolean {
  const leaf = ix.leaf(field);
  if (!leaf) return true;
  if (o.fuzziness !== undefined) {
    if (leaf.type !== 'text' && leaf.type !== 'keyword') return o.lenient;
    // A FuzzyQuery that expands to no term is rewritten to an empty boolean, a MatchNoDocsQuery; a boolean of
    // them is one when every optional (or any required) clause is.
    const ctx = { scoring: false, now: Date.now() };
    const f = o.fuzziness;
    const none = (t: string): boolean => fuzzyDocs(ix, field, t, editsFor(f, t), 1, ctx, o.lenient).docs.length === 0;
    if (leaf.type === 'keyword') return none(textOf(text));
    const terms = analyzeStandard(textOf(text)).map((t) => t.term);
    if (terms.length === 0) return !o.zeroTermsAll;
    return o.operator === 'and' ? terms.some(none) : terms.every(none);
  }
  if (leaf.type === 'keyword') return false;
  if (leaf.type !== 'text') {
    if (!o.lenient) return false;
    try {
      termDocs(ix, field, text, 1, { scoring: false, now: Date.now() });
      return false;
    } catch (e) {
      return e instanceof EngineError;
    }
  }
  const n = analyzeStandard(textOf(text)).length;
  if (n === 0) return !o.zeroTermsAll;
  return o.slop === undefined && n > 1 && o.operator === 'and' && o.minimumShouldMatch !== undefined && minimumShouldMatch(0, o.minimumShouldMatch) > 0;
}

/** A match on a numeric or date field is a point query (see count-shortcut.ts). */
export function matchPointCounted(ix: SearchIndex, field: string): boolean {
  return ix.leaf(field)?.type !== 'text' && pointCountedField(ix, field);
}

export function phraseField(ix: SearchIndex, field: string, text: unknown, o: FieldQueryOptions, ctx: ExecContext): DocSet {
  checkExplicitAnalyzer(ix, field, o);
  const leaf = ix.leaf(field);
  if (!leaf) return EMPTY;
  if (leaf.type !== 'text') return matchField(ix, field, text, o, ctx);
  const tokens = analyzeStandard(textOf(text));
  if (tokens.length === 0) return o.zeroTermsAll ? constantSet(allDocs(ix), o.boost) : EMPTY;
  const fi = ix.fieldIndex(field);
  if (!fi || fi.kind !== 'text') return EMPTY;
  if (tokens.length === 1) return textTermSet(fi, tokens[0]!.term, o.boost, ctx);
  return phraseDocs(fi, tokens.map((t) => t.term), tokens.map((t) => t.position), o.slop ?? 0, o.boost, ctx);
}

function phraseDocs(fi: TextFieldIndex, terms: string[], offsets: number[], slop: number, boost: number, ctx: ExecContext): DocSet {
  const docLists = terms.map((t) => fi.docsAndFreqs(t).docs);
  let cand = docLists.slice().sort((a, b) => a.length - b.length)[0]!;
  for (const l of docLists) cand = intersect(cand, l);
  if (cand.length === 0) return EMPTY;
  const cursors = terms.map((t) => fi.positionCursor(t));
  const docs = new Int32Array(cand.length);
  const freqs = new Float32Array(cand.length);
  const perTerm: Int32Array[] = new Array(terms.length);
  const sloppy = slop > 0 ? sloppyPhrase(terms, offsets, slop) : undefined;
  let k = 0;
  for (let c = 0; c < cand.length; c++) {
    const doc = cand[c]!;
    for (let t = 0; t < terms.length; t++) perTerm[t] = cursors[t]!(doc)!;
    const freq = sloppy ? sloppyFreq(sloppy, perTerm, !ctx.scoring) : exactFreq(perTerm, offsets);
    if (freq > 0) { docs[k] = doc; freqs[k] = freq; k++; }
  }
  if (k === 0) return EMPTY;
  if (!ctx.scoring) return constantSet(docs.subarray(0, k), boost);
  let idfSum = 0;
  for (const l of docLists) idfSum += idf(l.length, fi.docCount);
  const weight = Math.fround(boost * Math.fround(idfSum));
  const cache = normCache(fi.avgdl);
  const scores = new Float32Array(k);
  for (let i = 0; i < k; i++) scores[i] = score(weight, freqs[i]!, cache[fi.norms[docs[i]!]!]!);
  return { docs: docs.subarray(0, k), scores, constant: 0 };
}

/** Occurrences of the exact phrase: positions of the first term where every other term follows in place. */
function exactFreq(perTerm: readonly Int32Array[], offsets: readonly number[]): number {
  const first = perTerm[0]!;
  let freq = 0;
  for (let p = 0; p < first.length; p++) {
    const start = first[p]! - offsets[0]!;
    let ok = true;
    for (let t = 1; t < perTerm.length && ok; t++) ok = includes(perTerm[t]!, start + offsets[t]!);
    if (ok) freq++;
  }
  return freq;
}

function includes(sorted: Int32Array, v: number): boolean {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo < sorted.length && sorted[lo] === v;
}

/** The query text of a value: a raw integer beyond 2^53 keeps its digits. */
export function textOf(text: unknown): string {
  return isRawNumber(text) ? text.rawJSON : String(text);
}
