import type { Client } from '@opensearch-project/opensearch';
import { propagationHeaders } from '../observability/tracing.js';
import { BackendRequestError, BackendUnavailableError, translateClientError, type SearchPort, type SearchResponseRaw } from './search-port.js';

/**
 * Searches started in the same turn of the event loop, sent as one `_msearch`.
 *
 * Why: on a busy gateway most of a search's CPU is the HTTP exchange with the node (request framing, the
 * client's Transport, the socket write and read), not the search itself. Under concurrency, searches from
 * different requests reach the backend within microseconds of each other; one `_msearch` carries them all
 * for one exchange. A lone search (the quiet case, c=1) goes out as a plain `_search`, unchanged.
 *
 * What it must not change:
 * - Isolation. Every search keeps its own body: its DLS filter and FLS projection were planned for its own
 *   caller, and OpenSearch runs each item of an `_msearch` on its own. Nothing of one item reaches another's
 *   answer: answers are matched by position, as `_msearch` guarantees.
 * - Errors. An item's error becomes the same BackendRequestError a `_search` would have thrown (status, type,
 *   reason). If the `_msearch` as a whole is refused (4xx/5xx), each search is sent again alone, so that
 *   every caller gets the answer its own search would have had; if the node cannot be reached, every search
 *   of the batch fails as unavailable, as it would have alone.
 * - Latency of the cheap. An item's answer waits for the slowest item of its batch, so only searches without
 *   aggregations and with a small page are batched (`batchable`); the rest go out alone.
 * - Latency when alone. When no other request is in progress (`othersInProgress`) and no exchange of this
 *   port is in flight or waiting, there is nothing to share an exchange with: the search goes out at once
 *   instead of at the end of the turn (at c=1 that wait cost an event-loop pass per request, ≈0.9× CPU and
 *   p50 at c=1 in bench/ab.ts). Under concurrency other requests are in progress and searches batch as before
 *   (idling on in-flight exchanges alone split each c=32 batch in two: ×1.04 CPU).
 * - Tracing. A search inside a traced request goes alone, carrying its own `traceparent`.
 */

/** At most this many searches per `_msearch`; a fuller turn sends several. */
export const MAX_BATCH = 32;
/** Pages larger than this are sent alone (their answers are large; a batch would wait on them). */
const MAX_BATCHED_SIZE = 100;

/** Whether a search body may share an `_msearch` with others (cheap, small answers). */
export function batchable(body: Record<string, unknown>): boolean {
  if (body.aggs !== undefined || body.aggregations !== undefined) return false;
  const size = body.size;
  const from = body.from;
  return (size === undefined || (typeof size === 'number' && size <= MAX_BATCHED_SIZE)) && (from === undefined || (typeof from === 'number' && from <= MAX_BATCHED_SIZE));
}

interface Pending {
  readonly indices: readonly string[];
  readonly body: Record<string, unknown>;
  resolve(answer: SearchResponseRaw): void;
  reject(err: unknown): void;
}

interface MsearchItem extends Partial<SearchResponseRaw> {
  status?: number;
  error?: { type?: string; reason?: string } | string;
}

export interface BatchOptions {
  /** Whether requests other than the caller's are in progress (their searches could join a batch). */
  othersInProgress?: () => boolean;
  onBatch?: (size: number) => void;
}

/** `port` with its `search` batched over `client`'s `_msearch`; the other calls pass through. */
export function batchedSearches(port: SearchPort, client: Client, options: BatchOptions = {}): SearchPort {
  const { othersInProgress = () => true, onBatch } = options;
  let queue: Pending[] = [];
  let scheduled = false;
  /** Exchanges with the node started here and not yet answered (`_search` and `_msearch` alike). */
  let inFlight = 0;
  const done = () => {
    inFlight--;
  };
  const counted = <T>(exchange: () => Promise<T>): Promise<T> => {
    inFlight++;
    let p: Promise<T>;
    try {
      p = exchange();
    } catch (err) {
      inFlight--;
      return Promise.reject(err);
    }
    p.then(done, done);
    return p;
  };

  const alone = (p: Pending) => counted(() => port.search(p.indices, p.body)).then(p.resolve, p.reject);

  const send = async (batch: Pending[]): Promise<void> => {
    onBatch?.(batch.length);
    if (batch.length === 1) return alone(batch[0]!);
    const lines: Record<string, unknown>[] = [];
    for (const p of batch) lines.push({ index: p.indices.join(',') }, p.body);
    let items: MsearchItem[];
    try {
      const res = await counted(() => client.msearch({ body: lines as never }));
      items = ((res.body as { responses?: MsearchItem[] }).responses ?? []) as MsearchItem[];
    } catch (err) {
      const translated = translateClientError(err) ?? new BackendUnavailableError(String((err as Error)?.message ?? err));
      if (translated instanceof BackendRequestError) {
        // Refused as a whole: let each search meet its own answer.
        await Promise.all(batch.map(alone));
        return;
      }
      for (const p of batch) p.reject(translated);
      return;
    }
    if (items.length !== batch.length) {
      const err = new BackendUnavailableError(`_msearch answered ${items.length} responses for ${batch.length} searches`);
      for (const p of batch) p.reject(err);
      return;
    }
    batch.forEach((p, i) => {
      const item = items[i]!;
      if (item.error !== undefined || (item.status !== undefined && item.status >= 300)) {
        const e = typeof item.error === 'object' && item.error !== null ? item.error : { reason: String(item.error) };
        p.reject(new BackendRequestError(item.status ?? 500, e.type ?? 'unknown', e.reason ?? 'unknown'));
      } else {
        // The item is the `_search` answer plus its `status`: hand on exactly what `_search` would have.
        const { status: _status, ...answer } = item;
        p.resolve(answer as SearchResponseRaw);
      }
    });
  };

  const flush = () => {
    scheduled = false;
    const all = queue;
    queue = [];
    for (let i = 0; i < all.length; i += MAX_BATCH) {
      const batch = all.slice(i, i + MAX_BATCH);
      // A bug here must fail the batch's requests, not leave them waiting.
      send(batch).catch((err: unknown) => {
        for (const p of batch) p.reject(err);
      });
    }
  };

  return {
    ...port,
    search: (indices, body) => {
      if (indices.length === 0 || !batchable(body) || propagationHeaders()) return port.search(indices, body);
      // Alone: nothing to batch with (see above). `scheduled` means searches of this turn already wait.
      if (inFlight === 0 && !scheduled && !othersInProgress()) return counted(() => port.search(indices, body));
      return new Promise<SearchResponseRaw>((resolve, reject) => {
        queue.push({ indices, body, resolve, reject });
        if (!scheduled) {
          scheduled = true;
          // After every I/O callback of this turn has run: the searches they started travel together.
          setImmediate(flush);
        }
      });
    },
  };
}
