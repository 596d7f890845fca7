import { blake2b } from '@noble/hashes/blake2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateFlights } from '../../../src/sample/flights.js';
import { BACKENDS, startTestGateway, type TestGateway } from '../../support/gateway.js';

/**
 * The seed documents, end to end over HTTP: the movies example and both fine-grained access control
 * tutorials, as each sample user. Runs on the embedded engine, and on real OpenSearch when OPENSEARCH_URL is set.
 */
const SEED_MASKED_RELEASE_DATE = '3812a72c6dd23eef3c750c2d99e205cbd260389461e19d610406847397ecb357';
const legacyHash = (v: string) =>
  bytesToHex(blake2b(new TextEncoder().encode(v), { dkLen: 32, personalization: new TextEncoder().encode('e1ukloTsQlOgPquJ') }));

const flights = generateFlights();
const delayed = flights.filter((f) => f.FlightDelay === true);

const MASTER = 'master-user:master-password';
const LIMITED = 'limited-user:limited-password';
const NEW_USER = 'new-user:new-password';
const NOBODY = 'nobody:nobody-password';

const THOR = `{ movies(query: "thor", first: 20) { total totalRelation hits { id document {
  title plot year release_date } } } }`;

async function typeFields(gw: TestGateway, auth: string, type: string): Promise<string[] | null> {
  const r = await gw.gql<{ __type: { fields: { name: string }[] } | null }>(
    `query($t: String!) { __type(name: $t) { fields { name } } }`,
    { auth, variables: { t: type } },
  );
  return r.body.data?.__type?.fields.map((f: { name: string }) => f.name).sort() ?? null;
}

