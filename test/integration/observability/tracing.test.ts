import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { PASSWORD, USER } from '../../../bench/gateway/fixture.js';
import { startStubBackend, type StubBackend } from '../../support/stub-backend.js';
import { startGateway, type Gateway } from '../../../src/gateway.js';

/**
 * Tracing: a request carrying a W3C traceparent produces, at an OTLP/HTTP receiver configured only through the
 * standard OTEL_* variables, one trace under that parent: the server span with authenticate, authorize, schema
 * and execute under it, and one client span per backend search under execute — and the backend receives a
 * traceparent naming that client span. (Tracing is per process; vitest runs each file in its own.)
 */
interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
}

const spans: OtlpSpan[] = [];
const backendTraceparents: string[] = [];
let receiver: Server;
let backend: StubBackend;
let gateway: Gateway;

function listen(server: Server): Promise<number> {
  return new Promise((r) => server.listen(0, '127.0.0.1', () => r((server.address() as AddressInfo).port)));
}

beforeAll(async () => {
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const parsed = JSON.parse(body) as { resourceSpans: { scopeSpans: { spans: OtlpSpan[] }[] }[] };
      for (const rs of parsed.resourceSpans) for (const ss of rs.scopeSpans) spans.push(...ss.spans);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{}');
    });
  });
  const receiverPort = await listen(receiver);
  process.env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT = `http://127.0.0.1:${receiverPort}/v1/traces`;
  process.env.OTEL_BSP_SCHEDULE_DELAY = '50';

  backend = await startStubBackend((req, path) => {
    const tp = req.headers.traceparent;
    if (path.endsWith('/_search') && typeof tp === 'string') backendTraceparents.push(tp);
    return undefined;
  }, 2);
  const loaded = await backend.config();
  loaded.config.observability.tracing = true;
  gateway = await startGateway(loaded);
});

afterAll(async () => {
  await gateway?.close();
  await backend.close();
  await new Promise<void>((r) => receiver.close(() => r()));
});

it('exports the span tree of a request under the caller\'s traceparent, and passes it to the backend', async () => {
  const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
  const parentId = '00f067aa0ba902b7';
  const res = await fetch(`${gateway.url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`,
      traceparent: `00-${traceId}-${parentId}-01`,
    },
    body: JSON.stringify({ query: '{ a: docs(first: 1) { total } b: docs(first: 2) { total } }' }),
  });
  expect(res.status).toBe(200);
  for (let i = 0; i < 100 && !spans.some((s) => s.name === 'POST /graphql'); i++) await new Promise((r) => setTimeout(r, 50));

  const mine = spans.filter((s) => s.traceId === traceId);
  const byName = (n: string) => mine.filter((s) => s.name === n);
  const [root] = byName('POST /graphql');
  expect(root).toBeDefined();
  expect(root!.parentSpanId).toBe(parentId);
  expect(root!.kind).toBe(2); // SERVER
  for (const stage of ['authenticate', 'authorize', 'schema', 'execute']) {
    expect(byName(stage), stage).toHaveLength(1);
    expect(byName(stage)[0]!.parentSpanId, stage).toBe(root!.spanId);
  }
  const searches = byName('opensearch search');
  expect(searches).toHaveLength(2);
  for (const s of searches) {
    expect(s.parentSpanId).toBe(byName('execute')[0]!.spanId);
    expect(s.kind).toBe(3); // CLIENT
  }
  // The backend saw each client span as its parent.
  expect(backendTraceparents.map((tp) => tp.split('-')[2]).sort()).toEqual(searches.map((s) => s.spanId).sort());
  expect(backendTraceparents.every((tp) => tp.split('-')[1] === traceId)).toBe(true);
});
