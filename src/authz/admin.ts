import type { SecurityConfig } from './model.js';
import { compileNamePattern } from './patterns.js';
import { compiledConfig } from './role-rules.js';

/** The REST API endpoints Searchgate's admin API serves (`restapi:admin/<endpoint>`). */
export const RESTAPI_ENDPOINTS = ['actiongroups', 'internalusers', 'roles', 'rolesmapping', 'tenants'] as const;

/**
 * May this role set manage the security config? Yes when one of its roles is listed in
 * `plugins.security.restapi.roles_enabled`, or when its cluster permissions grant every
 * `restapi:admin/<endpoint>` explicitly: as in the plugin, a bare `*` (all_access) does not count, a
 * pattern such as `restapi:admin/*` does.
 */
export function isSecurityAdmin(
  config: SecurityConfig,
  securityRoles: readonly string[],
  options: { readonly restapiRolesEnabled: readonly string[] },
): boolean {
  if (securityRoles.some((r) => options.restapiRolesEnabled.includes(r))) return true;
  const roles = compiledConfig(config).roles;
  const explicit = securityRoles
    .flatMap((r) => roles.get(r)?.clusterPatterns ?? [])
    .filter((p) => p !== '*')
    .map((p) => compileNamePattern(p));
  return RESTAPI_ENDPOINTS.every((e) => explicit.some((m) => m.test(`restapi:admin/${e}`)));
}
