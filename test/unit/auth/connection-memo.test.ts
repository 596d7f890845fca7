import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONNECTION_MEMO_MS, createAuthenticator, type Authenticator } from '../../../src/auth/chain.js';
import { parseAuthConfig } from '../../../src/auth/config.js';
import type { AuthRequest } from '../../../src/auth/domain.js';
import { startTestIssuer, type TestIssuer } from '../../support/issuer.js';
import { basic, bearer, expectOk, expectRefused, expectUnauthorized, MemoryUsers, request } from './support.js';

/**
 * A connection's successful authentication reused for its next requests (src/auth/connection-memo.ts): only
 * for the same credentials, peer and client, within its second, under the same user set, never past a token's
 * expiry, and never for a refusal. A reused authentication returns the very principal object of the first
 * (a fresh authentication builds a new one), which is how these tests see whether it was reused.
 */

let clock = Date.now();
const now = () => clock;
const users = new MemoryUsers();
let issuer: TestIssuer;

const basicAuth = (extra: Record<string, unknown> = {}): Authenticator =>
  createAuthenticator(parseAuthConfig({ domains: [{ type: 'basic', name: 'internal' }], throttle: { maxFailuresPerUser: 1000, maxFailuresPerAddress: 1000 }, ...extra }), users, { now });

const on = (connection: object, authorization: string, extra: Partial<AuthRequest> = {}): AuthRequest => ({ ...request({ authorization: [authorization] }), connection, ...extra });

beforeAll(async () => {
  await users.add('alice', 'alice-pw', { backendRoles: ['staff'] });
  await users.add('bob', 'bob-pw', { backendRoles: ['guest'] });
  issuer = await startTestIssuer();
});
afterAll(async () => {
  await issuer.close();
});

describe('basic credentials on one connection', () => {
  it('reuses the principal for the same credentials, and only on the same connection', async () => {
    const auth = basicAuth();
    const socket = {};
    const first = expectOk(await auth.authenticate(on(socket, basic('alice', 'alice-pw'))));
    const again = expectOk(await auth.authenticate(on(socket, basic('alice', 'alice-pw'))));
    expect(again).toBe(first);
    const elsewhere = expectOk(await auth.authenticate(on({}, basic('alice', 'alice-pw'))));
    expect(elsewhere).not.toBe(first);
    expect(elsewhere).toEqual(first);
    // No connection given: never reused.
    const none = expectOk(await auth.authenticate(request({ authorization: [basic('alice', 'alice-pw')] })));
    expect(none).not.toBe(first);
    await auth.close();
  });

  it('never lets other or wrong credentials through on a connection that authenticated', async () => {
    const auth = basicAuth();
    const socket = {};
    const alice = expectOk(await auth.authenticate(on(socket, basic('alice', 'alice-pw'))));
    expectUnauthorized(await auth.authenticate(on(socket, basic('alice', 'wrong'))));
    expectUnauthorized(await auth.authenticate(on(socket, basic('mallory', 'alice-pw'))));
    const bob = expectOk(await auth.authenticate(on(socket, basic('bob', 'bob-pw'))));
    expect(bob.name).toBe('bob');
    expect(bob.backendRoles).toEqual(['guest']);
    // Two Authorization headers are refused as always, even after the first one authenticated.
    expectRefused(await auth.authenticate({ ...request({ authorization: [basic('bob', 'bob-pw'), basic('bob', 'bob-pw')] }), connection: socket }));
    // No credentials on the connection: not the remembered user.
    expectUnauthorized(await auth.authenticate({ ...request({}), connection: socket }));
    expect(alice.name).toBe('alice');
    await auth.close();
  });

  it('is keyed by the peer and the client address too', async () => {
    const auth = basicAuth();
    const socket = {};
    const first = expectOk(await auth.authenticate(on(socket, basic('alice', 'alice-pw'), { clientAddress: '198.51.100.1' })));
    const other = expectOk(await auth.authenticate(on(socket, basic('alice', 'alice-pw'), { clientAddress: '198.51.100.2' })));
    expect(other).not.toBe(first);
    expect(other.remoteAddress).toBe('198.51.100.2');
    await auth.close();
  });

  it('ends after its second, and at once when the user set changes (a deleted user is refused)', async () => {
    const auth = basicAuth();
    const socket = {};
    const local = await users.add('carol', 'carol-pw');
    const first = expectOk(await auth.authenticate(on(socket, basic('carol', 'carol-pw'))));
    clock += CONNECTION_MEMO_MS + 1;
    const later = expectOk(await auth.authenticate(on(socket, basic('carol', 'carol-pw'))));
    expect(later).not.toBe(first);
    users.remove(local.name);
    expectUnauthorized(await auth.authenticate(on(socket, basic('carol', 'carol-pw'))));
    await auth.close();
  });

  it('is off when verified passwords are not cached', async () => {
    const auth = basicAuth({ passwordCacheSeconds: 0 });
    const socket = {};
    const first = expectOk(await auth.authenticate(on(socket, basic('alice', 'alice-pw'))));
    expect(expectOk(await auth.authenticate(on(socket, basic('alice', 'alice-pw'))))).not.toBe(first);
    await auth.close();
  });
});

