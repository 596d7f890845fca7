/**
 * The operations the write-ahead log records. Each is the *outcome* of a validated operation (a document
 * carries the version and seq_no it was given), so replaying the log rebuilds exactly the acknowledged state
 * without re-running validation that might decide differently.
 */
import type { StoredDoc } from '../index/search-index.js';

export interface AliasProps {
  is_write_index?: boolean;
  routing?: string;
  index_routing?: string;
  search_routing?: string;
  is_hidden?: boolean;
}

export type LogRecord =
  | { t: 'create_index'; index: string; uuid: string; createdAt: number; mappings?: unknown; settings?: unknown }
  | { t: 'delete_index'; index: string }
  | { t: 'put_mapping'; index: string; mappings: unknown }
  | { t: 'put_alias'; index: string; alias: string; props: AliasProps }
  | { t: 'remove_alias'; index: string; alias: string }
  | { t: 'index'; index: string; doc: StoredDoc }
  | { t: 'delete'; index: string; id: string };
