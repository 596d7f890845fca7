import type { Client } from '@opensearch-project/opensearch';
import { propagationHeaders } from '../observability/tracing.js';

/**
 * The narrow set of backend calls the gateway makes, over the one official client (real node or embedded
 * engine alike). Errors are reduced to two kinds so that nothing above this module sees backend internals.
 */
export interface SearchHitRaw {
  _index: string;
  _id: string;
  _score: number | null;
  _source?: Record<string, unknown>;
  sort?: unknown[];
}
export interface SearchResponseRaw {
  hits: { total?: { value: number; relation: 'eq' | 'gte' }; hits: SearchHitRaw[] };
  aggregations?: Record<string, unknown>;
}

export interface MappingsByIndex {
  [index: string]: { mappings: { properties?: Record<string, unknown> } };
}

export interface SearchPort {
  search(indices: readonly string[], body: Record<string, unknown>): Promise<SearchResponseRaw>;
  aliases(): Promise<Record<string, { aliases?: Record<string, unknown> }>>;
  mappings(indices: readonly string[]): Promise<MappingsByIndex>;
}

/** The backend answered, but refused the request (a 4xx/5xx). `detail` is for logs only. */
export class BackendRequestError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    readonly detail: string,
  ) {
    super(`backend refused the request (${status} ${type})`);
  }
}

/** The backend could not be reached or did not answer in time. */
export class BackendUnavailableError extends Error {
  constructor(readonly detail: string) {
    super('backend unavailable');
  }
}

interface ClientErrorShape {
  name?: string;
  meta?: { statusCode?: number; body?: { error?: { type?: string; reason?: string } } };
  message?: string;
}

/** The official client's own error classes for "no (usable) answer". */
const UNAVAILABLE = new Set(['ConnectionError', 'TimeoutError', 'NoLivingConnectionsError', 'RequestAbortedError', 'DeserializationError']);

/**
 * An error the official client threw, as one of the two kinds above; undefined for anything else (a bug is
 * not a backend outage, and must not be reported as one).
 */
export function translateClientError(err: unknown): BackendRequestError | BackendUnavailableError | undefined {
  const e = err as ClientErrorShape;
  if (e?.name === 'ResponseError' && e.meta?.statusCode) {
    const body = e.meta.body?.error;
    return new BackendRequestError(e.meta.statusCode, body?.type ?? 'unknown', body?.reason ?? String(e.message));
  }
  if (UNAVAILABLE.has(e?.name ?? '')) return new BackendUnavailableError(String(e?.message ?? err));
  return undefined;
}

function translate(err: unknown): Error {
  return translateClientError(err) ?? new BackendUnavailableError(String((err as ClientErrorShape)?.message ?? err));
}

async function call<T>(fn: () => Promise<{ body: unknown }>): Promise<T> {
  try {
    return (await fn()).body as T;
  } catch (err) {
    throw translate(err);
  }
}

export function searchPort(client: Client): SearchPort {
  return {
    search: (indices, body) => {
      // An empty index list means "every index" to OpenSearch: never send one.
      if (indices.length === 0) return Promise.reject(new Error('search without target indices'));
      // The current trace travels on to OpenSearch (W3C traceparent), so its slow log and traces line up.
      const headers = propagationHeaders();
      return call<SearchResponseRaw>(() => client.search({ index: indices.join(','), body: body as never }, headers ? { headers } : {}));
    },
    aliases: () => call(() => client.indices.getAlias({})),
    mappings: (indices) => call<MappingsByIndex>(() => client.indices.getMapping({ index: indices.join(',') })),
  };
}
