import { GraphQLError } from 'graphql';
import { BackendRequestError, BackendUnavailableError, type SearchResponseRaw } from '../backend/search-port.js';
import { ErrorCode, gqlError } from '../graphql/errors.js';
import type { RequestContext } from '../graphql/context.js';
import { log } from '../log.js';
import type { SearchPlan } from '../plan/search.js';

const EMPTY: SearchResponseRaw = { hits: { total: { value: 0, relation: 'eq' }, hits: [] } };

/**
 * Sends a planned search. Backend failures become coded GraphQL errors without backend internals (index names,
 * query fragments, stack traces); the detail goes to the log only.
 */
export async function runSearch(ctx: RequestContext, plan: SearchPlan): Promise<SearchResponseRaw> {
  if (plan.indices.length === 0) return EMPTY;
  try {
    return await ctx.search.search(plan.indices, plan.body);
  } catch (err) {
    // Already coded for the caller (e.g. the request's search budget is spent).
    if (err instanceof GraphQLError) throw err;
    if (err instanceof BackendRequestError) {
      log.warn({ status: err.status, type: err.type, detail: err.detail }, 'backend rejected a search');
      if (err.status === 400) throw gqlError(ErrorCode.BadUserInput, 'the search could not be run as written');
      throw gqlError(ErrorCode.BackendError, 'the search backend failed to answer');
    }
    if (err instanceof BackendUnavailableError) {
      log.error({ detail: err.detail }, 'backend unavailable');
      throw gqlError(ErrorCode.BackendUnavailable, 'the search backend is unavailable');
    }
    log.error({ err }, 'search failed');
    throw gqlError(ErrorCode.Internal, 'internal error');
  }
}
