/**
 * The embedded engine: an in-process, disk-persisted, OpenSearch-compatible search engine. `handle` answers
 * one REST request the way an OpenSearch 3.x node would; writes are acknowledged only after they are
 * fsync'ed to the write-ahead log in the data directory.
 */
import { EngineError } from './errors.js';
import { route } from './rest/router.js';
import type { EngineRequest, EngineResponse, RestContext } from './rest/types.js';
import { Catalog } from './store/catalog.js';
import { DurableStore } from './store/durable-store.js';
import { memoryOnly, type Durability } from './store/durability.js';
import { EngineStoreError } from './store/store-errors.js';

export type { EngineRequest, EngineResponse } from './rest/types.js';
export { EngineCorruptionError, EngineStoreError } from './store/store-errors.js';

export interface EngineOptions {
  /** Data directory; null/undefined = memory only (tests). */
  dataDir?: string | null;
  /** Checkpoint (index files + manifest, log truncation) once the log exceeds this many bytes (and the size
   *  of the index files the checkpoint would rewrite). Default 64 MiB. */
  checkpointBytes?: number;
  /** Cut an incomplete final record off the newest log instead of refusing to open (operator's choice). */
  repairTornTail?: boolean;
}

const JSON_HEADERS = { 'content-type': 'application/json; charset=UTF-8' };

export class Engine {
  private closed = false;
  /** Set when the store failed: memory may hold writes the disk does not, so nothing more is served. */
  private broken: unknown;
  private inFlight = new Set<Promise<unknown>>();

  private constructor(private readonly ctx: RestContext) {}

  static async open(opts: EngineOptions = {}): Promise<Engine> {
    const catalog = new Catalog();
    let durability: Durability = memoryOnly;
    if (opts.dataDir !== undefined && opts.dataDir !== null) {
      durability = await DurableStore.open({
        dataDir: opts.dataDir,
        ...(opts.checkpointBytes !== undefined ? { checkpointBytes: opts.checkpointBytes } : {}),
        ...(opts.repairTornTail !== undefined ? { repairTornTail: opts.repairTornTail } : {}),
      }, catalog);
    }
    return new Engine({ catalog, durability });
  }

  async handle(req: EngineRequest): Promise<EngineResponse> {
    if (this.closed) return withHeaders(storeFailure(new EngineStoreError('ENGINE_STORE_FAILED', 'the engine is closed')));
    if (this.broken) {
      return withHeaders(storeFailure(new EngineStoreError('ENGINE_STORE_FAILED', 'the data directory failed earlier; restart the engine', { cause: this.broken })));
    }
    const p = this.dispatch(req);
    this.inFlight.add(p);
    try {
      return await p;
    } finally {
      this.inFlight.delete(p);
    }
  }

  /** Write the indices changed since the last checkpoint and a manifest now, and drop the log before it
   *  (also done automatically by size and on close). */
  checkpoint(): Promise<void> {
    return this.ctx.durability.checkpoint();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.allSettled([...this.inFlight]);
    await this.ctx.durability.close();
  }

  private async dispatch(req: EngineRequest): Promise<EngineResponse> {
    let res: EngineResponse;
    try {
      res = await route(this.ctx, req.method, req.path, req.query, req.body);
    } catch (e) {
      if (e instanceof EngineError) res = { status: e.status, body: e.toBody() };
      else if (e instanceof EngineStoreError) {
        // Only a failed write to the data directory fails the engine closed: memory may now hold writes the
        // disk does not, so serving on would acknowledge state a restart loses.
        this.broken = e;
        res = storeFailure(e);
      } else {
        // Anything else is a bug met by this request (a search, or a write that validates before it applies
        // and logs): it fails this request with OpenSearch's 500 shape and nobody else's.
        res = { status: 500, body: new EngineError(500, 'exception', e instanceof Error ? e.message : String(e)).toBody() };
      }
    }
    if (req.method.toUpperCase() === 'HEAD') res = { ...res, body: null };
    return withHeaders(res);
  }
}

function storeFailure(e: EngineStoreError): EngineResponse {
  return { status: 500, body: new EngineError(500, 'engine_store_exception', e.message, { code: e.code }).toBody() };
}

function withHeaders(res: EngineResponse): EngineResponse {
  return { ...res, headers: { ...JSON_HEADERS, ...res.headers } };
}
