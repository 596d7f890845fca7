import type { ApiContext } from '../kernel/context.js';

/** `me`: what the plugin's authinfo shows, from the principal and the authorize stage's decisions. */
export function resolveMe(ctx: ApiContext) {
  const { principal, roles, tenants } = ctx.permissions;
  return {
    name: principal.name,
    backendRoles: [...principal.backendRoles],
    roles: [...roles],
    tenants: tenants.map((t) => ({ name: t.name, access: t.access === 'write' ? 'WRITE' : 'READ' })),
    authType: principal.authType.toUpperCase(),
    remoteAddress: principal.remoteAddress,
  };
}
