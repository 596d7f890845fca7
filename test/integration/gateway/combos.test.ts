import { blake2b } from '@noble/hashes/blake2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, startTestGateway, type TestGateway } from '../../support/gateway.js';

/**
 * DLS, FLS and masking combinations over HTTP, on both backends: several roles on one index, with and
 * without dfm_empty_overrides_all, `.keyword` sub-fields, excluded objects, aliases and wildcards, templates
 * and an injection attempt through the user name. Absence is asserted as much as presence.
 */
const CONFIG = resolve('test/fixtures/combos/searchgate.yml');
const DOCS: Record<string, Record<string, unknown>> = {
  d1: { title: 'Alpha report', category: 'a', secret: 's1', owner: { name: 'alice', email: 'alice@example.org' }, score: 10 },
  d2: { title: 'Beta notes', category: 'b', secret: 's2', owner: { name: 'bob', email: 'bob@example.org' }, score: 20 },
  d3: { title: 'Gamma plan', category: 'c', secret: 's3', owner: { name: 'carol', email: 'carol@example.org' }, score: 30 },
  d4: { title: 'Delta alpha', category: 'a', secret: 's4', owner: { name: 'bob', email: 'bob@example.org' }, score: 40 },
};
const ARCHIVE: Record<string, Record<string, unknown>> = {
  e1: { title: 'Archived alpha', category: 'a', secret: 's5', owner: { name: 'alice', email: 'alice@example.org' }, score: 50 },
  e2: { title: 'Archived gamma', category: 'c', secret: 's6', owner: { name: 'carol', email: 'carol@example.org' }, score: 60 },
};
const MAPPINGS = {
  properties: {
    title: { type: 'text', fields: { keyword: { type: 'keyword', ignore_above: 256 } } },
    category: { type: 'keyword' },
    secret: { type: 'keyword' },
    owner: {
      properties: {
        name: { type: 'text', fields: { keyword: { type: 'keyword', ignore_above: 256 } } },
        email: { type: 'keyword' },
      },
    },
    score: { type: 'integer' },
  },
};
const v3Hash = (v: string) =>
  bytesToHex(blake2b(new TextEncoder().encode(v), { dkLen: 32, salt: new TextEncoder().encode('e1ukloTsQlOgPquJ') }));

const ALL = '{ comboDocs(first: 50) { total hits { id } } }';
const ids = (r: any, field = 'comboDocs') => r.body.data[field].hits.map((h: any) => h.id).sort();
const pw = (u: string) => `${u}:${u}-pw`;

async function seed(gw: TestGateway): Promise<void> {
  const client = gw.gateway.backend.client;
  for (const index of ['combo-docs', 'combo-archive']) {
    await client.indices.delete({ index, ignore_unavailable: true } as never).catch(() => undefined);
    await client.indices.create({ index, body: { mappings: MAPPINGS } as never });
  }
  const body = [
    ...Object.entries(DOCS).flatMap(([id, d]) => [{ index: { _index: 'combo-docs', _id: id } }, d]),
    ...Object.entries(ARCHIVE).flatMap(([id, d]) => [{ index: { _index: 'combo-archive', _id: id } }, d]),
  ];
  await client.bulk({ body: body as never, refresh: 'true' } as never);
  await client.indices.updateAliases({
    body: { actions: [{ add: { index: 'combo-docs', alias: 'combo-all' } }, { add: { index: 'combo-archive', alias: 'combo-all' } }] },
  } as never);
  await gw.gateway.refreshCatalog();
}

async function fields(gw: TestGateway, auth: string, type: string): Promise<string[]> {
  const r = await gw.gql<any>(`{ __type(name: "${type}") { fields { name } inputFields { name } enumValues { name } } }`, { auth });
  const t = r.body.data.__type;
  if (!t) return [];
  return (t.fields ?? t.inputFields ?? t.enumValues).map((f: any) => f.name).sort();
}

