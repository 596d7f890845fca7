import { z } from 'zod';
import { checkAddressOrCidr } from './address.js';
import {
  ASYMMETRIC_ALGORITHMS,
  HMAC_ALGORITHMS,
  JWS_ALGORITHMS,
  isAsymmetricAlgorithm,
  isHmacAlgorithm,
  minHmacKeyBytes,
} from './algorithms.js';
import { decodeHmacSecret } from './hmac-secret.js';

/**
 * The `auth` section of Searchgate's config. Everything that could make authentication fail open is a
 * config error here rather than a runtime surprise: `none`, HMAC and RSA/EC mixed on one key, short HMAC
 * secrets, remote keys over plain HTTP, anonymous access placed before real domains.
 */

const algorithm = z.string().superRefine((alg, ctx) => {
  if (alg.toLowerCase() === 'none') ctx.addIssue({ code: 'custom', message: "algorithm 'none' is never accepted" });
  else if (!(JWS_ALGORITHMS as readonly string[]).includes(alg))
    ctx.addIssue({ code: 'custom', message: `unknown JWS algorithm "${alg}"; use one of ${JWS_ALGORITHMS.join(', ')}` });
});

const hmacKey = z.strictObject({
  kind: z.literal('hmac'),
  secret: z.string().min(1, { message: 'secret must not be empty' }),
  encoding: z.enum(['base64', 'utf8'], { message: "encoding must be 'base64' or 'utf8' (say which; it is never guessed)" }),
  alg: z.enum(HMAC_ALGORITHMS, { message: `an hmac key's alg must be one of ${HMAC_ALGORITHMS.join(', ')}` }).optional(),
});

const pemKey = z
  .strictObject({
    kind: z.literal('pem'),
    pem: z.string().min(1).optional(),
    file: z.string().min(1).optional(),
    alg: z.enum(ASYMMETRIC_ALGORITHMS, {
      message: `a pem key's alg must be an asymmetric algorithm (${ASYMMETRIC_ALGORITHMS.join(', ')}); HMAC secrets use kind: hmac`,
    }),
  })
  .superRefine((k, ctx) => {
    if ((k.pem === undefined) === (k.file === undefined))
      ctx.addIssue({ code: 'custom', message: 'a pem key needs exactly one of pem or file' });
    if (k.pem?.includes('PRIVATE KEY'))
      ctx.addIssue({ code: 'custom', path: ['pem'], message: 'this is a private key; configure the public key or certificate' });
  });

/** Remote key material must come over TLS unless it never leaves the machine. */
const keyUrl = z.string().superRefine((s, ctx) => {
  let url: URL;
  try {
    url = new URL(s);
  } catch {
    ctx.addIssue({ code: 'custom', message: `"${s}" is not a URL` });
    return;
  }
  if (url.protocol === 'https:') return;
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return;
  ctx.addIssue({ code: 'custom', message: `"${s}" must use https (plain http is allowed only for loopback hosts)` });
});

export function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || hostname === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

/** `a.b.c`: each segment non-empty. */
const claimPath = z.string().regex(/^[^.]+(\.[^.]+)*$/, { message: 'a claim path is names joined by dots, e.g. "realm_access.roles"' });

const seconds = (what: string) => z.number({ message: `${what} must be a number of seconds` }).positive({ message: `${what} must be > 0` });

