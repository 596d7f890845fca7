import { connect, type Socket } from 'node:net';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basicHeader, startCustomGateway, type CustomGateway } from './custom-gateway.js';
import { ME } from './support.js';

/**
 * Issue 10 item 8: resources before authentication. Credentials are checked from the headers before the body
 * is read (a stalled upload with bad or no credentials is answered at once, not buffered); anonymous body reads
 * are bounded; the unauthenticated GraphiQL page is served compressed and cacheable.
 */

let gw: CustomGateway;
let anon: CustomGateway;
beforeAll(async () => {
  gw = await startCustomGateway({ adjust: (c) => void (c.server.graphiql = true) });
  anon = await startCustomGateway({
    adjust: (c) => {
      c.server.maxAnonymousBodyReads = 2;
      c.auth = { domains: [{ type: 'basic', name: 'internal' }, { type: 'anonymous', name: 'guests', backendRole: 'anon' }] };
    },
  });
}, 60_000);
afterAll(async () => {
  await gw?.close();
  await anon?.close();
});

/** Opens a POST that announces a 500 kB body and sends only its first bytes, then stalls. */
function stalledUpload(base: string, headers: Record<string, string>): { socket: Socket; answer: Promise<string> } {
  const url = new URL(base);
  const socket = connect(Number(url.port), url.hostname);
  const lines = [`POST /graphql HTTP/1.1`, `Host: ${url.host}`, 'Content-Type: application/json', 'Content-Length: 500000'];
  for (const [k, v] of Object.entries(headers)) lines.push(`${k}: ${v}`);
  socket.write(`${lines.join('\r\n')}\r\n\r\n{"query":"{ me { name } }"`);
  const answer = new Promise<string>((resolve) => {
    let text = '';
    socket.on('data', (d) => {
      text += d.toString('latin1');
      if (/\r\n\r\n/.test(text)) resolve(text);
    });
    socket.on('close', () => resolve(text));
    socket.on('error', () => resolve(text));
  });
  return { socket, answer };
}

const within = <T>(p: Promise<T>, ms: number) =>
  Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms))]);

describe('credentials before the body', () => {
  it('a stalled upload with wrong credentials is refused at once, and the connection closed', async () => {
    const { socket, answer } = stalledUpload(gw.url, basicHeader('alice', 'wrong'));
    const text = await within(answer, 3000);
    socket.destroy();
    expect(text).toMatch(/^HTTP\/1\.1 401 /);
    expect(text.toLowerCase()).toContain('connection: close');
  });

  it('a stalled upload without credentials is refused at once', async () => {
    const { socket, answer } = stalledUpload(gw.url, {});
    const text = await within(answer, 3000);
    socket.destroy();
    expect(text).toMatch(/^HTTP\/1\.1 401 /);
  });

  it('a signed-in caller\'s body is read as before', async () => {
    const r = await gw.post({ query: ME }, basicHeader('alice', 'alice-password'));
    expect(r.status, r.text).toBe(200);
    expect(r.body.data.me.name).toBe('alice');
  });
});

describe('anonymous body reads', () => {
  it('are bounded: past server.maxAnonymousBodyReads stalled uploads, the next gets 503 SERVER_BUSY; room again once they go', async () => {
    const stalled = [stalledUpload(anon.url, {}), stalledUpload(anon.url, {})];
    await new Promise((r) => setTimeout(r, 300));
    const refused = await anon.post({ query: '{ me { name } }' });
    expect(refused.status, refused.text).toBe(503);
    expect(refused.body.errors[0].extensions.code).toBe('SERVER_BUSY');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    // Signed-in callers are not bounded by it.
    expect((await anon.post({ query: ME }, basicHeader('alice', 'alice-password'))).status).toBe(200);
    for (const s of stalled) s.socket.destroy();
    await new Promise((r) => setTimeout(r, 300));
    const ok = await anon.post({ query: '{ me { name } }' });
    expect(ok.status, ok.text).toBe(200);
    expect(ok.body.data.me.name).toBe('opendistro_security_anonymous');
  });
});

describe('the GraphiQL page', () => {
  const get = (headers: Record<string, string>) => fetch(`${gw.url}/graphql`, { headers: { accept: 'text/html', ...headers } });
  // fetch would decompress on its own; read the raw bytes through a plain socket-level client instead.
  async function raw(acceptEncoding: string, extra: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string>; body: Buffer }> {
    const { request } = await import('node:http');
    return new Promise((resolve, reject) => {
      const req = request(`${gw.url}/graphql`, { headers: { accept: 'text/html', 'accept-encoding': acceptEncoding, ...extra } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers as Record<string, string>, body: Buffer.concat(chunks) }));
      });
      req.on('error', reject);
      req.end();
    });
  }

  it('is compressed as the client accepts (br, then gzip, else none), all the same page', async () => {
    const plain = await raw('identity');
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.length).toBeGreaterThan(1_000_000);
    const br = await raw('gzip, deflate, br');
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.body).equals(plain.body)).toBe(true);
    const gz = await raw('gzip;q=1, br;q=0');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).equals(plain.body)).toBe(true);
    // Compressed well below the raw size.
    expect(br.body.length).toBeLessThan(plain.body.length / 3);
    expect(gz.body.length).toBeLessThan(plain.body.length / 3);
    expect(br.headers.vary).toMatch(/Accept-Encoding/i);
  });

  it('is cacheable: an ETag, Cache-Control, and 304 on revalidation', async () => {
    const first = await get({});
    await first.arrayBuffer();
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^"[^"]+"$/);
    expect(first.headers.get('cache-control')).toMatch(/max-age=\d+/);
    const again = await get({ 'if-none-match': etag! });
    expect(again.status).toBe(304);
    expect((await again.arrayBuffer()).byteLength).toBe(0);
    const other = await get({ 'if-none-match': '"something-else"' });
    expect(other.status).toBe(200);
    await other.arrayBuffer();
  });
});
