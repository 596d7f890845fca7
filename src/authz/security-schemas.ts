import { z } from 'zod';

/**
 * The security plugin's configuration files (config_version 2), read strictly: an unknown key is an error
 * (the plugin also refuses them). Lists may be written as `null` (Jackson reads that as empty).
 */

/** File name (without .yml) -> the `_meta.type` the plugin writes. */
export const SECURITY_FILES = {
  roles: 'roles',
  roles_mapping: 'rolesmapping',
  action_groups: 'actiongroups',
  internal_users: 'internalusers',
  tenants: 'tenants',
} as const;

export type SecurityFileName = keyof typeof SECURITY_FILES;

export const SECURITY_FILE_NAMES = Object.keys(SECURITY_FILES) as SecurityFileName[];

const list = z
  .array(z.string())
  .nullish()
  .transform((v) => v ?? []);

const flags = {
  reserved: z.boolean().optional(),
  hidden: z.boolean().optional(),
  static: z.boolean().optional(),
  description: z.string().nullish(),
};

export const indexPermissionSchema = z.strictObject({
  index_patterns: list,
  dls: z.string().nullish(),
  fls: list,
  masked_fields: list,
  allowed_actions: list,
});

export const tenantPermissionSchema = z.strictObject({
  tenant_patterns: list,
  allowed_actions: list,
});

export const roleSchema = z.strictObject({
  ...flags,
  cluster_permissions: list,
  index_permissions: z
    .array(indexPermissionSchema)
    .nullish()
    .transform((v) => v ?? []),
  tenant_permissions: z
    .array(tenantPermissionSchema)
    .nullish()
    .transform((v) => v ?? []),
});

export const roleMappingSchema = z.strictObject({
  reserved: z.boolean().optional(),
  hidden: z.boolean().optional(),
  description: z.string().nullish(),
  backend_roles: list,
  and_backend_roles: list,
  hosts: list,
  users: list,
});

export const actionGroupSchema = z.strictObject({
  ...flags,
  allowed_actions: list,
  // 'index' | 'cluster' | 'kibana' | 'all' in the plugin's files; informational only, so any string is kept.
  type: z.string().nullish(),
});

/** bcrypt as the plugin writes it (`$2y$12$...`); `$2a$`/`$2b$` are the same algorithm. */
export const BCRYPT_HASH = /^\$2[aby]\$\d{2}\$[./A-Za-z0-9]{53}$/;

export const internalUserSchema = z.strictObject({
  ...flags,
  hash: z.string().regex(BCRYPT_HASH, 'expected a bcrypt hash like $2y$12$...'),
  enabled: z.boolean().optional(),
  service: z.boolean().optional(),
  backend_roles: list,
  opendistro_security_roles: list,
  attributes: z
    .record(z.string(), z.string())
    .nullish()
    .transform((v) => v ?? {}),
});

export const tenantSchema = z.strictObject({ ...flags });

export const ENTRY_SCHEMAS = {
  roles: roleSchema,
  roles_mapping: roleMappingSchema,
  action_groups: actionGroupSchema,
  internal_users: internalUserSchema,
  tenants: tenantSchema,
} as const;

export type RoleEntry = z.output<typeof roleSchema>;
export type IndexPermissionEntry = z.output<typeof indexPermissionSchema>;
export type TenantPermissionEntry = z.output<typeof tenantPermissionSchema>;
export type RoleMappingEntry = z.output<typeof roleMappingSchema>;
export type ActionGroupEntry = z.output<typeof actionGroupSchema>;
export type InternalUserEntry = z.output<typeof internalUserSchema>;
export type TenantEntry = z.output<typeof tenantSchema>;

export const metaSchema = (type: string) =>
  z.strictObject({
    type: z.literal(type),
    config_version: z.literal(2),
  });
