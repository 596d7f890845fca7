import { GraphQLError, getOperationAST, type ExecutionResult, type GraphQLFormattedError } from 'graphql';
import type { RequestContext } from '../api/context.js';
import { executeOperation } from '../api/kernel/execute.js';
import { formatError } from '../api/kernel/format-error.js';
import { ErrorCode } from '../errors.js';
import { addCode, type RequestRecord } from '../observability/request.js';
import type { PermissionSchema } from './servers.js';

/**
 * GraphQL over HTTP, as a pure function of the request (graphql-http's handler.ts is the model): no socket,
 * no framework. It keeps what Apollo Server did for us — GET and POST, CSRF prevention, 400/405/415 answers,
 * coded parse, validation and variable errors, one error formatter — and hands the operation to the API's one
 * executor (src/api/kernel/execute.ts).
 */
export interface GraphqlHttpRequest {
  readonly method: string;
  /** A header's value (lower-case name); repeated headers joined with ", ". */
  header(name: string): string | undefined;
  /** The URL's query string, with or without the leading `?`. */
  readonly search: string;
  /** The raw body ('' for GET). */
  readonly body: string;
}

export interface GraphqlHttpResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

const JSON_TYPE = 'application/json';
const GRAPHQL_RESPONSE_TYPE = 'application/graphql-response+json';

/** Content types a browser may send cross-origin without a preflight: a request carrying one must prove it is not a forged form. */
const SIMPLE_TYPES = new Set(['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain']);
const PREFLIGHT_HEADERS = ['x-apollo-operation-name', 'apollo-require-preflight'];

const essence = (contentType: string | undefined) => contentType?.split(';')[0]!.trim().toLowerCase();

class RequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

