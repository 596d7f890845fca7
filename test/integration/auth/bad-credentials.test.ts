import { CompactSign, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GqlResponse, TestGateway } from '../../support/gateway.js';
import { startTestIssuer, type TestIssuer } from '../../support/issuer.js';
import {
  b64url,
  CHALLENGE,
  eventually,
  expectGeneric401,
  expectGeneric429,
  ME,
  startAuthGateway,
  validClaims,
} from './support.js';

/**
 * Bad credentials over real HTTP, against a gateway on the embedded engine whose jwt domain trusts a loopback
 * OIDC issuer (discovery + JWKS, RS256/ES256) and that issuer's HS256 secret. Every refusal must be the
 * generic 401 (or 429 when throttled): no reason, no echo of the token or user name. Each bad request runs
 * beside valid ones, which must keep getting 200.
 *
 * The fixture (test/fixtures/auth/searchgate.yml): users alice / colon-user / victim (bcrypt cost 4), backend
 * role `reader` -> role flights-reader; throttle 5 failures per user, 2 s lock; JWKS refresh at most once a
 * second, keys kept 2 s.
 */

const ALICE = 'alice:alice-password';
/** NFC, two colons and a space: the user name ends at the first colon, the rest is the password. */
const COLON_PASSWORD = 'p\u00e4:ss:w\u00f6rd \u{1F511}';
const basic = (userPass: string | Uint8Array) => `Basic ${Buffer.from(userPass).toString('base64')}`;
const bearer = (token: string) => `Bearer ${token}`;
const nowSeconds = () => Math.floor(Date.now() / 1000);

let issuer: TestIssuer;
let gw: TestGateway;
let validRs256: string;

async function me(authorization: string, headers: Record<string, string> = {}): Promise<GqlResponse<any>> {
  return gw.gql(ME, { headers: { authorization, ...headers } });
}

/** The bad request is refused generically while a basic and a JWT caller, sent at the same time, get through. */
async function refusedBeside(authorization: string, secrets: readonly string[] = []): Promise<void> {
  const [bad, alice, jwt] = await Promise.all([me(authorization), me(basic(ALICE)), me(bearer(validRs256))]);
  expectGeneric401(bad, secrets);
  expect(alice.status).toBe(200);
  expect(alice.body.data.me.name).toBe('alice');
  expect(jwt.status).toBe(200);
  expect(jwt.body.data.me).toMatchObject({ name: 'jwt-reader', authType: 'JWT' });
}

beforeAll(async () => {
  issuer = await startTestIssuer();
  gw = await startAuthGateway(issuer);
  validRs256 = await issuer.sign(validClaims(), { expiresInSeconds: 600 });
});
afterAll(async () => {
  await gw?.close();
  await issuer?.close();
});

describe('valid credentials (the control group)', () => {
  it('accepts RS256 and ES256 tokens from the issuer, its HS256 secret, and basic auth', async () => {
    const es = await issuer.sign(validClaims({ sub: 'es-reader' }), { alg: 'ES256' });
    const hs = await issuer.sign(validClaims({ sub: 'hs-reader' }), { alg: 'HS256' });
    for (const [auth, name, type] of [
      [bearer(validRs256), 'jwt-reader', 'JWT'],
      [bearer(es), 'es-reader', 'JWT'],
      [bearer(hs), 'hs-reader', 'JWT'],
      [basic(ALICE), 'alice', 'BASIC'],
    ] as const) {
      const r = await me(auth);
      expect(r.status, r.text).toBe(200);
      expect(r.body.data.me).toEqual({ name, authType: type, backendRoles: ['reader'], roles: ['flights-reader'] });
    }
    expect(issuer.discoveryFetches).toBe(1);
  });

  it('a unicode password containing colons and a space is accepted exactly as set', async () => {
    const r = await me(basic(`colon-user:${COLON_PASSWORD}`));
    expect(r.status, r.text).toBe(200);
    expect(r.body.data.me.name).toBe('colon-user');
  });

  it('without any credentials (and no anonymous domain) the answer is the generic challenge', async () => {
    const r = await gw.gql(ME);
    expectGeneric401(r);
  });
});

