import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropIndex, MASTER, startAdminGateway, uniqueStoreIndex, type AdminGateway } from './support.js';

if (!process.env.OPENSEARCH_URL) console.log('[searchgate tests] two-instance admin test skipped: OPENSEARCH_URL is not set');

/** Two gateways on one real node share the store index: a change made through one applies on the other. */
describe.skipIf(!process.env.OPENSEARCH_URL)('two gateway instances on one backend (opensearch)', () => {
  let a: AdminGateway;
  let b: AdminGateway;
  const index = uniqueStoreIndex();

  beforeAll(async () => {
    // The default poll interval (1 s): a change must reach the other instance within 2 s.
    a = await startAdminGateway('opensearch', { storeIndex: index, pollIntervalMs: 1000 });
    b = await startAdminGateway('opensearch', { storeIndex: index, pollIntervalMs: 1000 });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await dropIndex(index);
  });

  async function within(ms: number, check: () => Promise<boolean>): Promise<boolean> {
    const deadline = Date.now() + ms;
    while (Date.now() < deadline) {
      if (await check()) return true;
      await new Promise((r) => setTimeout(r, 100));
    }
    return check();
  }

  it('both start from the same imported version', () => {
    expect(a.gateway.configStore.current.version).toBe(1);
    expect(b.gateway.configStore.current.version).toBe(1);
  });

  it('a user created through A can log in at B within 2 s, and a deletion through B locks them out of A', async () => {
    await a.gql(`mutation { putInternalUser(name: "roaming", user: { password: "roaming-pw" }) { changed } }`, { auth: MASTER });
    expect((await a.gql(`{ me { name } }`, { auth: 'roaming:roaming-pw' })).status).toBe(200);
    const seen = await within(2000, async () => (await b.gql(`{ me { name } }`, { auth: 'roaming:roaming-pw' })).status === 200);
    expect(seen).toBe(true);

    await b.gql(`mutation { deleteInternalUser(name: "roaming") { changed } }`, { auth: MASTER });
    const gone = await within(2000, async () => (await a.gql(`{ me { name } }`, { auth: 'roaming:roaming-pw' })).status === 401);
    expect(gone).toBe(true);
  });

  it('a role and mapping created through A change what a user sees through B', async () => {
    await a.gql(`mutation { putInternalUser(name: "viewer", user: { password: "viewer-pw", backend_roles: ["viewers"] }) { changed } }`, { auth: MASTER });
    await a.gql(
      `mutation { putRole(name: "viewers", role: { index_permissions: [{ index_patterns: ["movies"], allowed_actions: ["read"] }] }) { changed } }`,
      { auth: MASTER },
    );
    await a.gql(`mutation { putRoleMapping(name: "viewers", mapping: { backend_roles: ["viewers"] }) { changed } }`, { auth: MASTER });
    const visible = await within(2000, async () => {
      const res = await b.gql(`{ movies(first: 1) { total } }`, { auth: 'viewer:viewer-pw' });
      return res.body.data?.movies?.total > 0;
    });
    expect(visible).toBe(true);
    expect(b.gateway.configStore.current.version).toBe(a.gateway.configStore.current.version);
  });
});
