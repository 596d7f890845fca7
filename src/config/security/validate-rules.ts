import { parseRoleRules, type ParsedRoleRules } from '../../authz/parse-role.js';
import { compileNamePattern } from '../../authz/patterns.js';
import { InvalidRuleError } from '../../authz/rule-error.js';
import type { SecurityConfigIssue } from './errors.js';
import type { ActionGroupEntry, InternalUserEntry, RoleEntry, RoleMappingEntry, SecurityFileName } from '../../authz/security-schemas.js';

/**
 * Checks the rules inside entries that zod cannot: patterns, regexes, DLS queries, FLS entries, masks and
 * variables. Every problem is reported (not just the first) with the file, entry and path.
 */
type Report = (path: string, message: string) => void;

function attempt(report: Report, path: string, fn: () => void): void {
  try {
    fn();
  } catch (e) {
    if (!(e instanceof InvalidRuleError)) throw e;
    for (const p of e.problems) report(p.path ? `${path}: ${p.path}` : path, p.message);
  }
}

function reporter(issues: SecurityConfigIssue[], file: SecurityFileName, entry: string): Report {
  return (path, message) => issues.push({ file, entry, path, message });
}

/** Reports every bad rule of a role; its parsed rules when there was none (kept, never parsed again). */
export function checkRole(issues: SecurityConfigIssue[], name: string, role: RoleEntry): ParsedRoleRules | undefined {
  const report = reporter(issues, 'roles', name);
  return parseRoleRules(role, (path, e) => {
    for (const p of e.problems) report(p.path ? `${path}: ${p.path}` : path, p.message);
  });
}

export function checkRoleMapping(issues: SecurityConfigIssue[], name: string, mapping: RoleMappingEntry): void {
  const report = reporter(issues, 'roles_mapping', name);
  for (const key of ['users', 'backend_roles', 'and_backend_roles', 'hosts'] as const) {
    mapping[key].forEach((p, i) => attempt(report, `${key}[${i}]`, () => compileNamePattern(p)));
  }
}

export function checkActionGroup(issues: SecurityConfigIssue[], name: string, group: ActionGroupEntry): void {
  const report = reporter(issues, 'action_groups', name);
  group.allowed_actions.forEach((a, i) => attempt(report, `allowed_actions[${i}]`, () => compileNamePattern(a)));
}

export function checkInternalUser(issues: SecurityConfigIssue[], name: string, user: InternalUserEntry): void {
  const report = reporter(issues, 'internal_users', name);
  user.opendistro_security_roles.forEach((r, i) => {
    if (r.trim() === '') report(`opendistro_security_roles[${i}]`, 'empty role name');
  });
}

/**
 * `__user__` names the caller's private tenant (the `securitytenant` header, `me.tenants`): a shared tenant of
 * that name, or `__user__:<name>`, would be confused with private tenants. Empty names cannot be selected.
 */
export function checkTenant(issues: SecurityConfigIssue[], name: string): void {
  const report = reporter(issues, 'tenants', name);
  if (name === '__user__' || name.startsWith('__user__:')) report('', 'is reserved for private tenants');
  if (name.trim() === '') report('', 'empty tenant name');
}
