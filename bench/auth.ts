/**
 * What authentication costs per request, measured on `createAuthenticator` directly (no HTTP): the whole
 * chain as the gateway runs it (header parsing, caches, throttle bookkeeping, crypto), sequential calls, µs/op.
 *
 * - warm rows: the token or the basic credentials were verified before, so the answer comes from the verify
 *   cache; this is what almost every request pays (goal: under 50 µs);
 * - uncached rows: a signature check on every call (verifyCacheSeconds: 0), what a first request pays;
 * - bcrypt: an uncached basic login at the sample's cost 12, why verified passwords are cached at all.
 *
 * `npm run bench` calls `benchAuth()`; `tsx bench/auth.ts` prints the table alone.
 */
import { pathToFileURL } from 'node:url';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { createAuthenticator, type Authenticator } from '../src/auth/chain.js';
import { parseAuthConfig } from '../src/auth/config.js';
import type { AuthRequest } from '../src/auth/domain.js';
import type { InternalUserSource } from '../src/auth/internal-users.js';
import { hashPassword } from '../src/auth/password.js';
import { fmt, table } from './gateway/stats.js';

const GOAL_WARM_MICROS = 50;
const HMAC_SECRET = Buffer.alloc(32, 0x5a).toString('base64');
const JWKS_URL = 'http://127.0.0.1:1/jwks.json';

interface Row {
  what: string;
  micros: number;
  calls: number;
  warm: boolean;
}

function request(authorization: string): AuthRequest {
  return { headers: { authorization }, remoteAddress: '127.0.0.1', url: new URL('http://bench.local/graphql') };
}

/** µs per call after a warm-up; runs batches until `minMs` of work, or exactly `fixedCalls` calls. */
async function perOp(authn: Authenticator, req: AuthRequest, opts: { minMs?: number; fixedCalls?: number } = {}): Promise<{ micros: number; calls: number }> {
  const once = async () => {
    const outcome = await authn.authenticate(req);
    if (outcome.kind !== 'ok') throw new Error(`bench credentials refused: ${outcome.kind} ${'reason' in outcome ? outcome.reason : ''}`);
  };
  if (opts.fixedCalls !== undefined) {
    await once();
    const start = performance.now();
    for (let i = 0; i < opts.fixedCalls; i++) await once();
    return { micros: ((performance.now() - start) * 1000) / opts.fixedCalls, calls: opts.fixedCalls };
  }
  for (let i = 0; i < 200; i++) await once();
  const minMs = opts.minMs ?? 400;
  let calls = 0;
  const start = performance.now();
  while (performance.now() - start < minMs) {
    for (let i = 0; i < 100; i++) await once();
    calls += 100;
  }
  return { micros: ((performance.now() - start) * 1000) / calls, calls };
}

async function signed(alg: 'RS256' | 'ES256' | 'HS256', key: CryptoKey | Uint8Array, kid?: string): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ sub: 'bench-user', roles: ['reader', 'writer'], aud: 'bench', department: 'R&D' })
    .setProtectedHeader({ alg, ...(kid ? { kid } : {}) })
    .setIssuedAt(now)
    .setExpirationTime(now + 3600)
    .sign(key);
}

function jwtAuthenticator(domain: Record<string, unknown>, verifyCacheSeconds: number, fetchImpl?: typeof fetch): Authenticator {
  const config = parseAuthConfig({
    verifyCacheSeconds,
    domains: [{ type: 'jwt', name: 'bench', requiredAudience: 'bench', rolesKey: 'roles', ...domain }],
  });
  return createAuthenticator(config, { get: () => undefined, version: '0' }, { fetch: fetchImpl });
}

export async function benchAuth(): Promise<string> {
  const rows: Row[] = [];
  const rsa = await generateKeyPair('RS256', { extractable: true });
  const ec = await generateKeyPair('ES256', { extractable: true });
  const rsaPem = await exportSPKI(rsa.publicKey);
  const ecPem = await exportSPKI(ec.publicKey);
  const jwks = { keys: [{ ...(await exportJWK(rsa.publicKey)), kid: 'rsa-1', alg: 'RS256', use: 'sig' }] };
  const serveJwks = (async () =>
    new Response(JSON.stringify(jwks), { headers: { 'content-type': 'application/json' } })) as unknown as typeof fetch;

  const rsToken = await signed('RS256', rsa.privateKey, 'rsa-1');
  const esToken = await signed('ES256', ec.privateKey);
  const hsToken = await signed('HS256', Buffer.from(HMAC_SECRET, 'base64'));

  const jwtCases: { what: string; domain: Record<string, unknown>; token: string; fetch?: typeof fetch }[] = [
    { what: 'JWT HS256 (static secret)', domain: { algorithms: ['HS256'], keys: [{ kind: 'hmac', secret: HMAC_SECRET, encoding: 'base64' }] }, token: hsToken },
    { what: 'JWT RS256 (PEM key)', domain: { algorithms: ['RS256'], keys: [{ kind: 'pem', pem: rsaPem, alg: 'RS256' }] }, token: rsToken },
    { what: 'JWT ES256 (PEM key)', domain: { algorithms: ['ES256'], keys: [{ kind: 'pem', pem: ecPem, alg: 'ES256' }] }, token: esToken },
    { what: 'JWT RS256 (JWKS, keys fetched)', domain: { algorithms: ['RS256'], jwksUrl: JWKS_URL }, token: rsToken, fetch: serveJwks },
  ];
  for (const c of jwtCases) {
    for (const warm of [true, false]) {
      const authn = jwtAuthenticator(c.domain, warm ? 60 : 0, c.fetch);
      const { micros, calls } = await perOp(authn, request(`Bearer ${c.token}`));
      rows.push({ what: `${c.what}, ${warm ? 'verify cache warm' : 'uncached'}`, micros, calls, warm });
      await authn.close();
    }
  }

  // Basic: the cost-12 hash the sample users have; warm = the verified password is cached.
  const hash = await hashPassword('bench-password', 12);
  const users: InternalUserSource = {
    version: '1',
    get: (name) => (name === 'bench-user' ? { name, hash, backendRoles: ['reader'], securityRoles: [], attributes: { department: 'R&D' } } : undefined),
  };
  const basicReq = request(`Basic ${Buffer.from('bench-user:bench-password').toString('base64')}`);
  for (const warm of [true, false]) {
    const authn = createAuthenticator(parseAuthConfig({ verifyCacheSeconds: warm ? 60 : 0, domains: [{ type: 'basic', name: 'internal' }] }), users);
    const { micros, calls } = await perOp(authn, basicReq, warm ? {} : { fixedCalls: 4 });
    rows.push({ what: `basic, ${warm ? 'verify cache warm' : 'uncached (bcrypt cost 12)'}`, micros, calls, warm });
    await authn.close();
  }

  const warmWorst = Math.max(...rows.filter((r) => r.warm).map((r) => r.micros));
  const out = table(
    ['authentication per request', 'µs/op', 'calls'],
    rows.map((r) => [r.what, r.micros, String(r.calls)]),
  );
  const verdict = `warm caches: at most ${fmt(warmWorst)} µs per request (goal < ${GOAL_WARM_MICROS} µs: ${warmWorst < GOAL_WARM_MICROS ? 'met' : 'NOT met'})`;
  return `${out}\n${verdict}`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(await benchAuth());
}
