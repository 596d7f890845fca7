/** The embedded engine's REST API through the official client: shapes, statuses and errors as OpenSearch. */
import type { Client } from '@opensearch-project/opensearch';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../../../src/engine/engine.js';
import { embeddedClient, failure } from './embedded-client.js';

let engine: Engine;
let client: Client;

beforeEach(async () => {
  ({ engine, client } = await embeddedClient());
});
afterEach(async () => {
  await engine.close();
});

const raw = (method: string, path: string, body?: string) =>
  engine.handle({ method, path: path.split('?')[0]!, query: new URLSearchParams(path.split('?')[1] ?? ''), ...(body ? { body } : {}) });

describe('cluster', () => {
  it('answers GET / as an OpenSearch 3 node, HEAD / and cluster health', async () => {
    const info = (await client.info()).body as { version: { distribution: string; number: string } };
    expect(info.version.distribution).toBe('opensearch');
    expect(info.version.number.startsWith('3.')).toBe(true);
    expect((await client.ping()).body).toBe(true);
    const health = (await client.cluster.health()).body as { status: string; number_of_nodes: number };
    expect(health).toMatchObject({ status: 'green', number_of_nodes: 1 });
    const res = await raw('GET', '/');
    expect(res.headers?.['content-type']).toMatch(/^application\/json/);
  });

  it('answers unknown endpoints 400 and wrong methods 405, naming them', async () => {
    const unknown = await raw('GET', '/x/_frob');
    expect(unknown).toMatchObject({ status: 400, body: { error: 'no handler found for uri [/x/_frob] and method [GET]' } });
    const wrong = await raw('DELETE', '/_cluster/health');
    expect(wrong.status).toBe(405);
    expect((wrong.body as { error: string }).error).toContain('allowed: [GET]');
    const badParam = await failure(client.search({ index: 'x', body: {}, typed_keys: true } as never));
    expect(badParam.status).toBe(400);
    // A parameter OpenSearch knows and the engine does not implement is refused by name; an unknown one is
    // "unrecognized", as OpenSearch words it.
    expect(badParam.body.error.reason).toBe('request parameter [typed_keys] is not supported by the embedded engine');
    const unknownParam = await raw('GET', '/_cluster/health?frob=1');
    expect(unknownParam.status).toBe(400);
    expect(JSON.stringify(unknownParam.body)).toContain('contains unrecognized parameter: [frob]');
  });
});