describe('JWT: signatures and algorithms', () => {
  it('refuses alg "none", with or without a signature part, in any spelling', async () => {
    const payload = b64url({ ...validClaims(), iss: issuer.issuer, exp: nowSeconds() + 300 });
    for (const alg of ['none', 'None', 'NONE']) {
      const header = b64url({ alg, typ: 'JWT' });
      await refusedBeside(bearer(`${header}.${payload}.`));
      await refusedBeside(bearer(`${header}.${payload}.${b64url('x')}`), [payload]);
    }
  });

  it('refuses HS256 tokens whose HMAC key is the issuer\'s RSA or EC public key (algorithm confusion)', async () => {
    for (const alg of ['RS256', 'ES256'] as const) {
      const pem = issuer.publicPem(alg);
      const claims = { ...validClaims(), iss: issuer.issuer, iat: nowSeconds(), exp: nowSeconds() + 300 };
      for (const secret of [pem, pem.trim(), pem.replace(/\n/g, '\r\n')]) {
        const token = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256', kid: issuer.currentKid(alg) }).sign(new TextEncoder().encode(secret));
        await refusedBeside(bearer(token), [token]);
      }
    }
  });

  it('refuses a token signed by a key the issuer never published, even under a published kid', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const token = await new SignJWT({ ...validClaims(), iss: issuer.issuer, exp: nowSeconds() + 300 })
      .setProtectedHeader({ alg: 'RS256', kid: issuer.currentKid() })
      .sign(privateKey);
    await refusedBeside(bearer(token), [token]);
    // A token altered after signing: one claim changed, the signature kept.
    const [h, , s] = validRs256.split('.');
    const forged = `${h}.${b64url({ ...validClaims({ roles: ['admin'] }), iss: issuer.issuer, exp: nowSeconds() + 300 })}.${s}`;
    await refusedBeside(bearer(forged), [forged]);
  });

  it('refuses an unknown kid, and a flood of unknown kids costs at most a couple of JWKS fetches', async () => {
    const single = await issuer.sign(validClaims(), { kid: 'no-such-kid' });
    await refusedBeside(bearer(single), ['no-such-kid']);

    const before = { jwks: issuer.jwksFetches, discovery: issuer.discoveryFetches };
    const tokens = await Promise.all(Array.from({ length: 40 }, (_, i) => issuer.sign(validClaims(), { kid: `made-up-${i}` })));
    const [answers, alice, jwt] = await Promise.all([
      Promise.all(tokens.map((t) => me(bearer(t)))),
      me(basic(ALICE)),
      me(bearer(validRs256)),
    ]);
    for (const r of answers) expectGeneric401(r, ['made-up-']);
    expect(alice.status).toBe(200);
    expect(jwt.status).toBe(200);
    // One refresh per second at most (plus, at worst, one because the 2 s key age ran out meanwhile).
    expect(issuer.jwksFetches - before.jwks).toBeLessThanOrEqual(2);
    expect(issuer.discoveryFetches - before.discovery).toBe(0);
  });
});

describe('JWT: time claims', () => {
  const cases: [string, () => Record<string, unknown>][] = [
    ['expired beyond the 30 s clock skew', () => ({ exp: nowSeconds() - 120 })],
    ['not yet valid (nbf in 2 minutes)', () => ({ nbf: nowSeconds() + 120 })],
    ['issued in the future (iat in 2 minutes)', () => ({ iat: nowSeconds() + 120 })],
    ['exp that is not a number', () => ({ exp: String(nowSeconds() + 300) })],
  ];
  it.each(cases)('refuses a token %s', async (_, claims) => {
    const token = await issuer.sign(validClaims(claims()));
    await refusedBeside(bearer(token), [token]);
  });

  it('refuses a token without exp (expiry is required)', async () => {
    const token = await issuer.sign({ ...validClaims(), iss: issuer.issuer, iat: nowSeconds() }, { noDefaults: true });
    await refusedBeside(bearer(token), [token]);
  });

  it('accepts a token expired by less than the clock skew, so the refusals above are about time alone', async () => {
    const r = await me(bearer(await issuer.sign(validClaims({ exp: nowSeconds() - 5 }))));
    expect(r.status, r.text).toBe(200);
  });
});

