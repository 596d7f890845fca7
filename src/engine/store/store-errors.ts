/**
 * Errors the durable store raises while opening or writing a data directory. Each has a stable `code` so
 * operators and callers can branch on it, and corruption errors name the file and byte offset so the damage
 * can be inspected rather than silently skipped.
 */
export type StoreErrorCode =
  | 'ENGINE_CORRUPT_LOG'
  | 'ENGINE_CORRUPT_SNAPSHOT'
  | 'ENGINE_REPLAY_FAILED'
  | 'ENGINE_LOCKED'
  | 'ENGINE_STORE_FAILED';

export class EngineStoreError extends Error {
  constructor(readonly code: StoreErrorCode, message: string, options?: { cause?: unknown }) {
    super(`${code}: ${message}`, options);
    this.name = 'EngineStoreError';
  }
}

/** The log or a snapshot holds bytes that do not decode: a torn (half-written) or damaged record. */
export class EngineCorruptionError extends EngineStoreError {
  constructor(
    code: 'ENGINE_CORRUPT_LOG' | 'ENGINE_CORRUPT_SNAPSHOT' | 'ENGINE_REPLAY_FAILED',
    readonly file: string,
    readonly offset: number,
    readonly detail: string,
    /** True when the damage is an incomplete record at the very end of the file (a write cut short). */
    readonly tornTail: boolean,
  ) {
    super(code, `${detail} in ${file} at byte offset ${offset}`);
    this.name = 'EngineCorruptionError';
  }
}