describe('tokens on one connection', () => {
  const jwtAuth = (extra: Record<string, unknown> = {}): Authenticator =>
    createAuthenticator(
      parseAuthConfig({
        domains: [{ type: 'jwt', name: 'idp', keys: [{ kind: 'hmac', secret: issuer.hmacSecretBase64, encoding: 'base64' }], algorithms: ['HS256'], requiredAudience: 'searchgate', ...extra }],
        throttle: { maxFailuresPerUser: 1000, maxFailuresPerAddress: 1000 },
      }),
      users,
      { now },
    );

  it('never outlives the token: refused once it expired, within the second it was remembered', async () => {
    const auth = jwtAuth({ clockSkewSeconds: 0 });
    const socket = {};
    const exp = Math.floor(clock / 1000) + 1; // expires within the next second
    // Issued on the test's clock (the issuer's default iat is the real time, ahead of `clock`, and with no skew
    // allowed such a token is refused as issued in the future).
    const token = await issuer.sign({ sub: 'dave', aud: 'searchgate', iat: Math.floor(clock / 1000), exp }, { alg: 'HS256' });
    const first = expectOk(await auth.authenticate(on(socket, bearer(token))));
    expect(expectOk(await auth.authenticate(on(socket, bearer(token))))).toBe(first);
    clock = exp * 1000; // the token's exp: refused, though the memo's second is not over
    expectUnauthorized(await auth.authenticate(on(socket, bearer(token))));
    await auth.close();
  });

  it('is off when the token is also accepted from the URL', async () => {
    const auth = jwtAuth({ urlParameter: 'token' });
    const socket = {};
    const token = await issuer.sign({ sub: 'erin', aud: 'searchgate', iat: Math.floor(clock / 1000), exp: Math.floor(clock / 1000) + 3600 }, { alg: 'HS256' });
    const first = expectOk(await auth.authenticate(on(socket, bearer(token))));
    expect(expectOk(await auth.authenticate(on(socket, bearer(token))))).not.toBe(first);
    await auth.close();
  });
});

describe('proxy authentication', () => {
  it('is never remembered (the identity comes from other headers than Authorization)', async () => {
    const auth = createAuthenticator(
      parseAuthConfig({ domains: [{ type: 'proxy', name: 'proxy', trustedProxies: ['192.0.2.10'] }, { type: 'basic', name: 'internal' }] }),
      users,
      { now },
    );
    const socket = {};
    const first = expectOk(await auth.authenticate(on(socket, basic('alice', 'alice-pw'))));
    expect(expectOk(await auth.authenticate(on(socket, basic('alice', 'alice-pw'))))).not.toBe(first);
    await auth.close();
  });
});
