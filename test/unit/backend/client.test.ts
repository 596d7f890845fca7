import { afterEach, describe, expect, it } from 'vitest';
import { BackendStartError, createBackend, type Backend } from '../../../src/backend/client.js';
import { parseBackendOptions } from '../../../src/backend/options.js';
import { startFakeNode, type FakeNode } from './support/fake-node.js';

let nodes: FakeNode[] = [];
let backend: Backend | undefined;
afterEach(async () => {
  await backend?.close();
  for (const n of nodes) await n.close();
  backend = undefined;
  nodes = [];
});
async function fake(...args: Parameters<typeof startFakeNode>): Promise<FakeNode> {
  const n = await startFakeNode(...args);
  nodes.push(n);
  return n;
}
const searches = (n: FakeNode) => n.requests.filter((r) => r.target.includes('/_search'));

describe('basic auth', () => {
  it('sends the configured username and password on every request', async () => {
    const node = await fake((req) =>
      req.headers.authorization === `Basic ${Buffer.from('searchgate:s3cr:et').toString('base64')}`
        ? undefined
        : { status: 401, body: { error: { type: 'security_exception', reason: 'missing authentication' }, status: 401 } },
    );
    backend = await createBackend(parseBackendOptions({ url: node.url, auth: { username: 'searchgate', password: 's3cr:et' } }));
    await backend.client.search({ index: 'sg-docs', body: { query: { match_all: {} } } as never });
    expect(node.requests.length).toBeGreaterThanOrEqual(2);
    for (const r of node.requests) expect(r.headers.authorization).toMatch(/^Basic /);
    expect(backend.description).not.toContain('s3cr');
  });

  it('fails to start with a clear message when the node refuses the credentials', async () => {
    const node = await fake(() => ({
      status: 401,
      body: { error: { type: 'security_exception', reason: 'Authentication finally failed' }, status: 401 },
    }));
    await expect(
      createBackend(parseBackendOptions({ url: node.url, auth: { username: 'u', password: 'wrong' } })),
    ).rejects.toThrow(/refused the username\/password \(HTTP 401: Authentication finally failed\)/);
  });

  it('sends no authorization header when none is configured', async () => {
    const node = await fake();
    backend = await createBackend(parseBackendOptions({ url: node.url }));
    expect(node.requests[0]?.headers.authorization).toBeUndefined();
  });
});

