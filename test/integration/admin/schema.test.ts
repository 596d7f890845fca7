import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../../support/gateway.js';
import { codes, LIMITED, MASTER, startAdminGateway, type AdminGateway } from './support.js';

const INTROSPECT = `{ __schema { mutationType { name fields { name } } queryType { fields { name } } } }`;

describe.each(BACKENDS)('admin API visibility (%s)', (backend) => {
  let gw: AdminGateway;
  beforeAll(async () => {
    gw = await startAdminGateway(backend);
  });
  afterAll(async () => {
    await gw?.close();
  });

  it('an administrator sees Query.security and every Mutation', async () => {
    const res = await gw.gql(INTROSPECT, { auth: MASTER });
    const schema = res.body.data.__schema;
    expect(schema.queryType.fields.map((f: { name: string }) => f.name)).toContain('security');
    const mutations = schema.mutationType.fields.map((f: { name: string }) => f.name);
    for (const kind of ['Role', 'RoleMapping', 'ActionGroup', 'InternalUser', 'Tenant']) {
      for (const op of ['put', 'patch', 'delete']) expect(mutations).toContain(`${op}${kind}`);
    }
  });

  it('a non-administrator has no admin mutations and no security field at all', async () => {
    for (const auth of [LIMITED, 'new-user:new-password', 'nobody:nobody-password']) {
      const res = await gw.gql(INTROSPECT, { auth });
      expect(res.status).toBe(200);
      // Saving searches in a writable tenant (their private one) is all they may change; without a role, nothing.
      const mutations = res.body.data.__schema.mutationType?.fields.map((f: { name: string }) => f.name) ?? null;
      expect(mutations).toEqual(auth.startsWith('nobody') ? null : ['saveSearch', 'deleteSavedSearch']);
      expect(res.body.data.__schema.queryType.fields.map((f: { name: string }) => f.name)).not.toContain('security');
      expect(res.text).not.toMatch(/SecurityRole|putRole/);
    }
  });

  it('a non-administrator asking for admin operations gets a validation error, and nothing changes', async () => {
    const m = await gw.gql(`mutation { deleteRole(name: "movies-limited") { changed } }`, { auth: LIMITED });
    // Refused at validation, exactly like any other part of the schema the caller does not have.
    expect(m.status).toBe(400);
    expect(codes(m.body)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(m.body.data?.deleteRole).toBeUndefined();
    const q = await gw.gql(`{ security { roles { name } } }`, { auth: LIMITED });
    expect(codes(q.body)).toContain('GRAPHQL_VALIDATION_FAILED');
    const still = await gw.gql(`{ security { role(name: "movies-limited") { name } } }`, { auth: MASTER });
    expect(still.body.data.security.role.name).toBe('movies-limited');
  });

  it('a user given a role listed in restapiRolesEnabled gains the admin API on the next request', async () => {
    const before = await gw.gql(INTROSPECT, { auth: 'nobody:nobody-password' });
    expect(before.body.data.__schema.mutationType).toBeNull();
    const put = await gw.gql(`mutation { putRoleMapping(name: "security_manager", mapping: { users: ["nobody"] }) { changed } }`, { auth: MASTER });
    expect(put.body.data.putRoleMapping.changed).toBe(true);
    const after = await gw.gql(INTROSPECT, { auth: 'nobody:nobody-password' });
    expect(after.body.data.__schema.mutationType.name).toBe('Mutation');
    const del = await gw.gql(`mutation { deleteRoleMapping(name: "security_manager") { changed } }`, { auth: MASTER });
    expect(del.body.data.deleteRoleMapping.changed).toBe(true);
    const again = await gw.gql(INTROSPECT, { auth: 'nobody:nobody-password' });
    expect(again.body.data.__schema.mutationType).toBeNull();
  });
});
