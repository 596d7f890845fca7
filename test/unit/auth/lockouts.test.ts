import type { IncomingMessage } from 'node:http';
import { beforeAll, describe, expect, it } from 'vitest';
import { AddressSet } from '../../../src/auth/address.js';
import { createAuthenticator } from '../../../src/auth/chain.js';
import { parseAuthConfig } from '../../../src/auth/config.js';
import { searchgateConfigSchema } from '../../../src/config/searchgate.js';
import { clientAddress } from '../../../src/http/client-address.js';
import { basic, expectOk, expectUnauthorized, MemoryUsers, request } from './support.js';

/**
 * Issue 10 item 7: lockouts. Failed logins are counted under the real client (behind trusted proxies), never
 * for requests that carry no real credentials, and a correct password is never refused longer than a wrong one.
 */

const users = new MemoryUsers();
beforeAll(async () => {
  await users.add('alice', 'alice-pw');
  await users.add('bob', 'bob-pw');
});

function setup(throttle: Record<string, number>, extra: Record<string, unknown> = {}) {
  let clock = 1_000_000;
  const a = createAuthenticator(parseAuthConfig({ domains: [{ type: 'basic', name: 'internal' }], throttle, ...extra }), users, { now: () => clock });
  return { a, advance: (s: number) => (clock += s * 1000) };
}

const PROXY = '10.0.0.5';

describe('requests without real credentials', () => {
  const placeholders = [
    'Basic <base64 of user:password>',
    'Basic ',
    'Basic bm9jb2xvbg==', // "nocolon"
    `Basic ${Buffer.from('alice:').toString('base64')}`, // empty password
    `Basic ${Buffer.from(':pw').toString('base64')}`, // empty user
    'Bearer <token>',
    'Bearer not-a-jwt',
  ];

  it('are refused with 401 but never counted: a page with a placeholder header cannot lock anyone out', async () => {
    const { a } = setup({ maxFailuresPerUser: 2, maxFailuresPerAddress: 3 }, {
      domains: [
        { type: 'basic', name: 'internal' },
        { type: 'jwt', name: 'j', algorithms: ['HS256'], keys: [{ kind: 'hmac', secret: Buffer.alloc(32, 1).toString('base64'), encoding: 'base64' }] },
      ],
    });
    for (let round = 0; round < 5; round++) {
      for (const authorization of placeholders) expectUnauthorized(await a.authenticate(request({ authorization })));
    }
    // Repeated Authorization headers are ambiguous, not a guess.
    for (let i = 0; i < 5; i++) expectUnauthorized(await a.authenticate(request({ authorization: [basic('alice', 'x'), basic('bob', 'y')] })));
    expectOk(await a.authenticate(request({ authorization: basic('alice', 'alice-pw') })));
  });

  it('while real wrong passwords from the same address are still counted', async () => {
    const { a } = setup({ maxFailuresPerUser: 100, maxFailuresPerAddress: 3 });
    for (let i = 0; i < 3; i++) expectUnauthorized(await a.authenticate(request({ authorization: basic(`ghost-${i}`, 'guess') })));
    expect((await a.authenticate(request({ authorization: basic('alice', 'alice-pw') }))).kind).toBe('throttled');
  });
});

describe('the client address behind trusted proxies', () => {
  it('is what failures are counted under: one client behind the proxy cannot lock out the others', async () => {
    const { a } = setup({ maxFailuresPerUser: 100, maxFailuresPerAddress: 3, lockSeconds: 60 });
    const via = (client: string, authorization: string) => a.authenticate({ ...request({ authorization, remoteAddress: PROXY }), clientAddress: client });
    for (let i = 0; i < 3; i++) expectUnauthorized(await via('203.0.113.5', basic(`ghost-${i}`, 'guess')));
    expect((await via('203.0.113.5', basic('bob', 'bob-pw'))).kind).toBe('throttled');
    const other = expectOk(await via('203.0.113.6', basic('alice', 'alice-pw')));
    expect(other.remoteAddress).toBe('203.0.113.6');
  });

  it('is resolved from X-Forwarded-For only for trusted proxies, CIDR ranges and mapped IPv6 included', () => {
    const trusted = new AddressSet(['10.0.0.0/8', '2001:db8::/32']);
    const req = (peer: string, xff?: string | string[]) =>
      ({ socket: { remoteAddress: peer }, headers: xff === undefined ? {} : { 'x-forwarded-for': xff } }) as unknown as IncomingMessage;
    expect(clientAddress(req('::ffff:10.1.2.3', '198.51.100.1, 203.0.113.9'), trusted)).toBe('203.0.113.9');
    // Our own proxies are skipped, whatever their spelling; what the client wrote further left is ignored.
    expect(clientAddress(req('10.1.2.3', '6.6.6.6, 203.0.113.9, ::ffff:10.0.0.7'), trusted)).toBe('203.0.113.9');
    expect(clientAddress(req('2001:db8::1', '2001:DB8:0:0::99, 2001:db9::5'), trusted)).toBe('2001:db9::5');
    // An untrusted peer's X-Forwarded-For is never believed.
    expect(clientAddress(req('192.0.2.44', '10.0.0.1'), trusted)).toBe('192.0.2.44');
    expect(clientAddress(req('::ffff:192.0.2.44'), trusted)).toBe('192.0.2.44');
    // Only proxies in the chain: the proxy's own address.
    expect(clientAddress(req('10.1.2.3', '10.2.3.4'), trusted)).toBe('10.1.2.3');
  });

  it('server.trustedProxies must be addresses or CIDR ranges', () => {
    const base = { security: { configDir: 'x' }, indices: [{ index: 'i', type: 'I', search: 'is', get: 'i' }] };
    expect(searchgateConfigSchema.safeParse({ ...base, server: { trustedProxies: ['10.0.0.0/8', '::1'] } }).success).toBe(true);
    const bad = searchgateConfigSchema.safeParse({ ...base, server: { trustedProxies: ['proxy.internal'] } });
    expect(bad.success).toBe(false);
    expect(JSON.stringify(bad.error?.issues)).toMatch(/not an IP address or CIDR/);
  });
});

describe('a correct password during a lock', () => {
  it('is refused exactly as long as a wrong one, and works at once when the lock ends', async () => {
    const { a, advance } = setup({ maxFailuresPerUser: 3, maxFailuresPerAddress: 1000, lockSeconds: 30 });
    for (let i = 0; i < 3; i++) expectUnauthorized(await a.authenticate(request({ authorization: basic('alice', `nope-${i}`) })));
    const right = await a.authenticate(request({ authorization: basic('alice', 'alice-pw') }));
    const wrong = await a.authenticate(request({ authorization: basic('alice', 'nope-again') }));
    expect(right.kind).toBe('throttled');
    expect(wrong.kind).toBe('throttled');
    if (right.kind === 'throttled' && wrong.kind === 'throttled') expect(right.retryAfterSeconds).toBeLessThanOrEqual(wrong.retryAfterSeconds);
    advance(30);
    expectOk(await a.authenticate(request({ authorization: basic('alice', 'alice-pw') })));
  });
});
