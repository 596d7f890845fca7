import { appendFile, cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { memoryAuditSink } from '../../../src/audit/audit-log.js';
import { loadConfig } from '../../../src/config/load.js';
import type { SearchgateConfig } from '../../../src/config/searchgate.js';
import { startGateway, type Gateway } from '../../../src/gateway.js';
import { AUTH_FIXTURE } from './support.js';

/**
 * A gateway on the auth fixture with extra internal users (YAML appended to a copy of the fixture's
 * internal_users.yml), basic auth only unless `adjust` says otherwise, and a captured audit log.
 * Shared by the hostile-request suites (not a test file itself).
 */
export interface CustomGateway {
  readonly url: string;
  readonly gateway: Gateway;
  readonly audit: ReturnType<typeof memoryAuditSink>;
  post(body: unknown, headers?: Record<string, string>): Promise<{ status: number; headers: Headers; text: string; body: any }>;
  close(): Promise<void>;
}

export async function startCustomGateway(opts: { extraUsersYaml?: string; adjust?: (config: SearchgateConfig) => void } = {}): Promise<CustomGateway> {
  const securityDir = await mkdtemp(join(tmpdir(), 'searchgate-auth-security-'));
  const dataDir = await mkdtemp(join(tmpdir(), 'searchgate-auth-data-'));
  await cp(resolve('test/fixtures/auth/security'), securityDir, { recursive: true });
  if (opts.extraUsersYaml) await appendFile(join(securityDir, 'internal_users.yml'), `\n${opts.extraUsersYaml}\n`);
  const loaded = await loadConfig(AUTH_FIXTURE, { SEARCHGATE_DATA: dataDir });
  loaded.config.server.port = 0;
  loaded.config.server.host = '127.0.0.1';
  loaded.config.security.configDir = securityDir;
  loaded.config.store = { ...loaded.config.store, durable: false };
  loaded.config.auth = {
    domains: [{ type: 'basic', name: 'internal' }],
    throttle: { maxFailuresPerUser: 5, maxFailuresPerAddress: 100_000, windowSeconds: 60, lockSeconds: 2 },
  };
  opts.adjust?.(loaded.config);
  const audit = memoryAuditSink();
  const gateway = await startGateway(loaded, { audit: [audit] });
  return {
    url: gateway.url,
    gateway,
    audit,
    async post(body, headers = {}) {
      const res = await fetch(`${gateway.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await res.text();
      let parsed: unknown = undefined;
      try {
        parsed = JSON.parse(text);
      } catch {
        /* asserted through `text` */
      }
      return { status: res.status, headers: res.headers, text, body: parsed };
    },
    async close() {
      await gateway.close();
      await rm(securityDir, { recursive: true, force: true });
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export const basicHeader = (user: string, password: string) => ({ authorization: `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}` });
