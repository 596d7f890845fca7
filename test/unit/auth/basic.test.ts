import { compare } from 'bcryptjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseBasicCredentials } from '../../../src/auth/basic.js';
import { createAuthenticator, type Authenticator } from '../../../src/auth/chain.js';
import { parseAuthConfig } from '../../../src/auth/config.js';
import { bcryptCost, hashPassword } from '../../../src/auth/password.js';
import { basic, expectOk, expectUnauthorized, MemoryUsers, request } from './support.js';

/** Bad-credential suite for HTTP Basic against internal users, plus the password module. */

const users = new MemoryUsers();
let auth: Authenticator;
const config = (extra: Record<string, unknown> = {}) =>
  parseAuthConfig({ domains: [{ type: 'basic', name: 'internal' }], throttle: { maxFailuresPerUser: 1000, maxFailuresPerAddress: 1000 }, ...extra });

beforeAll(async () => {
  await users.add('alice', 'correct horse', { backendRoles: ['staff'], securityRoles: ['readall'], attributes: { dept: 'ops', level: '3' } });
  await users.add('colon', 'a:b::c:');
  await users.add('unicode', 'pässwörd-🔑-密码');
  await users.add('ünïcödé', 'pw');
  auth = createAuthenticator(config(), users);
});

const login = (user: string, password: string, a: Authenticator = auth) => a.authenticate(request({ authorization: basic(user, password) }));

describe('Basic: accepted credentials', () => {
  it('builds the principal from the internal user', async () => {
    const p = expectOk(await login('alice', 'correct horse'));
    expect(p).toEqual({
      name: 'alice',
      backendRoles: ['staff'],
      directRoles: ['readall'],
      attributes: { 'internal.dept': 'ops', 'internal.level': '3' },
      authType: 'basic',
      remoteAddress: '192.0.2.10',
    });
  });

  it('accepts passwords containing ":" and unicode, and unicode user names', async () => {
    expectOk(await login('colon', 'a:b::c:'));
    expectOk(await login('unicode', 'pässwörd-🔑-密码'));
    expectOk(await login('ünïcödé', 'pw'));
  });

  it('accepts a case-insensitive scheme and surrounding whitespace', async () => {
    const enc = Buffer.from('alice:correct horse').toString('base64');
    expectOk(await auth.authenticate(request({ authorization: `bAsIc   ${enc}  ` })));
  });

  it('verifies $2a$, $2b$ and $2y$ hashes alike', async () => {
    const y = await hashPassword('same', 4);
    const local = new MemoryUsers();
    for (const prefix of ['$2a$', '$2b$', '$2y$']) local.put({ name: prefix, hash: prefix + y.slice(4), backendRoles: [], securityRoles: [], attributes: {} });
    const a = createAuthenticator(config(), local);
    for (const prefix of ['$2a$', '$2b$', '$2y$']) {
      expectOk(await login(prefix, 'same', a));
      expectUnauthorized(await login(prefix, 'Same', a));
    }
  });
});

