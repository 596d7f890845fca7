import { expect } from 'vitest';
import type { AuthOutcome } from '../../../src/auth/chain.js';
import type { AuthRequest } from '../../../src/auth/domain.js';
import type { InternalUser, InternalUserSource } from '../../../src/auth/internal-users.js';
import { hashPassword, highestBcryptCost } from '../../../src/auth/password.js';
import type { Principal } from '../../../src/auth/principal.js';

/** Shared helpers for the auth unit tests (not a test file itself). */

export function request(opts: { authorization?: string | string[]; headers?: Record<string, string | string[]>; remoteAddress?: string; url?: string } = {}): AuthRequest {
  const headers: Record<string, string | string[] | undefined> = { ...(opts.headers ?? {}) };
  if (opts.authorization !== undefined) headers.authorization = opts.authorization;
  return { headers, remoteAddress: opts.remoteAddress ?? '192.0.2.10', url: new URL(opts.url ?? 'http://gateway.test/graphql') };
}

export function basic(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;
}

export function bearer(token: string): string {
  return `Bearer ${token}`;
}

/** Refused as unauthorized, with a generic challenge that does not carry the (log-only) reason. */
export function expectUnauthorized(outcome: AuthOutcome, reasonPattern?: RegExp): asserts outcome is Extract<AuthOutcome, { kind: 'unauthorized' }> {
  expect(outcome.kind, JSON.stringify(outcome)).toBe('unauthorized');
  if (outcome.kind !== 'unauthorized') return;
  expect(outcome.reason.length).toBeGreaterThan(0);
  expect(outcome.challenge).toMatch(/^(Basic|Bearer|Proxy) realm="[^"]*"(, charset="UTF-8")?(, (Basic|Bearer|Proxy) realm="[^"]*"(, charset="UTF-8")?)*$/);
  expect(outcome.challenge).not.toContain(outcome.reason);
  for (const word of outcome.reason.split(/[^A-Za-z0-9_]+/).filter((w) => w.length > 6)) expect(outcome.challenge).not.toContain(word);
  if (reasonPattern) expect(outcome.reason).toMatch(reasonPattern);
}

/** Refused as unauthorized or throttled; never ok. */
export function expectRefused(outcome: AuthOutcome): void {
  if (outcome.kind === 'throttled') {
    expect(outcome.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    return;
  }
  expectUnauthorized(outcome);
}

export function expectOk(outcome: AuthOutcome): Principal {
  expect(outcome.kind, JSON.stringify(outcome)).toBe('ok');
  if (outcome.kind !== 'ok') throw new Error('unreachable');
  return outcome.principal;
}

/** An in-memory user set whose version changes on every edit, like the config store's. */
export class MemoryUsers implements InternalUserSource {
  private readonly users = new Map<string, InternalUser>();
  private revision = 0;
  lookups = 0;

  get version(): string {
    return `v${this.revision}`;
  }

  /** As the gateway's source reports it: unknown names are then checked at the users' cost, not the default 12. */
  get highestCost(): number | undefined {
    return highestBcryptCost([...this.users.values()].map((u) => u.hash));
  }

  get(name: string): InternalUser | undefined {
    this.lookups++;
    return this.users.get(name);
  }

  async add(name: string, password: string, extra: Partial<Omit<InternalUser, 'name' | 'hash'>> = {}, cost = 4): Promise<InternalUser> {
    const user: InternalUser = {
      name,
      hash: await hashPassword(password, cost),
      backendRoles: extra.backendRoles ?? [],
      securityRoles: extra.securityRoles ?? [],
      attributes: extra.attributes ?? {},
    };
    this.put(user);
    return user;
  }

  put(user: InternalUser): void {
    this.users.set(user.name, user);
    this.revision++;
  }

  remove(name: string): void {
    this.users.delete(name);
    this.revision++;
  }
}

export function b64url(input: string | Buffer): string {
  return Buffer.from(input).toString('base64url');
}
