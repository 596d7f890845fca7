import { GraphQLNonNull } from 'graphql';
import { staticTypes } from '../../../../sdl/static.js';
import { HISTOGRAM_BUCKETS, bucketListOf } from '../type-helpers.js';
import { bucketsOf, fieldPath, type AggregationKind } from '../kind.js';

/** schema/aggregations.graphql `CalendarInterval` -> OpenSearch `calendar_interval`. */
export const CALENDAR_INTERVALS: Readonly<Record<string, string>> = {
  MINUTE: 'minute',
  HOUR: 'hour',
  DAY: 'day',
  WEEK: 'week',
  MONTH: 'month',
  QUARTER: 'quarter',
  YEAR: 'year',
};

/** Counts per calendar interval of a date field, keys as ISO instants (empty buckets left out). */
export const dateHistogram: AggregationKind = {
  name: 'dateHistogram',
  cost: { kind: 'fixed', buckets: HISTOGRAM_BUCKETS },
  field: ({ date }) =>
    date && {
      type: bucketListOf('DateHistogramBucket'),
      args: {
        field: { type: new GraphQLNonNull(date) },
        interval: { type: new GraphQLNonNull(staticTypes.enum('CalendarInterval')) },
      },
      resolve: (parent, _args, _ctx, info) =>
        bucketsOf(parent, info.path.key).map((b) => ({ key: new Date(b.key as number).toISOString(), count: b.doc_count })),
    },
  plan: (args) => ({
    date_histogram: { field: fieldPath(args.field), calendar_interval: CALENDAR_INTERVALS[args.interval as string], min_doc_count: 1 },
  }),
};
