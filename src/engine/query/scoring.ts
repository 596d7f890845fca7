/** BM25 scoring of single terms on text and keyword fields (TermQuery semantics). */
import { idf, normCache, score } from '../index/bm25.js';
import type { KeywordFieldIndex } from '../index/keyword-field.js';
import type { TextFieldIndex } from '../index/text-field.js';
import { constantSet, type DocSet } from './doc-set.js';
import type { ExecContext } from './types.js';

export function textTermSet(fi: TextFieldIndex, term: string, boost: number, ctx: ExecContext): DocSet {
  const { docs, freqs } = fi.docsAndFreqs(term);
  if (!ctx.scoring) return constantSet(docs, boost);
  const weight = Math.fround(boost * idf(docs.length, fi.docCount));
  const cache = normCache(fi.avgdl);
  const scores = new Float32Array(docs.length);
  for (let i = 0; i < docs.length; i++) scores[i] = score(weight, freqs[i]!, cache[fi.norms[docs[i]!]!]!);
  return { docs, scores, constant: 0 };
}

/** Keyword term queries score a constant `boost` in OpenSearch 3 (observed: every hit scores 1.0). */
export function keywordTermSet(fi: KeywordFieldIndex, term: string, boost: number, _ctx: ExecContext): DocSet {
  return constantSet(fi.docs(term), boost);
}

/**
 * Boolean fields are indexed as terms without norms or frequencies and scored by BM25 with length 1, so a
 * rarer value scores higher, as on OpenSearch. The average length is sumDocFreq / docCount: above 1 when
 * documents hold both values.
 */
export function booleanTermSet(docs: Int32Array, docCount: number, sumDocFreq: number, boost: number, ctx: ExecContext): DocSet {
  if (!ctx.scoring) return constantSet(docs, boost);
  const weight = Math.fround(boost * idf(docs.length, docCount));
  const cache = normCache(Math.fround(sumDocFreq / docCount));
  return constantSet(docs, score(weight, 1, cache[1]!));
}
