/** A parsed query, validated up front, executable against any index. */
import type { SearchIndex } from '../index/search-index.js';
import type { DocSet } from './doc-set.js';

export interface ExecContext {
  /** False in filter context: scores are not needed and may be constant. */
  readonly scoring: boolean;
  /** "now" for date math, fixed for the whole request. */
  readonly now: number;
}

/** A filter checked doc by doc (see `Query.lazy`). */
export interface LazyFilter {
  /** Estimated matches (an upper bound when unknown): the cheapest clause leads. */
  readonly cost: number;
  matches(doc: number): boolean;
  /** The docs of `docs` (ascending) that match: `matches` over an array, in one tight loop. */
  keep?(docs: Int32Array): Int32Array;
  /** The matches as `execute` gives them. */
  docs(): Int32Array;
}

export interface Query {
  execute(ix: SearchIndex, ctx: ExecContext): DocSet;
  /** In filter context only: the same matches as `execute` (and the same errors, raised here), but checked
   *  per doc, so a bool can test the docs of a smaller clause instead of materialising a large one.
   *  Undefined when the query has no cheap per-doc form. */
  lazy?(ix: SearchIndex, ctx: ExecContext): LazyFilter | undefined;
  /** True when OpenSearch rewrites this query to match_none on index `ix` before building it (match_none,
   *  empty terms/ids, a term on `_index` naming another index, a bool with such a required clause,
   *  constant_score over one): its clauses are never built there, so never refused. */
  noneOn?(ix: SearchIndex): boolean;
  /** Raises the errors OpenSearch's shard-level rewrite raises: it rewrites every clause of a bool (and the
   *  filter of a constant_score) before collapsing one to match_none, and rewriting a `range` on a date
   *  field parses its bounds. So a bad date bound fails the search even where the rest is never built. */
  rewrite?(ix: SearchIndex, ctx: ExecContext): void;
  /** True when the coordinating node already rewrites this query to match_none, without any index (a
   *  match_none, empty terms or ids, a bool or constant_score collapsing on those): the shard never sees
   *  its clauses, so their shard-level rewrite errors never happen. */
  coordNone?(): boolean;
  /** A match_all (and its boost): Lucene's BooleanQuery.rewrite drops it as a filter beside other required
   *  clauses, and turns a lone must one beside filters into a constant score (see bool.ts), which decides the
   *  bool's count shortcut. */
  readonly matchAllBoost?: number;
  /** True when OpenSearch's query rewriting changes this query on `ix` (to match_none or match_all, or a
   *  clause of it). Only observable through aggregations: a rewritten filter gives them `meta: {}`. */
  changedOn?(ix: SearchIndex): boolean;
  /** What OpenSearch's count shortcut (TopDocsCollectorContext.shortcutTotalHitCount) makes of this query on
   *  `ix` once Lucene has rewritten it (BooleanQuery.rewrite, ConstantScoreQuery and boosts unwrapped): a
   *  MatchAllDocsQuery, a TermQuery or a FieldExistsQuery (see CountShortcut); undefined for any other query,
   *  which OpenSearch counts by collecting. Besides the total, it decides `terminated_early`. */
  countShortcut?(ix: SearchIndex): CountShortcut | undefined;
  /** True when Lucene's Weight.count answers this query on every segment of `ix` without visiting documents
   *  (a point range or exact query on a numeric or date field that is single-valued in every document, on an
   *  index without deleted documents): a counting collector then collects nothing. */
  pointCounted?(ix: SearchIndex): boolean;
  /** True when the Lucene query OpenSearch builds for this on `ix` is, or rewrites to, a MatchNoDocsQuery (a
   *  match on an unmapped field or of a text without tokens, a lenient match of an unreadable value, a bool
   *  left without a positive clause): Lucene's BooleanQuery.rewrite drops such a should or must_not clause,
   *  which decides the count shortcut of the bool around it. Undefined: `noneOn` or `coordNone` (see
   *  `buildsNone`). */
  luceneNone?(ix: SearchIndex): boolean;
}

/** Whether `q` is a MatchNoDocsQuery on `ix` once Lucene has rewritten it (see `Query.luceneNone`). */
export function buildsNone(q: Query, ix: SearchIndex): boolean {
  return q.luceneNone ? q.luceneNone(ix) : (q.coordNone?.() ?? false) || (q.noneOn?.(ix) ?? false);
}

export interface CountShortcut {
  /** Counted from Lucene's index statistics (a TermQuery's docFreq, a FieldExistsQuery's docCount), which
   *  OpenSearch takes only on a reader without deleted documents; false for match_all (numDocs, always). */
  readonly stats: boolean;
  /** The count where it can differ from the matches: exists on a text field counts the documents with a token
   *  (Lucene's docCount), while documents whose value has no token match. */
  readonly count?: number;
}

/** The shortcut of a MatchAllDocsQuery. */
export const MATCH_ALL_COUNT: CountShortcut = { stats: false };
/** The shortcut of a TermQuery or a FieldExistsQuery counting its matches. */
export const STATS_COUNT: CountShortcut = { stats: true };

/** All live docs of an index, ascending (cached per index generation). */
const allCache = new WeakMap<SearchIndex, { generation: number; docs: Int32Array }>();

export function allDocs(ix: SearchIndex): Int32Array {
  const hit = allCache.get(ix);
  if (hit && hit.generation === ix.generation) return hit.docs;
  const live = ix.liveMask();
  const n = ix.maxDoc;
  const docs = new Int32Array(ix.docCount);
  let k = 0;
  for (let i = 0; i < n; i++) if (live[i] === 1) docs[k++] = i;
  const result = docs.subarray(0, k);
  allCache.set(ix, { generation: ix.generation, docs: result });
  return result;
}
