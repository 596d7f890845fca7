import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { log } from '../log.js';
import { applyCors, type CorsOptions } from './cors.js';
import { serveGraphiql, wantsGraphiql } from './graphiql.js';

/**
 * HTTP routes: /graphql (and GraphiQL on it for browsers), /healthz. Nothing here knows about permissions;
 * the GraphQL route receives the authenticate/authorize stages as dependencies.
 */
export interface HttpOptions {
  graphql(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void>;
  /** `degraded`: serving, but something needs attention (reported as status "degraded", still 200). */
  ready(): { ready: boolean; degraded?: string; detail: Record<string, unknown> };
  graphiql: boolean;
  cors: CorsOptions;
}

export function createHttpServer(opts: HttpOptions): Server {
  const server = createServer((req, res) => {
    handle(req, res, opts).catch((err) => {
      log.error({ err }, 'unhandled error in request');
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ errors: [{ message: 'internal error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] }));
      } else {
        res.destroy();
      }
    });
  });
  // Bound slow clients: headers within 10 s, whole request within 30 s.
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  server.keepAliveTimeout = 5_000;
  return server;
}

async function handle(req: IncomingMessage, res: ServerResponse, opts: HttpOptions): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://gateway.local');
  if (url.pathname === '/healthz') {
    const { ready, degraded, detail } = opts.ready();
    res.writeHead(ready ? 200 : 503, { 'content-type': 'application/json' });
    const status = !ready ? 'starting' : degraded !== undefined ? 'degraded' : 'ok';
    res.end(JSON.stringify({ status, ...(degraded !== undefined ? { reason: degraded } : {}), ...detail }));
    return;
  }
  if (url.pathname === '/graphql') {
    if (applyCors(req, res, opts.cors)) return;
    if (opts.graphiql && wantsGraphiql(req)) return serveGraphiql(req, res);
    if (req.method !== 'GET' && req.method !== 'POST') {
      res.writeHead(405, { allow: 'GET, POST, OPTIONS', 'content-type': 'application/json' });
      res.end(JSON.stringify({ errors: [{ message: 'method not allowed', extensions: { code: 'METHOD_NOT_ALLOWED' } }] }));
      return;
    }
    return opts.graphql(req, res, url);
  }
  if (url.pathname === '/' && opts.graphiql && wantsGraphiql(req)) {
    res.writeHead(302, { location: '/graphql' });
    res.end();
    return;
  }
  res.writeHead(404, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ errors: [{ message: 'not found', extensions: { code: 'NOT_FOUND' } }] }));
}
