import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../../src/backend/client.js';
import { parseBackendOptions } from '../../../src/backend/options.js';

const url = process.env.OPENSEARCH_URL;
if (!url) console.log('[backend] real-node tests skipped: OPENSEARCH_URL is not set');

describe.skipIf(!url)('createBackend against the real node (OPENSEARCH_URL)', () => {
  let backend: Backend;
  const index = 'backend-it-docs';
  beforeAll(async () => {
    backend = await createBackend(parseBackendOptions({ url }));
  });
  afterAll(async () => {
    await backend?.client.indices.delete({ index }, { ignore: [404] });
    await backend?.close();
  });

  it('pings and describes the version it talks to', async () => {
    expect(backend.kind).toBe('opensearch');
    const info = (await backend.client.info()).body as { version: { number: string } };
    expect(backend.description).toBe(`OpenSearch ${info.version.number} at ${url}`);
    expect(backend.description).toMatch(/^OpenSearch \d+\.\d+\.\d+ at http/);
    expect(await backend.ping()).toBe(true);
  });

  it('round-trips a document through the client', async () => {
    await backend.client.indices.delete({ index }, { ignore: [404] });
    await backend.client.index({ index, id: 'a b/1', body: { owner: 'alice' }, refresh: 'true' } as never);
    const got = await backend.client.get({ index, id: 'a b/1' });
    expect((got.body as { _source: unknown })._source).toEqual({ owner: 'alice' });
  });
});
