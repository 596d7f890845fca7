import { describe, expect, it } from 'vitest';
import { AddressSet, normalizeAddress } from '../../../src/auth/address.js';
import { createAuthenticator } from '../../../src/auth/chain.js';
import { parseAuthConfig } from '../../../src/auth/config.js';
import { basic, expectOk, expectUnauthorized, MemoryUsers, request } from './support.js';

/** Proxy authentication: headers count only from trusted proxy addresses. */

const users = new MemoryUsers();
await users.add('alice', 'alice-pw', { backendRoles: ['staff'] });

function proxyAuth(extra: Record<string, unknown> = {}, more: Record<string, unknown>[] = []) {
  return createAuthenticator(
    parseAuthConfig({
      domains: [
        { type: 'proxy', name: 'sso', trustedProxies: ['10.0.0.0/8', '2001:db8:aa::/48', '192.0.2.1'], attributeHeaders: { dept: 'x-proxy-dept' }, ...extra },
        ...more,
      ],
    }),
    users,
  );
}

const fromProxy = (remoteAddress: string, headers: Record<string, string | string[]>, authorization?: string) =>
  request({ remoteAddress, headers, ...(authorization ? { authorization } : {}) });

describe('proxy authentication', () => {
  it('takes user, roles (untrimmed) and attributes from a trusted proxy', async () => {
    const a = proxyAuth();
    const p = expectOk(await a.authenticate(fromProxy('10.1.2.3', { 'x-proxy-user': 'carol', 'x-proxy-roles': 'admin, ops,,x', 'x-proxy-dept': 'emea' })));
    expect(p).toEqual({
      name: 'carol',
      backendRoles: ['admin', ' ops', 'x'],
      directRoles: [],
      attributes: { 'proxy.dept': 'emea' },
      authType: 'proxy',
      remoteAddress: '10.1.2.3',
    });
  });

  it('honours custom header names and separators', async () => {
    const a = proxyAuth({ userHeader: 'X-Remote-User', rolesHeader: 'x-remote-groups', rolesSeparator: ';' });
    const p = expectOk(await a.authenticate(fromProxy('192.0.2.1', { 'x-remote-user': 'dan', 'x-remote-groups': 'a;b' })));
    expect(p.backendRoles).toEqual(['a', 'b']);
  });

  it('trusts IPv4-mapped IPv6 and IPv6 CIDR peers', async () => {
    const a = proxyAuth();
    for (const addr of ['::ffff:10.9.9.9', '::FFFF:a09:909', '2001:db8:aa:1::5', '::ffff:192.0.2.1'])
      expectOk(await a.authenticate(fromProxy(addr, { 'x-proxy-user': 'carol' })));
  });

  it('refuses proxy headers from an untrusted address, and does not fall through to anonymous', async () => {
    const a = proxyAuth({}, [{ type: 'anonymous', name: 'anon', backendRole: 'guest' }]);
    for (const addr of ['192.0.2.2', '11.0.0.1', '::ffff:11.0.0.1', '2001:db8:ab::1', '127.0.0.1', 'not-an-ip', ''])
      expectUnauthorized(await a.authenticate(fromProxy(addr, { 'x-proxy-user': 'admin', 'x-proxy-roles': 'all_access' })), /untrusted/);
    // Roles or attribute headers alone are an assertion too.
    expectUnauthorized(await a.authenticate(fromProxy('192.0.2.2', { 'x-proxy-roles': 'all_access' })), /untrusted/);
    expectUnauthorized(await a.authenticate(fromProxy('192.0.2.2', { 'x-proxy-dept': 'hr' })), /untrusted/);
    // Without any proxy header, anonymous applies.
    expect(expectOk(await a.authenticate(fromProxy('192.0.2.2', {}))).authType).toBe('anonymous');
  });

  it('refuses a trusted proxy request with roles but no user, or with repeated identity headers', async () => {
    const a = proxyAuth();
    expectUnauthorized(await a.authenticate(fromProxy('10.0.0.1', { 'x-proxy-roles': 'all_access' })), /without a user/);
    expectUnauthorized(await a.authenticate(fromProxy('10.0.0.1', { 'x-proxy-user': '  ' })), /without a user/);
    expectUnauthorized(await a.authenticate(fromProxy('10.0.0.1', { 'x-proxy-user': ['a', 'b'] })), /repeated/);
  });

  it('lets another domain accept its own valid credentials when spoofed proxy headers are present', async () => {
    const a = proxyAuth({}, [{ type: 'basic', name: 'internal' }]);
    const p = expectOk(await a.authenticate(fromProxy('192.0.2.50', { 'x-proxy-user': 'admin' }, basic('alice', 'alice-pw'))));
    expect(p).toMatchObject({ name: 'alice', authType: 'basic' });
    expectUnauthorized(await a.authenticate(fromProxy('192.0.2.50', { 'x-proxy-user': 'admin' }, basic('alice', 'wrong'))));
  });

  it('gives a challenge even when only proxy domains exist', async () => {
    const o = await proxyAuth().authenticate(fromProxy('10.0.0.1', {}));
    expectUnauthorized(o, /no credentials/);
    expect(o.challenge).toBe('Proxy realm="Searchgate"');
  });
});

describe('addresses', () => {
  it('normalises spellings of one host', () => {
    expect(normalizeAddress('::ffff:127.0.0.1')).toBe('127.0.0.1');
    expect(normalizeAddress('[2001:DB8::1]')).toBe('2001:db8::1');
    expect(normalizeAddress('fe80::1%lo0')).toBe('fe80::1');
    expect(normalizeAddress('example.com')).toBe('');
  });

  it('matches CIDRs, including mapped-IPv6 entries', () => {
    const s = new AddressSet(['10.0.0.0/8', '::ffff:172.16.0.0/112', '2001:db8::/32']);
    expect(s.has('10.255.0.1')).toBe(true);
    expect(s.has('11.0.0.1')).toBe(false);
    expect(s.has('172.16.3.4')).toBe(true);
    expect(s.has('172.17.0.1')).toBe(false);
    expect(s.has('2001:db8:ffff::1')).toBe(true);
    expect(s.has('2001:db9::1')).toBe(false);
    expect(s.has('garbage')).toBe(false);
  });
});