describe.each(BACKENDS)('seed tutorials on %s', (backend) => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway(backend);
  });
  afterAll(async () => {
    await gw?.close();
  });

  describe('movies: the Thor example', () => {
    it('master-user gets 7 hits with every field in clear', async () => {
      const r = await gw.gql<any>(THOR, { auth: MASTER });
      expect(r.status).toBe(200);
      expect(r.body.errors).toBeUndefined();
      expect(r.body.data.movies.total).toBe(7);
      expect(r.body.data.movies.totalRelation).toBe('EQ');
      const thor = r.body.data.movies.hits.find((h: any) => h.id === 'tt0800369');
      expect(thor.document.release_date).toBe('2011-04-21T00:00:00.000Z');
      expect(r.body.data.movies.hits[0].id).toBe('tt0800369');
      expect(await typeFields(gw, MASTER, 'Movie')).toEqual(
        ['actors', 'directors', 'genres', 'id', 'plot', 'rank', 'rating', 'release_date', 'running_time_secs', 'title', 'year'],
      );
    });

    it('limited-user gets 2 hits with four fields and release_date masked as in the seed', async () => {
      const r = await gw.gql<any>(THOR, { auth: LIMITED });
      expect(r.body.errors).toBeUndefined();
      expect(r.body.data.movies.total).toBe(2);
      expect(r.body.data.movies.hits.map((h: any) => h.id).sort()).toEqual(['tt0800369', 'tt0848228']);
      const thor = r.body.data.movies.hits.find((h: any) => h.id === 'tt0800369');
      expect(thor.document).toEqual({
        title: 'Thor',
        plot: expect.stringContaining('The powerful but arrogant god Thor'),
        year: 2011,
        release_date: SEED_MASKED_RELEASE_DATE,
      });
      expect(r.text).not.toContain('2011-04-21');
    });

    it('limited-user schema has exactly the visible fields, and hidden ones fail like unknown ones', async () => {
      // `id` is the document's _id, in every document type (issue 15, item 10).
      expect(await typeFields(gw, LIMITED, 'Movie')).toEqual(['id', 'plot', 'release_date', 'title', 'year']);
      const hidden = await gw.gql<any>('{ movies { hits { document { actors } } } }', { auth: LIMITED });
      const unknown = await gw.gql<any>('{ movies { hits { document { nosuchfield } } } }', { auth: LIMITED });
      expect(hidden.status).toBe(400);
      expect(hidden.body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(hidden.body.errors[0].message).toBe('Cannot query field "actors" on type "Movie".');
      expect(unknown.body.errors[0].message).toBe('Cannot query field "nosuchfield" on type "Movie".');
      // A masked field can be read but never filtered or sorted on.
      const inputs = await gw.gql<any>('{ __type(name: "MovieWhere") { inputFields { name } } }', { auth: LIMITED });
      expect(inputs.body.data.__type.inputFields.map((f: any) => f.name).sort()).toEqual(['and', 'not', 'or', 'plot', 'title', 'year']);
      const sort = await gw.gql<any>('{ __type(name: "MovieSortField") { enumValues { name } } }', { auth: LIMITED });
      expect(sort.body.data.__type.enumValues.map((v: any) => v.name).sort()).toEqual(['TITLE', 'YEAR', '_SCORE']);
    });

    it('a document outside DLS is simply not found by id', async () => {
      const r = await gw.gql<any>('{ a: movie(id: "tt3501632") { title } b: movie(id: "tt0800369") { title release_date } }', { auth: LIMITED });
      expect(r.body.errors).toBeUndefined();
      expect(r.body.data.a).toBeNull();
      expect(r.body.data.b).toEqual({ title: 'Thor', release_date: SEED_MASKED_RELEASE_DATE });
      const master = await gw.gql<any>('{ movie(id: "tt3501632") { title } }', { auth: MASTER });
      expect(master.body.data.movie.title).toBe('Thor: Ragnarok');
    });
  });

  describe('flights: the tutorials new-role', () => {
    it('new-user sees only delayed flights, no FlightNum, Dest masked', async () => {
      const r = await gw.gql<any>('{ flights(first: 100) { total hits { id document { FlightDelay Dest DestAirportID } } } }', { auth: NEW_USER });
      expect(r.body.errors).toBeUndefined();
      expect(r.body.data.flights.total).toBe(delayed.length);
      const byId = new Map(flights.map((f) => [f._id, f]));
      for (const hit of r.body.data.flights.hits) {
        expect(hit.document.FlightDelay).toBe(true);
        const clear = byId.get(hit.id)!;
        expect(hit.document.Dest).toBe(legacyHash(String(clear.Dest)));
        expect(r.text).not.toContain(String(clear.Dest));
        expect(hit.document.DestAirportID).toBe(clear.DestAirportID);
      }
      const fields = await typeFields(gw, NEW_USER, 'Flight');
      expect(fields).not.toContain('FlightNum');
      expect(fields).toContain('Dest');
      const asked = await gw.gql<any>('{ flights { hits { document { FlightNum } } } }', { auth: NEW_USER });
      expect(asked.body.errors[0].message).toBe('Cannot query field "FlightNum" on type "Flight".');
    });

    it('aggregations stay inside DLS and never offer masked fields', async () => {
      const r = await gw.gql<any>(
        '{ flights(first: 0) { total aggregations { delay: terms(field: FLIGHTDELAY) { key count } carriers: terms(field: CARRIER) { key count } } } }',
        { auth: NEW_USER },
      );
      expect(r.body.errors).toBeUndefined();
      expect(r.body.data.flights.aggregations.delay).toEqual([{ key: 'true', count: delayed.length }]);
      const sum = r.body.data.flights.aggregations.carriers.reduce((a: number, b: any) => a + b.count, 0);
      expect(sum).toBe(delayed.length);
      const terms = await gw.gql<any>('{ __type(name: "FlightTermsField") { enumValues { name } } }', { auth: NEW_USER });
      const names = terms.body.data.__type.enumValues.map((v: any) => v.name);
      expect(names).not.toContain('DEST');
      expect(names).not.toContain('FLIGHTNUM');
    });

    it('master-user sees every flight and FlightNum', async () => {
      const r = await gw.gql<any>('{ flights(first: 1, orderBy: [{ field: FLIGHTNUM }]) { total totalRelation hits { document { FlightNum Dest } } } }', { auth: MASTER });
      expect(r.body.errors).toBeUndefined();
      expect(r.body.data.flights.total).toBe(flights.length);
      const smallest = [...flights].map((f) => String(f.FlightNum)).sort()[0];
      expect(r.body.data.flights.hits[0].document.FlightNum).toBe(smallest);
    });

    it('new-user cannot see movies at all', async () => {
      const r = await gw.gql<any>('{ movies { total } }', { auth: NEW_USER });
      expect(r.status).toBe(400);
      expect(r.body.data).toBeUndefined();
      expect(r.body.errors[0].message).toBe('Cannot query field "movies" on type "Query".');
    });
  });

  describe('cross-index search', () => {
    it('spans only what the caller may read, each index under its own rules', async () => {
      // limited-user's schema has no Flight type at all: a fragment on it fails validation like any unknown type.
      const q = '{ search(query: "thor", first: 50) { total hits { index id document { __typename ... on Movie { title release_date } } } } }';
      const onFlight = await gw.gql<any>('{ search { hits { document { ... on Flight { FlightNum } } } } }', { auth: LIMITED });
      expect(onFlight.body.errors[0].message).toContain('Unknown type "Flight"');
      const limited = await gw.gql<any>(q, { auth: LIMITED });
      expect(limited.body.errors).toBeUndefined();
      expect(limited.body.data.search.total).toBe(2);
      expect(limited.body.data.search.hits.every((h: any) => h.document.__typename === 'Movie')).toBe(true);
      expect(limited.body.data.search.hits.map((h: any) => h.document.release_date)).toContain(SEED_MASKED_RELEASE_DATE);
      const master = await gw.gql<any>(q.replace('release_date } }', 'release_date } ... on Flight { FlightNum } }'), { auth: MASTER });
      expect(master.body.errors).toBeUndefined();
      expect(master.body.data.search.total).toBe(7);
    });
  });

  describe('no roles, bad credentials', () => {
    it('nobody authenticates, sees who they are, and can read nothing', async () => {
      const me = await gw.gql<any>('{ me { name roles backendRoles authType } }', { auth: NOBODY });
      expect(me.body.data.me).toEqual({ name: 'nobody', roles: [], backendRoles: [], authType: 'BASIC' });
      for (const q of ['{ flights { total } }', '{ movies { total } }', '{ search { total } }']) {
        const r = await gw.gql<any>(q, { auth: NOBODY });
        expect(r.status).toBe(400);
        expect(r.body.data).toBeUndefined();
        expect(r.body.errors.length).toBeGreaterThan(0);
      }
    });

    it('wrong or missing credentials get 401 with a challenge and no data', async () => {
      for (const auth of ['master-user:wrong', 'ghost:master-password', undefined]) {
        const r = await gw.gql<any>('{ me { name } }', auth ? { auth } : {});
        expect(r.status).toBe(401);
        expect(r.headers.get('www-authenticate')).toMatch(/^Basic realm=/);
        expect(r.body.data).toBeUndefined();
      }
    });

    it('me shows the mapped roles of new-user', async () => {
      const me = await gw.gql<any>('{ me { name roles backendRoles } }', { auth: NEW_USER });
      expect(me.body.data.me.backendRoles).toEqual(['new-backend-role']);
      expect(me.body.data.me.roles).toEqual(expect.arrayContaining(['kibana_user', 'new-role']));
    });
  });
});