describe.each(BACKENDS)('DLS/FLS/masking combinations on %s', (backend) => {
  for (const dfm of [false, true]) {
    describe(`dfm_empty_overrides_all: ${dfm}`, () => {
      let gw: TestGateway;
      beforeAll(async () => {
        gw = await startTestGateway(backend, (c) => (c.security.dfmEmptyOverridesAll = dfm), CONFIG);
        await seed(gw);
      });
      afterAll(async () => {
        const client = gw?.gateway.backend.client;
        await client?.indices.delete({ index: 'combo-docs,combo-archive', ignore_unavailable: true } as never).catch(() => undefined);
        await gw?.close();
      });

      it('a role with DLS and a role without: the setting decides', async () => {
        const r = await gw.gql<any>('{ comboDocs(first: 50) { total hits { id } } }', { auth: pw('u-dfm') });
        expect(r.body.errors).toBeUndefined();
        if (dfm) {
          expect(ids(r)).toEqual(['d1', 'd2', 'd3', 'd4']);
          expect(await fields(gw, pw('u-dfm'), 'ComboDoc')).toContain('secret');
        } else {
          expect(ids(r)).toEqual(['d1', 'd4']);
          expect(r.body.data.comboDocs.total).toBe(2);
          expect(await fields(gw, pw('u-dfm'), 'ComboDoc')).not.toContain('secret');
        }
      });

      if (dfm) return;

      it('DLS of several roles is OR-ed; FLS exclusions of several roles all apply', async () => {
        const r = await gw.gql<any>(ALL, { auth: pw('u-ab') });
        expect(ids(r)).toEqual(['d1', 'd2', 'd4']);
        const f = await fields(gw, pw('u-ab'), 'ComboDoc');
        expect(f).not.toContain('secret');
        expect(f).not.toContain('owner');
        expect(f).toEqual(expect.arrayContaining(['title', 'category', 'score']));
      });

      it('an excluded object hides its members everywhere: output, where, sort, aggregations', async () => {
        expect(await fields(gw, pw('u-ab'), 'ComboDocWhere')).not.toEqual(expect.arrayContaining(['owner_name']));
        expect((await fields(gw, pw('u-ab'), 'ComboDocWhere')).some((f) => f.startsWith('owner'))).toBe(false);
        expect((await fields(gw, pw('u-ab'), 'ComboDocSortField')).some((f) => f.startsWith('OWNER'))).toBe(false);
        expect((await fields(gw, pw('u-ab'), 'ComboDocTermsField')).some((f) => f.startsWith('OWNER'))).toBe(false);
        // Free text over "alice" would match owner.name if it were searched.
        const r = await gw.gql<any>('{ comboDocs(query: "alice") { total } }', { auth: pw('u-ab') });
        expect(r.body.data.comboDocs.total).toBe(0);
      });

      it('wildcard patterns and aliases never skip DLS: each concrete index keeps its rules', async () => {
        const viaAlias = await gw.gql<any>('{ comboAll(first: 50) { total hits { id index } } }', { auth: pw('u-a') });
        expect(viaAlias.body.errors).toBeUndefined();
        expect(ids(viaAlias, 'comboAll')).toEqual(['d1', 'd4', 'e1']);
        const aliasRole = await gw.gql<any>('{ comboAll(first: 50) { hits { id } } comboDocs(first: 50) { hits { id } } }', { auth: pw('u-alias') });
        expect(ids(aliasRole, 'comboAll')).toEqual(['d3', 'e2']);
        expect(ids(aliasRole, 'comboDocs')).toEqual(['d3']);
      });

      it('`~title` also hides title.keyword: not in output, where, sort, aggregations or free text', async () => {
        expect(await fields(gw, pw('u-kw'), 'ComboDoc')).not.toContain('title');
        expect(await fields(gw, pw('u-kw'), 'ComboDocWhere')).not.toContain('title');
        expect(await fields(gw, pw('u-kw'), 'ComboDocSortField')).not.toContain('TITLE');
        expect(await fields(gw, pw('u-kw'), 'ComboDocTermsField')).not.toContain('TITLE');
        const r = await gw.gql<any>('{ comboDocs(query: "Alpha") { total } }', { auth: pw('u-kw') });
        expect(r.body.data.comboDocs.total).toBe(0);
      });

      it('masks: hash of every value type, regex replacement, and masked fields are never filterable', async () => {
        const r = await gw.gql<any>('{ comboDocs(first: 50, orderBy: [{ field: CATEGORY }]) { hits { id document { title score owner { email name } } } } }', { auth: pw('u-mask') });
        expect(r.body.errors).toBeUndefined();
        const d1 = r.body.data.comboDocs.hits.find((h: any) => h.id === 'd1').document;
        expect(d1.owner.email).toBe(v3Hash('alice@example.org'));
        expect(d1.owner.name).toBe('alice');
        expect(d1.title).toBe('Alph* r*p*rt');
        expect(d1.score).toBe(v3Hash('10'));
        expect(r.text).not.toContain('alice@example.org');
        expect(r.text).not.toContain('Alpha report');
        const where = await fields(gw, pw('u-mask'), 'ComboDocWhere');
        expect(where).not.toContain('title');
        expect(where).not.toContain('score');
        expect(where).not.toContain('owner_email');
        expect(await fields(gw, pw('u-mask'), 'ComboDocSortField')).not.toContain('SCORE');
        const text = await gw.gql<any>('{ comboDocs(query: "report") { total } }', { auth: pw('u-mask') });
        expect(text.body.data.comboDocs.total).toBe(0);
      });

      it('user-name templates select own documents; a hostile user name cannot change the query', async () => {
        expect(ids(await gw.gql<any>(ALL, { auth: pw('alice') }))).toEqual(['d1']);
        expect(ids(await gw.gql<any>(ALL, { auth: pw('bob') }))).toEqual(['d2', 'd4']);
        // Basic auth cannot carry ':' in a user name; quotes, braces and a template are enough to break pasted text.
        const hostile = await gw.gql<any>(ALL, { auth: 'x" } }, {"match_all" { ${user.name}:inject-pw' });
        expect(hostile.status).toBe(200);
        expect(hostile.body.data.comboDocs.total).toBe(0);
      });

      it('get by id respects DLS, FLS and masks', async () => {
        const r = await gw.gql<any>('{ a: comboDoc(id: "d1") { title category } b: comboDoc(id: "d2") { title } }', { auth: pw('u-a') });
        expect(r.body.data.a).toEqual({ title: 'Alpha report', category: 'a' });
        expect(r.body.data.b).toBeNull();
      });
    });
  }
});
