import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { searchPort } from '../../../src/backend/search-port.js';
import { loadCatalog } from '../../../src/catalog/catalog.js';
import { loadConfig } from '../../../src/config/load.js';
import { GeneratedNameError } from '../../../src/catalog/generated-names.js';
import { BACKENDS, startTestGateway, type TestGateway } from '../../support/gateway.js';
import { useIndex, VIEW_CONFIG } from './view-fixture.js';

const VIEW_INDEX = 'authz-view-names';

/**
 * Colliding generated names stop the start with a message naming both sources (issue 11, item 4): a config
 * with types X and XHit at config load, and a mapping with `a.b` and `a_b` when the catalog is loaded.
 */
describe('config load refuses colliding generated names', () => {
  let dir: string;
  afterAll(async () => dir && rm(dir, { recursive: true, force: true }));

  it('types X and XHit', async () => {
    dir = await mkdtemp(join(tmpdir(), 'searchgate-names-'));
    const file = join(dir, 'searchgate.yml');
    await writeFile(
      file,
      ['security: { configDir: . }', 'indices:', '  - { index: xs, type: X, search: xs, get: x }', '  - { index: hits, type: XHit, search: hits, get: hit }'].join('\n'),
    );
    await expect(loadConfig(file, {})).rejects.toThrow(/type name "XHit" would be generated twice: for indices\[0\] \(index xs, type X\): its hit type and for indices\[1\] \(index hits, type XHit\): its document type/);
  });
});

describe.each(BACKENDS)('catalog load refuses colliding names from mappings on %s', (backend) => {
  let gw: TestGateway | undefined;
  afterAll(async () => {
    await gw?.close();
  });

  it('a mapping with a.b and a_b stops the start, naming both fields', async () => {
    const probe = await startTestGateway(backend, useIndex(VIEW_INDEX), VIEW_CONFIG);
    const client = probe.gateway.backend.client;
    await client.indices.delete({ index: VIEW_INDEX, ignore_unavailable: true } as never).catch(() => undefined);
    await client.indices.create({
      index: VIEW_INDEX,
      body: { mappings: { properties: { a: { properties: { b: { type: 'keyword' } } }, a_b: { type: 'keyword' } } } } as never,
    });
    try {
      const load = loadCatalog(searchPort(client), [{ index: VIEW_INDEX, type: 'Staff', search: 'staff', get: 'staffMember', lists: [] }]);
      await expect(load).rejects.toThrow(GeneratedNameError);
      await expect(load).rejects.toThrow(/enum values of Staff's sort and aggregation enums "A_B" would be generated twice/);
      // The running gateway keeps its last good catalog and keeps answering.
      await probe.gateway.refreshCatalog();
      const still = await probe.gql<any>('{ me { name } }', { auth: 'v-objects:v-objects-pw' });
      expect(still.body.data.me.name).toBe('v-objects');
      if (backend === 'opensearch') {
        // A new gateway on the same node refuses to start. (The embedded engine's data stays with `probe`.)
        const err = await startTestGateway(backend, useIndex(VIEW_INDEX), VIEW_CONFIG).then(
          (g) => ((gw = g), null),
          (e: unknown) => e,
        );
        expect(err).toBeInstanceOf(GeneratedNameError);
        expect((err as Error).message).toMatch(/"a_b" would be generated twice: for field "a\.b" of indices\[0\] \(index authz-view-names, type Staff\) and for field "a_b"/);
      }
    } finally {
      await client.indices.delete({ index: VIEW_INDEX, ignore_unavailable: true } as never).catch(() => undefined);
      await probe.close();
    }
  });
});
