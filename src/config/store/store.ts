import { parseSecurityConfig } from '../security/parse.js';
import type { SecurityConfig } from '../../authz/model.js';
import { SecurityConfigError } from '../security/errors.js';
import { filesOf, inputOf, nextEntryVersions, type EntryVersions, type StoredConfig } from './record.js';
import { StoreReadError, type VersionLog } from './version-log.js';

/**
 * The security configuration in force on this instance, backed by a VersionLog shared with every other
 * instance. Readers see one immutable snapshot at a time; a write is in force here before `update` returns;
 * other instances pick it up by polling. When the log cannot be read, the last good snapshot stays in force
 * (never an empty or open one) and `health()` says so.
 */
export interface ConfigSnapshot {
  /** Store version: 1 for the first import, +1 per change. */
  readonly version: number;
  readonly config: SecurityConfig;
  readonly entryVersions: EntryVersions;
  readonly author: string;
  readonly timestamp: string;
}

export interface StoreHealth {
  readonly store: string;
  readonly durable: boolean;
  readonly version: number;
  /** False while the last read of the log failed: the snapshot in force may be behind. */
  readonly readable: boolean;
  readonly error?: string;
  readonly lastReadAt?: string;
}

/** What an edit wants written: the next config, or nothing when it would not change anything. */
export interface Edit<R> {
  readonly next: SecurityConfig | undefined;
  readonly summary: string;
  readonly result: R;
}

export interface UpdateOutcome<R> {
  readonly result: R;
  readonly before: ConfigSnapshot;
  /** The snapshot in force afterwards (== before for a dry run or a no-op). */
  readonly after: ConfigSnapshot;
  readonly written: boolean;
}

/** Too many other writers won the race for the next version; the caller may try again. */
export class StoreConflictError extends Error {
  constructor(message = 'the configuration changed concurrently too often; try again') {
    super(message);
    this.name = 'StoreConflictError';
  }
}

export interface StoreOptions {
  /** Used when the log is empty: becomes version 1. */
  readonly initial: () => Promise<SecurityConfig>;
  readonly pollIntervalMs: number;
  readonly now?: () => Date;
  readonly onError?: (err: unknown) => void;
  /** Attempts at winning the next version before giving up with StoreConflictError. */
  readonly maxAttempts?: number;
}