describe('JWT: issuer, audience, subject', () => {
  const cases: [string, Record<string, unknown>][] = [
    ['a wrong issuer', { iss: 'https://evil.example' }],
    ['the issuer with a trailing slash', { iss: 'ISSUER/' }],
    ['a wrong audience', { aud: 'another-service' }],
    ['no audience', { aud: undefined }],
    ['an audience list without ours', { aud: ['a', 'b'] }],
    ['no subject', { sub: undefined }],
    ['an empty subject', { sub: '' }],
    ['a numeric subject', { sub: 42 }],
  ];
  it.each(cases)('refuses %s', async (_, overrides) => {
    const claims = validClaims(overrides);
    if (claims.iss === 'ISSUER/') claims.iss = `${issuer.issuer}/`;
    for (const k of Object.keys(claims)) if (claims[k] === undefined) delete claims[k];
    const token = await issuer.sign(claims);
    await refusedBeside(bearer(token), [token]);
  });
});

describe('JWT: malformed tokens', () => {
  it('refuses tokens that are not compact JWS or whose parts are not base64url JSON', async () => {
    const [h, p, s] = validRs256.split('.') as [string, string, string];
    const malformed = [
      'not-a-token',
      `${h}.${p}`,
      `${h}.${p}.${s}.${s}`,
      `${h}..${s}`,
      `%%%.${p}.${s}`,
      `${h}.${p}.${s}=`,
      `${b64url('not json')}.${p}.${s}`,
      `${b64url('["RS256"]')}.${p}.${s}`,
      `${b64url({ alg: 7 })}.${p}.${s}`,
      `${b64url({ kid: issuer.currentKid() })}.${p}.${s}`,
      `${h}.${b64url('{"sub": "jwt-reader"')}.${s}`,
    ];
    for (const token of malformed) await refusedBeside(bearer(token), [token]);
  });

  it('refuses a correctly signed token whose payload is not a JSON object', async () => {
    const secret = Buffer.from(issuer.hmacSecretBase64, 'base64');
    for (const payload of ['not json', '[1,2]', '"string"', 'null']) {
      const token = await new CompactSign(new TextEncoder().encode(payload)).setProtectedHeader({ alg: 'HS256' }).sign(secret);
      await refusedBeside(bearer(token), [token]);
    }
  });

  it('refuses a bearer scheme without a token, and schemes no domain accepts', async () => {
    for (const value of ['Bearer', 'Bearer    ', 'Digest username="alice"', 'Token abc', `Bearer ${validRs256} extra`]) {
      await refusedBeside(value, ['alice', 'abc']);
    }
  });

  it('refuses a 15 KiB token by its shape alone', async () => {
    const junk = `${'a'.repeat(5000)}.${'b'.repeat(5000)}.${'c'.repeat(5000)}`;
    await refusedBeside(bearer(junk));
    const header = b64url({ alg: 'RS256', kid: 'k'.repeat(11_000) });
    await refusedBeside(bearer(`${header}.${b64url(validClaims())}.${b64url('sig')}`));
  });

  it('headers above the HTTP server limit (16 KiB) are answered 431 by Node before authentication, and the server goes on', async () => {
    // The gateway's own token limit (16 KiB) cannot be reached over HTTP: Node's header limit is hit first.
    const oversizedToken = await me(bearer('a'.repeat(16 * 1024 + 1)));
    expect(oversizedToken.status).toBe(431);
    expect(oversizedToken.text).toBe('');
    const oversizedOther = await me(bearer(validRs256), { 'x-filler': 'f'.repeat(20_000) });
    expect(oversizedOther.status).toBe(431);
    expect(oversizedOther.headers.get('www-authenticate')).toBeNull();
    const after = await me(bearer(validRs256));
    expect(after.status).toBe(200);
  });
});

