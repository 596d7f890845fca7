import { cacheBudget, type BudgetedCache } from '../cache/budget.js';
import { estimateShapeBytes, estimateViewBytes } from './estimates.js';
import type { Principal } from '../auth/principal.js';
import { compilePermissions, type CompiledPermissions, type IndexCatalog } from '../authz/compile.js';
import { compileNamePattern, matchesIndexOrAlias } from '../authz/patterns.js';
import { isSecurityAdmin } from '../authz/admin.js';
import { renderDls } from '../authz/dls.js';
import { mapSecurityRoles } from '../authz/mapping.js';
import { availableTenants, type TenantAccess, type TenantOptions } from '../authz/tenants.js';
import type { Catalog, ExposedIndex } from '../catalog/catalog.js';
import type { SecurityConfig } from '../authz/model.js';
import { visibleIndex, type FieldRules, type Masker } from './visible.js';
import type { DlsFilter, IndexGrant, IndexShape, PermissionView, SchemaShape } from './view.js';

export const SEARCH = 'indices:data/read/search';
export const GET = 'indices:data/read/get';

export interface AuthorizeOptions {
  readonly dfmEmptyOverridesAll: boolean;
  readonly masking: { readonly salt: string; readonly mode: 'legacy' | 'v3' };
  /** `plugins.security.restapi.roles_enabled`: roles whose holders get the admin API. */
  readonly restapiRolesEnabled?: readonly string[];
  /** Multitenancy switches (default: on, with private tenants). */
  readonly tenants?: TenantOptions;
}

export interface AuthorizeState {
  readonly security: SecurityConfig;
  readonly catalog: Catalog;
}

/**
 * The authorize stage: principal -> roles -> compiled permissions (cached by src/authz) -> the schema shape
 * (cached here per permission fingerprint and catalog version) plus this caller's rendered DLS filters.
 */
export class Authorizer {
  /** Bounded in bytes under the one cache budget (src/cache/budget.ts), as are the views. */
  private readonly shapes = cacheBudget.cache<string, SchemaShape>('schema shapes', (shape) => estimateShapeBytes(shape));
  /**
   * Whole views per principal, per configuration object (a new security config version is a new object, so
   * its views start empty; the previous version's are dropped) and catalog version. The key holds everything
   * a view is computed from: the same principal under the same config and catalog always gets the same view.
   */
  private views: { security: SecurityConfig; cache: BudgetedCache<string, PermissionView> } | undefined;
  /**
   * Per principal object (a connection's remembered authentication, src/auth/connection-memo.ts, returns the
   * same one): its cache key, so it is not serialized again, valid for the configuration object and catalog
   * version it was made under.
   */
  private readonly lastKey = new WeakMap<Principal, { security: SecurityConfig; catalogVersion: string; key: string }>();

  constructor(
    private readonly state: () => AuthorizeState,
    private readonly options: AuthorizeOptions,
  ) {}

  /** `roles` replaces role mapping (the admin API's schema of a single role); by default the principal's are mapped. */
  view(principal: Principal, rolesOverride?: readonly string[]): PermissionView {
    const { security, catalog } = this.state();
    // An explicit role list (an administrator asking for one role's schema) is computed, not cached.
    if (rolesOverride) return this.compute(principal, security, catalog, rolesOverride);
    if (this.views?.security !== security) {
      this.views?.cache.clear();
      this.views = { security, cache: cacheBudget.cache('permission views', (view, key) => estimateViewBytes(view, key)) };
    }
    // The same principal object (a connection's remembered authentication, src/auth/connection-memo.ts) under
    // the same configuration object and catalog version: the view it got last time, without serializing it.
    // The key is kept per principal object, and the view still read from the budgeted cache (so it stays
    // counted and in LRU order).
    const views = this.views.cache;
    const last = this.lastKey.get(principal);
    if (last && last.security === security && last.catalogVersion === catalog.version) {
      const view = views.get(last.key);
      if (view) return view;
    }
    const key = `${catalog.version}\u0000${principalKey(principal)}`;
    let view = views.get(key);
    if (!view) {
      view = this.compute(principal, security, catalog);
      views.set(key, view);
    }
    this.lastKey.set(principal, { security, catalogVersion: catalog.version, key });
    return view;
  }

  /**
   * The decisions `view` makes for `principal`, on the concrete indices `index` names (an index, alias or
   * pattern; the name itself when the catalog has none), each with its reasons: which roles grant it, the DLS
   * as rendered for this principal (or why it cannot be), FLS and masks. The admin API's explainAccess.
   * `security` is the configuration to explain under (the administrator's snapshot).
   */
  explain(principal: Principal, index: string, security: SecurityConfig = this.state().security): AccessExplanation {
    const targets = concreteTargets(this.state().catalog.indices, index);
    const scope = { indices: targets };
    const roles = mapSecurityRoles(security, principal);
    const all = compilePermissions(security, roles, scope, this.compileOptions, principal);
    const perRole = roles.map((role) => ({ role, compiled: compilePermissions(security, [role], scope, this.compileOptions, principal) }));
    return {
      roles,
      securityAdmin: this.isAdmin(security, roles),
      indices: targets.map((t): IndexExplanation => {
        const perms = all.index(t.name);
        const dls = dlsFor(all, t.name, principal);
        return {
          index: t.name,
          roles: perRole.filter((p) => p.compiled.index(t.name) !== undefined).map((p) => p.role),
          canSearch: perms?.allows(SEARCH) ?? false,
          canGet: perms?.allows(GET) ?? false,
          dls: dls.kind === 'filter' ? dls.query : null,
          dlsError: perms && dls.kind === 'denied' ? dls.reason : null,
          flsMode: perms?.fls.mode ?? 'all',
          fls: [...(perms?.fls.rules ?? [])],
          masks: [...(perms?.masks.rules ?? [])],
        };
      }),
    };
  }

