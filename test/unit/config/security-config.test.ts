import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import bcrypt from 'bcryptjs';
import { describe, expect, it } from 'vitest';
import { SecurityConfigError } from '../../../src/config/security/errors.js';
import { loadSecurityConfig } from '../../../src/config/security/load.js';
import { parseSecurityConfig, withEntry } from '../../../src/config/security/parse.js';
import { BUILTIN_ACTION_GROUPS, BUILTIN_ROLES } from '../../../src/config/security/builtins.js';
import { configOf } from '../authz/helpers.js';

const SEED = join(import.meta.dirname, '../../fixtures/security/seed');

function issuesOf(fn: () => unknown): SecurityConfigError {
  try {
    fn();
  } catch (e) {
    if (e instanceof SecurityConfigError) return e;
    throw e;
  }
  throw new Error('expected a SecurityConfigError');
}

const role = (perm: Record<string, unknown>) => ({ roles: { bad: { index_permissions: [{ index_patterns: ['x'], allowed_actions: ['read'], ...perm }] } } });

describe('loading the seed config', () => {
  it('has the seed roles, mappings and users, plus the built-ins', async () => {
    const config = await loadSecurityConfig(SEED);
    expect(config.warnings).toEqual([]);
    const newRole = config.roles.get('new-role');
    expect(newRole?.index_permissions).toEqual([
      {
        index_patterns: ['kibana_sample_data_fli*'],
        dls: '{"match": {"FlightDelay": true}}',
        fls: ['~FlightNum'],
        masked_fields: ['Dest'],
        allowed_actions: ['read'],
      },
    ]);
    for (const r of ['all_access', 'readall', 'kibana_user', 'kibana_server', 'security_manager', 'own_index']) {
      expect(config.roles.get(r)?.builtIn).toBe(true);
    }
    expect(config.roleMappings.get('all_access')?.users).toEqual(['master-user']);
    expect(config.roleMappings.get('new-role')?.backend_roles).toEqual(['new-backend-role']);
    expect(config.roleMappings.get('kibana_user')?.users).toEqual(['new-user']);
    expect(config.internalUsers.get('new-user')).toMatchObject({ name: 'new-user', backendRoles: ['new-backend-role'], securityRoles: [], enabled: true });
    expect(config.internalUsers.get('nobody')?.backendRoles).toEqual([]);
    expect(config.tenants.has('global_tenant')).toBe(true);
    expect(config.actionGroups.get('read')?.allowed_actions).toContain('indices:data/read*');
  });

  it('stores $2y$ cost-12 bcrypt hashes of the documented passwords', async () => {
    const config = await loadSecurityConfig(SEED);
    const expected: Record<string, string> = {
      'master-user': 'master-password',
      'limited-user': 'limited-password',
      'new-user': 'new-password',
      nobody: 'nobody-password',
    };
    expect([...config.internalUsers.keys()].sort()).toEqual(Object.keys(expected).sort());
    const checks = await Promise.all(
      Object.entries(expected).map(async ([user, password]) => {
        const hash = config.internalUsers.get(user)!.hash;
        expect(hash).toMatch(/^\$2y\$12\$/);
        return bcrypt.compare(password, hash);
      }),
    );
    expect(checks).toEqual([true, true, true, true]);
  });

  it('missing files are empty; a YAML error names the file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'authz-conf-'));
    try {
      const empty = await loadSecurityConfig(dir);
      expect(empty.roleMappings.size).toBe(0);
      expect(empty.roles.has('all_access')).toBe(true);
      await writeFile(join(dir, 'roles.yml'), '_meta: {type: roles, config_version: 2}\nr: [unclosed\n');
      const err = await loadSecurityConfig(dir).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(SecurityConfigError);
      expect((err as SecurityConfigError).issues[0]).toMatchObject({ file: 'roles', entry: '' });
      expect((err as Error).message).toMatch(/roles\.yml: file: not valid YAML/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('built-ins', () => {
  it('has the full static action group table and the static roles', () => {
    expect(Object.keys(BUILTIN_ACTION_GROUPS).sort()).toEqual(
      [
        'cluster_all', 'cluster_composite_ops', 'cluster_composite_ops_ro', 'cluster_manage_index_templates', 'cluster_manage_pipelines',
        'cluster_monitor', 'create_index', 'crud', 'data_access', 'delete', 'get', 'index', 'indices_all', 'indices_monitor',
        'kibana_all_read', 'kibana_all_write', 'manage', 'manage_aliases', 'manage_data_streams', 'manage_point_in_time',
        'manage_snapshots', 'read', 'search', 'suggest', 'unlimited', 'write',
      ].sort(),
    );
    expect(Object.keys(BUILTIN_ROLES).sort()).toEqual(
      ['all_access', 'kibana_server', 'kibana_user', 'logstash', 'manage_snapshots', 'own_index', 'readall', 'readall_and_monitor', 'security_manager'].sort(),
    );
  });

  it('a configured entry named like a built-in is ignored with a warning', () => {
    const config = configOf({ roles: { all_access: { cluster_permissions: [] } }, action_groups: { read: { allowed_actions: ['x'] } } });
    expect(config.roles.get('all_access')?.cluster_permissions).toEqual(['*']);
    expect(config.actionGroups.get('read')?.allowed_actions).toContain('indices:data/read*');
    expect(config.warnings).toEqual([
      'roles.yml: "all_access" is built in; the configured definition is ignored',
      'action_groups.yml: "read" is built in; the configured definition is ignored',
    ]);
  });

  it('warns about mappings and direct roles naming unknown roles', () => {
    const config = configOf({ roles_mapping: { ghost: { users: ['a'] } }, internal_users: { u: { hash: BCRYPT, opendistro_security_roles: ['phantom'] } } });
    expect(config.warnings).toEqual([
      'roles_mapping.yml: "ghost" maps a role that does not exist',
      'internal_users.yml: "u" is given the role "phantom", which does not exist',
    ]);
  });
});

const BCRYPT = '$2y$12$Z069/cCjEe3EgkHML88YpuL6H27aA1CBmma0wXQ9iwo.pqq0IeYca';

describe('invalid config is refused with file, entry, path and problem', () => {
  it('unknown keys, at any depth', () => {
    const e = issuesOf(() => configOf({ roles: { r: { index_permissions: [{ index_patterns: ['x'], allowed_action: ['read'] }], colour: 'red' } } }));
    expect(e.issues).toEqual(
      expect.arrayContaining([
        { file: 'roles', entry: 'r', path: 'index_permissions[0].allowed_action', message: 'unknown key "allowed_action"' },
        { file: 'roles', entry: 'r', path: 'colour', message: 'unknown key "colour"' },
      ]),
    );
    expect(e.message).toContain('roles.yml: entry "r" at colour: unknown key "colour"');
    expect(issuesOf(() => configOf({ roles_mapping: { r: { user: ['a'] } } })).issues[0]).toMatchObject({ file: 'roles_mapping', entry: 'r', path: 'user' });
    expect(issuesOf(() => configOf({ internal_users: { u: { hash: BCRYPT, roles: ['a'] } } })).issues[0]).toMatchObject({
      file: 'internal_users',
      path: 'roles',
    });
    expect(issuesOf(() => configOf({ tenants: { t: { readonly: true } } })).issues[0]).toMatchObject({ file: 'tenants', path: 'readonly' });
    expect(issuesOf(() => configOf({ action_groups: { g: { allowed_actions: [], permissions: [] } } })).issues[0]).toMatchObject({
      file: 'action_groups',
      path: 'permissions',
    });
  });

  it('wrong types and bad hashes', () => {
    expect(issuesOf(() => configOf({ roles: { r: { cluster_permissions: 'all' } } })).issues[0]).toMatchObject({ entry: 'r', path: 'cluster_permissions' });
    expect(issuesOf(() => configOf({ internal_users: { u: { hash: 'plaintext' } } })).issues[0]?.message).toMatch(/bcrypt/);
    expect(issuesOf(() => configOf({ internal_users: { u: { hash: BCRYPT, attributes: { a: 1 } } } })).issues[0]).toMatchObject({ path: 'attributes.a' });
  });

  it('_meta must be present with the right type and config_version 2', () => {
    expect(issuesOf(() => parseSecurityConfig({ roles: { r: {} } })).issues[0]).toMatchObject({ file: 'roles', entry: '_meta' });
    expect(issuesOf(() => parseSecurityConfig({ roles: { _meta: { type: 'roles', config_version: 1 } } })).issues[0]).toMatchObject({
      entry: '_meta',
      path: 'config_version',
    });
    expect(issuesOf(() => parseSecurityConfig({ roles_mapping: { _meta: { type: 'roles', config_version: 2 } } })).issues[0]).toMatchObject({
      file: 'roles_mapping',
      path: 'type',
    });
    expect(issuesOf(() => parseSecurityConfig({ roles: ['x'] })).issues[0]?.message).toMatch(/mapping/);
  });

  it('tenant names that would pass for a private tenant', () => {
    for (const name of ['__user__', '__user__:alice']) {
      expect(issuesOf(() => configOf({ tenants: { [name]: { description: 'x' } } })).issues[0]).toMatchObject({
        file: 'tenants',
        entry: name,
        message: 'is reserved for private tenants',
      });
    }
    expect(configOf({ tenants: { '__users': {}, 'team-a': {} } }).tenants.has('team-a')).toBe(true);
  });

  it('DLS that is not one supported JSON query', () => {
    const e = issuesOf(() => configOf(role({ dls: '{"script": {"script": "true"}}' })));
    expect(e.issues[0]).toMatchObject({ file: 'roles', entry: 'bad', path: 'index_permissions[0].dls: script' });
    expect(e.message).toMatch(/roles\.yml: entry "bad" at index_permissions\[0\]\.dls: script: query type "script" is not supported/);
    expect(issuesOf(() => configOf(role({ dls: '{"term": ' }))).issues[0]?.path).toBe('index_permissions[0].dls');
    expect(issuesOf(() => configOf(role({ dls: '{"term": {"a": "${user.nmae}"}}' }))).message).toMatch(/unknown variable \$\{user\.nmae\}/);
  });

  it('blank DLS (as the Dashboards UI writes it) means no DLS', () => {
    const config = configOf(role({ dls: '' }));
    expect(config.roles.get('bad')?.index_permissions[0]?.dls).toBe('');
  });

  it('bad regexes in index patterns, users, backend roles, hosts and actions', () => {
    expect(issuesOf(() => configOf(role({ index_patterns: ['/[/'] }))).issues[0]).toMatchObject({ path: 'index_permissions[0].index_patterns[0]' });
    for (const key of ['users', 'backend_roles', 'and_backend_roles', 'hosts']) {
      const e = issuesOf(() => configOf({ roles_mapping: { m: { [key]: ['ok', '/(unclosed/'] } } }));
      expect(e.issues[0]).toMatchObject({ file: 'roles_mapping', entry: 'm', path: `${key}[1]` });
      expect(e.issues[0]?.message).toMatch(/invalid regular expression/);
    }
    expect(issuesOf(() => configOf(role({ allowed_actions: ['/*/'] }))).issues[0]?.path).toBe('index_permissions[0].allowed_actions[0]');
    expect(issuesOf(() => configOf({ action_groups: { g: { allowed_actions: ['/+/'] } } })).issues[0]).toMatchObject({ file: 'action_groups', entry: 'g' });
  });

  it('bad FLS entries, masks and template variables', () => {
    expect(issuesOf(() => configOf(role({ fls: ['ok', '~'] }))).issues[0]).toMatchObject({ path: 'index_permissions[0].fls[1]' });
    expect(issuesOf(() => configOf(role({ masked_fields: ['f::NOPE'] }))).issues[0]).toMatchObject({ path: 'index_permissions[0].masked_fields[0]' });
    expect(issuesOf(() => configOf(role({ masked_fields: ['f::/a/::b::c'] }))).issues[0]?.message).toMatch(/must be/);
    expect(issuesOf(() => configOf(role({ index_patterns: ['${user.roles}'] }))).issues[0]?.message).toMatch(/list/);
    const t = issuesOf(() => configOf({ roles: { r: { tenant_permissions: [{ tenant_patterns: ['${attr.nope.x}'], allowed_actions: [] }] } } }));
    expect(t.issues[0]).toMatchObject({ path: 'tenant_permissions[0].tenant_patterns[0]' });
  });

  it('reports every problem, not just the first', () => {
    const e = issuesOf(() =>
      configOf({
        roles: { a: { index_permissions: [{ index_patterns: ['/[/'], dls: 'x', fls: [''] }] }, b: { what: 1 } },
        roles_mapping: { c: { hosts: ['/(/'] } },
      }),
    );
    expect(e.issues.map((i) => `${i.file}/${i.entry}`).sort()).toEqual(['roles/a', 'roles/a', 'roles/a', 'roles/b', 'roles_mapping/c']);
  });
});

describe('SecurityConfig values', () => {
  it('version is a content hash; equal content, equal version', () => {
    const a = configOf({ roles: { r: { cluster_permissions: ['x'] } } });
    const b = configOf({ roles: { r: { cluster_permissions: ['x'] } } });
    const c = configOf({ roles: { r: { cluster_permissions: ['y'] } } });
    expect(a.version).toBe(b.version);
    expect(a.version).not.toBe(c.version);
  });

  it('is immutable', () => {
    const config = configOf({ roles: { r: { cluster_permissions: ['x'] } } });
    expect(() => {
      (config.roles.get('r')!.cluster_permissions as string[]).push('y');
    }).toThrow();
    expect(() => {
      (config as { version: string }).version = 'v';
    }).toThrow();
    expect(Object.isFrozen(config.documents.roles)).toBe(true);
  });

  it('internal users are modelled for authentication', () => {
    const config = configOf({
      roles: { r: {} },
      internal_users: {
        u: { hash: BCRYPT, backend_roles: [' padded '], opendistro_security_roles: ['r'], attributes: { dept: 'x' }, enabled: false, description: 'd' },
      },
    });
    expect(config.internalUsers.get('u')).toEqual({
      name: 'u',
      hash: BCRYPT,
      backendRoles: [' padded '],
      securityRoles: ['r'],
      attributes: { dept: 'x' },
      enabled: false,
      description: 'd',
    });
  });

  it('withEntry yields a new validated config (the admin API edit path)', () => {
    const config = configOf({ roles: { r: { cluster_permissions: ['x'] } } });
    const next = withEntry(config, 'roles', 'q', { index_permissions: [{ index_patterns: ['i'], allowed_actions: ['read'] }] });
    expect(next.roles.has('q')).toBe(true);
    expect(config.roles.has('q')).toBe(false);
    expect(next.version).not.toBe(config.version);
    expect(withEntry(next, 'roles', 'q', undefined).version).toBe(config.version);
    expect(() => withEntry(config, 'roles', 'q', { bogus: true })).toThrow(SecurityConfigError);
  });
});
