import { LRUCache } from 'lru-cache';
import type { Principal } from '../auth/principal.js';
import type { SecurityConfig } from './model.js';
import { canonicalJson, contentHash } from './canonical.js';
import { DLS_UNRESTRICTED, restrictDlsToView, type DlsRule, type DlsTemplate } from './dls.js';
import { ALL_FIELDS_VISIBLE, mergeFls, type FieldVisibility, type FlsPattern } from './fls.js';
import { buildFieldMasks, NO_MASKS, type FieldMasks, type MaskExpression, type MaskingOptions } from './masking.js';
import type { TemplatePattern } from './patterns.js';
import { compiledConfig, READ_ACTIONS, type CompiledIndexEntry, type CompiledRole } from './role-rules.js';
import { compileTenants, type TenantAccess } from './tenants.js';
import { resolveVariable, varName, type VariableContext, type VarRef } from './variables.js';

/** The concrete indices the backend has, each with its aliases. */
export interface IndexCatalog {
  readonly indices: readonly { readonly name: string; readonly aliases: readonly string[] }[];
}

export interface CompileOptions {
  /** plugins.security.dfm_empty_overrides_all: an unrestricted role entry lifts DLS/FLS/masks of others. */
  readonly dfmEmptyOverridesAll: boolean;
  readonly masking: MaskingOptions;
}

/** What one role set may do with one concrete index. */
export interface IndexPermissions {
  readonly name: string;
  allows(action: string): boolean;
  readonly dls: DlsRule;
  readonly fls: FieldVisibility;
  readonly masks: FieldMasks;
}

export interface CompiledPermissions {
  /**
   * Stable hash of what shapes the caller's GraphQL schema: which indices are searchable/gettable, their
   * visible-field rules and masks. Not DLS, so callers with the same roles share one schema.
   */
  readonly fingerprint: string;
  readonly securityRoles: readonly string[];
  /** Concrete indices (from the catalog) on which the role set has any permission. */
  index(name: string): IndexPermissions | undefined;
  /** Concrete indices that allow `indices:data/read/search`, sorted. */
  searchableIndices(): string[];
  readonly tenants: readonly TenantAccess[];
  allowsCluster(action: string): boolean;
}

/**
 * Compiles permissions for a role set against the current indices.
 *
 * Cache design: results are cached (bounded LRU) by config version, role set, catalog fingerprint, options,
 * and - only when the roles use `${...}` in index or tenant patterns - the values of exactly those variables
 * for this principal. So users with the same roles share one compiled set (and one fingerprint) unless
 * templated patterns make their permissions differ. DLS values are never compiled in: `renderDls` does that
 * per request, so the principal passed here only feeds pattern templates.
 */
export function compilePermissions(
  config: SecurityConfig,
  securityRoles: readonly string[],
  catalog: IndexCatalog,
  options: CompileOptions,
  principal: Principal,
): CompiledPermissions {
  const roleNames = [...new Set(securityRoles)].sort();
  const compiled = compiledConfig(config);
  const roles = roleNames.map((r) => compiled.roles.get(r)).filter((r): r is CompiledRole => r !== undefined);
  const ctx: VariableContext = { principal, securityRoles: roleNames };
  const key = canonicalJson([
    config.version,
    roleNames,
    catalogFingerprint(catalog),
    options,
    templateValues(roles, ctx),
  ]);
  let result = permissionCache.get(key);
  if (!result) {
    result = build(roles, roleNames, [...config.tenants.keys()], catalog, options, ctx);
    permissionCache.set(key, result);
  }
  return result;
}

const permissionCache = new LRUCache<string, CompiledPermissions>({ max: 2000 });

/** For tests and config reloads that want memory back at once; correctness never depends on it. */
export function clearPermissionCache(): void {
  permissionCache.clear();
}

// Keyed by the indices array, not the wrapper: callers often wrap the same array in a fresh object per request.
const catalogHashes = new WeakMap<IndexCatalog['indices'], string>();

function catalogFingerprint(catalog: IndexCatalog): string {
  let hash = catalogHashes.get(catalog.indices);
  if (!hash) {
    hash = contentHash(
      catalog.indices.map((i) => [i.name, [...i.aliases].sort()]).sort((a, b) => ((a[0] as string) < (b[0] as string) ? -1 : 1)),
    );
    catalogHashes.set(catalog.indices, hash);
  }
  return hash;
}

function templateValues(roles: readonly CompiledRole[], ctx: VariableContext): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const role of roles) {
    for (const v of role.patternVariables) {
      const name = varName(v);
      if (Object.hasOwn(out, name)) continue;
      out[name] = safeValue(v, ctx);
    }
  }
  return out;
}

