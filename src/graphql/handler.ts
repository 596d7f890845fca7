import { GraphQLError, getOperationAST, type ExecutionResult, type GraphQLFormattedError } from 'graphql';
import type { RequestContext } from '../api/context.js';
import { executeOperation } from '../api/kernel/execute.js';
import { formatError } from '../api/kernel/format-error.js';
import { ErrorCode } from '../errors.js';
import { addCode, type RequestRecord } from '../observability/request.js';
import { responseType } from './media-type.js';
import { graphqlParams } from './params.js';
import { JSON_TYPE, GRAPHQL_RESPONSE_TYPE, RequestError, type GraphqlHttpRequest, type GraphqlHttpResponse } from './request.js';
import type { PermissionSchema } from './schemas.js';
import { preventCsrf } from './use-csrf.js';

/**
 * GraphQL over HTTP, as a pure function of the request (graphql-http's handler.ts is the model): no socket,
 * no framework. It keeps what Apollo Server did for us — GET and POST, CSRF prevention, 400/405/415 answers,
 * coded parse, validation and variable errors, one error formatter — and hands the operation to the API's one
 * executor (src/api/kernel/execute.ts).
 */
export type { GraphqlHttpRequest, GraphqlHttpResponse } from './request.js';

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
    const params = graphqlParams(request);
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
