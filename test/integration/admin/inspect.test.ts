import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../../support/gateway.js';
import { codes, MASTER, startAdminGateway, type AdminGateway } from './support.js';

/** explainAccess and testDls: the authorize stage's own functions, reported to an administrator. */
describe.each(BACKENDS)('explainAccess and testDls (%s)', (backend) => {
  let gw: AdminGateway;
  const admin = (query: string, variables?: Record<string, unknown>) => gw.gql(query, { auth: MASTER, ...(variables ? { variables } : {}) });
  const EXPLAIN = `user backendRoles roles securityAdmin indices { index roles canSearch canGet dls dlsError flsMode fls masks }`;

  beforeAll(async () => {
    gw = await startAdminGateway(backend);
  });
  afterAll(async () => {
    await gw?.close();
  });

  it('explains an internal user: mapped roles, DLS, FLS and masks on an index', async () => {
    const res = await admin(`{ security { explainAccess(user: "limited-user", index: "movies") { ${EXPLAIN} } } }`);
    expect(res.body.data.security.explainAccess).toEqual({
      user: 'limited-user',
      backendRoles: [],
      roles: ['analysts-reader', 'movies-limited'],
      securityAdmin: false,
      indices: [
        {
          index: 'movies',
          roles: ['movies-limited'],
          canSearch: true,
          canGet: true,
          dls: { range: { year: { lte: 2012 } } },
          dlsError: null,
          flsMode: 'INCLUDE',
          fls: ['plot', 'release_date', 'title', 'year'],
          masks: ['release_date'],
        },
      ],
    });
  });

  it('explains a described subject, with exclusions and masks from a backend-role mapping', async () => {
    const res = await admin(`{ security { explainAccess(subject: { name: "someone", backendRoles: ["new-backend-role"] }, index: "kibana_sample_data_flights") { ${EXPLAIN} } } }`);
    const e = res.body.data.security.explainAccess;
    expect(e.roles).toEqual(['new-role']);
    expect(e.indices).toEqual([
      {
        index: 'kibana_sample_data_flights',
        roles: ['new-role'],
        canSearch: true,
        canGet: true,
        dls: { match: { FlightDelay: true } },
        dlsError: null,
        flsMode: 'EXCLUDE',
        fls: ['~FlightNum'],
        masks: ['Dest'],
      },
    ]);
  });

  it('explains an administrator and a user with no access', async () => {
    const master = (await admin(`{ security { explainAccess(user: "master-user", index: "movies") { ${EXPLAIN} } } }`)).body.data.security.explainAccess;
    expect(master).toMatchObject({ roles: ['all_access'], securityAdmin: true, indices: [{ canSearch: true, dls: null, flsMode: 'ALL', fls: [], masks: [] }] });
    const nobody = (await admin(`{ security { explainAccess(user: "nobody", index: "movies") { ${EXPLAIN} } } }`)).body.data.security.explainAccess;
    expect(nobody).toMatchObject({ roles: [], securityAdmin: false, indices: [{ index: 'movies', roles: [], canSearch: false, canGet: false }] });
    const unknown = await admin(`{ security { explainAccess(user: "ghost", index: "movies") { user } } }`);
    expect(codes(unknown.body)).toEqual(['NOT_FOUND']);
  });

  it('reports a DLS variable the user lacks as a refusal, not as open access', async () => {
    await admin(`mutation($r: SecurityRoleInput!) { putRole(name: "by-dept", role: $r) { changed } }`, {
      r: { index_permissions: [{ index_patterns: ['movies'], dls: '{"term": {"genres": "${attr.internal.genre}"}}', allowed_actions: ['read'] }] },
    });
    const res = await admin(`{ security { explainAccess(subject: { name: "x" }, index: "movies") { indices { dls } } } }`);
    expect(res.body.data.security.explainAccess.indices[0].dls).toBeNull();
    await admin(`mutation { putRoleMapping(name: "by-dept", mapping: { users: ["dept-*"] }) { changed } }`);
    const lacking = await admin(`{ security { explainAccess(subject: { name: "dept-a" }, index: "movies") { indices { dls dlsError canSearch } } } }`);
    expect(lacking.body.data.security.explainAccess.indices[0]).toMatchObject({ dls: null, canSearch: true, dlsError: expect.stringMatching(/genre/) });
    const having = await admin(`query($s: SecuritySubjectInput) { security { explainAccess(subject: $s, index: "movies") { indices { dls dlsError } } } }`, {
      s: { name: 'dept-a', attributes: { 'internal.genre': 'Comedy' } },
    });
    expect(having.body.data.security.explainAccess.indices[0]).toEqual({ dls: { term: { genres: 'Comedy' } }, dlsError: null });
  });

  it('testDls counts the documents a query lets through, with variables rendered for the subject', async () => {
    const all = await gw.gql(`{ movies(first: 1) { total } }`, { auth: MASTER });
    const total = all.body.data.movies.total as number;
    const res = await admin(`{ security { testDls(query: "{\\"range\\": {\\"year\\": {\\"lte\\": 2012}}}", index: "movies") { valid problems rendered matchCount } } }`);
    const t = res.body.data.security.testDls;
    expect(t).toMatchObject({ valid: true, problems: [], rendered: { range: { year: { lte: 2012 } } } });
    expect(t.matchCount).toBeGreaterThan(0);
    expect(t.matchCount).toBeLessThan(total);
    const limited = await gw.gql(`{ movies(first: 1) { total } }`, { auth: 'limited-user:limited-password' });
    expect(t.matchCount).toBe(limited.body.data.movies.total);

    const templ = await admin(
      `query($q: String!, $s: SecuritySubjectInput) { security { testDls(query: $q, index: "movies", subject: $s) { valid rendered matchCount } } }`,
      { q: '{"term": {"genres": "${attr.internal.g}"}}', s: { name: 'n', attributes: { 'internal.g': 'Comedy' } } },
    );
    expect(templ.body.data.security.testDls).toMatchObject({ valid: true, rendered: { term: { genres: 'Comedy' } } });
  });

  it('testDls reports an invalid query with where it is wrong', async () => {
    const bad = await admin(`query($q: String!) { security { testDls(query: $q, index: "movies") { valid problems matchCount } } }`, { q: '{"script": {"source": "1"}}' });
    expect(bad.body.data.security.testDls.valid).toBe(false);
    expect(bad.body.data.security.testDls.problems.length).toBeGreaterThan(0);
    expect(bad.body.data.security.testDls.matchCount).toBeNull();
    const missingVar = await admin(`query($q: String!) { security { testDls(query: $q, index: "movies") { valid problems } } }`, { q: '{"term": {"x": "${attr.jwt.nope}"}}' });
    expect(missingVar.body.data.security.testDls.valid).toBe(false);
  });
});
