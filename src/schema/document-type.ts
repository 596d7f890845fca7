import { GraphQLList, GraphQLNonNull, GraphQLObjectType, type GraphQLFieldConfigMap, type GraphQLOutputType } from 'graphql';
import { nestedTypeName } from './names.js';
import { outputScalar } from './scalars.js';
import type { VisibleField } from './visible.js';

/**
 * `Movie`, `MovieAuthor`, ...: the document types, with exactly the caller's visible fields. Values were
 * already projected to GraphQL names and masked (src/resolvers/project.ts), so default resolvers suffice.
 */
export function documentType(name: string, fields: readonly VisibleField[], description?: string): GraphQLObjectType {
  return new GraphQLObjectType({
    name,
    description,
    fields: () => {
      const config: GraphQLFieldConfigMap<unknown, unknown> = {};
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
