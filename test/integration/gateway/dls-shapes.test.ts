import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDlsTemplate } from '../../../src/authz/dls.js';
import { createBackend, type Backend } from '../../../src/backend/client.js';
import { parseBackendOptions } from '../../../src/backend/options.js';
import { BACKENDS } from '../../support/gateway.js';

/**
 * The `minimum_should_match` shapes DLS accepts answer the same on both backends, and the refused ones are
 * refused for a reason the real node shows (issue 12). Expected ids are OpenSearch 3.6.0's answers.
 */
const INDEX = 'authz-dls-shapes';
const DOCS = [{ t: 'a', n: 1 }, { t: 'b', n: 2 }, { n: 3 }, { t: 'a', n: 4 }];
const a = { term: { t: 'a' } };
const n2 = { term: { n: 2 } };

const ACCEPTED: [unknown, string[]][] = [
  [{ bool: { should: [a], minimum_should_match: 1 } }, ['d0', 'd3']],
  [{ bool: { should: [a], minimum_should_match: 0 } }, ['d0', 'd3']],
  [{ bool: { should: [a], minimum_should_match: -1 } }, ['d0', 'd3']],
  [{ bool: { should: [a, n2], minimum_should_match: '-1' } }, ['d0', 'd1', 'd3']],
  [{ bool: { should: [a, n2], minimum_should_match: '50%' } }, ['d0', 'd1', 'd3']],
  [{ bool: { should: [a, n2], minimum_should_match: '-50%' } }, ['d0', 'd1', 'd3']],
  [{ bool: { should: [a, n2], minimum_should_match: '100%' } }, []],
  [{ bool: { should: [a, n2], minimum_should_match: 2 } }, []],
  [{ bool: { must: [{ term: { n: 1 } }], should: [{ term: { t: 'b' } }], minimum_should_match: 0 } }, ['d0']],
  [{ bool: { should: [] } }, ['d0', 'd1', 'd2', 'd3']],
  [{ bool: { must_not: [{ match_none: {} }] } }, ['d0', 'd1', 'd2', 'd3']],
  [{ bool: { must_not: [{ match_none: {} }], should: [n2] } }, ['d1']],
  [{ bool: { should: [{ match_none: {} }, n2], minimum_should_match: 1, must_not: [{ match_none: {} }] } }, ['d1']],
  [{ bool: { must_not: [{ bool: { should: [{ match_none: {} }] } }] } }, ['d0', 'd1', 'd2', 'd3']],
];

describe.each(BACKENDS)('DLS bool shapes on %s', (name) => {
  let backend: Backend;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'searchgate-shapes-'));
    backend = await createBackend(parseBackendOptions(name === 'opensearch' ? { url: process.env.OPENSEARCH_URL } : { embedded: { dataDir } }));
    const c = backend.client;
    await c.indices.delete({ index: INDEX, ignore_unavailable: true } as never).catch(() => undefined);
    await c.indices.create({ index: INDEX, body: { mappings: { properties: { t: { type: 'keyword' }, n: { type: 'integer' } } } } as never });
    await c.bulk({ refresh: 'true', body: DOCS.flatMap((d, i) => [{ index: { _index: INDEX, _id: `d${i}` } }, d]) as never } as never);
  });
  afterAll(async () => {
    await backend?.client.indices.delete({ index: INDEX, ignore_unavailable: true } as never).catch(() => undefined);
    await backend?.close();
    await rm(dataDir, { recursive: true, force: true });
  });
  const ids = async (query: unknown): Promise<string[]> => {
    const r = await backend.client.search({ index: INDEX, body: { query, size: 10, sort: [{ n: 'asc' }] } as never });
    return (r.body.hits.hits as { _id: string }[]).map((h) => h._id);
  };

  it('every accepted shape is valid DLS and gives the OpenSearch answer', async () => {
    for (const [q, expected] of ACCEPTED) {
      expect(() => parseDlsTemplate(JSON.stringify(q))).not.toThrow();
      expect(await ids(q), JSON.stringify(q)).toEqual(expected);
    }
  });

  it('the refused match-everything trap: refused as DLS; on the real node it matches every document', async () => {
    const trap = { bool: { should: [], minimum_should_match: 1 } };
    expect(() => parseDlsTemplate(JSON.stringify(trap))).toThrow(/without should clauses/);
    expect(() => parseDlsTemplate(JSON.stringify({ multi_match: { query: 'a', fields: [] } }))).toThrow(/empty fields/);
    if (name === 'opensearch') {
      expect(await ids(trap)).toEqual(['d0', 'd1', 'd2', 'd3']);
      expect(await ids({ multi_match: { query: 'a', fields: [] } })).toEqual(['d0', 'd3']);
    }
  });
});
