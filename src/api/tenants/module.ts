import type { ApiModule } from '../kernel/module.js';
import { requestedTenant, TENANT_HEADER, type TenancyDeps, type TenancySlice } from './context.js';
import { tenantRoots } from './resolvers.js';

/**
 * Tenants and saved searches: the read fields for callers with any tenant, the mutations only for callers
 * with a writable one. Its slice carries the store and the tenant the request asked for (`securitytenant`).
 */
export const tenantsModule: ApiModule<TenancySlice, TenancyDeps | undefined> = {
  name: 'tenants',
  sdl: ['tenants.graphql'],
  roots(shape) {
    if (!shape.tenants) return {};
    const roots = tenantRoots();
    return { query: roots.query, rootKinds: { runSavedSearch: 'saved' }, ...(shape.tenants === 'write' ? { mutation: roots.mutation } : {}) };
  },
  slice: (deps, request) => (deps ? { tenancy: { deps, requested: requestedTenant(request.headers[TENANT_HEADER]) } } : {}),
};
