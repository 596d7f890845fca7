/**
 * OpenSearch's default limits on one query, refused with its errors. They keep a single request from
 * costing unbounded time or memory, and answering past them would differ from what a real node says.
 */
import { EngineError } from '../errors.js';

/** `indices.query.bool.max_clause_count`: clauses in one Lucene BooleanQuery (bool, match terms, sqs groups). */
export const MAX_CLAUSE_COUNT = 1024;
/** `index.max_terms_count`: values in one `terms` query. */
export const MAX_TERMS_COUNT = 65_536;

/** Raised while building the query on a shard, so it is reported as a shard failure (query_shard_exception). */
export function checkClauseCount(n: number): void {
  if (n <= MAX_CLAUSE_COUNT) return;
  throw new EngineError(400, 'query_shard_exception', `failed to create query: maxClauseCount is set to ${MAX_CLAUSE_COUNT}`,
    { caused_by: { type: 'too_many_clauses', reason: `maxClauseCount is set to ${MAX_CLAUSE_COUNT}` } });
}

export function checkTermsCount(n: number): void {
  if (n <= MAX_TERMS_COUNT) return;
  throw new EngineError(400, 'query_shard_exception',
    `failed to create query: The number of terms [${n}] used in the Terms Query request has exceeded the allowed maximum of [${MAX_TERMS_COUNT}]. This maximum can be set by changing the [index.max_terms_count] index level setting.`);
}
