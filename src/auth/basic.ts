import { isUtf8 } from 'node:buffer';
import { readAuthorization } from './authorization-header.js';
import { invalid, type AuthDomain, type AuthRequest, type Identity, type Presented, type Verdict } from './domain.js';
import type { InternalUser, InternalUserSource } from './internal-users.js';
import type { PasswordCheck, PasswordVerifier } from './password.js';

/**
 * HTTP Basic against internal users. Parsing is strict because a lenient decoder turns garbage into
 * some user name: Node's base64 decoder skips unknown characters, and invalid UTF-8 would become
 * U+FFFD and could collide with a real name.
 */

export type BasicCredentials = { user: string; password: string };

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/**
 * Whether decoding and encoding again gives the same characters (padding aside), decided from the length and
 * the unused low bits of the last character instead of by re-encoding: this runs on every request.
 */
function canonicalBase64(encoded: string): boolean {
  let end = encoded.length;
  while (end > 0 && encoded.charCodeAt(end - 1) === 61 /* = */) end--;
  const rest = end % 4;
  if (rest === 0) return true;
  if (rest === 1) return false;
  const last = BASE64.indexOf(encoded[end - 1]!);
  return (last & (rest === 2 ? 0x0f : 0x03)) === 0;
}

/** The user and password in `Basic <base64>` credentials, or a reason they are unusable. */
export function parseBasicCredentials(encoded: string): BasicCredentials | { error: string } {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encoded)) return { error: 'basic credentials are not base64' };
  if (!canonicalBase64(encoded)) return { error: 'basic credentials are not canonical base64' };
  const bytes = Buffer.from(encoded, 'base64');
  if (!isUtf8(bytes)) return { error: 'basic credentials are not UTF-8' };
  const text = bytes.toString('utf8');
  // The user name cannot contain ':' (RFC 7617); the password may, so split at the first one only.
  const colon = text.indexOf(':');
  if (colon < 0) return { error: 'basic credentials have no ":"' };
  const user = text.slice(0, colon);
  const password = text.slice(colon + 1);
  if (user.length === 0) return { error: 'empty user name' };
  if (password.length === 0) return { error: 'empty password' };
  return { user, password };
}

export function internalIdentity(user: InternalUser): Identity {
  const attributes: Record<string, string> = {};
  for (const [k, v] of Object.entries(user.attributes)) attributes[`internal.${k}`] = v;
  return {
    name: user.name,
    backendRoles: [...user.backendRoles],
    directRoles: [...user.securityRoles],
    attributes,
    authType: 'basic',
  };
}

export function basicDomain(name: string, realm: string, users: InternalUserSource, passwords: PasswordVerifier): AuthDomain {
  return {
    name,
    challenge: `Basic realm="${realm}", charset="UTF-8"`,
    extract(req: AuthRequest): Presented | undefined {
      const header = readAuthorization(req);
      if (header.kind === 'absent') return undefined;
      if (header.kind === 'malformed') return invalid(header.reason);
      if (header.scheme !== 'basic') return undefined;
      const creds = parseBasicCredentials(header.credentials);
      if ('error' in creds) return invalid(creds.error);
      return {
        user: creds.user,
        peek: () => {
          const user = passwords.cached(creds.user, creds.password, users);
          return user ? internalIdentity(user) : undefined;
        },
        joinInFlight: () => passwords.inFlightFor(creds.user, creds.password, users)?.then(verdictOf),
        verify: async () => verdictOf(await passwords.verify(creds.user, creds.password, users)),
      };
    },
  };
}

function verdictOf(check: PasswordCheck): Verdict {
  if (check.kind === 'match') return { kind: 'ok', identity: internalIdentity(check.user) };
  if (check.kind === 'disabled') return { kind: 'invalid', reason: 'user is disabled (enabled: false)' };
  if (check.kind === 'busy') return { kind: 'busy', reason: 'too many password checks in progress', retryAfterSeconds: check.retryAfterSeconds };
  return { kind: 'invalid', reason: 'wrong user name or password' };
}
