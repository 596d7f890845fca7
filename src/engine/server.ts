/** Serve an Engine over plain HTTP on loopback, so curl, Dashboards-style tools and other processes can
 *  talk to it as to an OpenSearch node. */
import { createServer, type IncomingMessage } from 'node:http';
import { gunzipSync } from 'node:zlib';
import type { Engine } from './engine.js';

async function readAll(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const buf = Buffer.concat(chunks);
  return (req.headers['content-encoding'] ?? '').includes('gzip') ? gunzipSync(buf) : buf;
}

export async function serveEngine(engine: Engine, opts: { port?: number; host?: string } = {}):
  Promise<{ url: string; close(): Promise<void> }> {
  const host = opts.host ?? '127.0.0.1';
  const server = createServer((req, res) => {
    void (async () => {
      try {
        const url = new URL(req.url ?? '/', 'http://embedded');
        const body = await readAll(req);
        const out = await engine.handle({
          method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, ...(body.length > 0 ? { body } : {}),
        });
        const payload = out.body === null || out.body === undefined ? ''
          : typeof out.body === 'string' ? out.body : JSON.stringify(out.body);
        res.writeHead(out.status, {
          ...out.headers,
          'content-length': Buffer.byteLength(payload),
          'x-opensearch-version': 'OpenSearch/3.6.0 (embedded)',
        });
        res.end(req.method === 'HEAD' ? undefined : payload);
      } catch (e) {
        res.writeHead(500, { 'content-type': 'application/json; charset=UTF-8' });
        res.end(JSON.stringify({ error: { type: 'exception', reason: e instanceof Error ? e.message : String(e) }, status: 500 }));
      }
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : opts.port;
  const shown = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shown}:${port}`,
    close: () => new Promise<void>((resolve, reject) => {
      server.close((err) => (err ? reject(err) : resolve()));
      server.closeAllConnections();
    }),
  };
}
