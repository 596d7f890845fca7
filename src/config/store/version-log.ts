import type { StoredConfig } from './record.js';

/**
 * Where configuration versions live: append-only, one record per version. `append` must be atomic per
 * version number: of two writers racing for the same next version exactly one gets 'created', the other
 * 'conflict' (then re-reads and retries). Implementations: the system index (durable, shared by every
 * instance on one backend) and memory (one process, for deployments without a `store` section).
 */
export interface VersionLog {
  /** For logs and /healthz, e.g. `index .searchgate-security`. */
  readonly description: string;
  readonly durable: boolean;
  /** Creates the storage if missing (idempotent; safe when several instances start at once). */
  prepare(): Promise<void>;
  /** The newest version number, 0 when empty. */
  latest(): Promise<number>;
  /** One version; undefined when it does not exist (yet). Always reads the newest write, never a stale copy. */
  read(version: number): Promise<StoredConfig | undefined>;
  append(record: StoredConfig): Promise<'created' | 'conflict'>;
}

/** A store record that cannot be used: the store is treated as unreadable rather than skipping it. */
export class StoreReadError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreReadError';
  }
}

/** The in-process log: same semantics, nothing survives a restart. */
export function memoryVersionLog(): VersionLog {
  const records: StoredConfig[] = [];
  return {
    description: 'memory (not durable)',
    durable: false,
    prepare: async () => undefined,
    latest: async () => records.length,
    read: async (version) => (version >= 1 ? structuredClone(records[version - 1]) : undefined),
    append: async (record) => {
      if (record.version !== records.length + 1) return 'conflict';
      records.push(structuredClone(record));
      return 'created';
    },
  };
}
