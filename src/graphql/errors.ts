import { GraphQLError } from 'graphql';

/**
 * Every error a caller can see carries one of these stable `extensions.code` values. Messages never contain
 * backend internals, hidden field names or values; details go to the log.
 */
export const ErrorCode = {
  BadUserInput: 'BAD_USER_INPUT',
  Forbidden: 'FORBIDDEN',
  NotFound: 'NOT_FOUND',
  Conflict: 'CONFLICT',
  BackendUnavailable: 'BACKEND_UNAVAILABLE',
  BackendError: 'BACKEND_ERROR',
  /** A request over one of the caller's limits (src/graphql/limits.ts), refused before any backend call. */
  QueryTooComplex: 'QUERY_TOO_COMPLEX',
  /** The answer would exceed the caller's response-size limit. */
  ResponseTooLarge: 'RESPONSE_TOO_LARGE',
  Internal: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export function gqlError(code: ErrorCode, message: string, extra?: Record<string, unknown>): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extra } });
}

export const badInput = (message: string, extra?: Record<string, unknown>) =>
  gqlError(ErrorCode.BadUserInput, message, extra);
