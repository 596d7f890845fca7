import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Principal } from '../auth/principal.js';
import type { RequestContext } from '../api/context.js';
import { ErrorCode, errorBody, HTTP_STATUS } from '../errors.js';
import { handleGraphql, type GraphqlHttpRequest } from '../graphql/handler.js';
import type { PermissionSchemas } from '../graphql/schemas.js';
import type { PermissionView } from '../access/view.js';
import { log } from '../log.js';
import { PayloadTooLargeError, readBody } from './body.js';
import { inSpan, requestContext, SpanKind, tracingEnabled } from '../observability/tracing.js';
import { addCode, newRequestRecord, REQUEST_ID_HEADER, type RequestRecord } from '../observability/request.js';
import type { BodyGate } from './body-gate.js';
import type { RefusalPause } from './refusal-pause.js';

/** The stages the route runs in order; each is owned by its own module and injected here. */
export interface GraphqlRouteDeps {
  authenticate(req: IncomingMessage, url: URL): Promise<AuthResult>;
  authorize(principal: Principal): PermissionView;
  /** `req` for what the transport carries beyond credentials (the `securitytenant` header). */
  context(permissions: PermissionView, req: IncomingMessage, record: RequestRecord): RequestContext;
  /** Called once per request before anything else, and `finished` once when the answer is sent. */
  started?(record: RequestRecord): void;
  /** Called once per request when the answer is sent: the access log and the metrics. */
  finished(record: RequestRecord, status: number): void;
  schemas: PermissionSchemas;
  maxBodyBytes: number;
  /** The caller's cap on the bytes of one answer. */
  maxResponseBytes(permissions: PermissionView): number;
  /** Paces 503 answers to logins refused for capacity (src/http/refusal-pause.ts); none when absent. */
  busyPause?: RefusalPause;
  /** Paces 429 answers to throttled logins; none when absent. */
  throttledPause?: RefusalPause;
  /** Bounds concurrent body reads by anonymous callers; unbounded when absent. */
  anonymousBodies?: BodyGate;
}

export type AuthResult =
  | { kind: 'ok'; principal: Principal }
  | { kind: 'unauthorized'; challenge: string }
  | { kind: 'throttled'; retryAfterSeconds: number }
  | { kind: 'busy'; retryAfterSeconds: number };

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}

export function graphqlRoute(deps: GraphqlRouteDeps) {
  const route = routeOne(deps);
  return async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    const record = newRequestRecord(req.headers[REQUEST_ID_HEADER]);
    deps.started?.(record);
    try {
      res.setHeader(REQUEST_ID_HEADER, record.id);
      await inSpan(
        `${req.method ?? 'GET'} /graphql`,
        async (span) => {
          span?.setAttribute('searchgate.request_id', record.id);
          await route(req, res, url, record);
          span?.setAttribute('http.response.status_code', res.statusCode);
        },
        // The caller's traceparent is read only when there are spans to hang from it.
        tracingEnabled() ? { kind: SpanKind.SERVER, parent: requestContext(req.headers) } : {},
      );
    } finally {
      deps.finished(record, res.statusCode);
    }
  };
}

function routeOne(deps: GraphqlRouteDeps) {
  return async (req: IncomingMessage, res: ServerResponse, url: URL, record: RequestRecord): Promise<void> => {
    /** A GraphQL-shaped error outside GraphQL execution (401, 413, 429, 503), with a stable code and no detail. */
    const sendError = (code: ErrorCode, message: string, headers?: Record<string, string>) => {
      addCode(record, code);
      sendJson(res, HTTP_STATUS[code], errorBody(code, message, { requestId: record.id }), headers);
    };
    /**
     * A refusal before the body was read: the connection is closed after the answer, so an unread (possibly
     * stalled, possibly huge) body is neither buffered nor drained to keep the connection alive.
     */
    const sendRefusal = (code: ErrorCode, message: string, headers: Record<string, string> = {}) =>
      sendError(code, message, req.complete ? headers : { ...headers, connection: 'close' });

    // Answers are per caller and may hold protected data: no browser or shared cache may keep them.
    res.setHeader('cache-control', 'no-store');
    // Credentials come from the headers, and are checked before a byte of the body is read: a caller who
    // proves nothing costs no body buffer (1,000 stalled uploads used to hold a megabyte each).
    const auth = await inSpan('authenticate', () => deps.authenticate(req, url));
    if (auth.kind === 'unauthorized') {
      return sendRefusal(ErrorCode.Unauthenticated, 'authentication required', { 'www-authenticate': auth.challenge });
    }
    if (auth.kind === 'busy') {
      // The server's load, not the caller's mistake: 503, and the body says so with a stable code.
      await deps.busyPause?.wait();
      return sendRefusal(ErrorCode.LoginBusy, 'too many logins in progress; try again later', {
        'retry-after': String(auth.retryAfterSeconds),
      });
    }
    if (auth.kind === 'throttled') {
      await deps.throttledPause?.wait();
      return sendRefusal(ErrorCode.TooManyRequests, 'too many failed logins; try again later', {
        'retry-after': String(auth.retryAfterSeconds),
      });
    }

    record.user = auth.principal.name;
    let permissions: PermissionView;
    try {
      permissions = await inSpan('authorize', () => deps.authorize(auth.principal));
    } catch (err) {
      // Config or catalog unavailable: refuse rather than serve a schema built without the caller's rules.
      log.error({ err }, 'authorization unavailable');
      return sendError(ErrorCode.BackendUnavailable, 'service unavailable');
    }

    let body = '';
    if (req.method === 'POST') {
      const gate = auth.principal.authType === 'anonymous' ? deps.anonymousBodies : undefined;
      const release = gate ? gate.tryEnter() : () => {};
      if (!release) return sendRefusal(ErrorCode.ServerBusy, 'too many requests in progress; try again later', { 'retry-after': '1' });
      try {
        body = await readBody(req, deps.maxBodyBytes);
      } catch (err) {
        if (err instanceof PayloadTooLargeError) return sendRefusal(ErrorCode.PayloadTooLarge, 'request body too large');
        throw err;
      } finally {
        release();
      }
    }

    const target = inSpan('schema', () => deps.schemas.get(permissions.shape));
    const request: GraphqlHttpRequest = {
      method: req.method ?? 'GET',
      header: (name) => {
        const v = req.headers[name];
        return Array.isArray(v) ? v.join(', ') : v;
      },
      search: url.search,
      body,
    };
    const result = await inSpan('execute', async () => handleGraphql(request, await target, () => deps.context(permissions, req, record), record));
    for (const [k, v] of Object.entries(result.headers)) res.setHeader(k, v);
    res.statusCode = result.status;
    const max = deps.maxResponseBytes(permissions);
    if (Buffer.byteLength(result.body) > max) {
      // Already computed, but never sent: the cost estimate bounds the work, this bounds what leaves.
      return sendError(ErrorCode.ResponseTooLarge, `the answer would be larger than your limit of ${max} bytes`);
    }
    res.end(result.body);
  };
}
