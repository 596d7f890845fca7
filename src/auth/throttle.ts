import { LRUCache } from 'lru-cache';

/**
 * Failed-login throttling per user name and per client address, in fixed windows.
 *
 * - Attempts still being checked count against the limit, so a burst of parallel guesses cannot slip
 *   past it before the first failure is recorded. Hitting the limit that way only delays (Retry-After 1);
 *   a lock starts only when *completed* failures reach the limit.
 * - A lock lasts `lockSeconds` and no longer: anyone can trigger a lock on someone else's name.
 * - A success clears that user's failures but never the address's: an attacker holding one valid
 *   account cannot interleave good logins to keep guessing at others from the same address.
 * - Memory is bounded by an LRU over keys; under a flood of distinct names the oldest counters go first.
 */

export interface ThrottleLimits {
  maxFailuresPerUser: number;
  maxFailuresPerAddress: number;
  windowSeconds: number;
  lockSeconds: number;
  maxTrackedKeys: number;
}

export type ThrottleKey = { kind: 'user'; name: string } | { kind: 'address'; key: string };

interface Counter {
  windowStart: number;
  failures: number;
  pending: number;
  lockedUntil: number;
}

export type Admission =
  | { admitted: true; settle(outcome: 'success' | 'failure' | 'neutral'): void }
  | { admitted: false; retryAfterSeconds: number; reason: string };

export class LoginThrottle {
  private readonly counters: LRUCache<string, Counter>;

  constructor(
    private readonly limits: ThrottleLimits,
    private readonly now: () => number = Date.now,
  ) {
    this.counters = new LRUCache({ max: limits.maxTrackedKeys });
  }

  /** Reserves one attempt under every key, or says how long to wait. */
  admit(keys: readonly ThrottleKey[]): Admission {
    const now = this.now();
    const entries = keys.map((k) => ({ k, id: keyId(k), max: this.max(k) }));
    for (const { k, id, max } of entries) {
      const c = this.counters.get(id);
      if (!c) continue;
      this.roll(c, now);
      if (c.lockedUntil > now) return refuse(Math.ceil((c.lockedUntil - now) / 1000), `${k.kind} locked after repeated failures`);
      if (c.failures + c.pending >= max) return refuse(1, `${k.kind} has too many attempts in progress`);
    }
    const held = entries.map(({ k, id }) => {
      const c = this.counter(id, now);
      c.pending++;
      return { k, id, c };
    });
    let settled = false;
    return {
      admitted: true,
      settle: (outcome) => {
        if (settled) return;
        settled = true;
        const at = this.now();
        for (const { k, id, c: held0 } of held) {
          // The entry may have been evicted meanwhile; then there is nothing left to release or count.
          const c = this.counters.get(id);
          if (c !== held0) continue;
          c.pending = Math.max(0, c.pending - 1);
          this.roll(c, at);
          if (outcome === 'failure') {
            c.failures++;
            if (c.failures >= this.max(k)) {
              c.lockedUntil = at + this.limits.lockSeconds * 1000;
              c.failures = 0;
              c.windowStart = at;
            }
          } else if (outcome === 'success' && k.kind === 'user') {
            c.failures = 0;
          }
        }
      },
    };
  }

  /** How many counters are held (bounded by maxTrackedKeys). */
  get trackedKeys(): number {
    return this.counters.size;
  }

  private max(k: ThrottleKey): number {
    return k.kind === 'user' ? this.limits.maxFailuresPerUser : this.limits.maxFailuresPerAddress;
  }

  private counter(id: string, now: number): Counter {
    let c = this.counters.get(id);
    if (!c) {
      c = { windowStart: now, failures: 0, pending: 0, lockedUntil: 0 };
      this.counters.set(id, c);
    }
    return c;
  }

  private roll(c: Counter, now: number): void {
    if (now - c.windowStart >= this.limits.windowSeconds * 1000) {
      c.windowStart = now;
      c.failures = 0;
    }
  }
}

function keyId(k: ThrottleKey): string {
  return k.kind === 'user' ? `u:${k.name}` : `a:${k.key}`;
}

function refuse(retryAfterSeconds: number, reason: string): Admission {
  return { admitted: false, retryAfterSeconds: Math.max(1, retryAfterSeconds), reason };
}
