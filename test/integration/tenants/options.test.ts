import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../../support/gateway.js';
import { dropIndex, startAdminGateway, type AdminGateway } from '../admin/support.js';
import { LIMITED, MASTER, NEW_USER } from './support.js';

/**
 * The deployment's tenant switches, and the audit trail: administrators reading private tenants only when
 * allowed (and never writing them), no private tenants, no tenants at all; refused and accepted writes audited.
 */
const SAVE = `mutation ($name: String!, $tenant: String) { saveSearch(name: $name, tenant: $tenant, search: { document: "{ me { name } }" }) { version } }`;
const LIST = `query ($tenant: String) { savedSearches(tenant: $tenant) { name } }`;
const INTROSPECT = `{ __schema { mutationType { fields { name } } queryType { fields { name } } } }`;
const code = (res: { body: { errors?: { extensions?: { code?: string } }[] } }) => res.body.errors?.[0]?.extensions?.code;
const unique = (what: string) => `.searchgate-saved-${what}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;

describe.each(BACKENDS)('tenant options (%s)', (backend) => {
  const gateways: AdminGateway[] = [];
  const indices: string[] = [];
  const start = async (tenants: Record<string, unknown>) => {
    const index = unique('opts');
    indices.push(index);
    const gw = await startAdminGateway(backend, {
      adjust: (c) => {
        c.tenants = { ...c.tenants, index, ...tenants };
      },
    });
    gateways.push(gw);
    return gw;
  };
  afterAll(async () => {
    for (const gw of gateways) await gw.close();
    if (backend === 'opensearch') for (const index of indices) await dropIndex(index);
  });

  describe('adminsReadPrivateTenants', () => {
    let gw: AdminGateway;
    beforeAll(async () => {
      gw = await start({ adminsReadPrivateTenants: true });
      await gw.gql(SAVE, { auth: LIMITED, variables: { name: 'diary', tenant: '__user__' } });
    });

    it('lets a security administrator read another user\'s private tenant, by __user__:<name>', async () => {
      const res = await gw.gql(LIST, { auth: MASTER, variables: { tenant: '__user__:limited-user' } });
      expect(res.body.data.savedSearches).toEqual([{ name: 'diary' }]);
    });

    it('but never write it, and nobody else may read it', async () => {
      const write = await gw.gql(SAVE, { auth: MASTER, variables: { name: 'planted', tenant: '__user__:limited-user' } });
      expect(code(write)).toBe('FORBIDDEN');
      expect(code(await gw.gql(LIST, { auth: NEW_USER, variables: { tenant: '__user__:limited-user' } }))).toBe('FORBIDDEN');
      const own = await gw.gql(LIST, { auth: LIMITED, variables: { tenant: '__user__' } });
      expect(own.body.data.savedSearches).toEqual([{ name: 'diary' }]);
    });

    it('audits refused tenant access and every saved-search write', () => {
      const refused = gw.audit.events.filter((e) => e.category === 'MISSING_PRIVILEGES');
      expect(refused).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ user: 'master-user', privilege: 'kibana:saved_objects/*/write', resource: 'tenant/__user__:limited-user' }),
          expect.objectContaining({ user: 'new-user', privilege: 'kibana:saved_objects/*/read', resource: 'tenant/__user__:limited-user' }),
        ]),
      );
      const writes = gw.audit.events.filter((e) => e.category === 'COMPLIANCE_DOC_WRITE');
      expect(writes).toEqual([
        expect.objectContaining({ user: 'limited-user', operation: 'CREATE', resource: 'saved-searches/__user__/diary', version: 1 }),
      ]);
    });
  });

  it('privateTenant: false removes the private tenant, and with it the mutations of a read-only user', async () => {
    const gw = await start({ privateTenant: false });
    const me = await gw.gql(`{ me { tenants { name access } } }`, { auth: LIMITED });
    expect(me.body.data.me.tenants).toEqual([
      { name: 'analysts', access: 'READ' },
      { name: 'global_tenant', access: 'READ' },
    ]);
    // Only read access left: the schema has no saveSearch at all, so a write fails validation.
    const intro = await gw.gql(INTROSPECT, { auth: LIMITED });
    expect(intro.body.data.__schema.mutationType).toBeNull();
    expect(intro.body.data.__schema.queryType.fields.map((f: { name: string }) => f.name)).toContain('savedSearches');
    const write = await gw.gql(SAVE, { auth: LIMITED, variables: { name: 'x', tenant: 'analysts' } });
    expect(write.status).toBe(400);
    expect(code(write)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(code(await gw.gql(LIST, { auth: LIMITED, variables: { tenant: '__user__' } }))).toBe('FORBIDDEN');
    // With no tenant asked for and the default readable, the default applies.
    expect((await gw.gql(LIST, { auth: LIMITED })).body.data.savedSearches).toEqual([]);
  });

  it('defaultTenant applies when a request names none; an unreadable default falls back to the private tenant', async () => {
    const gw = await start({ defaultTenant: 'analysts' });
    expect((await gw.gql(SAVE, { auth: MASTER, variables: { name: 'to-default' } })).body.data.saveSearch.version).toBe(1);
    expect((await gw.gql(LIST, { auth: LIMITED, variables: { tenant: 'analysts' } })).body.data.savedSearches).toEqual([{ name: 'to-default' }]);
    // new-user cannot read `analysts`: their private tenant is used instead.
    expect((await gw.gql(SAVE, { auth: NEW_USER, variables: { name: 'fallback' } })).body.data.saveSearch.version).toBe(1);
    expect((await gw.gql(LIST, { auth: NEW_USER, variables: { tenant: '__user__' } })).body.data.savedSearches).toEqual([{ name: 'fallback' }]);
  });

  it('enabled: false removes tenants from every schema', async () => {
    const gw = await start({ enabled: false });
    for (const auth of [MASTER, LIMITED]) {
      const intro = await gw.gql(INTROSPECT, { auth });
      expect(intro.body.data.__schema.queryType.fields.map((f: { name: string }) => f.name)).not.toContain('savedSearches');
      expect(JSON.stringify(intro.body)).not.toContain('saveSearch');
      expect((await gw.gql(`{ me { tenants { name } } }`, { auth })).body.data.me.tenants).toEqual([]);
    }
  });
});
