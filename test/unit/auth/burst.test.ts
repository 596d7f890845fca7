import { describe, expect, it } from 'vitest';
import { createAuthenticator } from '../../../src/auth/chain.js';
import { parseAuthConfig } from '../../../src/auth/config.js';
import { basic, MemoryUsers, request } from './support.js';

/**
 * A browser fires many requests with the same credentials at once. They share one bcrypt run and one
 * throttle slot: none is refused for "too many attempts in progress" — while distinct wrong guesses in
 * parallel are still throttled.
 */
function setup(compareCalls: { n: number }) {
  const users = new MemoryUsers();
  const auth = (u: MemoryUsers) =>
    createAuthenticator(
      parseAuthConfig({ domains: [{ type: 'basic', name: 'internal' }], throttle: { maxFailuresPerUser: 3, maxFailuresPerAddress: 1000 } }),
      u,
      {
        // A slow compare, so that all parallel requests arrive while the first check is running.
        passwordCompare: async (pw, hash) => {
          compareCalls.n++;
          await new Promise((r) => setTimeout(r, 50));
          return (await import('bcryptjs')).compare(pw, hash);
        },
      },
    );
  return { users, auth };
}

describe('parallel logins with the same credentials', () => {
  it('all succeed, with one bcrypt run and no 429', async () => {
    const calls = { n: 0 };
    const { users, auth } = setup(calls);
    await users.add('ana', 'right-password');
    const a = auth(users);
    const outcomes = await Promise.all(Array.from({ length: 20 }, () => a.authenticate(request({ authorization: basic('ana', 'right-password') }))));
    expect(outcomes.map((o) => o.kind)).toEqual(Array(20).fill('ok'));
    expect(calls.n).toBe(1);
  });

  it('distinct wrong guesses in parallel are still limited per user', async () => {
    const calls = { n: 0 };
    const { users, auth } = setup(calls);
    await users.add('ana', 'right-password');
    const a = auth(users);
    const outcomes = await Promise.all(
      Array.from({ length: 10 }, (_, i) => a.authenticate(request({ authorization: basic('ana', `guess-${i}`) }))),
    );
    expect(outcomes.filter((o) => o.kind === 'throttled').length).toBeGreaterThanOrEqual(7);
    expect(outcomes.some((o) => o.kind === 'ok')).toBe(false);
    expect(calls.n).toBeLessThanOrEqual(3);
  });
});
