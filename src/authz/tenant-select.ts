import { PRIVATE_TENANT, type TenantAccess } from './tenants.js';

/**
 * Which tenant a request works in, and how: the one decision every saved-search operation starts from. Pure
 * over the caller's tenant grants (src/authz/tenants.ts) and the deployment's options.
 */
export const GLOBAL_TENANT = 'global_tenant';

/** How an administrator names another user's private tenant (only with `adminsReadPrivateTenants`). */
export const OTHER_PRIVATE_PREFIX = `${PRIVATE_TENANT}:`;

/** Where a tenant's saved objects live: a shared tenant by name, or one user's private tenant. */
export type TenantRef =
  | { readonly kind: 'shared'; readonly name: string }
  | { readonly kind: 'private'; readonly owner: string };

export interface SelectedTenant {
  readonly ref: TenantRef;
  /** The tenant as the caller names it: `global_tenant`, `analysts`, `__user__` or `__user__:<owner>`. */
  readonly name: string;
  readonly access: 'read' | 'write';
}

export type TenantSelection =
  | { readonly kind: 'ok'; readonly tenant: SelectedTenant }
  /** Unknown and unreadable tenants look the same, so a caller cannot probe which tenants exist. */
  | { readonly kind: 'forbidden'; readonly requested: string };

export interface TenantCaller {
  readonly name: string;
  readonly tenants: readonly TenantAccess[];
  /** A security administrator (may read others' private tenants when the options allow it). */
  readonly admin: boolean;
}

export interface TenantSelectOptions {
  /** Used when the request names no tenant. */
  readonly defaultTenant: string;
  readonly adminsReadPrivateTenants: boolean;
}

/**
 * `requested` is the tenant argument, else the `securitytenant` header, else undefined. As in Dashboards an
 * empty header means the global tenant and `__user__` the caller's private one. With nothing requested the
 * default applies, falling back to the private tenant when the caller cannot read the default.
 */
export function selectTenant(caller: TenantCaller, requested: string | undefined, options: TenantSelectOptions): TenantSelection {
  if (requested === undefined) {
    const chosen = lookup(caller, options.defaultTenant, options) ?? lookup(caller, PRIVATE_TENANT, options);
    return chosen ? { kind: 'ok', tenant: chosen } : { kind: 'forbidden', requested: options.defaultTenant };
  }
  const tenant = lookup(caller, requested === '' ? GLOBAL_TENANT : requested, options);
  return tenant ? { kind: 'ok', tenant } : { kind: 'forbidden', requested };
}

function lookup(caller: TenantCaller, name: string, options: TenantSelectOptions): SelectedTenant | undefined {
  if (name.startsWith(OTHER_PRIVATE_PREFIX)) {
    const owner = name.slice(OTHER_PRIVATE_PREFIX.length);
    if (owner === caller.name) return lookup(caller, PRIVATE_TENANT, options);
    // Read only, even for administrators: a private tenant is its owner's to change.
    if (owner === '' || !options.adminsReadPrivateTenants || !caller.admin) return undefined;
    return { ref: { kind: 'private', owner }, name, access: 'read' };
  }
  const grant = caller.tenants.find((t) => t.name === name);
  if (!grant) return undefined;
  const ref: TenantRef = name === PRIVATE_TENANT ? { kind: 'private', owner: caller.name } : { kind: 'shared', name };
  return { ref, name, access: grant.access };
}
