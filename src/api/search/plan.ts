import type { IndexGrant, IndexTarget } from '../../access/view.js';
import { gqlError, ErrorCode } from '../../errors.js';
import type { AggRequest } from './aggregations/plan.js';
import type { SortClause } from './sort/plan.js';
import type { Query } from './where/plan.js';

/**
 * Builds the one OpenSearch request for a search: the caller's query in `must`, their filters and the DLS
 * filter in `filter` (DLS scoped per concrete index when indices differ), `_source` limited to the selected
 * visible fields. Resolvers never assemble any of this themselves.
 */
export interface SearchPlan {
  readonly indices: string[];
  readonly body: Record<string, unknown>;
}

export interface IndexClause {
  readonly grant: IndexGrant;
  /** The caller's query for this index (free text and where), or null for all documents. */
  readonly query: Query | null;
}

function dlsOf(target: IndexTarget): Query | null {
  if (target.dls.kind === 'denied') {
    // Fail closed: a DLS rule we cannot render for this caller denies the index rather than dropping the rule.
    throw gqlError(ErrorCode.Forbidden, 'not permitted');
  }
  return target.dls.kind === 'filter' ? target.dls.query : null;
}

/** The caller's own query: free text scores (`must`), where-filters only filter. Null when unconstrained. */
export function callerQuery(text: Query | null, where: Query | null): Query | null {
  if (!where) return text;
  if (!text) return { bool: { filter: [where] } };
  return { bool: { must: [text], filter: [where] } };
}

/**
 * One clause per concrete index: `_index` pinned, that index's DLS and that index's query. An index without
 * DLS and the same query as its neighbours still gets its own clause; simplicity beats saving bytes here.
 */
function scoped(clauses: readonly IndexClause[]): { indices: string[]; query: Query } {
  const should: Query[] = [];
  const indices: string[] = [];
  for (const { grant, query } of clauses) {
    for (const target of grant.targets) {
      indices.push(target.index);
      const filter = [{ term: { _index: target.index } }, dlsOf(target)].filter((c): c is Query => c !== null);
      should.push({ bool: { filter, ...(query ? { must: [query] } : {}) } });
    }
  }
  if (should.length === 1) {
    // A single concrete index: `must` the caller's query, `filter` the DLS. Same semantics, simpler request.
    const only = clauses.find((c) => c.grant.targets.length > 0)!;
    const dls = dlsOf(only.grant.targets[0]!);
    const bool: Record<string, unknown> = {};
    if (only.query) bool.must = [only.query];
    if (dls) bool.filter = [dls];
    return { indices, query: Object.keys(bool).length > 0 ? { bool } : { match_all: {} } };
  }
  return { indices, query: { bool: { should, minimum_should_match: 1 } } };
}

export function planSearch(opts: {
  clauses: readonly IndexClause[];
  sourcePaths: ReadonlySet<string>;
  size: number;
  sort: readonly SortClause[];
  searchAfter?: readonly unknown[] | null;
  aggs?: AggRequest | null;
}): SearchPlan {
  const { indices, query } = scoped(opts.clauses);
  const body: Record<string, unknown> = {
    query,
    size: opts.size,
    sort: opts.sort,
    _source: opts.sourcePaths.size > 0 ? { includes: [...opts.sourcePaths].sort() } : false,
  };
  if (opts.searchAfter) body.search_after = opts.searchAfter;
  if (opts.aggs) body.aggs = opts.aggs;
  return { indices, body };
}
