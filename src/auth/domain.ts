import type { Principal } from './principal.js';

/** The part of an HTTP request authentication reads. */
export interface AuthRequest {
  headers: Record<string, string | string[] | undefined>;
  /** The connection's own peer: what the proxy domain judges (a client can write any X-Forwarded-For). */
  remoteAddress: string;
  /**
   * The client behind the gateway's trusted proxies (src/http/client-address.ts); failed logins are counted
   * under it and it becomes the principal's address. The peer when absent.
   */
  clientAddress?: string;
  url: URL;
  /**
   * The transport connection the request came on (its socket): a successful authentication is reused for the
   * same credentials on the same connection for a moment (./connection-memo.ts). None: never reused.
   */
  connection?: object;
}

/** A principal minus the per-request part, so it can be cached across requests. */
export type Identity = Omit<Principal, 'remoteAddress'>;

/**
 * The result of checking presented credentials.
 * `invalid`: the caller is wrong (counts towards throttling); `unavailable`: we could not check (e.g. the
 * identity provider is down) and refuse, but it is not the caller's fault; `busy`: not checked, because too
 * many checks are already waiting (the caller may retry after `retryAfterSeconds`).
 */
export type Verdict =
  | { kind: 'ok'; identity: Identity }
  | { kind: 'invalid'; reason: string }
  | { kind: 'unavailable'; reason: string }
  | { kind: 'busy'; reason: string; retryAfterSeconds: number };

/** Credentials one domain found in a request. Extraction is cheap and synchronous; checking may not be. */
export interface Presented {
  /**
   * Set when what was presented cannot be a credential at all (unparseable, empty, a placeholder, repeated
   * headers, proxy headers from an address that is not a proxy). Such a request is refused but never counted
   * towards a lock: it guesses no secret, and counting it let a page with a placeholder header lock users out.
   */
  readonly malformed?: boolean;
  /** The user name the credentials claim, when it is known before checking (basic, proxy). */
  readonly user?: string;
  /** A cheap answer when these exact credentials were verified recently, or need no secret (trusted proxy). */
  peek(): Identity | undefined;
  /** When what `peek` or `verify` answered stops being valid (epoch ms), if sooner than any cache: a token's expiry. */
  validUntil?(): number | undefined;
  /**
   * The outcome of an identical check already running for a parallel request (a browser firing several
   * requests with the same credentials), if any. That attempt holds the throttle slot; joining it costs
   * neither bcrypt time nor a slot, and identical guesses give an attacker nothing new.
   */
  joinInFlight?(): Promise<Verdict> | undefined;
  verify(): Promise<Verdict>;
}

/**
 * One authentication domain. `extract` returns undefined when the request carries nothing this domain
 * understands: only then may the chain move on as if nothing had been presented.
 */
export interface AuthDomain {
  readonly name: string;
  /** The WWW-Authenticate challenge this domain contributes, if any. */
  readonly challenge?: string;
  extract(req: AuthRequest): Presented | undefined;
  close?(): void;
}

/** A single header value; repeated headers are ambiguous and therefore refused by callers. */
export function singleHeader(req: AuthRequest, name: string): { value?: string; repeated: boolean } {
  const raw = req.headers[name];
  if (Array.isArray(raw)) return raw.length === 1 ? { value: raw[0], repeated: false } : { repeated: raw.length > 1 };
  return { value: raw, repeated: false };
}

/** Credentials that are present but unusable as such (see `Presented.malformed`). */
export function invalid(reason: string): Presented {
  return { malformed: true, peek: () => undefined, verify: async () => ({ kind: 'invalid', reason }) };
}
