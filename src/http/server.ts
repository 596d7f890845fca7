import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { ErrorCode, errorBody, HTTP_STATUS } from '../errors.js';
import { log } from '../log.js';
import { applyCors, type CorsOptions } from './cors.js';
import { serveGraphiql, wantsGraphiql } from './graphiql.js';

/**
 * HTTP routes: /graphql (and GraphiQL on it for browsers), /healthz (liveness), /readyz, /metrics. Nothing here
 * knows about permissions;
 * the GraphQL route receives the authenticate/authorize stages as dependencies.
 */
export interface HttpOptions {
  graphql(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void>;
  /** `degraded`: serving, but something needs attention (reported as status "degraded", still 200). */
  ready(): { ready: boolean; degraded?: string; detail: Record<string, unknown> };
  /** Readiness (`/readyz`): config, catalog and backend usable; `reason` says what is not. */
  readiness(): { ready: boolean; reason?: string };
  /** Prometheus exposition (`/metrics`); absent when metrics are off or served on a port of their own. */
  metrics?: () => Promise<{ contentType: string; body: string }>;
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
        sendCoded(res, ErrorCode.Internal, 'internal error');
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

const BASE = 'http://gateway.local';
/** The usual request target, parsed once: nothing downstream writes to a request's URL (read-only by type). */
const PLAIN_GRAPHQL: Readonly<URL> = new URL('/graphql', BASE);

/** The request target as a URL; `/graphql` itself (every POST) is not parsed again on each request. */
function requestUrl(target: string): Readonly<URL> {
  return target === '/graphql' ? PLAIN_GRAPHQL : new URL(target, BASE);
}

async function handle(req: IncomingMessage, res: ServerResponse, opts: HttpOptions, hostAllowed: (host: string | undefined) => boolean): Promise<void> {
  const url = requestUrl(req.url ?? '/');
  // Probes and scrapers are exempt: they come by address, and these show nothing a DNS-rebinding page could use.
  if (!PROBES.has(url.pathname) && !hostAllowed(req.headers.host)) {
    sendCoded(res, ErrorCode.HostNotAllowed, 'host not allowed', { connection: 'close' });
    return;
  }
  if (url.pathname === '/healthz') {
    // Liveness: the process answers. Readiness is /readyz, so a backend outage never gets the gateway restarted.
    const { ready, degraded, detail } = opts.ready();
    res.writeHead(200, { 'content-type': 'application/json' });
    const status = !ready ? 'starting' : degraded !== undefined ? 'degraded' : 'ok';
    res.end(JSON.stringify({ status, ...(degraded !== undefined ? { reason: degraded } : {}), ...detail }));
    return;
  }
  if (url.pathname === '/readyz') {
    const { ready, reason } = opts.readiness();
    res.writeHead(ready ? 200 : 503, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify({ status: ready ? 'ready' : 'not ready', ...(reason !== undefined ? { reason } : {}) }));
    return;
  }
  if (url.pathname === '/metrics' && opts.metrics) return serveMetrics(res, opts.metrics);
  if (url.pathname === '/graphql') {
    if (applyCors(req, res, opts.cors)) return;
    if (opts.graphiql && wantsGraphiql(req)) return serveGraphiql(req, res);
    if (req.method !== 'GET' && req.method !== 'POST') {
      sendCoded(res, ErrorCode.MethodNotAllowed, 'method not allowed', { allow: 'GET, POST, OPTIONS' });
      return;
    }
    return opts.graphql(req, res, url);
  }
  if (url.pathname === '/' && opts.graphiql && wantsGraphiql(req)) {
    res.writeHead(302, { location: '/graphql' });
    res.end();
    return;
  }
  sendCoded(res, ErrorCode.NotFound, 'not found');
}

/** A coded refusal outside GraphQL, its status fixed by the catalogue (src/errors.ts). */
function sendCoded(res: ServerResponse, code: ErrorCode, message: string, headers: Record<string, string> = {}): void {
  res.writeHead(HTTP_STATUS[code], { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(errorBody(code, message)));
}

const PROBES = new Set(['/healthz', '/readyz', '/metrics']);

export async function serveMetrics(res: ServerResponse, metrics: () => Promise<{ contentType: string; body: string }>): Promise<void> {
  const { contentType, body } = await metrics();
  res.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-store' });
  res.end(body);
}

/** A server answering `/metrics` alone, for `observability.metricsPort` (scrapers on a port of their own). */
export function createMetricsServer(metrics: () => Promise<{ contentType: string; body: string }>): Server {
  return createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path !== '/metrics') {
      sendCoded(res, ErrorCode.NotFound, 'not found');
      return;
    }
    serveMetrics(res, metrics).catch(() => {
      res.writeHead(500);
      res.end();
    });
  });
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
