import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, startTestGateway, type TestGateway } from '../../support/gateway.js';
import { LIMITED, MASTER } from './support.js';

/**
 * Property: whatever search master-user saves (any fields, filters, sorts, aliases, fragments, variables), when
 * limited-user runs it they get nothing they could not get by asking themselves: only documents inside their
 * DLS (year <= 2012), only their visible fields, release_date masked exactly as in their own answers, no value of
 * a hidden field anywhere in the answer (data or errors).
 */
const MOVIE_FIELDS = ['title', 'year', 'release_date', 'plot', 'directors', 'actors', 'genres', 'rating', 'rank', 'running_time_secs'];
const VISIBLE = new Set(['title', 'year', 'release_date', 'plot']);

const whereArb = fc.oneof(
  fc.constant(null),
  fc.record({ year: fc.record({ gte: fc.integer({ min: 1990, max: 2016 }) }) }),
  fc.record({ rating: fc.record({ gte: fc.double({ min: 5, max: 9, noNaN: true }) }) }),
  fc.record({ genres: fc.record({ eq: fc.constantFrom('Action', 'Drama', 'Comedy') }) }),
  fc.record({ or: fc.constant([{ year: { lte: 2005 } }, { rank: { lte: 500 } }]) }),
);
type Order = { field: string; direction: string }[];
const orderArb = fc.option(
  fc.constantFrom<Order>([{ field: 'YEAR', direction: 'DESC' }], [{ field: 'RATING', direction: 'ASC' }], [{ field: 'TITLE', direction: 'ASC' }]),
  { nil: null },
);
const searchArb = fc.record({
  fields: fc.subarray(MOVIE_FIELDS, { minLength: 1 }),
  where: whereArb,
  orderBy: orderArb,
  first: fc.integer({ min: 1, max: 60 }),
  query: fc.option(fc.constantFrom('thor', 'love', 'the', 'war'), { nil: null }),
  style: fc.constantFrom('inline', 'variables', 'fragment', 'alias'),
});

type Search = typeof searchArb extends fc.Arbitrary<infer T> ? T : never;

function documentOf(s: Search): { document: string; variables: Record<string, unknown> } {
  const fields = s.fields.join(' ');
  const selection = s.style === 'fragment' ? '...F' : fields;
  const fragment = s.style === 'fragment' ? `\nfragment F on Movie { ${fields} }` : '';
  const key = s.style === 'alias' ? 'found: movies' : 'movies';
  if (s.style === 'variables') {
    return {
      document: `query S($w: MovieWhere, $o: [MovieOrderBy!], $n: Int, $q: String) { movies(where: $w, orderBy: $o, first: $n, query: $q) { total hits { id document { ${selection} } } } }`,
      variables: { w: s.where, o: s.orderBy, n: s.first, q: s.query },
    };
  }
  const args = [
    `first: ${s.first}`,
    s.query ? `query: ${JSON.stringify(s.query)}` : '',
    s.where ? `where: ${literal(s.where)}` : '',
    s.orderBy ? `orderBy: ${s.orderBy.map((o) => `{ field: ${o.field}, direction: ${o.direction} }`).join(' ')}` : '',
  ].filter(Boolean);
  return { document: `{ ${key}(${args.join(', ')}) { total hits { id document { ${selection} } } } }${fragment}`, variables: {} };
}

/** JSON as a GraphQL input literal (object keys unquoted). */
function literal(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(literal).join(', ')}]`;
  if (v !== null && typeof v === 'object') return `{ ${Object.entries(v).map(([k, x]) => `${k}: ${literal(x)}`).join(', ')} }`;
  return JSON.stringify(v);
}

describe.each(BACKENDS)('running saved searches never widens access (%s)', (backend) => {
  let gw: TestGateway;
  let allowed: Map<string, Record<string, unknown>>;
  let hiddenValues: string[];
  beforeAll(async () => {
    gw = await startTestGateway(backend);
    const own = await gw.gql(`{ movies(first: 100) { total hits { id document { title year release_date plot } } } }`, { auth: LIMITED });
    allowed = new Map(own.body.data.movies.hits.map((h: { id: string; document: Record<string, unknown> }) => [h.id, h.document]));
    expect(own.body.data.movies.total).toBe(allowed.size);
    const all = await gw.gql(`{ movies(first: 100) { hits { document { actors directors } } } }`, { auth: MASTER });
    // Distinctive values of fields limited-user cannot see: none may reach them through a saved search.
    const hits = all.body.data.movies.hits as { document: { actors?: string[]; directors?: string[] } }[];
    hiddenValues = [...new Set(hits.flatMap((h) => [...(h.document.actors ?? []), ...(h.document.directors ?? [])]))].filter((v) => v.length > 8);
    expect(hiddenValues.length).toBeGreaterThan(10);
  });
  afterAll(async () => {
    await gw?.close();
  });

  it('holds for random saved searches', async () => {
    let n = 0;
    const seen = { hits: 0, refusedWhole: 0, refusedParts: 0 };
    await fc.assert(
      fc.asyncProperty(searchArb, async (s) => {
        const name = `p${n++}`;
        const { document, variables } = documentOf(s);
        const saved = await gw.gql(
          `mutation ($s: SavedSearchInput!, $name: String!) { saveSearch(name: $name, tenant: "analysts", search: $s) { version } }`,
          { auth: MASTER, variables: { name, s: { document, variables } } },
        );
        // master may see everything, so whatever the generator made must save.
        expect(saved.body.errors, document).toBeUndefined();
        const res = await gw.gql(`query ($name: String!) { runSavedSearch(name: $name, tenant: "analysts") { data errors { message path code } } }`, {
          auth: LIMITED,
          variables: { name },
        });
        const run = res.body.data.runSavedSearch;
        const text = JSON.stringify(run);
        for (const v of hiddenValues) expect(text, document).not.toContain(v);
        const result = run.data?.movies ?? run.data?.found;
        if (!result) {
          // Refused whole: only because it names something limited-user cannot see.
          expect(run.errors.length, document).toBeGreaterThan(0);
          expect(run.errors.every((e: { code: string }) => e.code === 'FORBIDDEN'), document).toBe(true);
          seen.refusedWhole++;
          return;
        }
        expect(result.total).toBeLessThanOrEqual(allowed.size);
        seen.hits += result.hits.length;
        if (run.errors.length > 0) seen.refusedParts++;
        for (const hit of result.hits as { id: string; document?: Record<string, unknown> }[]) {
          const own = allowed.get(hit.id);
          expect(own, `${hit.id} is outside limited-user's DLS`).toBeDefined();
          for (const [field, value] of Object.entries(hit.document ?? {})) {
            expect(VISIBLE.has(field), `${field} is hidden from limited-user`).toBe(true);
            // Masked exactly as in their own answers (release_date), clear where they see it clear.
            expect(value).toEqual(own![field]);
          }
        }
        // Every field asked for and not shown is reported.
        const refused = s.fields.filter((f) => !VISIBLE.has(f));
        for (const f of refused) expect(run.errors.some((e: { path: string[] | null }) => e.path?.at(-1) === f), `${f} not reported`).toBe(true);
      }),
      { numRuns: 40, seed: 20261123 },
    );
    // Not vacuous: the runs returned documents, refused whole searches and refused single fields.
    expect(seen.hits).toBeGreaterThan(20);
    expect(seen.refusedWhole).toBeGreaterThan(0);
    expect(seen.refusedParts).toBeGreaterThan(0);
  }, 120_000);
});
