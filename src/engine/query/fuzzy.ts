/**
 * Fuzzy terms (`term~N` in simple_query_string) as Lucene's FuzzyQuery answers them inside OpenSearch:
 * every indexed term within N edits (Damerau-Levenshtein with adjacent transpositions, on code points,
 * N ≤ 2, no prefix), the 50 most similar kept (TopTermsBlendedFreqScoringRewrite), each scored as a BM25
 * term whose document frequency is the largest among the kept terms, boosted by its similarity
 * 1 - edits / min(term length, query length) (0 when that is negative: such terms match and score 0).
 * Checked against OpenSearch 3.6 on text and keyword fields.
 */
import type { SearchIndex } from '../index/search-index.js';
import { idf, normCache, score } from '../index/bm25.js';
import { EMPTY, accumulate, constantSet, union, type DocSet } from './doc-set.js';
import { queryShardError } from './field-values.js';
import { luceneLowerCase } from '../analysis/standard.js';
import type { ExecContext } from './types.js';

const f = Math.fround;
const MAX_EXPANSIONS = 50;

/** Damerau-Levenshtein (optimal string alignment) distance, or maxEdits + 1 once it is certainly larger. */
export function editDistance(a: readonly string[], b: readonly string[], maxEdits: number): number {
  if (Math.abs(a.length - b.length) > maxEdits) return maxEdits + 1;
  const n = b.length;
  let prev2 = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  let cur = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = cur[0]!;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > maxEdits) return maxEdits + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[n]!;
}

interface Candidate { term: string; boost: number }

function candidates(terms: Iterable<string>, text: string, maxEdits: number): Candidate[] {
  const q = Array.from(text);
  const out: Candidate[] = [];
  for (const t of terms) {
    const cps = Array.from(t);
    const ed = editDistance(cps, q, maxEdits);
    if (ed > maxEdits) continue;
    const boost = ed === 0 ? 1 : Math.max(0, f(1 - f(ed / Math.min(cps.length, q.length))));
    out.push({ term: t, boost });
  }
  // Lucene keeps the most similar terms, ties to the smaller term.
  out.sort((x, y) => y.boost - x.boost || (x.term < y.term ? -1 : x.term > y.term ? 1 : 0));
  return out.slice(0, MAX_EXPANSIONS);
}

export function fuzzyDocs(ix: SearchIndex, field: string, text: string, maxEdits: number, fieldBoost: number, ctx: ExecContext, lenient: boolean): DocSet {
  const leaf = ix.leaf(field);
  if (!leaf) return EMPTY;
  if (leaf.type !== 'text' && leaf.type !== 'keyword') {
    if (lenient) return EMPTY;
    throw queryShardError(`failed to create query: Can only use fuzzy queries on keyword and text fields - not on [${field}] which is of type [${leaf.type}]`);
  }
  const fi = ix.fieldIndex(field);
  if (!fi) return EMPTY;
  if (fi.kind === 'text') {
    // The text field's normalizer lower-cases the term; it is not tokenized.
    const lower = luceneLowerCase(text);
    // 0 edits: the term itself (Lucene's SingleTermsEnum), without a walk over the dictionary.
    const kept = maxEdits === 0 ? (fi.docsAndFreqs(lower).docs.length > 0 ? [{ term: lower, boost: 1 }] : []) : candidates(fi.terms.keys(), lower, maxEdits);
    if (kept.length === 0) return EMPTY;
    const lists = kept.map((c) => fi.docsAndFreqs(c.term));
    if (!ctx.scoring) return constantSet(union(lists.map((l) => l.docs)), fieldBoost);
    const maxDf = Math.max(...lists.map((l) => l.docs.length));
    const termIdf = idf(maxDf, fi.docCount);
    const cache = normCache(fi.avgdl);
    const sets: DocSet[] = kept.map((c, k) => {
      const { docs, freqs } = lists[k]!;
      const weight = f(f(c.boost * fieldBoost) * termIdf);
      const scores = new Float32Array(docs.length);
      for (let i = 0; i < docs.length; i++) scores[i] = score(weight, freqs[i]!, cache[fi.norms[docs[i]!]!]!);
      return { docs, scores, constant: 0 };
    });
    return sumOf(sets);
  }
  if (fi.kind === 'keyword') {
    const kept = maxEdits === 0 ? (fi.docs(text).length > 0 ? [{ term: text, boost: 1 }] : []) : candidates(fi.dict, text, maxEdits);
    if (kept.length === 0) return EMPTY;
    const lists = kept.map((c) => fi.docs(c.term));
    if (!ctx.scoring) return constantSet(union(lists), fieldBoost);
    // Keyword fields index documents only (freq 1) without norms: every document's length is 1, and the
    // average length is sumTotalTermFreq / docCount, which for docs-only postings is sumDocFreq / docCount
    // (above 1 once documents hold several distinct values).
    const maxDf = Math.max(...lists.map((l) => l.length));
    const termIdf = idf(maxDf, fi.docCount);
    const normInverse = normCache(f(fi.sumDocFreq / fi.docCount))[1]!;
    return sumOf(kept.map((c, k) => constantSet(lists[k]!, score(f(f(c.boost * fieldBoost) * termIdf), 1, normInverse))));
  }
  return EMPTY;
}

/**
 * The terms a fuzzy query keeps with a positive similarity on a text or keyword field, and the document
 * frequency they all score with (the largest among all kept terms); undefined on other fields. (Terms kept
 * with similarity 0 were not seen to merge with a plain term of the same text on 3.6.0.)
 */
export function fuzzyExpansion(ix: SearchIndex, field: string, text: string, maxEdits: number): { terms: ReadonlySet<string>; df: number } | undefined {
  const fi = ix.fieldIndex(field);
  if (fi?.kind === 'text') {
    const kept = candidates(fi.terms.keys(), luceneLowerCase(text), maxEdits);
    return { terms: new Set(kept.filter((c) => c.boost > 0).map((c) => c.term)), df: Math.max(0, ...kept.map((c) => fi.docsAndFreqs(c.term).docs.length)) };
  }
  if (fi?.kind === 'keyword') {
    const kept = candidates(fi.dict, text, maxEdits);
    return { terms: new Set(kept.filter((c) => c.boost > 0).map((c) => c.term)), df: Math.max(0, ...kept.map((c) => fi.docs(c.term).length)) };
  }
  return undefined;
}

/** The fuzzy query is a boolean of should clauses: scores add up per document. */
function sumOf(sets: DocSet[]): DocSet {
  if (sets.length === 1) return sets[0]!;
  const base = union(sets.map((s) => s.docs));
  const acc = new Float64Array(base.length);
  for (const s of sets) accumulate(base, acc, s);
  return { docs: base, scores: Float32Array.from(acc), constant: 0 };
}
