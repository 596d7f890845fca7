import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../../support/gateway.js';

/**
 * Node's `req.headers` keeps only the first Authorization header. A request carrying two must be refused,
 * not judged on whichever one the HTTP parser happened to keep.
 */
let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway('embedded');
});
afterAll(async () => {
  await gw?.close();
});

function raw(headers: string[]): Promise<string> {
  const { hostname, port } = new URL(gw.url);
  const body = JSON.stringify({ query: '{ me { name } }' });
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => {
      socket.write(
        [`POST /graphql HTTP/1.1`, `Host: ${hostname}`, 'Content-Type: application/json', `Content-Length: ${Buffer.byteLength(body)}`, 'Connection: close', ...headers, '', body].join('\r\n'),
      );
    });
    let out = '';
    socket.on('data', (d) => (out += d.toString()));
    socket.on('end', () => resolve(out));
    socket.on('error', reject);
  });
}

const basic = (u: string, p: string) => `Authorization: Basic ${Buffer.from(`${u}:${p}`).toString('base64')}`;

describe('repeated Authorization headers', () => {
  it('one valid header authenticates', async () => {
    expect(await raw([basic('master-user', 'master-password')])).toMatch(/^HTTP\/1\.1 200/);
  });

  it('a valid and a wrong header together are refused, in either order', async () => {
    for (const headers of [
      [basic('master-user', 'master-password'), basic('master-user', 'wrong')],
      [basic('nobody', 'wrong'), basic('master-user', 'master-password')],
    ]) {
      const res = await raw(headers);
      expect(res).toMatch(/^HTTP\/1\.1 401/);
      expect(res).not.toContain('master-user');
    }
  });
});