describe('indices', () => {
  it('creates, describes, checks and deletes indices', async () => {
    const created = await client.indices.create({
      index: 'books',
      body: { settings: { number_of_shards: 1 }, mappings: { properties: { title: { type: 'text' } } }, aliases: { library: {} } },
    });
    expect(created.body).toEqual({ acknowledged: true, shards_acknowledged: true, index: 'books' });
    expect((await client.indices.exists({ index: 'books' })).body).toBe(true);
    expect((await client.indices.exists({ index: 'nope' })).body).toBe(false);
    const got = (await client.indices.get({ index: 'books' })).body as Record<string, any>;
    expect(got.books.aliases).toEqual({ library: {} });
    expect(got.books.mappings).toEqual({ properties: { title: { type: 'text' } } });
    expect(got.books.settings.index.number_of_shards).toBe('1');
    const dup = await failure(client.indices.create({ index: 'books' }));
    expect(dup.status).toBe(400);
    expect(dup.body.error.type).toBe('resource_already_exists_exception');
    expect((await client.indices.delete({ index: 'books' })).body).toEqual({ acknowledged: true });
    const gone = await failure(client.indices.delete({ index: 'books' }));
    expect(gone.status).toBe(404);
    expect(gone.body.error).toMatchObject({ type: 'index_not_found_exception', reason: 'no such index [books]' });
  });

  it('validates index names like OpenSearch', async () => {
    for (const [name, reason] of [
      ['Upper', 'must be lowercase'],
      ['_under', "must not start with '_', '-', or '+'"],
      ['-dash', "must not start with '_', '-', or '+'"],
      ['a b', 'must not contain the following characters'],
      ['a#b', "must not contain '#'"],
      ['a*b', 'must not contain the following characters'],
    ] as const) {
      const res = await failure(client.indices.create({ index: name }));
      expect(res.status).toBe(400);
      expect(res.body.error.type).toBe('invalid_index_name_exception');
      expect(res.body.error.reason).toContain(reason);
    }
  });

  it('refuses unknown create keys and unsupported mapping types instead of ignoring them', async () => {
    expect((await failure(client.indices.create({ index: 'x', body: { frob: 1 } as never }))).body.error.reason).toBe('unknown key [frob] for create index');
    expect((await failure(client.indices.create({ index: 'x', body: { mappings: { properties: { p: { type: 'geo_point' } } } } }))).status).toBe(400);
    expect((await client.indices.exists({ index: 'x' })).body).toBe(false);
  });

  it('deletes comma lists and wildcards, and refuses deleting through an alias', async () => {
    for (const i of ['l-1', 'l-2', 'm-1']) await client.indices.create({ index: i });
    await client.indices.putAlias({ index: 'm-1', name: 'm' });
    expect((await failure(client.indices.delete({ index: 'm' }))).body.error.reason).toContain('matches an alias');
    await client.indices.delete({ index: 'l-*' });
    expect((await client.indices.exists({ index: 'l-1' })).body).toBe(false);
    expect((await failure(client.indices.delete({ index: 'm-1,nope' }))).status).toBe(404);
    await client.indices.delete({ index: 'm-1,nope', ignore_unavailable: true });
    expect((await client.indices.exists({ index: 'm-1' })).body).toBe(false);
  });

  it('gets and merges mappings, refusing type changes', async () => {
    await client.indices.create({ index: 'm', body: { mappings: { properties: { a: { type: 'keyword' } } } } });
    await client.indices.putMapping({ index: 'm', body: { properties: { b: { type: 'long' } } } });
    const m = (await client.indices.getMapping({ index: 'm' })).body as Record<string, any>;
    expect(m.m.mappings.properties).toEqual({ a: { type: 'keyword' }, b: { type: 'long' } });
    const conflict = await failure(client.indices.putMapping({ index: 'm', body: { properties: { a: { type: 'long' } } } }));
    expect(conflict.status).toBe(400);
    expect(Object.keys((await client.indices.getMapping()).body as object)).toEqual(['m']);
  });

  it('lists indices with _cat/indices?format=json and refreshes', async () => {
    await client.index({ index: 'c1', id: '1', body: { a: 1 } });
    const cat = (await client.cat.indices({ format: 'json' })).body as Record<string, string>[];
    expect(cat).toHaveLength(1);
    expect(cat[0]).toMatchObject({ index: 'c1', 'docs.count': '1', status: 'open' });
    expect(((await client.cat.indices({ format: 'json', h: 'index' } as never)).body as object[])[0]).toEqual({ index: 'c1' });
    expect((await client.indices.refresh({ index: 'c1' })).body).toEqual({ _shards: { total: 2, successful: 1, failed: 0 } });
  });
});

