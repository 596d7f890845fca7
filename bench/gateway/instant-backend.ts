import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in OpenSearch node that answers instantly with canned bodies, so the benchmark measures the
 * gateway's own cost. It answers only what the gateway asks for a search.
 */
export const INDEX = 'bench-docs';

export const MAPPING = {
  properties: {
    title: { type: 'text', fields: { keyword: { type: 'keyword', ignore_above: 256 } } },
    body: { type: 'text' },
    year: { type: 'integer' },
    price: { type: 'float' },
    tag: { type: 'keyword' },
    category: { type: 'keyword' },
    internal: { type: 'keyword' },
    owner: { type: 'keyword' },
  },
};

export function cannedHits(n = 20): Record<string, unknown> {
  const hits = Array.from({ length: n }, (_, i) => ({
    _index: INDEX,
    _id: `doc-${i}`,
    _score: 1.5 - i / 100,
    _source: { title: `Document number ${i}`, body: `Body text of document ${i} with several words`, year: 2000 + i, price: 9.99 + i, tag: `tag-${i % 5}` },
    sort: [1.5 - i / 100, `doc-${i}`],
  }));
  return { took: 1, timed_out: false, _shards: { total: 1, successful: 1, skipped: 0, failed: 0 }, hits: { total: { value: 1000, relation: 'eq' }, max_score: 1.5, hits } };
}

export async function startInstantBackend(): Promise<{ url: string; server: Server; close(): Promise<void> }> {
  const search = Buffer.from(JSON.stringify(cannedHits(21)));
  const json = (o: unknown) => Buffer.from(JSON.stringify(o));
  const routes: Record<string, Buffer> = {
    '/': json({ name: 'instant', cluster_name: 'bench', version: { distribution: 'opensearch', number: '3.6.0' } }),
    '/_alias': json({ [INDEX]: { aliases: {} } }),
    [`/${INDEX}/_mapping`]: json({ [INDEX]: { mappings: MAPPING } }),
  };
  const hits = cannedHits(21);
  const batches = new Map<number, Buffer>();
  const batchOf = (n: number) => {
    let b = batches.get(n);
    if (!b) batches.set(n, (b = json({ took: 1, responses: Array.from({ length: n }, () => ({ ...hits, status: 200 })) })));
    return b;
  };
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (text += c));
    req.on('end', () => {
      // `_msearch`: one canned answer per search (header and body lines), as OpenSearch shapes them.
      const searches = path.endsWith('/_msearch') ? text.split('\n').filter((l) => l.trim() !== '').length / 2 : 0;
      const body = path.endsWith('/_search') ? search : searches > 0 ? batchOf(searches) : routes[path];
      if (!body) {
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end('{"error":{"type":"not_found"},"status":404}');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json; charset=UTF-8', 'content-length': body.length });
      res.end(body);
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, server, close: () => new Promise((r) => server.close(() => r())) };
}