describe('JWT: roles claim', () => {
  it.each([
    ['a number', 42],
    ['an object', { reader: true }],
    ['an array with a number', ['reader', 7]],
    ['an array with null', ['reader', null]],
    ['a nested array', [['reader']]],
    ['null', null],
    ['a boolean', true],
  ])('refuses a token whose roles claim is %s', async (_, roles) => {
    const token = await issuer.sign(validClaims({ roles }));
    await refusedBeside(bearer(token), [token]);
  });

  it('padded roles are kept exactly as asserted: the token authenticates but " reader" maps to nothing', async () => {
    for (const [roles, expected] of [
      [[' reader'], [' reader']],
      [['reader '], ['reader ']],
      ['reader ,\treader', ['reader ', '\treader']],
    ] as const) {
      const token = await issuer.sign(validClaims({ roles }));
      const r = await me(bearer(token));
      expect(r.status, r.text).toBe(200);
      expect(r.body.data.me).toEqual({ name: 'jwt-reader', authType: 'JWT', backendRoles: expected, roles: [] });
      const flights = await gw.gql('{ flights { total } }', { headers: { authorization: bearer(token) } });
      expect(flights.status).toBe(400);
      expect(flights.body.errors[0].message).toBe('Cannot query field "flights" on type "Query".');
    }
    // The unpadded role does map, so the difference is the whitespace alone.
    const ok = await gw.gql('{ flights(first: 0) { total } }', { headers: { authorization: bearer(validRs256) } });
    expect(ok.status).toBe(200);
    expect(ok.body.data.flights.total).toBeGreaterThan(0);
  });
});

describe('basic auth', () => {
  it.each([
    ['a wrong password', 'alice:wrong-password', ['alice', 'wrong-password']],
    ['an unknown user', 'nosuchuser:alice-password', ['nosuchuser', 'alice-password']],
    ['an empty password', 'alice:', ['alice']],
    ['an empty user name', ':alice-password', ['alice-password']],
    ['no colon', 'alice', ['alice']],
    ['the right password with a trailing space', 'alice:alice-password ', ['alice']],
    ['the unicode password cut at its first colon', 'colon-user:p\u00e4', ['colon-user']],
    ['the unicode password in decomposed form (NFD)', `colon-user:${COLON_PASSWORD.normalize('NFD')}`, ['colon-user']],
    ['a prefix of the unicode password that ends before a colon', `colon-user:${COLON_PASSWORD.slice(0, 5)}`, ['colon-user']],
  ])('refuses %s', async (_, userPass, secrets) => {
    await refusedBeside(basic(userPass), secrets);
  });

  it('refuses the right unicode password sent as ISO-8859-1 (not UTF-8) bytes', async () => {
    const latin1 = Buffer.concat([Buffer.from('colon-user:p'), Buffer.from([0xe4]), Buffer.from(':ss:w'), Buffer.from([0xf6]), Buffer.from('rd x')]);
    await refusedBeside(basic(latin1), ['colon-user']);
  });

  it('refuses malformed base64', async () => {
    const canonical = Buffer.from(ALICE).toString('base64');
    // Same bytes, different spelling: the unused low bits of the last character set (Node would decode it).
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
    const data = canonical.replace(/=+$/, '');
    const last = alphabet.indexOf(data.at(-1)!);
    const nonCanonical = `${data.slice(0, -1)}${alphabet[last + 1]}${canonical.slice(data.length)}`;
    expect(Buffer.from(nonCanonical, 'base64').toString()).toBe(ALICE);
    for (const value of [
      'Basic',
      'Basic !!!!',
      `Basic ${canonical.slice(0, 8)} ${canonical.slice(8)}`,
      `Basic ${canonical.replace(/[+/]/g, '-')}*`,
      `Basic ${Buffer.from(ALICE).toString('base64url')}_-`,
      `Basic ${nonCanonical}`,
      `Basic ${Buffer.from([0xff, 0xfe, 0x3a, 0x78]).toString('base64')}`,
    ]) {
      await refusedBeside(value, [canonical, 'alice']);
    }
  });
});

