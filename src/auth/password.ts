import { createHash, randomBytes } from 'node:crypto';
import * as nodeCrypto from 'node:crypto';
import { hash as bcryptHash } from 'bcryptjs';
import { LRUCache } from 'lru-cache';
import { BcryptPool } from './bcrypt-pool.js';
import type { InternalUser, InternalUserSource } from './internal-users.js';

/**
 * bcrypt password checks for internal users. Three properties matter more than speed:
 * - an unknown user costs the same as a wrong password (a bcrypt run against a dummy hash of the cost
 *   real users have), so response time does not reveal which user names exist;
 * - a cached success is tied to the exact password and the user-set version, so changing or deleting
 *   a user takes effect on the next request;
 * - the cache never holds passwords, only a keyed hash that is useless outside this process;
 * - bcrypt never runs on the event loop (worker threads, src/auth/bcrypt-pool.ts), and at most
 *   `maxPendingChecks` uncached checks wait at once: beyond that a check is refused as busy at once (the
 *   client gets 503 and Retry-After), so a flood of wrong logins can neither stall signed-in traffic nor
 *   build an ever longer queue.
 */

const BCRYPT_HASH = /^\$2[aby]\$(\d{2})\$[./A-Za-z0-9]{53}$/;
const BCRYPT_ALPHABET = './ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const MIN_COST = 4;
const MAX_COST = 31;
/** bcrypt reads at most 72 bytes; longer passwords would be silently cut, so they are refused when hashing. */
const MAX_PASSWORD_BYTES = 72;
const DEFAULT_COST = 12;

export type PasswordCompare = (password: string, hash: string) => Promise<boolean>;

/** The cost of a usable bcrypt hash, or undefined if the hash cannot be verified by us. */
export function bcryptCost(hash: string): number | undefined {
  const m = BCRYPT_HASH.exec(hash);
  if (!m) return undefined;
  const cost = Number(m[1]);
  return cost >= MIN_COST && cost <= MAX_COST ? cost : undefined;
}

/**
 * A `$2y$` hash, the form the security plugin's tools write. bcryptjs emits `$2b$`; `$2b$` and `$2y$`
 * name the same algorithm (both fixed the old `$2a$` wrap-around bug), so only the label changes.
 */
export async function hashPassword(password: string, cost = DEFAULT_COST): Promise<string> {
  if (!Number.isInteger(cost) || cost < MIN_COST || cost > MAX_COST) throw new Error(`bcrypt cost must be an integer in ${MIN_COST}..${MAX_COST}`);
  if (password.length === 0) throw new Error('the password must not be empty');
  if (Buffer.byteLength(password, 'utf8') > MAX_PASSWORD_BYTES)
    throw new Error(`the password is longer than ${MAX_PASSWORD_BYTES} bytes; bcrypt would ignore the rest`);
  const hash = await bcryptHash(password, cost);
  return `$2y$${hash.slice(4)}`;
}

/**
 * The highest cost among readable hashes, or undefined if none. The dummy check for an unknown user runs at
 * this cost: with mixed costs, a dummy at the cost of whichever user was looked up last would let response
 * times tell which names exist.
 */
export function highestBcryptCost(hashes: Iterable<string>): number | undefined {
  let max: number | undefined;
  for (const h of hashes) {
    const c = bcryptCost(h);
    if (c !== undefined && (max === undefined || c > max)) max = c;
  }
  return max;
}

/**
 * Dummy checks never run above this: one absurd hash (cost 20 is minutes) must not make every unknown-name
 * attempt that slow. Users above it are distinguishable by timing, but cannot practically log in either.
 */
const MAX_DUMMY_COST = 16;

/** A syntactically valid hash that no password is known to match; only its cost matters. */
function dummyHash(cost: number, tail: string): string {
  return `$2b$${String(cost).padStart(2, '0')}$${tail}`;
}

function randomBcryptTail(): string {
  return Array.from(randomBytes(53), (b) => BCRYPT_ALPHABET[b % 64]).join('');
}

export interface PasswordVerifierOptions {
  /** How long a successful check is reused; 0 disables reuse. */
  cacheSeconds: number;
  maxEntries?: number;
  /** Uncached checks running or waiting at once; more are refused as busy. */
  maxPendingChecks?: number;
  /** bcrypt worker threads (default: cores - 1, 1..4). */
  workers?: number;
  /** Injected in tests to observe which hashes are compared (structural timing checks). */
  compare?: PasswordCompare;
}

export const DEFAULT_MAX_PENDING_CHECKS = 32;

/**
 * What one password check found. `disabled`: the password is right but the user has `enabled: false`;
 * `busy`: not checked at all, too many checks pending.
 */
export type PasswordCheck =
  | { kind: 'match'; user: InternalUser }
  | { kind: 'mismatch' }
  | { kind: 'disabled' }
  | { kind: 'busy'; retryAfterSeconds: number };

const MISMATCH: PasswordCheck = { kind: 'mismatch' };
/** Weight of the newest compare in the running duration estimate behind Retry-After. */
const EMA_WEIGHT = 0.2;

