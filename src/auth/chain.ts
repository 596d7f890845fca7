import { throttleAddressKey } from './address.js';
import { readAuthorization } from './authorization-header.js';
import { basicDomain } from './basic.js';
import { ConnectionMemo } from './connection-memo.js';
import type { AnonymousDomainConfig, AuthConfig } from './config.js';
import type { AuthDomain, AuthRequest, Identity, Presented } from './domain.js';
import type { InternalUserSource } from './internal-users.js';
import { jwtDomain } from './jwt.js';
import { PasswordVerifier, type PasswordCompare } from './password.js';
import type { Principal } from './principal.js';
import { proxyDomain } from './proxy.js';
import { LoginThrottle, type ThrottleKey } from './throttle.js';

/**
 * The authentication chain: domains in configured order, with the security plugin's semantics made
 * strict enough to never fail open:
 * - a domain that finds nothing of its kind in the request is skipped;
 * - credentials that are present but wrong are never "no credentials": the request cannot fall through
 *   to anonymous (another domain of the same kind, e.g. a second JWT issuer, may still accept them);
 * - an Authorization header no domain understands is refused, not ignored;
 * - anonymous applies only when nothing at all was presented.
 * The `reason` in a refusal is for logs; what goes back to the client is only the generic challenge.
 */

export type AuthOutcome =
  | { kind: 'ok'; principal: Principal }
  | { kind: 'unauthorized'; challenge: string; reason: string; user?: string }
  | { kind: 'throttled'; retryAfterSeconds: number; reason: string }
  /** Not checked: too many password checks are waiting. Not the caller's fault, and not a failed login. */
  | { kind: 'busy'; retryAfterSeconds: number; reason: string };

export interface Authenticator {
  authenticate(req: AuthRequest): Promise<AuthOutcome>;
  close(): Promise<void>;
}

/** Seams for tests; production passes none. */
export interface AuthenticatorOptions {
  now?: () => number;
  fetch?: typeof fetch;
  readFile?: (path: string) => string;
  passwordCompare?: PasswordCompare;
}

/** How long one connection's authentication is reused at most (src/auth/connection-memo.ts). */
export const CONNECTION_MEMO_MS = 1000;

/** The user name the plugin gives anonymous requests, kept so existing role mappings still match. */
export const ANONYMOUS_USER = 'opendistro_security_anonymous';