describe('Basic: refused credentials', () => {
  it('refuses a wrong password, near misses included', async () => {
    for (const pw of ['wrong', 'correct horse ', ' correct horse', 'Correct horse', 'correct', 'correct horse\u0000'])
      expectUnauthorized(await login('alice', pw), /wrong user name or password/);
    expectUnauthorized(await login('colon', 'a:b::c'));
    expectUnauthorized(await login('colon', 'b::c:'));
    expectUnauthorized(await login('unicode', 'passwörd-🔑-密码'));
    expectUnauthorized(await login('unicode', 'pa\u0308sswo\u0308rd-🔑-密码')); // same text, other normalisation
  });

  it('refuses an unknown user with the same reason as a wrong password', async () => {
    const o = await login('mallory', 'correct horse');
    expectUnauthorized(o, /wrong user name or password/);
    expect(o.user).toBe('mallory');
    expectUnauthorized(await login('Alice', 'correct horse'));
  });

  it('refuses an empty password and an empty user name', async () => {
    expectUnauthorized(await login('alice', ''), /empty password/);
    expectUnauthorized(await login('', 'correct horse'), /empty user/);
  });

  it('refuses malformed Basic credentials', async () => {
    const cases: [string, RegExp][] = [
      ['Basic', /not base64/],
      ['Basic !!!!', /not base64/],
      ['Basic YWxpY2U6Y29ycmVjdCBob3JzZQ%%', /not base64/],
      [`Basic ${Buffer.from('alice:correct horse').toString('base64')}====`, /not base64/],
      [`Basic ${Buffer.from('alice:correct horse').toString('base64url')}_`, /base64/],
      ['Basic YWxpY2U', /no ":"/], // "alice": no colon
      ['Basic YR==', /canonical/], // non-zero trailing bits
      [`Basic ${Buffer.from([0x61, 0x3a, 0xff, 0xfe]).toString('base64')}`, /UTF-8/],
      [`Basic ${Buffer.from('alice:correct horse').toString('base64')} extra`, /not base64/],
    ];
    for (const [header, reason] of cases) expectUnauthorized(await auth.authenticate(request({ authorization: header })), reason);
    expectUnauthorized(await auth.authenticate(request({ authorization: [basic('alice', 'correct horse'), basic('alice', 'correct horse')] })), /repeated/);
  });

  it('parses strictly: Node base64 leniency does not leak through', () => {
    expect(parseBasicCredentials(Buffer.from('u:p').toString('base64'))).toEqual({ user: 'u', password: 'p' });
    // Buffer.from would silently skip the '*' and decode something.
    expect(parseBasicCredentials('dTpw*')).toHaveProperty('error');
  });

  it('does not let invalid Basic credentials fall through to anonymous', async () => {
    const a = createAuthenticator(
      parseAuthConfig({ domains: [{ type: 'basic', name: 'internal' }, { type: 'anonymous', name: 'anon', backendRole: 'guest' }] }),
      users,
    );
    const anon = expectOk(await a.authenticate(request()));
    expect(anon).toMatchObject({ name: 'opendistro_security_anonymous', backendRoles: ['guest'], authType: 'anonymous' });
    expectUnauthorized(await login('alice', 'wrong', a));
    expectUnauthorized(await login('nobody', 'x', a));
    expectUnauthorized(await a.authenticate(request({ authorization: 'Basic !!' })));
    expectUnauthorized(await a.authenticate(request({ authorization: 'Bearer abc.def.ghi' })), /scheme/);
  });

  it('answers a request without credentials with the Basic challenge', async () => {
    const o = await auth.authenticate(request());
    expectUnauthorized(o, /no credentials/);
    expect(o.challenge).toBe('Basic realm="Searchgate", charset="UTF-8"');
  });
});

describe('Basic: verification cache', () => {
  it('reuses a success only for the same password and user-set version', async () => {
    const local = new MemoryUsers();
    await local.add('bob', 'first');
    let compares = 0;
    const a = createAuthenticator(config(), local, {
      passwordCompare: (pw, hash) => {
        compares++;
        return compare(pw, hash);
      },
    });
    expectOk(await login('bob', 'first', a));
    expectOk(await login('bob', 'first', a));
    expect(compares).toBe(1);
    expectUnauthorized(await login('bob', 'other', a));
    expect(compares).toBe(2);
    // Changing the password invalidates the cached success at once.
    await local.add('bob', 'second');
    expectUnauthorized(await login('bob', 'first', a));
    expectOk(await login('bob', 'second', a));
    // Deleting the user too.
    local.remove('bob');
    expectUnauthorized(await login('bob', 'second', a));
  });

  it('shares one bcrypt run between identical concurrent attempts', async () => {
    const local = new MemoryUsers();
    await local.add('carol', 'pw');
    let compares = 0;
    const a = createAuthenticator(config(), local, {
      passwordCompare: async (pw, hash) => {
        compares++;
        await new Promise((r) => setTimeout(r, 20));
        return compare(pw, hash);
      },
    });
    const outcomes = await Promise.all(Array.from({ length: 10 }, () => login('carol', 'pw', a)));
    for (const o of outcomes) expectOk(o);
    expect(compares).toBe(1);
  });
});

