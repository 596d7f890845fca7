import { hasSecurityAdmin } from './last-admin.js';
import { checkHashPolicy, checkPasswordPolicy, type PasswordPolicy } from '../../auth/password-policy.js';
import type { GraphQLError } from 'graphql';
import { hashPassword } from '../../auth/password.js';
import type { Principal } from '../../auth/principal.js';
import type { AuditLog, ConfigOperation } from '../../audit/audit-log.js';
import { redactSecrets } from '../../audit/redact.js';
import { formatIssue, SecurityConfigError } from '../../config/security/errors.js';
import { withEntry } from '../../config/security/parse.js';
import { StoreConflictError, type ConfigSnapshot, type ConfigStore, type Edit } from '../../config/store/store.js';
import { ErrorCode, gqlError } from '../../errors.js';
import { jsonDiff, mergePatch, type DiffEntry } from './json-diff.js';
import { configuredEntry, entryVersion, publicEntry, type ResourceKind } from './resources.js';

/**
 * Create-or-replace, patch and delete of one entry. Each change is an edit function the store re-runs on the
 * newest snapshot until it wins the next version, so checks (built-in, reserved, hidden, expectedVersion) and
 * validation always judge the configuration the change will actually be applied to.
 */
export type ChangeOp = 'put' | 'patch' | 'delete';

export interface ChangeRequest {
  readonly kind: ResourceKind;
  readonly op: ChangeOp;
  readonly name: string;
  /** put: the whole entry (YAML field names); patch: a JSON merge patch; delete: none. */
  readonly body?: Record<string, unknown>;
  readonly expectedVersion?: number | null;
  readonly dryRun?: boolean | null;
}

export interface ChangeResult {
  readonly kind: string;
  readonly name: string;
  readonly dryRun: boolean;
  readonly changed: boolean;
  readonly configVersion: number;
  readonly version: number | null;
  readonly before: unknown;
  readonly after: unknown;
  readonly diff: readonly DiffEntry[];
}

export interface ChangeDeps {
  readonly store: ConfigStore;
  readonly audit: AuditLog;
  /** bcrypt cost for passwords set through the API (12 as the plugin's tool; tests lower it). */
  readonly passwordCost: number;
  /** What passwords and hashes set through the API must meet (auth.passwordPolicy). */
  readonly passwordPolicy: PasswordPolicy;
  /** Roles whose holders administer security, to keep at least one administrator (src/api/admin/last-admin.ts). */
  readonly restapiRolesEnabled: readonly string[];
}

/** Flags only a superadmin (the YAML files, `searchgate config import`) may set, as in the plugin. */
const PROTECTED_KEYS = ['reserved', 'hidden', 'static'] as const;

export async function applyChange(deps: ChangeDeps, req: ChangeRequest, caller: Principal): Promise<ChangeResult> {
  const { kind, name, op } = req;
  if (name.trim() === '' || name === '_meta' || name !== name.trim()) {
    throw gqlError(ErrorCode.BadUserInput, `"${name}" is not a usable ${kind.label} name`, { field: 'name' });
  }
  if (op === 'patch' && req.body) {
    for (const k of PROTECTED_KEYS) {
      if (Object.hasOwn(req.body, k)) throw gqlError(ErrorCode.BadUserInput, `${k} cannot be set through the API`, { field: `patch.${k}` });
    }
  }
  // bcrypt is slow (~250 ms at cost 12): hash once, before the edit that may be re-run.
  const body = kind.file === 'internal_users' && req.body ? await withHashedPassword(req.body, deps.passwordCost, deps.passwordPolicy) : req.body;

  let outcome;
  try {
    outcome = await deps.store.update((s) => edit(s, req, body, caller, deps.restapiRolesEnabled), { author: caller.name, dryRun: req.dryRun === true });
  } catch (err) {
    if (err instanceof StoreConflictError) throw gqlError(ErrorCode.Conflict, err.message);
    if (isGraphQLError(err)) {
      if (err.extensions.code === ErrorCode.Forbidden) {
        deps.audit.record({
          category: 'MISSING_PRIVILEGES',
          user: caller.name,
          remoteAddress: caller.remoteAddress,
          privilege: `restapi:admin/${kind.file.replace('_', '')}`,
          resource: `${kind.file}/${name}`,
          reason: err.message,
        });
      }
      throw err;
    }
    if (err instanceof SecurityConfigError) throw validationError(err);
    throw gqlError(ErrorCode.BackendUnavailable, 'the configuration store cannot be written right now');
  }

  const { before, after, written, result } = outcome;
  const snapshot = written ? after : before;
  const changedEntry = result.after;
  const res: ChangeResult = {
    kind: kind.kind,
    name,
    dryRun: req.dryRun === true,
    changed: result.diff.length > 0,
    configVersion: snapshot.version,
    version: written ? (changedEntry === undefined ? null : entryVersion(after, kind, name)) : result.currentVersion,
    before: result.before ?? null,
    after: changedEntry ?? null,
    diff: result.diff,
  };
  if (written) {
    deps.audit.record({
      category: 'COMPLIANCE_INTERNAL_CONFIG_WRITE',
      user: caller.name,
      remoteAddress: caller.remoteAddress,
      operation: operationOf(result.before, changedEntry),
      resource: `${kind.file}/${name}`,
      configVersion: after.version,
      before: result.before ?? null,
      after: changedEntry ?? null,
    });
  }
  return res;
}

