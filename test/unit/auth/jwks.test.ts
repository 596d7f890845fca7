import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAuthenticator } from '../../../src/auth/chain.js';
import { parseAuthConfig } from '../../../src/auth/config.js';
import { startTestIssuer, type TestIssuer } from '../../support/issuer.js';
import { bearer, expectOk, expectRefused, expectUnauthorized, MemoryUsers, request } from './support.js';

/** Remote keys: fetch accounting, rotation, discovery, outages. Real HTTP against a loopback issuer. */

let issuer: TestIssuer;
beforeEach(async () => {
  issuer = await startTestIssuer();
});
afterEach(async () => {
  await issuer.close();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function authenticator(domain: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return createAuthenticator(
    parseAuthConfig({
      domains: [{ type: 'jwt', name: 'idp', algorithms: ['RS256', 'ES256'], requiredIssuer: issuer.issuer, ...domain }],
      ...extra,
    }),
    new MemoryUsers(),
  );
}

describe('JWKS fetching', () => {
  it('turns a flood of 200 unknown kids into at most a couple of JWKS fetches', async () => {
    const a = authenticator({ jwksUrl: issuer.jwksUrl }, { throttle: { maxFailuresPerAddress: 10_000 } });
    const tokens = await Promise.all(Array.from({ length: 200 }, (_, i) => issuer.sign({ sub: `u${i}` }, { kid: `made-up-${i}` })));
    // Half in parallel (cold cache), half one after another.
    const parallel = await Promise.all(tokens.slice(0, 100).map((t) => a.authenticate(request({ authorization: bearer(t) }))));
    for (const o of parallel) expectUnauthorized(o);
    for (const t of tokens.slice(100)) expectUnauthorized(await a.authenticate(request({ authorization: bearer(t) })));
    expect(issuer.jwksFetches).toBeGreaterThanOrEqual(1);
    expect(issuer.jwksFetches).toBeLessThanOrEqual(2);
    // The known key still works after the flood without another fetch.
    expectOk(await a.authenticate(request({ authorization: bearer(await issuer.sign({ sub: 'alice' })) })));
    expect(issuer.jwksFetches).toBeLessThanOrEqual(2);
  });

  it('refreshes on an unknown kid again only after the rate-limit window', async () => {
    const a = authenticator({ jwksUrl: issuer.jwksUrl, jwksRefreshRateLimitSeconds: 0.2 });
    expectOk(await a.authenticate(request({ authorization: bearer(await issuer.sign({ sub: 'a' })) })));
    expect(issuer.jwksFetches).toBe(1);
    expectUnauthorized(await a.authenticate(request({ authorization: bearer(await issuer.sign({ sub: 'b' }, { kid: 'nope-1' })) })));
    expect(issuer.jwksFetches).toBe(1); // inside the window: no fetch
    await sleep(250);
    expectUnauthorized(await a.authenticate(request({ authorization: bearer(await issuer.sign({ sub: 'c' }, { kid: 'nope-2' })) })));
    expect(issuer.jwksFetches).toBe(2);
  });

  it('after rotation new tokens work, and old ones stop once the key-cache max age passes', async () => {
    const a = authenticator({ jwksUrl: issuer.jwksUrl, jwksCacheMaxAgeSeconds: 0.5, jwksRefreshRateLimitSeconds: 0.1 }, { verifyCacheSeconds: 60 });
    const oldToken = await issuer.sign({ sub: 'old' });
    expectOk(await a.authenticate(request({ authorization: bearer(oldToken) })));
    await issuer.rotate(); // old key removed from the JWKS
    await sleep(150);
    const newToken = await issuer.sign({ sub: 'new' });
    expectOk(await a.authenticate(request({ authorization: bearer(newToken) })));
    await sleep(600);
    // Both the verified-token cache and the key cache have aged out: the removed key is gone.
    expectUnauthorized(await a.authenticate(request({ authorization: bearer(oldToken) })), /NO_MATCHING_KEY/);
    expectOk(await a.authenticate(request({ authorization: bearer(newToken) })));
  });

  it('keeps accepting old tokens while the issuer still publishes the old key', async () => {
    const a = authenticator({ jwksUrl: issuer.jwksUrl, jwksCacheMaxAgeSeconds: 0.2 });
    const oldKid = issuer.currentKid();
    await issuer.rotate({ keepOld: true });
    await sleep(250);
    expectOk(await a.authenticate(request({ authorization: bearer(await issuer.sign({ sub: 'o' }, { keyId: oldKid })) })));
    expectOk(await a.authenticate(request({ authorization: bearer(await issuer.sign({ sub: 'n' })) })));
  });

  it('finds the JWKS through OIDC discovery', async () => {
    const a = authenticator({ oidcDiscoveryUrl: issuer.discoveryUrl });
    const p = expectOk(await a.authenticate(request({ authorization: bearer(await issuer.sign({ sub: 'alice' }, { alg: 'ES256' })) })));
    expect(p.name).toBe('alice');
    expect(issuer.discoveryFetches).toBe(1);
    expect(issuer.jwksFetches).toBe(1);
  });

  it('fails closed when keys cannot be fetched, without hammering the issuer or locking users out', async () => {
    issuer.setDown(true);
    const a = authenticator({ jwksUrl: issuer.jwksUrl, jwksRefreshRateLimitSeconds: 0.3 }, { throttle: { maxFailuresPerAddress: 3 } });
    const token = await issuer.sign({ sub: 'alice' });
    for (let i = 0; i < 20; i++) expectUnauthorized(await a.authenticate(request({ authorization: bearer(token) })), /cannot fetch|rate limited/);
    expect(issuer.jwksFetches).toBe(1);
    issuer.setDown(false);
    await sleep(350);
    // An outage is not the callers' fault: no lock was built up, and the next attempt recovers.
    expectOk(await a.authenticate(request({ authorization: bearer(token) })));
  });

  it('drops stale keys when a refresh fails instead of trusting them longer', async () => {
    const a = authenticator({ jwksUrl: issuer.jwksUrl, jwksCacheMaxAgeSeconds: 0.2 }, { verifyCacheSeconds: 0 });
    const token = await issuer.sign({ sub: 'alice' });
    expectOk(await a.authenticate(request({ authorization: bearer(token) })));
    issuer.setDown(true);
    await sleep(250);
    expectRefused(await a.authenticate(request({ authorization: bearer(token) })));
  });

  it('refuses plain-http key URLs that are not loopback', () => {
    expect(() => authenticator({ jwksUrl: 'http://idp.example.com/jwks' })).toThrow(/https/);
    expect(() => authenticator({ oidcDiscoveryUrl: 'ftp://idp.example.com/' })).toThrow(/https/);
  });
});
