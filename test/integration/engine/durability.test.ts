/**
 * Durability of the embedded engine across `kill -9`: every write acknowledged over HTTP must be present
 * and searchable after a restart on the same data directory, and a damaged log must stop the open with a
 * stable error naming the file and offset instead of loading silently.
 */
import { mkdtemp, readdir, rm, stat, truncate, open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Engine, EngineCorruptionError } from '../../../src/engine/engine.js';
import { bulkBody, call, killHard, startChild, type Child } from './child.js';

const dirs: string[] = [];
const children: Child[] = [];

async function tempDir(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), 'engine-durability-'));
  dirs.push(d);
  return d;
}

async function start(dir: string, extra: string[] = []): Promise<Child> {
  const c = await startChild(dir, extra);
  children.push(c);
  return c;
}

afterEach(async () => {
  for (const c of children.splice(0)) await killHard(c);
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

function ids(prefix: string, from: number, n: number): string[] {
  return Array.from({ length: n }, (_, i) => `${prefix}${from + i}`);
}

/** Every id must be found, and the whole set searchable. */
async function expectAllPresent(url: string, index: string, expected: string[]): Promise<void> {
  const mget = await call(url, 'POST', `/${index}/_mget`, { ids: expected });
  const missing = (mget.body.docs as { _id: string; found: boolean }[]).filter((d) => !d.found).map((d) => d._id);
  expect(missing).toEqual([]);
  const search = await call(url, 'POST', `/${index}/_search`, { size: 0, query: { match: { tag: 'durable' } }, track_total_hits: true });
  expect(search.body.hits.total.value).toBeGreaterThanOrEqual(expected.length);
  const one = expected[expected.length - 1]!;
  const byTitle = await call(url, 'POST', `/${index}/_search`, { query: { match_phrase: { title: `document ${one}` } } });
  expect(byTitle.body.hits.hits.map((h: { _id: string }) => h._id)).toContain(one);
}

describe('embedded engine durability', () => {
  it('keeps every acknowledged write across kill -9 (bulk, single writes, deletes, mappings, aliases)', async () => {
    const dir = await tempDir();
    const a = await start(dir);
    expect((await call(a.url, 'PUT', '/dur', { mappings: { properties: { title: { type: 'text' }, n: { type: 'long' } } } })).status).toBe(200);
    // Concurrent bulks and single writes: each response is an acknowledgement.
    const batches = [0, 1, 2, 3].map((b) => ids('d', b * 500, 500));
    const singles = ids('s', 0, 40);
    const results = await Promise.all([
      ...batches.map((batch) => call(a.url, 'POST', '/_bulk', bulkBody('dur', batch), true)),
      ...singles.map((id) => call(a.url, 'PUT', `/dur/_doc/${id}`, { title: `document ${id}`, tag: 'durable' })),
    ]);
    for (const r of results.slice(0, 4)) {
      expect(r.status).toBe(200);
      expect(r.body.errors).toBe(false);
    }
    for (const r of results.slice(4)) expect(r.status).toBe(201);
    expect((await call(a.url, 'DELETE', '/dur/_doc/d7')).body.result).toBe('deleted');
    expect((await call(a.url, 'POST', '/_aliases', { actions: [{ add: { index: 'dur', alias: 'dur-alias' } }] })).status).toBe(200);
    await killHard(a);

    const b = await start(dir);
    const acked = [...batches.flat().filter((id) => id !== 'd7'), ...singles];
    await expectAllPresent(b.url, 'dur-alias', acked);
    expect((await call(b.url, 'GET', '/dur/_doc/d7')).status).toBe(404);
    expect((await call(b.url, 'GET', '/dur/_count')).body.count).toBe(acked.length);
    expect((await call(b.url, 'GET', '/dur/_mapping')).body.dur.mappings.properties.n).toEqual({ type: 'long' });
    // Versions continue from the replayed state.
    expect((await call(b.url, 'PUT', '/dur/_doc/d1', { title: 'again', tag: 'durable' })).body._version).toBe(2);
  });

  it('restarts from snapshot + later log after size-triggered checkpoints, dropping replaced files', async () => {
    const dir = await tempDir();
    const a = await start(dir, ['65536']);
    let written: string[] = [];
    for (let b = 0; b < 6; b++) {
      const batch = ids('c', b * 300, 300);
      const r = await call(a.url, 'POST', '/_bulk', bulkBody('ckpt', batch), true);
      expect(r.body.errors).toBe(false);
      written = written.concat(batch);
    }
    // Let a background checkpoint finish, then write more so the newest log holds records too.
    await new Promise((r) => setTimeout(r, 300));
    const tail = ids('t', 0, 50);
    expect((await call(a.url, 'POST', '/_bulk', bulkBody('ckpt', tail), true)).body.errors).toBe(false);
    await killHard(a);
    const files = await readdir(dir);
    expect(files.filter((f) => f.endsWith('.mf')).length).toBe(1);
    const snapGen = Number(/manifest-(\d+)/.exec(files.find((f) => f.endsWith('.mf'))!)![1]);
    expect(snapGen).toBeGreaterThan(0);
    // One index file (the older ones of the same index were replaced); logs older than the manifest are gone.
    expect(files.filter((f) => f.endsWith('.ix')).length).toBe(1);
    expect(files.filter((f) => f.endsWith('.log')).every((f) => Number(/wal-(\d+)/.exec(f)![1]) >= snapGen)).toBe(true);

    const b = await start(dir, ['65536']);
    await expectAllPresent(b.url, 'ckpt', [...written, ...tail]);
    expect((await call(b.url, 'GET', '/ckpt/_count')).body.count).toBe(written.length + tail.length);
  });

  it('keeps every acknowledged write of several indices across kill -9 during incremental checkpoints', async () => {
    const dir = await tempDir();
    const a = await start(dir, ['32768']);
    const quiet = ids('q', 0, 200);
    expect((await call(a.url, 'POST', '/_bulk', bulkBody('quiet', quiet), true)).body.errors).toBe(false);
    const busy: string[] = [];
    const other: string[] = [];
    // Writes in flight while size-triggered checkpoints run in the background; only 'quiet' is never
    // written again, so each checkpoint keeps its file.
    for (let round = 0; round < 8; round++) {
      const b1 = ids(`b${round}-`, 0, 150);
      const b2 = ids(`o${round}-`, 0, 20);
      const [r1, r2] = await Promise.all([
        call(a.url, 'POST', '/_bulk', bulkBody('busy', b1), true),
        call(a.url, 'POST', '/_bulk', bulkBody('other', b2), true),
      ]);
      expect(r1.body.errors).toBe(false);
      expect(r2.body.errors).toBe(false);
      busy.push(...b1);
      other.push(...b2);
    }
    await killHard(a);
    const files = await readdir(dir);
    expect(files.filter((f) => f.endsWith('.mf')).length).toBeGreaterThanOrEqual(1);

    const b = await start(dir, ['32768']);
    await expectAllPresent(b.url, 'busy', busy);
    await expectAllPresent(b.url, 'other', other);
    await expectAllPresent(b.url, 'quiet', quiet);
    for (const [ix, n] of [['busy', busy.length], ['other', other.length], ['quiet', quiet.length]] as const) {
      expect((await call(b.url, 'GET', `/${ix}/_count`)).body.count).toBe(n);
    }
  });

  it('with writes in flight at kill time, a repair-enabled restart keeps every acknowledged write', async () => {
    const dir = await tempDir();
    const a = await start(dir);
    const acked = ids('k', 0, 1000);
    expect((await call(a.url, 'POST', '/_bulk', bulkBody('inflight', acked), true)).body.errors).toBe(false);
    // Fire more writes and kill while they may be mid-flight; they are not acknowledged to us.
    const pending = [0, 1, 2, 3].map((b) => call(a.url, 'POST', '/_bulk', bulkBody('inflight', ids(`u${b}-`, 0, 400)), true).catch(() => null));
    await new Promise((r) => setTimeout(r, 5));
    await killHard(a);
    const settled = await Promise.all(pending);
    const ackedLater = settled.flatMap((r, b) => (r && r.status === 200 && r.body.errors === false ? ids(`u${b}-`, 0, 400) : []));

    const b = await start(dir, ['', 'repair']);
    await expectAllPresent(b.url, 'inflight', [...acked, ...ackedLater]);
  });

  it('refuses a torn log tail with ENGINE_CORRUPT_LOG naming file and offset', async () => {
    const dir = await tempDir();
    const a = await start(dir);
    expect((await call(a.url, 'POST', '/_bulk', bulkBody('torn', ids('x', 0, 20)), true)).body.errors).toBe(false);
    await killHard(a);
    const wal = (await readdir(dir)).filter((f) => f.endsWith('.log')).sort().at(-1)!;
    const size = (await stat(join(dir, wal))).size;
    await truncate(join(dir, wal), size - 3);

    const err = await Engine.open({ dataDir: dir }).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(EngineCorruptionError);
    const c = err as EngineCorruptionError;
    expect(c.code).toBe('ENGINE_CORRUPT_LOG');
    expect(c.file).toBe(wal);
    expect(c.offset).toBeGreaterThan(0);
    expect(c.offset).toBeLessThan(size - 3);
    expect(c.tornTail).toBe(true);
    expect(c.message).toContain(wal);
    expect(c.message).toContain(String(c.offset));

    // The operator's explicit repair cuts the unacknowledged tail and opens.
    const repaired = await Engine.open({ dataDir: dir, repairTornTail: true });
    const res = await repaired.handle({ method: 'GET', path: '/torn/_count', query: new URLSearchParams() });
    expect((res.body as { count: number }).count).toBe(19);
    await repaired.close();
  });

  it('refuses a damaged record in the middle of the log even with repair enabled', async () => {
    const dir = await tempDir();
    const a = await start(dir);
    for (let i = 0; i < 5; i++) {
      expect((await call(a.url, 'PUT', `/flip/_doc/${i}`, { title: `document ${i}` })).status).toBe(201);
    }
    await killHard(a);
    const wal = (await readdir(dir)).filter((f) => f.endsWith('.log')).sort().at(-1)!;
    const path = join(dir, wal);
    const size = (await stat(path)).size;
    // Flip one payload byte roughly in the middle.
    const fh = await open(path, 'r+');
    const pos = Math.floor(size / 2);
    const byte = Buffer.alloc(1);
    await fh.read(byte, 0, 1, pos);
    byte[0] = byte[0]! ^ 0x20;
    await fh.write(byte, 0, 1, pos);
    await fh.close();

    for (const repairTornTail of [false, true]) {
      const err = await Engine.open({ dataDir: dir, repairTornTail }).then(() => undefined, (e: unknown) => e);
      expect(err).toBeInstanceOf(EngineCorruptionError);
      const c = err as EngineCorruptionError;
      expect(c.code).toBe('ENGINE_CORRUPT_LOG');
      expect(c.file).toBe(wal);
      expect(c.offset).toBeLessThanOrEqual(pos);
      expect(c.tornTail).toBe(false);
    }
  });

  it('refuses a second process on the same data directory, and takes over a dead owner\'s lock', async () => {
    const dir = await tempDir();
    const a = await start(dir);
    await expect(startChild(dir)).rejects.toMatchObject({ code: 'ENGINE_LOCKED' });
    await killHard(a);
    const b = await start(dir);
    expect((await call(b.url, 'GET', '/_cluster/health')).status).toBe(200);
  });
});
