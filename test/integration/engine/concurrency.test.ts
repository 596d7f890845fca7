/**
 * Many concurrent requests against one engine on a data directory: writes (single, bulk, delete, alias
 * changes) interleaved with reads. Reads must never see a half-applied bulk, the final state must be exactly
 * the sum of the acknowledged operations, and a restart must reproduce it.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { embeddedClient } from '../../unit/engine/rest/embedded-client.js';

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

describe('embedded engine under concurrent requests', () => {
  it('serialises writes, never exposes half a bulk, and restarts into the same state', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'engine-concurrency-'));
    dirs.push(dir);
    const { engine, client } = await embeddedClient(dir);
    await client.indices.create({ index: 'conc', body: { mappings: { properties: { g: { type: 'keyword' }, n: { type: 'long' } } } } });

    const ops: Promise<unknown>[] = [];
    const bulkSeen: number[] = [];
    for (let g = 0; g < 20; g++) {
      // Each bulk writes 50 docs of group g; a search for group g must see 0 or all 50.
      const body = Array.from({ length: 50 }, (_, i) => [{ index: { _index: 'conc', _id: `b${g}-${i}` } }, { g: `g${g}`, n: i }]).flat();
      ops.push(client.bulk({ body }).then((r) => expect((r.body as { errors: boolean }).errors).toBe(false)));
      ops.push(client.count({ index: 'conc', body: { query: { term: { g: `g${g}` } } } }).then((r) => bulkSeen.push((r.body as { count: number }).count)));
    }
    for (let i = 0; i < 100; i++) {
      ops.push(client.index({ index: 'conc', id: `s${i}`, body: { g: 'single', n: i } }));
      // Checkpoints run while writes are in flight.
      if (i % 10 === 0) ops.push(engine.checkpoint());
    }
    await Promise.all(ops);
    expect(bulkSeen.every((c) => c === 0 || c === 50)).toBe(true);

    // Deletes of half the singles and overwrites of the rest, concurrently.
    await Promise.all(Array.from({ length: 100 }, (_, i) =>
      i % 2 === 0 ? client.delete({ index: 'conc', id: `s${i}` }) : client.index({ index: 'conc', id: `s${i}`, body: { g: 'single', n: i * 10 } })));
    await Promise.all([
      client.indices.updateAliases({ body: { actions: [{ add: { index: 'conc', alias: 'conc-a' } }] } }),
      client.index({ index: 'other', id: '1', body: { g: 'x' } }),
    ]);

    const snapshot = async (c: typeof client): Promise<unknown> => {
      const res = await c.search({ index: 'conc-a', body: { size: 2000, sort: [{ _id: 'asc' }] as never, track_total_hits: true }, seq_no_primary_term: true, version: true } as never);
      const hits = (res.body as { hits: { total: { value: number }; hits: unknown[] } }).hits;
      return { total: hits.total.value, hits: hits.hits };
    };
    const before = await snapshot(client);
    expect((before as { total: number }).total).toBe(20 * 50 + 50);
    const single = await client.get({ index: 'conc', id: 's3' });
    expect((single.body as { _source: { n: number }; _version: number })._source.n).toBe(30);
    expect((single.body as { _version: number })._version).toBe(2);

    await engine.close();
    const reopened = await embeddedClient(dir);
    expect(await snapshot(reopened.client)).toEqual(before);
    expect((await reopened.client.indices.exists({ index: 'other' })).body).toBe(true);
    await reopened.engine.close();
  });
});
