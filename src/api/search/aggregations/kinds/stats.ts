import { GraphQLNonNull } from 'graphql';
import { staticTypes } from '../../../../sdl/static.js';
import { fieldPath, resultOf, type AggregationKind } from '../kind.js';

const value = (agg: unknown) => ((agg as { value?: number | null } | undefined)?.value ?? null);

/** count, min, max, avg and sum of a numeric field. */
export const stats: AggregationKind = {
  name: 'stats',
  cost: { kind: 'fixed', buckets: 1 },
  field: ({ numeric }) =>
    numeric && {
      type: new GraphQLNonNull(staticTypes.object('Stats')),
      args: { field: { type: new GraphQLNonNull(numeric) } },
      resolve: (parent, _args, _ctx, info) => {
        const r = resultOf(parent, info.path.key) ?? {};
        return { count: value(r.count) ?? 0, min: value(r.min), max: value(r.max), avg: value(r.avg), sum: value(r.sum) ?? 0 };
      },
    },
  plan(args) {
    const field = fieldPath(args.field);
    // Composed from single-value metrics: both backends support these, and the shape stays explicit.
    return {
      filter: { match_all: {} },
      aggs: {
        min: { min: { field } },
        max: { max: { field } },
        avg: { avg: { field } },
        sum: { sum: { field } },
        count: { value_count: { field } },
      },
    };
  },
};
