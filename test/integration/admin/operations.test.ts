import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../../support/gateway.js';
import { codes, MASTER, startAdminGateway, type AdminGateway } from './support.js';

const CHANGE = `kind name dryRun changed configVersion version before after diff { path before after }`;
const ROLE_FIELDS = `name version reserved hidden static description cluster_permissions
  index_permissions { index_patterns dls fls masked_fields allowed_actions } tenant_permissions { tenant_patterns allowed_actions }`;

describe.each(BACKENDS)('admin operations (%s)', (backend) => {
  let gw: AdminGateway;
  const admin = (query: string, variables?: Record<string, unknown>) => gw.gql(query, { auth: MASTER, ...(variables ? { variables } : {}) });

  beforeAll(async () => {
    gw = await startAdminGateway(backend);
  });
  afterAll(async () => {
    await gw?.close();
  });

  it('lists built-in and configured entries of every kind, with versions and flags; hidden ones are absent', async () => {
    const res = await admin(`{ security { configVersion
      roles { name version static reserved hidden } roleMappings { name version } actionGroups { name static }
      internalUsers { name enabled backend_roles } tenants { name static } } }`);
    const s = res.body.data.security;
    expect(s.configVersion).toBe(1);
    const roles = new Map(s.roles.map((r: { name: string }) => [r.name, r]));
    expect(roles.get('all_access')).toEqual({ name: 'all_access', version: 0, static: true, reserved: true, hidden: false });
    expect(roles.get('movies-limited')).toEqual({ name: 'movies-limited', version: 1, static: false, reserved: false, hidden: false });
    expect(roles.get('locked-role')).toMatchObject({ reserved: true, static: false });
    expect(roles.has('secret-role')).toBe(false);
    expect(s.roleMappings.map((m: { name: string }) => m.name)).toContain('all_access');
    expect(s.actionGroups.find((g: { name: string }) => g.name === 'crud')).toEqual({ name: 'crud', static: true });
    expect(s.internalUsers.find((u: { name: string }) => u.name === 'new-user')).toEqual({ name: 'new-user', enabled: true, backend_roles: ['new-backend-role'] });
    expect(s.tenants.map((t: { name: string }) => t.name)).toEqual(['global_tenant', 'analysts']);
    const hidden = await admin(`{ security { role(name: "secret-role") { name } } }`);
    expect(hidden.body.data.security.role).toBeNull();
  });

  it('gets one entry as in roles.yml', async () => {
    const res = await admin(`{ security { role(name: "movies-limited") { ${ROLE_FIELDS} } } }`);
    expect(res.body.data.security.role).toEqual({
      name: 'movies-limited',
      version: 1,
      reserved: false,
      hidden: false,
      static: false,
      description: null,
      cluster_permissions: [],
      index_permissions: [
        {
          index_patterns: ['movies'],
          dls: '{"range": {"year": {"lte": 2012}}}',
          fls: ['year', 'release_date', 'plot', 'title'],
          masked_fields: ['release_date'],
          allowed_actions: ['read'],
        },
      ],
      tenant_permissions: [],
    });
  });

  it('creates, replaces, patches and deletes a role; each write bumps the versions and reports a diff', async () => {
    const v0 = (await admin(`{ security { configVersion } }`)).body.data.security.configVersion;
    const created = await admin(
      `mutation($r: SecurityRoleInput!) { putRole(name: "ops-role", role: $r) { ${CHANGE} } }`,
      { r: { description: 'ops', index_permissions: [{ index_patterns: ['movies'], allowed_actions: ['read'] }] } },
    );
    const c = created.body.data.putRole;
    expect(c).toMatchObject({ kind: 'ROLE', name: 'ops-role', dryRun: false, changed: true, configVersion: v0 + 1, version: v0 + 1, before: null });
    expect(c.after.index_permissions[0].index_patterns).toEqual(['movies']);

    const replaced = await admin(
      `mutation($r: SecurityRoleInput!) { putRole(name: "ops-role", role: $r) { ${CHANGE} } }`,
      { r: { description: 'ops v2', index_permissions: [{ index_patterns: ['movies'], allowed_actions: ['read'] }] } },
    );
    expect(replaced.body.data.putRole).toMatchObject({ changed: true, version: v0 + 2, diff: [{ path: 'description', before: 'ops', after: 'ops v2' }] });

    const same = await admin(
      `mutation($r: SecurityRoleInput!) { putRole(name: "ops-role", role: $r) { ${CHANGE} } }`,
      { r: { description: 'ops v2', index_permissions: [{ index_patterns: ['movies'], allowed_actions: ['read'] }] } },
    );
    expect(same.body.data.putRole).toMatchObject({ changed: false, configVersion: v0 + 2, diff: [] });

    const patched = await admin(`mutation { patchRole(name: "ops-role", patch: { cluster_permissions: ["cluster_monitor"], description: null }) { ${CHANGE} } }`);
    expect(patched.body.data.patchRole).toMatchObject({ changed: true, version: v0 + 3 });
    const got = await admin(`{ security { role(name: "ops-role") { description cluster_permissions version index_permissions { index_patterns } } } }`);
    expect(got.body.data.security.role).toEqual({ description: null, cluster_permissions: ['cluster_monitor'], version: v0 + 3, index_permissions: [{ index_patterns: ['movies'] }] });

    const deleted = await admin(`mutation { deleteRole(name: "ops-role") { ${CHANGE} } }`);
    expect(deleted.body.data.deleteRole).toMatchObject({ changed: true, version: null, after: null, configVersion: v0 + 4 });
    expect((await admin(`{ security { role(name: "ops-role") { name } } }`)).body.data.security.role).toBeNull();
    const again = await admin(`mutation { deleteRole(name: "ops-role") { changed } }`);
    expect(codes(again.body)).toEqual(['NOT_FOUND']);
  });

  it('manages role mappings, action groups and tenants the same way', async () => {
    const m = await admin(`mutation { putRoleMapping(name: "movies-limited", mapping: { users: ["limited-user", "someone"], backend_roles: ["analyst"] }) { changed after } }`);
    expect(m.body.data.putRoleMapping).toMatchObject({ changed: true, after: { users: ['limited-user', 'someone'], backend_roles: ['analyst'] } });
    const g = await admin(`mutation { putActionGroup(name: "my-read", group: { type: "index", allowed_actions: ["indices:data/read/search"] }) { changed } }`);
    expect(g.body.data.putActionGroup.changed).toBe(true);
    expect((await admin(`{ security { actionGroup(name: "my-read") { allowed_actions static } } }`)).body.data.security.actionGroup).toEqual({
      allowed_actions: ['indices:data/read/search'],
      static: false,
    });
    const t = await admin(`mutation { putTenant(name: "team", tenant: { description: "team space" }) { changed } }`);
    expect(t.body.data.putTenant.changed).toBe(true);
    const tp = await admin(`mutation { patchTenant(name: "team", patch: { description: "renamed" }) { after } }`);
    expect(tp.body.data.patchTenant.after).toEqual({ description: 'renamed' });
    for (const q of ['deleteActionGroup(name: "my-read")', 'deleteTenant(name: "team")']) {
      expect((await admin(`mutation { ${q} { changed } }`)).body.errors).toBeUndefined();
    }
  });

  it('validates exactly as at start-up: BAD_USER_INPUT naming the field and the problem', async () => {
    const v0 = (await admin(`{ security { configVersion } }`)).body.data.security.configVersion;
    const badDls = await admin(`mutation($r: SecurityRoleInput!) { putRole(name: "bad", role: $r) { changed } }`, {
      r: { index_permissions: [{ index_patterns: ['movies'], dls: '{"match": ', allowed_actions: ['read'] }] },
    });
    expect(codes(badDls.body)).toEqual(['BAD_USER_INPUT']);
    expect(badDls.body.errors[0].extensions.field).toMatch(/^index_permissions\[0\]\.dls/);
    expect(badDls.body.errors[0].extensions.issues[0]).toMatchObject({ file: 'roles', entry: 'bad' });

    const badRegex = await admin(`mutation { putRoleMapping(name: "movies-limited", mapping: { users: ["/[unclosed/"] }) { changed } }`);
    expect(codes(badRegex.body)).toEqual(['BAD_USER_INPUT']);
    expect(badRegex.body.errors[0].extensions.field).toBe('users[0]');

    const badMask = await admin(`mutation { patchRole(name: "movies-limited", patch: { index_permissions: [{ index_patterns: ["movies"], masked_fields: ["title::NOPE-999"], allowed_actions: ["read"] }] }) { changed } }`);
    expect(codes(badMask.body)).toEqual(['BAD_USER_INPUT']);
    expect(badMask.body.errors[0].extensions.field).toBe('index_permissions[0].masked_fields[0]');

    const unknownKey = await admin(`mutation { patchRole(name: "movies-limited", patch: { colour: "red" }) { changed } }`);
    expect(codes(unknownKey.body)).toEqual(['BAD_USER_INPUT']);
    expect(unknownKey.body.errors[0].message).toMatch(/unknown key "colour"/);

    const flags = await admin(`mutation { patchRole(name: "movies-limited", patch: { reserved: true }) { changed } }`);
    expect(codes(flags.body)).toEqual(['BAD_USER_INPUT']);

    expect((await admin(`{ security { configVersion } }`)).body.data.security.configVersion).toBe(v0);
  });

  it('static and reserved entries cannot be changed (FORBIDDEN); hidden ones behave as absent', async () => {
    for (const q of [
      `putRole(name: "all_access", role: { cluster_permissions: [] })`,
      `deleteRole(name: "readall")`,
      `patchActionGroup(name: "read", patch: { allowed_actions: ["*"] })`,
      `deleteTenant(name: "global_tenant")`,
      `patchRole(name: "locked-role", patch: { description: "x" })`,
      `deleteRole(name: "locked-role")`,
      `putRole(name: "locked-role", role: { })`,
    ]) {
      const res = await admin(`mutation { ${q} { changed } }`);
      expect(codes(res.body), q).toEqual(['FORBIDDEN']);
    }
    for (const q of [`deleteRole(name: "secret-role")`, `patchRole(name: "secret-role", patch: { description: "x" })`]) {
      const res = await admin(`mutation { ${q} { changed } }`);
      expect(codes(res.body), q).toEqual(['NOT_FOUND']);
      expect(res.text).not.toMatch(/hidden/);
    }
    const denied = gw.audit.events.filter((e) => e.category === 'MISSING_PRIVILEGES');
    expect(denied.length).toBeGreaterThanOrEqual(7);
    expect(denied[0]).toMatchObject({ user: 'master-user', privilege: expect.stringMatching(/^restapi:admin\//) });
  });

  it('expectedVersion: a stale version is a CONFLICT, the current one succeeds, 0 means "must not exist"', async () => {
    const create = await admin(`mutation { putRole(name: "cas-role", role: { cluster_permissions: [] }, expectedVersion: 0) { version } }`);
    const v1 = create.body.data.putRole.version as number;
    const exists = await admin(`mutation { putRole(name: "cas-role", role: { cluster_permissions: [] }, expectedVersion: 0) { version } }`);
    expect(codes(exists.body)).toEqual(['CONFLICT']);
    const ok = await admin(`mutation { patchRole(name: "cas-role", patch: { description: "a" }, expectedVersion: ${v1}) { version } }`);
    const v2 = ok.body.data.patchRole.version as number;
    expect(v2).toBeGreaterThan(v1);
    const stale = await admin(`mutation { patchRole(name: "cas-role", patch: { description: "b" }, expectedVersion: ${v1}) { version } }`);
    expect(codes(stale.body)).toEqual(['CONFLICT']);
    expect(stale.body.errors[0].extensions.currentVersion).toBe(v2);
    expect((await admin(`{ security { role(name: "cas-role") { description } } }`)).body.data.security.role.description).toBe('a');
    const staleDelete = await admin(`mutation { deleteRole(name: "cas-role", expectedVersion: ${v1}) { changed } }`);
    expect(codes(staleDelete.body)).toEqual(['CONFLICT']);
    expect((await admin(`mutation { deleteRole(name: "cas-role", expectedVersion: ${v2}) { changed } }`)).body.data.deleteRole.changed).toBe(true);
  });

  it('dryRun validates and reports the diff without writing', async () => {
    const v0 = (await admin(`{ security { configVersion } }`)).body.data.security.configVersion;
    const dry = await admin(`mutation { patchRole(name: "movies-limited", patch: { description: "would be" }, dryRun: true) { ${CHANGE} } }`);
    expect(dry.body.data.patchRole).toMatchObject({
      dryRun: true,
      changed: true,
      configVersion: v0,
      diff: [{ path: 'description', before: null, after: 'would be' }],
    });
    const dryCreate = await admin(`mutation { putRole(name: "dry-role", role: { cluster_permissions: [] }, dryRun: true) { before after changed version } }`);
    expect(dryCreate.body.data.putRole).toMatchObject({ before: null, changed: true, version: null });
    const dryBad = await admin(`mutation { putRole(name: "dry-role", role: { cluster_permissions: ["/[/"] }, dryRun: true) { changed } }`);
    expect(codes(dryBad.body)).toEqual(['BAD_USER_INPUT']);
    const after = await admin(`{ security { configVersion role(name: "dry-role") { name } movies: role(name: "movies-limited") { description } } }`);
    expect(after.body.data.security).toEqual({ configVersion: v0, role: null, movies: { description: null } });
    expect(gw.audit.events.filter((e) => e.category === 'COMPLIANCE_INTERNAL_CONFIG_WRITE' && e.resource.includes('dry-role'))).toEqual([]);
  });

  it('internal users: the password is hashed on write, no hash is ever returned, and the user can log in at once', async () => {
    const put = await admin(`mutation { putInternalUser(name: "api-user", user: { password: "s3cret-pw", backend_roles: ["analyst"], attributes: { team: "red" } }) { ${CHANGE} } }`);
    expect(put.body.errors).toBeUndefined();
    expect(put.text).not.toMatch(/\$2[aby]\$/);
    expect(put.text).not.toContain('s3cret-pw');
    expect(put.body.data.putInternalUser.after).toEqual({ backend_roles: ['analyst'], opendistro_security_roles: [], attributes: { team: 'red' } });
    const me = await gw.gql(`{ me { name backendRoles } }`, { auth: 'api-user:s3cret-pw' });
    expect(me.body.data.me).toEqual({ name: 'api-user', backendRoles: ['analyst'] });

    const list = await admin(`{ security { internalUsers { name attributes } internalUser(name: "api-user") { name backend_roles attributes enabled } } }`);
    expect(list.text).not.toMatch(/\$2[aby]\$|hash/);
    expect(list.body.data.security.internalUser).toEqual({ name: 'api-user', backend_roles: ['analyst'], attributes: { team: 'red' }, enabled: true });

    // Changing other fields keeps the password; a new password replaces it.
    await admin(`mutation { patchInternalUser(name: "api-user", patch: { attributes: { team: null, dept: "x" } }) { changed } }`);
    expect((await gw.gql(`{ me { name } }`, { auth: 'api-user:s3cret-pw' })).status).toBe(200);
    const pw = await admin(`mutation { patchInternalUser(name: "api-user", patch: { password: "other-pw" }) { diff { path } } }`);
    expect(pw.body.data.patchInternalUser.diff).toEqual([{ path: 'hash' }]);
    expect((await gw.gql(`{ me { name } }`, { auth: 'api-user:s3cret-pw' })).status).toBe(401);
    expect((await gw.gql(`{ me { name } }`, { auth: 'api-user:other-pw' })).status).toBe(200);

    const noPw = await admin(`mutation { putInternalUser(name: "no-pw", user: { backend_roles: [] }) { changed } }`);
    expect(codes(noPw.body)).toEqual(['BAD_USER_INPUT']);
    const both = await admin(`mutation { putInternalUser(name: "no-pw", user: { password: "x", hash: "y" }) { changed } }`);
    expect(codes(both.body)).toEqual(['BAD_USER_INPUT']);

    await admin(`mutation { deleteInternalUser(name: "api-user") { changed } }`);
    expect((await gw.gql(`{ me { name } }`, { auth: 'api-user:other-pw' })).status).toBe(401);
  });

  it('a new role, mapping and user take effect for the very next request on this instance', async () => {
    const q = `{ movies(first: 50) { total hits { document { title year } } } }`;
    const r = await admin(`mutation($r: SecurityRoleInput!) { putRole(name: "recent-movies", role: $r) { changed } }`, {
      r: { index_permissions: [{ index_patterns: ['movies'], dls: '{"range": {"year": {"gte": 2015}}}', fls: ['title', 'year'], allowed_actions: ['read'] }] },
    });
    expect(r.body.errors).toBeUndefined();
    await admin(`mutation { putInternalUser(name: "fresh-user", user: { password: "fresh-pw", backend_roles: ["fresh"] }) { changed } }`);
    const before = await gw.gql(q, { auth: 'fresh-user:fresh-pw' });
    expect(codes(before.body)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    await admin(`mutation { putRoleMapping(name: "recent-movies", mapping: { backend_roles: ["fresh"] }) { changed } }`);
    const after = await gw.gql(q, { auth: 'fresh-user:fresh-pw' });
    expect(after.body.errors).toBeUndefined();
    const hits = after.body.data.movies.hits as { document: { title: string; year: number } }[];
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.every((h) => h.document.year >= 2015)).toBe(true);
    const all = await gw.gql(`{ movies(first: 50) { total } }`, { auth: MASTER });
    expect(after.body.data.movies.total).toBeLessThan(all.body.data.movies.total);
    // Removing the mapping takes the index away again.
    await admin(`mutation { deleteRoleMapping(name: "recent-movies") { changed } }`);
    expect(codes((await gw.gql(q, { auth: 'fresh-user:fresh-pw' })).body)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  });
});
