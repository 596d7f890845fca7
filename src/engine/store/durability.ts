/**
 * Where committed operations go. The engine applies an operation in memory, then calls `commit` with its
 * records synchronously (no await in between, so log order is application order) and acknowledges the
 * request only when the returned promise resolves.
 */
import type { LogRecord } from './records.js';

export interface Durability {
  /** Durable once the promise resolves. Must enqueue synchronously. */
  commit(records: readonly LogRecord[]): Promise<void>;
  /** Checkpoint now (the indices changed since the last one, and a manifest) and drop the log before it. */
  checkpoint(): Promise<void>;
  close(): Promise<void>;
}

/** Memory-only engines (tests): nothing to persist. */
export const memoryOnly: Durability = {
  commit: () => Promise.resolve(),
  checkpoint: () => Promise.resolve(),
  close: () => Promise.resolve(),
};
