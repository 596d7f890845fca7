import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadConfig } from '../../src/config/load.js';
import type { SearchgateConfig } from '../../src/config/searchgate.js';
import { startGateway, type Gateway } from '../../src/gateway.js';

/** Which backends an integration suite runs on: always the embedded engine, and the real node when available. */
export type BackendName = 'embedded' | 'opensearch';
export const BACKENDS: BackendName[] = process.env.OPENSEARCH_URL ? ['embedded', 'opensearch'] : ['embedded'];
if (!process.env.OPENSEARCH_URL) {
  console.log('[searchgate tests] OPENSEARCH_URL is not set: gateway suites run on the embedded engine only');
}

export interface TestGateway {
  readonly url: string;
  readonly gateway: Gateway;
  /** POST a GraphQL request; `auth` is `user:password` for basic auth, or a full Authorization header value. */
  gql<T = Record<string, unknown>>(query: string, opts?: { variables?: Record<string, unknown>; auth?: string; headers?: Record<string, string> }): Promise<GqlResponse<T>>;
  close(): Promise<void>;
}

export interface GqlResponse<T> {
  status: number;
  headers: Headers;
  // Loosely typed on purpose: tests assert on shapes, including malformed ones.
  body: any;
  text: string;
}

export function authHeader(auth: string): string {
  return /^(Basic|Bearer) /.test(auth) ? auth : `Basic ${Buffer.from(auth, 'utf8').toString('base64')}`;
}

export async function startTestGateway(
  backend: BackendName,
  adjust?: (config: SearchgateConfig) => void,
  configFile = resolve('sample/searchgate.yml'),
): Promise<TestGateway> {
  const dataDir = await mkdtemp(join(tmpdir(), 'searchgate-test-'));
  const env: NodeJS.ProcessEnv = { SEARCHGATE_DATA: dataDir };
  if (backend === 'opensearch') env.OPENSEARCH_URL = process.env.OPENSEARCH_URL;
  const loaded = await loadConfig(configFile, env);
  loaded.config.server.port = 0;
  loaded.config.server.host = '127.0.0.1';
  // Suites run in parallel against one real node: each gateway keeps its security config in its own store.
  const storeIndex = `.searchgate-security-test-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  // ... and its saved searches in their own index.
  const savedIndex = `.searchgate-saved-test-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  if (backend === 'opensearch') {
    loaded.config.store = { ...loaded.config.store, index: storeIndex };
    loaded.config.tenants = { ...loaded.config.tenants, index: savedIndex };
  }
  adjust?.(loaded.config);
  const gateway = await startGateway(loaded);
  return {
    url: gateway.url,
    gateway,
    async gql(query, opts = {}) {
      const headers: Record<string, string> = { 'content-type': 'application/json', ...opts.headers };
      if (opts.auth) headers.authorization = authHeader(opts.auth);
      const res = await fetch(`${gateway.url}/graphql`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ query, variables: opts.variables }),
      });
      const text = await res.text();
      let body: GqlResponse<never>['body'] = {};
      try {
        body = JSON.parse(text);
      } catch {
        /* non-JSON answers are asserted on via `text` */
      }
      return { status: res.status, headers: res.headers, body, text } as never;
    },
    async close() {
      if (backend === 'opensearch') {
        for (const index of [storeIndex, savedIndex]) {
          await gateway.backend.client.indices.delete({ index, ignore_unavailable: true } as never).catch(() => undefined);
        }
      }
      await gateway.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
