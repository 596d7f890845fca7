import { GraphQLID, GraphQLNonNull } from 'graphql';
import type { RootKind } from '../kernel/limits.js';
import type { ApiModule, RootFields } from '../kernel/module.js';
import type { GetSlice } from './context.js';
import { Loaders } from './loaders.js';
import { getResolver } from './resolve.js';

/** `<index>ById`-style fields, for the indices this permission set may get documents from. */
export const getModule: ApiModule<GetSlice> = {
  name: 'get',
  sdl: [],
  roots(_shape, parts) {
    const query: RootFields = {};
    const rootKinds: Record<string, RootKind> = {};
    for (const index of parts.documentIndices) {
      if (!index.canGet) continue;
      const { config } = index.visible.model;
      query[config.get] = {
        type: parts.document(index),
        description: `One \`${config.index}\` document by id; null when it does not exist or you may not see it.`,
        args: { id: { type: new GraphQLNonNull(GraphQLID) } },
        resolve: getResolver(index),
      };
      rootKinds[config.get] = 'get';
    }
    return { query, rootKinds };
  },
  slice: (_deps, request) => ({ loaders: new Loaders(request.context) }),
};
