/**
 * The conformance suite: the same corpus is loaded into a real OpenSearch node (OPENSEARCH_URL) and into
 * the embedded engine, both through the official client, and every named request must get the same
 * answer from both (see compare.ts for what "the same" covers). One test per request so a failure names it.
 */
import { Client } from '@opensearch-project/opensearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentedRefusal } from './fuzz/refusals.js';
import { dropCorpus, loadCorpus, runRequest } from './backends.js';
import { project } from './compare.js';
import { buildCorpus } from './corpus.js';
import { REQUESTS } from './requests.js';

const url = process.env.OPENSEARCH_URL;
if (!url) {
  console.log('conformance suite skipped: OPENSEARCH_URL is not set (it compares the embedded engine with a real OpenSearch node)');
}

describe.skipIf(!url)('conformance: embedded engine answers like OpenSearch', () => {
  const corpus = buildCorpus();
  let real: Client;
  let embedded: Client;
  let closeEngine: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    // Imported here so the skipped suite does not need the engine to load.
    const { Engine } = await import('../../src/engine/engine.js');
    const { embeddedConnection } = await import('../../src/engine/connection.js');
    const engine = await Engine.open({ dataDir: null });
    closeEngine = () => engine.close();
    real = new Client({ node: url! });
    embedded = new Client({ node: 'http://embedded.local', Connection: embeddedConnection(engine) });
    await loadCorpus(real, corpus);
    await loadCorpus(embedded, corpus);
  }, 300_000);

  afterAll(async () => {
    if (real) await dropCorpus(real, corpus);
    await closeEngine?.();
  });

  it('requests have unique names', () => {
    expect(new Set(REQUESTS.map((r) => r.name)).size).toBe(REQUESTS.length);
  });

  /** Requests the node answered and the engine refused with a reason listed in its README: allowed, counted. */
  const refused: string[] = [];

  for (const req of REQUESTS) {
    it(req.name, async () => {
      const expected = await runRequest(real, req);
      const actual = await runRequest(embedded, req);
      // Refusing (an OpenSearch-shaped 400 naming a documented limit) is allowed; answering differently never is.
      if (expected.ok && !actual.ok && actual.status === 400 && documentedRefusal(actual.reason)) {
        refused.push(`${req.name}: ${actual.reason}`);
        return;
      }
      if (req.expectError) expect(expected.ok, 'the real node must refuse this request').toBe(false);
      else {
        expect(expected.ok, `the real node must accept this request: ${expected.ok ? '' : expected.reason}`).toBe(true);
        // A shard failure on the real node means a partial answer, which is no reference to compare with.
        const shards = expected.ok ? (expected.body._shards as { failed?: number } | undefined) : undefined;
        expect(shards?.failed ?? 0, 'the real node answered with failed shards').toBe(0);
      }
      expect(project(req, actual)).toEqual(project(req, expected));
    });
  }

  it('refuses few of the requests the node answers (documented refusals)', () => {
    if (refused.length > 0) console.log(`documented refusals:\n  ${refused.join('\n  ')}`);
    expect(refused.length).toBeLessThanOrEqual(Math.ceil(REQUESTS.length * 0.02));
  });
});
