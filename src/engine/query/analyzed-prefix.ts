/**
 * `simple_query_string` prefix (`text*`) with `analyze_wildcard: true`, as OpenSearch's
 * SimpleQueryStringQueryParser.newPossiblyAnalyzedQuery builds it for one field: the text is run through
 * the field's search analyzer; no token builds nothing for that field (the prefix clause itself stays, and
 * matches nothing), one token is a prefix query on it, several are a boolean query whose earlier tokens are
 * term queries (scored) and whose last is a prefix query (constant 1), joined by the default operator
 * (`app-pi*` is `app OR pi*`). A keyword field's analyzer keeps the text whole; other fields (numbers,
 * dates) use the index's default analyzer, so their term clauses parse the tokens (and fail as a term query
 * on that field would), while the last token's Lucene prefix query on a field without terms matches nothing.
 */
import { analyzeStandard } from '../analysis/standard.js';
import { EngineError } from '../errors.js';
import type { SearchIndex } from '../index/search-index.js';
import { EMPTY, accumulate, constantSet, intersect, union, type DocSet } from './doc-set.js';
import { matchingDocs, wellFormed } from './pattern.js';
import { minimumShouldMatch } from './msm.js';
import { termDocs } from './term.js';
import type { ExecContext } from './types.js';

/** `msmSpec`: minimum_should_match when this query is the whole query's top boolean (one field, weight 1),
 *  where OpenSearch applies it to the query's optional clauses. The field's weight boosts each leaf query
 *  (Lucene passes a BoostQuery's boost down to the term and prefix weights), so it applies before the sum. */
export function analyzedPrefixDocs(ix: SearchIndex, field: string, text: string, operator: 'or' | 'and', lenient: boolean, ctx: ExecContext,
  boost: number, msmSpec?: unknown): DocSet {
  const leaf = ix.leaf(field)!;
  const tokens = leaf.type === 'keyword' ? [text] : analyzeStandard(text).map((t) => t.term);
  if (tokens.length === 0) return EMPTY;
  const last = tokens[tokens.length - 1]!;
  const prefixSet = leaf.type === 'text' || leaf.type === 'keyword'
    ? constantSet(matchingDocs(ix, field, (t) => t.startsWith(wellFormed(last)), 'prefix'), boost)
    : EMPTY;
  if (tokens.length === 1) return prefixSet;
  const clauses: DocSet[] = [];
  for (const token of tokens.slice(0, -1)) {
    try {
      clauses.push(termDocs(ix, field, token, boost, ctx));
    } catch (e) {
      // A lenient query turns a clause its field cannot parse into one that matches nothing.
      if (!lenient || !(e instanceof EngineError)) throw e;
      clauses.push(EMPTY);
    }
  }
  clauses.push(prefixSet);
  // Queries.applyMinimumShouldMatch counts the optional clauses; required ones (operator `and`) leave none,
  // and a positive value over none matches nothing.
  const msm = minimumShouldMatch(operator === 'or' ? clauses.length : 0, msmSpec);
  if (operator === 'and' && msm > 0) return EMPTY;
  let base: Int32Array;
  if (operator === 'and') {
    base = clauses[0]!.docs;
    for (const c of clauses.slice(1)) base = intersect(base, c.docs);
  } else base = union(clauses.map((c) => c.docs));
  const acc = new Float64Array(base.length);
  const counts = new Uint16Array(base.length);
  for (const c of clauses) accumulate(base, acc, c, counts);
  if (msm <= 1) return { docs: base, scores: Float32Array.from(acc), constant: 0 };
  const keep = base.map((_, i) => i).filter((i) => counts[i]! >= msm);
  return { docs: keep.map((i) => base[i]!), scores: Float32Array.from(keep, (i) => acc[i]!), constant: 0 };
}
