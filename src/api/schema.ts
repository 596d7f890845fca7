import { GraphQLObjectType, type GraphQLFieldConfigMap, type GraphQLSchema } from 'graphql';
import type { IndexShape, SchemaShape } from '../access/view.js';
import { documentIdFieldName, indexTypeNames } from '../catalog/names.js';
import { staticTypes } from '../sdl/static.js';
import { adminModule } from './admin/module.js';
import { documentType } from './document/type.js';
import { getModule } from './get/module.js';
import { withCostModel, type AggregationCost, type RootKind } from './kernel/limits.js';
import type { ApiModule, SchemaParts } from './kernel/module.js';
import { meModule } from './me/module.js';
import { searchModule } from './search/module.js';
import { tenantsModule } from './tenants/module.js';

/**
 * The API's modules, in the order their root fields appear. The assembler below knows nothing of what any of
 * them does.
 */
export const API_MODULES: readonly ApiModule<object, never>[] = [meModule, searchModule, getModule, tenantsModule, adminModule];

/**
 * The GraphQL schema for one permission set. Built once per schema key (permission fingerprint + catalog
 * version) and cached by src/graphql/; introspection and validation both run against it, so a hidden index or
 * field is indistinguishable from one that does not exist.
 */
export function buildSchema(shape: SchemaShape): GraphQLSchema {
  const documents = new Map<IndexShape, GraphQLObjectType>();
  const parts: SchemaParts = {
    documentIndices: shape.indices.filter((s) => s.visible.fields.length > 0),
    document(index) {
      let doc = documents.get(index);
      if (!doc) {
        const { config, fields } = index.visible.model;
        const idField = documentIdFieldName(fields.map((f) => f.name));
        doc = documentType(indexTypeNames(config.type).document, index.visible.fields, `A document of \`${config.index}\`, with the fields you may see.`, idField);
        documents.set(index, doc);
      }
      return doc;
    },
  };
  const query: GraphQLFieldConfigMap<unknown, unknown> = {};
  const mutation: GraphQLFieldConfigMap<unknown, unknown> = {};
  const rootKinds = new Map<string, RootKind>();
  const aggregations = new Map<string, AggregationCost>();
  for (const module of API_MODULES) {
    const roots = module.roots(shape, parts);
    Object.assign(query, roots.query);
    Object.assign(mutation, roots.mutation);
    for (const [name, kind] of Object.entries(roots.rootKinds ?? {})) rootKinds.set(name, kind);
    for (const [name, cost] of roots.aggregations ?? []) aggregations.set(name, cost);
  }
  const Query = new GraphQLObjectType({ name: 'Query', fields: query });
  // Callers with nothing to change get no Mutation type at all (not an empty one).
  const description = staticTypes.object('Mutation').description;
  const Mutation = Object.keys(mutation).length === 0 ? undefined : new GraphQLObjectType({ name: 'Mutation', description, fields: mutation });
  return withCostModel({ query: Query, ...(Mutation ? { mutation: Mutation } : {}) }, { rootKinds, aggregations });
}
