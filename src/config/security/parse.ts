import type { z } from 'zod';
import { contentHash } from '../../authz/canonical.js';
import { BUILTIN_ACTION_GROUPS, BUILTIN_ROLES, BUILTIN_TENANTS } from './builtins.js';
import { SecurityConfigError, type SecurityConfigIssue } from './errors.js';
import type { Effective, InternalUser, SecurityConfig, SecurityConfigInput, SecurityDocuments } from '../../authz/model.js';
import { ENTRY_SCHEMAS, metaSchema, SECURITY_FILE_NAMES, SECURITY_FILES, type InternalUserEntry, type SecurityFileName } from '../../authz/security-schemas.js';
import { parseRoleRules, type ParsedRoleRules } from '../../authz/parse-role.js';
import { checkActionGroup, checkInternalUser, checkRole, checkRoleMapping, checkTenant } from './validate-rules.js';

/**
 * Validates the five in-memory documents and builds an immutable SecurityConfig. Throws SecurityConfigError
 * listing every problem. Used for files (see load.ts) and by the admin API for edits.
 */
export function parseSecurityConfig(files: SecurityConfigInput): SecurityConfig {
  const issues: SecurityConfigIssue[] = [];
  const docs: Record<SecurityFileName, Record<string, unknown>> = {
    roles: {},
    roles_mapping: {},
    action_groups: {},
    internal_users: {},
    tenants: {},
  };
  for (const file of SECURITY_FILE_NAMES) {
    docs[file] = parseDocument(file, files[file], issues);
  }
  const documents = docs as unknown as SecurityDocuments;

  const parsedRules = new Map<string, ParsedRoleRules>();
  for (const [name, role] of Object.entries(documents.roles)) {
    const rules = checkRole(issues, name, role);
    if (rules) parsedRules.set(name, rules);
  }
  for (const [name, m] of Object.entries(documents.roles_mapping)) checkRoleMapping(issues, name, m);
  for (const [name, g] of Object.entries(documents.action_groups)) checkActionGroup(issues, name, g);
  for (const [name, u] of Object.entries(documents.internal_users)) checkInternalUser(issues, name, u);
  for (const name of Object.keys(documents.tenants)) checkTenant(issues, name);
  if (issues.length > 0) throw new SecurityConfigError(issues);

  const warnings: string[] = [];
  const roles = withBuiltins('roles', documents.roles, BUILTIN_ROLES, warnings);
  const actionGroups = withBuiltins('action_groups', documents.action_groups, BUILTIN_ACTION_GROUPS, warnings);
  const tenants = withBuiltins('tenants', documents.tenants, BUILTIN_TENANTS, warnings);
  for (const name of Object.keys(documents.roles_mapping)) {
    if (!roles.has(name)) warnings.push(`roles_mapping.yml: "${name}" maps a role that does not exist`);
  }
  for (const [user, u] of Object.entries(documents.internal_users)) {
    for (const r of u.opendistro_security_roles) {
      if (!roles.has(r)) warnings.push(`internal_users.yml: "${user}" is given the role "${r}", which does not exist`);
    }
  }

  return Object.freeze({
    version: contentHash(documents),
    documents: deepFreeze(documents),
    roles,
    // Built-ins are constants (parsing them cannot fail); a configured role named like one is ignored.
    ruleSets: new Map([...roles].map(([name, role]) => [name, role.builtIn ? parseRoleRules(role)! : parsedRules.get(name)!])),
    roleMappings: new Map(Object.entries(documents.roles_mapping)),
    actionGroups,
    internalUsers: new Map(Object.entries(documents.internal_users).map(([name, u]) => [name, internalUser(name, u)])),
    tenants,
    warnings: Object.freeze(warnings),
  });
}

/** Returns a new config with one entry replaced (value) or removed (undefined): the admin API's edit step. */
export function withEntry(config: SecurityConfig, file: SecurityFileName, name: string, value: unknown): SecurityConfig {
  const input: Record<string, unknown> = {};
  for (const f of SECURITY_FILE_NAMES) {
    const entries: Record<string, unknown> = { ...config.documents[f] };
    if (f === file) {
      if (value === undefined) delete entries[name];
      else entries[name] = value;
    }
    input[f] = { _meta: { type: SECURITY_FILES[f], config_version: 2 }, ...entries };
  }
  return parseSecurityConfig(input);
}

function parseDocument(file: SecurityFileName, raw: unknown, issues: SecurityConfigIssue[]): Record<string, unknown> {
  if (raw === undefined || raw === null) return {};
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    issues.push({ file, entry: '', path: '', message: 'expected a mapping of entry names to entries' });
    return {};
  }
  const out: Record<string, unknown> = {};
  const record = raw as Record<string, unknown>;
  if (!Object.hasOwn(record, '_meta')) {
    issues.push({ file, entry: '_meta', path: '', message: `missing _meta: { type: "${SECURITY_FILES[file]}", config_version: 2 }` });
  } else {
    pushZodIssues(issues, file, '_meta', metaSchema(SECURITY_FILES[file]).safeParse(record._meta));
  }
  const schema = ENTRY_SCHEMAS[file] as z.ZodType;
  for (const [name, value] of Object.entries(record)) {
    if (name === '_meta') continue;
    if (name.trim() === '') {
      issues.push({ file, entry: name, path: '', message: 'empty entry name' });
      continue;
    }
    const result = schema.safeParse(value ?? {});
    if (pushZodIssues(issues, file, name, result)) out[name] = result.data;
  }
  return out;
}

function pushZodIssues(issues: SecurityConfigIssue[], file: SecurityFileName, entry: string, result: z.ZodSafeParseResult<unknown>): boolean {
  if (result.success) return true;
  for (const issue of result.error.issues) {
    const path = formatPath(issue.path);
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        issues.push({ file, entry, path: path ? `${path}.${key}` : key, message: `unknown key "${key}"` });
      }
    } else {
      issues.push({ file, entry, path, message: issue.message });
    }
  }
  return false;
}

function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out ? `.${String(p)}` : String(p);
  }
  return out;
}

function withBuiltins<T extends object>(
  file: SecurityFileName,
  configured: Readonly<Record<string, T>>,
  builtins: Readonly<Record<string, T>>,
  warnings: string[],
): ReadonlyMap<string, Effective<T>> {
  const out = new Map<string, Effective<T>>();
  for (const [name, entry] of Object.entries(builtins)) out.set(name, deepFreeze({ ...structuredClone(entry), builtIn: true }));
  for (const [name, entry] of Object.entries(configured)) {
    if (out.has(name)) {
      warnings.push(`${file}.yml: "${name}" is built in; the configured definition is ignored`);
      continue;
    }
    out.set(name, deepFreeze({ ...entry, builtIn: false }));
  }
  return out;
}

function internalUser(name: string, u: InternalUserEntry): InternalUser {
  return deepFreeze({
    name,
    hash: u.hash,
    backendRoles: [...u.backend_roles],
    securityRoles: [...u.opendistro_security_roles],
    attributes: { ...u.attributes },
    enabled: u.enabled !== false,
    ...(u.description ? { description: u.description } : {}),
  });
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
