import { GraphQLEnumType, GraphQLObjectType, type GraphQLFieldConfigMap } from 'graphql';
import type { VisibleIndex, VisibleScalar } from '../../../access/visible.js';
import { enumValueName, indexTypeNames } from '../../../catalog/names.js';
import { sortableFields } from '../sort/plan.js';
import type { AggResult } from './kind.js';
import { AGGREGATION_KINDS } from './kinds.js';

function fieldEnum(name: string, fields: readonly VisibleScalar[]): GraphQLEnumType | null {
  if (fields.length === 0) return null;
  return new GraphQLEnumType({
    name,
    values: Object.fromEntries(fields.map((f) => [enumValueName(f.path), { value: f, description: `\`${f.path}\`` }])),
  });
}

/**
 * `<Type>Aggregations`: the aggregation kinds (kinds.ts) over visible, unmasked, aggregatable fields only.
 * Null when the caller has no such field (GraphQL has no empty types).
 */
export function aggregationsType(typeName: string, index: VisibleIndex): GraphQLObjectType | null {
  const names = indexTypeNames(typeName);
  const exact = sortableFields(index);
  const fields = {
    exact: fieldEnum(names.termsField, exact),
    numeric: fieldEnum(names.numericField, exact.filter((f) => ['int', 'long', 'float'].includes(f.kind))),
    date: fieldEnum(names.dateField, exact.filter((f) => f.kind === 'date')),
  };
  const config: GraphQLFieldConfigMap<AggResult, unknown> = {};
  for (const kind of AGGREGATION_KINDS) {
    const field = kind.field(fields);
    if (field) config[kind.name] = field;
  }
  if (Object.keys(config).length === 0) return null;
  return new GraphQLObjectType({ name: names.aggregations, fields: config });
}
