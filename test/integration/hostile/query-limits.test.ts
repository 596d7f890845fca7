import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, startTestGateway, type TestGateway } from '../../support/gateway.js';

/**
 * Hostile documents from a signed-in user: recursive input types through variables, many aliased searches,
 * deep selections, fragment multiplication, oversized pages. Each is refused (or answered) quickly with a
 * stable code, before any backend call, and the gateway then still answers a normal query correctly.
 */
const MASTER = 'master-user:master-password';
const LIMITED = 'limited-user:limited-password';
const NORMAL = '{ movies(query: "thor") { total hits { id document { title } } } }';

describe.each(BACKENDS)('hostile queries (%s)', (backend) => {
  let gw: TestGateway;
  let searches = 0;
  beforeAll(async () => {
    gw = await startTestGateway(backend, (c) => {
      c.limits.maxCost = 5000;
      c.limits.roles = { all_access: { maxSearches: 12, maxAliases: 40, maxResponseBytes: 4096 } };
    });
    // Count what reaches the backend, to prove refusals happen before any search.
    // Searches of one request may travel together as one _msearch (src/backend/search-batch.ts): count its items.
    const port = gw.gateway.backend.client;
    const original = port.search.bind(port);
    (port as { search: unknown }).search = ((...args: unknown[]) => {
      searches += 1;
      return (original as (...a: unknown[]) => unknown)(...args);
    }) as never;
    const originalMulti = port.msearch.bind(port);
    (port as { msearch: unknown }).msearch = ((params: { body: unknown[] }, ...rest: unknown[]) => {
      searches += params.body.length / 2;
      return (originalMulti as (...a: unknown[]) => unknown)(params, ...rest);
    }) as never;
  });
  afterAll(() => gw?.close());

  async function stillServes() {
    const r = await gw.gql(NORMAL, { auth: LIMITED });
    expect(r.status).toBe(200);
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data.movies.total).toBe(2);
    expect(r.body.data.movies.hits.map((h: { id: string }) => h.id).sort()).toEqual(['tt0800369', 'tt0848228']);
  }

  it('filters through a recursive where variable, quickly', async () => {
    const q = 'query Q($w: MovieWhere) { movies(where: $w, first: 20) { total hits { id document { year } } } }';
    const started = Date.now();
    for (let i = 0; i < 5; i++) {
      // A new operation name each time defeated the compile cache before.
      const r = await gw.gql(q.replace('Q(', `Q${i}(`), {
        auth: LIMITED,
        variables: { w: { and: [{ year: { gte: 2010 } }, { or: [{ year: { lte: 2011 } }, { not: { year: { gte: 2012 } } }] }] } },
      });
      expect(r.body.errors).toBeUndefined();
      expect(r.body.data.movies.hits.length).toBeGreaterThan(0);
      for (const h of r.body.data.movies.hits) expect(h.document.year).toBeGreaterThanOrEqual(2010);
      for (const h of r.body.data.movies.hits) expect(h.document.year).toBeLessThanOrEqual(2011);
    }
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('compiling variables leaves no trace in introspection', async () => {
    // A query with variables first, so the pass-through scalar has been used for a compile.
    await gw.gql('query($w: MovieWhere) { movies(where: $w) { total } }', { auth: LIMITED, variables: { w: { year: { gte: 1 } } } });
    const r = await gw.gql('query($n: String!) { __schema { types { name } } __type(name: $n) { name } }', { auth: LIMITED, variables: { n: 'SearchgateCoercedVariable' } });
    expect(r.body.errors).toBeUndefined();
    const names = r.body.data.__schema.types.map((t: { name: string }) => t.name);
    expect(names).toContain('MovieWhere');
    expect(names.filter((n: string) => /Coerced/.test(n))).toEqual([]);
    expect(r.body.data.__type).toBeNull();
  });

  it('coerces variables of every input type, with coded errors for bad ones', async () => {
    const q = 'query($o: [MovieOrderBy!], $t: Int) { movies(orderBy: $o, first: 3) { hits { id document { year } } aggregations { terms(field: YEAR, size: $t) { key } } } }';
    const ok = await gw.gql(q, { auth: LIMITED, variables: { o: [{ field: 'YEAR', direction: 'DESC' }], t: 2 } });
    expect(ok.body.errors).toBeUndefined();
    const years = ok.body.data.movies.hits.map((h: { document: { year: number } }) => h.document.year);
    expect(years).toEqual([...years].sort((a, b) => b - a));
    expect(ok.body.data.movies.aggregations.terms.length).toBe(2);
    const bad = await gw.gql('query($w: MovieWhere) { movies(where: $w) { total } }', { auth: LIMITED, variables: { w: { nope: 1 } } });
    expect(bad.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(bad.body.errors[0].message).toMatch(/nope/);
    // Deeply nested variables are refused before coercion recurses.
    let deep: unknown = { year: { gte: 1 } };
    for (let i = 0; i < 1000; i++) deep = { not: deep };
    const deepR = await gw.gql('query($w: MovieWhere) { movies(where: $w) { total } }', { auth: LIMITED, variables: { w: deep } });
    expect(deepR.body.errors[0].extensions.code).toBe('QUERY_TOO_COMPLEX');
    await stillServes();
  });

  it('refuses many aliased searches before any backend call', async () => {
    const before = searches;
    const q = `{ ${Array.from({ length: 500 }, (_, i) => `a${i}: movies(first: 1) { total }`).join(' ')} }`;
    const r = await gw.gql(q, { auth: LIMITED });
    expect(r.body.data ?? null).toBeNull();
    expect(r.body.errors[0].extensions.code).toBe('QUERY_TOO_COMPLEX');
    expect(r.text.length).toBeLessThan(2000);
    expect(searches).toBe(before);
    await stillServes();
  });

  it('refuses a fragment bomb without expanding it', async () => {
    const frags = ['fragment F0 on Movie { title year }'];
    for (let i = 1; i <= 40; i++) frags.push(`fragment F${i} on Movie { ...F${i - 1} ...F${i - 1} }`);
    const q = `{ movies(first: 100) { hits { document { ...F40 } } } } ${frags.join(' ')}`;
    const started = Date.now();
    const r = await gw.gql(q, { auth: LIMITED });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(r.body.errors?.[0]?.extensions?.code).toMatch(/QUERY_TOO_COMPLEX|GRAPHQL_VALIDATION_FAILED/);
    await stillServes();
  });

  it('refuses deep selections, too many root fields and too costly searches with the limit named', async () => {
    const deep = await gw.gql('{ a: me { name } b: me { name } c: me { name } ' + Array.from({ length: 30 }, (_, i) => `m${i}: me { name }`).join(' ') + ' }', { auth: LIMITED });
    expect(deep.body.errors[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'maxAliases' });
    const roots = await gw.gql(`{ ${Array.from({ length: 21 }, () => '__typename').join(' ')} }`, { auth: LIMITED });
    expect(roots.body.errors[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'maxRootFields' });
    // Cost: per search 1 + first x fields per hit + terms size. 10 x (1 + 100 x 4) = 4,010: under 5,000 ...
    const fine = `{ ${Array.from({ length: 10 }, (_, i) => `a${i}: movies(first: 100) { hits { id document { title year plot } } }`).join(' ')} }`;
    expect((await gw.gql(fine, { auth: LIMITED })).body.errors).toBeUndefined();
    // ... a page size from a variable counts as its value: 10 x (1 + n x 4 + 100) is 1,410 for n = 10 ...
    const sized = `query($n: Int) { ${Array.from({ length: 10 }, (_, i) => `a${i}: movies(first: $n) { hits { id document { title year plot } } aggregations { terms(field: YEAR, size: 100) { key } } }`).join(' ')} }`;
    expect((await gw.gql(sized, { auth: LIMITED, variables: { n: 10 } })).body.errors).toBeUndefined();
    // ... and 5,010 for n = 100, refused before any search.
    const before = searches;
    const r = await gw.gql(sized, { auth: LIMITED, variables: { n: 100 } });
    expect(r.body.errors[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'maxCost', value: 5010, max: 5000 });
    expect(searches).toBe(before);
    await stillServes();
  });

  it('applies a role\'s own limits: the admin role may make 12 searches, limited users 10', async () => {
    const eleven = `{ ${Array.from({ length: 11 }, (_, i) => `a${i}: movies(first: 1) { total }`).join(' ')} }`;
    const limited = await gw.gql(eleven, { auth: LIMITED });
    expect(limited.body.errors[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'maxSearches', max: 10 });
    const master = await gw.gql(eleven, { auth: MASTER });
    expect(master.body.errors).toBeUndefined();
    expect(master.body.data.a10.total).toBeGreaterThan(0);
  });

  it('caps the size of an answer per role, with a coded error instead of the body', async () => {
    const q = '{ movies(first: 100) { hits { id document { title plot } } } }';
    const master = await gw.gql(q, { auth: MASTER });
    expect(master.body.errors[0].extensions.code).toBe('RESPONSE_TOO_LARGE');
    expect(master.body.data).toBeUndefined();
    expect(master.text.length).toBeLessThan(500);
    const small = await gw.gql('{ movies(first: 2) { hits { id } } }', { auth: MASTER });
    expect(small.body.data.movies.hits.length).toBe(2);
    // The default (4 MiB) leaves the limited user's same query alone.
    const limited = await gw.gql(q, { auth: LIMITED });
    expect(limited.body.errors).toBeUndefined();
    expect(limited.body.data.movies.hits.length).toBeGreaterThan(1);
  });

  it('shows a user\'s limits in explainAccess', async () => {
    const q = 'query($u: String!) { security { explainAccess(user: $u, index: "movies") { roles limits { maxSearches maxAliases maxCost maxResponseBytes maxDepth } } } }';
    const master = await gw.gql(q, { auth: MASTER, variables: { u: 'master-user' } });
    expect(master.body.data.security.explainAccess.limits).toEqual({ maxSearches: 12, maxAliases: 40, maxCost: 5000, maxResponseBytes: 4096, maxDepth: 12 });
    const limited = await gw.gql(q, { auth: MASTER, variables: { u: 'limited-user' } });
    expect(limited.body.data.security.explainAccess.limits).toEqual({ maxSearches: 10, maxAliases: 30, maxCost: 5000, maxResponseBytes: 4194304, maxDepth: 12 });
  });
});

describe.each(BACKENDS)('hostile free text (%s)', (backend) => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway(backend);
  });
  afterAll(() => gw?.close());

  it('deeply nested free text and where-trees are refused before the backend (a real node crashes on them)', async () => {
    for (const depth of [33, 3_000, 100_000]) {
      const text = `${'('.repeat(depth)}thor${')'.repeat(depth)}`;
      const started = Date.now();
      const r = await gw.gql('query($q: String) { movies(query: $q) { total } }', { auth: LIMITED, variables: { q: text } });
      expect(Date.now() - started, `depth ${depth}`).toBeLessThan(5000);
      expect(r.status).toBe(200);
      expect(r.body.errors[0].extensions.code, `depth ${depth}`).toBe('BAD_USER_INPUT');
      const normal = await gw.gql(NORMAL, { auth: LIMITED });
      expect(normal.body.errors).toBeUndefined();
      expect(normal.body.data.movies.total).toBe(2);
    }
    // Shallow groups, and parentheses inside a phrase or escaped, are ordinary text.
    const fine = await gw.gql('query($q: String) { movies(query: $q) { total } }', { auth: LIMITED, variables: { q: '((thor | avengers) + (2011 | 2012)) "((((((((((((((((((((((((((((((((((x" \\(' } });
    expect(fine.body.errors).toBeUndefined();
    // A where-tree nested 40 deep in the document itself (not through variables, which are bounded anyway).
    const where = `${'{ not: '.repeat(40)}{ year: { gte: 1 } }${' }'.repeat(40)}`;
    const deepWhere = await gw.gql(`{ movies(where: ${where}) { total } }`, { auth: LIMITED });
    expect(deepWhere.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    const health = await (await fetch(`${gw.url}/healthz`)).json() as { status: string };
    expect(health.status).toBe('ok');
    expect((await fetch(`${gw.url}/readyz`)).status).toBe(200);
  });
});
