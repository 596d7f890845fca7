import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { cannedHits, INDEX, MAPPING } from '../../bench/gateway/instant-backend.js';
import { writeFixture } from '../../bench/gateway/fixture.js';
import { loadConfig, type LoadedConfig } from '../../src/config/load.js';

/**
 * A stand-in OpenSearch node for gateway tests that need to make the backend misbehave: it answers what the
 * gateway asks at start (aliases, mapping, version) and searches with canned hits, unless `intercept` says
 * otherwise for a request (answer with a status and body, or drop the connection).
 */
export type Interception = { status: number; body: unknown } | 'drop' | undefined;

export interface StubBackend {
  readonly url: string;
  /** The bench fixture's config (one DLS role, bench-user) pointed at this backend. */
  config(): Promise<LoadedConfig>;
  close(): Promise<void>;
}

export async function startStubBackend(intercept: (req: IncomingMessage, path: string) => Interception = () => undefined, hits = 3): Promise<StubBackend> {
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    req.resume();
    req.on('end', () => {
      const special = intercept(req, path);
      if (special === 'drop') return void req.socket.destroy();
      const body =
        special ? special.body
        : path === '/_alias' ? { [INDEX]: { aliases: {} } }
        : path === `/${INDEX}/_mapping` ? { [INDEX]: { mappings: MAPPING } }
        : path.endsWith('/_search') ? cannedHits(hits)
        : { version: { number: '3.6.0', distribution: 'opensearch' } };
      res.writeHead(special ? special.status : 200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    config: async () => loadConfig(join(await writeFixture(url), 'searchgate.yml'), {}),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
