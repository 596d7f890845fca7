import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostMatcher } from '../../../src/http/server.js';
import { basicHeader, startCustomGateway, type CustomGateway } from './custom-gateway.js';
import { ME } from './support.js';

/** Issue 10 item 10 (HTTP): nosniff everywhere, no-store on GraphQL answers, GraphiQL not frameable, Host allow-list. */

let gw: CustomGateway;
let hosts: CustomGateway;
beforeAll(async () => {
  gw = await startCustomGateway({ adjust: (c) => void (c.server.graphiql = true) });
  hosts = await startCustomGateway({ adjust: (c) => void (c.server.allowedHosts = ['searchgate.example.com', '127.0.0.1']) });
}, 60_000);
afterAll(async () => {
  await gw?.close();
  await hosts?.close();
});

function get(base: string, path: string, headers: Record<string, string>, method = 'GET', body?: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { method, headers }, (res) => {
      let text = '';
      res.setEncoding('latin1');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('security headers', () => {
  it('every answer says nosniff; GraphQL answers, refusals included, say no-store', async () => {
    const ok = await gw.post({ query: ME }, basicHeader('alice', 'alice-password'));
    const refused = await gw.post({ query: ME }, basicHeader('alice', 'wrong'));
    const invalid = await gw.post({ query: '{ nope }' }, basicHeader('alice', 'alice-password'));
    const notJson = await gw.post('{', basicHeader('alice', 'alice-password'));
    expect([ok.status, refused.status, invalid.status, notJson.status]).toEqual([200, 401, 400, 400]);
    for (const r of [ok, refused, invalid, notJson]) {
      expect(r.headers.get('x-content-type-options')).toBe('nosniff');
      expect(r.headers.get('cache-control')).toBe('no-store');
    }
    for (const path of ['/healthz', '/nowhere', '/graphql']) {
      const r = await get(gw.url, path, { accept: 'text/html' });
      expect(r.headers['x-content-type-options'], path).toBe('nosniff');
    }
  });

  it('GraphiQL cannot be framed', async () => {
    const r = await get(gw.url, '/graphql', { accept: 'text/html' });
    expect(r.status).toBe(200);
    expect(String(r.headers['content-security-policy'])).toContain("frame-ancestors 'none'");
    expect(r.headers['x-frame-options']).toBe('DENY');
  });
});

describe('server.allowedHosts', () => {
  const body = JSON.stringify({ query: ME });
  const post = (host: string) =>
    get(hosts.url, '/graphql', { host, 'content-type': 'application/json', ...basicHeader('alice', 'alice-password') }, 'POST', body);

  it('answers listed hosts (any port when none is listed) and refuses others with 400 HOST_NOT_ALLOWED', async () => {
    expect((await post('searchgate.example.com')).status).toBe(200);
    expect((await post('SearchGate.Example.com:8443')).status).toBe(200);
    const refused = await post('attacker.example');
    expect(refused.status).toBe(400);
    expect(JSON.parse(refused.text).errors[0].extensions.code).toBe('HOST_NOT_ALLOWED');
    expect((await post('searchgate.example.com.attacker.example')).status).toBe(400);
    // Load balancers probe /healthz by address; it carries nothing a rebinding page could use.
    expect((await get(hosts.url, '/healthz', { host: 'attacker.example' })).status).toBe(200);
  });

  it('matching rules', () => {
    const m = hostMatcher(['api.example.com:443', '*.internal.example', '[::1]']);
    expect(m('api.example.com:443')).toBe(true);
    expect(m('api.example.com')).toBe(false);
    expect(m('api.example.com:80')).toBe(false);
    expect(m('a.internal.example')).toBe(true);
    expect(m('internal.example')).toBe(false);
    expect(m('xinternal.example')).toBe(false);
    expect(m('[::1]:4000')).toBe(true);
    expect(m(undefined)).toBe(false);
    expect(hostMatcher([])('anything')).toBe(true);
  });
});