interface EditResult {
  readonly before: Record<string, unknown> | undefined;
  readonly after: Record<string, unknown> | undefined;
  readonly diff: DiffEntry[];
  /** The entry's version in the snapshot the edit saw (what a dry run reports). */
  readonly currentVersion: number | null;
}

function edit(
  s: ConfigSnapshot,
  req: ChangeRequest,
  body: Record<string, unknown> | undefined,
  caller: Principal,
  restapiRolesEnabled: readonly string[],
): Edit<EditResult> {
  const { kind, name, op } = req;
  const label = `${kind.label} "${name}"`;
  const existing = configuredEntry(s.config, kind, name);
  if (Object.hasOwn(kind.builtins, name)) {
    throw gqlError(ErrorCode.Forbidden, `${label} is built in (static) and cannot be changed`);
  }
  // Hidden entries do not exist for the API: same answer as for a name that is not there.
  if (existing?.hidden === true) throw gqlError(ErrorCode.NotFound, `${label} does not exist`);
  if (existing?.reserved === true) throw gqlError(ErrorCode.Forbidden, `${label} is reserved and cannot be changed`);
  if ((op === 'patch' || op === 'delete') && !existing) throw gqlError(ErrorCode.NotFound, `${label} does not exist`);

  const current = existing ? entryVersion(s, kind, name) : 0;
  if (req.expectedVersion != null && req.expectedVersion !== current) {
    throw gqlError(ErrorCode.Conflict, `${label} is at version ${current}, not ${req.expectedVersion}`, { currentVersion: current });
  }

  let value: Record<string, unknown> | undefined;
  if (op === 'delete') value = undefined;
  else if (op === 'put') value = putValue(kind, existing, body ?? {});
  else value = mergePatch(existing, body ?? {}) as Record<string, unknown>;
  if (value && kind.file === 'internal_users' && value.hash === undefined) {
    throw gqlError(ErrorCode.BadUserInput, `${label} needs a password (or a bcrypt hash)`, { field: 'password' });
  }

  let next;
  try {
    next = withEntry(s.config, kind.file, name, value);
  } catch (err) {
    if (err instanceof SecurityConfigError) throw validationError(err);
    throw err;
  }
  if (hasSecurityAdmin(s.config, restapiRolesEnabled) && !hasSecurityAdmin(next, restapiRolesEnabled)) {
    throw gqlError(ErrorCode.BadUserInput, `this change to ${label} would leave no security administrator`, { field: 'name' });
  }
  const stored = configuredEntry(next, kind, name);
  const before = publicEntry(existing);
  const after = publicEntry(stored);
  const diff = jsonDiff(before ?? null, after ?? null);
  // A changed password shows as a change (never its value): the hash is not part of before/after.
  if (existing && stored && existing.hash !== stored.hash) diff.push({ path: 'hash', before: '[redacted]', after: '[redacted]' });
  return {
    next,
    summary: `${req.op} ${kind.file}/${name} by ${caller.name}`,
    result: { before, after, diff, currentVersion: existing ? current : null },
  };
}

/** put replaces the entry; an internal user keeps their hash when the new body sets no password. */
function putValue(kind: ResourceKind, existing: Record<string, unknown> | undefined, body: Record<string, unknown>): Record<string, unknown> {
  const value: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body)) if (v !== undefined && v !== null) value[k] = v;
  if (kind.file === 'internal_users' && value.hash === undefined && existing?.hash !== undefined) value.hash = existing.hash;
  return value;
}

/** The policy (auth.passwordPolicy) applies to what an administrator sets: a password, or a ready-made hash. */
async function withHashedPassword(body: Record<string, unknown>, cost: number, policy: PasswordPolicy): Promise<Record<string, unknown>> {
  const { password, ...rest } = body;
  if (password === undefined || password === null) {
    if (typeof rest.hash === 'string') {
      const weak = checkHashPolicy(rest.hash, policy);
      if (weak) throw gqlError(ErrorCode.BadUserInput, weak, { field: 'hash' });
    }
    return body;
  }
  if (typeof password !== 'string') throw gqlError(ErrorCode.BadUserInput, 'password must be a string', { field: 'password' });
  if (rest.hash !== undefined && rest.hash !== null) {
    throw gqlError(ErrorCode.BadUserInput, 'give either password or hash, not both', { field: 'hash' });
  }
  const weak = checkPasswordPolicy(password, policy);
  if (weak) throw gqlError(ErrorCode.BadUserInput, weak, { field: 'password' });
  try {
    return { ...rest, hash: await hashPassword(password, cost) };
  } catch (err) {
    throw gqlError(ErrorCode.BadUserInput, (err as Error).message, { field: 'password' });
  }
}

function operationOf(before: unknown, after: unknown): ConfigOperation {
  if (before === undefined || before === null) return 'CREATE';
  if (after === undefined || after === null) return 'DELETE';
  return 'UPDATE';
}

/** Validation failures as the caller sees them: every issue with its field, nothing else. */
export function validationError(err: SecurityConfigError): GraphQLError {
  const issues = err.issues.map((i) => ({ file: i.file, entry: i.entry, field: i.path, message: redactSecrets(i.message) as string }));
  const first = issues[0];
  return gqlError(ErrorCode.BadUserInput, `invalid ${err.issues.map(formatIssue).join('; ')}`.slice(0, 2000), {
    ...(first ? { field: first.field } : {}),
    issues,
  });
}

function isGraphQLError(err: unknown): err is GraphQLError {
  return err instanceof Error && err.name === 'GraphQLError';
}
