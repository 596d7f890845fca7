import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSecurityConfig } from '../../../src/config/security/load.js';
import { withEntry } from '../../../src/config/security/parse.js';
import { filesOf, nextEntryVersions } from '../../../src/config/store/record.js';
import { ConfigStore, StoreConflictError } from '../../../src/config/store/store.js';
import { memoryVersionLog, type VersionLog } from '../../../src/config/store/version-log.js';

/** ConfigStore over the in-memory log: the same semantics the index log gives across instances. */
const SEED = resolve('sample/security');
const open = (log: VersionLog) => ConfigStore.open(log, { initial: () => loadSecurityConfig(SEED), pollIntervalMs: 0 });

describe('ConfigStore', () => {
  it('two stores on one log: a write through one is read by the other, with entry versions carried forward', async () => {
    const log = memoryVersionLog();
    const a = await open(log);
    const b = await open(log);
    expect([a.current.version, b.current.version]).toEqual([1, 1]);
    await a.update((s) => ({ next: withEntry(s.config, 'tenants', 'extra', {}), summary: 'add', result: null }), { author: 'alice' });
    expect(a.current.version).toBe(2);
    expect(b.current.version).toBe(1);
    await b.refresh();
    expect(b.current.version).toBe(2);
    expect(b.current.author).toBe('alice');
    expect(b.current.entryVersions.tenants).toEqual({ analysts: 1, extra: 2 });
    expect(b.current.entryVersions.roles['movies-limited']).toBe(1);
  });

  it('a writer that loses the race re-runs its edit on the newer version (no lost update)', async () => {
    const log = memoryVersionLog();
    const a = await open(log);
    const b = await open(log);
    await a.update((s) => ({ next: withEntry(s.config, 'tenants', 'from-a', {}), summary: 'a', result: null }), { author: 'a' });
    // b has not seen version 2; its update must still land on top of it.
    let seen = 0;
    await b.update(
      (s) => {
        seen = s.version;
        return { next: withEntry(s.config, 'tenants', 'from-b', {}), summary: 'b', result: null };
      },
      { author: 'b' },
    );
    expect(seen).toBe(2);
    expect([...b.current.config.tenants.keys()]).toEqual(expect.arrayContaining(['from-a', 'from-b']));
    expect(b.current.version).toBe(3);
  });

  it('gives up with StoreConflictError when it can never win a version', async () => {
    const inner = memoryVersionLog();
    const stubborn: VersionLog = { ...inner, append: async (r) => (r.version === 1 ? inner.append(r) : 'conflict') };
    const store = await ConfigStore.open(stubborn, { initial: () => loadSecurityConfig(SEED), pollIntervalMs: 0, maxAttempts: 3 });
    await expect(
      store.update((s) => ({ next: withEntry(s.config, 'tenants', 'x', {}), summary: 'x', result: null }), { author: 'x' }),
    ).rejects.toBeInstanceOf(StoreConflictError);
    expect(store.current.version).toBe(1);
  });

  it('an invalid stored version is not applied: the last good one stays, and health says why', async () => {
    const log = memoryVersionLog();
    const store = await open(log);
    const files = filesOf(store.current.config.documents);
    const broken = { ...files, roles: { ...files.roles, bad: { index_permissions: [{ index_patterns: ['x'], dls: '{nope', allowed_actions: ['read'] }] } } };
    await log.append({ version: 2, timestamp: new Date().toISOString(), author: 'mallory', summary: '', files: broken, entryVersions: nextEntryVersions(undefined, undefined, store.current.config, 2) });
    await expect(store.refresh()).rejects.toThrow(/version 2 is invalid/);
    expect(store.current.version).toBe(1);
    expect(store.health()).toMatchObject({ readable: false, version: 1, error: expect.stringMatching(/version 2 is invalid/) });
    expect(store.health().error).not.toContain('nope');
  });

  it('a dry run and an edit that changes nothing write no version', async () => {
    const log = memoryVersionLog();
    const store = await open(log);
    const dry = await store.update((s) => ({ next: withEntry(s.config, 'tenants', 'y', {}), summary: 'y', result: 1 }), { author: 'x', dryRun: true });
    expect(dry.written).toBe(false);
    const same = await store.update((s) => ({ next: withEntry(s.config, 'tenants', 'analysts', s.config.documents.tenants.analysts), summary: 'same', result: 2 }), { author: 'x' });
    expect(same.written).toBe(false);
    expect(await log.latest()).toBe(1);
  });
});
