import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../../support/gateway.js';
import { MASTER, startAdminGateway, type AdminGateway } from '../admin/support.js';

/**
 * Administrators' tools cannot be turned against the gateway itself: testDls never counts on system indices
 * (it is an oracle: a `prefix` rule recovers values character by character), and no change may remove the
 * last security administrator.
 */
describe.each(BACKENDS)('admin tools under hostile use (%s)', (backend) => {
  let gw: AdminGateway;
  beforeAll(async () => {
    gw = await startAdminGateway(backend);
    // A saved search exists, so a count on its index would reveal something.
    await gw.gql('mutation { saveSearch(name: "secret-name", tenant: "__user__", search: { document: "{ me { name } }" }) { version } }', { auth: MASTER });
  });
  afterAll(() => gw?.close());

  const TEST = 'query($i: String!) { security { testDls(query: "{\\"prefix\\": {\\"name\\": \\"s\\"}}", index: $i) { valid matchCount } } }';

  it('refuses testDls on system indices, however they are named', async () => {
    for (const index of ['.searchgate-saved-searches', '.searchgate*', '.s*', '*', '_all', 'movies,.searchgate-saved-searches']) {
      const r = await gw.gql(TEST, { auth: MASTER, variables: { i: index } });
      expect(r.body.data?.security ?? null, index).toBeNull();
      expect(['FORBIDDEN', 'BAD_USER_INPUT'], index).toContain(r.body.errors[0].extensions.code);
    }
    const missing = await gw.gql(TEST, { auth: MASTER, variables: { i: 'no-such-index' } });
    expect(missing.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('still counts on ordinary indices and patterns of them', async () => {
    for (const index of ['movies', 'mov*']) {
      const r = await gw.gql('query($i: String!) { security { testDls(query: "{\\"range\\": {\\"year\\": {\\"lte\\": 2012}}}", index: $i) { valid matchCount } } }', { auth: MASTER, variables: { i: index } });
      expect(r.body.errors, index).toBeUndefined();
      expect(r.body.data.security.testDls.matchCount, index).toBeGreaterThan(0);
    }
  });

  it('refuses a change that removes the last administrator, allows one that keeps another', async () => {
    const del = await gw.gql('mutation { deleteRoleMapping(name: "all_access") { changed } }', { auth: MASTER });
    expect(del.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(del.body.errors[0].message).toMatch(/no security administrator/);
    const emptied = await gw.gql('mutation { putRoleMapping(name: "all_access", mapping: { users: [] }) { changed } }', { auth: MASTER });
    expect(emptied.body.errors[0].message).toMatch(/no security administrator/);
    const disable = await gw.gql('mutation { patchInternalUser(name: "master-user", patch: { enabled: false }) { changed } }', { auth: MASTER });
    expect(disable.body.errors[0].message).toMatch(/no security administrator/);
    // With a second administrator mapped, the first may go.
    const add = await gw.gql('mutation { putRoleMapping(name: "security_manager", mapping: { backend_roles: ["sec-admins"] }) { changed } }', { auth: MASTER });
    expect(add.body.errors).toBeUndefined();
    const now = await gw.gql('mutation { putRoleMapping(name: "all_access", mapping: { users: [] }) { changed } }', { auth: MASTER });
    expect(now.body.errors).toBeUndefined();
    expect(now.body.data.putRoleMapping.changed).toBe(true);
  });
});

describe('password policy through the admin API', () => {
  let gw: AdminGateway;
  beforeAll(async () => {
    gw = await startAdminGateway('embedded');
  });
  afterAll(() => gw?.close());

  it('refuses a short password and a weak ready-made hash, accepts a sound password', async () => {
    const short = await gw.gql('mutation { putInternalUser(name: "u1", user: { password: "x" }) { changed } }', { auth: MASTER });
    expect(short.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'password' });
    const cost4 = '$2y$04$abcdefghijklmnopqrstuu5Qt4KcGAsK0pmjn0Dr7XGzQkVqMnCtO';
    const weak = await gw.gql(`mutation { putInternalUser(name: "u2", user: { hash: "${cost4}" }) { changed } }`, { auth: MASTER });
    expect(weak.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'hash' });
    const ok = await gw.gql('mutation { putInternalUser(name: "u3", user: { password: "a-long-password" }) { changed } }', { auth: MASTER });
    expect(ok.body.errors).toBeUndefined();
    expect(ok.body.data.putInternalUser.changed).toBe(true);
    const login = await gw.gql('{ me { name } }', { auth: 'u3:a-long-password' });
    expect(login.body.data.me.name).toBe('u3');
  });
});