  private get compileOptions() {
    return { dfmEmptyOverridesAll: this.options.dfmEmptyOverridesAll, masking: this.options.masking };
  }

  private isAdmin(security: SecurityConfig, roles: readonly string[]): boolean {
    return isSecurityAdmin(security, roles, { restapiRolesEnabled: this.options.restapiRolesEnabled ?? [] });
  }

  private compute(principal: Principal, security: SecurityConfig, catalog: Catalog, rolesOverride?: readonly string[]): PermissionView {
    const roles = rolesOverride ? [...rolesOverride] : mapSecurityRoles(security, principal);
    const compiled = compilePermissions(security, roles, { indices: catalog.indices }, this.compileOptions, principal);
    const admin = this.isAdmin(security, compiled.securityRoles);
    const tenants = availableTenants(compiled.tenants, this.options.tenants ?? { enabled: true, privateTenant: true });
    const shape = this.shape(compiled, catalog, admin, tenantCapability(tenants));
    const grants = new Map<string, IndexGrant>();
    for (const s of shape.indices) {
      const targets = s.searchable.map((index) => ({ index, dls: dlsFor(compiled, index, principal) }));
      grants.set(s.visible.model.config.index, { shape: s, targets });
    }
    return {
      principal,
      shape,
      roles: compiled.securityRoles,
      tenants,
      grant: (name) => grants.get(name),
    };
  }

  private shape(compiled: CompiledPermissions, catalog: Catalog, admin: boolean, tenants: SchemaShape['tenants']): SchemaShape {
    const key = `${compiled.fingerprint}|${catalog.version}${admin ? '|admin' : ''}${tenants ? `|tenants-${tenants}` : ''}`;
    let shape = this.shapes.get(key);
    if (!shape) {
      const indices = catalog.exposed.map((e) => indexShape(compiled, e)).filter((s): s is IndexShape => s !== null);
      shape = { key, indices, admin, ...(tenants ? { tenants } : {}) };
      this.shapes.set(key, shape);
    }
    return shape;
  }
}

export interface IndexExplanation {
  readonly index: string;
  /** The principal's roles that grant anything on this index. */
  readonly roles: readonly string[];
  readonly canSearch: boolean;
  readonly canGet: boolean;
  /** The DLS query as rendered for this principal; null when none applies or it cannot be rendered. */
  readonly dls: Record<string, unknown> | null;
  /** Why the DLS could not be rendered (a missing attribute): the index is then denied, never unfiltered. */
  readonly dlsError: string | null;
  readonly flsMode: string;
  readonly fls: readonly string[];
  readonly masks: readonly string[];
}

export interface AccessExplanation {
  readonly roles: readonly string[];
  readonly securityAdmin: boolean;
  readonly indices: readonly IndexExplanation[];
}

/** The concrete indices `index` names (itself, an alias, or a pattern); the name itself when unknown. */
export function concreteTargets(indices: IndexCatalog['indices'], index: string): IndexCatalog['indices'] {
  const matcher = compileNamePattern(index);
  const found = indices.filter((i) => matchesIndexOrAlias(matcher, i));
  return found.length > 0 ? found : [{ name: index, aliases: [] }];
}

/** Everything about a principal that authorization reads, as one string. */
function principalKey(p: Principal): string {
  return JSON.stringify([p.name, p.authType, p.remoteAddress, p.backendRoles, p.directRoles, p.attributes]);
}

/** Which part of the saved-search API a caller's schema has: the mutations only if some tenant is writable. */
function tenantCapability(tenants: readonly TenantAccess[]): SchemaShape['tenants'] {
  if (tenants.length === 0) return undefined;
  return tenants.some((t) => t.access === 'write') ? 'write' : 'read';
}

function dlsFor(compiled: CompiledPermissions, index: string, principal: Principal): DlsFilter {
  const perms = compiled.index(index);
  if (!perms) return { kind: 'denied', reason: 'no permissions' };
  try {
    const query = renderDls(perms.dls, principal);
    return query ? { kind: 'filter', query } : { kind: 'none' };
  } catch (err) {
    return { kind: 'denied', reason: (err as Error).message };
  }
}

/**
 * One exposed name may stand for several concrete indices (an alias). The caller's view of it is the
 * strictest across them: a field is visible only if visible in every one, masked if masked in any.
 */
function indexShape(compiled: CompiledPermissions, exposed: ExposedIndex): IndexShape | null {
  const searchable = exposed.concrete.filter((c) => compiled.index(c)?.allows(SEARCH));
  if (searchable.length === 0) return null;
  const perms = searchable.map((c) => compiled.index(c)!);
  const rules: FieldRules = {
    isVisible: (path) => perms.every((p) => p.fls.isVisible(path)),
    isObjectVisible: (path) => perms.every((p) => p.fls.isObjectVisible(path)),
    maskerFor: (path) => perms.map((p) => p.masks.maskerFor(path)).find((m): m is Masker => m !== undefined),
  };
  return {
    visible: visibleIndex(exposed.model, rules),
    canGet: perms.every((p) => p.allows(GET)),
    searchable,
  };
}
