import { DEFAULT_LIMITS } from '../../../src/authz/limits.js';
import { newRequestRecord } from '../../../src/observability/request.js';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { execute, GraphQLEnumType, GraphQLObjectType, parse, validate, type GraphQLSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Authorizer } from '../../../src/access/authorize.js';
import type { Principal } from '../../../src/auth/principal.js';
import { clearPermissionCache } from '../../../src/authz/compile.js';
import { createBackend, type Backend } from '../../../src/backend/client.js';
import { parseBackendOptions } from '../../../src/backend/options.js';
import { searchPort } from '../../../src/backend/search-port.js';
import { loadCatalog, type Catalog } from '../../../src/catalog/catalog.js';
import { parseSecurityConfig } from '../../../src/config/security/parse.js';
import type { RequestContext } from '../../../src/api/context.js';
import { Loaders } from '../../../src/api/get/loaders.js';
import { buildSchema } from '../../../src/api/schema.js';
import { BACKENDS } from '../../support/gateway.js';

/**
 * Property: for random roles (DLS, FLS, masks, several roles, either dfm setting), random documents' tokens and
 * random queries, no response ever contains a document outside the caller's DLS, a hidden field's value or a
 * masked field's clear value — in hits, totals, aggregations, cursors, sort values or error messages.
 *
 * The oracle is deliberately independent of src/authz and conservative: a document is "surely hidden" when
 * every role has DLS and none matches it; a field is "surely hidden" when every role hides it, "surely masked"
 * when every role masks it. Whatever the combination rules, those must never show.
 */
const INDEX = 'prop-docs';
const CATEGORIES = ['a', 'b', 'c', 'd'];
const STRING_FIELDS = ['title', 'note', 'secret', 'owner.name', 'owner.pin', 'category'] as const;
type Field = (typeof STRING_FIELDS)[number];
const N = 48;

const token = (id: number, field: Field) => `q${field.replace('.', '')}${id}z`;
function doc(id: number): Record<string, unknown> {
  return {
    title: `report ${token(id, 'title')} alpha`,
    note: `note ${token(id, 'note')} beta`,
    secret: token(id, 'secret'),
    owner: { name: token(id, 'owner.name'), pin: token(id, 'owner.pin') },
    category: CATEGORIES[id % CATEGORIES.length],
    n: id,
  };
}
const docId = (id: number) => `pd${id}x`;

const MAPPINGS = {
  properties: {
    title: { type: 'text', fields: { keyword: { type: 'keyword', ignore_above: 256 } } },
    note: { type: 'text' },
    secret: { type: 'keyword' },
    owner: { properties: { name: { type: 'keyword' }, pin: { type: 'keyword' } } },
    category: { type: 'keyword' },
    n: { type: 'integer' },
  },
};

interface RoleSpec {
  dls: string[] | null; // categories matched, or no DLS
  fls: { mode: 'include' | 'exclude'; fields: string[] } | null;
  masked: string[];
}

const flsField = fc.constantFrom('title', 'title.keyword', 'note', 'secret', 'owner', 'owner.name', 'owner.pin', 'category', 'n');
const roleArb: fc.Arbitrary<RoleSpec> = fc.record({
  dls: fc.option(fc.subarray(CATEGORIES, { minLength: 1 }), { nil: null }),
  fls: fc.option(fc.record({ mode: fc.constantFrom('include' as const, 'exclude' as const), fields: fc.uniqueArray(flsField, { minLength: 1, maxLength: 4 }) }), { nil: null }),
  masked: fc.uniqueArray(fc.constantFrom('title', 'note', 'secret', 'owner.name', 'owner.pin', 'category', 'n'), { maxLength: 2 }),
});

function hides(role: RoleSpec, field: Field): boolean {
  if (!role.fls) return false;
  const covers = (rule: string) => rule === field || field.startsWith(`${rule}.`);
  const listed = role.fls.fields.some(covers);
  return role.fls.mode === 'exclude' ? listed : !role.fls.fields.some((r) => r === field || field.startsWith(`${r}.`));
}