interface GraphqlParams {
  readonly query: string | undefined;
  readonly operationName: string | undefined;
  readonly variables: Record<string, unknown> | undefined;
  readonly extensions: Record<string, unknown> | undefined;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * CSRF prevention, as Apollo Server does it: a request a plain HTML form or `<img>` could send (no content
 * type, or a "simple" one) runs only with a header that forces a CORS preflight.
 */
function preventCsrf(request: GraphqlHttpRequest): void {
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

function paramsOfGet(request: GraphqlHttpRequest): GraphqlParams {
  const type = essence(request.header('content-type'));
  if (type !== undefined && type !== JSON_TYPE) {
    throw new RequestError(415, ErrorCode.BadRequest, 'GET requests may not have a content-type header other than application/json.');
  }
  const search = new URLSearchParams(request.search);
  const once = (name: string) => {
    const values = search.getAll(name);
    if (values.length > 1) throw new RequestError(400, ErrorCode.BadRequest, `The '${name}' search parameter may only be specified once.`);
    return values[0];
  };
  const json = (name: string) => {
    const text = once(name);
    if (text === undefined) return undefined;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw new RequestError(400, ErrorCode.BadRequest, `The ${name} search parameter contains invalid JSON.`);
    }
    if (!isObject(value)) throw new RequestError(400, ErrorCode.BadRequest, `The ${name} search parameter should contain a JSON-encoded object.`);
    return value;
  };
  return { query: once('query'), operationName: once('operationName'), variables: json('variables'), extensions: json('extensions') };
}

function paramsOfPost(request: GraphqlHttpRequest): GraphqlParams {
  if (essence(request.header('content-type')) !== JSON_TYPE) {
    throw new RequestError(415, ErrorCode.BadRequest, `POST requests must have content-type ${JSON_TYPE}.`);
  }
  let body: unknown;
  try {
    body = JSON.parse(request.body);
  } catch {
    throw new RequestError(400, ErrorCode.BadRequest, 'request body is not valid JSON');
  }
  if (!isObject(body) || Object.keys(body).length === 0) {
    throw new RequestError(400, ErrorCode.BadRequest, 'POST body missing, invalid Content-Type, or JSON object has no keys.');
  }
  const bad = (message: string) => new RequestError(400, ErrorCode.BadRequest, message);
  if (body.query != null && typeof body.query !== 'string') throw bad('GraphQL queries must be strings.');
  for (const name of ['variables', 'extensions'] as const) {
    if (typeof body[name] === 'string') throw bad(`\`${name}\` in a POST body should be provided as an object, not a recursively JSON-encoded string.`);
    if (body[name] != null && !isObject(body[name])) throw bad(`\`${name}\` in a POST body must be an object if provided.`);
  }
  if (body.operationName != null && typeof body.operationName !== 'string') throw bad('`operationName` in a POST body must be a string if provided.');
  return {
    query: body.query ?? undefined,
    operationName: body.operationName ?? undefined,
    variables: (body.variables as Record<string, unknown> | null) ?? undefined,
    extensions: (body.extensions as Record<string, unknown> | null) ?? undefined,
  } as GraphqlParams;
}

/** application/json unless the client accepts only the GraphQL-over-HTTP media type; null: neither (406). */
function responseType(request: GraphqlHttpRequest): string | null {
  const accept = request.header('accept');
  if (!accept) return `${JSON_TYPE}; charset=utf-8`;
  const types = accept.split(',').map((t) => essence(t)!);
  if (types.some((t) => t === JSON_TYPE || t === '*/*' || t === 'application/*')) return `${JSON_TYPE}; charset=utf-8`;
  if (types.includes(GRAPHQL_RESPONSE_TYPE)) return `${GRAPHQL_RESPONSE_TYPE}; charset=utf-8`;
  return null;
}

/** Formats every error (only deliberate, coded messages survive), records its code, stamps the request id. */
function formatErrors(errors: readonly GraphQLError[], record: RequestRecord): GraphQLFormattedError[] {
  return errors.map((err) => {
    const formatted = formatError(err.toJSON(), err);
    const code = formatted.extensions?.code;
    addCode(record, typeof code === 'string' ? code : ErrorCode.Internal);
    return { ...formatted, extensions: { ...formatted.extensions, requestId: record.id } };
  });
}

const MAX_NAME = 100;

/** Answers one GraphQL request for the caller whose schema is `target`. */
export async function handleGraphql(
  request: GraphqlHttpRequest,
  target: PermissionSchema,
  context: () => RequestContext,
  record: RequestRecord,
): Promise<GraphqlHttpResponse> {
  const contentType = responseType(request);
  const answer = (status: number, result: ExecutionResult, headers: Record<string, string> = {}): GraphqlHttpResponse => {
    const body: Record<string, unknown> = {};
    if (result.errors && result.errors.length > 0) body.errors = formatErrors(result.errors, record);
    if (result.data !== undefined) body.data = result.data;
    if (result.extensions !== undefined) body.extensions = result.extensions;
    // errors, data, extensions, and a final newline: the bytes Apollo Server sent, so nothing changes for clients.
    return { status, headers: { 'content-type': contentType ?? `${JSON_TYPE}; charset=utf-8`, ...headers }, body: `${JSON.stringify(body)}\n` };
  };
  const refuse = (e: RequestError) => answer(e.status, { errors: [new GraphQLError(e.message, { extensions: { code: e.code } })] }, e.headers);
  try {
    if (request.method !== 'GET' && request.method !== 'POST') {
      throw new RequestError(405, ErrorCode.MethodNotAllowed, 'GraphQL requests are GET or POST.', { allow: 'GET, POST' });
    }
    preventCsrf(request);
    const params = request.method === 'GET' ? paramsOfGet(request) : paramsOfPost(request);
    if (contentType === null) {
      throw new RequestError(406, ErrorCode.BadRequest, `the accept header allows neither ${JSON_TYPE} nor ${GRAPHQL_RESPONSE_TYPE}`);
    }
    if (params.extensions?.persistedQuery !== undefined) {
      // Automatic persisted queries would keep unbounded query texts per server: not offered.
      return answer(400, { errors: [new GraphQLError('PersistedQueryNotSupported', { extensions: { code: ErrorCode.PersistedQueryNotSupported } })] });
    }
    if (!params.query) {
      throw new RequestError(400, ErrorCode.BadRequest, 'GraphQL operations must contain a non-empty `query`.');
    }
    const checked = target.check(params.query);
    if ('errors' in checked) return answer(400, { errors: [...checked.errors] });
    const operation = getOperationAST(checked.document, params.operationName);
    if (!operation) {
      throw new RequestError(
        400,
        ErrorCode.OperationResolutionFailure,
        params.operationName ? `Unknown operation named "${params.operationName}".` : 'Must provide operation name if query contains multiple operations.',
      );
    }
    record.operationType = operation.operation;
    const name = params.operationName ?? operation.name?.value;
    if (name) record.operationName = name.slice(0, MAX_NAME);
    // A GET must be safe to repeat and to prefetch: it never changes anything.
    if (operation.operation === 'mutation' && request.method === 'GET') {
      throw new RequestError(405, ErrorCode.MethodNotAllowed, 'Can only perform a mutation operation from a POST request.', { allow: 'POST' });
    }
    const result = await executeOperation(
      target.schema,
      `${params.operationName ?? ''}\u0000${params.query}`,
      checked.document,
      params.operationName,
      context(),
      params.variables ?? {},
    );
    return answer(200, result);
  } catch (err) {
    if (err instanceof RequestError) return refuse(err);
    throw err;
  }
}
