import type { AttributeValue, Principal } from '../../auth/principal.js';
import { GET, SEARCH } from '../../access/authorize.js';
import { isSecurityAdmin } from '../../authz/admin.js';
import { compilePermissions, type CompileOptions, type IndexCatalog } from '../../authz/compile.js';
import { renderDls } from '../../authz/dls.js';
import { mapSecurityRoles } from '../../authz/mapping.js';
import { compileNamePattern, matchesIndexOrAlias } from '../../authz/patterns.js';
import type { SecurityConfig } from '../../authz/model.js';
import { ErrorCode, gqlError } from '../../errors.js';
import type { RequestLimits } from '../../authz/limits.js';

/**
 * explainAccess: the same functions the authorize stage runs (role mapping, compile, render DLS), applied to a
 * user an administrator names, one concrete index at a time. Nothing here decides access; it only reports.
 */
export interface SubjectInput {
  readonly name: string;
  readonly backendRoles?: readonly string[] | null;
  readonly attributes?: unknown;
  readonly remoteAddress?: string | null;
}

export interface ExplainOptions extends CompileOptions {
  readonly restapiRolesEnabled: readonly string[];
  /** The request limits for a role set, as the gateway applies them. */
  readonly limitsFor: (roles: readonly string[]) => RequestLimits;
}

/** An internal user by name, or a described subject, as a Principal. */
export function subjectPrincipal(config: SecurityConfig, user: string | null | undefined, subject: SubjectInput | null | undefined, caller: Principal): Principal {
  if (user != null && subject != null) throw gqlError(ErrorCode.BadUserInput, 'give user or subject, not both', { field: 'subject' });
  if (user != null) {
    const u = config.internalUsers.get(user);
    if (!u) throw gqlError(ErrorCode.NotFound, `internal user "${user}" does not exist`, { field: 'user' });
    const attributes: Record<string, AttributeValue> = {};
    for (const [k, v] of Object.entries(u.attributes)) attributes[`internal.${k}`] = v;
    return { name: u.name, backendRoles: [...u.backendRoles], directRoles: [...u.securityRoles], attributes, authType: 'basic', remoteAddress: '127.0.0.1' };
  }
  if (subject != null) {
    const attrs = subject.attributes ?? {};
    if (typeof attrs !== 'object' || attrs === null || Array.isArray(attrs)) {
      throw gqlError(ErrorCode.BadUserInput, 'attributes must be an object of name -> value', { field: 'subject.attributes' });
    }
    return {
      name: subject.name,
      backendRoles: [...(subject.backendRoles ?? [])],
      directRoles: [],
      attributes: attrs as Record<string, AttributeValue>,
      authType: 'basic',
      remoteAddress: subject.remoteAddress ?? '127.0.0.1',
    };
  }
  return caller;
}

/** The concrete indices `index` names (itself, an alias, or a pattern); the name itself when unknown. */
export function concreteTargets(catalog: IndexCatalog, index: string): IndexCatalog['indices'] {
  const matcher = compileNamePattern(index);
  const found = catalog.indices.filter((i) => matchesIndexOrAlias(matcher, i));
  return found.length > 0 ? found : [{ name: index, aliases: [] }];
}

export function explainAccess(config: SecurityConfig, principal: Principal, index: string, catalog: IndexCatalog, options: ExplainOptions) {
  const roles = mapSecurityRoles(config, principal);
  const compileOptions: CompileOptions = { dfmEmptyOverridesAll: options.dfmEmptyOverridesAll, masking: options.masking };
  const targets = concreteTargets(catalog, index);
  const scope: IndexCatalog = { indices: targets };
  const all = compilePermissions(config, roles, scope, compileOptions, principal);
  const perRole = roles.map((r) => ({ role: r, compiled: compilePermissions(config, [r], scope, compileOptions, principal) }));
  return {
    user: principal.name,
    backendRoles: [...principal.backendRoles],
    roles,
    securityAdmin: isSecurityAdmin(config, roles, { restapiRolesEnabled: options.restapiRolesEnabled }),
    limits: options.limitsFor(roles),
    indices: targets.map((t) => {
      const perms = all.index(t.name);
      let dls: Record<string, unknown> | null = null;
      let dlsError: string | null = null;
      if (perms) {
        try {
          dls = renderDls(perms.dls, principal);
        } catch (err) {
          dlsError = (err as Error).message;
        }
      }
      return {
        index: t.name,
        roles: perRole.filter((p) => p.compiled.index(t.name) !== undefined).map((p) => p.role),
        canSearch: perms?.allows(SEARCH) ?? false,
        canGet: perms?.allows(GET) ?? false,
        dls,
        dlsError,
        flsMode: (perms?.fls.mode ?? 'all').toUpperCase(),
        fls: [...(perms?.fls.rules ?? [])],
        masks: [...(perms?.masks.rules ?? [])],
      };
    }),
  };
}
