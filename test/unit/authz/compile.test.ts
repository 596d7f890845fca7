import { createHash } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { isSecurityAdmin } from '../../../src/authz/admin.js';
import { clearPermissionCache, compilePermissions } from '../../../src/authz/compile.js';
import { DlsVariableError, renderDls } from '../../../src/authz/dls.js';
import { mapSecurityRoles } from '../../../src/authz/mapping.js';
import { catalogOf, configOf, DFM, OPTS, principal } from './helpers.js';

beforeEach(() => clearPermissionCache());

const config = configOf({
  roles: {
    dls_a: { index_permissions: [{ index_patterns: ['docs-*'], dls: '{"term": {"cat": "a"}}', fls: ['~secret'], allowed_actions: ['read'] }] },
    dls_b: { index_permissions: [{ index_patterns: ['docs-1'], dls: '{"term": {"cat": "b"}}', fls: ['~owner'], allowed_actions: ['read'] }] },
    open: { index_permissions: [{ index_patterns: ['docs-1'], allowed_actions: ['read'] }] },
    monitor_only: { index_permissions: [{ index_patterns: ['*'], allowed_actions: ['indices_monitor'] }] },
    include_title: { index_permissions: [{ index_patterns: ['docs-1'], fls: ['title'], allowed_actions: ['read'] }] },
    include_year: { index_permissions: [{ index_patterns: ['docs-1'], fls: ['year'], allowed_actions: ['read'] }] },
    mask_a: { index_permissions: [{ index_patterns: ['docs-1'], masked_fields: ['email'], allowed_actions: ['read'] }] },
    mask_b: { index_permissions: [{ index_patterns: ['docs-1'], masked_fields: ['phone::SHA-256'], allowed_actions: ['search'] }] },
    via_alias: { index_permissions: [{ index_patterns: ['current'], dls: '{"term": {"cat": "c"}}', allowed_actions: ['read'] }] },
    regex_idx: { index_permissions: [{ index_patterns: ['/logs-\\d{4}/'], allowed_actions: ['search'] }] },
    own: { index_permissions: [{ index_patterns: ['home-${user.name}'], allowed_actions: ['get'] }] },
    per_user: { index_permissions: [{ index_patterns: ['docs-1'], dls: '{"term": {"owner": "${user.name}"}}', allowed_actions: ['read'] }] },
    writer: { index_permissions: [{ index_patterns: ['docs-1'], allowed_actions: ['write'] }], cluster_permissions: ['cluster_monitor'] },
    tenant_rw: { tenant_permissions: [{ tenant_patterns: ['team-*'], allowed_actions: ['kibana_all_write'] }] },
    tenant_ro: { tenant_permissions: [{ tenant_patterns: ['team-red', 'global_tenant'], allowed_actions: ['kibana_all_read'] }] },
    tenant_mine: { tenant_permissions: [{ tenant_patterns: ['${attr.jwt.team}'], allowed_actions: ['kibana_all_write'] }] },
    admin_api: { cluster_permissions: ['restapi:admin/*'] },
    admin_partial: { cluster_permissions: ['restapi:admin/roles'] },
  },
  tenants: { 'team-red': {}, 'team-blue': {}, other: {} },
});

const catalog = catalogOf('docs-1', 'docs-2', ['archive-7', ['current']], 'logs-2024', 'logs-x', 'home-alice', 'home-bob', 'secrets');
const compile = (roles: string[], opts = OPTS, p = principal()) => compilePermissions(config, roles, catalog, opts, p);