describe('documents', () => {
  it('indexes, gets, checks, reads _source and deletes with OpenSearch results', async () => {
    const first = await client.index({ index: 'docs', id: '1', body: { t: 'hello' }, refresh: true });
    expect(first.statusCode).toBe(201);
    expect(first.body).toEqual({
      _index: 'docs', _id: '1', _version: 1, result: 'created', forced_refresh: true,
      _shards: { total: 2, successful: 1, failed: 0 }, _seq_no: 0, _primary_term: 1,
    });
    const second = await client.index({ index: 'docs', id: '1', body: { t: 'again', n: 2 } });
    expect(second.statusCode).toBe(200);
    expect(second.body).toMatchObject({ result: 'updated', _version: 2, _seq_no: 1 });
    expect((await client.get({ index: 'docs', id: '1' })).body).toEqual({
      _index: 'docs', _id: '1', _version: 2, _seq_no: 1, _primary_term: 1, found: true, _source: { t: 'again', n: 2 },
    });
    expect((await client.get({ index: 'docs', id: '1', _source_includes: 'n' } as never)).body).toMatchObject({ _source: { n: 2 } });
    expect((await client.exists({ index: 'docs', id: '1' })).body).toBe(true);
    expect((await client.exists({ index: 'docs', id: '2' })).body).toBe(false);
    expect((await client.getSource({ index: 'docs', id: '1' })).body).toEqual({ t: 'again', n: 2 });
    const missingSource = await failure(client.getSource({ index: 'docs', id: '2' }));
    expect(missingSource.body.error).toMatchObject({ type: 'resource_not_found_exception', reason: 'Document not found [docs]/[2]' });
    const missing = await failure(client.get({ index: 'docs', id: '2' }));
    expect(missing).toEqual({ status: 404, body: { _index: 'docs', _id: '2', found: false } });
    const noIndex = await failure(client.get({ index: 'nope', id: '2' }));
    expect(noIndex.body.error.type).toBe('index_not_found_exception');
    expect((await client.delete({ index: 'docs', id: '1' })).body).toMatchObject({ result: 'deleted', _version: 3 });
    const again = await failure(client.delete({ index: 'docs', id: '1' }));
    expect(again.status).toBe(404);
    expect(again.body.result).toBe('not_found');
  });

  it('creates with auto ids and _create, conflicting on existing ids', async () => {
    const auto = await client.index({ index: 'ids', body: { a: 1 } });
    const id = (auto.body as { _id: string })._id;
    expect(id).toMatch(/^[A-Za-z0-9_-]{20}$/);
    expect((await client.get({ index: 'ids', id })).body).toMatchObject({ found: true, _source: { a: 1 } });
    await client.create({ index: 'ids', id: 'c', body: { a: 2 } });
    const conflict = await failure(client.create({ index: 'ids', id: 'c', body: { a: 3 } }));
    expect(conflict.status).toBe(409);
    expect(conflict.body.error.type).toBe('version_conflict_engine_exception');
  });

  it('accepts document ids that start with an underscore, like OpenSearch (1 in 64 generated ids does)', async () => {
    for (const id of ['_abc', '_search', '-x']) {
      await client.index({ index: 'ids', id, body: { a: id } });
      expect((await client.get({ index: 'ids', id })).body).toMatchObject({ found: true, _id: id, _source: { a: id } });
    }
  });

  it('auto-creates the index on first write, with dynamic mappings', async () => {
    await client.index({ index: 'auto', id: '1', body: { n: 1, s: 'text' } });
    const m = (await client.indices.getMapping({ index: 'auto' })).body as Record<string, any>;
    expect(m.auto.mappings.properties.n).toEqual({ type: 'long' });
    expect(m.auto.mappings.properties.s.type).toBe('text');
  });

  it('rejects bodies that are missing or not JSON objects, and documents that do not fit the mapping', async () => {
    expect((await raw('PUT', '/d/_doc/1')).body).toMatchObject({ error: { type: 'parse_exception', reason: 'request body is required' } });
    expect((await raw('PUT', '/d/_doc/1', 'nope')).body).toMatchObject({ error: { type: 'mapper_parsing_exception' } });
    await client.indices.create({ index: 'typed', body: { mappings: { properties: { n: { type: 'long' } } } } });
    const bad = await failure(client.index({ index: 'typed', id: '1', body: { n: 'abc' } }));
    expect(bad.status).toBe(400);
    expect((await client.count({ index: 'typed' })).body).toMatchObject({ count: 0 });
  });

  it('answers _mget per document, with errors for missing indices', async () => {
    await client.index({ index: 'mg', id: '1', body: { a: 1 } });
    const res = (await client.mget({ body: { docs: [{ _index: 'mg', _id: '1' }, { _index: 'mg', _id: '2' }, { _index: 'nope', _id: '1' }] } })).body as any;
    expect(res.docs[0]).toMatchObject({ _index: 'mg', _id: '1', found: true, _source: { a: 1 } });
    expect(res.docs[1]).toEqual({ _index: 'mg', _id: '2', found: false });
    expect(res.docs[2].error.type).toBe('index_not_found_exception');
    const byIds = (await client.mget({ index: 'mg', body: { ids: ['1'] } })).body as any;
    expect(byIds.docs[0].found).toBe(true);
  });
});

