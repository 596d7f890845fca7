import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend } from '../../../src/backend/client.js';
import { parseBackendOptions } from '../../../src/backend/options.js';

describe('createBackend with the embedded engine', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'sg-backend-embedded-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('answers through the official client and keeps acknowledged writes across a reopen', async () => {
    const options = parseBackendOptions({ embedded: { dataDir } });
    const first = await createBackend(options);
    expect(first.kind).toBe('embedded');
    expect(first.description).toBe(`embedded engine at ${dataDir}`);
    expect(await first.ping()).toBe(true);

    await first.client.indices.create({
      index: 'backend-emb',
      body: { mappings: { properties: { owner: { type: 'keyword' }, n: { type: 'integer' } } } } as never,
    });
    await first.client.bulk({
      body: [
        { index: { _index: 'backend-emb', _id: '1' } },
        { owner: 'alice', n: 1 },
        { index: { _index: 'backend-emb', _id: '2' } },
        { owner: 'bob', n: 2 },
      ] as never,
      refresh: 'true',
    } as never);
    const found = await first.client.search({
      index: 'backend-emb',
      body: { query: { term: { owner: 'bob' } } } as never,
    });
    const hits = (found.body as { hits: { hits: { _id: string }[] } }).hits.hits;
    expect(hits.map((h) => h._id)).toEqual(['2']);
    await first.close();
    await first.close();

    const second = await createBackend(options);
    try {
      const count = await second.client.count({ index: 'backend-emb' });
      expect((count.body as { count: number }).count).toBe(2);
      // an engine error reaches the caller as the client's ResponseError with OpenSearch's shape
      await expect(
        second.client.search({ index: 'backend-emb', body: { query: { no_such_query: {} } } as never }),
      ).rejects.toMatchObject({ name: 'ResponseError', meta: { statusCode: 400 } });
    } finally {
      await second.close();
    }
  });
});
