import { compare } from 'bcryptjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { throttleAddressKey } from '../../../src/auth/address.js';
import { createAuthenticator } from '../../../src/auth/chain.js';
import { parseAuthConfig } from '../../../src/auth/config.js';
import { LoginThrottle } from '../../../src/auth/throttle.js';
import { basic, expectOk, expectUnauthorized, MemoryUsers, request } from './support.js';

/** Failed-login throttling through the chain (fake clock) and the counter store itself. */

const users = new MemoryUsers();
beforeAll(async () => {
  for (const name of ['alice', 'bob', 'carol', 'dave']) await users.add(name, `${name}-pw`);
});

function setup(throttle: Record<string, number>) {
  let clock = 1_000_000;
  const a = createAuthenticator(parseAuthConfig({ domains: [{ type: 'basic', name: 'internal' }], throttle }), users, { now: () => clock });
  const login = (user: string, password: string, remoteAddress = '198.51.100.7') => a.authenticate(request({ authorization: basic(user, password), remoteAddress }));
  return { login, advance: (s: number) => (clock += s * 1000) };
}

describe('login throttling', () => {
  it('locks a user after maxFailuresPerUser failures, for lockSeconds only', async () => {
    const { login, advance } = setup({ maxFailuresPerUser: 3, maxFailuresPerAddress: 100, windowSeconds: 60, lockSeconds: 30 });
    for (let i = 0; i < 3; i++) expectUnauthorized(await login('alice', 'nope', `203.0.113.${i}`));
    // Locked even with the right password and from yet another address.
    const locked = await login('alice', 'alice-pw', '203.0.113.99');
    expect(locked).toMatchObject({ kind: 'throttled', retryAfterSeconds: 30 });
    // Other users are unaffected.
    expectOk(await login('bob', 'bob-pw', '203.0.113.99'));
    advance(20);
    expect(await login('alice', 'alice-pw')).toMatchObject({ kind: 'throttled', retryAfterSeconds: 10 });
    advance(11);
    expectOk(await login('alice', 'alice-pw'));
  });

  it('counts failures per client address across user names', async () => {
    const { login, advance } = setup({ maxFailuresPerUser: 100, maxFailuresPerAddress: 4, windowSeconds: 60, lockSeconds: 15 });
    for (const u of ['alice', 'bob', 'ghost1', 'ghost2']) expectUnauthorized(await login(u, 'guess'));
    expect(await login('carol', 'carol-pw')).toMatchObject({ kind: 'throttled', retryAfterSeconds: 15 });
    // Another address, and the IPv4-mapped spelling of the locked one.
    expectOk(await login('carol', 'carol-pw', '198.51.100.8'));
    expect((await login('dave', 'dave-pw', '::ffff:198.51.100.7')).kind).toBe('throttled');
    advance(16);
    expectOk(await login('carol', 'carol-pw'));
  });

  it('does not reset the address counter on a successful login', async () => {
    const { login } = setup({ maxFailuresPerUser: 100, maxFailuresPerAddress: 3, windowSeconds: 60, lockSeconds: 15 });
    expectUnauthorized(await login('alice', 'x'));
    expectUnauthorized(await login('bob', 'x'));
    expectOk(await login('dave', 'dave-pw')); // attacker's own valid account
    expectUnauthorized(await login('carol', 'x'));
    expect((await login('alice', 'alice-pw')).kind).toBe('throttled');
  });

  it('lets recently verified credentials through a lock (they prove the password; no guessing is possible)', async () => {
    const { login } = setup({ maxFailuresPerUser: 100, maxFailuresPerAddress: 2, windowSeconds: 60, lockSeconds: 15 });
    expectOk(await login('dave', 'dave-pw'));
    expectUnauthorized(await login('alice', 'x'));
    expectUnauthorized(await login('bob', 'x'));
    expect((await login('carol', 'carol-pw')).kind).toBe('throttled');
    expect((await login('dave', 'wrong')).kind).toBe('throttled');
    expectOk(await login('dave', 'dave-pw'));
  });

  it('forgets failures outside the window', async () => {
    const { login, advance } = setup({ maxFailuresPerUser: 2, maxFailuresPerAddress: 100, windowSeconds: 10, lockSeconds: 30 });
    expectUnauthorized(await login('alice', 'x'));
    advance(11);
    expectUnauthorized(await login('alice', 'x'));
    expectOk(await login('alice', 'alice-pw'));
  });

  it('a success clears that user\'s own failures', async () => {
    const { login } = setup({ maxFailuresPerUser: 2, maxFailuresPerAddress: 100, windowSeconds: 60, lockSeconds: 30 });
    expectUnauthorized(await login('alice', 'typo'));
    expectOk(await login('alice', 'alice-pw'));
    expectUnauthorized(await login('alice', 'typo'));
    expectOk(await login('alice', 'alice-pw'));
  });

  it('counts attempts still in progress, so a parallel burst cannot outrun the limit', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const a = createAuthenticator(
      parseAuthConfig({ domains: [{ type: 'basic', name: 'internal' }], throttle: { maxFailuresPerUser: 5, maxFailuresPerAddress: 100 } }),
      users,
      { passwordCompare: async (pw, hash) => (await gate, compare(pw, hash)) },
    );
    const burst = Array.from({ length: 20 }, (_, i) => a.authenticate(request({ authorization: basic('alice', `guess-${i}`) })));
    await new Promise((r) => setTimeout(r, 10));
    release();
    const outcomes = await Promise.all(burst);
    expect(outcomes.filter((o) => o.kind === 'unauthorized')).toHaveLength(5);
    expect(outcomes.filter((o) => o.kind === 'throttled')).toHaveLength(15);
    for (const o of outcomes) if (o.kind === 'throttled') expect(o.retryAfterSeconds).toBeGreaterThanOrEqual(1);
  });

  it('keeps memory bounded under a flood of distinct names', () => {
    const t = new LoginThrottle({ maxFailuresPerUser: 5, maxFailuresPerAddress: 1_000_000, windowSeconds: 60, lockSeconds: 30, maxTrackedKeys: 100 });
    for (let i = 0; i < 5000; i++) {
      const adm = t.admit([{ kind: 'user', name: `u${i}` }, { kind: 'address', key: '1.2.3.4' }]);
      if (adm.admitted) adm.settle('failure');
    }
    expect(t.trackedKeys).toBeLessThanOrEqual(100);
  });

  it('groups IPv6 clients by /64 and IPv4-mapped addresses with IPv4', () => {
    expect(throttleAddressKey('2001:db8:1:2::1')).toBe(throttleAddressKey('2001:db8:1:2:ffff::9'));
    expect(throttleAddressKey('2001:db8:1:2::1')).not.toBe(throttleAddressKey('2001:db8:1:3::1'));
    expect(throttleAddressKey('::ffff:10.0.0.1')).toBe('10.0.0.1');
    expect(throttleAddressKey('::ffff:a00:1')).toBe('10.0.0.1');
    expect(throttleAddressKey('fe80::1%eth0')).toBe(throttleAddressKey('fe80::2'));
  });
});
