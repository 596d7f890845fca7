/**
 * `match_bool_prefix` (and `multi_match` type `bool_prefix`): the text analyzed like `match`, each term a
 * term query, except the last, which is a prefix query when its token ends the text (a trailing space or
 * punctuation makes it a plain term: MatchQuery.analyzeMultiBoolean compares the last token's end offset with
 * the text's). The prefix query is constant-score (1), the terms score by BM25; operator and
 * minimum_should_match combine them as in `match`. A keyword field takes the whole text as one prefix; other
 * fields a term query. Checked on OpenSearch 3.6.0.
 */
import { analyzeStandard } from '../analysis/standard.js';
import type { SearchIndex } from '../index/search-index.js';
import { EMPTY, constantSet, type DocSet } from './doc-set.js';
import { combineTerms, matchField, textOf, type FieldQueryOptions } from './field-query.js';
import { checkClauseCount } from './limits.js';
import { minimumShouldMatch } from './msm.js';
import { matchingDocs, wellFormed } from './pattern.js';
import { textTermSet } from './scoring.js';
import { allDocs, type ExecContext } from './types.js';

/** Whether the text's last character belongs to its last token (its end offset is the text's). */
function endsInToken(text: string, terms: readonly string[]): boolean {
  const last = text.codePointAt(text.length - 1) ?? 0;
  const shorter = text.slice(0, text.length - (last > 0xffff ? 2 : 1));
  const before = analyzeStandard(shorter).map((t) => t.term);
  return before.length !== terms.length || before.some((t, i) => t !== terms[i]);
}

export function boolPrefixField(ix: SearchIndex, field: string, raw: unknown, o: FieldQueryOptions, ctx: ExecContext): DocSet {
  const leaf = ix.leaf(field);
  if (!leaf) return EMPTY;
  const text = textOf(raw);
  if (leaf.type === 'keyword') {
    // The keyword analyzer: the whole text is the one token, and a prefix.
    const bytes = wellFormed(text);
    const docs = matchingDocs(ix, field, (t) => t.startsWith(bytes), 'prefix');
    return docs.length === 0 ? EMPTY : constantSet(docs, o.boost);
  }
  if (leaf.type !== 'text') return matchField(ix, field, raw, o, ctx);
  const terms = analyzeStandard(text).map((t) => t.term);
  checkClauseCount(terms.length);
  if (terms.length === 0) return o.zeroTermsAll ? constantSet(allDocs(ix), o.boost) : EMPTY;
  const fi = ix.fieldIndex(field);
  if (!fi || fi.kind !== 'text') return EMPTY;
  const prefixLast = endsInToken(text, terms);
  const sets = terms.map((t, i) => {
    if (i < terms.length - 1 || !prefixLast) return textTermSet(fi, t, o.boost, ctx);
    const bytes = wellFormed(t);
    const docs = matchingDocs(ix, field, (x) => x.startsWith(bytes), 'prefix');
    return constantSet(docs, o.boost);
  });
  if (sets.length === 1) return sets[0]!.docs.length === 0 ? EMPTY : sets[0]!;
  if (o.operator === 'and' && o.minimumShouldMatch !== undefined && minimumShouldMatch(0, o.minimumShouldMatch) > 0) return EMPTY;
  return combineTerms(sets, o.operator === 'and' ? sets.length : minimumShouldMatch(sets.length, o.minimumShouldMatch), ctx);
}