const jwtDomain = z
  .strictObject({
    type: z.literal('jwt'),
    name: z.string().min(1),
    keys: z.array(z.discriminatedUnion('kind', [hmacKey, pemKey], { message: "each key needs kind: 'hmac' or 'pem'" })).optional(),
    jwksUrl: keyUrl.optional(),
    oidcDiscoveryUrl: keyUrl.optional(),
    algorithms: z.array(algorithm).min(1, { message: 'pin at least one algorithm' }),
    requiredIssuer: z.string().min(1).optional(),
    requiredAudience: z.string().min(1).optional(),
    clockSkewSeconds: z.number().min(0).max(300, { message: 'clockSkewSeconds above 300 is not a skew' }).default(30),
    subjectKey: claimPath.default('sub'),
    rolesKey: claimPath.optional(),
    urlParameter: z.string().min(1).optional(),
    /** Tokens without `exp` never expire; refused unless this is turned off explicitly. */
    requireExpiration: z.boolean().default(true),
    jwksRefreshRateLimitSeconds: seconds('jwksRefreshRateLimitSeconds').default(10),
    jwksCacheMaxAgeSeconds: seconds('jwksCacheMaxAgeSeconds').default(600),
  })
  .superRefine((d, ctx) => {
    const issue = (message: string, path: (string | number)[] = []) => ctx.addIssue({ code: 'custom', path, message });
    const algs = d.algorithms;
    if (!d.keys?.length && !d.jwksUrl && !d.oidcDiscoveryUrl) issue('a jwt domain needs keys, jwksUrl or oidcDiscoveryUrl');
    if (d.jwksUrl && d.oidcDiscoveryUrl) issue('give jwksUrl or oidcDiscoveryUrl, not both');
    d.keys?.forEach((key, i) => {
      if (key.kind === 'hmac') {
        const secret = decodeHmacSecret(key.secret, key.encoding);
        if (!secret) return issue('secret is not valid base64', ['keys', i, 'secret']);
        const usable = (key.alg ? [key.alg] : algs.filter(isHmacAlgorithm)).filter((a) => algs.includes(a));
        if (usable.length === 0) return issue('no HMAC algorithm in algorithms applies to this key', ['keys', i]);
        for (const a of usable) {
          if (secret.length < minHmacKeyBytes(a))
            issue(`an ${a} secret needs at least ${minHmacKeyBytes(a) * 8} bits; this one has ${secret.length * 8}`, ['keys', i, 'secret']);
        }
      } else if (!algs.includes(key.alg)) {
        issue(`alg ${key.alg} is not listed in algorithms`, ['keys', i, 'alg']);
      }
    });
    if ((d.jwksUrl || d.oidcDiscoveryUrl) && !algs.some(isAsymmetricAlgorithm))
      issue('remote keys (JWKS) are asymmetric: list at least one RS/PS/ES/EdDSA algorithm');
    const hmacAlgs = algs.filter(isHmacAlgorithm);
    if (hmacAlgs.length && !d.keys?.some((k) => k.kind === 'hmac'))
      issue(`${hmacAlgs.join(', ')} listed but no hmac key is configured`);
  });

const basicDomain = z.strictObject({ type: z.literal('basic'), name: z.string().min(1) });

const headerName = z
  .string()
  .regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, { message: 'not a valid HTTP header name' })
  .transform((h) => h.toLowerCase());

const proxyDomain = z.strictObject({
  type: z.literal('proxy'),
  name: z.string().min(1),
  trustedProxies: z
    .array(
      z.string().superRefine((s, ctx) => {
        const problem = checkAddressOrCidr(s);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      }),
    )
    .min(1, { message: 'a proxy domain needs at least one trusted proxy address' }),
  userHeader: headerName.default('x-proxy-user'),
  rolesHeader: headerName.default('x-proxy-roles'),
  rolesSeparator: z.string().min(1).default(','),
  /** attribute name (becomes `proxy.<name>`) -> header carrying it. */
  attributeHeaders: z.record(z.string().regex(/^[A-Za-z0-9_.-]+$/), headerName).optional(),
});

const anonymousDomain = z.strictObject({
  type: z.literal('anonymous'),
  name: z.string().min(1),
  backendRole: z.string().min(1),
});

const domain = z.discriminatedUnion('type', [jwtDomain, basicDomain, proxyDomain, anonymousDomain], {
  message: "each domain needs type: 'jwt', 'basic', 'proxy' or 'anonymous'",
});

