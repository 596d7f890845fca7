import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, startTestGateway, type TestGateway } from '../../support/gateway.js';

/**
 * Saved-search amplification: one user storing without bound, and one short `savedSearches` call returning
 * all of it. Quotas per saved search, per tenant and per user, in count and bytes; listing is paged.
 */
const MASTER = 'master-user:master-password';
const LIMITED = 'limited-user:limited-password';
const SAVE = 'mutation ($n: String!, $s: SavedSearchInput!, $t: String) { saveSearch(name: $n, search: $s, tenant: $t) { version } }';
const doc = (pad: number) => ({ document: `{ movies(query: "${'x'.repeat(pad)}") { total } }` });

describe.each(BACKENDS)('saved-search quotas (%s)', (backend) => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway(backend, (c) => {
      c.tenants = { ...c.tenants, maxSearchBytes: 2048, maxPerUser: 5, maxBytesPerUser: 6000, maxPerTenant: 7, maxBytesPerTenant: 100_000 };
    });
  });
  afterAll(() => gw?.close());

  const save = (auth: string, name: string, pad: number, tenant = '__user__') =>
    gw.gql(SAVE, { auth, variables: { n: name, s: doc(pad), t: tenant } });

  it('refuses one search over the size cap, naming the quota', async () => {
    const r = await save(MASTER, 'big', 3000);
    expect(r.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', quota: 'maxSearchBytes', max: 2048 });
    const fine = await save(MASTER, 'small', 10);
    expect(fine.body.data.saveSearch.version).toBe(1);
  });

  it('counts a user\'s searches and bytes across tenants; replacing one frees its share', async () => {
    // master-user already has "small" (above): 4 more reach the count quota of 5 ...
    for (let i = 0; i < 4; i++) expect((await save(MASTER, `s${i}`, 10, i % 2 ? 'global_tenant' : '__user__')).body.errors).toBeUndefined();
    const sixth = await save(MASTER, 's4', 10);
    expect(sixth.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', quota: 'maxPerUser', max: 5 });
    // ... replacing an existing one is still allowed, and other users have their own quota.
    expect((await save(MASTER, 's0', 20)).body.data.saveSearch.version).toBe(2);
    expect((await save(LIMITED, 'mine', 10)).body.data.saveSearch.version).toBe(1);
    // Bytes: a replacement that would take master-user past 6,000 bytes is refused.
    const grown = await save(MASTER, 's1', 1900, 'global_tenant');
    expect(grown.body.errors).toBeUndefined();
    const more = await save(MASTER, 's2', 1900);
    expect(more.body.errors).toBeUndefined();
    const over = await save(MASTER, 's3', 1900, 'global_tenant');
    expect(over.body.errors[0].extensions).toMatchObject({ quota: 'maxBytesPerUser' });
    // Deleting frees the share.
    const del = await gw.gql('mutation { deleteSavedSearch(name: "s2", tenant: "__user__") { version } }', { auth: MASTER });
    expect(del.body.errors).toBeUndefined();
    expect((await save(MASTER, 's3', 1900, 'global_tenant')).body.errors).toBeUndefined();
  });

  it('lists a page at a time', async () => {
    const q = 'query ($a: String, $f: Int) { savedSearches(tenant: "__user__", first: $f, after: $a) { name } }';
    const page1 = await gw.gql(q, { auth: MASTER, variables: { f: 2 } });
    const names1 = page1.body.data.savedSearches.map((s: { name: string }) => s.name);
    expect(names1).toEqual(['s0', 'small']);
    const page2 = await gw.gql(q, { auth: MASTER, variables: { f: 2, a: names1.at(-1) } });
    expect(page2.body.data.savedSearches).toEqual([]);
    const all = await gw.gql('{ savedSearches(tenant: "global_tenant") { name } }', { auth: MASTER });
    expect(all.body.data.savedSearches.map((s: { name: string }) => s.name)).toEqual(['s1', 's3']);
    const bad = await gw.gql(q, { auth: MASTER, variables: { f: 10_000 } });
    expect(bad.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });
});