describe('compilePermissions: index access', () => {
  it('lists only indices with some permission; searchable only with the search action', () => {
    const perms = compile(['dls_a', 'regex_idx', 'own']);
    expect(perms.searchableIndices()).toEqual(['docs-1', 'docs-2', 'logs-2024']);
    expect(perms.index('secrets')).toBeUndefined();
    expect(perms.index('logs-x')).toBeUndefined();
    expect(perms.index('home-alice')?.allows('indices:data/read/get')).toBe(true);
    expect(perms.index('home-alice')?.allows('indices:data/read/search')).toBe(false);
    expect(perms.index('home-bob')).toBeUndefined();
    expect(perms.index('nosuchindex')).toBeUndefined();
  });

  it('a pattern matching an alias covers the index behind it, with that entry\'s rules', () => {
    const perms = compile(['via_alias']);
    expect(perms.searchableIndices()).toEqual(['archive-7']);
    expect(renderDls(perms.index('archive-7')!.dls, principal())).toEqual({ term: { cat: 'c' } });
  });

  it('templated index patterns are per user, and values are literal', () => {
    expect(compile(['own'], OPTS, principal({ name: 'bob' })).index('home-bob')).toBeDefined();
    expect(compile(['own'], OPTS, principal({ name: 'bob' })).index('home-alice')).toBeUndefined();
    const star = compile(['own'], OPTS, principal({ name: '*' }));
    expect(star.index('home-alice')).toBeUndefined();
    expect(star.index('home-bob')).toBeUndefined();
  });

  it('unknown roles grant nothing; no roles = nothing', () => {
    expect(compile(['no_such_role']).searchableIndices()).toEqual([]);
    expect(compile([]).searchableIndices()).toEqual([]);
    expect(compile([]).tenants).toEqual([]);
  });

  it('built-in roles work without configuration', () => {
    const all = compile(['all_access']);
    expect(all.searchableIndices()).toEqual(['archive-7', 'docs-1', 'docs-2', 'home-alice', 'home-bob', 'logs-2024', 'logs-x', 'secrets']);
    expect(all.allowsCluster('cluster:monitor/health')).toBe(true);
    const readall = compile(['readall']);
    expect(readall.index('secrets')?.allows('indices:data/read/get')).toBe(true);
    expect(readall.index('secrets')?.allows('indices:data/write/index')).toBe(false);
    expect(compile(['own_index'], OPTS, principal({ name: 'home-bob' })).searchableIndices()).toEqual(['home-bob']);
  });

  it('cluster actions are the union of the roles\' resolved cluster permissions', () => {
    const perms = compile(['writer', 'dls_a']);
    expect(perms.allowsCluster('cluster:monitor/health')).toBe(true);
    expect(perms.allowsCluster('cluster:admin/settings/update')).toBe(false);
  });
});

describe('compilePermissions: DLS across roles', () => {
  it('queries of all restricted roles are OR-ed', () => {
    const dls = compile(['dls_a', 'dls_b']).index('docs-1')!.dls;
    expect(renderDls(dls, principal())).toEqual({ bool: { should: [{ term: { cat: 'a' } }, { term: { cat: 'b' } }], minimum_should_match: 1 } });
    expect(renderDls(compile(['dls_a', 'dls_b']).index('docs-2')!.dls, principal())).toEqual({ term: { cat: 'a' } });
  });

  it('restricted + unrestricted: restricted wins by default, unrestricted wins with dfm_empty_overrides_all', () => {
    expect(renderDls(compile(['dls_a', 'open']).index('docs-1')!.dls, principal())).toEqual({ term: { cat: 'a' } });
    expect(compile(['dls_a', 'open'], DFM).index('docs-1')!.dls).toEqual({ kind: 'unrestricted' });
    expect(renderDls(compile(['dls_a', 'open'], DFM).index('docs-2')!.dls, principal())).toEqual({ term: { cat: 'a' } });
  });

  it('stricter than the plugin: an entry that cannot read does not lift DLS even with dfm_empty_overrides_all', () => {
    expect(renderDls(compile(['dls_a', 'monitor_only'], DFM).index('docs-1')!.dls, principal())).toEqual({ term: { cat: 'a' } });
    expect(renderDls(compile(['dls_a', 'writer'], DFM).index('docs-1')!.dls, principal())).toEqual({ term: { cat: 'a' } });
  });

  it('DLS templates render per caller from one shared compiled set; undefined variables deny', () => {
    const a = compile(['per_user'], OPTS, principal({ name: 'alice' }));
    const b = compile(['per_user'], OPTS, principal({ name: 'bob' }));
    expect(a).toBe(b);
    expect(renderDls(a.index('docs-1')!.dls, principal({ name: 'bob' }))).toEqual({ term: { owner: 'bob' } });
    const attrRole = configOf({
      roles: { r: { index_permissions: [{ index_patterns: ['x'], dls: '{"term": {"d": "${attr.jwt.dept}"}}', allowed_actions: ['read'] }] } },
    });
    const perms = compilePermissions(attrRole, ['r'], catalogOf('x'), OPTS, principal());
    expect(() => renderDls(perms.index('x')!.dls, principal())).toThrow(DlsVariableError);
  });

  it('${user.securityRoles} renders the caller\'s role set', () => {
    const c = configOf({
      roles: { r: { index_permissions: [{ index_patterns: ['x'], dls: '{"terms": {"acl": [${user.securityRoles}]}}', allowed_actions: ['read'] }] }, s: {} },
    });
    const perms = compilePermissions(c, ['s', 'r'], catalogOf('x'), OPTS, principal());
    expect(renderDls(perms.index('x')!.dls, principal())).toEqual({ terms: { acl: ['r', 's'] } });
  });
});

