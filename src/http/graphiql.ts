import { gzipSync } from 'node:zlib';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';

/**
 * GraphiQL, served by the gateway itself as one self-contained page: scripts, styles and workers are inlined,
 * so it works with no network beyond the gateway. The page holds no data; every query it sends is
 * authenticated like any other request (set `Authorization` in its headers tab).
 */
let page: { raw: Buffer; gzip: Buffer } | undefined;

function render(): { raw: Buffer; gzip: Buffer } {
  const html = renderGraphiQL({
    title: 'Searchgate GraphiQL',
    endpoint: '/graphql',
    // No placeholder credentials in the headers editor: GraphiQL sends whatever is there with every request
    // (introspection included), and a fake Authorization header is a failed login each time. The hint lives
    // in a comment instead.
    defaultQuery:
      '# Sign in first: in the Headers tab below, enter\n' +
      '#   {"Authorization": "Basic <base64 of user:password>"}   (or "Bearer <token>")\n' +
      '# then ask who you are:\n{\n  me { name roles backendRoles }\n}\n',
    credentials: 'omit',
  } as never);
  const raw = Buffer.from(html, 'utf8');
  return { raw, gzip: gzipSync(raw, { level: 9 }) };
}

export function wantsGraphiql(req: IncomingMessage): boolean {
  return req.method === 'GET' && String(req.headers.accept ?? '').includes('text/html');
}

export function serveGraphiql(req: IncomingMessage, res: ServerResponse): void {
  page ??= render();
  const gzip = String(req.headers['accept-encoding'] ?? '').includes('gzip');
  res.writeHead(200, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-cache',
    // Only the gateway itself: the page must never reach out to a CDN or any other host.
    'content-security-policy':
      "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval' blob:; worker-src 'self' blob:; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'",
    ...(gzip ? { 'content-encoding': 'gzip' } : {}),
    vary: 'Accept-Encoding',
  });
  res.end(gzip ? page.gzip : page.raw);
}