function securityFiles(roles: RoleSpec[]) {
  const rolesYml: Record<string, unknown> = { _meta: { type: 'roles', config_version: 2 } };
  roles.forEach((r, i) => {
    const perm: Record<string, unknown> = { index_patterns: [INDEX], allowed_actions: ['read'] };
    if (r.dls) perm.dls = JSON.stringify({ terms: { category: r.dls } });
    if (r.fls) perm.fls = r.fls.fields.map((f) => (r.fls!.mode === 'exclude' ? `~${f}` : f));
    if (r.masked.length > 0) perm.masked_fields = r.masked;
    rolesYml[`prop-role-${i}`] = { index_permissions: [perm] };
  });
  const mapping: Record<string, unknown> = { _meta: { type: 'rolesmapping', config_version: 2 } };
  roles.forEach((_, i) => (mapping[`prop-role-${i}`] = { backend_roles: ['prop-br'] }));
  return { roles: rolesYml, roles_mapping: mapping };
}

const principal: Principal = { name: 'prop-user', backendRoles: ['prop-br'], directRoles: [], attributes: {}, authType: 'basic', remoteAddress: '127.0.0.1' };

function queriesFor(schema: GraphQLSchema, word: string, first: number, useAfter: boolean): string[] {
  const query = schema.getQueryType()!.getFields();
  if (!query.propDocs) return ['{ propDocs { total } }', '{ propDoc(id: "pd1x") { n } }'];
  const docType = schema.getType('PropDoc') as GraphQLObjectType;
  const sel = (t: GraphQLObjectType): string =>
    Object.values(t.getFields())
      .map((f) => {
        const inner = f.type.toString().replace(/[[\]!]/g, '');
        const named = schema.getType(inner);
        return named instanceof GraphQLObjectType ? `${f.name} { ${sel(named)} }` : f.name;
      })
      .join(' ');
  const docSel = sel(docType);
  const terms = schema.getType('PropDocTermsField') as GraphQLEnumType | undefined;
  const aggs = terms ? `aggregations { ${terms.getValues().map((v, i) => `t${i}: terms(field: ${v.name}, size: 50) { key count }`).join(' ')} }` : '';
  const sortEnum = schema.getType('PropDocSortField') as GraphQLEnumType;
  const orderBy = sortEnum.getValues().map((v) => `{ field: ${v.name}, direction: DESC }`).slice(0, 2).join(', ');
  const hits = `total hits { id score cursor document { ${docSel} } } pageInfo { endCursor hasNextPage } ${aggs}`;
  const out = [
    `{ propDocs(query: "${word}", first: ${first}) { ${hits} } }`,
    `{ propDocs(first: ${first}, orderBy: [${orderBy}]) { ${hits} } }`,
    `{ ${Array.from({ length: 6 }, (_, i) => `d${i}: propDoc(id: "${docId(i * 7)}") { ${docSel} }`).join(' ')} }`,
    // Asking for fields that may be hidden: must fail like unknown fields, naming nothing hidden.
    '{ propDocs { hits { document { secret owner { pin } } } } }',
    `{ search(query: "${word}") { total hits { id cursor document { ... on PropDoc { ${docSel} } } } } }`,
  ];
  if (useAfter) out.push(`{ propDocs(first: 3, orderBy: [${orderBy}]) { hits { cursor } } }`);
  return out;
}

