/**
 * A Connection for @opensearch-project/opensearch that answers from an in-process Engine instead of a
 * socket, so `new Client({ node: 'http://embedded.local', Connection: embeddedConnection(engine) })` drives
 * the embedded engine through exactly the code path used for a real node (serialisation, error mapping to
 * ResponseError, helpers).
 */
import type { IncomingMessage } from 'node:http';
import { PassThrough, type Readable } from 'node:stream';
import { gunzipSync, inflateSync } from 'node:zlib';
import { Connection, errors } from '@opensearch-project/opensearch';
import type { Engine } from './engine.js';

type RequestParams = Parameters<Connection['request']>[0] & { timeout?: number };
type Callback = Parameters<Connection['request']>[1];

async function readBody(body: unknown): Promise<Buffer | string | undefined> {
  if (body === undefined || body === null || body === '') return undefined;
  if (typeof body === 'string' || Buffer.isBuffer(body)) return body;
  if (typeof (body as Readable).pipe === 'function') {
    const chunks: Buffer[] = [];
    for await (const c of body as Readable) chunks.push(Buffer.isBuffer(c) ? c : Buffer.from(String(c)));
    return Buffer.concat(chunks);
  }
  throw new TypeError('unsupported request body type');
}

function decode(body: Buffer | string | undefined, encoding: unknown): Buffer | string | undefined {
  if (body === undefined || typeof encoding !== 'string') return body;
  const buf = typeof body === 'string' ? Buffer.from(body) : body;
  if (encoding.includes('gzip')) return gunzipSync(buf);
  if (encoding.includes('deflate')) return inflateSync(buf);
  return body;
}

export function embeddedConnection(engine: Engine): typeof Connection {
  class EmbeddedConnection extends Connection {
    constructor(opts?: ConstructorParameters<typeof Connection>[0]) {
      // No agent: nothing here opens a socket.
      super({ ...opts!, agent: false as never });
    }

    override request(params: RequestParams, callback: Callback): ReturnType<Connection['request']> {
      this._openRequests++;
      let settled = false;
      let timer: NodeJS.Timeout | undefined;
      const finish = (err: Error | null, res: IncomingMessage | null): void => {
        if (settled) return;
        settled = true;
        if (timer) clearTimeout(timer);
        this._openRequests--;
        callback(err, res);
      };
      const built = this.buildRequestObject(params) as { path: string; method?: string; headers: Record<string, unknown> };
      const [pathname, search = ''] = built.path.split(/\?(.*)/s);
      const method = (params.method ?? 'GET').toUpperCase();
      if (typeof params.timeout === 'number' && params.timeout > 0) {
        timer = setTimeout(() => finish(new errors.TimeoutError('Request timed out', params as never), null), params.timeout);
      }
      void (async () => {
        try {
          const body = decode(await readBody(params.body), built.headers['content-encoding']);
          const res = await engine.handle({
            method, path: pathname!, query: new URLSearchParams(search), ...(body !== undefined ? { body } : {}),
          });
          if (settled) return;
          const payload = method === 'HEAD' || res.body === null || res.body === undefined ? ''
            : typeof res.body === 'string' ? res.body : JSON.stringify(res.body);
          const stream = new PassThrough() as unknown as IncomingMessage & PassThrough;
          stream.statusCode = res.status;
          stream.headers = {
            'content-type': 'application/json; charset=UTF-8',
            ...Object.fromEntries(Object.entries(res.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v])),
            'content-length': String(Buffer.byteLength(payload)),
          };
          stream.end(payload);
          finish(null, stream);
        } catch (e) {
          finish(new errors.ConnectionError(e instanceof Error ? e.message : String(e)), null);
        }
      })();
      const abort = (): void => finish(new errors.RequestAbortedError('Request aborted'), null);
      return { abort } as unknown as ReturnType<Connection['request']>;
    }
  }
  return EmbeddedConnection;
}
