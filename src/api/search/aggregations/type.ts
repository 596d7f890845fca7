import {
  GraphQLEnumType,
  GraphQLFloat,
  GraphQLInt,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  type GraphQLFieldConfigMap,
  type GraphQLFieldResolver,
} from 'graphql';
import { sortableFields } from '../sort/plan.js';
import { bucketResolvers } from './results.js';
import { enumValueName, indexTypeNames } from '../../../catalog/names.js';
import { staticTypes } from '../../../sdl/static.js';
import type { VisibleIndex, VisibleScalar } from '../../../access/visible.js';

function fieldEnum(name: string, fields: readonly VisibleScalar[]): GraphQLEnumType | null {
  if (fields.length === 0) return null;
  return new GraphQLEnumType({
    name,
    values: Object.fromEntries(fields.map((f) => [enumValueName(f.path), { value: f, description: `\`${f.path}\`` }])),
  });
}

const list = (name: string) => new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(staticTypes.object(name))));

/**
 * `<Type>Aggregations`: terms, stats and histograms over visible, unmasked, aggregatable fields only. Null when
 * the caller has no such field (GraphQL has no empty types).
 */
export function aggregationsType(typeName: string, index: VisibleIndex): GraphQLObjectType | null {
  const names = indexTypeNames(typeName);
  const exact = sortableFields(index);
  const terms = fieldEnum(names.termsField, exact);
  const numeric = fieldEnum(names.numericField, exact.filter((f) => ['int', 'long', 'float'].includes(f.kind)));
  const dates = fieldEnum(names.dateField, exact.filter((f) => f.kind === 'date'));
  const fields: GraphQLFieldConfigMap<Record<string, unknown>, unknown> = {};
  const r = bucketResolvers as Record<string, GraphQLFieldResolver<Record<string, unknown>, unknown>>;
  if (terms) {
    fields.terms = {
      type: list('TermsBucket'),
      args: { field: { type: new GraphQLNonNull(terms) }, size: { type: GraphQLInt, defaultValue: 10 } },
      resolve: r.terms,
    };
  }
  if (numeric) {
    fields.stats = { type: new GraphQLNonNull(staticTypes.object('Stats')), args: { field: { type: new GraphQLNonNull(numeric) } }, resolve: r.stats };
    fields.histogram = {
      type: list('HistogramBucket'),
      args: { field: { type: new GraphQLNonNull(numeric) }, interval: { type: new GraphQLNonNull(GraphQLFloat) } },
      resolve: r.histogram,
    };
  }
  if (dates) {
    fields.dateHistogram = {
      type: list('DateHistogramBucket'),
      args: {
        field: { type: new GraphQLNonNull(dates) },
        interval: { type: new GraphQLNonNull(staticTypes.enum('CalendarInterval')) },
      },
      resolve: r.dateHistogram,
    };
  }
  if (Object.keys(fields).length === 0) return null;
  return new GraphQLObjectType({ name: names.aggregations, fields });
}
