/**
 * One byte budget for the gateway's per-permission-set and per-query caches (issue 13): permission views,
 * schema shapes, permission schemas, prepared/compiled queries, validated documents. Limits that count entries do not
 * bound memory: a compiled query holds ≈44 KiB, a permission set's schema ≈110 KiB, so "256 sets × 200
 * queries" could reach gigabytes. Here every entry is charged an estimate of its retained bytes, and when the
 * sum passes the budget the least recently used entries are evicted, whichever cache holds them.
 *
 * The estimates are estimates (V8 gives no cheap retained size): each cache states how it estimates, tuned on
 * heap measurements (`npm run bench` prints them). Correctness never depends on a cache: an evicted entry is
 * computed again.
 *
 * Configured once at start from `memory.cacheBudgetMiB` (default 256); `cacheBudget.bytesUsed` is exported as a
 * metric.
 */

export const DEFAULT_CACHE_BUDGET_BYTES = 256 * 1024 * 1024;

interface Charge {
  readonly owner: BudgetedCache<unknown, unknown>;
  readonly key: unknown;
  readonly bytes: number;
  /** The `clock` when it last moved to the newest end. */
  stamp?: number;
}

export class CacheBudget {
  /** Every charged entry in least-recently-used-first order (a Map keeps insertion order; a touch re-inserts). */
  private readonly charges = new Map<object, Charge>();
  private used = 0;
  /** Counts moves to the newest end (charges and touches that re-insert). */
  private clock = 0;

  constructor(private limit: number = DEFAULT_CACHE_BUDGET_BYTES) {}

  get limitBytes(): number {
    return this.limit;
  }

  get bytesUsed(): number {
    return this.used;
  }

  get entries(): number {
    return this.charges.size;
  }

  /** A new limit (at start, from the configuration); evicts down to it at once. */
  setLimit(bytes: number): void {
    this.limit = bytes;
    this.evictDownTo(bytes);
  }

  /** A cache of its own under this budget; `sizeOf` estimates an entry's retained bytes. */
  cache<K, V>(name: string, sizeOf: (value: V, key: K) => number, onEvict?: (value: V, key: K) => void): BudgetedCache<K, V> {
    return new BudgetedCache<K, V>(this, name, sizeOf, onEvict);
  }

  /** @internal */
  charge(token: object, charge: Charge): boolean {
    if (charge.bytes > this.limit) return false;
    charge.stamp = ++this.clock;
    this.charges.set(token, charge);
    this.used += charge.bytes;
    this.evictDownTo(this.limit, token);
    return true;
  }

  /** @internal */
  touch(token: object): void {
    const c = this.charges.get(token);
    if (c === undefined) return;
    // An entry in the newer half of the order stays where it is: eviction takes the oldest first, so it is
    // not next either way, and the hot entries of every request are not re-inserted on every read.
    if (this.clock - (c.stamp ?? 0) < this.charges.size / 2) return;
    c.stamp = ++this.clock;
    this.charges.delete(token);
    this.charges.set(token, c);
  }

  /** @internal */
  release(token: object): void {
    const c = this.charges.get(token);
    if (c === undefined) return;
    this.charges.delete(token);
    this.used -= c.bytes;
  }

  private evictDownTo(limit: number, keep?: object): void {
    if (this.used <= limit) return;
    for (const [token, c] of this.charges) {
      if (this.used <= limit) break;
      if (token === keep) continue;
      this.charges.delete(token);
      this.used -= c.bytes;
      c.owner.evicted(c.key, token);
    }
  }
}

export class BudgetedCache<K, V> {
  private readonly entries = new Map<K, { value: V; token: object; bytes: number }>();

  constructor(
    private readonly budget: CacheBudget,
    readonly name: string,
    private readonly sizeOf: (value: V, key: K) => number,
    private readonly onEvict?: (value: V, key: K) => void,
  ) {}

  get(key: K): V | undefined {
    const e = this.entries.get(key);
    if (e === undefined) return undefined;
    this.budget.touch(e.token);
    return e.value;
  }

  has(key: K): boolean {
    return this.entries.has(key);
  }

  /**
   * Stores `value` (replacing any entry under `key`), charged `sizeOf(value, key)` bytes or `bytes` when given.
   * Returns false when the entry alone is larger than the whole budget: it is then not kept.
   */
  set(key: K, value: V, bytes?: number): boolean {
    this.delete(key);
    const token = {};
    const size = Math.max(1, Math.ceil(bytes ?? this.sizeOf(value, key)));
    const entry = { value, token, bytes: size };
    this.entries.set(key, entry);
    if (!this.budget.charge(token, { owner: this as BudgetedCache<unknown, unknown>, key, bytes: size })) {
      this.entries.delete(key);
      return false;
    }
    return this.entries.get(key) === entry;
  }

  /** Charges the entry again (its value grew, e.g. a prepared query that has now been compiled). */
  recharge(key: K): void {
    const e = this.entries.get(key);
    if (e !== undefined) this.set(key, e.value);
  }

  delete(key: K): boolean {
    const e = this.entries.get(key);
    if (e === undefined) return false;
    this.entries.delete(key);
    this.budget.release(e.token);
    return true;
  }

  /** Drops every entry (without `onEvict`: the owner is discarding them itself). */
  clear(): void {
    for (const e of this.entries.values()) this.budget.release(e.token);
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }

  get bytes(): number {
    let sum = 0;
    for (const e of this.entries.values()) sum += e.bytes;
    return sum;
  }

  values(): IterableIterator<V> {
    return [...this.entries.values()].map((e) => e.value)[Symbol.iterator]();
  }

  /** @internal Called by the budget when it evicts this cache's entry. */
  evicted(key: unknown, token: object): void {
    const e = this.entries.get(key as K);
    if (e === undefined || e.token !== token) return;
    this.entries.delete(key as K);
    this.onEvict?.(e.value, key as K);
  }
}

/** The process's one budget: every gateway cache that grows with permission sets or distinct queries. */
export const cacheBudget = new CacheBudget();

/** Rough retained size of a string held in V8's heap (one- or two-byte representation, plus a header). */
export function stringBytes(s: string): number {
  return 16 + s.length * 2;
}
