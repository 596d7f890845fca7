import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine, serveEngine } from '../../../src/engine/index.js';
import { BACKENDS, startTestGateway, type TestGateway } from '../../support/gateway.js';
import { LIMITED, MASTER } from './support.js';

/**
 * Two gateway instances on one backend see the same saved searches, and a version written through one is the
 * version the other checks against. On the embedded engine the instances share it over HTTP
 * (`searchgate engine`), the way several gateways would in production.
 */
const SAVE = `mutation ($name: String!, $document: String!, $tenant: String, $expectedVersion: Int) {
  saveSearch(name: $name, search: { document: $document }, tenant: $tenant, expectedVersion: $expectedVersion) { version }
}`;
const LIST = `query ($tenant: String) { savedSearches(tenant: $tenant) { name version document } }`;
const RUN = `query ($name: String!, $tenant: String) { runSavedSearch(name: $name, tenant: $tenant) { data errors { code } } }`;

describe.each(BACKENDS)('two gateway instances share saved searches (%s)', (backend) => {
  let a: TestGateway;
  let b: TestGateway;
  let engine: { close(): Promise<void> } | undefined;
  let engineDir: string | undefined;
  const savedIndex = `.searchgate-saved-two-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  const storeIndex = `.searchgate-security-two-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;

  beforeAll(async () => {
    let url = process.env.OPENSEARCH_URL;
    if (backend === 'embedded') {
      engineDir = await mkdtemp(join(tmpdir(), 'searchgate-two-engine-'));
      const served = await serveEngine(await Engine.open({ dataDir: engineDir }), { port: 0 });
      engine = served;
      url = served.url;
    }
    const share = (c: Parameters<NonNullable<Parameters<typeof startTestGateway>[1]>>[0]) => {
      c.backend = { ...c.backend, url };
      c.store = { ...c.store, index: storeIndex, durable: true };
      c.tenants = { ...c.tenants, index: savedIndex };
    };
    a = await startTestGateway(backend, share);
    b = await startTestGateway(backend, share);
  });
  afterAll(async () => {
    for (const index of [savedIndex, storeIndex]) {
      await a?.gateway.backend.client.indices.delete({ index, ignore_unavailable: true } as never).catch(() => undefined);
    }
    await a?.close();
    await b?.close();
    await engine?.close();
    if (engineDir) await rm(engineDir, { recursive: true, force: true });
  });

  it('a search saved through A is listed, read and run through B at once', async () => {
    const saved = await a.gql(SAVE, { auth: MASTER, variables: { name: 'shared', tenant: 'analysts', document: '{ movies(first: 5) { total hits { id } } }' } });
    expect(saved.body.data.saveSearch.version).toBe(1);
    const listed = await b.gql(LIST, { auth: LIMITED, variables: { tenant: 'analysts' } });
    expect(listed.body.data.savedSearches).toEqual([{ name: 'shared', version: 1, document: '{ movies(first: 5) { total hits { id } } }' }]);
    const viaB = (await b.gql(RUN, { auth: LIMITED, variables: { name: 'shared', tenant: 'analysts' } })).body.data.runSavedSearch;
    const viaA = (await a.gql(RUN, { auth: LIMITED, variables: { name: 'shared', tenant: 'analysts' } })).body.data.runSavedSearch;
    expect(viaB.errors).toEqual([]);
    expect(viaB.data).toEqual(viaA.data);
  });

  it('versions are shared: a write through B over version 1 makes A\'s stale write a CONFLICT', async () => {
    const viaB = await b.gql(SAVE, { auth: MASTER, variables: { name: 'shared', tenant: 'analysts', document: '{ movies(first: 1) { total } }', expectedVersion: 1 } });
    expect(viaB.body.data.saveSearch.version).toBe(2);
    const stale = await a.gql(SAVE, { auth: MASTER, variables: { name: 'shared', tenant: 'analysts', document: '{ me { name } }', expectedVersion: 1 } });
    expect(stale.body.errors[0].extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 2 });
    const listed = await a.gql(LIST, { auth: MASTER, variables: { tenant: 'analysts' } });
    expect(listed.body.data.savedSearches).toEqual([{ name: 'shared', version: 2, document: '{ movies(first: 1) { total } }' }]);
  });

  it('a private search saved through A stays private through B', async () => {
    await a.gql(SAVE, { auth: LIMITED, variables: { name: 'mine', tenant: '__user__', document: '{ me { name } }' } });
    expect((await b.gql(LIST, { auth: LIMITED, variables: { tenant: '__user__' } })).body.data.savedSearches.map((s: { name: string }) => s.name)).toEqual(['mine']);
    expect((await b.gql(LIST, { auth: MASTER, variables: { tenant: '__user__' } })).body.data.savedSearches).toEqual([]);
  });
});