export function createAuthenticator(config: AuthConfig, internalUsers: InternalUserSource, options: AuthenticatorOptions = {}): Authenticator {
  const passwords = new PasswordVerifier({
    cacheSeconds: config.passwordCacheSeconds,
    maxPendingChecks: config.passwordChecks.maxPending,
    workers: config.passwordChecks.workers,
    compare: options.passwordCompare,
  });
  const throttle = new LoginThrottle(config.throttle, options.now);
  let anonymous: AnonymousDomainConfig | undefined;
  const domains: AuthDomain[] = [];
  for (const d of config.domains) {
    if (d.type === 'anonymous') anonymous = d;
    else if (d.type === 'basic') domains.push(basicDomain(d.name, config.realm, internalUsers, passwords));
    else if (d.type === 'proxy') domains.push(proxyDomain(d));
    else
      domains.push(
        jwtDomain(d, { realm: config.realm, verifyCacheSeconds: config.verifyCacheSeconds, fetch: options.fetch, now: options.now, readFile: options.readFile }),
      );
  }
  // Reuse per connection only where the Authorization header is everything the chain reads (no proxy headers,
  // no token in the URL) and every domain caches its verifications (a cache set to 0 asks for a check each time).
  const memoTtlMs = Math.min(
    CONNECTION_MEMO_MS,
    ...config.domains.map((d) => (d.type === 'basic' ? config.passwordCacheSeconds : d.type === 'jwt' ? config.verifyCacheSeconds : Infinity) * 1000),
  );
  const memo = memoTtlMs > 0 && config.domains.every((d) => d.type === 'basic' || d.type === 'anonymous' || (d.type === 'jwt' && !d.urlParameter))
    ? new ConnectionMemo(memoTtlMs, options.now ?? Date.now)
    : undefined;
  const challenges = [...new Set(domains.map((d) => d.challenge).filter((c): c is string => c !== undefined))];
  // Proxy-only deployments have no standard scheme to offer; a 401 still needs a challenge.
  const challenge = challenges.length ? challenges.join(', ') : `Proxy realm="${config.realm}"`;
  const refuse = (reason: string, user?: string): AuthOutcome => ({ kind: 'unauthorized', challenge, reason, ...(user !== undefined ? { user } : {}) });
  const principal = (identity: Identity, req: AuthRequest): AuthOutcome => ({
    kind: 'ok',
    principal: { ...identity, remoteAddress: req.clientAddress ?? req.remoteAddress },
  });

  async function authenticate(req: AuthRequest): Promise<AuthOutcome> {
    const slot = memo?.slot(req.connection, req.headers.authorization, req.remoteAddress, req.clientAddress, internalUsers.version);
    const remembered = slot?.recall();
    if (remembered) return { kind: 'ok', principal: remembered };
    const accepted = (identity: Identity, creds: Presented): AuthOutcome => {
      const out = principal(identity, req);
      // Credentials that can expire but no longer say until when (a token accepted within the clock skew, past its
      // exp) are not remembered.
      const until = creds.validUntil ? creds.validUntil() : Infinity;
      if (slot && out.kind === 'ok' && until !== undefined) slot.remember(out.principal, until);
      return out;
    };
    const presented: { domain: AuthDomain; creds: Presented }[] = [];
    for (const domain of domains) {
      const creds = domain.extract(req);
      if (creds) presented.push({ domain, creds });
    }
    if (presented.length === 0) {
      if (readAuthorization(req).kind !== 'absent') return refuse('Authorization header with a scheme no domain accepts');
      if (anonymous)
        return principal(
          { name: ANONYMOUS_USER, backendRoles: [anonymous.backendRole], directRoles: [], attributes: {}, authType: 'anonymous' },
          req,
        );
      return refuse('no credentials');
    }

    // Recently verified credentials (or a trusted proxy's assertion) need neither crypto nor throttling.
    for (const { creds } of presented) {
      const identity = creds.peek();
      if (identity) return accepted(identity, creds);
    }

    // The same credentials already being checked for a parallel request: share that outcome and its slot.
    if (presented.length === 1) {
      const only = presented[0]!;
      const joined = only.creds.joinInFlight?.();
      if (joined) {
        const verdict = await joined;
        if (verdict.kind === 'ok') return accepted(verdict.identity, only.creds);
        if (verdict.kind === 'busy') return { kind: 'busy', retryAfterSeconds: verdict.retryAfterSeconds, reason: verdict.reason };
        return refuse(`${only.domain.name}: ${verdict.reason}`, only.creds.user);
      }
    }

    // Nothing that could be a credential: refused, but neither throttled nor counted (it guesses no secret).
    if (presented.every((p) => p.creds.malformed)) {
      const reasons: string[] = [];
      for (const { domain, creds } of presented) {
        const verdict = await creds.verify();
        reasons.push(`${domain.name}: ${verdict.kind === 'ok' ? 'unexpected' : verdict.reason}`);
      }
      return refuse(reasons.join('; '));
    }

    const users = [...new Set(presented.map((p) => p.creds.user).filter((u): u is string => u !== undefined))];
    const user = users.length === 1 ? users[0] : undefined;
    // The real client (behind trusted proxies), not the proxy: counting the proxy would let one client lock out everyone behind it.
    const keys: ThrottleKey[] = [
      { kind: 'address', key: throttleAddressKey(req.clientAddress ?? req.remoteAddress) },
      ...users.map((name) => ({ kind: 'user' as const, name })),
    ];
    const admission = throttle.admit(keys);
    if (!admission.admitted) return { kind: 'throttled', retryAfterSeconds: admission.retryAfterSeconds, reason: admission.reason };

    const reasons: string[] = [];
    let failed = false;
    let busy: number | undefined;
    try {
      for (const { domain, creds } of presented) {
        const verdict = await creds.verify();
        if (verdict.kind === 'ok') {
          admission.settle('success');
          return accepted(verdict.identity, creds);
        }
        if (verdict.kind === 'invalid') failed = true;
        if (verdict.kind === 'busy') busy = Math.max(busy ?? 0, verdict.retryAfterSeconds);
        reasons.push(`${domain.name}: ${verdict.reason}`);
      }
    } catch (err) {
      // A bug in a domain must refuse, not let the request through or leave the attempt pending.
      failed = true;
      reasons.push(`internal error: ${(err as Error)?.message ?? String(err)}`);
    }
    admission.settle(failed ? 'failure' : 'neutral');
    if (!failed && busy !== undefined) return { kind: 'busy', retryAfterSeconds: busy, reason: reasons.join('; ') };
    return refuse(reasons.join('; '), user);
  }

  return {
    authenticate,
    close: async () => {
      for (const d of domains) d.close?.();
      await passwords.close();
    },
  };
}
