import { getArgumentValues, GraphQLObjectType, type GraphQLResolveInfo } from 'graphql';
import { badInput } from '../../../errors.js';
import type { VisibleScalar } from '../../../access/visible.js';
import { descend, fieldNodes } from '../../document/selection.js';

/**
 * The typed aggregations selected under `aggregations { ... }` -> OpenSearch `aggs`, keyed by response key
 * (alias or field name) so each resolver finds its result. Only these shapes are ever sent: no `global`
 * aggregation and no `min_doc_count: 0` on terms, which could reveal documents outside the caller's DLS.
 */
export type AggRequest = Record<string, Record<string, unknown>>;

export const CALENDAR_INTERVALS: Record<string, string> = {
  MINUTE: 'minute',
  HOUR: 'hour',
  DAY: 'day',
  WEEK: 'week',
  MONTH: 'month',
  QUARTER: 'quarter',
  YEAR: 'year',
};

function fieldPath(v: unknown): string {
  const f = v as VisibleScalar;
  return f.exactPath ?? f.path;
}

function one(kind: string, args: Record<string, unknown>, maxTermsSize: number): Record<string, unknown> {
  const field = fieldPath(args.field);
  switch (kind) {
    case 'terms': {
      const size = (args.size as number | undefined) ?? 10;
      if (size < 1 || size > maxTermsSize) throw badInput(`terms size must be between 1 and ${maxTermsSize}`);
      return { terms: { field, size } };
    }
    case 'stats':
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
    case 'histogram': {
      const interval = args.interval as number;
      if (!(interval > 0)) throw badInput('histogram interval must be greater than 0');
      return { histogram: { field, interval, min_doc_count: 1 } };
    }
    case 'dateHistogram':
      return {
        date_histogram: { field, calendar_interval: CALENDAR_INTERVALS[args.interval as string], min_doc_count: 1 },
      };
    default:
      throw badInput(`unknown aggregation ${kind}`);
  }
}

/** Aggregations selected under the resolver's field; `aggTypeName` is e.g. `MovieAggregations`. */
export function planAggregations(info: GraphQLResolveInfo, aggTypeName: string, maxTermsSize: number): AggRequest | null {
  const aggType = info.schema.getType(aggTypeName);
  if (!(aggType instanceof GraphQLObjectType)) return null;
  const defs = aggType.getFields();
  const out: AggRequest = {};
  for (const set of descend(info, ['aggregations'])) {
    for (const node of fieldNodes(set, info.fragments)) {
      const def = defs[node.name.value];
      if (!def) continue; // __typename
      const key = node.alias?.value ?? node.name.value;
      out[key] = one(node.name.value, getArgumentValues(def, node, info.variableValues), maxTermsSize);
    }
  }
  return Object.keys(out).length > 0 ? out : null;
}
