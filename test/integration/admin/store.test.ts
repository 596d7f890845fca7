import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../../support/gateway.js';
import { adminSecurityFolder, dropIndex, MASTER, startAdminGateway, uniqueStoreIndex } from './support.js';

async function healthz(url: string) {
  const res = await fetch(`${url}/healthz`);
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

describe.each(BACKENDS)('the durable config store (%s)', (backend) => {
  const cleanup: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanup.reverse()) await c();
  });

  it('imports the YAML folder as version 1 once, keeps changes across a restart, and ignores the folder afterwards', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'searchgate-admin-store-'));
    const securityDir = await adminSecurityFolder();
    const storeIndex = uniqueStoreIndex();
    cleanup.push(async () => {
      await rm(dataDir, { recursive: true, force: true });
      await rm(securityDir, { recursive: true, force: true });
      await dropIndex(storeIndex);
    });
    const first = await startAdminGateway(backend, { dataDir, securityDir, storeIndex });
    expect(first.gateway.configStore.current.version).toBe(1);
    expect(first.gateway.configStore.current.author).toBe('import');
    const h = await healthz(first.url);
    expect(h.body.securityConfig).toMatchObject({ durable: true, readable: true, version: 1, store: `index ${storeIndex}` });
    await first.gql(`mutation { putRole(name: "durable-role", role: { cluster_permissions: ["cluster_monitor"] }) { changed } }`, { auth: MASTER });
    await first.gql(`mutation { deleteInternalUser(name: "nobody") { changed } }`, { auth: MASTER });
    await first.close({ keepData: true });

    const second = await startAdminGateway(backend, { dataDir, securityDir, storeIndex });
    try {
      const s = second.gateway.configStore.current;
      expect(s.version).toBe(3);
      expect(s.author).toBe('master-user');
      expect(s.config.roles.has('durable-role')).toBe(true);
      // The YAML folder still has "nobody", but the store is the truth once it holds a version.
      expect(s.config.internalUsers.has('nobody')).toBe(false);
      expect((await second.gql(`{ me { name } }`, { auth: 'nobody:nobody-password' })).status).toBe(401);
    } finally {
      await second.close({ keepData: true });
    }
  });

  it('when the store cannot be read, the last good configuration stays in force and /healthz says so', async () => {
    const gw = await startAdminGateway(backend);
    cleanup.push(() => gw.close());
    await gw.gql(`mutation { putInternalUser(name: "kept-user", user: { password: "kept-password" }) { changed } }`, { auth: MASTER });
    await gw.gateway.backend.client.indices.delete({ index: gw.storeIndex });
    await expect(gw.gateway.configStore.refresh()).rejects.toThrow(/does not exist/);
    const h = await healthz(gw.url);
    expect(h.status).toBe(200);
    expect(h.body.status).toBe('degraded');
    expect(h.body.securityConfig).toMatchObject({ readable: false, version: 2 });
    // Same rules as before: the admin still administers, the new user still logs in, the limited user is still limited.
    expect((await gw.gql(`{ me { name } }`, { auth: 'kept-user:kept-password' })).body.data.me.name).toBe('kept-user');
    // No admin mutations for them: only saving searches in their own writable (private) tenant.
    const limited = await gw.gql(`{ __schema { mutationType { fields { name } } } }`, { auth: 'limited-user:limited-password' });
    expect(limited.body.data.__schema.mutationType.fields.map((f: { name: string }) => f.name)).toEqual(['saveSearch', 'deleteSavedSearch']);
    // A write cannot be made durable: refused, and nothing changes.
    const write = await gw.gql(`mutation { putRole(name: "lost", role: { cluster_permissions: [] }) { changed } }`, { auth: MASTER });
    expect(write.body.errors?.[0]?.extensions?.code).toBe('BACKEND_UNAVAILABLE');
    expect(gw.gateway.configStore.current.config.roles.has('lost')).toBe(false);
  });

  it('with store.durable: false the configuration is held in memory, and /healthz says it is not durable', async () => {
    const gw = await startAdminGateway(backend, { store: false });
    cleanup.push(() => gw.close());
    const h = await healthz(gw.url);
    expect(h.body.securityConfig).toMatchObject({ durable: false, readable: true, store: 'memory (not durable)' });
    const put = await gw.gql(`mutation { putRole(name: "mem-role", role: { cluster_permissions: [] }) { configVersion } }`, { auth: MASTER });
    expect(put.body.data.putRole.configVersion).toBe(2);
  });
});
