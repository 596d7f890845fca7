import { rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, startTestGateway, type TestGateway } from '../../support/gateway.js';
import { LIMITED, MASTER, MOVIES_DOCUMENT, NEW_USER, NOBODY, tenantSecurityFolder } from './support.js';

/**
 * Tenants and saved searches end to end, on every backend: choosing a tenant, read-only tenants refusing
 * writes, private tenants, versions, and running a saved search as the caller (never as its author).
 */
const SAVE = `mutation Save($name: String!, $search: SavedSearchInput!, $tenant: String, $expectedVersion: Int) {
  saveSearch(name: $name, search: $search, tenant: $tenant, expectedVersion: $expectedVersion) { name tenant version createdBy updatedBy }
}`;
const DELETE = `mutation Del($name: String!, $tenant: String, $expectedVersion: Int) {
  deleteSavedSearch(name: $name, tenant: $tenant, expectedVersion: $expectedVersion) { name tenant version }
}`;
const LIST = `query List($tenant: String) { savedSearches(tenant: $tenant) { name tenant version document indexSearch { index fields } } }`;
const GET = `query Get($name: String!, $tenant: String) { savedSearch(name: $name, tenant: $tenant) { name version document } }`;
const RUN = `query Run($name: String!, $tenant: String, $variables: JSON) {
  runSavedSearch(name: $name, tenant: $tenant, variables: $variables) { search { name } data errors { message path code } }
}`;

const codeOf = (body: { errors?: { extensions?: { code?: string } }[] }) => body.errors?.[0]?.extensions?.code;

