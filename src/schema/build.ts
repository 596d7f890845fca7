import {
  GraphQLFloat,
  GraphQLID,
  GraphQLInt,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLSchema,
  GraphQLString,
  GraphQLUnionType,
  type GraphQLFieldConfigMap,
  type GraphQLNullableType,
} from 'graphql';
import type { IndexShape, SchemaShape } from '../access/view.js';
import { adminRoots } from '../admin/resolvers.js';
import type { RequestContext } from '../graphql/context.js';
import { getResolver } from '../resolvers/get.js';
import { resolveMe } from '../resolvers/me.js';
import { TYPE } from '../resolvers/results.js';
import { searchResolver } from '../resolvers/search.js';
import { searchAllResolver } from '../resolvers/search-all.js';
import { aggregationsType } from './aggregation-type.js';
import { documentType } from './document-type.js';
import { CROSS_INDEX_NAMES, documentIdFieldName, indexTypeNames } from '../catalog/names.js';
import { orderByType } from './order-type.js';
import { tenantRoots } from '../tenants/resolvers.js';
import { staticTypes } from './static.js';
import { whereType } from './where-type.js';

/**
 * The GraphQL schema for one permission set. Built once per schema key (permission fingerprint + catalog
 * version) and cached by src/graphql/; introspection and validation both run against it, so a hidden index or
 * field is indistinguishable from one that does not exist.
 */
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

function indexFields(shape: IndexShape, into: GraphQLFieldConfigMap<unknown, RequestContext>): GraphQLObjectType {
  const { config } = shape.visible.model;
  const T = config.type;
  const names = indexTypeNames(T);
  const idField = documentIdFieldName(shape.visible.model.fields.map((f) => f.name));
  const doc = documentType(names.document, shape.visible.fields, `A document of \`${config.index}\`, with the fields you may see.`, idField);
  const aggs = aggregationsType(T, shape.visible);
  into[config.search] = {
    type: nonNull(resultType(names.searchResult, hitType(names.hit, doc), aggs)),
    description: `Search \`${config.index}\`.`,
    args: {
      query: { type: GraphQLString, description: 'Free text over the text fields you may see (simple_query_string syntax).' },
      where: { type: whereType(T, shape.visible) },
      orderBy: { type: new GraphQLList(nonNull(orderByType(T, shape.visible))) },
      first: { type: GraphQLInt, defaultValue: 10 },
      after: { type: GraphQLString },
    },
    resolve: searchResolver(shape) as never,
  };
  if (shape.canGet) {
    into[config.get] = {
      type: doc,
      description: `One \`${config.index}\` document by id; null when it does not exist or you may not see it.`,
      args: { id: { type: nonNull(GraphQLID) } },
      resolve: getResolver(shape) as never,
    };
  }
  return doc;
}

export function buildSchema(shape: SchemaShape): GraphQLSchema {
  const fields: GraphQLFieldConfigMap<unknown, RequestContext> = {
    me: { type: nonNull(staticTypes.object('Me')), resolve: (_p, _a, ctx) => resolveMe(ctx) },
  };
  const docs = shape.indices.filter((s) => s.visible.fields.length > 0).map((s) => indexFields(s, fields));
  if (docs.length > 0) {
    const union = new GraphQLUnionType({
      name: CROSS_INDEX_NAMES.union,
      types: docs,
      resolveType: (value: Record<symbol, unknown>) => value[TYPE] as string,
    });
    const unionHit = hitType(CROSS_INDEX_NAMES.hit, union);
    fields[CROSS_INDEX_NAMES.queryField] = {
      type: nonNull(resultType(CROSS_INDEX_NAMES.result, unionHit, null)),
      description: 'Search every index you may read, each under its own document rules.',
      args: {
        query: { type: GraphQLString },
        first: { type: GraphQLInt, defaultValue: 10 },
        after: { type: GraphQLString },
      },
      resolve: searchAllResolver(shape) as never,
    };
  }
  // Administrators alone get `security` and its mutations; callers with a tenant get saved searches, and their
  // mutations only when a tenant is writable. For anyone else these fields (and an empty Mutation) do not exist.
  const mutations: GraphQLFieldConfigMap<unknown, RequestContext> = {};
  if (shape.tenants) {
    const tenant = tenantRoots();
    Object.assign(fields, tenant.query);
    if (shape.tenants === 'write') Object.assign(mutations, tenant.mutation);
  }
  if (shape.admin === true) {
    const admin = adminRoots();
    fields.security = admin.security as (typeof fields)[string];
    Object.assign(mutations, admin.mutationFields);
  }
  const query = new GraphQLObjectType({ name: 'Query', fields });
  if (Object.keys(mutations).length === 0) return new GraphQLSchema({ query });
  const description = staticTypes.object('Mutation').description;
  return new GraphQLSchema({ query, mutation: new GraphQLObjectType({ name: 'Mutation', description, fields: mutations }) });
}
