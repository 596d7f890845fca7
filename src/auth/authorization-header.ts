import { singleHeader, type AuthRequest } from './domain.js';

/**
 * The `Authorization` header split into scheme and credentials. Basic and Bearer domains both read it;
 * parsing it once, strictly, keeps them from disagreeing about what was presented.
 */
export type AuthorizationHeader =
  | { kind: 'absent' }
  | { kind: 'malformed'; reason: string }
  | { kind: 'present'; scheme: string; credentials: string };

/** Far above any real token or basic credential; refusing early bounds the work a request can cause. */
export const MAX_AUTHORIZATION_LENGTH = 16 * 1024 + 16;

export function readAuthorization(req: AuthRequest): AuthorizationHeader {
  const { value, repeated } = singleHeader(req, 'authorization');
  if (repeated) return { kind: 'malformed', reason: 'repeated Authorization header' };
  if (value === undefined || value.trim() === '') return { kind: 'absent' };
  if (value.length > MAX_AUTHORIZATION_LENGTH) return { kind: 'malformed', reason: 'Authorization header too large' };
  const m = /^\s*([A-Za-z][A-Za-z0-9._~+/-]*)(?:\s+(\S.*?))?\s*$/s.exec(value);
  if (!m) return { kind: 'malformed', reason: 'Authorization header has no scheme' };
  return { kind: 'present', scheme: m[1]!.toLowerCase(), credentials: m[2] ?? '' };
}
