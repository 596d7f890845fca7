import type { AttributeValue, Principal } from '../auth/principal.js';
import { InvalidRuleError } from './rule-error.js';
import { unreachable } from '../unreachable.js';

/**
 * The `${...}` variables the plugin offers in DLS queries, index patterns and tenant patterns
 * (`UserAttributes.replaceProperties`). Each also exists with `_` instead of `.`.
 */
export type AttributeSource = 'internal' | 'jwt' | 'proxy';

export type VarRef =
  | { readonly kind: 'userName' }
  | { readonly kind: 'backendRoles' }
  | { readonly kind: 'securityRoles' }
  | {
      readonly kind: 'attribute';
      readonly source: AttributeSource;
      readonly name: string;
      /** Written as `attr_jwt_x`: the plugin matches it against every attribute key with dots turned to `_`. */
      readonly underscored: boolean;
    };

/** Everything a variable can be resolved from. `securityRoles` are the caller's mapped roles. */
export interface VariableContext {
  readonly principal: Principal;
  readonly securityRoles: readonly string[];
}

/**
 * A variable that cannot be resolved for this caller (undefined attribute, or a value that cannot be used in
 * that position). The caller must deny: never drop the DLS query, never match everything.
 */
export class DlsVariableError extends Error {
  readonly variable: string;

  constructor(variable: string, message: string) {
    super(message);
    this.name = 'DlsVariableError';
    this.variable = variable;
  }
}

const ATTR_DOTTED = /^attr\.(internal|jwt|proxy)\.(.+)$/;
const ATTR_UNDERSCORED = /^attr_(internal|jwt|proxy)_(.+)$/;
const NAME_CHARS = /^[^\s{}$]+$/;

/** Parses the text between `${` and `}`. Throws InvalidRuleError naming the variable when it is not one we know. */
export function parseVariableRef(text: string): VarRef {
  switch (text) {
    case 'user.name':
    case 'user_name':
      return { kind: 'userName' };
    case 'user.roles':
    case 'user_roles':
      return { kind: 'backendRoles' };
    case 'user.securityRoles':
    case 'user_securityRoles':
      return { kind: 'securityRoles' };
  }
  const dotted = ATTR_DOTTED.exec(text);
  const underscored = dotted ? null : ATTR_UNDERSCORED.exec(text);
  const m = dotted ?? underscored;
  if (m && m[2] !== undefined && NAME_CHARS.test(m[2])) {
    return { kind: 'attribute', source: m[1] as AttributeSource, name: m[2], underscored: underscored !== null };
  }
  if (/^attr[._]ldap[._]/.test(text)) {
    throw InvalidRuleError.of(`variable \${${text}}: LDAP attributes are not available in Searchgate`);
  }
  throw InvalidRuleError.of(
    `unknown variable \${${text}} (known: user.name, user.roles, user.securityRoles, attr.internal.*, attr.jwt.*, attr.proxy.*, each also with _)`,
  );
}

/** Canonical name, used in messages and cache keys. */
export function varName(ref: VarRef): string {
  switch (ref.kind) {
    case 'userName':
      return 'user.name';
    case 'backendRoles':
      return 'user.roles';
    case 'securityRoles':
      return 'user.securityRoles';
    case 'attribute':
      return ref.underscored ? `attr_${ref.source}_${ref.name}` : `attr.${ref.source}.${ref.name}`;
    default:
      return unreachable(ref, 'variable');
  }
}

export function isListVariable(ref: VarRef): boolean {
  return ref.kind === 'backendRoles' || ref.kind === 'securityRoles';
}

/**
 * The variable's value for this caller: a string for `user.name`, a string array for the role lists, the
 * attribute as it came from authentication otherwise. Throws DlsVariableError when undefined.
 */
export function resolveVariable(ref: VarRef, ctx: VariableContext): AttributeValue {
  switch (ref.kind) {
    case 'userName':
      return ctx.principal.name;
    case 'backendRoles':
      return [...ctx.principal.backendRoles];
    case 'securityRoles':
      return [...ctx.securityRoles];
    case 'attribute':
      return resolveAttribute(ref, ctx.principal);
    default:
      return unreachable(ref, 'variable');
  }
}

function resolveAttribute(ref: Extract<VarRef, { kind: 'attribute' }>, principal: Principal): AttributeValue {
  const attrs = principal.attributes;
  if (!ref.underscored) {
    const key = `${ref.source}.${ref.name}`;
    if (Object.hasOwn(attrs, key)) return attrs[key] as AttributeValue;
    throw new DlsVariableError(varName(ref), `undefined variable \${${varName(ref)}} for user ${JSON.stringify(principal.name)}`);
  }
  const prefix = `${ref.source}.`;
  const hits = Object.keys(attrs).filter(
    (k) => k.startsWith(prefix) && k.slice(prefix.length).replaceAll('.', '_') === ref.name,
  );
  if (hits.length === 1) return attrs[hits[0] as string] as AttributeValue;
  throw new DlsVariableError(
    varName(ref),
    hits.length === 0
      ? `undefined variable \${${varName(ref)}} for user ${JSON.stringify(principal.name)}`
      : `ambiguous variable \${${varName(ref)}}: attributes ${hits.join(', ')} all match`,
  );
}

/** A `${...}` occurrence in a text: either a variable or literal text. `$${` is the plugin's escape for `${`. */
export type TextPart = string | VarRef;

/**
 * Splits a text into literal parts and variables. Throws InvalidRuleError for unknown variables, nested
 * `${${x}}` (the plugin's substitution-in-variables; we do not re-substitute values) and unterminated `${`.
 */
export function splitTemplate(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let literal = '';
  let i = 0;
  while (i < text.length) {
    if (text.startsWith('$${', i)) {
      literal += '${';
      i += 3;
      continue;
    }
    if (text.startsWith('${', i)) {
      const end = text.indexOf('}', i + 2);
      if (end < 0) throw InvalidRuleError.of(`unterminated variable reference "${text.slice(i)}"`);
      const name = text.slice(i + 2, end);
      if (name.includes('${')) throw InvalidRuleError.of(`nested variable references are not supported: "${text.slice(i, end + 1)}"`);
      if (literal) parts.push(literal);
      literal = '';
      parts.push(parseVariableRef(name));
      i = end + 1;
      continue;
    }
    literal += text[i];
    i += 1;
  }
  if (literal || parts.length === 0) parts.push(literal);
  return parts;
}

export function hasVariables(parts: readonly TextPart[]): boolean {
  return parts.some((p) => typeof p !== 'string');
}
