import { decodeProtectedHeader, errors, jwtVerify, type JWTPayload, type JWTVerifyOptions } from 'jose';
import { LRUCache } from 'lru-cache';
import { isAsymmetricAlgorithm } from './algorithms.js';
import { readAuthorization } from './authorization-header.js';
import { claimAt, claimAttributes, rolesFromClaim } from './claims.js';
import type { JwtDomainConfig } from './config.js';
import { invalid, type AuthDomain, type AuthRequest, type Identity, type Presented, type Verdict } from './domain.js';
import { KeysUnavailableError, RemoteKeySet } from './jwks.js';
import { loadStaticKeys, type StaticKey } from './jwt-keys.js';

/**
 * Bearer JWT domain. Order of checks is chosen so that cheap refusals come first and nothing a caller
 * controls reaches the network unless the token could possibly be valid: size, shape, header, pinned
 * algorithm, then keys (static, then remote), then claims.
 */

/** Larger tokens are refused before any parsing. */
export const MAX_TOKEN_LENGTH = 16 * 1024;
/** Compact JWS with a non-empty signature: an unsigned (`alg: none`) token has an empty third part. */
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;
const MAX_CACHED_TOKENS = 10_000;

export interface JwtDomainOptions {
  realm: string;
  verifyCacheSeconds: number;
  fetch?: typeof fetch;
  now?: () => number;
  readFile?: (path: string) => string;
}

interface CachedIdentity {
  identity: Identity;
  expiresAt: number;
}