describe('compilePermissions: FLS and masks across roles', () => {
  it('includes are a union; any exclusion means only exclusions; one role without FLS follows the dfm rule', () => {
    const union = compile(['include_title', 'include_year']).index('docs-1')!.fls;
    expect(['title', 'year', 'plot'].map((f) => union.isVisible(f))).toEqual([true, true, false]);
    const mixed = compile(['include_title', 'dls_b']).index('docs-1')!.fls;
    expect(mixed.mode).toBe('exclude');
    expect(['title', 'plot', 'owner', 'owner.email'].map((f) => mixed.isVisible(f))).toEqual([true, true, false, false]);
    const restrictedWins = compile(['dls_a', 'open']).index('docs-1')!.fls;
    expect(restrictedWins.isVisible('secret')).toBe(false);
    expect(restrictedWins.isVisible('secret.keyword')).toBe(false);
    expect(compile(['dls_a', 'open'], DFM).index('docs-1')!.fls.isRestricted).toBe(false);
  });

  it('masks are a union across roles; an unmasking role lifts masks only with dfm', () => {
    const both = compile(['mask_a', 'mask_b']).index('docs-1')!.masks;
    expect(both.isMasked('email')).toBe(true);
    expect(both.isMasked('phone')).toBe(true);
    expect(both.maskerFor('phone')?.('1')).toBe(createHash('sha256').update('1').digest('hex'));
    expect(compile(['mask_a', 'open']).index('docs-1')!.masks.isMasked('email')).toBe(true);
    expect(compile(['mask_a', 'open'], DFM).index('docs-1')!.masks.isMasked('email')).toBe(false);
  });
});

describe('compilePermissions: tenants', () => {
  it('kibana_all_write grants write, anything else read; patterns match defined tenants; private tenant', () => {
    const t = compile(['tenant_rw', 'tenant_ro']).tenants;
    expect(t).toEqual([
      { name: '__user__', access: 'write' },
      { name: 'global_tenant', access: 'read' },
      { name: 'team-blue', access: 'write' },
      { name: 'team-red', access: 'write' },
    ]);
    expect(compile(['tenant_ro']).tenants).toEqual([
      { name: '__user__', access: 'write' },
      { name: 'global_tenant', access: 'read' },
      { name: 'team-red', access: 'read' },
    ]);
  });

  it('templated tenant patterns are per user; kibana_user gets no implicit global write', () => {
    const red = compile(['tenant_mine'], OPTS, principal({ attributes: { 'jwt.team': 'team-red' } }));
    const blue = compile(['tenant_mine'], OPTS, principal({ attributes: { 'jwt.team': 'team-blue' } }));
    expect(red.tenants.map((t) => t.name)).toEqual(['__user__', 'team-red']);
    expect(blue.tenants.map((t) => t.name)).toEqual(['__user__', 'team-blue']);
    expect(compile(['tenant_mine']).tenants.map((t) => t.name)).toEqual(['__user__']);
    expect(compile(['kibana_user']).tenants).toEqual([{ name: '__user__', access: 'write' }]);
    expect(compile(['all_access']).tenants.find((t) => t.name === 'global_tenant')?.access).toBe('write');
  });
});

