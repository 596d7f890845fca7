import { getArgumentValues, GraphQLObjectType, type GraphQLResolveInfo } from 'graphql';
import { badInput } from '../../../errors.js';
import { descend, fieldNodes } from '../../document/selection.js';
import { aggregationKind } from './kinds.js';

/**
 * The typed aggregations selected under `aggregations { ... }` -> OpenSearch `aggs`, keyed by response key
 * (alias or field name) so each resolver finds its result. Only these shapes are ever sent: no `global`
 * aggregation and no `min_doc_count: 0` on terms, which could reveal documents outside the caller's DLS.
 */
export type AggRequest = Record<string, Record<string, unknown>>;

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
      const kind = aggregationKind(node.name.value);
      if (!kind) throw badInput(`unknown aggregation ${node.name.value}`);
      out[key] = kind.plan(getArgumentValues(def, node, info.variableValues), { maxTermsSize });
    }
  }
  return Object.keys(out).length > 0 ? out : null;
}
