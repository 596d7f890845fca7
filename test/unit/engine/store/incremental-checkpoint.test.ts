/**
 * Incremental checkpoints: a checkpoint writes a file only for the indices written since the previous one
 * and a manifest naming those and the kept files. Checked here: untouched files are not rewritten (same
 * name, inode and mtime), reopening after any mix of checkpoints answers like a memory-only engine given the
 * same operations, a crash between the index files and the manifest (or before the obsolete files are
 * deleted) recovers, damage is refused, and formats 1 and 2 still open and are replaced by the next
 * checkpoint.
 */
import { cp, mkdir, mkdtemp, readdir, readFile, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { Engine } from '../../../../src/engine/engine.js';
import type { Catalog } from '../../../../src/engine/store/catalog.js';
import { DurableStore, type CheckpointStats } from '../../../../src/engine/store/durable-store.js';
import { encodeFrame } from '../../../../src/engine/store/frame.js';
import { readFrames } from '../../../../src/engine/store/frame-reader.js';
import { createWalFile } from '../../../../src/engine/store/wal.js';
import { prng } from '../../../../src/sample/prng.js';
import { LEGACY_OPS, LEGACY_QUERIES, type Op } from './legacy-ops.js';

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), 'engine-incr-'));
  dirs.push(d);
  return d;
}
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

const call = async (e: Engine, method: string, path: string, body?: unknown) =>
  e.handle({ method, path, query: new URLSearchParams(), ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }) });