export class PasswordVerifier {
  private readonly compare: PasswordCompare;
  private readonly pool: BcryptPool | undefined;
  private readonly maxPending: number;
  private pending = 0;
  /** Running estimate of one compare's duration, for Retry-After when busy. */
  private avgCompareMs = 250;
  private readonly cache: LRUCache<string, InternalUser> | undefined;
  private readonly inFlight = new Map<string, Promise<PasswordCheck>>();
  /** Per-process key: cache keys reveal nothing about passwords even in a heap dump. */
  private readonly cacheKeySecret = randomBytes(32).toString('hex');
  private readonly dummyTail = randomBcryptTail();
  /** Highest cost seen, for user sources that cannot say their highest cost up front. */
  private highestSeenCost: number | undefined;

  constructor(options: PasswordVerifierOptions) {
    this.maxPending = options.maxPendingChecks ?? DEFAULT_MAX_PENDING_CHECKS;
    if (options.compare) this.compare = options.compare;
    else {
      const pool = new BcryptPool(options.workers);
      this.pool = pool;
      this.compare = (pw, hash) => pool.compare(pw, hash);
    }
    this.cache =
      options.cacheSeconds > 0 ? new LRUCache({ max: options.maxEntries ?? 1000, ttl: options.cacheSeconds * 1000 }) : undefined;
  }

  /** A recent successful check of exactly these credentials against the current user set, if any. */
  cached(name: string, password: string, users: InternalUserSource): InternalUser | undefined {
    const hit = this.cache?.get(this.cacheKey(name, password, users.version));
    return hit?.enabled === false ? undefined : hit;
  }

  /** The check of exactly these credentials that is running now, if any. */
  inFlightFor(name: string, password: string, users: InternalUserSource): Promise<PasswordCheck> | undefined {
    return this.inFlight.get(this.cacheKey(name, password, users.version));
  }

  /** Uncached checks running or waiting now (at most `maxPendingChecks`). */
  get pendingChecks(): number {
    return this.pending;
  }

  /** Whether the password matches. Runs one bcrypt compare on a cache miss, unless too many are pending. */
  verify(name: string, password: string, users: InternalUserSource): Promise<PasswordCheck> {
    const version = users.version;
    const key = this.cacheKey(name, password, version);
    const hit = this.cache?.get(key);
    if (hit && hit.enabled !== false) return Promise.resolve({ kind: 'match', user: hit });
    // Identical concurrent attempts share one bcrypt run instead of multiplying the CPU cost.
    let pending = this.inFlight.get(key);
    if (!pending) {
      if (this.pending >= this.maxPending) return Promise.resolve({ kind: 'busy', retryAfterSeconds: this.retryAfterSeconds() });
      this.pending++;
      const started = performance.now();
      pending = this.check(name, password, users, key).finally(() => {
        this.pending--;
        this.inFlight.delete(key);
        // Time in the queue included: what a refused client would wait is queue plus compare.
        this.avgCompareMs += (performance.now() - started - this.avgCompareMs) * EMA_WEIGHT;
      });
      this.inFlight.set(key, pending);
    }
    return pending;
  }

  async close(): Promise<void> {
    await this.pool?.close();
  }

  /** A guess at when a full queue has room again, 1..30 s. */
  private retryAfterSeconds(): number {
    return Math.min(30, Math.max(1, Math.ceil(this.avgCompareMs / 1000)));
  }

  private async check(name: string, password: string, users: InternalUserSource, key: string): Promise<PasswordCheck> {
    const user = users.get(name);
    const cost = user ? bcryptCost(user.hash) : undefined;
    if (cost !== undefined && (this.highestSeenCost === undefined || cost > this.highestSeenCost)) this.highestSeenCost = cost;
    const dummyCost = Math.min(MAX_DUMMY_COST, users.highestCost ?? this.highestSeenCost ?? DEFAULT_COST);
    // One code path for known and unknown users: the only difference is which hash is compared.
    const hash = user && cost !== undefined ? user.hash : dummyHash(dummyCost, this.dummyTail);
    let matches = false;
    try {
      matches = await this.compare(password, hash);
    } catch {
      matches = false;
    }
    if (!user || cost === undefined || !matches) return MISMATCH;
    // Checked after the compare, so a disabled user costs and looks exactly like any other refusal; never cached.
    if (user.enabled === false) return { kind: 'disabled' };
    this.cache?.set(key, user);
    return { kind: 'match', user };
  }

  private cacheKey(name: string, password: string, version: string): string {
    // SHA-256 over a per-process secret prefix and the length-prefixed fields: as unguessable and
    // collision-free as an HMAC for a lookup key (nothing outside ever verifies it), in one native call
    // (≈1 µs against ≈5 µs for createHmac, on every request).
    return sha256Base64(`${this.cacheKeySecret}\u0000${version.length}:${version}${name.length}:${name}${password}`);
  }
}

/** One-shot `crypto.hash` where Node has it (20.12+, 21.7+), else a Hash object. */
const oneShot = (nodeCrypto as { hash?: (algorithm: string, data: string, encoding: 'base64') => string }).hash;
function sha256Base64(data: string): string {
  return oneShot ? oneShot('sha256', data, 'base64') : createHash('sha256').update(data, 'utf8').digest('base64');
}
