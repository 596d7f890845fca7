import type { SecurityConfig } from '../../authz/model.js';
import { BUILTIN_ACTION_GROUPS, BUILTIN_ROLES, BUILTIN_TENANTS } from '../../config/security/builtins.js';
import type { SecurityFileName } from '../../authz/security-schemas.js';
import type { ConfigSnapshot } from '../../config/store/store.js';
import type { SecurityResourceKind } from '../generated/graphql.js';
import { unreachable } from '../../unreachable.js';

/**
 * The five kinds of entry the admin API manages, each tied to its YAML file, its built-ins (static, never
 * changeable) and the way it is shown (the YAML fields plus name, version and flags; never a password hash).
 */
export interface ResourceKind {
  readonly kind: SecurityResourceKind;
  readonly file: SecurityFileName;
  /** For messages: "role", "role mapping", ... */
  readonly label: string;
  readonly builtins: Readonly<Record<string, unknown>>;
}

export const KINDS: Readonly<Record<SecurityResourceKind, ResourceKind>> = {
  ROLE: { kind: 'ROLE', file: 'roles', label: 'role', builtins: BUILTIN_ROLES },
  ROLE_MAPPING: { kind: 'ROLE_MAPPING', file: 'roles_mapping', label: 'role mapping', builtins: {} },
  ACTION_GROUP: { kind: 'ACTION_GROUP', file: 'action_groups', label: 'action group', builtins: BUILTIN_ACTION_GROUPS },
  INTERNAL_USER: { kind: 'INTERNAL_USER', file: 'internal_users', label: 'internal user', builtins: {} },
  TENANT: { kind: 'TENANT', file: 'tenants', label: 'tenant', builtins: BUILTIN_TENANTS },
};

type Entry = Record<string, unknown>;

/** A configured entry (not a built-in) as stored, or undefined. */
export function configuredEntry(config: SecurityConfig, kind: ResourceKind, name: string): Entry | undefined {
  const docs = config.documents[kind.file] as Readonly<Record<string, unknown>>;
  return Object.hasOwn(docs, name) ? (docs[name] as Entry) : undefined;
}

/** The entry in effect under `name` (a built-in wins over a configured one, as at start-up). */
export function effectiveEntry(config: SecurityConfig, kind: ResourceKind, name: string): { entry: Entry; builtIn: boolean } | undefined {
  if (Object.hasOwn(kind.builtins, name)) return { entry: kind.builtins[name] as Entry, builtIn: true };
  const entry = configuredEntry(config, kind, name);
  return entry ? { entry, builtIn: false } : undefined;
}

export function entryVersion(snapshot: ConfigSnapshot, kind: ResourceKind, name: string): number {
  if (Object.hasOwn(kind.builtins, name)) return 0;
  return snapshot.entryVersions[kind.file][name] ?? (configuredEntry(snapshot.config, kind, name) ? snapshot.version : 0);
}

/** An entry without credentials: what leaves the gateway (answers, diffs, audit). */
export function publicEntry(entry: Entry | undefined): Entry | undefined {
  if (!entry) return undefined;
  const { hash: _hash, password: _password, ...rest } = entry;
  return structuredClone(rest);
}

const list = (v: unknown): string[] => (Array.isArray(v) ? (v as string[]) : []);
const flag = (v: unknown): boolean => v === true;

/** The GraphQL object for one entry (all fields present, so direct property access resolves them). */
export function present(snapshot: ConfigSnapshot, kind: ResourceKind, name: string): Record<string, unknown> | null {
  const found = effectiveEntry(snapshot.config, kind, name);
  if (!found || flag(found.entry.hidden)) return null;
  const e = found.entry;
  const base = {
    name,
    version: entryVersion(snapshot, kind, name),
    reserved: flag(e.reserved) || found.builtIn,
    hidden: false,
    static: flag(e.static) || found.builtIn,
    description: typeof e.description === 'string' ? e.description : null,
  };
  switch (kind.kind) {
    case 'ROLE':
      return {
        ...base,
        cluster_permissions: list(e.cluster_permissions),
        index_permissions: (Array.isArray(e.index_permissions) ? (e.index_permissions as Entry[]) : []).map((p) => ({
          index_patterns: list(p.index_patterns),
          dls: typeof p.dls === 'string' ? p.dls : null,
          fls: list(p.fls),
          masked_fields: list(p.masked_fields),
          allowed_actions: list(p.allowed_actions),
        })),
        tenant_permissions: (Array.isArray(e.tenant_permissions) ? (e.tenant_permissions as Entry[]) : []).map((p) => ({
          tenant_patterns: list(p.tenant_patterns),
          allowed_actions: list(p.allowed_actions),
        })),
      };
    case 'ROLE_MAPPING':
      return {
        ...base,
        backend_roles: list(e.backend_roles),
        and_backend_roles: list(e.and_backend_roles),
        hosts: list(e.hosts),
        users: list(e.users),
      };
    case 'ACTION_GROUP':
      return { ...base, type: typeof e.type === 'string' ? e.type : null, allowed_actions: list(e.allowed_actions) };
    case 'INTERNAL_USER':
      return {
        ...base,
        enabled: e.enabled !== false,
        service: flag(e.service),
        backend_roles: list(e.backend_roles),
        opendistro_security_roles: list(e.opendistro_security_roles),
        attributes: { ...((e.attributes as Record<string, string> | undefined) ?? {}) },
      };
    case 'TENANT':
      return base;
      default:
      return unreachable(kind.kind, 'resource kind');
  }
}

/** Every visible entry of a kind, built-ins first, then configured ones, by name. */
export function presentAll(snapshot: ConfigSnapshot, kind: ResourceKind): Record<string, unknown>[] {
  const names = [
    ...Object.keys(kind.builtins).sort(),
    ...Object.keys(snapshot.config.documents[kind.file])
      .filter((n) => !Object.hasOwn(kind.builtins, n))
      .sort(),
  ];
  return names.map((n) => present(snapshot, kind, n)).filter((e): e is Record<string, unknown> => e !== null);
}
