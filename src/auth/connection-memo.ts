import { hash as oneShot, randomBytes } from 'node:crypto';
import type { Principal } from './principal.js';

/**
 * The last successful authentication of each keep-alive connection, reused for the next request that comes
 * on the same connection with the same credentials. A frontend (or the server rendering it) sends one user's
 * credentials request after request on a pooled connection; re-parsing them, looking them up in the verify
 * caches and rebuilding the principal every time was about a tenth of the gateway's CPU per search (issue 13,
 * measured with bench/ab.ts).
 *
 * It never accepts what the chain would refuse:
 * - The key is a keyed digest of everything the chain read (every Authorization value, the peer and the client
 *   address), compared whole; like the password cache's keys, it reveals nothing of the credentials even in a
 *   heap dump. A connection carrying several users' requests just misses and authenticates as usual.
 * - An entry holds for at most `ttlMs` (one second by default), and never beyond what it came from: the
 *   identity's own expiry (a token's `exp`, its verify-cache entry) and the internal-user set's version (a
 *   changed, disabled or deleted user takes effect on the next request, as in the password cache).
 * - Only outcomes the chain reached by a cache hit or a verification are stored; refusals never are, so every
 *   wrong guess still reaches the throttle.
 */
export class ConnectionMemo {
  private readonly entries = new WeakMap<object, Entry>();
  /** Per process: a digest says nothing outside it. */
  private readonly secret = randomBytes(32).toString('hex');

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number,
  ) {}

  /**
   * This request's place in the memo: what its connection remembers for exactly these credentials, peer,
   * client and user-set version, and how to remember the principal the chain accepts. Undefined when the
   * request cannot be remembered (no connection, no Authorization header).
   */
  slot(connection: object | undefined, authorization: string | readonly string[] | undefined, peer: string, client: string | undefined, version: string): MemoSlot | undefined {
    if (connection === undefined || authorization === undefined || authorization.length === 0) return undefined;
    const values = typeof authorization === 'string' ? authorization : authorization.join('\n');
    // Length-prefixed, and the addresses apart, so no two different requests give the same text.
    const key = oneShot('sha256', `${this.secret}${values.length}:${values}\u0000${peer}\u0000${client ?? ''}`, 'base64');
    return {
      recall: () => {
        const e = this.entries.get(connection);
        if (!e || e.key !== key || e.version !== version) return undefined;
        if (e.until <= this.now()) {
          this.entries.delete(connection);
          return undefined;
        }
        return e.principal;
      },
      remember: (principal, validUntil) => {
        const now = this.now();
        const until = Math.min(now + this.ttlMs, validUntil);
        if (until > now) this.entries.set(connection, { key, version, principal, until });
      },
    };
  }
}

/** One request's view of the memo (see `ConnectionMemo.slot`). */
export interface MemoSlot {
  recall(): Principal | undefined;
  /** `validUntil`: when the identity itself stops being valid (a token's expiry), Infinity when it does not say. */
  remember(principal: Principal, validUntil: number): void;
}

interface Entry {
  readonly key: string;
  readonly version: string;
  readonly principal: Principal;
  readonly until: number;
}
