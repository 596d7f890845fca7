import type { GraphQLFormattedError } from 'graphql';
import { log } from '../log.js';
import { ErrorCode } from './errors.js';

/** Codes whose messages were written for callers (ours, and Apollo's request/validation errors). */
const PUBLIC_CODES = new Set<string>([
  ...Object.values(ErrorCode),
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

/**
 * Anything not deliberately made public becomes a bare INTERNAL_SERVER_ERROR: unexpected exceptions can carry
 * backend text, index names or field values, none of which may reach a caller.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && PUBLIC_CODES.has(code) && code !== ErrorCode.Internal) {
    const { stacktrace: _drop, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  log.error({ err: error, message: formatted.message }, 'unexpected error in a GraphQL request');
  return {
    message: 'internal error',
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions: { code: ErrorCode.Internal },
  };
}
