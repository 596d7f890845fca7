import type {
  ActionGroupEntry,
  InternalUserEntry,
  RoleEntry,
  RoleMappingEntry,
  SecurityFileName,
  TenantEntry,
} from './security-schemas.js';
import type { ParsedRoleRules } from './parse-role.js';

/**
 * The five documents as validated (lists normalized, built-ins not added). This is what the admin API reads,
 * edits and hands back to `parseSecurityConfig` to get the next SecurityConfig.
 */
export interface SecurityDocuments {
  readonly roles: Readonly<Record<string, RoleEntry>>;
  readonly roles_mapping: Readonly<Record<string, RoleMappingEntry>>;
  readonly action_groups: Readonly<Record<string, ActionGroupEntry>>;
  readonly internal_users: Readonly<Record<string, InternalUserEntry>>;
  readonly tenants: Readonly<Record<string, TenantEntry>>;
}

/** An internal user as authentication needs it (internal_users.yml, names camel-cased). */
export interface InternalUser {
  readonly name: string;
  /** bcrypt (`$2y$`/`$2a$`/`$2b$`). */
  readonly hash: string;
  /** Exactly as configured: never trimmed. */
  readonly backendRoles: readonly string[];
  /** `opendistro_security_roles`: security roles given directly (Principal.directRoles). */
  readonly securityRoles: readonly string[];
  /** Attribute values by name (for `${attr.internal.<name>}`). */
  readonly attributes: Readonly<Record<string, string>>;
  /** `enabled: false` disables the user; absent means enabled. */
  readonly enabled: boolean;
  readonly description?: string;
}

/** An entry in effect: configured, or built in (static). */
export type Effective<T> = T & { readonly builtIn: boolean };

/**
 * One validated, immutable security configuration. A new one replaces it wholesale (file reload or admin
 * API); `version` is a content hash, so caches keyed by it never serve a stale permission set.
 */
export interface SecurityConfig {
  readonly version: string;
  readonly documents: SecurityDocuments;
  /** Built-ins plus configured entries (a configured entry named like a built-in is ignored, as the plugin does). */
  readonly roles: ReadonlyMap<string, Effective<RoleEntry>>;
  /** Each role's rules (DLS, FLS, masks, patterns), parsed once when the configuration was validated. */
  readonly ruleSets: ReadonlyMap<string, ParsedRoleRules>;
  readonly roleMappings: ReadonlyMap<string, RoleMappingEntry>;
  readonly actionGroups: ReadonlyMap<string, Effective<ActionGroupEntry>>;
  readonly internalUsers: ReadonlyMap<string, InternalUser>;
  readonly tenants: ReadonlyMap<string, Effective<TenantEntry>>;
  /** Things that are accepted but probably unintended (overridden built-ins, mappings to unknown roles). */
  readonly warnings: readonly string[];
}

/** Raw inputs to `parseSecurityConfig`: parsed YAML/JSON per file; absent or null = empty. */
export type SecurityConfigInput = Partial<Record<SecurityFileName, unknown>>;
