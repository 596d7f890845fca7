import type { IncomingMessage, ServerResponse } from 'node:http';

export interface CorsOptions {
  readonly origins: readonly string[];
  readonly credentials: boolean;
}

/**
 * CORS for browser frontends on other origins: only configured origins (none by default) get the headers,
 * and credentials are allowed only where configured. Returns true when it fully answered a preflight.
 */
export function applyCors(req: IncomingMessage, res: ServerResponse, opts: CorsOptions): boolean {
  const origin = req.headers.origin;
  const allowed = typeof origin === 'string' && (opts.origins.includes(origin) || opts.origins.includes('*'));
  if (allowed) {
    // With credentials a wildcard is not allowed by browsers; echo the exact origin and vary on it.
    res.setHeader('access-control-allow-origin', opts.credentials ? origin : opts.origins.includes('*') ? '*' : origin);
    res.setHeader('vary', 'Origin');
    if (opts.credentials) res.setHeader('access-control-allow-credentials', 'true');
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
