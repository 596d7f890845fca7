/**
 * Which shards' results OpenSearch's reduce meets at the place being rendered. With several searched
 * indices each shard aggregates on its own and the coordinating node merges the results place by place:
 * top-level aggregations, and the buckets every shard returns (filter, filters, missing, range), from every
 * shard; a terms or histogram bucket only from the shards that have documents in it (an empty histogram
 * bucket, filled in by the reduce, from the first shard only). The first of them gives the merged result
 * its metadata (`meta: {}` of a rewritten aggregation); results of different kinds fail the reduce.
 */
export const scope: { first: number; shards: readonly number[] | undefined } = { first: 0, shards: undefined };

/** Runs `f` with the place's shards (undefined: every shard), restoring the outer place afterwards. */
export function withShards<T>(shards: readonly number[] | undefined, f: () => T): T {
  const saved = { first: scope.first, shards: scope.shards };
  scope.first = shards === undefined || shards.length === 0 ? 0 : shards[0]!;
  scope.shards = shards;
  try {
    return f();
  } finally {
    scope.first = saved.first;
    scope.shards = saved.shards;
  }
}