function safeValue(v: VarRef, ctx: VariableContext): unknown {
  try {
    return { value: resolveVariable(v, ctx) };
  } catch {
    return { undefined: true };
  }
}

function build(
  roles: readonly CompiledRole[],
  roleNames: readonly string[],
  tenantNames: readonly string[],
  catalog: IndexCatalog,
  options: CompileOptions,
  ctx: VariableContext,
): CompiledPermissions {
  const bound = new Map<TemplatePattern, (name: string) => boolean>();
  const matcherOf = (p: TemplatePattern): ((name: string) => boolean) => {
    let m = bound.get(p);
    if (!m) {
      const nm = p.kind === 'static' ? p.matcher : p.bind(ctx);
      m = (name: string) => nm.test(name);
      bound.set(p, m);
    }
    return m;
  };

  const indices = new Map<string, IndexPermissions>();
  for (const index of catalog.indices) {
    const entries: CompiledIndexEntry[] = [];
    for (const role of roles) {
      for (const entry of role.index) {
        const hit = entry.patterns.some((p) => {
          const test = matcherOf(p);
          return test(index.name) || index.aliases.some(test);
        });
        if (hit) {
          entries.push(entry);
        }
      }
    }
    if (entries.length > 0) indices.set(index.name, indexPermissions(index.name, entries, roleNames, options));
  }

  const searchable = [...indices.values()]
    .filter((p) => p.allows('indices:data/read/search'))
    .map((p) => p.name)
    .sort();

  const fingerprint = contentHash(
    [...indices.values()]
      .filter((p) => READ_ACTIONS.some((a) => p.allows(a)))
      .sort((a, b) => (a.name < b.name ? -1 : 1))
      .map((p) => ({
        index: p.name,
        actions: READ_ACTIONS.filter((a) => p.allows(a)),
        fls: { mode: p.fls.mode, rules: p.fls.rules },
        masks: p.masks.rules,
      })),
  );

  const tenants = Object.freeze(compileTenants(roles, tenantNames, matcherOf));

  return Object.freeze({
    fingerprint,
    securityRoles: Object.freeze([...roleNames]),
    index: (name: string) => indices.get(name),
    searchableIndices: () => [...searchable],
    tenants,
    allowsCluster: (action: string) => roles.some((r) => r.cluster.test(action)),
  });
}

/**
 * Per concrete index, the restriction rule of the plugin (AbstractRuleBasedPrivileges): with
 * dfm_empty_overrides_all off, any restricting entry wins; with it on, an unrestricted entry wins.
 * Stricter than the plugin: only entries that grant a document read can lift a restriction (the plugin lets
 * e.g. a monitor-only permission on `*` lift DLS when the setting is on).
 */
function indexPermissions(
  name: string,
  entries: readonly CompiledIndexEntry[],
  roleNames: readonly string[],
  options: CompileOptions,
): IndexPermissions {
  const restrictedBy = <T>(pick: (e: CompiledIndexEntry) => T | null): T[] | null => {
    const rules = entries.map(pick).filter((r): r is T => r !== null);
    if (rules.length === 0) return null;
    const unrestrictedReader = entries.some((e) => e.grantsRead && pick(e) === null);
    if (options.dfmEmptyOverridesAll && unrestrictedReader) return null;
    return rules;
  };

  const dlsRules = restrictedBy<DlsTemplate>((e) => e.dls);
  const flsRules = restrictedBy<readonly FlsPattern[]>((e) => e.fls);
  const maskRules = restrictedBy<readonly MaskExpression[]>((e) => e.masks);

  const fls = flsRules ? mergeFls(flsRules) : ALL_FIELDS_VISIBLE;
  const masks = maskRules ? buildFieldMasks(maskRules.flat(), options.masking) : NO_MASKS;
  const written: DlsRule = dlsRules
    ? Object.freeze({
        kind: 'restricted',
        queries: Object.freeze([...new Map(dlsRules.map((q) => [q.source, q])).values()]),
        securityRoles: Object.freeze([...roleNames]),
      })
    : DLS_UNRESTRICTED;
  // As in the plugin, DLS sees the document through the caller's FLS and masks (from every mapped role): a
  // clause on a hidden or masked field matches nothing. Rewritten here, once per permission set.
  const dls = restrictDlsToView(written, { fls, masks });
  const matchers = entries.map((e) => e.actions);
  return Object.freeze({
    name,
    allows: (action: string) => matchers.some((m) => m.test(action)),
    dls,
    fls,
    masks,
  });
}