describe('timeouts and retries', () => {
  it('a node that never answers fails start-up with a timeout after the configured retries', async () => {
    const node = await fake(() => 'stall');
    const started = Date.now();
    await expect(
      createBackend(parseBackendOptions({ url: node.url, requestTimeoutMs: 150, maxRetries: 1 })),
    ).rejects.toThrow(/no answer within 150 ms \(after 1 retries\)/);
    expect(node.requests).toHaveLength(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
  });

  it('a stalled search times out with the client TimeoutError, retried maxRetries times', async () => {
    const node = await fake((req) => (req.target.includes('_search') ? 'stall' : undefined));
    backend = await createBackend(parseBackendOptions({ url: node.url, requestTimeoutMs: 150, maxRetries: 2 }));
    await expect(backend.client.search({ index: 'sg-docs', body: {} as never })).rejects.toMatchObject({
      name: 'TimeoutError',
    });
    expect(searches(node)).toHaveLength(3);
  });

  it('retries a 502 and returns the answer that follows', async () => {
    let n = 0;
    const node = await fake((req) => {
      if (!req.target.includes('_search')) return undefined;
      n += 1;
      return n === 1 ? { status: 502, body: { message: 'bad gateway' } } : undefined;
    });
    backend = await createBackend(parseBackendOptions({ url: node.url }));
    const res = await backend.client.search({ index: 'sg-docs', body: { query: { match_all: {} } } as never });
    expect(res.statusCode).toBe(200);
    expect(searches(node)).toHaveLength(2);
    // the retry sent the same request again
    expect(searches(node)[1]?.body.toString()).toBe(searches(node)[0]?.body.toString());
  });

  it('does not retry when maxRetries is 0, and never retries a 4xx', async () => {
    const node = await fake((req) => {
      if (req.target.includes('/bad/')) return { status: 400, body: { error: { type: 'parsing_exception', reason: 'x' }, status: 400 } };
      if (req.target.includes('_search')) return { status: 503, body: { message: 'unavailable' } };
      return undefined;
    });
    backend = await createBackend(parseBackendOptions({ url: node.url, maxRetries: 0 }));
    await expect(backend.client.search({ index: 'sg-docs', body: {} as never })).rejects.toMatchObject({
      meta: { statusCode: 503 },
    });
    expect(searches(node)).toHaveLength(1);
    await backend.close();
    backend = await createBackend(parseBackendOptions({ url: node.url, maxRetries: 3 }));
    await expect(backend.client.search({ index: 'bad', body: {} as never })).rejects.toMatchObject({
      meta: { statusCode: 400 },
    });
    expect(node.requests.filter((r) => r.target.includes('/bad/'))).toHaveLength(1);
  });

  it('fails over to the next node when one is down', async () => {
    const down = await fake();
    const downUrl = down.url;
    await down.close();
    nodes = nodes.filter((n) => n !== down);
    const up = await fake();
    backend = await createBackend(parseBackendOptions({ url: [downUrl, up.url], maxRetries: 2 }));
    expect(backend.description).toBe(`OpenSearch 3.6.0 at ${downUrl}, ${up.url}`);
    for (let i = 0; i < 3; i++) await backend.client.search({ index: 'sg-docs', body: {} as never });
    expect(searches(up)).toHaveLength(3);
  });
});

describe('start-up and lifecycle', () => {
  it('refuses to start when nothing listens at the URL', async () => {
    const gone = await fake();
    const url = gone.url;
    await gone.close();
    nodes = [];
    await expect(createBackend(parseBackendOptions({ url, maxRetries: 0 }))).rejects.toThrow(
      new RegExp(`cannot use the backend at ${url.replace(/[.]/g, '\\.')}: .*ECONNREFUSED`),
    );
  });

  it('ping turns false when the node goes away, without throwing; close is idempotent', async () => {
    const node = await fake();
    backend = await createBackend(parseBackendOptions({ url: node.url }));
    expect(await backend.ping()).toBe(true);
    await node.close();
    nodes = [];
    expect(await backend.ping()).toBe(false);
    await backend.close();
    await backend.close();
  });

  it('describes a non-OpenSearch distribution honestly', async () => {
    const node = await fake((req) =>
      req.target === '/' ? { status: 200, body: { version: { number: '7.10.2' } } } : undefined,
    );
    backend = await createBackend(parseBackendOptions({ url: node.url }));
    expect(backend.description).toBe(`search engine 7.10.2 at ${node.url}`);
  });

  it('a hand-built embedded option without dataDir is refused rather than run in memory', async () => {
    await expect(createBackend({ requestTimeoutMs: 1000, maxRetries: 0, batchSearches: true })).rejects.toBeInstanceOf(BackendStartError);
  });
});

describe('the socket layer (undici under the official client)', () => {
  it("still parses answers with the client's Serializer: a __proto__ key is refused (prototype poisoning)", async () => {
    const poisoned = JSON.parse('{"hits":{"hits":[]},"__proto__":{"polluted":true}}') as unknown;
    const node = await fake((req) => (req.target.includes('/_search') ? { status: 200, body: poisoned } : undefined));
    backend = await createBackend(parseBackendOptions({ url: node.url, maxRetries: 0 }));
    await expect(backend.client.search({ index: 'sg-docs', body: {} as never })).rejects.toMatchObject({
      name: 'DeserializationError',
    });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('keeps sockets alive across requests, sends the body with its length, and a HEAD answer has no body', async () => {
    const node = await fake((req) =>
      req.target.includes('/_search') ? { status: 200, body: { echo: JSON.parse(req.body.toString('utf8')) } } : undefined,
    );
    backend = await createBackend(parseBackendOptions({ url: node.url }));
    const body = { query: { term: { owner: 'ünï "q"' } } };
    for (let i = 0; i < 5; i++) {
      const res = await backend.client.search({ index: 'sg-docs', body: body as never });
      expect(res.body).toEqual({ echo: body });
    }
    const last = searches(node).at(-1)!;
    expect(last.headers['content-length']).toBe(String(Buffer.byteLength(JSON.stringify(body))));
    expect(last.headers['content-type']).toBe('application/json');
    // kept alive: five requests one after another reuse (undici's pool may alternate between two sockets)
    expect(new Set(searches(node).map((r) => r.socket)).size).toBeLessThanOrEqual(2);
    expect((await backend.client.ping()).body).toBe(true);
  });

  it('a request aborted by the caller fails with RequestAbortedError and leaves the client usable', async () => {
    const node = await fake((req) => (req.target.includes('/_search') && req.target.includes('stall') ? 'stall' : undefined));
    backend = await createBackend(parseBackendOptions({ url: node.url, maxRetries: 0 }));
    const pending = backend.client.search({ index: 'stall', body: {} as never });
    setTimeout(() => pending.abort(), 50);
    await expect(pending).rejects.toMatchObject({ name: 'RequestAbortedError' });
    expect((await backend.client.search({ index: 'sg-docs', body: {} as never })).statusCode).toBe(200);
  });

  it("results share one `warnings` getter (a getter per request got every request's objects promoted) that still reads the header", async () => {
    const node = await fake((req) =>
      req.target.includes('/_search') ? { status: 200, body: { hits: { hits: [] } }, headers: { warning: '299 OpenSearch-3.6.0 "deprecated, a", 299 x "b"' } } : undefined,
    );
    backend = await createBackend(parseBackendOptions({ url: node.url }));
    const a = await backend.client.search({ index: 'sg-docs', body: {} as never });
    const b = await backend.client.search({ index: 'sg-docs', body: {} as never });
    expect(a.warnings).toEqual(['299 OpenSearch-3.6.0 "deprecated, a"', ' 299 x "b"']);
    expect(Object.getOwnPropertyDescriptor(a, 'warnings')?.get).toBe(Object.getOwnPropertyDescriptor(b, 'warnings')?.get);
    // Object.defineProperty itself is untouched outside the client's request set-up.
    const o = Object.defineProperty({ meta: 1, statusCode: 2 }, 'warnings', { get: () => 'own', enumerable: true });
    expect((o as { warnings?: unknown }).warnings).toBe('own');
  });
});
