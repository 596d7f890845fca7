import type { Principal } from '../../auth/principal.js';
import { isSecurityAdmin } from '../../authz/admin.js';
import { mapSecurityRoles } from '../../authz/mapping.js';
import type { SecurityConfig } from '../../authz/model.js';

/**
 * Does some subject the configuration names still administer security? An enabled internal user whose
 * roles (mapped exactly as at login) make them an administrator; or a role mapping that gives an
 * administrator role to users, backend roles or hosts that other authentication domains (JWT, proxy) may
 * present. A change that takes this from yes to no locks everyone out of the admin API, so it is refused:
 * the only way back would be editing the store by hand.
 */
export function hasSecurityAdmin(config: SecurityConfig, restapiRolesEnabled: readonly string[]): boolean {
  const options = { restapiRolesEnabled };
  for (const u of config.internalUsers.values()) {
    if (!u.enabled) continue;
    const principal: Principal = {
      name: u.name,
      backendRoles: [...u.backendRoles],
      directRoles: [...u.securityRoles],
      attributes: {},
      authType: 'basic',
      remoteAddress: '127.0.0.1',
    };
    if (isSecurityAdmin(config, mapSecurityRoles(config, principal), options)) return true;
  }
  for (const [role, mapping] of Object.entries(config.documents.roles_mapping ?? {})) {
    if (role === '_meta' || !isSecurityAdmin(config, [role], options)) continue;
    const m = mapping as { users?: string[]; backend_roles?: unknown[]; hosts?: unknown[] };
    // A disabled internal user is refused in every domain, so naming one administers nothing.
    const users = (m.users ?? []).filter((u) => config.internalUsers.get(u)?.enabled !== false);
    if (users.length + (m.backend_roles?.length ?? 0) + (m.hosts?.length ?? 0) > 0) return true;
  }
  return false;
}
