import { resolve } from 'node:path';
import { expect } from 'vitest';
import type { SearchgateConfig } from '../../../src/config/searchgate.js';
import { startTestGateway, type GqlResponse, type TestGateway } from '../../support/gateway.js';
import type { TestIssuer } from '../../support/issuer.js';

/** Shared by the authentication suites over HTTP (not a test file itself). */

export const AUTH_FIXTURE = resolve('test/fixtures/auth/searchgate.yml');
export const AUDIENCE = 'searchgate-tests';
export const CHALLENGE = 'Basic realm="Searchgate", charset="UTF-8", Bearer realm="Searchgate"';
/** The whole body of every 401: nothing about which check failed, whose credentials, or what was sent. */
/** Every refusal names its request (the id from x-request-id, or one generated) and nothing else. */
const REQUEST_ID = expect.stringMatching(/^[A-Za-z0-9._:-]{1,128}$/);
export const GENERIC_401 = { errors: [{ message: 'authentication required', extensions: { code: 'UNAUTHENTICATED', requestId: REQUEST_ID } }] };
export const GENERIC_429 = { errors: [{ message: 'too many failed logins; try again later', extensions: { code: 'TOO_MANY_REQUESTS', requestId: REQUEST_ID } }] };
/** Words a log reason would contain; none may reach the client. */
const REASON_WORDS = /expired|issuer|audience|signature|kid|algorithm|claim|password|base64|malformed|token|jwks|nbf|iat|exp\b|user name/i;

type RawAuthConfig = { domains: Record<string, unknown>[] } & Record<string, unknown>;

/** Points the fixture's jwt domain at a running test issuer (discovery, iss, HMAC secret). */
export function useIssuer(issuer: TestIssuer, jwtOverrides: Record<string, unknown> = {}) {
  return (config: SearchgateConfig): void => {
    const auth = config.auth as RawAuthConfig;
    const jwt = auth.domains.find((d) => d.type === 'jwt');
    if (!jwt) throw new Error('fixture has no jwt domain');
    Object.assign(jwt, {
      oidcDiscoveryUrl: issuer.discoveryUrl,
      requiredIssuer: issuer.issuer,
      keys: [{ kind: 'hmac', secret: issuer.hmacSecretBase64, encoding: 'base64' }],
      ...jwtOverrides,
    });
  };
}

export function startAuthGateway(issuer: TestIssuer, adjust?: (config: SearchgateConfig) => void): Promise<TestGateway> {
  return startTestGateway(
    'embedded',
    (config) => {
      useIssuer(issuer)(config);
      adjust?.(config);
    },
    AUTH_FIXTURE,
  );
}

export const ME = '{ me { name authType backendRoles roles } }';

/** Claims of a token the fixture accepts (signing adds iss, iat and exp). */
export function validClaims(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { sub: 'jwt-reader', roles: ['reader'], aud: AUDIENCE, ...extra };
}

export function b64url(value: string | Uint8Array | object): string {
  const bytes = typeof value === 'string' || value instanceof Uint8Array ? value : JSON.stringify(value);
  return Buffer.from(bytes).toString('base64url');
}

/**
 * A 401 exactly as the gateway must send it: the generic challenge, the generic body, and none of
 * `secrets` (the token, the user name, the password) nor any word of a refusal reason in the answer.
 */
export function expectGeneric401(r: GqlResponse<unknown>, secrets: readonly string[] = []): void {
  expect(r.status, r.text).toBe(401);
  expect(r.headers.get('www-authenticate')).toBe(CHALLENGE);
  expect(r.body).toEqual(GENERIC_401);
  // The random request id (a UUID, pinned by the body check above) can spell a short secret such as "abc":
  // the text is searched without it.
  const shown = r.text.replace(/"requestId":"[0-9a-f-]{36}"/, '"requestId":""');
  expect(shown).not.toMatch(REASON_WORDS);
  for (const s of secrets) if (s.length > 0) expect(shown).not.toContain(s);
}

export function expectGeneric429(r: GqlResponse<unknown>, maxRetryAfter: number): number {
  expect(r.status, r.text).toBe(429);
  const retryAfter = Number(r.headers.get('retry-after'));
  expect(Number.isInteger(retryAfter)).toBe(true);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(maxRetryAfter);
  expect(r.body).toEqual(GENERIC_429);
  return retryAfter;
}

/** Polls `probe` until `done` holds or `withinMs` passes; returns the elapsed time, or fails. */
export async function eventually<T>(probe: () => Promise<T>, done: (value: T) => boolean, withinMs: number, what: string): Promise<number> {
  const start = Date.now();
  let last: T | undefined;
  while (Date.now() - start <= withinMs) {
    last = await probe();
    if (done(last)) return Date.now() - start;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what}: not within ${withinMs} ms (last: ${JSON.stringify(last)})`);
}