describe('_bulk', () => {
  it('answers every item like OpenSearch and sets errors', async () => {
    await client.indices.create({ index: 'bk', body: { mappings: { properties: { n: { type: 'long' } } } } });
    const res = (await client.bulk({
      body: [
        { index: { _index: 'bk', _id: '1' } }, { n: 1 },
        { create: { _index: 'bk', _id: '1' } }, { n: 2 },
        { delete: { _index: 'bk', _id: 'zz' } },
        { update: { _index: 'bk', _id: '1' } }, { doc: { m: { x: 3 } } },
        { update: { _index: 'bk', _id: 'q' } }, { doc: { m: 3 } },
        { index: { _index: 'bk', _id: '2' } }, { n: 'notnum' },
        { index: { _index: 'Bad', _id: '2' } }, { n: 1 },
        { index: { _index: 'bk' } }, { n: 5 },
        { update: { _index: 'bk', _id: '1' } }, { doc: { m: { x: 3 } } },
      ],
    })).body as any;
    expect(res.errors).toBe(true);
    const items = res.items;
    expect(items[0].index).toMatchObject({ _index: 'bk', _id: '1', result: 'created', status: 201, _version: 1 });
    expect(items[1].create).toMatchObject({ status: 409, error: { type: 'version_conflict_engine_exception' } });
    expect(items[1].create.error.root_cause).toBeUndefined();
    expect(items[2].delete).toMatchObject({ result: 'not_found', status: 404 });
    expect(items[3].update).toMatchObject({ result: 'updated', status: 200, _version: 2 });
    expect(items[4].update).toMatchObject({ status: 404, error: { type: 'document_missing_exception', reason: '[q]: document missing' } });
    expect(items[5].index.status).toBe(400);
    expect(items[6].index).toMatchObject({ _index: 'Bad', status: 400, error: { type: 'invalid_index_name_exception' } });
    expect(items[7].index).toMatchObject({ result: 'created', status: 201 });
    expect(items[8].update).toMatchObject({ result: 'noop', _version: 2 });
    expect((await client.get({ index: 'bk', id: '1' })).body).toMatchObject({ _source: { n: 1, m: { x: 3 } } });
    expect((await client.count({ index: 'bk' })).body).toMatchObject({ count: 2 });
  });

  it('uses the path index as default and fails malformed requests as a whole', async () => {
    const res = (await client.bulk({ index: 'dflt', body: [{ index: { _id: '1' } }, { a: 1 }] })).body as any;
    expect(res.items[0].index._index).toBe('dflt');
    const bad = await raw('POST', '/_bulk', '{"frob":{"_index":"x"}}\n{}\n');
    expect(bad.status).toBe(400);
    expect((bad.body as any).error.reason).toContain('expected one of [create, delete, index, update] but found [frob]');
    expect(((await raw('POST', '/_bulk', '{"index":{"_index":"x"}}\n{}')).body as any).error.reason).toContain('terminated by a newline');
    expect(((await raw('POST', '/_bulk', '\n')).body as any).error.type).toBe('action_request_validation_exception');
  });

  it('works with client.helpers.bulk', async () => {
    const result = await client.helpers.bulk({
      datasource: Array.from({ length: 30 }, (_, i) => ({ id: String(i), v: i })),
      onDocument: (doc: { id: string }) => ({ index: { _index: 'helper', _id: doc.id } }),
      refreshOnCompletion: true,
    } as never);
    expect((result as { successful: number }).successful).toBe(30);
    expect((await client.count({ index: 'helper' })).body).toMatchObject({ count: 30 });
  });
});

