import { parseDlsTemplate, type DlsTemplate } from './dls.js';
import { parseFlsEntry, type FlsPattern } from './fls.js';
import { parseMaskExpression, type MaskExpression } from './masking.js';
import { compileNamePattern, compileTemplatePattern, type TemplatePattern } from './patterns.js';
import { InvalidRuleError } from './rule-error.js';
import type { RoleEntry } from './security-schemas.js';

/** One index permission's rules, parsed. */
export interface ParsedIndexRules {
  readonly patterns: readonly TemplatePattern[];
  readonly dls: DlsTemplate | null;
  readonly fls: readonly FlsPattern[] | null;
  readonly masks: readonly MaskExpression[] | null;
}

/**
 * A role's rules parsed once, when its configuration is validated (src/config/security/parse.ts keeps them in
 * SecurityConfig.ruleSets); compiling a permission set reads them and never parses a rule again.
 */
export interface ParsedRoleRules {
  readonly index: readonly ParsedIndexRules[];
  readonly tenantPatterns: readonly (readonly TemplatePattern[])[];
}

/** Where a rule failed: `index_permissions[0].dls` and the parser's own problems. */
export type RuleProblem = (path: string, error: InvalidRuleError) => void;

/**
 * Parses every rule of a role. With `onProblem`, every bad rule is reported (not just the first) and the result
 * is undefined when there was any; without it, the first bad rule throws (built-in roles, which cannot fail).
 * Action names are checked here too, though they are resolved later against the action groups in force.
 */
export function parseRoleRules(role: RoleEntry, onProblem?: RuleProblem): ParsedRoleRules | undefined {
  let failed = false;
  const attempt = <T>(path: string, parse: () => T): T => {
    try {
      return parse();
    } catch (e) {
      if (!(e instanceof InvalidRuleError) || !onProblem) throw e;
      failed = true;
      onProblem(path, e);
      return undefined as T;
    }
  };
  role.cluster_permissions.forEach((a, i) => attempt(`cluster_permissions[${i}]`, () => compileNamePattern(a)));
  const index = role.index_permissions.map((perm, i): ParsedIndexRules => {
    const at = `index_permissions[${i}]`;
    perm.allowed_actions.forEach((a, j) => attempt(`${at}.allowed_actions[${j}]`, () => compileNamePattern(a)));
    const dls = perm.dls;
    return {
      patterns: perm.index_patterns.map((p, j) => attempt(`${at}.index_patterns[${j}]`, () => compileTemplatePattern(p))),
      dls: dls != null && dls.trim() !== '' ? attempt(`${at}.dls`, () => parseDlsTemplate(dls)) : null,
      fls: perm.fls.length > 0 ? perm.fls.map((f, j) => attempt(`${at}.fls[${j}]`, () => parseFlsEntry(f))) : null,
      masks: perm.masked_fields.length > 0 ? perm.masked_fields.map((m, j) => attempt(`${at}.masked_fields[${j}]`, () => parseMaskExpression(m))) : null,
    };
  });
  const tenantPatterns = role.tenant_permissions.map((perm, i) => {
    const at = `tenant_permissions[${i}]`;
    perm.allowed_actions.forEach((a, j) => attempt(`${at}.allowed_actions[${j}]`, () => compileNamePattern(a)));
    return perm.tenant_patterns.map((p, j) => attempt(`${at}.tenant_patterns[${j}]`, () => compileTemplatePattern(p)));
  });
  return failed ? undefined : { index, tenantPatterns };
}
