import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT, type CryptoKey, type JWK, type JWTPayload } from 'jose';

/**
 * A loopback OIDC issuer for tests: discovery document, JWKS, token signing (RS256, ES256, and HS256
 * with a shared secret), key rotation and request counters. Real HTTP on 127.0.0.1 so the code under
 * test does its real fetches.
 */

type AsymAlg = 'RS256' | 'ES256';

interface SigningKey {
  kid: string;
  alg: AsymAlg;
  privateKey: CryptoKey;
  publicJwk: JWK;
  publicPem: string;
}

export interface SignOptions {
  alg?: AsymAlg | 'HS256';
  /** Override the kid put in the header (e.g. an unknown one); the key used is still `key`'s. */
  kid?: string;
  /** Sign with a specific key (by kid), e.g. one already rotated out. */
  keyId?: string;
  /** Omit iss / exp defaults. */
  noDefaults?: boolean;
  expiresInSeconds?: number;
}

export interface TestIssuer {
  /** Base URL; also the `iss` of its tokens. */
  readonly issuer: string;
  readonly discoveryUrl: string;
  readonly jwksUrl: string;
  /** HS256 shared secret (32 random bytes), base64. */
  readonly hmacSecretBase64: string;
  readonly jwksFetches: number;
  readonly discoveryFetches: number;
  /** kids currently published in the JWKS. */
  readonly publishedKids: string[];
  /** PEM (SPKI) of the current key for `alg`. */
  publicPem(alg?: AsymAlg): string;
  currentKid(alg?: AsymAlg): string;
  sign(claims: JWTPayload, options?: SignOptions): Promise<string>;
  /** New keys for both algorithms; the old ones are dropped from the JWKS unless keepOld. Returns the new RS256 kid. */
  rotate(options?: { keepOld?: boolean }): Promise<string>;
  /** Make the endpoints answer 503 (an outage) or recover. */
  setDown(down: boolean): void;
  close(): Promise<void>;
}

async function newKey(alg: AsymAlg): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  const kid = `${alg.toLowerCase()}-${randomBytes(6).toString('hex')}`;
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' };
  return { kid, alg, privateKey, publicJwk, publicPem: await exportSPKI(publicKey) };
}

export async function startTestIssuer(): Promise<TestIssuer> {
  const keys = new Map<string, SigningKey>();
  let published: string[] = [];
  const current: Record<AsymAlg, string> = { RS256: '', ES256: '' };
  const hmacSecret = randomBytes(32);
  let jwksFetches = 0;
  let discoveryFetches = 0;
  let down = false;

  const addKeys = async () => {
    for (const alg of ['RS256', 'ES256'] as const) {
      const k = await newKey(alg);
      keys.set(k.kid, k);
      current[alg] = k.kid;
    }
  };
  await addKeys();
  published = [current.RS256, current.ES256];

  let base = '';
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (path === '/.well-known/openid-configuration') {
      discoveryFetches++;
      if (down) return send(503, { error: 'down' });
      return send(200, { issuer: base, jwks_uri: `${base}/jwks.json`, id_token_signing_alg_values_supported: ['RS256', 'ES256'] });
    }
    if (path === '/jwks.json') {
      jwksFetches++;
      if (down) return send(503, { error: 'down' });
      return send(200, { keys: published.map((kid) => keys.get(kid)!.publicJwk) });
    }
    send(404, { error: 'not found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    issuer: base,
    discoveryUrl: `${base}/.well-known/openid-configuration`,
    jwksUrl: `${base}/jwks.json`,
    hmacSecretBase64: hmacSecret.toString('base64'),
    get jwksFetches() {
      return jwksFetches;
    },
    get discoveryFetches() {
      return discoveryFetches;
    },
    get publishedKids() {
      return [...published];
    },
    publicPem: (alg = 'RS256') => keys.get(current[alg])!.publicPem,
    currentKid: (alg = 'RS256') => current[alg],
    async sign(claims, options = {}) {
      const alg = options.alg ?? 'RS256';
      const now = Math.floor(Date.now() / 1000);
      const body: JWTPayload = options.noDefaults ? { ...claims } : { iss: base, iat: now, exp: now + (options.expiresInSeconds ?? 300), ...claims };
      const jwt = new SignJWT(body);
      if (alg === 'HS256') {
        jwt.setProtectedHeader({ alg, ...(options.kid ? { kid: options.kid } : {}) });
        return jwt.sign(hmacSecret);
      }
      const key = keys.get(options.keyId ?? current[alg]);
      if (!key) throw new Error(`no key ${options.keyId}`);
      jwt.setProtectedHeader({ alg: key.alg, kid: options.kid ?? key.kid });
      return jwt.sign(key.privateKey);
    },
    async rotate({ keepOld = false } = {}) {
      const old = [...published];
      await addKeys();
      published = keepOld ? [...old, current.RS256, current.ES256] : [current.RS256, current.ES256];
      return current.RS256;
    },
    setDown(value) {
      down = value;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