describe('aliases', () => {
  beforeEach(async () => {
    await client.index({ index: 'a1', id: '1', body: { t: 'alpha' } });
    await client.index({ index: 'a2', id: '2', body: { t: 'beta' } });
  });

  it('adds and removes through _aliases and lists them', async () => {
    await client.indices.updateAliases({ body: { actions: [{ add: { index: 'a1', alias: 'both' } }, { add: { indices: ['a2'], alias: 'both' } }] } });
    expect((await client.indices.getAlias()).body).toEqual({ a1: { aliases: { both: {} } }, a2: { aliases: { both: {} } } });
    expect((await client.indices.getAlias({ name: 'both' })).body).toEqual({ a1: { aliases: { both: {} } }, a2: { aliases: { both: {} } } });
    expect((await client.indices.getAlias({ index: 'a2' })).body).toEqual({ a2: { aliases: { both: {} } } });
    expect((await client.indices.existsAlias({ name: 'both' })).body).toBe(true);
    expect((await client.indices.existsAlias({ name: 'nope' })).body).toBe(false);
    const missing = await failure(client.indices.getAlias({ name: 'nope' }));
    expect(missing).toEqual({ status: 404, body: { error: 'alias [nope] missing', status: 404 } });
    await client.indices.updateAliases({ body: { actions: [{ remove: { index: 'a1', alias: 'both' } }] } });
    expect((await client.indices.getAlias({ name: 'both' })).body).toEqual({ a2: { aliases: { both: {} } } });
    const notThere = await failure(client.indices.updateAliases({ body: { actions: [{ remove: { index: 'a1', alias: 'both' } }] } }));
    expect(notThere.body.error.type).toBe('aliases_not_found_exception');
    const unknown = await failure(client.indices.updateAliases({ body: { actions: [{ frob: { index: 'a1', alias: 'x' } }] } as never }));
    expect(unknown.status).toBe(400);
  });

  it('applies _aliases atomically: a failing action leaves earlier ones unapplied', async () => {
    const res = await failure(client.indices.updateAliases({ body: { actions: [{ add: { index: 'a1', alias: 'x' } }, { add: { index: 'nope', alias: 'x' } }] } }));
    expect(res.status).toBe(404);
    expect((await client.indices.existsAlias({ name: 'x' })).body).toBe(false);
  });

  it('refuses alias filters rather than ignoring them', async () => {
    const res = await failure(client.indices.putAlias({ index: 'a1', name: 'f', body: { filter: { term: { t: 'alpha' } } } }));
    expect(res.status).toBe(400);
    expect(res.body.error.reason).toContain('filter');
  });

  it('resolves aliases in searches, reads and writes', async () => {
    await client.indices.putAlias({ index: 'a1,a2', name: 'both' });
    await client.indices.putAlias({ index: 'a1', name: 'one' });
    const hits = (await client.search({ index: 'both', body: { sort: [{ _id: 'asc' }] as never } })).body as any;
    expect(hits.hits.hits.map((h: any) => [h._index, h._id])).toEqual([['a1', '1'], ['a2', '2']]);
    expect((await client.get({ index: 'one', id: '1' })).body).toMatchObject({ _index: 'a1', found: true });
    const ambiguous = await failure(client.get({ index: 'both', id: '1' }));
    expect(ambiguous.body.error.reason).toContain('has more than one index associated with it');
    expect((await client.index({ index: 'one', id: '9', body: { t: 'via alias' } })).body).toMatchObject({ _index: 'a1' });
    const noWrite = await failure(client.index({ index: 'both', id: '9', body: {} }));
    expect(noWrite.body.error.reason).toContain('no write index is defined for alias [both]');
    await client.indices.updateAliases({ body: { actions: [{ add: { index: 'a2', alias: 'both', is_write_index: true } }] } });
    expect((await client.index({ index: 'both', id: '9', body: { t: 'w' } })).body).toMatchObject({ _index: 'a2' });
    await client.indices.deleteAlias({ index: 'a1', name: 'one' });
    expect((await client.indices.existsAlias({ name: 'one' })).body).toBe(false);
    // Deleting an index drops its aliases.
    await client.indices.delete({ index: 'a2' });
    expect((await client.indices.getAlias({ name: 'both' })).body).toEqual({ a1: { aliases: { both: {} } } });
  });
});

