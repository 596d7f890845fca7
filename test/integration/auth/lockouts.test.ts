import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basicHeader, startCustomGateway, type CustomGateway } from './custom-gateway.js';
import { ME } from './support.js';

/**
 * Issue 10 item 7 over HTTP: behind a trusted proxy (the test's loopback connection), failed logins are counted
 * under the client named in X-Forwarded-For, not the proxy; GraphiQL sends no placeholder credentials, and the
 * old placeholder header never counts as a failed login.
 */

let gw: CustomGateway;
beforeAll(async () => {
  gw = await startCustomGateway({
    adjust: (config) => {
      config.server.trustedProxies = ['127.0.0.0/8', '::1'];
      config.server.graphiql = true;
      config.auth = {
        domains: [{ type: 'basic', name: 'internal' }],
        throttle: { maxFailuresPerUser: 100, maxFailuresPerAddress: 4, windowSeconds: 60, lockSeconds: 60 },
      };
    },
  });
}, 60_000);
afterAll(() => gw?.close());

const from = (client: string, headers: Record<string, string> = {}) => ({ 'x-forwarded-for': client, ...headers });

describe('behind a trusted proxy', () => {
  it('one client guessing locks out only itself; the audit names the client, not the proxy', async () => {
    for (let i = 0; i < 4; i++) expect((await gw.post({ query: ME }, from('203.0.113.5', basicHeader(`ghost-${i}`, 'guess')))).status).toBe(401);
    const locked = await gw.post({ query: ME }, from('203.0.113.5', basicHeader('alice', 'alice-password')));
    expect(locked.status, locked.text).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    // Another client behind the same proxy, and a client-written spoof to the left, are unaffected.
    const other = await gw.post({ query: ME }, from('203.0.113.6', basicHeader('alice', 'alice-password')));
    expect(other.status, other.text).toBe(200);
    const spoof = await gw.post({ query: ME }, from('203.0.113.5, 203.0.113.7', basicHeader('alice', 'alice-password')));
    expect(spoof.status, spoof.text).toBe(200);
    const failures = gw.audit.events.filter((e) => e.category === 'FAILED_LOGIN');
    expect(failures.length).toBeGreaterThanOrEqual(4);
    for (const e of failures) expect('remoteAddress' in e ? e.remoteAddress : '').toBe('203.0.113.5');
  });
});

describe('GraphiQL and placeholder credentials', () => {
  it('the page carries no placeholder Authorization header', async () => {
    const res = await fetch(`${gw.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('GraphiQL');
    // The options GraphiQL starts with: the hint is in the default query's comment, never in the headers it sends.
    const m = /renderYogaGraphiQL\(\s*[^,]+,\s*(\{.*?\}),\s*\);/s.exec(html);
    expect(m).not.toBeNull();
    const options = JSON.parse(m![1]!) as { headers?: string; defaultQuery?: string };
    expect(options.headers ?? '').not.toMatch(/authorization/i);
    expect(options.defaultQuery).toMatch(/Authorization/);
  });

  it('a page load worth of placeholder headers, many times over, locks nobody out', async () => {
    for (let i = 0; i < 20; i++) {
      const r = await gw.post({ query: ME }, from('198.51.100.20', { authorization: 'Basic <base64 of user:password>' }));
      expect(r.status, r.text).toBe(401);
    }
    const ok = await gw.post({ query: ME }, from('198.51.100.20', basicHeader('alice', 'alice-password')));
    expect(ok.status, ok.text).toBe(200);
  });
});
