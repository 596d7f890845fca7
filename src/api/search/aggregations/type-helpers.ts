import { GraphQLList, GraphQLNonNull } from 'graphql';
import { staticTypes } from '../../../sdl/static.js';

/** Buckets a histogram is charged for in the cost estimate: their number depends on the data, not the request. */
export const HISTOGRAM_BUCKETS = 100;

/** `[Name!]!` of a bucket type from schema/aggregations.graphql. */
export const bucketListOf = (name: string) => new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(staticTypes.object(name))));
