import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlib, gzip } from 'node:zlib';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';

/**
 * GraphiQL, served by the gateway itself as one self-contained page: scripts, styles and workers are inlined,
 * so it works with no network beyond the gateway. The page holds no data; every query it sends is
 * authenticated like any other request (set `Authorization` in its headers tab).
 *
 * Anyone may load it, unauthenticated, and it is ~9 MB: it is rendered and compressed (brotli and gzip) once,
 * on first use, off the event loop (zlib's thread pool), then kept; answers carry an ETag so a browser
 * revalidates with a 304 instead of downloading it again.
 */
interface Page {
  raw: Buffer;
  br: Buffer;
  gzip: Buffer;
  etag: string;
}

let page: Promise<Page> | undefined;

const brotliAsync = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

async function render(): Promise<Page> {
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
    // Credentials typed into the headers tab stay in that tab: not written to localStorage, where any script
    // on this origin, and anyone at this browser later, could read them. GraphiQL's settings can opt in.
    shouldPersistHeaders: false,
  } as never);
  // The last </body>: the inlined bundle may contain the string too.
  const end = html.lastIndexOf('</body>');
  const raw = Buffer.from(`${html.slice(0, end)}<script>${REFETCH_ON_HEADERS}</script>${html.slice(end)}`, 'utf8');
  const [br, gz] = await Promise.all([
    // Quality 9 of 11: nearly the smallest, a fraction of the time of 11 on a 9 MB page.
    brotliAsync(raw, { params: { [zlib.BROTLI_PARAM_QUALITY]: 9, [zlib.BROTLI_PARAM_SIZE_HINT]: raw.length } }),
    gzipAsync(raw, { level: 9 }),
  ]);
  return { raw, br, gzip: gz, etag: `"${createHash('sha256').update(raw).digest('base64url').slice(0, 32)}"` };
}

/**
 * Each caller has their own schema, so GraphiQL must introspect again when the headers (the credentials)
 * change; GraphiQL itself only does so on its "Re-fetch GraphQL schema" button. This watches the headers
 * editors (GraphiQL's Monaco models, exposed as `__MONACO`) and presses that button once the headers are
 * valid JSON and differ from the last ones introspected with, half a second after typing stops. GraphiQL
 * ignores the button while an introspection is in flight, so it waits for that one (GraphiQL's fetcher calls
 * `globalThis.fetch` per request, which is how the page sees it) and presses again until a new one is sent.
 */
const REFETCH_ON_HEADERS = `(() => {
  let last = '{}';
  let timer;
  let inflight = 0;
  let sent = 0;
  const realFetch = globalThis.fetch;
  globalThis.fetch = (...args) => {
    const body = args[1] && args[1].body;
    if (typeof body !== 'string' || !body.includes('IntrospectionQuery')) return realFetch(...args);
    inflight++;
    sent++;
    return realFetch(...args).finally(() => { inflight--; });
  };
  const press = (attempt) => {
    if (inflight > 0) return void setTimeout(() => press(attempt), 200);
    const before = sent;
    document.querySelector('button[aria-label^="Re-fetch GraphQL schema"]')?.click();
    setTimeout(() => { if (sent === before && attempt < 10) press(attempt + 1); }, 300);
  };
  const refetch = (text) => {
    let key;
    try { key = JSON.stringify(JSON.parse(text.trim() || '{}')); } catch { return; }
    if (key === last) return;
    last = key;
    press(0);
  };
  const watch = (model) => {
    if (!model.uri.toString().endsWith('request-headers.json')) return;
    model.onDidChangeContent(() => { clearTimeout(timer); timer = setTimeout(() => refetch(model.getValue()), 500); });
  };
  const start = () => {
    const monaco = globalThis.__MONACO;
    if (!monaco) return void setTimeout(start, 100);
    monaco.editor.getModels().forEach(watch);
    monaco.editor.onDidCreateModel(watch);
  };
  start();
})();`;

/** The page, rendering and compressing it on first use; later callers share that work. */
function getPage(): Promise<Page> {
  page ??= render().catch((err) => {
    page = undefined;
    throw err;
  });
  return page;
}

export function wantsGraphiql(req: IncomingMessage): boolean {
  return req.method === 'GET' && String(req.headers.accept ?? '').includes('text/html');
}

/** The encoding to send: br, then gzip, then none, honouring `q=0` (RFC 9110 §12.5.3). */
export function chooseEncoding(acceptEncoding: string | undefined): 'br' | 'gzip' | 'identity' {
  const q = new Map<string, number>();
  for (const part of (acceptEncoding ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const value = qParam ? Number(qParam.slice(2)) : 1;
    q.set(name, Number.isFinite(value) ? value : 0);
  }
  const weight = (name: string) => q.get(name) ?? q.get('*') ?? 0;
  if (weight('br') > 0) return 'br';
  if (weight('gzip') > 0) return 'gzip';
  return 'identity';
}

function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((t) => {
    const tag = t.trim();
    return tag === '*' || tag === etag || tag === `W/${etag}`;
  });
}

/** Headers of the page answer (200 and 304 alike). */
export const GRAPHIQL_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'text/html; charset=utf-8',
  // Cached, but revalidated after 10 minutes (cheap: a 304), so an upgraded gateway serves its own page soon.
  'cache-control': 'public, max-age=600, must-revalidate',
  // Only the gateway itself: the page must never reach out to a CDN or any other host, nor be framed by
  // another site (a framed console with the user's credentials typed in is a clickjacking target).
  'content-security-policy':
    "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval' blob:; worker-src 'self' blob:; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'",
  'x-frame-options': 'DENY',
  vary: 'Accept-Encoding',
};

export async function serveGraphiql(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const p = await getPage();
  if (etagMatches(req.headers['if-none-match'], p.etag)) {
    res.writeHead(304, { ...GRAPHIQL_HEADERS, etag: p.etag });
    res.end();
    return;
  }
  const encoding = chooseEncoding(req.headers['accept-encoding']);
  const body = encoding === 'br' ? p.br : encoding === 'gzip' ? p.gzip : p.raw;
  res.writeHead(200, {
    ...GRAPHIQL_HEADERS,
    etag: p.etag,
    'content-length': String(body.length),
    ...(encoding !== 'identity' ? { 'content-encoding': encoding } : {}),
  });
  res.end(body);
}