describe('Basic: equal work for unknown users (checked structurally)', () => {
  it('runs one bcrypt compare for an unknown user, against a dummy hash of the real users\' cost', async () => {
    const local = new MemoryUsers();
    await local.add('dave', 'pw', {}, 5);
    const calls: string[] = [];
    const a = createAuthenticator(config(), local, {
      passwordCompare: async (pw, hash) => {
        calls.push(hash);
        return compare(pw, hash);
      },
    });
    // Even before any real user was looked up, the dummy uses the cost the user source reports (not a default).
    expectUnauthorized(await login('ghost', 'pw', a));
    expect(calls).toHaveLength(1);
    expect(bcryptCost(calls[0]!)).toBe(5);

    expectUnauthorized(await login('dave', 'wrong', a));
    expect(calls).toHaveLength(2);
    expect(calls[1]).toBe(local.get('dave')!.hash);

    expectUnauthorized(await login('ghost', 'pw', a));
    expectUnauthorized(await login('another-ghost', 'pw2', a));
    expect(calls).toHaveLength(4);
    for (const h of calls.slice(2)) {
      expect(bcryptCost(h)).toBe(5); // same cost as the real user's hash
      expect(h).not.toBe(local.get('dave')!.hash);
    }
  });

  it('treats a user with an unusable hash like an unknown user (dummy compare, refused)', async () => {
    const local = new MemoryUsers();
    local.put({ name: 'broken', hash: 'plaintext-password', backendRoles: [], securityRoles: [], attributes: {} });
    const calls: string[] = [];
    const a = createAuthenticator(config(), local, { passwordCompare: async (_pw, hash) => (calls.push(hash), true) });
    // Even a compare that says "match" cannot admit a user whose hash we cannot verify.
    expectUnauthorized(await login('broken', 'plaintext-password', a));
    expect(calls).toHaveLength(1);
    expect(bcryptCost(calls[0]!)).toBe(12);
  });
});

describe('hashPassword', () => {
  it('produces $2y$ hashes that verify', async () => {
    const h = await hashPassword('s3cret:ü', 4);
    expect(h).toMatch(/^\$2y\$04\$[./A-Za-z0-9]{53}$/);
    expect(await compare('s3cret:ü', h)).toBe(true);
    expect(await compare('s3cret:u', h)).toBe(false);
  });

  it('refuses what bcrypt would silently mangle', async () => {
    await expect(hashPassword('', 4)).rejects.toThrow(/empty/);
    await expect(hashPassword('x'.repeat(73), 4)).rejects.toThrow(/72 bytes/);
    await expect(hashPassword('ü'.repeat(37), 4)).rejects.toThrow(/72 bytes/); // 74 UTF-8 bytes
    await expect(hashPassword('pw', 3)).rejects.toThrow(/cost/);
    await expect(hashPassword('pw', 32)).rejects.toThrow(/cost/);
  });
});

describe('canonical base64, decided without re-encoding', () => {
  it('agrees with decode-and-encode-again on every short string and on sampled longer ones', () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
    const reencodes = (s: string) => Buffer.from(s, 'base64').toString('base64').replace(/=+$/, '') === s.replace(/=+$/, '');
    const cases: string[] = [];
    // Every 1- and 2-character string, with each padding, and a sample of 3- to 9-character ones.
    for (const a of alphabet) {
      cases.push(a, `${a}=`, `${a}==`);
      for (const b of alphabet) cases.push(`${a}${b}`, `${a}${b}=`, `${a}${b}==`);
    }
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    for (let i = 0; i < 20_000; i++) {
      const len = 3 + (next() % 7);
      let s = '';
      for (let j = 0; j < len; j++) s += alphabet[next() % 64];
      cases.push(s, `${s}=`, `${s}==`);
    }
    for (const c of cases) {
      const parsed = parseBasicCredentials(c);
      const refusedAsNonCanonical = 'error' in parsed && /canonical/.test(parsed.error);
      expect(refusedAsNonCanonical, c).toBe(!reencodes(c));
    }
  });
});
