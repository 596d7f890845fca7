import {
  GraphQLFloat,
  GraphQLID,
  GraphQLInt,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLString,
  GraphQLUnionType,
  type GraphQLFieldConfigMap,
  type GraphQLNullableType,
} from 'graphql';
import { CROSS_INDEX_NAMES, indexTypeNames } from '../../catalog/names.js';
import { staticTypes } from '../../sdl/static.js';
import type { RootKind } from '../kernel/limits.js';
import type { ApiModule, RootFields } from '../kernel/module.js';
import { AGGREGATION_COSTS } from './aggregations/kinds.js';
import { aggregationsType } from './aggregations/type.js';
import { searchResolver } from './resolve.js';
import { searchAllResolver } from './resolve-all.js';
import { TYPE } from './results.js';
import { orderByType } from './sort/type.js';
import { whereType } from './where/type.js';

const nonNull = <T extends GraphQLNullableType>(t: T) => new GraphQLNonNull(t);
const listOf = <T extends GraphQLNullableType>(t: T) => nonNull(new GraphQLList(nonNull(t)));

function hitType(name: string, document: GraphQLObjectType | GraphQLUnionType): GraphQLObjectType {
  return new GraphQLObjectType({
    name,
    fields: {
      id: { type: nonNull(GraphQLID) },
      index: { type: nonNull(GraphQLString), description: 'The concrete index the document is in.' },
      score: { type: GraphQLFloat, description: 'Relevance; null when sorted by fields.' },
      cursor: { type: nonNull(GraphQLString), description: 'Pass as `after` to continue after this hit.' },
      document: { type: nonNull(document) },
    },
  });
}

function resultType(name: string, hit: GraphQLObjectType, aggs: GraphQLObjectType | null): GraphQLObjectType {
  const fields: GraphQLFieldConfigMap<unknown, unknown> = {
    total: { type: nonNull(GraphQLInt) },
    totalRelation: { type: nonNull(staticTypes.enum('TotalRelation')) },
    hits: { type: listOf(hit) },
    pageInfo: { type: nonNull(staticTypes.object('PageInfo')) },
  };
  if (aggs) fields.aggregations = { type: nonNull(aggs) };
  return new GraphQLObjectType({ name, fields });
}

/**
 * Search: one field per index this permission set may search (free text, where, orderBy, aggregations,
 * paging), and one across all of them. Its concepts each have a folder holding their GraphQL types, their
 * part of the plan and their part of the result: where/, sort/, aggregations/, paging/ (documents are
 * shared with get-by-id in src/api/document/).
 */
export const searchModule: ApiModule = {
  name: 'search',
  sdl: ['aggregations.graphql', 'filters.graphql'],
  roots(shape, parts) {
    const query: RootFields = {};
    const rootKinds: Record<string, RootKind> = {};
    for (const index of parts.documentIndices) {
      const { config } = index.visible.model;
      const T = config.type;
      rootKinds[config.search] = 'search';
      const names = indexTypeNames(T);
      const aggs = aggregationsType(T, index.visible);
      query[config.search] = {
        type: nonNull(resultType(names.searchResult, hitType(names.hit, parts.document(index)), aggs)),
        description: `Search \`${config.index}\`.`,
        args: {
          query: { type: GraphQLString, description: 'Free text over the text fields you may see (simple_query_string syntax).' },
          where: { type: whereType(T, index.visible) },
          orderBy: { type: new GraphQLList(nonNull(orderByType(T, index.visible))) },
          first: { type: GraphQLInt, defaultValue: 10 },
          after: { type: GraphQLString },
        },
        resolve: searchResolver(index),
      };
    }
    if (parts.documentIndices.length > 0) {
      const union = new GraphQLUnionType({
        name: CROSS_INDEX_NAMES.union,
        types: parts.documentIndices.map((i) => parts.document(i)),
        resolveType: (value: Record<symbol, unknown>) => value[TYPE] as string,
      });
      query[CROSS_INDEX_NAMES.queryField] = {
        type: nonNull(resultType(CROSS_INDEX_NAMES.result, hitType(CROSS_INDEX_NAMES.hit, union), null)),
        description: 'Search every index you may read, each under its own document rules.',
        args: {
          query: { type: GraphQLString },
          first: { type: GraphQLInt, defaultValue: 10 },
          after: { type: GraphQLString },
        },
        resolve: searchAllResolver(shape),
      };
      rootKinds[CROSS_INDEX_NAMES.queryField] = 'search';
    }
    return { query, rootKinds, aggregations: AGGREGATION_COSTS };
  },
  slice: () => ({}),
};
