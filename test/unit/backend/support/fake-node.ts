import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer, type ServerOptions as HttpsOptions } from 'node:https';
import type { AddressInfo } from 'node:net';

/**
 * A loopback HTTP(S) server that answers like an OpenSearch node just enough for the client to start
 * (`GET /`, `HEAD /`), and records every request so tests can look at what the client actually sent.
 */

export interface Recorded {
  method: string;
  target: string;
  headers: Record<string, string>;
  body: Buffer;
  /** The client's port: requests over one kept-alive socket share it. */
  socket?: number;
}

/** Return a response, or `'stall'` to never answer; `undefined` falls through to the default answers. */
export type Handler = (req: Recorded) => { status: number; body?: unknown; headers?: Record<string, string> } | 'stall' | undefined;

export interface FakeNode {
  url: string;
  requests: Recorded[];
  close(): Promise<void>;
}

export const INFO_BODY = {
  name: 'fake-node',
  cluster_name: 'fake',
  version: { distribution: 'opensearch', number: '3.6.0' },
  tagline: 'The OpenSearch Project: https://opensearch.org/',
};

export async function startFakeNode(
  handler: Handler = () => undefined,
  tls?: HttpsOptions,
): Promise<FakeNode> {
  const requests: Recorded[] = [];
  const stalled: ServerResponse[] = [];
  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) {
        if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(',') : v;
      }
      const rec: Recorded = { method: req.method ?? 'GET', target: req.url ?? '/', headers, body: Buffer.concat(chunks), socket: req.socket.remotePort };
      requests.push(rec);
      const answer = handler(rec) ?? defaultAnswer(rec);
      if (answer === 'stall') {
        stalled.push(res);
        return;
      }
      const text = answer.body === undefined ? '' : JSON.stringify(answer.body);
      res.writeHead(answer.status, { 'content-type': 'application/json; charset=UTF-8', ...((answer as { headers?: Record<string, string> }).headers ?? {}) });
      res.end(rec.method === 'HEAD' ? undefined : text);
    });
  };
  const server: Server = tls ? createHttpsServer(tls, onRequest) : createHttpServer(onRequest);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of stalled) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function defaultAnswer(req: Recorded): { status: number; body?: unknown } {
  const path = req.target.split('?')[0];
  if (path === '/' && (req.method === 'GET' || req.method === 'HEAD')) return { status: 200, body: INFO_BODY };
  if (path === '/_cat/indices') return { status: 200, body: [] };
  if (path?.endsWith('/_search')) {
    return { status: 200, body: { took: 1, timed_out: false, hits: { total: { value: 0, relation: 'eq' }, hits: [] } } };
  }
  return { status: 404, body: { error: { type: 'not_found', reason: `no route ${req.method} ${path}` }, status: 404 } };
}
