import type { GraphQLFormattedError } from 'graphql';
import { log } from '../../log.js';
import { ErrorCode, isPublicCode } from '../../errors.js';

/**
 * Anything not deliberately made public becomes a bare INTERNAL_SERVER_ERROR: unexpected exceptions can carry
 * backend text, index names or field values, none of which may reach a caller.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  if (isPublicCode(code)) {
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
