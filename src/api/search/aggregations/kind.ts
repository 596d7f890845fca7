import type { GraphQLEnumType, GraphQLFieldConfig } from 'graphql';
import type { VisibleScalar } from '../../../access/visible.js';
import type { AggregationCost } from '../../kernel/limits.js';

/** One aggregation's result in the backend's answer, found under the planner's response key. */
export type AggResult = Record<string, unknown>;

/** The field enums of one index's aggregations: fields the permission set may aggregate, by what they hold. */
export interface AggregatableFields {
  /** Exact-valued fields (keywords, numbers, dates, booleans). */
  readonly exact: GraphQLEnumType | null;
  readonly numeric: GraphQLEnumType | null;
  readonly date: GraphQLEnumType | null;
}

/** The caller's limits an aggregation's plan is checked against. */
export interface AggregationLimits {
  readonly maxTermsSize: number;
}

/**
 * One kind of aggregation, whole: its GraphQL field under `<Type>Aggregations`, the OpenSearch aggregation it
 * plans, how its result is read back, and what it may cost. Adding a kind is a new file in kinds/ and a line
 * in kinds.ts (plus its result type in schema/aggregations.graphql).
 */
export interface AggregationKind {
  readonly name: string;
  readonly cost: AggregationCost;
  /** The GraphQL field; null when this permission set has no field it can aggregate. */
  field(fields: AggregatableFields): GraphQLFieldConfig<AggResult, unknown> | null;
  /** The OpenSearch aggregation for one selection (arguments already coerced; `field` is a VisibleScalar). */
  plan(args: Record<string, unknown>, limits: AggregationLimits): Record<string, unknown>;
}

/** The field a coerced enum argument names: its exact sub-field when it has one. */
export function fieldPath(v: unknown): string {
  const f = v as VisibleScalar;
  return f.exactPath ?? f.path;
}

/** The aggregation's own result in its parent, under the response key (alias or field name). */
export const resultOf = (parent: AggResult, key: string | number) => parent[key] as Record<string, unknown> | undefined;

export interface Bucket {
  readonly key: unknown;
  readonly key_as_string?: string;
  readonly doc_count: number;
}

export const bucketsOf = (parent: AggResult, key: string | number) => ((resultOf(parent, key)?.buckets ?? []) as Bucket[]);