const throttle = z
  .strictObject({
    maxFailuresPerUser: z.number().int().min(1).default(10),
    maxFailuresPerAddress: z.number().int().min(1).default(100),
    windowSeconds: seconds('windowSeconds').default(60),
    /** Short on purpose: a long lock would let anyone lock a real user out by guessing badly. */
    lockSeconds: seconds('lockSeconds').max(900, { message: 'lockSeconds above 900 lets an attacker lock real users out for long' }).default(60),
    /** Bounds memory; the least recently touched counters go first. */
    maxTrackedKeys: z.number().int().min(100).default(10_000),
    /**
     * A throttled login's 429 is answered after this pause (at most `passwordChecks.maxPausedRefusals` held at
     * once). Answered at once, a guesser that retries at once makes refusals as fast as the event loop can
     * serve them, and signed-in callers queue behind the flood; paused, each guesser costs a timer. 0: at once.
     */
    refusalPauseMs: z.number().int().min(0).max(10_000).default(1000),
  })
  .default({ maxFailuresPerUser: 10, maxFailuresPerAddress: 100, windowSeconds: 60, lockSeconds: 60, maxTrackedKeys: 10_000, refusalPauseMs: 1000 });

/**
 * bcrypt runs on `workers` threads; at most `maxPending` uncached password checks run or wait at once, more
 * get 503 with Retry-After, after a pause of `busyPauseMs` (at most `maxPausedRefusals` paused at once) so
 * that clients retrying at once cannot turn the refusals into a request flood. Signed-in traffic (cached
 * credentials, tokens) never waits for any of this.
 */
const passwordChecks = z
  .strictObject({
    workers: z.number().int().min(1).max(64).optional(),
    maxPending: z.number().int().min(1).max(10_000).default(32),
    busyPauseMs: z.number().int().min(0).max(10_000).default(1000),
    maxPausedRefusals: z.number().int().min(0).max(100_000).default(1000),
  })
  .default({ maxPending: 32, busyPauseMs: 1000, maxPausedRefusals: 1000 });

/** What a password or hash set through the admin API or `hash-password` must meet (src/auth/password-policy.ts). */
const passwordPolicy = z
  .strictObject({
    minLength: z.number().int().min(1).max(72).default(8),
    minBcryptCost: z.number().int().min(4).max(31).default(10),
  })
  .default({ minLength: 8, minBcryptCost: 10 });

export const authConfigSchema = z
  .strictObject({
    domains: z.array(domain).min(1, { message: 'configure at least one authentication domain' }),
    throttle,
    passwordChecks,
    passwordPolicy,
    verifyCacheSeconds: z.number().min(0).max(3600).default(60),
    /**
     * How long a verified internal-user password is reused (bcrypt costs ~0.3 s of CPU). Long by default, as
     * OpenSearch's 60 minutes: the cache is keyed by the internal-user set's version, so a changed, disabled or
     * deleted user takes effect on the next request whatever this is. Tokens keep `verifyCacheSeconds`.
     */
    passwordCacheSeconds: z.number().min(0).max(86_400).default(3600),
    realm: z
      .string()
      .regex(/^[\x20-\x7e]+$/, { message: 'realm must be printable ASCII' })
      .refine((r) => !/["\\]/.test(r), { message: 'realm must not contain quotes or backslashes' })
      .default('Searchgate'),
  })
  .superRefine((cfg, ctx) => {
    const names = new Set<string>();
    cfg.domains.forEach((d, i) => {
      if (names.has(d.name)) ctx.addIssue({ code: 'custom', path: ['domains', i, 'name'], message: `domain name "${d.name}" is used twice` });
      names.add(d.name);
      if (d.type === 'anonymous' && i !== cfg.domains.length - 1)
        ctx.addIssue({ code: 'custom', path: ['domains', i], message: 'the anonymous domain must come last' });
    });
  });

export type AuthConfig = z.output<typeof authConfigSchema>;
export type AuthDomainConfig = AuthConfig['domains'][number];
export type JwtDomainConfig = Extract<AuthDomainConfig, { type: 'jwt' }>;
export type ProxyDomainConfig = Extract<AuthDomainConfig, { type: 'proxy' }>;
export type AnonymousDomainConfig = Extract<AuthDomainConfig, { type: 'anonymous' }>;
export type JwtKeyConfig = NonNullable<JwtDomainConfig['keys']>[number];

/** Validates the raw `auth` section; the error lists every problem with its path. */
export function parseAuthConfig(raw: unknown): AuthConfig {
  const result = authConfigSchema.safeParse(raw);
  if (!result.success) throw new Error(`invalid auth config:\n${z.prettifyError(result.error)}`);
  return result.data;
}
