import { GraphQLID, GraphQLList, GraphQLNonNull, GraphQLObjectType, type GraphQLFieldConfigMap, type GraphQLOutputType } from 'graphql';
import { DOC_ID } from './project.js';
import { nestedTypeName } from '../../catalog/names.js';
import { outputScalar } from './scalars.js';
import type { VisibleField } from '../../access/visible.js';

/**
 * `Movie`, `MovieAuthor`, ...: the document types, with exactly the caller's visible fields. Values were
 * already projected to GraphQL names and masked (src/api/document/project.ts), so default resolvers suffice.
 * A top-level document type also carries the document's `_id` as `idField` (names.ts documentIdFieldName);
 * nested object types are parts of a document, not entities, and have none.
 */
export function documentType(name: string, fields: readonly VisibleField[], description?: string, idField?: string): GraphQLObjectType {
  return new GraphQLObjectType({
    name,
    description,
    fields: () => {
      const config: GraphQLFieldConfigMap<unknown, unknown> = {};
      if (idField !== undefined) {
        config[idField] = {
          type: new GraphQLNonNull(GraphQLID),
          description: 'The document\'s `_id` (unique within its concrete index), for client caches to key documents by.',
          resolve: (doc) => (doc as Record<symbol, unknown>)[DOC_ID],
        };
      }
      for (const f of fields) {
        let type: GraphQLOutputType =
          f.kind === 'object'
            ? documentType(nestedTypeName(name, f.name), f.children)
            : outputScalar(f.kind, f.masker !== null);
        if (f.list) type = new GraphQLList(new GraphQLNonNull(type));
        config[f.name] = {
          type,
          description: f.kind !== 'object' && f.masker ? `\`${f.path}\` (masked)` : `\`${f.path}\``,
        };
      }
      return config;
    },
  });
}
