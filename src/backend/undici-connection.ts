/**
 * A Connection for @opensearch-project/opensearch that sends requests over an undici `Pool` instead of
 * node:http. The official client stays the one client: its Transport (retries, dead-node handling, error
 * mapping to ResponseError) and its Serializer (with its prototype-poisoning protection) still handle every
 * request and answer; only the socket layer underneath changes. Profiled at c=32 the node:http agent path was
 * the largest single cost in the gateway (≈20% of its CPU); undici's parser and pool cost about a third less.
 *
 * `undiciConnection(Base)` extends any Connection class, so that a subclass that changes how a request is
 * built keeps doing so: the SigV4 signer's Connection signs in `buildRequestObject`, and the request sent here
 * is exactly the object that method returns (method, path with query string, headers, body).
 */
import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import { Connection, errors } from '@opensearch-project/opensearch';
import { Pool, type Dispatcher } from 'undici';

type ConnectionOptions = ConstructorParameters<typeof Connection>[0];
type RequestParams = Parameters<Connection['request']>[0] & { timeout?: number };
type Callback = Parameters<Connection['request']>[1];
type Built = { method?: string; path: string; headers: Record<string, string | string[]>; body?: unknown };

// The same check node:http makes (and the client's own Connection relies on): no control or non-Latin-1
// characters in the request target.
const INVALID_PATH = /[^\u0021-\u00ff]/;

export interface UndiciConnectionOptions {
  /** How long opening a socket (TCP + TLS) may take, in ms: the client's requestTimeout. */
  connectTimeoutMs: number;
  /** Sockets per node (the client's own agent allows 256). */
  connections?: number;
}

export function undiciConnection(Base: typeof Connection, settings: UndiciConnectionOptions): typeof Connection {
  class UndiciConnection extends Base {
    private readonly pool: Pool;

    constructor(opts?: ConnectionOptions) {
      // No node:http agent: the pool below owns the sockets.
      super({ ...opts!, agent: false as never });
      const ssl = (this.ssl ?? {}) as { ca?: string; cert?: string; key?: string; rejectUnauthorized?: boolean };
      const tls =
        this.url.protocol === 'https:'
          ? {
              // Explicit, as in tlsSettings(): verification is on unless the configuration turns it off.
              rejectUnauthorized: ssl.rejectUnauthorized ?? true,
              ...(ssl.ca !== undefined ? { ca: ssl.ca } : {}),
              ...(ssl.cert !== undefined ? { cert: ssl.cert } : {}),
              ...(ssl.key !== undefined ? { key: ssl.key } : {}),
            }
          : {};
      this.pool = new Pool(this.url.origin, {
        connections: settings.connections ?? 256,
        connect: { ...tls, timeout: settings.connectTimeoutMs },
        // The client retries; undici must not retry or pipeline on its own.
        pipelining: 1,
      });
    }

    override request(params: RequestParams, callback: Callback): ReturnType<Connection['request']> {
      this._openRequests++;
      const built = this.buildRequestObject(params) as unknown as Built;
      if (INVALID_PATH.test(built.path)) {
        this._openRequests--;
        callback(new TypeError(`ERR_UNESCAPED_CHARACTERS: ${built.path}`) as never, null as never);
        return { abort: () => undefined } as unknown as ReturnType<Connection['request']>;
      }
      let settled = false;
      let timer: NodeJS.Timeout | undefined;
      const controller = new AbortController();
      const finish = (err: Error | null, res: IncomingMessage | null): void => {
        if (settled) return;
        settled = true;
        if (timer !== undefined) clearTimeout(timer);
        this._openRequests--;
        callback(err as never, res as never);
      };
      const timeout = typeof params.timeout === 'number' && params.timeout > 0 ? params.timeout : undefined;
      if (timeout !== undefined) {
        // A native timer until the answer's headers arrive, as node:http's socket timeout did: undici's own
        // headersTimeout runs on a coarse clock (up to a second late for short timeouts).
        timer = setTimeout(() => {
          finish(new errors.TimeoutError('Request timed out', params as never) as never, null);
          controller.abort();
        }, timeout);
      }
      const options: Dispatcher.RequestOptions = {
        method: (built.method ?? 'GET') as Dispatcher.HttpMethod,
        path: built.path,
        headers: built.headers,
        body: (built.body ?? null) as string | Buffer | Readable | null,
        signal: controller.signal,
        headersTimeout: 0,
        // Between chunks of the answer's body (coarse clock; a stalled body fails the request).
        bodyTimeout: timeout ?? 0,
      };
      this.pool.request(options, (err, data) => {
        if (err) {
          finish(mapError(err, params), null);
          return;
        }
        // The Transport reads statusCode and headers from the response object and then the body as a stream
        // (setEncoding, data, end, error, destroy): undici's body is such a stream.
        const body = data.body as unknown as IncomingMessage;
        body.statusCode = data.statusCode;
        body.headers = data.headers as IncomingMessage['headers'];
        if (settled) {
          body.destroy();
          return;
        }
        finish(null, body);
      });
      const abort = (): void => {
        if (settled) return;
        finish(new errors.RequestAbortedError('Request aborted') as never, null);
        controller.abort();
      };
      return { abort } as unknown as ReturnType<Connection['request']>;
    }

    // Typed as the client declares it; the pool calls it with a callback (BaseConnectionPool.empty).
    override close(...args: unknown[]): Connection {
      const callback = typeof args[0] === 'function' ? (args[0] as () => void) : () => undefined;
      // Waits for requests in flight, then closes the sockets.
      this.pool.close().then(callback, callback);
      return this;
    }
  }
  return UndiciConnection;
}

function mapError(err: Error & { code?: string }, params: RequestParams): Error {
  switch (err.code) {
    case 'UND_ERR_HEADERS_TIMEOUT':
    case 'UND_ERR_BODY_TIMEOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
      return new errors.TimeoutError('Request timed out', params as never);
    case 'UND_ERR_ABORTED':
      return new errors.RequestAbortedError('Request aborted');
    default: {
      // TLS and socket errors arrive as the cause of undici's wrapper on some paths; name the real one.
      const cause = (err as { cause?: unknown }).cause;
      const message = cause instanceof Error && err.message === 'fetch failed' ? cause.message : err.message;
      return new errors.ConnectionError(message);
    }
  }
}
