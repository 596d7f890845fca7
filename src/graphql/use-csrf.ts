import { ErrorCode } from '../errors.js';
import { essence, RequestError, type GraphqlHttpRequest } from './request.js';

/** Content types a browser may send cross-origin without a preflight: a request carrying one must prove it is not a forged form. */
const SIMPLE_TYPES = new Set(['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain']);
const PREFLIGHT_HEADERS = ['x-apollo-operation-name', 'apollo-require-preflight'];

/**
 * CSRF prevention, as Apollo Server does it: a request a plain HTML form or `<img>` could send (no content
 * type, or a "simple" one) runs only with a header that forces a CORS preflight.
 */
export function preventCsrf(request: GraphqlHttpRequest): void {
  const type = essence(request.header('content-type'));
  if (type !== undefined && !SIMPLE_TYPES.has(type)) return;
  if (PREFLIGHT_HEADERS.some((h) => (request.header(h) ?? '') !== '')) return;
  throw new RequestError(
    400,
    ErrorCode.BadRequest,
    "This operation has been blocked as a potential Cross-Site Request Forgery (CSRF). Please either specify a 'content-type' header " +
      `(with a type that is not one of ${[...SIMPLE_TYPES].join(', ')}) or provide a non-empty value for one of the following headers: ${PREFLIGHT_HEADERS.join(', ')}`,
  );
}

