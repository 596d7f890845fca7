/**
 * Checkpoints keep built index structures (index files, format 3; format 2 snapshots did too): an engine reopened from one must answer every search
 * exactly as the engine that wrote it, and keep doing so as writes continue on top of the loaded arrays
 * (compared with a memory-only engine given the same operations). A damaged blob is refused.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Engine } from '../../../../src/engine/engine.js';
import { setSourcesPerBlobForTests } from '../../../../src/engine/index/source-store.js';
import { prng } from '../../../../src/sample/prng.js';

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

const call = async (e: Engine, method: string, path: string, body?: unknown) => {
  const res = await e.handle({ method, path, query: new URLSearchParams(), ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }) });
  return res;
};

function ops(seed: number, n: number, idSpace: number): string {
  const r = prng(seed);
  const words = ['alpha', 'beta', 'gamma', 'delta', 'eps', 'zeta'];
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const id = String(Math.floor(r() * idSpace));
    if (r() < 0.1) { lines.push(JSON.stringify({ delete: { _index: 'img', _id: id } })); continue; }
    const doc: Record<string, unknown> = {
      t: Array.from({ length: 1 + Math.floor(r() * 5) }, () => words[Math.floor(r() * words.length)]).join(' '),
      n: r() < 0.2 ? [Math.floor(r() * 9), Math.floor(r() * 9)] : Math.floor(r() * 9),
      k: r() < 0.2 ? ['x', `k${Math.floor(r() * 5)}`] : `k${Math.floor(r() * 5)}`,
      when: 1_600_000_000_000 + Math.floor(r() * 100) * 60_000,
      b: r() < 0.5,
      ...(r() < 0.1 ? { extra: { deep: `v${i}` } } : {}),
    };
    lines.push(JSON.stringify({ index: { _index: 'img', _id: id } }), JSON.stringify(doc));
  }
  return `${lines.join('\n')}\n`;
}

const QUERIES: unknown[] = [
  { size: 20, query: { match: { t: 'alpha beta' } } },
  { size: 20, query: { match_phrase: { t: 'gamma delta' } } },
  { size: 5, query: { bool: { filter: [{ term: { k: 'k1' } }, { range: { n: { gte: 3 } } }, { term: { b: true } }] } }, sort: [{ when: 'desc' }] },
  { size: 0, aggs: { k: { terms: { field: 'k' } }, n: { stats: { field: 'n' } }, h: { date_histogram: { field: 'when', fixed_interval: '1h' } } } },
  { size: 10, sort: [{ n: { order: 'desc', mode: 'avg' } }, { k: 'asc' }, '_doc'] },
  { size: 10, query: { exists: { field: 'extra.deep' } } },
  { size: 10, query: { ids: { values: ['1', '2', '3', '40'] } }, version: true, seq_no_primary_term: true },
];

async function answers(e: Engine): Promise<unknown[]> {
  const out: unknown[] = [];
  for (const q of QUERIES) {
    const body = (await call(e, 'POST', '/img/_search', q)).body as Record<string, unknown>;
    delete body.took;
    out.push(body);
  }
  out.push((await call(e, 'GET', '/img/_doc/7')).body);
  out.push((await call(e, 'GET', '/img/_count')).body);
  out.push((await call(e, 'GET', '/img/_mapping')).body);
  return out;
}

describe('snapshot images', () => {
  for (const perBlob of [65_536, 64]) it(`a reopened engine answers like the one that wrote it, also after further writes (${perBlob} sources per blob)`, async () => {
    setSourcesPerBlobForTests(perBlob);
    const dir = await mkdtemp(join(tmpdir(), 'engine-image-'));
    dirs.push(dir);
    const mem = await Engine.open({});
    let disk = await Engine.open({ dataDir: dir });
    const mapping = { mappings: { properties: { t: { type: 'text' }, n: { type: 'integer' }, k: { type: 'keyword' }, when: { type: 'date' }, b: { type: 'boolean' } } } };
    for (const e of [mem, disk]) expect((await call(e, 'PUT', '/img', mapping)).status).toBe(200);
    for (const [round, seed] of [1, 2, 3].entries()) {
      const body = ops(seed, 1500, 600);
      for (const e of [mem, disk]) expect((await call(e, 'POST', '/_bulk', body)).status).toBe(200);
      const before = await answers(disk);
      expect(before).toEqual(await answers(mem));
      await disk.close();
      const files = await readdir(dir);
      expect(files.filter((f) => f.endsWith('.mf'))).toHaveLength(1);
      expect(files.filter((f) => f.endsWith('.ix'))).toHaveLength(1);
      disk = await Engine.open({ dataDir: dir });
      expect(await answers(disk)).toEqual(before);
      // Writes go on top of the loaded arrays (the next round), and a checkpoint mid-way.
      if (round === 1) await disk.checkpoint();
    }
    await disk.close();
    await mem.close();
    setSourcesPerBlobForTests(65_536);
  });

  it('refuses a snapshot with a damaged blob', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'engine-image-'));
    dirs.push(dir);
    const e = await Engine.open({ dataDir: dir });
    await call(e, 'POST', '/_bulk', ops(5, 200, 100));
    await e.close();
    const snap = (await readdir(dir)).find((f) => f.endsWith('.ix'))!;
    const bytes = await readFile(join(dir, snap));
    const mid = Math.floor(bytes.length / 2);
    bytes[mid] = bytes[mid]! ^ 0xff;
    await writeFile(join(dir, snap), bytes);
    await expect(Engine.open({ dataDir: dir })).rejects.toMatchObject({ code: 'ENGINE_CORRUPT_SNAPSHOT', file: snap });
  });
});
