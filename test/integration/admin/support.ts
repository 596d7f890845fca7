import { appendFile, cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { memoryAuditSink } from '../../../src/audit/audit-log.js';
import { parseAuthConfig } from '../../../src/auth/config.js';
import { hmacSigner, mintToken } from '../../../src/cli-token.js';
import { loadConfig, type LoadedConfig } from '../../../src/config/load.js';
import { startGateway, type Gateway } from '../../../src/gateway.js';
import { authHeader, type BackendName, type GqlResponse } from '../../support/gateway.js';

/**
 * Gateways for the admin suites: the sample config with a `store` section (a fresh store index per gateway
 * unless one is given, so suites never share configuration), a security folder that adds a reserved and a
 * hidden role, a captured audit log, and bcrypt cost 4 so creating users stays fast.
 */
export const MASTER = 'master-user:master-password';
export const LIMITED = 'limited-user:limited-password';

export interface AdminGateway {
  readonly url: string;
  readonly gateway: Gateway;
  readonly loaded: LoadedConfig;
  readonly audit: ReturnType<typeof memoryAuditSink>;
  readonly storeIndex: string;
  gql(query: string, opts?: { variables?: Record<string, unknown>; auth?: string }): Promise<GqlResponse<never>>;
  close(opts?: { keepData?: boolean }): Promise<void>;
}

const EXTRA_ROLES = `
locked-role:
  reserved: true
  description: "reserved: the API may not change it"
  cluster_permissions: []
secret-role:
  hidden: true
  description: "hidden: the API does not show it"
  cluster_permissions: []
`;

/** A copy of sample/security with a reserved and a hidden role. */
export async function adminSecurityFolder(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'searchgate-admin-security-'));
  await cp(resolve('sample/security'), dir, { recursive: true });
  await appendFile(join(dir, 'roles.yml'), EXTRA_ROLES, 'utf8');
  return dir;
}

export function uniqueStoreIndex(): string {
  return `admin-store-${process.pid}-${Math.random().toString(36).slice(2, 10)}`;
}

export async function startAdminGateway(
  backend: BackendName,
  opts: {
    storeIndex?: string;
    dataDir?: string;
    securityDir?: string;
    pollIntervalMs?: number;
    store?: boolean;
    adjust?: (config: LoadedConfig['config']) => void;
  } = {},
): Promise<AdminGateway> {
  const dataDir = opts.dataDir ?? (await mkdtemp(join(tmpdir(), 'searchgate-admin-')));
  const securityDir = opts.securityDir ?? (await adminSecurityFolder());
  const env: NodeJS.ProcessEnv = { SEARCHGATE_DATA: dataDir };
  if (backend === 'opensearch') env.OPENSEARCH_URL = process.env.OPENSEARCH_URL;
  const loaded = await loadConfig(resolve('sample/searchgate.yml'), env);
  loaded.config.server.port = 0;
  loaded.config.server.host = '127.0.0.1';
  loaded.config.security.configDir = securityDir;
  const storeIndex = opts.storeIndex ?? uniqueStoreIndex();
  loaded.config.store =
    opts.store === false
      ? { ...loaded.config.store, durable: false }
      : { index: storeIndex, pollIntervalMs: opts.pollIntervalMs ?? 200, durable: true };
  // Saved searches too get their own index on a shared real node.
  const savedIndex = `${storeIndex}-saved`;
  if (backend === 'opensearch') loaded.config.tenants = { ...loaded.config.tenants, index: savedIndex };
  opts.adjust?.(loaded.config);
  const audit = memoryAuditSink();
  const gateway = await startGateway(loaded, { audit: [audit], passwordCost: 4 });
  return {
    url: gateway.url,
    gateway,
    loaded,
    audit,
    storeIndex,
    async gql(query, o = {}) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (o.auth) headers.authorization = authHeader(o.auth);
      const res = await fetch(`${gateway.url}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query, variables: o.variables }) });
      const text = await res.text();
      let body: unknown = {};
      try {
        body = JSON.parse(text);
      } catch {
        /* asserted via text */
      }
      return { status: res.status, headers: res.headers, body, text } as GqlResponse<never>;
    },
    async close(o = {}) {
      await gateway.close();
      if (!o.keepData) {
        if (backend === 'opensearch' && opts.storeIndex === undefined) await dropIndex(storeIndex);
        if (backend === 'opensearch') await dropIndex(savedIndex);
        if (opts.dataDir === undefined) await rm(dataDir, { recursive: true, force: true });
        if (opts.securityDir === undefined) await rm(securityDir, { recursive: true, force: true });
      }
    },
  };
}

/**
 * A Bearer token for master-user from the config's HMAC jwt domain: many parallel requests then need no bcrypt
 * run each (the basic domain would throttle a burst of parallel logins right after a user change).
 */
export async function masterToken(gw: AdminGateway): Promise<string> {
  const signer = hmacSigner(parseAuthConfig(gw.loaded.config.auth).domains.filter((d) => d.type === 'jwt'));
  return `Bearer ${await mintToken(signer, { sub: 'master-user', roles: [], ttlSeconds: 600 })}`;
}

/** Removes a store index on the real node (tests clean up after themselves). */
export async function dropIndex(index: string): Promise<void> {
  if (!process.env.OPENSEARCH_URL) return;
  await fetch(`${process.env.OPENSEARCH_URL}/${index}`, { method: 'DELETE' }).catch(() => undefined);
}

/** The errors' codes of a GraphQL answer. */
export function codes(body: { errors?: { extensions?: { code?: string } }[] }): (string | undefined)[] {
  return (body.errors ?? []).map((e) => e.extensions?.code);
}