export class ConfigStore {
  private snapshot: ConfigSnapshot;
  private readonly listeners = new Set<(s: ConfigSnapshot) => void>();
  private readError: string | undefined;
  private lastReadAt: Date | undefined;
  private timer: NodeJS.Timeout | undefined;
  private polling: Promise<void> | undefined;
  /** Writes on this instance queue here: they would only race each other for the same version. */
  private writes: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly log: VersionLog,
    private readonly options: StoreOptions,
    first: ConfigSnapshot,
  ) {
    this.snapshot = first;
    this.lastReadAt = this.now();
  }

  /** Opens the log, imports `initial` as version 1 when it is empty, and starts polling. */
  static async open(log: VersionLog, options: StoreOptions): Promise<ConfigStore> {
    await log.prepare();
    let latest = await log.latest();
    if (latest === 0) {
      const config = await options.initial();
      const record: StoredConfig = {
        version: 1,
        timestamp: (options.now?.() ?? new Date()).toISOString(),
        author: 'import',
        summary: 'initial import',
        files: filesOf(config.documents),
        entryVersions: nextEntryVersions(undefined, undefined, config, 1),
      };
      await log.append(record); // 'conflict' means another instance imported first: use theirs.
      latest = await log.latest();
    }
    const record = await log.read(latest);
    if (!record) throw new StoreReadError(`configuration version ${latest} disappeared from ${log.description}`);
    const store = new ConfigStore(log, options, snapshotOf(record));
    if (options.pollIntervalMs > 0) {
      store.timer = setInterval(() => void store.refresh().catch(() => undefined), options.pollIntervalMs);
      store.timer.unref();
    }
    return store;
  }

  get current(): ConfigSnapshot {
    return this.snapshot;
  }

  get description(): string {
    return this.log.description;
  }

  onChange(listener: (s: ConfigSnapshot) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  health(): StoreHealth {
    return {
      store: this.log.description,
      durable: this.log.durable,
      version: this.snapshot.version,
      readable: this.readError === undefined,
      ...(this.readError !== undefined ? { error: this.readError } : {}),
      ...(this.lastReadAt ? { lastReadAt: this.lastReadAt.toISOString() } : {}),
    };
  }

  /**
   * Catches up with the log (versions written by other instances). Concurrent calls share one read. Throws
   * when the log cannot be read; the snapshot in force is then kept.
   */
  refresh(): Promise<void> {
    this.polling ??= this.catchUp().finally(() => (this.polling = undefined));
    return this.polling;
  }

  private async catchUp(): Promise<void> {
    try {
      let newest: StoredConfig | undefined;
      for (let v = this.snapshot.version + 1; ; v++) {
        const record = await this.log.read(v);
        if (!record) break;
        newest = record;
      }
      if (newest) this.apply(snapshotOf(newest));
      this.readError = undefined;
      this.lastReadAt = this.now();
    } catch (err) {
      if (this.readError === undefined) this.options.onError?.(err);
      // /healthz is unauthenticated: our own messages only, never the client's (addresses, backend text).
      this.readError = err instanceof StoreReadError ? err.message.slice(0, 300) : 'the backend did not answer';
      throw err;
    }
  }

  /**
   * Applies an edit: `edit` sees the newest snapshot and returns the next config (it may throw to refuse).
   * If another instance wrote that version first, the edit is re-run on the newer snapshot, so concurrent
   * changes to different entries all land and a stale `expectedVersion` check inside `edit` sees the truth.
   */
  update<R>(edit: (s: ConfigSnapshot) => Edit<R> | Promise<Edit<R>>, opts: { author: string; dryRun?: boolean }): Promise<UpdateOutcome<R>> {
    const run = this.writes.then(() => this.attempt(edit, opts));
    this.writes = run.catch(() => undefined);
    return run;
  }

  private async attempt<R>(edit: (s: ConfigSnapshot) => Edit<R> | Promise<Edit<R>>, opts: { author: string; dryRun?: boolean }): Promise<UpdateOutcome<R>> {
    const max = this.options.maxAttempts ?? 50;
    for (let attempt = 0; attempt < max; attempt++) {
      await this.refresh();
      const before = this.snapshot;
      const { next, summary, result } = await edit(before);
      if (opts.dryRun || next === undefined || next.version === before.config.version) {
        return { result, before, after: before, written: false };
      }
      const version = before.version + 1;
      const record: StoredConfig = {
        version,
        timestamp: this.now().toISOString(),
        author: opts.author,
        summary,
        files: filesOf(next.documents),
        entryVersions: nextEntryVersions(before.config, before.entryVersions, next, version),
      };
      if ((await this.log.append(record)) === 'created') {
        const after: ConfigSnapshot = { version, config: next, entryVersions: record.entryVersions, author: record.author, timestamp: record.timestamp };
        this.apply(after);
        return { result, before, after, written: true };
      }
      // Lost the race: back off a little (spreads out many writers), then re-read and re-run the edit.
      await new Promise((r) => setTimeout(r, Math.floor(Math.random() * Math.min(50, 5 * (attempt + 1)))));
    }
    throw new StoreConflictError();
  }

  private apply(next: ConfigSnapshot): void {
    if (next.version <= this.snapshot.version) return;
    this.snapshot = next;
    for (const l of this.listeners) l(next);
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}

function snapshotOf(record: StoredConfig): ConfigSnapshot {
  let config: SecurityConfig;
  try {
    config = parseSecurityConfig(inputOf(record));
  } catch (err) {
    // A stored version that no longer validates must not be half-applied; keep what is in force.
    // The details (entry names, rules) go to the log through `cause`, not into /healthz.
    const what = err instanceof SecurityConfigError ? `${err.issues.length} validation problem(s)` : 'unreadable';
    throw new StoreReadError(`stored configuration version ${record.version} is invalid (${what})`, { cause: err });
  }
  return { version: record.version, config, entryVersions: record.entryVersions, author: record.author, timestamp: record.timestamp };
}
