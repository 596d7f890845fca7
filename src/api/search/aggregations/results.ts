import type { GraphQLFieldResolver } from 'graphql';

/**
 * Aggregation results, found under the response key the planner used (the field's alias or name). The keys are
 * rendered as strings; booleans and dates use OpenSearch's `key_as_string`.
 */
type Aggs = Record<string, unknown>;
interface Bucket {
  key: unknown;
  key_as_string?: string;
  doc_count: number;
}

const result = (parent: Aggs, key: string) => parent[key] as Record<string, unknown> | undefined;
const buckets = (parent: Aggs, key: string) => ((result(parent, key)?.buckets ?? []) as Bucket[]);
const value = (agg: unknown) => ((agg as { value?: number | null } | undefined)?.value ?? null);

export const bucketResolvers: Record<string, GraphQLFieldResolver<Aggs, unknown>> = {
  terms: (parent, _args, _ctx, info) =>
    buckets(parent, info.path.key as string).map((b) => ({ key: b.key_as_string ?? String(b.key), count: b.doc_count })),
  stats: (parent, _args, _ctx, info) => {
    const r = result(parent, info.path.key as string) ?? {};
    return {
      count: value(r.count) ?? 0,
      min: value(r.min),
      max: value(r.max),
      avg: value(r.avg),
      sum: value(r.sum) ?? 0,
    };
  },
  histogram: (parent, _args, _ctx, info) =>
    buckets(parent, info.path.key as string).map((b) => ({ key: b.key as number, count: b.doc_count })),
  dateHistogram: (parent, _args, _ctx, info) =>
    buckets(parent, info.path.key as string).map((b) => ({ key: new Date(b.key as number).toISOString(), count: b.doc_count })),
};
