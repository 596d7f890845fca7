/** The durable store in-process: round trips through snapshot and log, locking, and failing closed. */
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Engine } from '../../../../src/engine/engine.js';
import { encodeFrame } from '../../../../src/engine/store/frame.js';
import { readFrames } from '../../../../src/engine/store/frame-reader.js';
import { WalWriter } from '../../../../src/engine/store/wal.js';
import { embeddedClient } from './embedded-client.js';

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), 'engine-store-'));
  dirs.push(d);
  return d;
}
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

describe('frames', () => {
  it('reads back what was written and reports torn and damaged frames with offsets', async () => {
    const dir = await tempDir();
    const a = encodeFrame({ a: 1 });
    const b = encodeFrame({ b: 'two' });
    const path = join(dir, 'f');
    await writeFile(path, Buffer.concat([a, b]));
    const values: unknown[] = [];
    for await (const f of readFrames(path, 'ENGINE_CORRUPT_LOG')) values.push(f.value);
    expect(values).toEqual([{ a: 1 }, { b: 'two' }]);

    await writeFile(path, Buffer.concat([a, b.subarray(0, b.length - 1)]));
    await expect(collect(path)).rejects.toMatchObject({ code: 'ENGINE_CORRUPT_LOG', offset: a.length, tornTail: true, file: 'f' });

    const damaged = Buffer.concat([a, b]);
    damaged[10] = damaged[10]! ^ 1; // inside a's payload
    await writeFile(path, damaged);
    await expect(collect(path)).rejects.toMatchObject({ offset: 0, tornTail: false });
  });
});

async function collect(path: string): Promise<unknown[]> {
  const out: unknown[] = [];
  for await (const f of readFrames(path, 'ENGINE_CORRUPT_LOG')) out.push(f.value);
  return out;
}

describe('data directory', () => {
  it('restores indices, mappings, aliases, uuids and versions after close (snapshot) and after checkpoint + log', async () => {
    const dir = await tempDir();
    const first = await embeddedClient(dir);
    await first.client.indices.create({ index: 'p', body: { mappings: { properties: { k: { type: 'keyword' } } }, aliases: { pa: {} } } });
    await first.client.index({ index: 'p', id: '1', body: { k: 'a', dyn: 5 } });
    await first.client.index({ index: 'p', id: '1', body: { k: 'b', dyn: 6 } });
    await first.engine.checkpoint();
    await first.client.index({ index: 'p', id: '2', body: { k: 'c' } });
    await first.client.delete({ index: 'p', id: '2' });
    const before = (await first.client.indices.get({ index: 'p' })).body;
    await first.engine.close();
    // Clean close leaves one manifest, the index's file and one (header-only) log.
    const files = (await readdir(dir)).sort();
    expect(files.filter((f) => f.endsWith('.mf'))).toHaveLength(1);
    expect(files.filter((f) => f.endsWith('.ix'))).toHaveLength(1);
    expect(files.filter((f) => f.endsWith('.log'))).toHaveLength(1);
    expect(files).not.toContain('LOCK');

    const second = await embeddedClient(dir);
    expect((await second.client.indices.get({ index: 'p' })).body).toEqual(before);
    expect((await second.client.get({ index: 'pa', id: '1' })).body).toMatchObject({ _version: 2, _source: { k: 'b', dyn: 6 } });
    expect((await second.client.exists({ index: 'p', id: '2' })).body).toBe(false);
    const hits = (await second.client.search({ index: 'p', body: { query: { term: { k: 'b' } } } })).body as any;
    expect(hits.hits.total.value).toBe(1);
    await second.engine.close();
  });

  it('refuses a second open of the same directory in this process', async () => {
    const dir = await tempDir();
    const engine = await Engine.open({ dataDir: dir });
    await expect(Engine.open({ dataDir: dir })).rejects.toMatchObject({ code: 'ENGINE_LOCKED' });
    await engine.close();
    const again = await Engine.open({ dataDir: dir });
    await again.close();
  });

  it('refuses an index file whose end frame is missing', async () => {
    const dir = await tempDir();
    const { engine, client } = await embeddedClient(dir);
    await client.index({ index: 'x', id: '1', body: { a: 1 } });
    await engine.close();
    const snap = (await readdir(dir)).find((f) => f.endsWith('.ix'))!;
    const { readFile } = await import('node:fs/promises');
    const bytes = await readFile(join(dir, snap));
    const end = encodeFrame({ end: true, docs: 1 });
    await writeFile(join(dir, snap), bytes.subarray(0, bytes.length - end.length));
    await expect(Engine.open({ dataDir: dir })).rejects.toMatchObject({ code: 'ENGINE_CORRUPT_SNAPSHOT', file: snap });
  });

  it('does not acknowledge a write whose fsync failed, and fails closed afterwards', async () => {
    const dir = await tempDir();
    const { engine, client } = await embeddedClient(dir);
    await client.index({ index: 'f', id: '1', body: { a: 1 } });
    const proto = WalWriter.prototype as unknown as { writeAndSync(chunks: Buffer[]): Promise<void> };
    const original = proto.writeAndSync;
    proto.writeAndSync = () => Promise.reject(Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' }));
    try {
      const res = await engine.handle({ method: 'PUT', path: '/f/_doc/2', query: new URLSearchParams(), body: '{"a":2}' });
      expect(res.status).toBe(500);
      const after = await engine.handle({ method: 'GET', path: '/f/_doc/1', query: new URLSearchParams() });
      expect(after.status).toBe(500);
      expect(JSON.stringify(after.body)).toContain('ENGINE_STORE_FAILED');
    } finally {
      proto.writeAndSync = original;
    }
    await engine.close().catch(() => undefined);
    // The unacknowledged write is not on disk.
    const reopened = await Engine.open({ dataDir: dir });
    expect((await reopened.handle({ method: 'GET', path: '/f/_doc/2', query: new URLSearchParams() })).status).toBe(404);
    expect((await reopened.handle({ method: 'GET', path: '/f/_doc/1', query: new URLSearchParams() })).status).toBe(200);
    await reopened.close();
  });

  it('shares one fsync between writes issued in the same tick', async () => {
    const dir = await tempDir();
    const { engine, client } = await embeddedClient(dir);
    await client.indices.create({ index: 'g' });
    const proto = WalWriter.prototype as unknown as { writeAndSync(chunks: Buffer[]): Promise<void> };
    const original = proto.writeAndSync;
    let flushes = 0;
    proto.writeAndSync = function (this: unknown, chunks: Buffer[]) {
      if (chunks.length > 0) flushes++;
      return original.call(this, chunks);
    };
    try {
      await Promise.all(Array.from({ length: 50 }, (_, i) => engine.handle({
        method: 'PUT', path: `/g/_doc/${i}`, query: new URLSearchParams(), body: `{"i":${i}}`,
      })));
    } finally {
      proto.writeAndSync = original;
    }
    expect(flushes).toBeGreaterThan(0);
    expect(flushes).toBeLessThan(50);
    expect((await client.count({ index: 'g' })).body).toMatchObject({ count: 50 });
    await engine.close();
  });
});
