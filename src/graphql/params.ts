import { ErrorCode } from '../errors.js';
import { essence, JSON_TYPE, RequestError, type GraphqlHttpRequest } from './request.js';

/** What a GET's query string or a POST's JSON body asks, checked as Apollo Server checked it. */
export interface GraphqlParams {
  readonly query: string | undefined;
  readonly operationName: string | undefined;
  readonly variables: Record<string, unknown> | undefined;
  readonly extensions: Record<string, unknown> | undefined;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

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

/** The request's parameters; RequestError (400, 415) when they are malformed. */
export function graphqlParams(request: GraphqlHttpRequest): GraphqlParams {
  return request.method === 'GET' ? paramsOfGet(request) : paramsOfPost(request);
}
