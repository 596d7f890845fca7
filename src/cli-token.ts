import { resolve } from 'node:path';
import { SignJWT, type JWTPayload } from 'jose';
import { isHmacAlgorithm, minHmacKeyBytes, type HmacAlgorithm } from './auth/algorithms.js';
import { parseAuthConfig, type JwtDomainConfig } from './auth/config.js';
import { decodeHmacSecret } from './auth/hmac-secret.js';
import { loadConfig } from './config/load.js';

/**
 * `searchgate token`: mints a JWT for local trials, signed with the HMAC key of a `jwt` domain in the
 * gateway's own config (by default the sample's, whose secret is public). The claims follow that domain:
 * the subject goes under `subjectKey`, the roles under `rolesKey`, and `iss`/`aud` are set when the domain
 * requires them, so a minted token passes exactly the checks the gateway runs.
 *
 * Only HMAC domains qualify: for RSA/EC or an identity provider the signing key is not in the config, and
 * tokens must come from whoever holds it.
 */

export interface TokenOptions {
  /** Config file; relative paths are taken from the working directory. */
  config: string;
  sub: string;
  /** Backend roles, exactly as they will be asserted. */
  roles: readonly string[];
  ttlSeconds: number;
  /** Which jwt domain, when the config has more than one with an HMAC key. */
  domain?: string;
  now?: () => number;
}

/** The longest lifetime the command will mint: trial tokens should not outlive a working day by much. */
export const MAX_TTL_SECONDS = 7 * 24 * 3600;

/** Parses `--roles a,b`: pieces are kept exactly, so whitespace around a role is an error, not trimmed away. */
export function parseRoles(list: string): string[] {
  if (list === '') return [];
  const roles = list.split(',');
  for (const r of roles) {
    if (r.length === 0) throw new Error(`--roles has an empty role in "${list}"`);
    if (r.trim() !== r) throw new Error(`role "${r}" has surrounding whitespace; roles are matched exactly, so remove it`);
  }
  return roles;
}

export function parseTtl(value: string): number {
  if (!/^\d+$/.test(value)) throw new Error(`--ttl must be a whole number of seconds, got "${value}"`);
  const ttl = Number(value);
  if (ttl < 1 || ttl > MAX_TTL_SECONDS) throw new Error(`--ttl must be between 1 and ${MAX_TTL_SECONDS} seconds`);
  return ttl;
}

interface HmacSigner {
  domain: JwtDomainConfig;
  alg: HmacAlgorithm;
  secret: Uint8Array;
}

/** The jwt domain (and its HMAC key and algorithm) tokens are minted for. */
export function hmacSigner(domains: readonly JwtDomainConfig[], name?: string): HmacSigner {
  const candidates: HmacSigner[] = [];
  for (const domain of domains) {
    if (name !== undefined && domain.name !== name) continue;
    for (const key of domain.keys ?? []) {
      if (key.kind !== 'hmac') continue;
      const secret = decodeHmacSecret(key.secret, key.encoding);
      if (!secret) continue;
      const algs = (key.alg ? [key.alg] : domain.algorithms.filter(isHmacAlgorithm)).filter(
        (a) => domain.algorithms.includes(a) && secret.length >= minHmacKeyBytes(a),
      );
      // The first usable key of a domain is the one the gateway tries first as well.
      if (algs[0]) {
        candidates.push({ domain, alg: algs[0], secret });
        break;
      }
    }
  }
  if (candidates.length === 0)
    throw new Error(name !== undefined ? `no jwt domain named "${name}" with an HMAC key` : 'the config has no jwt domain with an HMAC key');
  if (candidates.length > 1)
    throw new Error(`several jwt domains have HMAC keys (${candidates.map((c) => c.domain.name).join(', ')}); choose one with --domain`);
  return candidates[0]!;
}

/** Puts `value` at a claim path; `a.b` becomes `{ a: { b: value } }`, the shape the gateway reads back. */
function setClaim(claims: Record<string, unknown>, path: string, value: unknown): void {
  const segments = path.split('.');
  let cur = claims;
  for (const s of segments.slice(0, -1)) {
    const next = cur[s];
    if (typeof next === 'object' && next !== null && !Array.isArray(next)) cur = next as Record<string, unknown>;
    else cur = cur[s] = {};
  }
  cur[segments[segments.length - 1]!] = value;
}

export async function mintToken(signer: HmacSigner, opts: Pick<TokenOptions, 'sub' | 'roles' | 'ttlSeconds' | 'now'>): Promise<string> {
  if (opts.sub.length === 0) throw new Error('--sub must not be empty');
  const { domain } = signer;
  const iat = Math.floor((opts.now ?? Date.now)() / 1000);
  const claims: JWTPayload = { iat, exp: iat + opts.ttlSeconds };
  if (domain.requiredIssuer !== undefined) claims.iss = domain.requiredIssuer;
  if (domain.requiredAudience !== undefined) claims.aud = domain.requiredAudience;
  setClaim(claims, domain.subjectKey, opts.sub);
  if (domain.rolesKey !== undefined) setClaim(claims, domain.rolesKey, [...opts.roles]);
  else if (opts.roles.length > 0) throw new Error(`jwt domain "${domain.name}" has no rolesKey, so roles cannot be carried`);
  return new SignJWT(claims).setProtectedHeader({ alg: signer.alg, typ: 'JWT' }).sign(signer.secret);
}

export async function tokenCommand(opts: TokenOptions, io: { stdout?: NodeJS.WritableStream } = {}): Promise<string> {
  const { config } = await loadConfig(resolve(opts.config));
  const auth = parseAuthConfig(config.auth);
  const jwtDomains = auth.domains.filter((d): d is JwtDomainConfig => d.type === 'jwt');
  const token = await mintToken(hmacSigner(jwtDomains, opts.domain), opts);
  (io.stdout ?? process.stdout).write(`${token}\n`);
  return token;
}
