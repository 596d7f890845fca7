import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthenticator, type Authenticator } from '../../../src/auth/chain.js';
import { parseAuthConfig } from '../../../src/auth/config.js';
import { startTestIssuer, type TestIssuer } from '../../support/issuer.js';
import { b64url, bearer, expectOk, expectUnauthorized, MemoryUsers, request } from './support.js';

/** Bad-credential suite for Bearer JWTs: every case must be refused, with a generic challenge. */

let issuer: TestIssuer;
let auth: Authenticator;
const now = () => Math.floor(Date.now() / 1000);

function jwtConfig(extra: Record<string, unknown> = {}) {
  return parseAuthConfig({
    domains: [
      {
        type: 'jwt',
        name: 'idp',
        jwksUrl: issuer.jwksUrl,
        keys: [{ kind: 'hmac', secret: issuer.hmacSecretBase64, encoding: 'base64' }],
        algorithms: ['RS256', 'ES256', 'HS256'],
        requiredIssuer: issuer.issuer,
        requiredAudience: 'searchgate',
        rolesKey: 'roles',
        ...extra,
      },
    ],
    // Keep throttling out of the way: these tests are about token checks.
    throttle: { maxFailuresPerUser: 10_000, maxFailuresPerAddress: 10_000 },
  });
}

/** A token with exactly these parts, HS256-signed with the issuer's shared secret over whatever they are. */
function hsToken(headerPart: string, payloadPart: string): string {
  const secret = Buffer.from(issuer.hmacSecretBase64, 'base64');
  const sig = createHmac('sha256', secret).update(`${headerPart}.${payloadPart}`).digest('base64url');
  return `${headerPart}.${payloadPart}.${sig}`;
}

const goodClaims = () => ({ sub: 'alice', aud: 'searchgate', roles: ['reader'] });
const authn = (token: string) => auth.authenticate(request({ authorization: bearer(token) }));

beforeAll(async () => {
  issuer = await startTestIssuer();
  auth = createAuthenticator(jwtConfig(), new MemoryUsers());
});
afterAll(async () => {
  await auth.close();
  await issuer.close();
});

describe('JWT: accepted tokens', () => {
  it('accepts RS256, ES256 (JWKS) and HS256 (shared secret) tokens', async () => {
    for (const alg of ['RS256', 'ES256', 'HS256'] as const) {
      const p = expectOk(await authn(await issuer.sign(goodClaims(), { alg })));
      expect(p).toMatchObject({ name: 'alice', backendRoles: ['reader'], directRoles: [], authType: 'jwt', remoteAddress: '192.0.2.10' });
    }
  });

  it('exposes every claim as jwt.<claim>, nested objects kept whole', async () => {
    const token = await issuer.sign({ ...goodClaims(), dept: 'ops', org: { unit: 'emea', level: 3 }, flags: [true, null] });
    const p = expectOk(await authn(token));
    expect(p.attributes['jwt.sub']).toBe('alice');
    expect(p.attributes['jwt.dept']).toBe('ops');
    expect(p.attributes['jwt.org']).toEqual({ unit: 'emea', level: 3 });
    expect(p.attributes['jwt.flags']).toEqual([true, null]);
    expect(p.attributes['jwt.aud']).toBe('searchgate');
  });

  it('reads subject and roles from nested and namespaced claim paths', async () => {
    const a = createAuthenticator(jwtConfig({ subjectKey: 'user.login', rolesKey: 'realm_access.roles' }), new MemoryUsers());
    const p = expectOk(
      await a.authenticate(request({ authorization: bearer(await issuer.sign({ aud: 'searchgate', user: { login: 'bob' }, realm_access: { roles: ['x', 'y'] } })) })),
    );
    expect(p.name).toBe('bob');
    expect(p.backendRoles).toEqual(['x', 'y']);
    // A missing nested subject is refused rather than defaulted.
    expectUnauthorized(await a.authenticate(request({ authorization: bearer(await issuer.sign({ aud: 'searchgate', user: {} })) })), /subject/);

    const ns = createAuthenticator(jwtConfig({ rolesKey: 'https://example.com/roles' }), new MemoryUsers());
    const q = expectOk(await ns.authenticate(request({ authorization: bearer(await issuer.sign({ ...goodClaims(), 'https://example.com/roles': 'a,b' })) })));
    expect(q.backendRoles).toEqual(['a', 'b']);
  });

  it('splits a roles string on commas without trimming: a padded role is a different role', async () => {
    const p = expectOk(await authn(await issuer.sign({ ...goodClaims(), roles: ' admin,reader ,,x' })));
    expect(p.backendRoles).toEqual([' admin', 'reader ', 'x']);
    expect(p.backendRoles).not.toContain('admin');
    expect(p.backendRoles).not.toContain('reader');
    const q = expectOk(await authn(await issuer.sign({ ...goodClaims(), roles: [' admin'] })));
    expect(q.backendRoles).toEqual([' admin']);
  });

  it('gives no roles when the roles claim is missing', async () => {
    const { roles: _drop, ...claims } = goodClaims();
    expect(expectOk(await authn(await issuer.sign(claims))).backendRoles).toEqual([]);
  });

  it('tolerates clock skew within clockSkewSeconds', async () => {
    expectOk(await authn(await issuer.sign({ ...goodClaims(), exp: now() - 10 })));
    expectOk(await authn(await issuer.sign({ ...goodClaims(), nbf: now() + 10, iat: now() + 10 })));
  });

  it('takes the token from the configured URL parameter', async () => {
    const a = createAuthenticator(jwtConfig({ urlParameter: 'access_token' }), new MemoryUsers());
    const token = await issuer.sign(goodClaims());
    expectOk(await a.authenticate(request({ url: `http://g.test/graphql?access_token=${token}` })));
    expectUnauthorized(await a.authenticate(request({ url: `http://g.test/graphql?access_token=${token}&access_token=${token}` })), /repeated/);
    const other = await issuer.sign({ ...goodClaims(), sub: 'mallory' });
    expectUnauthorized(await a.authenticate(request({ authorization: bearer(other), url: `http://g.test/graphql?access_token=${token}` })), /different tokens/);
    // Without urlParameter configured the query string is not a credential.
    expectUnauthorized(await auth.authenticate(request({ url: `http://g.test/graphql?access_token=${token}` })), /no credentials/);
  });
});