describe('throttling', () => {
  it('repeated failures for one user lock it briefly (429 + Retry-After), even for the right password, then it works again', async () => {
    for (let i = 0; i < 5; i++) expectGeneric401(await me(basic(`victim:guess-${i}`)), ['victim', `guess-${i}`]);
    const [locked, alice, jwt] = await Promise.all([me(basic('victim:victim-password')), me(basic(ALICE)), me(bearer(validRs256))]);
    const retryAfter = expectGeneric429(locked, 2);
    expect(locked.text).not.toContain('victim');
    expect(locked.headers.get('www-authenticate')).toBeNull();
    expect(alice.status).toBe(200);
    expect(jwt.status).toBe(200);
    await new Promise((r) => setTimeout(r, retryAfter * 1000 + 150));
    const after = await me(basic('victim:victim-password'));
    expect(after.status, after.text).toBe(200);
    expect(after.body.data.me.name).toBe('victim');
  });

  it('an unknown user name is throttled exactly like a real one (no user enumeration)', async () => {
    for (let i = 0; i < 5; i++) expectGeneric401(await me(basic(`ghost:guess-${i}`)), ['ghost']);
    expectGeneric429(await me(basic('ghost:guess-5')), 2);
  });

  it('a parallel burst of guesses cannot outrun the limit: at most 5 are checked, the rest wait', async () => {
    const answers = await Promise.all(Array.from({ length: 15 }, (_, i) => me(basic(`burst-user:guess-${i}`))));
    const statuses = answers.map((r) => r.status);
    expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(5);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(10);
    for (const r of answers) {
      if (r.status === 401) expectGeneric401(r, ['burst-user']);
      else expectGeneric429(r, 2);
    }
  });
});

describe('key rotation and outages at the issuer (own issuer and gateway)', () => {
  let rotIssuer: TestIssuer;
  let rotGw: TestGateway;
  const ask = (token: string) => rotGw.gql(ME, { headers: { authorization: bearer(token) } });

  beforeAll(async () => {
    rotIssuer = await startTestIssuer();
    rotGw = await startAuthGateway(rotIssuer);
  });
  afterAll(async () => {
    await rotGw?.close();
    await rotIssuer?.close();
  });

  it('after rotation, new tokens work within the refresh limit and old ones stop within the key age', async () => {
    const oldKid = rotIssuer.currentKid();
    const old = await rotIssuer.sign(validClaims({ jti: 'seen-before-rotation' }));
    expect((await ask(old)).status).toBe(200);

    await rotIssuer.rotate();
    expect(rotIssuer.publishedKids).not.toContain(oldKid);
    const fresh = await rotIssuer.sign(validClaims({ jti: 'after-rotation' }));
    // jwksRefreshRateLimitSeconds: 1 -> the new kid is fetched within about a second.
    const newWorksAfter = await eventually(() => ask(fresh).then((r) => r.status), (s) => s === 200, 2500, 'new key accepted');
    expect(newWorksAfter).toBeLessThan(2500);

    // A token signed with the removed key and never seen before is refused as soon as the keys were refreshed.
    const unseenOld = await rotIssuer.sign(validClaims({ jti: 'never-seen' }), { keyId: oldKid });
    expectGeneric401(await ask(unseenOld), [unseenOld]);
    // A token verified before the rotation stops within jwksCacheMaxAgeSeconds (2 s) of its verification.
    await eventually(() => ask(old).then((r) => r.status), (s) => s === 401, 3500, 'old token refused');
    expectGeneric401(await ask(old), [old]);
    expect((await ask(fresh)).status).toBe(200);
  });

  it('an issuer outage refuses new tokens with the generic 401 (fail closed) while basic auth goes on; recovery restores tokens', async () => {
    const before = await rotIssuer.sign(validClaims({ jti: 'before-outage' }));
    rotIssuer.setDown(true);
    try {
      // Wait out the 2 s key age so the cached key set is gone and a refresh is needed.
      await new Promise((r) => setTimeout(r, 2100));
      const token = await rotIssuer.sign(validClaims({ jti: 'during-outage' }));
      const [refused, alice] = await Promise.all([ask(token), rotGw.gql(ME, { auth: ALICE })]);
      expectGeneric401(refused, [token]);
      expect(refused.headers.get('www-authenticate')).toBe(CHALLENGE);
      expect(alice.status).toBe(200);
    } finally {
      rotIssuer.setDown(false);
    }
    await eventually(() => ask(before).then((r) => r.status), (s) => s === 200, 2500, 'tokens accepted after recovery');
  });
});