describe('search, count, msearch', () => {
  beforeEach(async () => {
    await client.bulk({
      refresh: true,
      body: [
        { index: { _index: 's1', _id: '1' } }, { t: 'quick brown fox', n: 1 },
        { index: { _index: 's1', _id: '2' } }, { t: 'lazy dog', n: 2 },
        { index: { _index: 's2', _id: '3' } }, { t: 'quick dog', n: 3 },
      ],
    });
  });

  it('searches indices, comma lists and wildcards with OpenSearch envelopes', async () => {
    const res = (await client.search({ index: 's*', body: { query: { match: { t: 'quick' } } } })).body as any;
    expect(res).toMatchObject({ timed_out: false, _shards: { total: 2, successful: 2, skipped: 0, failed: 0 } });
    expect(typeof res.took).toBe('number');
    expect(res.hits.hits.map((h: any) => h._id).sort()).toEqual(['1', '3']);
    expect(((await client.search({ index: 's1,s2', body: { size: 0 } })).body as any).hits.total).toEqual({ value: 3, relation: 'eq' });
    expect(((await client.search({ body: { size: 0 } })).body as any).hits.total.value).toBe(3);
    expect(((await client.search({ index: 'nomatch-*', body: {} })).body as any).hits.total.value).toBe(0);
  });

  it('honours ignore_unavailable and allow_no_indices', async () => {
    expect((await failure(client.search({ index: 's1,nope', body: {} }))).body.error.type).toBe('index_not_found_exception');
    expect(((await client.search({ index: 's1,nope', ignore_unavailable: true, body: { size: 0 } })).body as any).hits.total.value).toBe(2);
    expect((await failure(client.search({ index: 'nomatch-*', allow_no_indices: false, body: {} }))).status).toBe(404);
  });

  it('counts', async () => {
    expect((await client.count({ index: 's1', body: { query: { match: { t: 'dog' } } } })).body).toEqual({
      count: 1, _shards: { total: 1, successful: 1, skipped: 0, failed: 0 },
    });
  });

  it('reports search errors with OpenSearch types', async () => {
    const res = await failure(client.search({ index: 's1', body: { frob: 1 } as never }));
    expect(res.status).toBe(400);
    expect(res.body.error.type).toBe('parsing_exception');
  });

  it('runs _msearch with per-response errors', async () => {
    const res = (await client.msearch({ body: [{ index: 's1' }, { size: 0 }, { index: 'nope' }, {}, {}, { query: { match: { t: 'dog' } } }] })).body as any;
    expect(res.responses).toHaveLength(3);
    expect(res.responses[0]).toMatchObject({ status: 200, hits: { total: { value: 2 } } });
    expect(res.responses[1]).toMatchObject({ status: 404, error: { type: 'index_not_found_exception' } });
    expect(res.responses[2].hits.total.value).toBe(2);
    const parse = await failure(client.msearch({ body: [{ index: 's1' }, { query: { frob: {} } as never }] }));
    expect(parse.status).toBe(400);
  });
});
