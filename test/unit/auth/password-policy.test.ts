import { describe, expect, it } from 'vitest';
import { createAuthenticator } from '../../../src/auth/chain.js';
import { parseAuthConfig } from '../../../src/auth/config.js';
import { bcryptCost, hashPassword, highestBcryptCost } from '../../../src/auth/password.js';
import { checkHashPolicy, checkPasswordPolicy, DEFAULT_PASSWORD_POLICY, weakHashWarnings } from '../../../src/auth/password-policy.js';
import { basic, expectUnauthorized, MemoryUsers, request } from './support.js';

/** Issue 10 item 10 (authentication parts): the dummy check's cost, and the password policy. */

describe('the dummy check for unknown users', () => {
  it('runs at the highest cost in use, whichever user was looked up last', async () => {
    const users = new MemoryUsers();
    await users.add('cheap', 'cheap-password', {}, 4);
    await users.add('dear', 'dear-password', {}, 6);
    const compared: string[] = [];
    // A source that cannot report its highest cost: the highest seen so far (not the last) is used.
    const silent = { get version() { return users.version; }, get: (name: string) => users.get(name) };
    const a = createAuthenticator(
      parseAuthConfig({ domains: [{ type: 'basic', name: 'internal' }], throttle: { maxFailuresPerUser: 1000, maxFailuresPerAddress: 1000 } }),
      silent,
      { passwordCompare: async (pw, hash) => (compared.push(hash), (await import('bcryptjs')).compare(pw, hash)) },
    );
    for (const name of ['dear', 'cheap', 'ghost-1']) expectUnauthorized(await a.authenticate(request({ authorization: basic(name, 'wrong') })));
    expect(compared.map(bcryptCost)).toEqual([6, 4, 6]);
  });

  it('uses the cost the user source reports before any user was looked up', async () => {
    const users = new MemoryUsers();
    await users.add('cheap', 'cheap-password', {}, 4);
    await users.add('dear', 'dear-password', {}, 6);
    expect(users.highestCost).toBe(6);
    const compared: string[] = [];
    const a = createAuthenticator(
      parseAuthConfig({ domains: [{ type: 'basic', name: 'internal' }], throttle: { maxFailuresPerUser: 1000, maxFailuresPerAddress: 1000 } }),
      users,
      { passwordCompare: async (pw, hash) => (compared.push(hash), false) },
    );
    expectUnauthorized(await a.authenticate(request({ authorization: basic('ghost', 'wrong') })));
    expect(compared.map(bcryptCost)).toEqual([6]);
  });

  it('highestBcryptCost ignores unreadable hashes', () => {
    expect(highestBcryptCost(['$2y$05$' + 'a'.repeat(53), 'nonsense', '$2b$11$' + 'b'.repeat(53)])).toBe(11);
    expect(highestBcryptCost(['nonsense'])).toBeUndefined();
  });
});

describe('the password policy', () => {
  it('refuses short and blank passwords; counts characters, not bytes', () => {
    expect(checkPasswordPolicy('a')).toMatch(/at least 8 characters \(it has 1\)/);
    expect(checkPasswordPolicy('         ')).toMatch(/white space/);
    expect(checkPasswordPolicy('🔑🔑🔑🔑🔑🔑🔑')).toMatch(/it has 7/);
    expect(checkPasswordPolicy('🔑🔑🔑🔑🔑🔑🔑🔑')).toBeUndefined();
    expect(checkPasswordPolicy('abc', { minLength: 3, minBcryptCost: 4 })).toBeUndefined();
  });

  it('refuses hashes below the minimum cost, and unreadable ones', async () => {
    expect(checkHashPolicy(await hashPassword('whatever-pass', 4))).toMatch(/cost 4 is below the minimum 10/);
    expect(checkHashPolicy(await hashPassword('whatever-pass', 10))).toBeUndefined();
    expect(checkHashPolicy('$2y$04$nothashed')).toMatch(/not a bcrypt hash/);
    expect(checkHashPolicy(await hashPassword('whatever-pass', 4), { minLength: 8, minBcryptCost: 4 })).toBeUndefined();
  });

  it('reports stored hashes below the minimum at load (accepted, not refused)', () => {
    const warnings = weakHashWarnings([
      { name: 'old', hash: '$2y$04$' + 'a'.repeat(53) },
      { name: 'fine', hash: '$2y$12$' + 'a'.repeat(53) },
      { name: 'broken', hash: 'plain' },
    ]);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/"old".*cost 4.*minimum 10/);
    expect(warnings[1]).toMatch(/"broken".*cannot log in/);
  });

  it('is configurable under auth.passwordPolicy, with defaults', () => {
    expect(parseAuthConfig({ domains: [{ type: 'basic', name: 'b' }] }).passwordPolicy).toEqual(DEFAULT_PASSWORD_POLICY);
    expect(parseAuthConfig({ domains: [{ type: 'basic', name: 'b' }], passwordPolicy: { minLength: 12 } }).passwordPolicy).toEqual({ minLength: 12, minBcryptCost: 10 });
    expect(() => parseAuthConfig({ domains: [{ type: 'basic', name: 'b' }], passwordPolicy: { minBcryptCost: 3 } })).toThrow(/minBcryptCost/);
  });
});