async function ok(e: Engine, method: string, path: string, body?: unknown): Promise<void> {
  const res = await call(e, method, path, body);
  expect(res.status, `${method} ${path}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
  expect((res.body as { errors?: boolean } | null)?.errors ?? false).toBe(false);
}

async function run(engines: Engine[], ops: Op[]): Promise<void> {
  for (const op of ops) for (const e of engines) await ok(e, op.method, op.path, op.body);
}

const store = (e: Engine): DurableStore => (e as unknown as { ctx: { durability: DurableStore } }).ctx.durability;
const catalogOf = (e: Engine): Catalog => (e as unknown as { ctx: { catalog: Catalog } }).ctx.catalog;
const stats = (e: Engine): CheckpointStats => store(e).lastCheckpoint!;

/** The newest manifest's index files by index name. */
async function manifestFiles(dir: string): Promise<Map<string, string>> {
  const mf = (await readdir(dir)).filter((f) => f.endsWith('.mf')).sort();
  expect(mf).toHaveLength(1);
  const out = new Map<string, string>();
  for await (const f of readFrames(join(dir, mf[0]!), 'ENGINE_CORRUPT_SNAPSHOT')) {
    for (const r of (f.value as { indices: { name: string; file: string }[] }).indices) out.set(r.name, r.file);
  }
  return out;
}

async function fileIds(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const [name, file] of await manifestFiles(dir)) {
    const s = await stat(join(dir, file));
    out.set(name, `${file}:${s.ino}:${s.mtimeMs}`);
  }
  return out;
}

const bulk = (index: string, from: number, n: number, word = 'w'): string => {
  const lines: string[] = [];
  for (let i = from; i < from + n; i++) {
    lines.push(JSON.stringify({ index: { _index: index, _id: String(i) } }), JSON.stringify({ t: `${word} ${i % 3}`, n: i, k: `k${i % 4}` }));
  }
  return `${lines.join('\n')}\n`;
};

const NAMES = ['ia', 'ib', 'ic'];
const QUERIES: unknown[] = [
  { size: 15, query: { match: { t: 'alpha beta' } }, sort: ['_score', { n: 'asc' }] },
  { size: 10, query: { bool: { filter: [{ term: { k: 'k1' } }, { range: { n: { gte: 3 } } }] } }, sort: [{ n: 'desc' }], version: true, seq_no_primary_term: true },
  { size: 0, aggs: { k: { terms: { field: 'k' } }, n: { stats: { field: 'n' } } } },
  { size: 10, query: { exists: { field: 'extra' } }, sort: [{ n: 'asc' }] },
];

async function answers(e: Engine, indices: string[], queries: [string, unknown][] = []): Promise<unknown[]> {
  const out: unknown[] = [];
  const strip = (b: unknown): unknown => {
    const body = { ...(b as Record<string, unknown>) };
    delete body.took;
    return body;
  };
  for (const ix of indices) {
    for (const q of QUERIES) out.push(strip((await call(e, 'POST', `/${ix}/_search`, q)).body));
    out.push((await call(e, 'GET', `/${ix}/_count`)).body, (await call(e, 'GET', `/${ix}/_doc/3`)).body);
  }
  for (const [path, q] of queries) out.push(strip((await call(e, 'POST', path, q)).body));
  // Index uuids and creation dates differ between the two engines; mappings, settings and aliases do not.
  const all = (await call(e, 'GET', '/_all')).body as Record<string, { settings: { index: Record<string, unknown> } }>;
  for (const v of Object.values(all)) {
    delete v.settings.index.uuid;
    delete v.settings.index.creation_date;
  }
  out.push(all);
  return out;
}

describe('incremental checkpoints', () => {
  it('rewrites only the indices written since the last checkpoint', async () => {
    const dir = await tempDir();
    const e = await Engine.open({ dataDir: dir });
    for (const ix of NAMES) await ok(e, 'POST', '/_bulk', bulk(ix, 0, 200));
    await e.checkpoint();
    expect(stats(e).written.sort()).toEqual(NAMES);
    const first = await fileIds(dir);

    // Appends to one index of three: only its file is written.
    await ok(e, 'POST', '/_bulk', bulk('ib', 200, 50));
    await e.checkpoint();
    expect(stats(e)).toMatchObject({ written: ['ib'], kept: ['ia', 'ic'] });
    const second = await fileIds(dir);
    expect(second.get('ia')).toBe(first.get('ia'));
    expect(second.get('ic')).toBe(first.get('ic'));
    expect(second.get('ib')).not.toBe(first.get('ib'));

    // One document updated.
    await ok(e, 'PUT', '/ic/_doc/5', { t: 'updated', n: -1, k: 'kx' });
    await e.checkpoint();
    expect(stats(e)).toMatchObject({ written: ['ic'], kept: ['ia', 'ib'] });
    const third = await fileIds(dir);
    expect(third.get('ia')).toBe(first.get('ia'));
    expect(third.get('ib')).toBe(second.get('ib'));

    // An alias change only: a new manifest, no index file.
    await ok(e, 'POST', '/_aliases', { actions: [{ add: { index: 'ia', alias: 'al' } }] });
    await e.checkpoint();
    expect(stats(e)).toMatchObject({ written: [], kept: ['ia', 'ib', 'ic'] });
    expect(await fileIds(dir)).toEqual(third);

    // A deleted index's file goes; a re-created one (same name) gets a new file even if not written since.
    await ok(e, 'DELETE', '/ia');
    await ok(e, 'PUT', '/ib/_mapping', { properties: { extra: { type: 'keyword' } } });
    await e.checkpoint();
    expect(stats(e)).toMatchObject({ written: ['ib'], kept: ['ic'] });
    const files = await readdir(dir);
    expect(files.filter((f) => f.endsWith('.ix')).sort()).toEqual([...(await manifestFiles(dir)).values()].sort());
    expect(files.filter((f) => f.endsWith('.log'))).toHaveLength(1);
    await ok(e, 'PUT', '/ia', {});
    await e.checkpoint();
    expect(stats(e)).toMatchObject({ written: ['ia'], kept: ['ib', 'ic'] });

    // Nothing written: close does not checkpoint again.
    const before = await fileIds(dir);
    await e.close();
    expect(await fileIds(dir)).toEqual(before);
  });

  it('triggers by the size of what would be rewritten: small writes beside a big index checkpoint without rewriting it', async () => {
    const dir = await tempDir();
    const e = await Engine.open({ dataDir: dir, checkpointBytes: 1 });
    await ok(e, 'POST', '/_bulk', bulk('big', 0, 3000));
    await e.checkpoint();
    const bigFile = (await fileIds(dir)).get('big');
    const seen: CheckpointStats[] = [];
    for (let i = 0; i < 300; i++) {
      await ok(e, 'PUT', `/small/_doc/${i}`, { t: `doc ${i}`, n: i });
      const last = stats(e);
      if (seen.at(-1) !== last) seen.push(last);
      await new Promise((r) => setImmediate(r));
    }
    const auto = seen.slice(1);
    // The old trigger (log >= the whole snapshot, big included) would not have fired at all here.
    expect(auto.length).toBeGreaterThanOrEqual(2);
    for (const s of auto) expect(s.kept).toContain('big');
    await e.checkpoint();
    expect((await fileIds(dir)).get('big')).toBe(bigFile);
    // Geometric: everything written for 'small' stays within a small multiple of its final file.
    const smallBytes = (await stat(join(dir, (await manifestFiles(dir)).get('small')!))).size;
    const written = [...auto, stats(e)].reduce((n, s) => n + s.bytes, 0);
    expect(written).toBeLessThan(3 * smallBytes);
    await e.close();
  });

  it('reopens after any mix of incremental checkpoints into the state a memory-only engine has', async () => {
    const dir = await tempDir();
    const mem = await Engine.open({});
    let disk = await Engine.open({ dataDir: dir });
    const r = prng(42);
    const words = ['alpha', 'beta', 'gamma', 'delta'];
    const live = new Set<string>();
    let aliasOn = false;
    let keptSome = 0;
    for (let step = 0; step < 60; step++) {
      const ix = NAMES[Math.floor(r() * NAMES.length)]!;
      const x = r();
      let op: Op;
      if (!live.has(ix)) {
        op = { method: 'PUT', path: `/${ix}`, body: { mappings: { properties: { t: { type: 'text' }, n: { type: 'long' }, k: { type: 'keyword' } } } } };
        live.add(ix);
      } else if (x < 0.45) {
        const lines: string[] = [];
        for (let i = 0; i < 1 + Math.floor(r() * 80); i++) {
          const id = String(Math.floor(r() * 150));
          if (r() < 0.15) lines.push(JSON.stringify({ delete: { _index: ix, _id: id } }));
          else {
            lines.push(JSON.stringify({ index: { _index: ix, _id: id } }), JSON.stringify({
              t: Array.from({ length: 1 + Math.floor(r() * 4) }, () => words[Math.floor(r() * words.length)]).join(' '),
              n: Math.floor(r() * 50), k: `k${Math.floor(r() * 4)}`, ...(r() < 0.1 ? { extra: `e${step}` } : {}),
            }));
          }
        }
        op = { method: 'POST', path: '/_bulk', body: `${lines.join('\n')}\n` };
      } else if (x < 0.65) {
        op = { method: 'PUT', path: `/${ix}/_doc/${Math.floor(r() * 150)}`, body: { t: words[step % 4], n: step, k: 'k9' } };
      } else if (x < 0.72) {
        op = { method: 'POST', path: '/_aliases', body: { actions: [{ [aliasOn ? 'remove' : 'add']: { index: 'ia', alias: 'al' } }] } };
        if (!live.has('ia')) continue;
        aliasOn = !aliasOn;
      } else if (x < 0.76) {
        op = { method: 'DELETE', path: `/${ix}` };
        live.delete(ix);
        if (ix === 'ia') aliasOn = false;
      } else if (x < 0.8) {
        op = { method: 'PUT', path: `/${ix}/_mapping`, body: { properties: { [`f${step}`]: { type: 'keyword' } } } };
      } else {
        op = { method: 'PUT', path: `/${ix}/_doc/x${step}`, body: { t: 'single', n: step } };
      }
      await run([mem, disk], [op]);
      if (r() < 0.3) {
        await disk.checkpoint();
        if (stats(disk).kept.length > 0) keptSome++;
      }
      if (r() < 0.12 || step === 59) {
        const want = await answers(mem, [...live]);
        expect(await answers(disk, [...live])).toEqual(want);
        await disk.close();
        disk = await Engine.open({ dataDir: dir });
        expect(await answers(disk, [...live])).toEqual(want);
      }
    }
    expect(keptSome).toBeGreaterThan(3);
    await disk.close();
    await mem.close();
  });

  it('recovers from a crash between writing index files and the manifest, and from one before the cleanup', async () => {
    const dir = await tempDir();
    const mem = await Engine.open({});
    const e = await Engine.open({ dataDir: dir });
    await run([mem, e], NAMES.map((ix) => ({ method: 'POST', path: '/_bulk', body: bulk(ix, 0, 100, 'alpha') })));
    await e.checkpoint();
    const afterFirst = await tempDir();
    await copyData(dir, afterFirst);

    await run([mem, e], [{ method: 'POST', path: '/_bulk', body: bulk('ia', 100, 30, 'beta') }, { method: 'DELETE', path: '/ic/_doc/3' }]);
    const proto = DurableStore.prototype as unknown as { writeManifest(m: unknown): Promise<number> };
    const original = proto.writeManifest;
    proto.writeManifest = () => Promise.reject(new Error('ENOSPC: no space left on device'));
    try {
      await expect(e.checkpoint()).rejects.toThrow('ENOSPC');
    } finally {
      proto.writeManifest = original;
    }
    // The new index files are on disk, no manifest names them.
    const files = await readdir(dir);
    expect(files.filter((f) => f.endsWith('.ix'))).toHaveLength(5);
    expect(files.filter((f) => f.endsWith('.mf'))).toHaveLength(1);
    // "Crash" now: a copy of the directory as it is, opened without the writer's close.
    const crashed = await tempDir();
    await copyData(dir, crashed);
    const want = await answers(mem, NAMES);
    const reopened = await Engine.open({ dataDir: crashed });
    expect(await answers(reopened, NAMES)).toEqual(want);
    expect((await readdir(crashed)).filter((f) => f.endsWith('.ix'))).toHaveLength(3);
    await reopened.close();

    // The writer carries on: its next checkpoint writes the indices the failed one had captured.
    await e.checkpoint();
    expect(stats(e)).toMatchObject({ written: ['ia', 'ic'], kept: ['ib'] });
    // A crash after the manifest was durable but before the cleanup: older files are still around.
    const late = await tempDir();
    await copyData(dir, late);
    for (const f of await readdir(afterFirst)) if (!(await readdir(late)).includes(f)) await cp(join(afterFirst, f), join(late, f));
    expect((await readdir(late)).filter((f) => f.endsWith('.mf'))).toHaveLength(2);
    const fromLate = await Engine.open({ dataDir: late });
    expect(await answers(fromLate, NAMES)).toEqual(want);
    await fromLate.close();
    const left = await readdir(late);
    expect(left.filter((f) => f.endsWith('.mf'))).toHaveLength(1);
    expect(left.filter((f) => f.endsWith('.ix'))).toHaveLength(3);
    expect(left.filter((f) => f.endsWith('.log'))).toHaveLength(1);

    await e.close();
    const again = await Engine.open({ dataDir: dir });
    expect(await answers(again, NAMES)).toEqual(want);
    await again.close();
    await mem.close();
  });

  it('refuses a damaged manifest, a missing index file and one of another size, naming the file', async () => {
    const dir = await tempDir();
    const e = await Engine.open({ dataDir: dir });
    for (const ix of NAMES) await ok(e, 'POST', '/_bulk', bulk(ix, 0, 20));
    await e.close();
    const files = await readdir(dir);
    const mf = files.find((f) => f.endsWith('.mf'))!;
    const ix = files.find((f) => f.endsWith('.ix'))!;
    const pristine = await tempDir();
    await copyData(dir, pristine);

    const m = await readFile(join(dir, mf));
    m[m.length - 2] = m[m.length - 2]! ^ 1;
    await writeFile(join(dir, mf), m);
    await expect(Engine.open({ dataDir: dir })).rejects.toMatchObject({ code: 'ENGINE_CORRUPT_SNAPSHOT', file: mf });

    await copyData(pristine, dir);
    await unlink(join(dir, ix));
    await expect(Engine.open({ dataDir: dir })).rejects.toMatchObject({ code: 'ENGINE_CORRUPT_SNAPSHOT', file: ix });

    await copyData(pristine, dir);
    await writeFile(join(dir, ix), Buffer.concat([await readFile(join(dir, ix)), encodeFrame({ end: true, docs: 20 })]));
    await expect(Engine.open({ dataDir: dir })).rejects.toMatchObject({ code: 'ENGINE_CORRUPT_SNAPSHOT', file: ix });

    // Nothing was deleted by the refused opens.
    await copyData(pristine, dir);
    const ok2 = await Engine.open({ dataDir: dir });
    expect((await call(ok2, 'GET', '/ib/_count')).body).toMatchObject({ count: 20 });
    await ok2.close();
  });
});

describe('older snapshot formats', () => {
  it('format 2 (one file, built structures) opens with its log and is replaced by the next checkpoint', async () => {
    const dir = await tempDir();
    await copyData(fileURLToPath(new URL('../../../fixtures/engine-format2', import.meta.url)), dir);
    const mem = await Engine.open({});
    await run([mem], [...LEGACY_OPS.closed, ...LEGACY_OPS.logged]);
    await expectLegacyRoundTrip(dir, mem);
  });

  it('format 1 (documents as JSON) opens with its log and is replaced by the next checkpoint', async () => {
    const dir = await tempDir();
    const mem = await Engine.open({});
    await run([mem], LEGACY_OPS.closed);
    await writeFormat1(dir, 1, catalogOf(mem));
    await createWalFile(dir, 1);
    const e = await Engine.open({ dataDir: dir });
    await run([mem, e], LEGACY_OPS.logged);
    // Format 1 kept live documents only (re-indexed on open): no tombstones, so scores differ from an engine
    // that saw the deletes, and deleted ids' versions are gone. Documents are the same.
    const docs = async (x: Engine, ix: string) => ((await call(x, 'POST', `/${ix}/_search`, { size: 400, sort: [{ _id: 'asc' }] })).body as { hits: { hits: { _id: string; _source: unknown }[] } })
      .hits.hits.map((h) => [h._id, h._source]).sort(([a], [b]) => String(a).localeCompare(String(b)));
    for (const ix of ['la', 'lb']) expect(await docs(e, ix)).toEqual(await docs(mem, ix));
    const want = await answers(e, ['la', 'lb'], LEGACY_QUERIES);
    await e.close();
    // Close checkpointed (the log had records): the format 1 file is gone.
    expect((await readdir(dir)).filter((f) => f.endsWith('.snap'))).toEqual([]);
    const reopened = await Engine.open({ dataDir: dir });
    expect(await answers(reopened, ['la', 'lb'], LEGACY_QUERIES)).toEqual(want);
    await reopened.close();
    await mem.close();
  });
  it('a crash after the first manifest, before the old snapshot was deleted, opens the manifest', async () => {
    const fixture = fileURLToPath(new URL('../../../fixtures/engine-format2', import.meta.url));
    const dir = await tempDir();
    await copyData(fixture, dir);
    const mem = await Engine.open({});
    await run([mem], [...LEGACY_OPS.closed, ...LEGACY_OPS.logged]);
    const e = await Engine.open({ dataDir: dir });
    await run([mem, e], [{ method: 'PUT', path: '/la/_doc/after', body: { t: 'after the upgrade' } }]);
    await e.close();
    // Put the old snapshot and log back: as if the cleanup after the new manifest never ran.
    for (const f of await readdir(fixture)) await cp(join(fixture, f), join(dir, f));
    const again = await Engine.open({ dataDir: dir });
    expect(await answers(again, ['la', 'lb'], LEGACY_QUERIES)).toEqual(await answers(mem, ['la', 'lb'], LEGACY_QUERIES));
    await again.close();
    expect((await readdir(dir)).filter((f) => f.endsWith('.snap'))).toEqual([]);
    await mem.close();
  });
});

async function expectLegacyRoundTrip(dir: string, mem: Engine): Promise<void> {
  const want = await answers(mem, ['la', 'lb'], LEGACY_QUERIES);
  let e = await Engine.open({ dataDir: dir });
  expect(await answers(e, ['la', 'lb'], LEGACY_QUERIES)).toEqual(want);
  await e.checkpoint();
  // Every index is rewritten in the new form; the old snapshot and log go.
  expect(stats(e).written.sort()).toEqual(['la', 'lb']);
  const files = await readdir(dir);
  expect(files.filter((f) => f.endsWith('.snap'))).toEqual([]);
  expect(files.filter((f) => f.endsWith('.ix'))).toHaveLength(2);
  await e.close();
  e = await Engine.open({ dataDir: dir });
  expect(await answers(e, ['la', 'lb'], LEGACY_QUERIES)).toEqual(want);
  await e.close();
  await mem.close();
}


/** What the format 1 writer wrote (dc19916 src/engine/store/snapshot.ts). */
async function writeFormat1(dir: string, gen: number, catalog: Catalog): Promise<void> {
  const indices: unknown[] = [];
  const frames: Buffer[] = [];
  let total = 0;
  for (const [i, name] of catalog.indexNames().entries()) {
    const entry = catalog.entry(name)!;
    const list = [...entry.index.entries()];
    indices.push({
      name, uuid: entry.index.uuid, createdAt: entry.index.createdAt, settings: entry.settings,
      mappings: entry.index.getMappings(), docs: list.length, nextSeqNo: entry.index.seqNoWatermark,
    });
    for (let start = 0; start < list.length; start += 512) {
      const d = list.slice(start, start + 512).map((doc) => [doc.id, doc.version, doc.seqNo, doc.primaryTerm, doc.source]);
      frames.push(encodeFrame({ i, d }));
      total += d.length;
    }
  }
  const aliases: unknown[] = [];
  for (const alias of catalog.aliasNames()) {
    for (const [index, props] of catalog.aliasTargets(alias) ?? []) aliases.push([alias, index, props]);
  }
  const header = encodeFrame({ file: 'snapshot', format: 1, gen, indices, aliases });
  await writeFile(join(dir, `snapshot-${String(gen).padStart(12, '0')}.snap`), Buffer.concat([header, ...frames, encodeFrame({ end: true, docs: total })]));
}

/** Copy a data directory's files except LOCK (what a crash would leave for the next process). */
async function copyData(from: string, to: string): Promise<void> {
  await mkdir(to, { recursive: true });
  for (const f of await readdir(to)) await rm(join(to, f), { force: true });
  for (const f of await readdir(from)) if (f !== 'LOCK') await cp(join(from, f), join(to, f));
}