describe.each(BACKENDS)('no leaks for random roles and queries on %s', (backendName) => {
  let backend: Backend;
  let catalog: Catalog;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'searchgate-prop-'));
    backend = await createBackend(
      parseBackendOptions(backendName === 'opensearch' ? { url: process.env.OPENSEARCH_URL } : { embedded: { dataDir } }),
    );
    const client = backend.client;
    await client.indices.delete({ index: INDEX, ignore_unavailable: true } as never).catch(() => undefined);
    await client.indices.create({ index: INDEX, body: { mappings: MAPPINGS } as never });
    const body = Array.from({ length: N }, (_, i) => [{ index: { _index: INDEX, _id: docId(i) } }, doc(i)]).flat();
    await client.bulk({ body: body as never, refresh: 'true' } as never);
    catalog = await loadCatalog(searchPort(client), [{ index: INDEX, type: 'PropDoc', search: 'propDocs', get: 'propDoc', lists: [] }]);
  });
  afterAll(async () => {
    await backend?.client.indices.delete({ index: INDEX, ignore_unavailable: true } as never).catch(() => undefined);
    await backend?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('never shows a document outside DLS, a hidden value or a masked clear value', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(roleArb, { minLength: 1, maxLength: 3 }),
        fc.boolean(),
        fc.constantFrom('report', 'alpha', 'beta', 'note', token(3, 'title'), token(5, 'secret'), token(8, 'owner.pin'), 'a', 'b'),
        fc.integer({ min: 1, max: 30 }),
        async (roles, dfm, word, first) => {
          clearPermissionCache();
          const security = parseSecurityConfig(securityFiles(roles));
          const authorizer = new Authorizer(() => ({ security, catalog }), { dfmEmptyOverridesAll: dfm, masking: { salt: 'e1ukloTsQlOgPquJ', mode: 'v3' } });
          const view = authorizer.view(principal);
          const schema = buildSchema(view.shape);
          const port = searchPort(backend.client);

          // The conservative oracle.
          const allDls = roles.every((r) => r.dls !== null);
          const hiddenDocs = allDls
            ? Array.from({ length: N }, (_, i) => i).filter((i) => !roles.some((r) => r.dls!.includes(CATEGORIES[i % CATEGORIES.length]!)))
            : [];
          const visibleDocCount = N - hiddenDocs.length;
          const hiddenFields = STRING_FIELDS.filter((f) => roles.every((r) => hides(r, f)));
          const maskedFields = STRING_FIELDS.filter((f) => roles.every((r) => r.masked.some((m) => m === f || f.startsWith(`${m}.`))));
          const forbidden: string[] = [];
          for (const i of hiddenDocs) forbidden.push(docId(i), ...STRING_FIELDS.filter((f) => f !== 'category').map((f) => token(i, f)));
          for (let i = 0; i < N; i++) for (const f of [...hiddenFields, ...maskedFields]) if (f !== 'category') forbidden.push(token(i, f));

          for (const q of queriesFor(schema, word, first, true)) {
            const document = parse(q);
            const errors = validate(schema, document);
            const ctx: RequestContext = { permissions: view, search: port, limits: DEFAULT_LIMITS, record: newRequestRecord(undefined), loaders: new Loaders(() => ctx) };
            const result = errors.length > 0 ? { errors } : await execute({ schema, document, contextValue: ctx });
            let text = JSON.stringify(result);
            // Cursors are opaque base64: decode them so their contents are checked too.
            for (const m of text.matchAll(/"(?:cursor|endCursor)":"([A-Za-z0-9_-]+)"/g)) text += Buffer.from(m[1]!, 'base64url').toString('utf8');
            for (const t of forbidden) expect(text, `leaked ${t} for roles ${JSON.stringify(roles)} dfm=${dfm} in ${q}`).not.toContain(t);
            for (const e of result.errors ?? []) {
              const suggestion = /Did you mean (.*)\?/.exec(e.message)?.[1] ?? '';
              for (const f of hiddenFields) expect(suggestion).not.toContain(`"${f.split('.').pop()}"`);
            }
            const data = (result as { data?: Record<string, { total?: number; aggregations?: Record<string, { count: number }[]> }> }).data;
            const res = data?.propDocs;
            if (res && typeof res.total === 'number') {
              expect(res.total).toBeLessThanOrEqual(visibleDocCount);
              for (const buckets of Object.values(res.aggregations ?? {})) {
                expect(buckets.reduce((a, b) => a + b.count, 0)).toBeLessThanOrEqual(visibleDocCount * 2);
                for (const b of buckets) expect(b.count).toBeLessThanOrEqual(visibleDocCount);
              }
            }
          }
        },
      ),
      { numRuns: backendName === 'opensearch' ? 25 : 60, seed: 20261123 },
    );
  }, 240_000);
});
