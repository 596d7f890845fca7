/**
 * The operations the write-ahead log records. Each is the *outcome* of a validated operation (a document
 * carries the version and seq_no it was given), so replaying the log rebuilds exactly the acknowledged state
 * without re-running validation that might decide differently.
 */
import type { AliasProps, StoredDoc } from '../index/search-index.js';

// Defined beside the index (a query on `_index` reads alias properties); the log records carry them.
export type { AliasProps } from '../index/search-index.js';

export type LogRecord =
  | { t: 'create_index'; index: string; uuid: string; createdAt: number; mappings?: unknown; settings?: unknown }
  | { t: 'delete_index'; index: string }
  | { t: 'put_mapping'; index: string; mappings: unknown }
  | { t: 'put_alias'; index: string; alias: string; props: AliasProps }
  | { t: 'remove_alias'; index: string; alias: string }
  | { t: 'index'; index: string; doc: StoredDoc }
  | { t: 'delete'; index: string; id: string };
