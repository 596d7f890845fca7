import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../../support/gateway.js';
import { codes, dropIndex, masterToken, startAdminGateway, uniqueStoreIndex, type AdminGateway } from './support.js';

/**
 * Concurrent administrators never lose an update: every write is re-applied on the newest version until it
 * wins the next version number (op_type=create on the backend), and writes on one instance queue.
 */
describe.each(BACKENDS)('concurrent admin writes (%s)', (backend) => {
  let gw: AdminGateway;
  let token: string;
  const admin = (query: string) => gw.gql(query, { auth: token });

  beforeAll(async () => {
    gw = await startAdminGateway(backend);
    token = await masterToken(gw);
  });
  afterAll(async () => {
    await gw?.close();
  });

  it('20 concurrent creates of different roles all land, one version each', async () => {
    const v0 = (await admin(`{ security { configVersion } }`)).body.data.security.configVersion as number;
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => admin(`mutation { putRole(name: "conc-${i}", role: { cluster_permissions: ["cluster_monitor"] }) { configVersion version } }`)),
    );
    for (const r of results) expect(r.body.errors).toBeUndefined();
    const versions = results.map((r) => r.body.data.putRole.configVersion as number).sort((a, b) => a - b);
    expect(versions).toEqual(Array.from({ length: 20 }, (_, i) => v0 + i + 1));
    const roles = (await admin(`{ security { configVersion roles { name } } }`)).body.data.security;
    expect(roles.configVersion).toBe(v0 + 20);
    const names = new Set(roles.roles.map((r: { name: string }) => r.name));
    for (let i = 0; i < 20; i++) expect(names.has(`conc-${i}`)).toBe(true);
  });

  it('20 concurrent patches of one entry (each adding its own attribute) all survive', async () => {
    await admin(`mutation { putInternalUser(name: "shared-user", user: { password: "shared-pw" }) { changed } }`);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => admin(`mutation { patchInternalUser(name: "shared-user", patch: { attributes: { k${i}: "v${i}" } }) { changed } }`)),
    );
    for (const r of results) expect(r.body.errors).toBeUndefined();
    const user = (await admin(`{ security { internalUser(name: "shared-user") { attributes } } }`)).body.data.security.internalUser;
    expect(Object.keys(user.attributes).sort()).toEqual(Array.from({ length: 20 }, (_, i) => `k${i}`).sort());
  });

  it('of 20 concurrent writers holding the same expectedVersion exactly one wins; the rest get CONFLICT', async () => {
    const created = await admin(`mutation { putRole(name: "race-role", role: { cluster_permissions: [] }) { version } }`);
    const v = created.body.data.putRole.version as number;
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => admin(`mutation { patchRole(name: "race-role", patch: { description: "writer ${i}" }, expectedVersion: ${v}) { changed } }`)),
    );
    const ok = results.filter((r) => r.body.errors === undefined);
    expect(ok).toHaveLength(1);
    for (const r of results.filter((x) => x.body.errors !== undefined)) expect(codes(r.body)).toEqual(['CONFLICT']);
  });
});

describe.skipIf(!process.env.OPENSEARCH_URL)('concurrent writers on two instances (opensearch)', () => {
  let a: AdminGateway;
  let b: AdminGateway;
  let token: string;
  const index = uniqueStoreIndex();

  beforeAll(async () => {
    a = await startAdminGateway('opensearch', { storeIndex: index, pollIntervalMs: 1000 });
    b = await startAdminGateway('opensearch', { storeIndex: index, pollIntervalMs: 1000 });
    token = await masterToken(a);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await dropIndex(index);
  });

  it('20 writers spread over two instances lose nothing', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        (i % 2 === 0 ? a : b).gql(`mutation { putRole(name: "two-${i}", role: { cluster_permissions: [] }) { configVersion } }`, { auth: token }),
      ),
    );
    for (const r of results) expect(r.body.errors).toBeUndefined();
    expect(new Set(results.map((r) => r.body.data.putRole.configVersion)).size).toBe(20);
    await a.gateway.configStore.refresh();
    const names = new Set(a.gateway.configStore.current.config.roles.keys());
    for (let i = 0; i < 20; i++) expect(names.has(`two-${i}`)).toBe(true);
  });
});
