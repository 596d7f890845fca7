import type { SecurityConfig } from './model.js';
import {
  compileActionMatcher,
  flattenActionGroups,
  resolveActions,
  TENANT_WRITE_PERMISSION,
  type ActionMatcher,
  type FlatActionGroups,
} from './action-groups.js';
import { parseDlsTemplate, type DlsTemplate } from './dls.js';
import { parseFlsEntry, type FlsPattern } from './fls.js';
import { parseMaskExpression, type MaskExpression } from './masking.js';
import { compileTemplatePattern, type TemplatePattern } from './patterns.js';
import type { VarRef } from './variables.js';

/**
 * Roles with every rule parsed once per SecurityConfig (configs are immutable, so a WeakMap keyed by the
 * config is a complete cache). Config validation already parsed all of this; a failure here means a config
 * was built without validation, and throwing is the fail-closed answer.
 */
export interface CompiledIndexEntry {
  readonly role: string;
  readonly patterns: readonly TemplatePattern[];
  readonly actions: ActionMatcher;
  /** Grants a document read (search or get): only such entries can lift DLS/FLS/masking restrictions. */
  readonly grantsRead: boolean;
  readonly dls: DlsTemplate | null;
  readonly fls: readonly FlsPattern[] | null;
  readonly masks: readonly MaskExpression[] | null;
}

export interface CompiledTenantEntry {
  readonly patterns: readonly TemplatePattern[];
  readonly write: boolean;
}

export interface CompiledRole {
  readonly name: string;
  readonly clusterPatterns: readonly string[];
  readonly cluster: ActionMatcher;
  readonly index: readonly CompiledIndexEntry[];
  readonly tenants: readonly CompiledTenantEntry[];
  /** Variables used by templated index or tenant patterns (they make permissions per-user). */
  readonly patternVariables: readonly VarRef[];
}

export interface CompiledConfig {
  readonly actionGroups: FlatActionGroups;
  readonly roles: ReadonlyMap<string, CompiledRole>;
}

const cache = new WeakMap<SecurityConfig, CompiledConfig>();

export function compiledConfig(config: SecurityConfig): CompiledConfig {
  let compiled = cache.get(config);
  if (!compiled) {
    compiled = compileConfig(config);
    cache.set(config, compiled);
  }
  return compiled;
}

export const READ_ACTIONS = ['indices:data/read/search', 'indices:data/read/get'] as const;

function compileConfig(config: SecurityConfig): CompiledConfig {
  const table = new Map<string, readonly string[]>();
  for (const [name, g] of config.actionGroups) table.set(name, g.allowed_actions);
  const actionGroups = flattenActionGroups(table);
  const roles = new Map<string, CompiledRole>();
  for (const [name, role] of config.roles) {
    const clusterPatterns = resolveActions(actionGroups, role.cluster_permissions);
    const variables: VarRef[] = [];
    const patterns = (sources: readonly string[]): TemplatePattern[] =>
      sources.map((s) => {
        const p = compileTemplatePattern(s);
        if (p.kind === 'template') variables.push(...p.variables);
        return p;
      });
    const index = role.index_permissions.map((perm): CompiledIndexEntry => {
      const actions = compileActionMatcher(resolveActions(actionGroups, perm.allowed_actions));
      return Object.freeze({
        role: name,
        patterns: patterns(perm.index_patterns),
        actions,
        grantsRead: READ_ACTIONS.some((a) => actions.test(a)),
        dls: perm.dls != null && perm.dls.trim() !== '' ? parseDlsTemplate(perm.dls) : null,
        fls: perm.fls.length > 0 ? perm.fls.map(parseFlsEntry) : null,
        masks: perm.masked_fields.length > 0 ? perm.masked_fields.map(parseMaskExpression) : null,
      });
    });
    const tenants = role.tenant_permissions.map(
      (perm): CompiledTenantEntry => ({
        patterns: patterns(perm.tenant_patterns),
        write: resolveActions(actionGroups, perm.allowed_actions).includes(TENANT_WRITE_PERMISSION),
      }),
    );
    roles.set(
      name,
      Object.freeze({
        name,
        clusterPatterns,
        cluster: compileActionMatcher(clusterPatterns),
        index,
        tenants,
        patternVariables: variables,
      }),
    );
  }
  return { actionGroups, roles };
}
