import { createLocalJWKSet, errors, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose';
import { isLoopbackHost } from './config.js';

/**
 * Remote verification keys (JWKS, optionally found through OIDC discovery), fetched by us rather than
 * by jose's remote set so that every fetch is accounted for:
 * - keys older than `maxAgeMs` are not used; if they cannot be refreshed, verification fails (closed);
 * - an unknown `kid` triggers a refresh at most once per `refreshRateLimitMs`, and concurrent
 *   triggers share one fetch, so a flood of made-up kids cannot become a flood of fetches;
 * - after a failed fetch the next attempt also waits out the rate limit, so an outage at the identity
 *   provider is not amplified by our retries;
 * - only asymmetric public keys are taken: a symmetric (`oct`) key published in a JWKS would turn the
 *   key set into a secret anyone could read.
 */

export class KeysUnavailableError extends Error {}

export interface RemoteKeySetOptions {
  /** Exactly one of jwksUrl / discoveryUrl. */
  jwksUrl?: string;
  discoveryUrl?: string;
  refreshRateLimitMs: number;
  maxAgeMs: number;
  timeoutMs?: number;
  fetch?: typeof fetch;
  now?: () => number;
}

const MAX_DOCUMENT_BYTES = 512 * 1024;
const ASYMMETRIC_KTY = new Set(['RSA', 'EC', 'OKP']);

export class RemoteKeySet {
  private local: JWTVerifyGetKey | undefined;
  private fetchedAt = 0;
  private lastAttemptAt = Number.NEGATIVE_INFINITY;
  private lastAttemptFailed = false;
  private pending: Promise<void> | undefined;
  private jwksUri: string | undefined;
  private readonly fetchImpl: typeof fetch;
  private readonly now: () => number;

  constructor(private readonly options: RemoteKeySetOptions) {
    if (!options.jwksUrl === !options.discoveryUrl) throw new Error('RemoteKeySet needs exactly one of jwksUrl or discoveryUrl');
    this.jwksUri = options.jwksUrl;
    this.fetchImpl = options.fetch ?? fetch;
    this.now = options.now ?? Date.now;
  }

  /** For jose's jwtVerify: resolves the key for a token header. */
  readonly getKey: JWTVerifyGetKey = async (header, token) => {
    if (!this.local || this.now() - this.fetchedAt >= this.options.maxAgeMs) {
      // Stale keys are dropped before refreshing: if the refresh fails, nothing old is trusted.
      this.local = undefined;
      await this.refresh('stale');
    }
    try {
      return await this.current()(header, token);
    } catch (err) {
      if (!(err instanceof errors.JWKSNoMatchingKey) || !this.mayRefresh()) throw err;
      await this.refresh('unknown-kid');
      return this.current()(header, token);
    }
  };

  private current(): JWTVerifyGetKey {
    if (!this.local) throw new KeysUnavailableError('no verification keys available');
    return this.local;
  }

  private mayRefresh(): boolean {
    return this.now() - this.lastAttemptAt >= this.options.refreshRateLimitMs;
  }

  /**
   * Expiry-driven refreshes are already bounded by maxAge, so only failures make them wait; refreshes
   * driven by the caller's token (unknown kid) always wait out the rate limit.
   */
  private refresh(why: 'stale' | 'unknown-kid'): Promise<void> {
    if (this.pending) return this.pending;
    const allowed = why === 'stale' ? !this.lastAttemptFailed || this.mayRefresh() : this.mayRefresh();
    if (!allowed) {
      if (this.local) return Promise.resolve();
      return Promise.reject(new KeysUnavailableError('key fetch rate limited after a recent attempt'));
    }
    this.lastAttemptAt = this.now();
    this.pending = this.load()
      .then((jwks) => {
        this.local = createLocalJWKSet(jwks);
        this.fetchedAt = this.now();
        this.lastAttemptFailed = false;
      })
      .catch((err: unknown) => {
        this.lastAttemptFailed = true;
        throw new KeysUnavailableError(`cannot fetch verification keys: ${(err as Error).message}`);
      })
      .finally(() => {
        this.pending = undefined;
      });
    return this.pending;
  }

  /** True when the last fetch failed (for health reporting). */
  get degraded(): boolean {
    return this.lastAttemptFailed;
  }

  private async load(): Promise<JSONWebKeySet> {
    if (!this.jwksUri) {
      const discovery = await this.getJson(this.options.discoveryUrl!);
      const uri = (discovery as { jwks_uri?: unknown }).jwks_uri;
      if (typeof uri !== 'string') throw new Error('discovery document has no jwks_uri');
      checkKeyUrl(uri);
      this.jwksUri = uri;
    }
    const doc = await this.getJson(this.jwksUri);
    const keys = (doc as { keys?: unknown }).keys;
    if (!Array.isArray(keys)) throw new Error('JWKS document has no keys array');
    const usable = keys.filter(
      (k): k is JSONWebKeySet['keys'][number] =>
        typeof k === 'object' && k !== null && ASYMMETRIC_KTY.has((k as { kty?: unknown }).kty as string) &&
        ((k as { use?: unknown }).use === undefined || (k as { use?: unknown }).use === 'sig') &&
        (k as { d?: unknown }).d === undefined,
    );
    return { keys: usable };
  }

  private async getJson(url: string): Promise<unknown> {
    // Redirects are refused: a key URL that moves should be reconfigured, not followed to who-knows-where.
    const res = await this.fetchImpl(url, {
      headers: { accept: 'application/json' },
      redirect: 'error',
      signal: AbortSignal.timeout(this.options.timeoutMs ?? 5000),
    });
    if (!res.ok) throw new Error(`${url} answered ${res.status}`);
    const declared = Number(res.headers.get('content-length') ?? '0');
    if (declared > MAX_DOCUMENT_BYTES) throw new Error(`${url} is too large`);
    const body = await res.arrayBuffer();
    if (body.byteLength > MAX_DOCUMENT_BYTES) throw new Error(`${url} is too large`);
    const parsed: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body));
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error(`${url} is not a JSON object`);
    return parsed;
  }
}

/** The discovered jwks_uri gets the same TLS rule as configured URLs. */
function checkKeyUrl(s: string): void {
  const url = new URL(s);
  if (url.protocol === 'https:') return;
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return;
  throw new Error(`jwks_uri ${s} must use https`);
}