describe('compilePermissions: fingerprint and cache', () => {
  it('same roles share a fingerprint and the cached object; role order does not matter', () => {
    const a = compile(['dls_a', 'mask_a'], OPTS, principal({ name: 'alice' }));
    const b = compile(['mask_a', 'dls_a', 'dls_a'], OPTS, principal({ name: 'bob' }));
    expect(a).toBe(b);
    expect(a.securityRoles).toEqual(['dls_a', 'mask_a']);
  });

  it('DLS does not change the fingerprint; fields, masks, indices and actions do', () => {
    const base = compile(['open']).fingerprint;
    expect(compile(['per_user']).fingerprint).toBe(base);
    expect(compile(['dls_a', 'open']).fingerprint).not.toBe(base);
    expect(compile(['include_title']).fingerprint).not.toBe(base);
    expect(compile(['mask_a']).fingerprint).not.toBe(base);
    expect(compile(['open', 'writer']).fingerprint).toBe(base);
    expect(compile(['own'], OPTS, principal({ name: 'alice' })).fingerprint).not.toBe(compile(['own'], OPTS, principal({ name: 'bob' })).fingerprint);
  });

  it('a different catalog or config gives a fresh result', () => {
    const one = compilePermissions(config, ['dls_a'], catalogOf('docs-1'), OPTS, principal());
    const two = compilePermissions(config, ['dls_a'], catalogOf('docs-1', 'docs-9'), OPTS, principal());
    expect(one.searchableIndices()).toEqual(['docs-1']);
    expect(two.searchableIndices()).toEqual(['docs-1', 'docs-9']);
    const other = configOf({ roles: { dls_a: { index_permissions: [{ index_patterns: ['docs-9'], allowed_actions: ['read'] }] } } });
    expect(compilePermissions(other, ['dls_a'], catalogOf('docs-1', 'docs-9'), OPTS, principal()).searchableIndices()).toEqual(['docs-9']);
  });
});

describe('isSecurityAdmin', () => {
  it('a role listed in restapi roles_enabled, or explicit restapi:admin permissions; a bare * does not count', () => {
    expect(isSecurityAdmin(config, ['all_access'], { restapiRolesEnabled: ['all_access'] })).toBe(true);
    expect(isSecurityAdmin(config, ['all_access'], { restapiRolesEnabled: [] })).toBe(false);
    expect(isSecurityAdmin(config, ['admin_api'], { restapiRolesEnabled: [] })).toBe(true);
    expect(isSecurityAdmin(config, ['security_manager'], { restapiRolesEnabled: [] })).toBe(true);
    expect(isSecurityAdmin(config, ['admin_partial'], { restapiRolesEnabled: [] })).toBe(false);
    expect(isSecurityAdmin(config, ['dls_a'], { restapiRolesEnabled: ['all_access'] })).toBe(false);
  });
});

describe('role mapping feeds compilation', () => {
  it('a user with roles from mapping gets their union', () => {
    const c = configOf({
      roles: { r: { index_permissions: [{ index_patterns: ['x'], allowed_actions: ['read'] }] } },
      roles_mapping: { r: { backend_roles: ['team'] } },
    });
    const p = principal({ backendRoles: ['team'] });
    expect(compilePermissions(c, mapSecurityRoles(c, p), catalogOf('x', 'y'), OPTS, p).searchableIndices()).toEqual(['x']);
  });
});
