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
  /** `server.allowedHosts`: Host header values accepted (empty: any). */
  allowedHosts: readonly string[];
}

export function createHttpServer(opts: HttpOptions): Server {
  const hostAllowed = hostMatcher(opts.allowedHosts);
  const server = createServer((req, res) => {
    // Every answer, errors included: a browser must never guess a JSON error into HTML or script.
    res.setHeader('x-content-type-options', 'nosniff');
    handle(req, res, opts, hostAllowed).catch((err) => {
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

async function handle(req: IncomingMessage, res: ServerResponse, opts: HttpOptions, hostAllowed: (host: string | undefined) => boolean): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://gateway.local');
  // /healthz is exempt: load balancers probe by address, and it shows nothing a DNS-rebinding page could use.
  if (url.pathname !== '/healthz' && !hostAllowed(req.headers.host)) {
    res.writeHead(400, { 'content-type': 'application/json', connection: 'close' });
    res.end(JSON.stringify({ errors: [{ message: 'host not allowed', extensions: { code: 'HOST_NOT_ALLOWED' } }] }));
    return;
  }
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

/**
 * `server.allowedHosts`: which `Host` headers are answered. It stops DNS rebinding (a web page whose name
 * suddenly points at the gateway, reading it with the browser's credentials) and host-header confusion.
 * An entry without a port allows any port; `*.example.com` allows subdomains (not the apex). Empty: any host.
 */
export function hostMatcher(allowed: readonly string[]): (host: string | undefined) => boolean {
  if (allowed.length === 0) return () => true;
  const entries = allowed.map((a) => splitHost(a.toLowerCase()));
  return (host) => {
    if (!host) return false;
    const h = splitHost(host.trim().toLowerCase());
    return entries.some((e) => {
      if (e.port !== undefined && e.port !== h.port) return false;
      if (e.name.startsWith('*.')) return h.name.endsWith(e.name.slice(1)) && h.name.length > e.name.length - 1;
      return e.name === h.name;
    });
  };
}

function splitHost(value: string): { name: string; port?: string } {
  // [v6]:port, v4:port, name:port, or no port.
  const m = /^(\[[^\]]*\]|[^:]*)(?::(\d+))?$/.exec(value);
  if (!m) return { name: value };
  return m[2] !== undefined ? { name: m[1]!, port: m[2] } : { name: m[1]! };
}
