import type { GraphQLFieldResolver } from 'graphql';
import type { IndexGrant, SchemaShape } from '../../access/view.js';
import type { ApiContext } from '../kernel/context.js';
import { decodeCursor } from './paging/cursor.js';
import { planSearch, type IndexClause } from './plan.js';
import { descend, sourcePaths } from '../document/selection.js';
import { planSort } from './sort/plan.js';
import { textQuery } from './where/text.js';
import { toHit, toResult } from './results.js';
import { runSearch } from './run.js';
import { pageSize } from './resolve.js';

/**
 * The cross-index `search`: every exposed index the caller may search, each with its own DLS and its own
 * visible text fields, in one request. Where the plugin refuses a cluster-wide search, this one spans exactly
 * what the caller may read.
 */
export function searchAllResolver(
  shape: SchemaShape,
): GraphQLFieldResolver<unknown, ApiContext, { query?: string | null; first?: number | null; after?: string | null }> {
  return async (_parent, args, ctx, info) => {
    const grants = shape.indices
      .map((s) => ctx.permissions.grant(s.visible.model.config.index))
      .filter((g): g is IndexGrant => g !== undefined);
    // A concrete index exposed under two names is searched once, under the first.
    const byIndex = new Map<string, IndexGrant>();
    const clauses: IndexClause[] = [];
    const paths = new Set<string>();
    for (const grant of grants) {
      const targets = grant.targets.filter((t) => !byIndex.has(t.index));
      for (const t of targets) byIndex.set(t.index, grant);
      if (targets.length === 0) continue;
      const { visible } = grant.shape;
      clauses.push({ grant: { ...grant, targets }, query: textQuery(args.query, visible) });
      const sets = descend(info, ['hits', 'document'], visible.model.config.type);
      for (const p of sourcePaths(sets, visible.fields, info.fragments)) paths.add(p);
    }
    const size = pageSize(args.first, ctx.limits.maxPageSize);
    const sort = planSort(null, true);
    const after = args.after ? decodeCursor(args.after, sort.length) : null;
    const plan = planSearch({ clauses, sourcePaths: paths, size: size + 1, sort, searchAfter: after });
    const raw = await runSearch(ctx, plan);
    return toResult(raw, size, (h) => {
      const grant = byIndex.get(h._index);
      // Projection is per hit's own index: a field visible in one index never leaks from another.
      return grant ? toHit(h, grant.shape.visible, grant.shape.visible.model.config.type) : null;
    });
  };
}