export function jwtDomain(config: JwtDomainConfig, options: JwtDomainOptions): AuthDomain {
  const now = options.now ?? Date.now;
  const staticKeys = loadStaticKeys(config, options.readFile);
  const remote =
    config.jwksUrl || config.oidcDiscoveryUrl
      ? new RemoteKeySet({
          jwksUrl: config.jwksUrl,
          discoveryUrl: config.oidcDiscoveryUrl,
          refreshRateLimitMs: config.jwksRefreshRateLimitSeconds * 1000,
          maxAgeMs: config.jwksCacheMaxAgeSeconds * 1000,
          fetch: options.fetch,
          now,
        })
      : undefined;
  const cache = new LRUCache<string, CachedIdentity>({ max: MAX_CACHED_TOKENS });

  const verifyToken = async (token: string): Promise<Verdict> => {
    if (token.length > MAX_TOKEN_LENGTH) return { kind: 'invalid', reason: `token longer than ${MAX_TOKEN_LENGTH} characters` };
    if (!COMPACT_JWS.test(token)) return { kind: 'invalid', reason: 'token is not a signed compact JWS' };
    let alg: unknown;
    try {
      alg = decodeProtectedHeader(token).alg;
    } catch {
      return { kind: 'invalid', reason: 'token header is not base64url JSON' };
    }
    if (typeof alg !== 'string' || !(config.algorithms as string[]).includes(alg))
      return { kind: 'invalid', reason: `token algorithm ${String(alg)} is not allowed` };

    const verifyOptions: JWTVerifyOptions = {
      algorithms: [alg],
      issuer: config.requiredIssuer,
      audience: config.requiredAudience,
      clockTolerance: config.clockSkewSeconds,
      requiredClaims: config.requireExpiration ? ['exp'] : [],
      currentDate: new Date(now()),
    };
    let payload: JWTPayload | undefined;
    let viaRemote = false;
    const candidates: StaticKey[] = staticKeys.filter((k) => k.algorithms.includes(alg as never));
    for (const key of candidates) {
      try {
        payload = (await jwtVerify(token, key.key, verifyOptions)).payload;
        break;
      } catch (err) {
        // Only a bad signature means "maybe another key"; anything else was decided by a key that verified.
        if (!(err instanceof errors.JWSSignatureVerificationFailed)) return refusal(err);
      }
    }
    if (!payload && remote && isAsymmetricAlgorithm(alg)) {
      try {
        payload = (await jwtVerify(token, remote.getKey, verifyOptions)).payload;
        viaRemote = true;
      } catch (err) {
        return refusal(err);
      }
    }
    if (!payload) return { kind: 'invalid', reason: candidates.length ? 'signature does not verify with any configured key' : `no key for ${alg}` };

    const nowSeconds = now() / 1000;
    // jose checks iat only together with maxTokenAge; a token issued in the future is refused here.
    if (typeof payload.iat === 'number' && payload.iat > nowSeconds + config.clockSkewSeconds)
      return { kind: 'invalid', reason: 'token issued in the future (iat)' };
    const subject = claimAt(payload, config.subjectKey);
    if (typeof subject !== 'string' || subject.length === 0)
      return { kind: 'invalid', reason: `subject claim ${config.subjectKey} is missing or not a non-empty string` };
    const roles = config.rolesKey ? rolesFromClaim(claimAt(payload, config.rolesKey)) : { roles: [] };
    if ('error' in roles) return { kind: 'invalid', reason: roles.error };

    const identity: Identity = {
      name: subject,
      backendRoles: roles.roles,
      directRoles: [],
      attributes: claimAttributes(payload),
      authType: 'jwt',
    };
    remember(token, identity, payload, viaRemote);
    return { kind: 'ok', identity };
  };

  /**
   * Cached by the whole token string. An entry never outlives the token's exp, nor (for remote keys) the
   * key set's max age: a key removed at the issuer must stop working within that age even for tokens
   * seen before.
   */
  const remember = (token: string, identity: Identity, payload: JWTPayload, viaRemote: boolean) => {
    const t = now();
    let expiresAt = t + options.verifyCacheSeconds * 1000;
    if (typeof payload.exp === 'number') expiresAt = Math.min(expiresAt, payload.exp * 1000);
    if (viaRemote) expiresAt = Math.min(expiresAt, t + config.jwksCacheMaxAgeSeconds * 1000);
    if (expiresAt > t) cache.set(token, { identity, expiresAt }, { ttl: expiresAt - t });
  };

  const cached = (token: string): Identity | undefined => {
    const hit = cache.get(token);
    if (!hit) return undefined;
    if (hit.expiresAt <= now()) {
      cache.delete(token);
      return undefined;
    }
    return hit.identity;
  };

  return {
    name: config.name,
    challenge: `Bearer realm="${options.realm}"`,
    extract(req: AuthRequest): Presented | undefined {
      const header = readAuthorization(req);
      if (header.kind === 'malformed') return invalid(header.reason);
      let fromHeader: string | undefined;
      if (header.kind === 'present' && header.scheme === 'bearer') {
        if (!header.credentials) return invalid('empty bearer token');
        fromHeader = header.credentials;
      }
      let fromUrl: string | undefined;
      if (config.urlParameter) {
        const values = req.url.searchParams.getAll(config.urlParameter);
        if (values.length > 1) return invalid(`repeated ${config.urlParameter} parameter`);
        if (values.length === 1) {
          if (!values[0]) return invalid(`empty ${config.urlParameter} parameter`);
          fromUrl = values[0];
        }
      }
      if (fromHeader !== undefined && fromUrl !== undefined && fromHeader !== fromUrl)
        return invalid('different tokens in header and URL');
      const token = fromHeader ?? fromUrl;
      if (token === undefined) return undefined;
      // Not even shaped like a signed token (a placeholder, a typo): nothing to verify, nothing guessed.
      if (!COMPACT_JWS.test(token)) return invalid('bearer token is not a compact JWS (header.payload.signature)');
      return { peek: () => cached(token), verify: () => verifyToken(token), validUntil: () => cache.get(token)?.expiresAt };
    },
  };
}

function refusal(err: unknown): Verdict {
  if (err instanceof KeysUnavailableError || err instanceof errors.JWKSTimeout) return { kind: 'unavailable', reason: err.message };
  if (err instanceof errors.JOSEError) return { kind: 'invalid', reason: `${err.code}: ${err.message}` };
  return { kind: 'invalid', reason: `token rejected: ${(err as Error)?.message ?? String(err)}` };
}
