import type { GraphQLFieldResolver } from 'graphql';
import type { IndexShape } from '../../access/view.js';
import type { ApiContext } from '../kernel/context.js';
import { badInput, ErrorCode, gqlError } from '../../errors.js';
import { planAggregations } from './aggregations/plan.js';
import { decodeCursor } from './paging/cursor.js';
import { callerQuery, planSearch } from './plan.js';
import { descend, sourcePaths } from '../document/selection.js';
import { planSort, type OrderByInput } from './sort/plan.js';
import { textQuery } from './where/text.js';
import { whereToQuery } from './where/plan.js';
import { toHit, toResult } from './results.js';
import { runSearch } from './run.js';

export interface SearchArgs {
  query?: string | null;
  where?: Record<string, unknown> | null;
  orderBy?: OrderByInput[] | null;
  first?: number | null;
  after?: string | null;
}

export function pageSize(first: number | null | undefined, max: number): number {
  const size = first ?? 10;
  if (!Number.isInteger(size) || size < 0 || size > max) throw badInput(`first must be between 0 and ${max}`);
  return size;
}

/** `<index>(query, where, orderBy, first, after)` for one exposed index. */
export function searchResolver(shape: IndexShape): GraphQLFieldResolver<unknown, ApiContext, SearchArgs> {
  const { visible } = shape;
  const typeName = visible.model.config.type;
  return async (_parent, args, ctx, info) => {
    const grant = ctx.permissions.grant(visible.model.config.index);
    if (!grant) throw gqlError(ErrorCode.Forbidden, 'not permitted');
    const size = pageSize(args.first, ctx.limits.maxPageSize);
    const sort = planSort(args.orderBy, grant.targets.length > 1);
    const after = args.after ? decodeCursor(args.after, sort.length) : null;
    const query = callerQuery(textQuery(args.query, visible), whereToQuery(args.where, visible));
    const plan = planSearch({
      clauses: [{ grant, query }],
      sourcePaths: sourcePaths(descend(info, ['hits', 'document']), visible.fields, info.fragments),
      size: size + 1,
      sort,
      searchAfter: after,
      aggs: planAggregations(info, `${typeName}Aggregations`, ctx.limits.maxTermsSize),
    });
    const raw = await runSearch(ctx, plan);
    return toResult(raw, size, (h) => toHit(h, visible, typeName));
  };
}
