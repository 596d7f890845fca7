import { backendFailure } from '../../backend/failure.js';
import type { SearchResponseRaw } from '../../backend/search-port.js';
import type { ApiContext } from '../kernel/context.js';
import type { SearchPlan } from './plan.js';

const EMPTY: SearchResponseRaw = { hits: { total: { value: 0, relation: 'eq' }, hits: [] } };

/**
 * Sends a planned search. Backend failures become coded GraphQL errors without backend internals (index names,
 * query fragments, stack traces); the detail goes to the log only.
 */
export async function runSearch(ctx: ApiContext, plan: SearchPlan): Promise<SearchResponseRaw> {
  if (plan.indices.length === 0) return EMPTY;
  try {
    return await ctx.search.search(plan.indices, plan.body);
  } catch (err) {
    throw backendFailure(err, 'the search');
  }
}
