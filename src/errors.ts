import { GraphQLError } from 'graphql';

/**
 * The one error catalogue. Every error a caller can see carries one of these stable `extensions.code` values;
 * messages never contain backend internals, hidden field names or values (details go to the log). Each code
 * fixes the HTTP status it has when it ends a request outside GraphQL execution (transport refusals); inside
 * execution, GraphQL answers keep 200 and the code alone says what happened.
 */
export const ErrorCode = {
  // Execution: our resolvers and limits.
  BadUserInput: 'BAD_USER_INPUT',
  Forbidden: 'FORBIDDEN',
  NotFound: 'NOT_FOUND',
  Conflict: 'CONFLICT',
  /** A request over one of the caller's limits (src/api/kernel/limits.ts), refused before any backend call. */
  QueryTooComplex: 'QUERY_TOO_COMPLEX',
  /** The answer would exceed the caller's response-size limit. */
  ResponseTooLarge: 'RESPONSE_TOO_LARGE',
  BackendUnavailable: 'BACKEND_UNAVAILABLE',
  BackendError: 'BACKEND_ERROR',
  Internal: 'INTERNAL_SERVER_ERROR',
  // The GraphQL request itself (Apollo's codes, kept as clients know them).
  ParseFailed: 'GRAPHQL_PARSE_FAILED',
  ValidationFailed: 'GRAPHQL_VALIDATION_FAILED',
  BadRequest: 'BAD_REQUEST',
  OperationResolutionFailure: 'OPERATION_RESOLUTION_FAILURE',
  PersistedQueryNotFound: 'PERSISTED_QUERY_NOT_FOUND',
  PersistedQueryNotSupported: 'PERSISTED_QUERY_NOT_SUPPORTED',
  // Transport: before GraphQL runs.
  Unauthenticated: 'UNAUTHENTICATED',
  TooManyRequests: 'TOO_MANY_REQUESTS',
  LoginBusy: 'LOGIN_BUSY',
  ServerBusy: 'SERVER_BUSY',
  PayloadTooLarge: 'PAYLOAD_TOO_LARGE',
  MethodNotAllowed: 'METHOD_NOT_ALLOWED',
  HostNotAllowed: 'HOST_NOT_ALLOWED',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** The HTTP status of each code when it is the whole answer (a refusal outside execution). */
export const HTTP_STATUS: { readonly [C in ErrorCode]: number } = {
  BAD_USER_INPUT: 400,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  QUERY_TOO_COMPLEX: 400,
  RESPONSE_TOO_LARGE: 200,
  BACKEND_UNAVAILABLE: 503,
  BACKEND_ERROR: 502,
  INTERNAL_SERVER_ERROR: 500,
  GRAPHQL_PARSE_FAILED: 400,
  GRAPHQL_VALIDATION_FAILED: 400,
  BAD_REQUEST: 400,
  OPERATION_RESOLUTION_FAILURE: 400,
  PERSISTED_QUERY_NOT_FOUND: 200,
  PERSISTED_QUERY_NOT_SUPPORTED: 200,
  UNAUTHENTICATED: 401,
  TOO_MANY_REQUESTS: 429,
  LOGIN_BUSY: 503,
  SERVER_BUSY: 503,
  PAYLOAD_TOO_LARGE: 413,
  METHOD_NOT_ALLOWED: 405,
  HOST_NOT_ALLOWED: 400,
};

const ALL_CODES: ReadonlySet<string> = new Set(Object.values(ErrorCode));

export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && ALL_CODES.has(code);
}

/** Codes whose messages were written for callers: everything but INTERNAL_SERVER_ERROR. */
export function isPublicCode(code: unknown): code is ErrorCode {
  return isErrorCode(code) && code !== ErrorCode.Internal;
}

export function gqlError(code: ErrorCode, message: string, extra?: Record<string, unknown>): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extra } });
}

export const badInput = (message: string, extra?: Record<string, unknown>) => gqlError(ErrorCode.BadUserInput, message, extra);

/** The JSON body of a refusal outside execution: one coded error, nothing else. */
export function errorBody(code: ErrorCode, message: string, extra?: Record<string, unknown>): { errors: [{ message: string; extensions: Record<string, unknown> }] } {
  return { errors: [{ message, extensions: { code, ...extra } }] };
}
