import { performance } from 'node:perf_hooks';
import { afterAll, describe, expect, it } from 'vitest';
import { BcryptPool } from '../../../src/auth/bcrypt-pool.js';
import { createAuthenticator } from '../../../src/auth/chain.js';
import { parseAuthConfig } from '../../../src/auth/config.js';
import { hashPassword } from '../../../src/auth/password.js';
import { basic, expectOk, MemoryUsers, request } from './support.js';

/**
 * Item 4 of issue 10: bcrypt runs off the event loop, and uncached checks are bounded (refused as busy, never
 * queued without limit).
 */

describe('the bcrypt worker pool', () => {
  const pool = new BcryptPool(1);
  afterAll(() => pool.close());

  it('says match for the right password and no match for a wrong one or an unreadable hash', async () => {
    const hash = await hashPassword('right-password', 4);
    expect(await pool.compare('right-password', hash)).toBe(true);
    expect(await pool.compare('wrong-password', hash)).toBe(false);
    expect(await pool.compare('right-password', 'not a bcrypt hash')).toBe(false);
  });

  it('leaves the event loop free while it compares', async () => {
    const hash = await hashPassword('x', 11);
    // Warm up the worker so its start-up is not measured.
    await pool.compare('x', hash);
    const before = performance.eventLoopUtilization();
    const started = performance.now();
    const results = await Promise.all(Array.from({ length: 4 }, (_, i) => pool.compare(`wrong-${i}`, hash)));
    const took = performance.now() - started;
    // The share of that time the main thread's event loop was busy (not waiting for I/O or timers): bcrypt on
    // the main thread keeps it near 1. Unlike wall-clock gaps this holds on a loaded machine.
    const busy = performance.eventLoopUtilization(before).utilization;
    expect(results).toEqual([false, false, false, false]);
    expect(took).toBeGreaterThan(100);
    expect(busy).toBeLessThan(0.3);
  });
});

describe('bounded uncached password checks', () => {
  function blockedAuthenticator(maxPending: number) {
    const releases: (() => void)[] = [];
    let compares = 0;
    const users = new MemoryUsers();
    const a = createAuthenticator(
      parseAuthConfig({
        domains: [{ type: 'basic', name: 'internal' }],
        throttle: { maxFailuresPerUser: 1000, maxFailuresPerAddress: 1000 },
        passwordChecks: { maxPending },
      }),
      users,
      {
        passwordCompare: async (pw, hash) => {
          compares++;
          await new Promise<void>((r) => releases.push(r));
          return (await import('bcryptjs')).compare(pw, hash);
        },
      },
    );
    return { a, users, releases, compares: () => compares };
  }

  it('refuses checks beyond the cap at once as busy, with Retry-After, and admits again once there is room', async () => {
    const { a, users, releases, compares } = blockedAuthenticator(3);
    await users.add('ana', 'right-password');
    const held = [0, 1, 2].map((i) => a.authenticate(request({ authorization: basic('ana', `wrong-${i}`) })));
    await new Promise((r) => setTimeout(r, 10));
    const refused = await a.authenticate(request({ authorization: basic('ana', 'right-password') }));
    expect(refused.kind).toBe('busy');
    if (refused.kind === 'busy') {
      expect(refused.retryAfterSeconds).toBeGreaterThanOrEqual(1);
      expect(refused.retryAfterSeconds).toBeLessThanOrEqual(30);
    }
    // The refused check never reached bcrypt.
    expect(compares()).toBe(3);
    for (const r of releases.splice(0)) r();
    expect((await Promise.all(held)).map((o) => o.kind)).toEqual(['unauthorized', 'unauthorized', 'unauthorized']);
    const again = a.authenticate(request({ authorization: basic('ana', 'right-password') }));
    await new Promise((r) => setTimeout(r, 10));
    for (const r of releases.splice(0)) r();
    expectOk(await again);
  });

  it('a busy refusal is not a failed login: it does not count towards the user lock', async () => {
    const users = new MemoryUsers();
    await users.add('ana', 'right-password');
    const releases: (() => void)[] = [];
    const a = createAuthenticator(
      parseAuthConfig({
        domains: [{ type: 'basic', name: 'internal' }],
        throttle: { maxFailuresPerUser: 2, maxFailuresPerAddress: 1000 },
        passwordChecks: { maxPending: 1 },
      }),
      users,
      { passwordCompare: async (pw, hash) => (await new Promise<void>((r) => releases.push(r)), (await import('bcryptjs')).compare(pw, hash)) },
    );
    const held = a.authenticate(request({ authorization: basic('other', 'x') }));
    await new Promise((r) => setTimeout(r, 10));
    for (let i = 0; i < 5; i++) expect((await a.authenticate(request({ authorization: basic('ana', `wrong-${i}`) }))).kind).toBe('busy');
    for (const r of releases.splice(0)) r();
    await held;
    const ok = a.authenticate(request({ authorization: basic('ana', 'right-password') }));
    await new Promise((r) => setTimeout(r, 10));
    for (const r of releases.splice(0)) r();
    expectOk(await ok);
  });

  it('cached credentials never wait for, nor count against, the cap', async () => {
    const { a, users, releases } = blockedAuthenticator(1);
    await users.add('ana', 'right-password');
    const first = a.authenticate(request({ authorization: basic('ana', 'right-password') }));
    await new Promise((r) => setTimeout(r, 10));
    for (const r of releases.splice(0)) r();
    expectOk(await first);
    const held = a.authenticate(request({ authorization: basic('intruder', 'guess') }));
    await new Promise((r) => setTimeout(r, 10));
    expectOk(await a.authenticate(request({ authorization: basic('ana', 'right-password') })));
    for (const r of releases.splice(0)) r();
    await held;
  });
});
