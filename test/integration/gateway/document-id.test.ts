import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, startTestGateway, type TestGateway } from '../../support/gateway.js';

/** Documents carry `id: ID!` (their `_id`) wherever they appear, so client caches can normalise them. */
describe.each(BACKENDS)('document ids (%s)', (backend) => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway(backend);
  });
  afterAll(async () => {
    await gw?.close();
  });

  it('search hits: document.id is the hit id, also for a caller under FLS', async () => {
    for (const auth of ['master-user:master-password', 'limited-user:limited-password']) {
      const res = await gw.gql('{ movies(query: "thor", first: 20) { total hits { id document { id title } } } }', { auth });
      const hits = res.body.data.movies.hits as { id: string; document: { id: string; title: string } }[];
      expect(hits.length, auth).toBeGreaterThan(0);
      for (const h of hits) expect(h.document.id).toBe(h.id);
    }
  });

  it('get by id and the cross-index search carry it too', async () => {
    const one = await gw.gql('{ movie(id: "tt0800369") { id title } }', { auth: 'master-user:master-password' });
    expect(one.body).toEqual({ data: { movie: { id: 'tt0800369', title: 'Thor' } } });
    const all = await gw.gql('{ search(query: "thor", first: 5) { hits { id document { __typename ... on Movie { id } } } } }', { auth: 'master-user:master-password' });
    const hits = all.body.data.search.hits as { id: string; document: { __typename: string; id?: string } }[];
    expect(hits.some((h) => h.document.__typename === 'Movie')).toBe(true);
    for (const h of hits) if (h.document.__typename === 'Movie') expect(h.document.id).toBe(h.id);
  });

  it('selecting only the id asks the backend for no source fields and still answers', async () => {
    const res = await gw.gql('{ flights(first: 3) { hits { id document { id } } } }', { auth: 'new-user:new-password' });
    const hits = res.body.data.flights.hits as { id: string; document: { id: string } }[];
    expect(hits).toHaveLength(3);
    for (const h of hits) expect(h.document).toEqual({ id: h.id });
  });
});
