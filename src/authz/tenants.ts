import type { TemplatePattern } from './patterns.js';
import type { CompiledRole } from './role-rules.js';

/** A tenant (a space for saved objects) the caller may use, and how. */
export interface TenantAccess {
  readonly name: string;
  readonly access: 'read' | 'write';
}

/** The caller's private tenant, as the `securitytenant` header names it. */
export const PRIVATE_TENANT = '__user__';

/**
 * Tenant access from `tenant_permissions`: patterns (globs, regex, templates) match the defined tenant names
 * (tenants.yml plus `global_tenant`); `kibana_all_write` (literally `kibana:saved_objects/*\/write` after group
 * expansion) grants write, anything else read. Every caller with at least one role has their private tenant.
 * Stricter than the plugin: no implicit write to `global_tenant` for `kibana_user` (a legacy rule the plugin
 * itself marks for removal).
 */
export function compileTenants(
  roles: readonly CompiledRole[],
  tenantNames: readonly string[],
  matcherOf: (p: TemplatePattern) => (name: string) => boolean,
): TenantAccess[] {
  const access = new Map<string, 'read' | 'write'>();
  for (const role of roles) {
    for (const entry of role.tenants) {
      for (const tenant of tenantNames) {
        if (access.get(tenant) === 'write') continue;
        if (entry.patterns.some((p) => matcherOf(p)(tenant))) access.set(tenant, entry.write ? 'write' : 'read');
      }
    }
  }
  const out: TenantAccess[] = [...access].map(([name, a]) => Object.freeze({ name, access: a }));
  if (roles.length > 0) out.push(Object.freeze({ name: PRIVATE_TENANT, access: 'write' }));
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** The deployment's tenant switches (searchgate.yml `tenants`). */
export interface TenantOptions {
  readonly enabled: boolean;
  readonly privateTenant: boolean;
}

/**
 * The caller's tenants under the deployment's switches: none when multitenancy is off (as the plugin's
 * `multitenancy_enabled: false`), no private tenant when `privateTenant` is off (`private_tenant_enabled`).
 */
export function availableTenants(tenants: readonly TenantAccess[], options: TenantOptions): readonly TenantAccess[] {
  if (!options.enabled) return [];
  return options.privateTenant ? tenants : tenants.filter((t) => t.name !== PRIVATE_TENANT);
}
