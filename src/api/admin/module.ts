import type { ApiModule } from '../kernel/module.js';
import type { AdminDeps, AdminSlice } from './context.js';
import { adminRoots } from './resolvers.js';

/**
 * Administration: `security { ... }` and its mutations, for security administrators only. Every resolver
 * checks the caller again before it reads `admin` from its slice.
 */
export const adminModule: ApiModule<AdminSlice, AdminDeps | undefined> = {
  name: 'admin',
  sdl: ['admin.graphql'],
  roots(shape) {
    if (shape.admin !== true) return {};
    const admin = adminRoots();
    return { query: { security: admin.security }, mutation: admin.mutationFields };
  },
  slice: (deps) => (deps ? { admin: deps } : {}),
};
