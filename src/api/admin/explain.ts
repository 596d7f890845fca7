import type { AttributeValue, Principal } from '../../auth/principal.js';
import type { Authorizer } from '../../access/authorize.js';
import type { SecurityConfig } from '../../authz/model.js';
import { ErrorCode, gqlError } from '../../errors.js';
import type { RequestLimits } from '../../authz/limits.js';

/**
 * explainAccess and the subjects of the admin tools. Nothing here decides access: the Authorizer explains its
 * own decisions (src/access/authorize.ts) for a user an administrator names.
 */
export interface SubjectInput {
  readonly name: string;
  readonly backendRoles?: readonly string[] | null;
  readonly attributes?: unknown;
  readonly remoteAddress?: string | null;
}

/** The part of the Authorizer explainAccess asks. */
export type AccessExplainer = Pick<Authorizer, 'explain'>;

export interface ExplainOptions {
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

/** explainAccess: the Authorizer's own decisions for the subject, with the limits that apply to their roles. */
export function explainAccess(authorizer: AccessExplainer, config: SecurityConfig, principal: Principal, index: string, options: ExplainOptions) {
  const decision = authorizer.explain(principal, index, config);
  return {
    user: principal.name,
    backendRoles: [...principal.backendRoles],
    roles: decision.roles,
    securityAdmin: decision.securityAdmin,
    limits: options.limitsFor(decision.roles),
    indices: decision.indices.map((i) => ({ ...i, flsMode: i.flsMode.toUpperCase() })),
  };
}
