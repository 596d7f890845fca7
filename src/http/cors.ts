import type { IncomingMessage, ServerResponse } from 'node:http';

export interface CorsOptions {
  readonly origins: readonly string[];
  readonly credentials: boolean;
}

/**
 * CORS for browser frontends on other origins: only configured origins (none by default) get the headers,
 * and credentials are allowed only where configured. Returns true when it fully answered a preflight.
 *
 * - Credentials are granted to listed origins only, never through `*`: a wildcard with credentials would let
 *   any web page read what a signed-in browser (cached basic credentials) may read.
 * - `null` (sandboxed frames, local files) is never a listed origin: any page can produce it.
 * - Whenever origins are configured the answer depends on the Origin header, so every response says
 *   `Vary: Origin`, or a shared cache could hand one origin's answer to another.
 * - Allowed origins may read `WWW-Authenticate` and `Retry-After`, so a frontend can tell a 401 from a 429 wait.
 */
interface CorsPolicy {
  readonly listed: ReadonlySet<string>;
  readonly wildcard: boolean;
  readonly configured: boolean;
}

const policies = new WeakMap<CorsOptions, CorsPolicy>();

function policyFor(opts: CorsOptions): CorsPolicy {
  let policy = policies.get(opts);
  if (!policy) {
    const listed = new Set<string>();
    for (const o of opts.origins) {
      if (o === '*' || o === 'null') continue;
      listed.add(serializeOrigin(o));
    }
    policy = { listed, wildcard: opts.origins.includes('*'), configured: opts.origins.length > 0 };
    policies.set(opts, policy);
  }
  return policy;
}

/** Browsers send an origin as `scheme://host[:port]`, lower-case, default port omitted; configs may not. */
function serializeOrigin(configured: string): string {
  try {
    const url = new URL(configured);
    return url.origin === 'null' ? configured : url.origin;
  } catch {
    return configured;
  }
}

function appendVary(res: ServerResponse, value: string): void {
  const existing = res.getHeader('vary');
  const parts = (Array.isArray(existing) ? existing.join(',') : String(existing ?? '')).split(',').map((s) => s.trim()).filter(Boolean);
  if (!parts.some((p) => p.toLowerCase() === value.toLowerCase() || p === '*')) parts.push(value);
  res.setHeader('vary', parts.join(', '));
}

export function applyCors(req: IncomingMessage, res: ServerResponse, opts: CorsOptions): boolean {
  const policy = policyFor(opts);
  if (policy.configured) appendVary(res, 'Origin');
  const origin = req.headers.origin;
  const listed = typeof origin === 'string' && policy.listed.has(origin);
  const allowed = listed || (typeof origin === 'string' && policy.wildcard);
  if (allowed) {
    res.setHeader('access-control-allow-origin', listed ? origin : '*');
    if (listed && opts.credentials) res.setHeader('access-control-allow-credentials', 'true');
    res.setHeader('access-control-expose-headers', 'www-authenticate, retry-after');
  }
  if (req.method === 'OPTIONS' && req.headers['access-control-request-method']) {
    if (allowed) {
      res.setHeader('access-control-allow-methods', 'GET, POST, OPTIONS');
      res.setHeader(
        'access-control-allow-headers',
        'authorization, content-type, apollo-require-preflight, x-apollo-operation-name, securitytenant',
      );
      res.setHeader('access-control-max-age', '600');
    }
    res.statusCode = 204;
    res.end();
    return true;
  }
  return false;
}
