import type { SecurityConfig } from './model.js';
import {
  compileActionMatcher,
  flattenActionGroups,
  resolveActions,
  TENANT_WRITE_PERMISSION,
  type ActionMatcher,
  type FlatActionGroups,
} from './action-groups.js';
import type { DlsTemplate } from './dls.js';
import type { FlsPattern } from './fls.js';
import type { MaskExpression } from './masking.js';
import type { TemplatePattern } from './patterns.js';
import type { VarRef } from './variables.js';

/**
 * Roles compiled once per SecurityConfig (configs are immutable, so a WeakMap keyed by the config is a complete
 * cache): action groups resolved, and the rules config validation parsed (SecurityConfig.ruleSets) attached.
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
    const withVariables = (parsed: readonly TemplatePattern[]): readonly TemplatePattern[] => {
      for (const p of parsed) if (p.kind === 'template') variables.push(...p.variables);
      return parsed;
    };
    // Parsed when the configuration was validated; a config built some other way is refused, not parsed here.
    const rules = config.ruleSets.get(name);
    if (!rules) throw new Error(`role "${name}" has no parsed rules: the configuration was not validated`);
    const index = role.index_permissions.map((perm, i): CompiledIndexEntry => {
      const actions = compileActionMatcher(resolveActions(actionGroups, perm.allowed_actions));
      const parsed = rules.index[i]!;
      return Object.freeze({
        role: name,
        patterns: withVariables(parsed.patterns),
        actions,
        grantsRead: READ_ACTIONS.some((a) => actions.test(a)),
        dls: parsed.dls,
        fls: parsed.fls,
        masks: parsed.masks,
      });
    });
    const tenants = role.tenant_permissions.map(
      (perm, i): CompiledTenantEntry => ({
        patterns: withVariables(rules.tenantPatterns[i]!),
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