describe.each(BACKENDS)('tenants and saved searches (%s)', (backend) => {
  let gw: TestGateway;
  let securityDir: string;
  beforeAll(async () => {
    securityDir = await tenantSecurityFolder();
    gw = await startTestGateway(backend, (c) => {
      c.security.configDir = securityDir;
    });
  });
  afterAll(async () => {
    await gw?.close();
    await rm(securityDir, { recursive: true, force: true });
  });

  const save = (auth: string, variables: Record<string, unknown>, headers?: Record<string, string>) =>
    gw.gql(SAVE, { auth, variables, ...(headers ? { headers } : {}) });

  it('me lists each tenant with read or write, the private one as __user__', async () => {
    const res = await gw.gql(`{ me { tenants { name access } } }`, { auth: LIMITED });
    expect(res.body.data.me.tenants).toEqual([
      { name: '__user__', access: 'WRITE' },
      { name: 'analysts', access: 'READ' },
      { name: 'global_tenant', access: 'READ' },
      { name: 'team-limited-user', access: 'WRITE' },
    ]);
    const master = await gw.gql(`{ me { tenants { name access } } }`, { auth: MASTER });
    expect(master.body.data.me.tenants.map((t: { name: string }) => t.name)).toEqual(
      ['__user__', 'analysts', 'global_tenant', 'secret-team', 'team-limited-user', 'team-new-user'],
    );
    expect(master.body.data.me.tenants.every((t: { access: string }) => t.access === 'WRITE')).toBe(true);
  });

  it('a caller without any role has no tenant fields at all', async () => {
    const res = await gw.gql(`{ savedSearches { name } }`, { auth: NOBODY });
    expect(res.status).toBe(400);
    expect(codeOf(res.body)).toBe('GRAPHQL_VALIDATION_FAILED');
    const intro = await gw.gql(`{ __schema { mutationType { name } queryType { fields { name } } } }`, { auth: NOBODY });
    expect(intro.body.data.__schema.mutationType).toBeNull();
    expect(intro.body.data.__schema.queryType.fields.map((f: { name: string }) => f.name)).not.toContain('savedSearches');
  });

  it('saves into the tenant named by the argument, else the securitytenant header, else the default', async () => {
    const search = { document: `{ movies(first: 1) { total } }` };
    expect((await save(MASTER, { name: 'by-arg', search, tenant: 'analysts' })).body.data.saveSearch.tenant).toBe('analysts');
    expect((await save(MASTER, { name: 'by-header', search }, { securitytenant: 'secret-team' })).body.data.saveSearch.tenant).toBe('secret-team');
    expect((await save(MASTER, { name: 'by-default', search })).body.data.saveSearch.tenant).toBe('global_tenant');
    // An empty header is the global tenant, as Dashboards sends it.
    expect((await save(MASTER, { name: 'by-empty-header', search }, { securitytenant: '' })).body.data.saveSearch.tenant).toBe('global_tenant');
    // The argument wins over the header.
    const both = await save(MASTER, { name: 'both', search, tenant: 'analysts' }, { securitytenant: 'secret-team' });
    expect(both.body.data.saveSearch.tenant).toBe('analysts');

    const names = async (tenant: string) =>
      ((await gw.gql(LIST, { auth: MASTER, variables: { tenant } })).body.data.savedSearches as { name: string }[]).map((s) => s.name);
    expect(await names('analysts')).toEqual(['both', 'by-arg']);
    expect(await names('secret-team')).toEqual(['by-header']);
    expect(await names('global_tenant')).toEqual(['by-default', 'by-empty-header']);
  });

  it('an unknown tenant and an unreadable one give the same FORBIDDEN answer', async () => {
    const unknown = await gw.gql(LIST, { auth: LIMITED, variables: { tenant: 'no-such-team' } });
    const unreadable = await gw.gql(LIST, { auth: LIMITED, variables: { tenant: 'secret-team' } });
    expect(codeOf(unknown.body)).toBe('FORBIDDEN');
    expect(codeOf(unreadable.body)).toBe('FORBIDDEN');
    expect(unknown.body.data).toBeNull();
    expect(unreadable.body.data).toBeNull();
    expect(unknown.body.errors[0].message.replace('no-such-team', 'X')).toBe(unreadable.body.errors[0].message.replace('secret-team', 'X'));
    // The same through the header, and for a run or a get.
    const byHeader = await gw.gql(LIST, { auth: LIMITED, headers: { securitytenant: 'secret-team' } });
    expect(codeOf(byHeader.body)).toBe('FORBIDDEN');
    const run = await gw.gql(RUN, { auth: LIMITED, variables: { name: 'by-header', tenant: 'secret-team' } });
    expect(codeOf(run.body)).toBe('FORBIDDEN');
    expect(JSON.stringify(run.body)).not.toContain('total');
  });

  it('a read-only tenant refuses every write, by argument or header, and nothing changes', async () => {
    const before = (await gw.gql(GET, { auth: MASTER, variables: { name: 'by-arg', tenant: 'analysts' } })).body.data.savedSearch;
    const attempts = [
      save(LIMITED, { name: 'by-arg', search: { document: '{ me { name } }' }, tenant: 'analysts' }),
      save(LIMITED, { name: 'new-one', search: { document: '{ me { name } }' }, tenant: 'analysts' }),
      save(LIMITED, { name: 'by-arg', search: { document: '{ me { name } }' } }, { securitytenant: 'analysts' }),
      save(LIMITED, { name: 'by-arg', search: { document: '{ me { name } }' }, tenant: 'analysts', expectedVersion: before.version }),
      save(LIMITED, { name: 'g', search: { document: '{ me { name } }' }, tenant: 'global_tenant' }),
      save(LIMITED, { name: 'g', search: { document: '{ me { name } }' } }, { securitytenant: '' }),
      gw.gql(DELETE, { auth: LIMITED, variables: { name: 'by-arg', tenant: 'analysts' } }),
      gw.gql(DELETE, { auth: LIMITED, variables: { name: 'by-arg' }, headers: { securitytenant: 'analysts' } }),
      gw.gql(DELETE, { auth: LIMITED, variables: { name: 'by-default', tenant: 'global_tenant', expectedVersion: 1 } }),
    ];
    for (const res of await Promise.all(attempts)) {
      expect(codeOf(res.body)).toBe('FORBIDDEN');
      expect(res.body.errors[0].message).toMatch(/read-only/);
      expect(res.body.data).toBeNull();
    }
    const after = (await gw.gql(GET, { auth: MASTER, variables: { name: 'by-arg', tenant: 'analysts' } })).body.data.savedSearch;
    expect(after).toEqual(before);
    const analysts = (await gw.gql(LIST, { auth: MASTER, variables: { tenant: 'analysts' } })).body.data.savedSearches;
    expect(analysts.map((s: { name: string }) => s.name)).toEqual(['both', 'by-arg']);
    expect((await gw.gql(LIST, { auth: MASTER, variables: { tenant: 'global_tenant' } })).body.data.savedSearches).toHaveLength(2);
    // Reading is allowed.
    expect((await gw.gql(LIST, { auth: LIMITED, variables: { tenant: 'analysts' } })).body.data.savedSearches).toHaveLength(2);
  });

  it('private tenants are their owner\'s alone, also for administrators', async () => {
    const mine = await save(LIMITED, { name: 'my-notes', search: { document: '{ movies(first: 1) { total } }' } }, { securitytenant: '__user__' });
    expect(mine.body.data.saveSearch).toMatchObject({ tenant: '__user__', version: 1, createdBy: 'limited-user' });
    await save(NEW_USER, { name: 'flights-only', search: { document: '{ me { name } }' }, tenant: '__user__' });

    const list = async (auth: string, tenant: string) => (await gw.gql(LIST, { auth, variables: { tenant } })).body;
    expect((await list(LIMITED, '__user__')).data.savedSearches.map((s: { name: string }) => s.name)).toEqual(['my-notes']);
    expect((await list(NEW_USER, '__user__')).data.savedSearches.map((s: { name: string }) => s.name)).toEqual(['flights-only']);
    expect((await list(MASTER, '__user__')).data.savedSearches).toEqual([]);
    // Naming another user's private tenant is refused like an unknown tenant (adminsReadPrivateTenants is off).
    for (const auth of [MASTER, NEW_USER]) {
      const other = await list(auth, '__user__:limited-user');
      expect(codeOf(other)).toBe('FORBIDDEN');
      expect(JSON.stringify(other)).not.toContain('my-notes');
    }
    const run = await gw.gql(RUN, { auth: MASTER, variables: { name: 'my-notes', tenant: '__user__' } });
    expect(codeOf(run.body)).toBe('NOT_FOUND');
    // Naming one's own private tenant the long way is the same tenant.
    expect((await list(LIMITED, '__user__:limited-user')).data.savedSearches.map((s: { name: string }) => s.name)).toEqual(['my-notes']);
  });

  it('tenant patterns with ${user.name} give each user their own team tenant', async () => {
    expect((await save(LIMITED, { name: 't', search: { document: '{ me { name } }' }, tenant: 'team-limited-user' })).body.data.saveSearch.version).toBe(1);
    expect((await save(NEW_USER, { name: 't', search: { document: '{ me { name } }' }, tenant: 'team-new-user' })).body.data.saveSearch.version).toBe(1);
    const cross = await save(LIMITED, { name: 't', search: { document: '{ me { name } }' }, tenant: 'team-new-user' });
    expect(codeOf(cross.body)).toBe('FORBIDDEN');
    expect(codeOf((await gw.gql(LIST, { auth: NEW_USER, variables: { tenant: 'team-limited-user' } })).body)).toBe('FORBIDDEN');
  });

  it('versions: stale writes and deletes get CONFLICT; a re-created search keeps counting', async () => {
    const search = (first: number) => ({ document: `{ movies(first: ${first}) { total } }` });
    const v = { name: 'versioned', tenant: 'analysts' };
    expect((await save(MASTER, { ...v, search: search(1), expectedVersion: 0 })).body.data.saveSearch.version).toBe(1);
    const exists = await save(MASTER, { ...v, search: search(2), expectedVersion: 0 });
    expect(codeOf(exists.body)).toBe('CONFLICT');
    expect(exists.body.errors[0].extensions.currentVersion).toBe(1);
    expect((await save(MASTER, { ...v, search: search(2), expectedVersion: 1 })).body.data.saveSearch.version).toBe(2);
    const stale = await save(MASTER, { ...v, search: search(3), expectedVersion: 1 });
    expect(codeOf(stale.body)).toBe('CONFLICT');
    expect(stale.body.errors[0].extensions.currentVersion).toBe(2);
    const kept = (await gw.gql(GET, { auth: MASTER, variables: v })).body.data.savedSearch;
    expect(kept).toEqual({ name: 'versioned', version: 2, document: '{ movies(first: 2) { total } }' });

    expect(codeOf((await gw.gql(DELETE, { auth: MASTER, variables: { ...v, expectedVersion: 1 } })).body)).toBe('CONFLICT');
    expect((await gw.gql(DELETE, { auth: MASTER, variables: { ...v, expectedVersion: 2 } })).body.data.deleteSavedSearch).toEqual({ ...v, version: 3 });
    expect((await gw.gql(GET, { auth: MASTER, variables: v })).body.data.savedSearch).toBeNull();
    expect(codeOf((await gw.gql(DELETE, { auth: MASTER, variables: v })).body)).toBe('NOT_FOUND');
    // A client still holding version 2 cannot write over the deletion.
    expect(codeOf((await save(MASTER, { ...v, search: search(4), expectedVersion: 2 })).body)).toBe('CONFLICT');
    expect((await save(MASTER, { ...v, search: search(4), expectedVersion: 0 })).body.data.saveSearch.version).toBe(4);
  });

  it('of concurrent writers holding the same version exactly one wins', async () => {
    const v = { name: 'raced', tenant: 'analysts' };
    await save(MASTER, { ...v, search: { document: '{ me { name } }' } });
    const results = await Promise.all(
      [1, 2, 3, 4, 5].map((i) => save(MASTER, { ...v, search: { document: `{ movies(first: ${i}) { total } }` }, expectedVersion: 1 })),
    );
    const won = results.filter((r) => r.body.data?.saveSearch);
    expect(won).toHaveLength(1);
    expect(results.filter((r) => codeOf(r.body) === 'CONFLICT')).toHaveLength(4);
    const final = (await gw.gql(GET, { auth: MASTER, variables: v })).body.data.savedSearch;
    expect(final.version).toBe(2);
    expect(final.document).toBe(won[0]!.body.data.saveSearch && final.document);
  });

  it('running a saved search applies the runner\'s DLS, FLS and masks, never the author\'s', async () => {
    await save(MASTER, { name: 'recent', tenant: 'analysts', search: { document: MOVIES_DOCUMENT, variables: { first: 100 } } });
    const direct = await gw.gql(`{ movies(first: 100) { total hits { id document { title year release_date } } } }`, { auth: LIMITED });
    const asMaster = await gw.gql(RUN, { auth: MASTER, variables: { name: 'recent', tenant: 'analysts' } });
    const asLimited = await gw.gql(RUN, { auth: LIMITED, variables: { name: 'recent', tenant: 'analysts' } });

    const masterRun = asMaster.body.data.runSavedSearch;
    expect(masterRun.errors).toEqual([]);
    expect(masterRun.data.movies.hits[0].document.directors).toBeDefined();

    const run = asLimited.body.data.runSavedSearch;
    // The same documents and count limited-user gets by asking directly: DLS (year <= 2012) applies.
    expect(run.data.movies.total).toBe(direct.body.data.movies.total);
    expect(run.data.movies.total).toBeLessThan(masterRun.data.movies.total);
    expect(run.data.movies.hits.every((h: { document: { year: number } }) => h.document.year <= 2012)).toBe(true);
    expect(new Set(run.data.movies.hits.map((h: { id: string }) => h.id))).toEqual(new Set(direct.body.data.movies.hits.map((h: { id: string }) => h.id)));
    // Masked for limited-user exactly as in their own query, unlike the author's clear value.
    const directById = new Map(direct.body.data.movies.hits.map((h: { id: string; document: unknown }) => [h.id, h.document]));
    for (const h of run.data.movies.hits) expect(h.document).toEqual(directById.get(h.id));
    const masterById = new Map(masterRun.data.movies.hits.map((h: { id: string; document: { release_date: string } }) => [h.id, h.document.release_date]));
    expect(run.data.movies.hits.some((h: { id: string; document: { release_date: string } }) => h.document.release_date !== masterById.get(h.id))).toBe(true);
    // The hidden fields are refused, not shown: absent from every hit, listed in errors with where they were.
    expect(JSON.stringify(run.data)).not.toMatch(/directors|rating/);
    expect(run.errors).toEqual([
      { message: 'movies.hits.document.directors is not available to you', path: ['movies', 'hits', 'document', 'directors'], code: 'FORBIDDEN' },
      { message: 'movies.hits.document.rating is not available to you', path: ['movies', 'hits', 'document', 'rating'], code: 'FORBIDDEN' },
    ]);
  });

  it('a refused part reads the same whether the field is hidden or does not exist', async () => {
    const doc = (field: string) => `{ movies(first: 1) { hits { document { title ${field} } } } }`;
    await save(MASTER, { name: 'hidden-field', tenant: 'analysts', search: { document: doc('rating') } });
    // master can save only what runs for them: a field that does not exist is refused at save time.
    const bogus = await save(MASTER, { name: 'bogus', tenant: 'analysts', search: { document: doc('ratingz') } });
    expect(codeOf(bogus.body)).toBe('BAD_USER_INPUT');
    expect(bogus.body.errors[0].message).toContain('movies.hits.document.ratingz is not available to you');
    const hidden = (await gw.gql(RUN, { auth: LIMITED, variables: { name: 'hidden-field', tenant: 'analysts' } })).body.data.runSavedSearch;
    expect(hidden.errors[0].message.replace('rating', 'X')).toBe('movies.hits.document.X is not available to you');
  });

  it('a filter or sort on a field the runner cannot see refuses that search whole, never drops the filter', async () => {
    await save(MASTER, {
      name: 'well-rated',
      tenant: 'analysts',
      search: { indexSearch: { index: 'movies', where: { rating: { gte: 8 } }, fields: ['title', 'year'], first: 50 } },
    });
    const master = (await gw.gql(RUN, { auth: MASTER, variables: { name: 'well-rated', tenant: 'analysts' } })).body.data.runSavedSearch;
    expect(master.errors).toEqual([]);
    expect(master.data.movies.total).toBeGreaterThan(0);
    const limited = (await gw.gql(RUN, { auth: LIMITED, variables: { name: 'well-rated', tenant: 'analysts' } })).body.data.runSavedSearch;
    expect(limited.data).toBeNull();
    expect(limited.errors).toEqual([
      { message: 'movies was refused: its arguments name something not available to you', path: ['movies'], code: 'FORBIDDEN' },
    ]);

    await save(MASTER, {
      name: 'by-rating',
      tenant: 'analysts',
      search: { indexSearch: { index: 'movies', orderBy: [{ field: 'RATING', direction: 'DESC' }], fields: ['title'] } },
    });
    const sorted = (await gw.gql(RUN, { auth: LIMITED, variables: { name: 'by-rating', tenant: 'analysts' } })).body.data.runSavedSearch;
    expect(sorted.data).toBeNull();
    expect(sorted.errors[0].code).toBe('FORBIDDEN');
  });

  it('an index search saved in parts runs as the runner, pages with `after`, and lists its parts', async () => {
    await save(MASTER, {
      name: 'thor',
      tenant: 'global_tenant',
      search: { indexSearch: { index: 'movies', query: 'thor', orderBy: [{ field: 'YEAR', direction: 'ASC' }], fields: ['title', 'year'], first: 1 } },
    });
    const page1 = (await gw.gql(RUN, { auth: LIMITED, variables: { name: 'thor' } })).body.data.runSavedSearch;
    expect(page1.errors).toEqual([]);
    expect(page1.data.movies.hits).toHaveLength(1);
    const direct = await gw.gql(`{ movies(query: "thor", orderBy: [{ field: YEAR, direction: ASC }], first: 10) { total hits { id } } }`, { auth: LIMITED });
    expect(page1.data.movies.total).toBe(direct.body.data.movies.total);
    const page2 = (await gw.gql(RUN, { auth: LIMITED, variables: { name: 'thor', variables: { after: page1.data.movies.pageInfo.endCursor } } })).body.data.runSavedSearch;
    expect(page2.data.movies.hits[0].id).toBe(direct.body.data.movies.hits[1].id);
    const listed = (await gw.gql(LIST, { auth: LIMITED, variables: { tenant: 'global_tenant' } })).body.data.savedSearches;
    expect(listed.find((s: { name: string }) => s.name === 'thor').indexSearch).toEqual({ index: 'movies', fields: ['title', 'year'] });
  });

  it('a runner who cannot see the index gets the search refused, and learns nothing of it', async () => {
    // new-user reads flights only; new-user's team tenant is theirs, so master saves into global and we grant nothing.
    await save(MASTER, { name: 'movies-count', tenant: 'team-new-user', search: { document: '{ movies(first: 0) { total } }' } });
    const run = (await gw.gql(RUN, { auth: NEW_USER, variables: { name: 'movies-count', tenant: 'team-new-user' } })).body.data.runSavedSearch;
    expect(run.data).toBeNull();
    expect(run.errors).toEqual([{ message: 'movies is not available to you', path: ['movies'], code: 'FORBIDDEN' }]);
  });

  it('refuses documents that are not searches: mutations, tenant or admin fields, two of one and neither', async () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ document: 'mutation { deleteSavedSearch(name: "x") { name } }' }, /queries only/],
      [{ document: '{ runSavedSearch(name: "x") { data } }' }, /cannot be used in a saved search/],
      [{ document: '{ security { configVersion } }' }, /cannot be used in a saved search/],
      [{ document: '{ movies { total' }, /not valid GraphQL/],
      [{ document: 'query A { me { name } } query B { me { name } }' }, /exactly one operation/],
      [{}, /exactly one of document and indexSearch/],
      [{ document: '{ me { name } }', indexSearch: { index: 'movies', fields: ['title'] } }, /exactly one of document and indexSearch/],
      [{ indexSearch: { index: 'movies', fields: [] } }, /fields/],
    ];
    for (const [search, message] of cases) {
      const res = await save(MASTER, { name: 'bad', search, tenant: 'analysts' });
      expect(codeOf(res.body), JSON.stringify(search)).toBe('BAD_USER_INPUT');
      expect(res.body.errors[0].message).toMatch(message);
    }
    expect((await gw.gql(GET, { auth: MASTER, variables: { name: 'bad', tenant: 'analysts' } })).body.data.savedSearch).toBeNull();
    const badName = await save(MASTER, { name: ' padded ', search: { document: '{ me { name } }' }, tenant: 'analysts' });
    expect(codeOf(badName.body)).toBe('BAD_USER_INPUT');
  });

  it('a repeated securitytenant header is refused rather than guessed', async () => {
    // fetch would merge repeated headers into one; write the request by hand.
    const { port } = new URL(gw.url);
    const body = JSON.stringify({ query: '{ savedSearches { name } }' });
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () => {
        socket.end(
          [
            'POST /graphql HTTP/1.1',
            'host: 127.0.0.1',
            'content-type: application/json',
            `authorization: Basic ${Buffer.from(MASTER).toString('base64')}`,
            'securitytenant: analysts',
            'securitytenant: secret-team',
            `content-length: ${Buffer.byteLength(body)}`,
            'connection: close',
            '',
            body,
          ].join('\r\n'),
        );
      });
      let out = '';
      socket.on('data', (d) => (out += d.toString()));
      socket.on('end', () => resolve(out));
      socket.on('error', reject);
    });
    const json = JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4).replace(/^[0-9a-f]+\r\n/, '').replace(/\r\n0\r\n\r\n$/, ''));
    expect(codeOf(json)).toBe('BAD_USER_INPUT');
    expect(raw).not.toContain('by-arg');
  });
});
