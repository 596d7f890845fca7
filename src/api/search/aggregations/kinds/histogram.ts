import { GraphQLFloat, GraphQLNonNull } from 'graphql';
import { badInput } from '../../../../errors.js';
import { HISTOGRAM_BUCKETS, bucketListOf } from '../type-helpers.js';
import { bucketsOf, fieldPath, type AggregationKind } from '../kind.js';

/** Counts per fixed-width interval of a numeric field (empty buckets left out). */
export const histogram: AggregationKind = {
  name: 'histogram',
  cost: { kind: 'fixed', buckets: HISTOGRAM_BUCKETS },
  field: ({ numeric }) =>
    numeric && {
      type: bucketListOf('HistogramBucket'),
      args: { field: { type: new GraphQLNonNull(numeric) }, interval: { type: new GraphQLNonNull(GraphQLFloat) } },
      resolve: (parent, _args, _ctx, info) => bucketsOf(parent, info.path.key).map((b) => ({ key: b.key as number, count: b.doc_count })),
    },
  plan(args) {
    const interval = args.interval as number;
    if (!(interval > 0)) throw badInput('histogram interval must be greater than 0');
    return { histogram: { field: fieldPath(args.field), interval, min_doc_count: 1 } };
  },
};
