import type { Principal } from '../auth/principal.js';
import type { SecurityConfig } from './model.js';
import { anyOf, compileNamePattern, type NameMatcher } from './patterns.js';

/**
 * Role mapping (roles_mapping.yml): a role is mapped when the user name matches `users`, or some backend role
 * matches `backend_roles`, or every `and_backend_roles` pattern matches some backend role, or the caller's
 * address matches `hosts`. Internal users' `opendistro_security_roles` come in as `principal.directRoles`.
 * Matching is exact (case-sensitive, no trimming): `" admin"` is not `admin`.
 */
interface CompiledMapping {
  readonly role: string;
  readonly users: NameMatcher;
  readonly backendRoles: NameMatcher;
  readonly andBackendRoles: readonly NameMatcher[];
  readonly hosts: NameMatcher;
}

const cache = new WeakMap<SecurityConfig, readonly CompiledMapping[]>();

function compiledMappings(config: SecurityConfig): readonly CompiledMapping[] {
  let compiled = cache.get(config);
  if (!compiled) {
    compiled = [...config.roleMappings].map(([role, m]) => ({
      role,
      users: anyOf(m.users.map(compileNamePattern)),
      backendRoles: anyOf(m.backend_roles.map(compileNamePattern)),
      andBackendRoles: m.and_backend_roles.map(compileNamePattern),
      hosts: anyOf(m.hosts.map(compileNamePattern)),
    }));
    cache.set(config, compiled);
  }
  return compiled;
}

/** `::ffff:10.0.0.1` (an IPv4 caller on a dual-stack socket) is also tried as `10.0.0.1`. */
function addressForms(address: string): string[] {
  if (!address) return [];
  const m = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return m?.[1] ? [address, m[1]] : [address];
}

export function mapSecurityRoles(config: SecurityConfig, principal: Principal): string[] {
  const out = new Set<string>(principal.directRoles);
  const addresses = addressForms(principal.remoteAddress);
  for (const m of compiledMappings(config)) {
    if (out.has(m.role)) continue;
    const mapped =
      m.users.test(principal.name) ||
      principal.backendRoles.some((r) => m.backendRoles.test(r)) ||
      (m.andBackendRoles.length > 0 && m.andBackendRoles.every((p) => principal.backendRoles.some((r) => p.test(r)))) ||
      addresses.some((a) => m.hosts.test(a));
    if (mapped) out.add(m.role);
  }
  return [...out].sort();
}
