import type { AttributeValue } from './principal.js';

/**
 * Reading identity out of verified JWT claims. Claims come from a trusted issuer but in shapes the
 * issuer chose; anything unexpected is refused rather than coerced, because a coerced role (trimmed,
 * stringified) is a role nobody asserted.
 */

/**
 * The value at a claim path. A claim whose name literally contains dots (e.g. namespaced claims such as
 * `https://example.com/roles`) wins over nested lookup; otherwise each dot descends one object level.
 * Only own properties are read, so `__proto__` or `constructor` paths find nothing.
 */
export function claimAt(claims: Record<string, unknown>, path: string): unknown {
  if (Object.hasOwn(claims, path)) return claims[path];
  let cur: unknown = claims;
  for (const segment of path.split('.')) {
    if (typeof cur !== 'object' || cur === null || Array.isArray(cur) || !Object.hasOwn(cur, segment)) return undefined;
    cur = (cur as Record<string, unknown>)[segment];
  }
  return cur;
}

export type RolesResult = { roles: string[] } | { error: string };

/**
 * Backend roles from the roles claim, as the security plugin reads them: a string is split on commas, an
 * array is taken element by element. Nothing is trimmed: " admin" stays " admin" and maps to nothing
 * that "admin" maps to. Empty pieces are dropped (they name no role). Other shapes refuse the token.
 */
export function rolesFromClaim(value: unknown): RolesResult {
  if (value === undefined) return { roles: [] };
  if (typeof value === 'string') return { roles: value.split(',').filter((r) => r.length > 0) };
  if (Array.isArray(value)) {
    if (!value.every((r): r is string => typeof r === 'string')) return { error: 'roles claim array has a non-string element' };
    return { roles: value.filter((r) => r.length > 0) };
  }
  return { error: `roles claim is ${value === null ? 'null' : typeof value}, not a string or an array` };
}

/** Every claim as `jwt.<claim>`; nested objects stay whole (they came from JSON, so they are AttributeValues). */
export function claimAttributes(claims: Record<string, unknown>): Record<string, AttributeValue> {
  const out: Record<string, AttributeValue> = {};
  for (const [k, v] of Object.entries(claims)) out[`jwt.${k}`] = v as AttributeValue;
  return out;
}
