import { GraphQLNonNull } from 'graphql';
import { staticTypes } from '../../sdl/static.js';
import type { ApiModule } from '../kernel/module.js';
import { resolveMe } from './resolve.js';

/** `me`: who the gateway thinks you are; every caller has it. */
export const meModule: ApiModule = {
  name: 'me',
  sdl: [],
  roots: () => ({
    query: { me: { type: new GraphQLNonNull(staticTypes.object('Me')), resolve: (_p: unknown, _a: unknown, ctx) => resolveMe(ctx) } },
  }),
  slice: () => ({}),
};