describe('JWT: refused tokens', () => {
  it('refuses alg none, in any spelling and with or without a signature', async () => {
    const payload = b64url(JSON.stringify({ ...goodClaims(), iss: issuer.issuer, exp: now() + 300 }));
    for (const alg of ['none', 'None', 'NONE']) {
      const header = b64url(JSON.stringify({ alg, typ: 'JWT' }));
      expectUnauthorized(await authn(`${header}.${payload}.`), /compact JWS/);
      expectUnauthorized(await authn(`${header}.${payload}.${b64url('x')}`), /not allowed/);
    }
  });

  it('refuses HS256 signed with the RSA public key (algorithm confusion)', async () => {
    const header = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
    const payload = b64url(JSON.stringify({ ...goodClaims(), iss: issuer.issuer, exp: now() + 300 }));
    const forge = (secret: string) => `${header}.${payload}.${createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url')}`;
    // The domain accepts HS256 (with its own secret) and RS256 (pinned to a PEM key).
    const pem = issuer.publicPem('RS256');
    const mixed = createAuthenticator(
      parseAuthConfig({
        domains: [
          {
            type: 'jwt',
            name: 'mixed',
            algorithms: ['RS256', 'HS256'],
            keys: [
              { kind: 'pem', pem, alg: 'RS256' },
              { kind: 'hmac', secret: 'a-completely-different-32-byte-secret!!', encoding: 'utf8' },
            ],
            requiredIssuer: issuer.issuer,
          },
        ],
      }),
      new MemoryUsers(),
    );
    expectUnauthorized(await mixed.authenticate(request({ authorization: bearer(forge(pem)) })), /signature/);
    expectUnauthorized(await mixed.authenticate(request({ authorization: bearer(forge(pem.trim())) })), /signature/);
    // The genuine RS256 token verifies with the same configuration.
    expectOk(await mixed.authenticate(request({ authorization: bearer(await issuer.sign(goodClaims())) })));
    // A domain that pins RS256 only refuses HS256 outright.
    const rsOnly = createAuthenticator(parseAuthConfig({ domains: [{ type: 'jwt', name: 'rs', algorithms: ['RS256'], keys: [{ kind: 'pem', pem, alg: 'RS256' }] }] }), new MemoryUsers());
    expectUnauthorized(await rsOnly.authenticate(request({ authorization: bearer(forge(pem)) })), /not allowed/);
  });

  it('refuses an unknown kid and a kid the issuer has rotated out', async () => {
    const fresh = await startTestIssuer();
    try {
      const a = createAuthenticator(
        parseAuthConfig({ domains: [{ type: 'jwt', name: 'idp', jwksUrl: fresh.jwksUrl, algorithms: ['RS256'], jwksRefreshRateLimitSeconds: 0.05 }] }),
        new MemoryUsers(),
      );
      expectUnauthorized(await a.authenticate(request({ authorization: bearer(await fresh.sign({ sub: 'x' }, { kid: 'no-such-kid' })) })), /NO_MATCHING_KEY/);
      const oldKid = fresh.currentKid();
      expectOk(await a.authenticate(request({ authorization: bearer(await fresh.sign({ sub: 'x' })) })));
      await fresh.rotate();
      await new Promise((r) => setTimeout(r, 80));
      // The new kid is unknown to the cache: one refresh picks it up (and drops the old key).
      expectOk(await a.authenticate(request({ authorization: bearer(await fresh.sign({ sub: 'y' })) })));
      await new Promise((r) => setTimeout(r, 80));
      // Signed by the removed key, with its genuine kid (a token not seen before, so not cached).
      expectUnauthorized(await a.authenticate(request({ authorization: bearer(await fresh.sign({ sub: 'old' }, { keyId: oldKid })) })), /NO_MATCHING_KEY/);
      // A real key's signature under another published kid does not verify either.
      const forged = await fresh.sign({ sub: 'forged' }, { keyId: oldKid, kid: fresh.currentKid() });
      expectUnauthorized(await a.authenticate(request({ authorization: bearer(forged) })), /SIGNATURE/);
      expectOk(await a.authenticate(request({ authorization: bearer(await fresh.sign({ sub: 'z' })) })));
    } finally {
      await fresh.close();
    }
  });

  it('refuses expired, not-yet-valid and issued-in-the-future tokens (beyond the skew)', async () => {
    expectUnauthorized(await authn(await issuer.sign({ ...goodClaims(), exp: now() - 60 })), /EXPIRED/);
    expectUnauthorized(await authn(await issuer.sign({ ...goodClaims(), nbf: now() + 120 })), /nbf/);
    expectUnauthorized(await authn(await issuer.sign({ ...goodClaims(), iat: now() + 120 })), /future/);
    const { exp: _e, ...noExp } = { ...goodClaims(), exp: 0 };
    expectUnauthorized(await authn(await issuer.sign({ ...noExp, iss: issuer.issuer }, { noDefaults: true })), /exp/);
  });

  it('refuses a wrong or missing issuer and audience', async () => {
    expectUnauthorized(await authn(await issuer.sign({ ...goodClaims(), iss: 'https://evil.example' })), /iss/);
    expectUnauthorized(await authn(await issuer.sign({ ...goodClaims(), aud: 'someone-else' })), /aud/);
    expectUnauthorized(await authn(await issuer.sign({ ...goodClaims(), aud: ['x', 'y'] })), /aud/);
    const { aud: _a, ...noAud } = goodClaims();
    expectUnauthorized(await authn(await issuer.sign(noAud)), /aud/);
    expectUnauthorized(await authn(await issuer.sign({ ...goodClaims(), exp: now() + 300 }, { noDefaults: true })), /iss/);
  });

  it('refuses malformed base64 and JSON in each token part', async () => {
    const header = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
    const payload = b64url(JSON.stringify({ ...goodClaims(), iss: issuer.issuer, exp: now() + 300 }));
    const good = hsToken(header, payload);
    expectOk(await authn(good)); // the construction itself is sound
    const [, , sig] = good.split('.');
    const cases: [string, RegExp][] = [
      [`${header}!.${payload}.${sig}`, /compact JWS/], // header: not base64url
      [`${b64url('{"alg":"HS256"')}.${payload}.${sig}`, /header/], // header: truncated JSON
      [`${b64url('"HS256"')}.${payload}.${sig}`, /header/], // header: JSON but not an object
      [`${b64url('[]')}.${payload}.${sig}`, /header/],
      [`${'\u00e9'}${header}.${payload}.${sig}`, /compact JWS/],
      [`${header}.${payload}%.${sig}`, /compact JWS/], // payload: not base64url
      [hsToken(header, b64url('{"sub":"alice"')), /JWT_INVALID/], // payload: truncated JSON, correctly signed
      [hsToken(header, b64url('["alice"]')), /JWT_INVALID/], // payload: JSON but not an object
      [hsToken(header, b64url(Buffer.from([0xff, 0xfe, 0x7b]))), /JWT_INVALID/], // payload: not UTF-8
      [`${header}.${payload}.${sig}=`, /compact JWS/], // signature: padding is not base64url
      [`${header}.${payload}.a`, /JWS_INVALID|SIGNATURE/], // signature: impossible length
      [`${header}.${payload}.${sig!.slice(0, -2)}`, /SIGNATURE|JWS_INVALID/],
      [`${header}.${payload}`, /compact JWS/], // two parts
      [`${header}.${payload}.${sig}.${sig}`, /compact JWS/], // four parts
      [`${header}..${sig}`, /compact JWS/],
    ];
    for (const [token, reason] of cases) expectUnauthorized(await authn(token), reason);
  });

  it('refuses an oversized token before parsing it', async () => {
    const big = await issuer.sign({ ...goodClaims(), padding: 'x'.repeat(17 * 1024) }, { alg: 'HS256' });
    expectUnauthorized(await authn(big), /longer than|too large/);
    const viaUrl = createAuthenticator(jwtConfig({ urlParameter: 't' }), new MemoryUsers());
    expectUnauthorized(await viaUrl.authenticate(request({ url: `http://g.test/?t=${big}` })), /longer than/);
    // Just under the limit is fine (the limit is about size, not about this claim).
    const fits = await issuer.sign({ ...goodClaims(), padding: 'x'.repeat(10 * 1024) }, { alg: 'HS256' });
    expectOk(await authn(fits));
  });

  it('refuses a roles claim of the wrong type', async () => {
    for (const roles of [{ admin: true }, 42, true, null, ['reader', 7], ['reader', ['admin']], ['reader', { r: 'admin' }]])
      expectUnauthorized(await authn(await issuer.sign({ ...goodClaims(), roles: roles as never })), /roles claim/);
  });

  it('refuses a non-string subject', async () => {
    for (const sub of [42, ['alice'], { id: 'alice' }, ''])
      expectUnauthorized(await authn(await issuer.sign({ ...goodClaims(), sub: sub as never })), /subject/);
  });

  it('refuses bearer tokens the domain does not accept the algorithm of, and repeated Authorization headers', async () => {
    const a = createAuthenticator(jwtConfig({ algorithms: ['ES256'], keys: undefined }), new MemoryUsers());
    expectUnauthorized(await a.authenticate(request({ authorization: bearer(await issuer.sign(goodClaims())) })), /not allowed/);
    const token = await issuer.sign(goodClaims());
    expectUnauthorized(await auth.authenticate(request({ authorization: [bearer(token), bearer(token)] })), /repeated/);
    expectUnauthorized(await auth.authenticate(request({ authorization: 'Bearer' })), /empty bearer/);
  });

  it('never serves a cached verification after the token expires', async () => {
    // iat from the same clock: under load, signing a second after reading the clock made iat look future.
    let clock = Date.now();
    const a = createAuthenticator(jwtConfig({ clockSkewSeconds: 0 }), new MemoryUsers(), { now: () => clock });
    const token = await issuer.sign({ ...goodClaims(), iat: Math.floor(clock / 1000), exp: Math.floor(clock / 1000) + 5 }, { alg: 'HS256' });
    expectOk(await a.authenticate(request({ authorization: bearer(token) })));
    clock += 6000;
    expectUnauthorized(await a.authenticate(request({ authorization: bearer(token) })), /EXPIRED/);
  });

  it('does not fall through to anonymous when a token is invalid', async () => {
    const a = createAuthenticator(
      parseAuthConfig({
        domains: [
          { type: 'jwt', name: 'idp', jwksUrl: issuer.jwksUrl, algorithms: ['RS256'] },
          { type: 'anonymous', name: 'anon', backendRole: 'anonymous_role' },
        ],
      }),
      new MemoryUsers(),
    );
    expectOk(await a.authenticate(request()));
    expectUnauthorized(await a.authenticate(request({ authorization: bearer('garbage') })));
    expectUnauthorized(await a.authenticate(request({ authorization: bearer(await issuer.sign({ sub: 'x', exp: now() - 3600 })) })), /EXPIRED/);
    // An Authorization scheme nobody handles is not "no credentials" either.
    expectUnauthorized(await a.authenticate(request({ authorization: 'Basic YTpi' })), /scheme/);
  });
});
