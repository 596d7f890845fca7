import type { AdminDeps, AdminSlice } from './admin/context.js';
import { adminModule } from './admin/module.js';
import type { GetSlice } from './get/context.js';
import { getModule } from './get/module.js';
import type { ApiContext } from './kernel/context.js';
import type { SliceRequest } from './kernel/module.js';
import type { TenancyDeps, TenancySlice } from './tenants/context.js';
import { tenantsModule } from './tenants/module.js';

/**
 * The request context the GraphQL server hands to resolvers: the kernel's decisions plus each module's slice.
 * Only the server and the gateway see the whole of it; a module's resolvers are typed with their own part.
 */
export type RequestContext = ApiContext & GetSlice & TenancySlice & AdminSlice;

/** What the gateway made at start for the modules that need more than the kernel's context. */
export interface ModuleDeps {
  /** Absent when multitenancy is off. */
  readonly tenancy?: TenancyDeps;
  readonly admin?: AdminDeps;
}

/** One request's context: the kernel's part, then each module's slice of it. */
export function requestContext(base: ApiContext, deps: ModuleDeps, headers: SliceRequest['headers']): RequestContext {
  let ctx: RequestContext | undefined;
  const request: SliceRequest = { headers, context: () => ctx! };
  ctx = {
    ...base,
    ...getModule.slice(undefined, request),
    ...tenantsModule.slice(deps.tenancy, request),
    ...adminModule.slice(deps.admin, request),
  };
  return ctx;
}
