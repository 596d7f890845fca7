import { describe, expect, it } from 'vitest';
import { createAuthenticator } from '../../../src/auth/chain.js';
import { parseAuthConfig } from '../../../src/auth/config.js';
import { basic, expectOk, expectUnauthorized, MemoryUsers, request } from './support.js';

/** Issue 10 item 5: `enabled: false` refuses the login, including credentials verified before the change. */
const config = parseAuthConfig({ domains: [{ type: 'basic', name: 'internal' }], throttle: { maxFailuresPerUser: 1000, maxFailuresPerAddress: 1000 } });

describe('disabled internal users', () => {
  it('are refused with the right password; the log reason says why, the right password still costs one compare', async () => {
    const users = new MemoryUsers();
    const u = await users.add('ana', 'right-password');
    users.put({ ...u, enabled: false });
    let compares = 0;
    const a = createAuthenticator(config, users, { passwordCompare: async (pw, h) => (compares++, (await import('bcryptjs')).compare(pw, h)) });
    expectUnauthorized(await a.authenticate(request({ authorization: basic('ana', 'right-password') })), /disabled/);
    expect(compares).toBe(1);
    // A wrong password for a disabled user reads as a wrong password.
    expectUnauthorized(await a.authenticate(request({ authorization: basic('ana', 'wrong') })), /wrong user name or password/);
  });

  it('a signed-in user whose account is disabled is refused on the next request (the cached login does not survive)', async () => {
    const users = new MemoryUsers();
    const u = await users.add('ana', 'right-password');
    const a = createAuthenticator(config, users);
    expectOk(await a.authenticate(request({ authorization: basic('ana', 'right-password') })));
    users.put({ ...u, enabled: false });
    expectUnauthorized(await a.authenticate(request({ authorization: basic('ana', 'right-password') })), /disabled/);
    users.put({ ...u, enabled: true });
    expectOk(await a.authenticate(request({ authorization: basic('ana', 'right-password') })));
  });
});
