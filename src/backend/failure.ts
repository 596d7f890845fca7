import { GraphQLError } from 'graphql';
import { ErrorCode, gqlError } from '../errors.js';
import { log } from '../log.js';
import { BackendRequestError, BackendUnavailableError, translateClientError } from './search-port.js';

/**
 * The one mapping from a failed backend call to what the caller sees: a request the backend refused as
 * written (400) is the caller's; another refusal is the backend's; no answer is unavailability. The detail
 * (status, type, reason) goes to the log only. Anything else is a bug: INTERNAL_SERVER_ERROR, logged.
 * `what` names the work for the caller ("the search", "saved searches").
 */
export function backendFailure(err: unknown, what: string): GraphQLError {
  if (err instanceof GraphQLError) return err;
  const e = err instanceof BackendRequestError || err instanceof BackendUnavailableError ? err : translateClientError(err);
  if (e instanceof BackendRequestError) {
    log.warn({ status: e.status, type: e.type, detail: e.detail, what }, 'backend refused a request');
    if (e.status === 400) return gqlError(ErrorCode.BadUserInput, `${what} could not be run as written`);
    return gqlError(ErrorCode.BackendError, 'the search backend failed to answer');
  }
  if (e instanceof BackendUnavailableError) {
    log.error({ detail: e.detail, what }, 'backend unavailable');
    return gqlError(ErrorCode.BackendUnavailable, 'the search backend is unavailable');
  }
  log.error({ err, what }, 'unexpected failure');
  return gqlError(ErrorCode.Internal, 'internal error');
}
