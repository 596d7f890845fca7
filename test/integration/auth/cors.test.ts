import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokenCommand } from '../../../src/cli-token.js';
import type { CorsOptions } from '../../../src/http/cors.js';
import { startTestGateway, type TestGateway } from '../../support/gateway.js';
import { GENERIC_401 } from './support.js';

/**
 * CORS, CSRF prevention and where credentials may come from, over HTTP against the sample config (basic
 * auth plus the sample HMAC jwt domain) with different `server.cors` settings.
 */

const APP = 'https://app.example';
const EVIL = 'https://evil.example';
const NEW_USER = `Basic ${Buffer.from('new-user:new-password').toString('base64')}`;
const ME = JSON.stringify({ query: '{ me { name } }' });
const silent = { write: () => true } as unknown as NodeJS.WritableStream;

function startWithCors(cors: CorsOptions): Promise<TestGateway> {
  return startTestGateway('embedded', (config) => {
    config.server.cors = { origins: [...cors.origins], credentials: cors.credentials };
  });
}

function preflight(gw: TestGateway, origin: string, method = 'POST'): Promise<Response> {
  return fetch(`${gw.url}/graphql`, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': method, 'access-control-request-headers': 'authorization, content-type' },
  });
}

function post(gw: TestGateway, headers: Record<string, string>, body = ME): Promise<Response> {
  return fetch(`${gw.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
}

function corsHeaders(r: Response): Record<string, string> {
  return Object.fromEntries([...r.headers].filter(([k]) => k.startsWith('access-control-')));
}

function varyList(r: Response): string[] {
  return (r.headers.get('vary') ?? '').split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
}

describe('no origins configured (the default)', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startWithCors({ origins: [], credentials: false });
  });
  afterAll(async () => {
    await gw?.close();
  });

  it('sends no CORS headers on requests or preflights, whatever the Origin', async () => {
    const r = await post(gw, { origin: APP, authorization: NEW_USER });
    expect(r.status).toBe(200);
    expect(corsHeaders(r)).toEqual({});
    const p = await preflight(gw, APP);
    expect(p.status).toBe(204);
    expect(corsHeaders(p)).toEqual({});
  });
});

describe('origins configured, without credentials', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    // Written as an operator might (trailing slash, upper case): it still names https://app.example.
    gw = await startWithCors({ origins: ['https://APP.example/'], credentials: false });
  });
  afterAll(async () => {
    await gw?.close();
  });

  it('answers a preflight from an allowed origin with 204 and the allowed methods and headers', async () => {
    const p = await preflight(gw, APP);
    expect(p.status).toBe(204);
    expect(p.headers.get('access-control-allow-origin')).toBe(APP);
    expect(p.headers.get('access-control-allow-methods')?.split(/,\s*/)).toEqual(expect.arrayContaining(['GET', 'POST']));
    expect(p.headers.get('access-control-allow-headers')?.split(/,\s*/)).toEqual(
      expect.arrayContaining(['authorization', 'content-type', 'apollo-require-preflight']),
    );
    expect(p.headers.get('access-control-allow-credentials')).toBeNull();
    expect(varyList(p)).toContain('origin');
    expect(await p.text()).toBe('');
  });

  it('gives other origins (and the null origin) nothing, on preflights and requests', async () => {
    for (const origin of [EVIL, 'null', 'https://app.example.evil.example', 'http://app.example']) {
      const p = await preflight(gw, origin);
      expect(p.status).toBe(204);
      expect(corsHeaders(p)).toEqual({});
      const r = await post(gw, { origin, authorization: NEW_USER });
      expect(corsHeaders(r)).toEqual({});
      expect(varyList(r)).toContain('origin');
    }
  });

  it('marks actual responses for allowed origins, 401s included, and lets the frontend read the challenge', async () => {
    const ok = await post(gw, { origin: APP, authorization: NEW_USER });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('access-control-allow-origin')).toBe(APP);
    expect(ok.headers.get('access-control-allow-credentials')).toBeNull();
    const refused = await post(gw, { origin: APP });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('access-control-allow-origin')).toBe(APP);
    expect(refused.headers.get('access-control-expose-headers')?.toLowerCase().split(/,\s*/)).toEqual(
      expect.arrayContaining(['www-authenticate', 'retry-after']),
    );
    // Same-origin and non-browser requests carry no Origin: no CORS headers, but caches still key on Origin.
    const plain = await post(gw, { authorization: NEW_USER });
    expect(corsHeaders(plain)).toEqual({});
    expect(varyList(plain)).toContain('origin');
  });
});

describe('origins configured with credentials', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startWithCors({ origins: [APP], credentials: true });
  });
  afterAll(async () => {
    await gw?.close();
  });

  it('allows credentials for the listed origin only', async () => {
    const p = await preflight(gw, APP);
    expect(p.headers.get('access-control-allow-origin')).toBe(APP);
    expect(p.headers.get('access-control-allow-credentials')).toBe('true');
    const r = await post(gw, { origin: APP, authorization: NEW_USER });
    expect(r.headers.get('access-control-allow-credentials')).toBe('true');
    const other = await post(gw, { origin: EVIL, authorization: NEW_USER });
    expect(corsHeaders(other)).toEqual({});
    expect(corsHeaders(await preflight(gw, EVIL))).toEqual({});
  });
});

describe('a wildcard origin with credentials configured', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startWithCors({ origins: ['*'], credentials: true });
  });
  afterAll(async () => {
    await gw?.close();
  });

  it('answers any origin with "*" but never allows credentials through the wildcard', async () => {
    for (const r of [await preflight(gw, EVIL), await post(gw, { origin: EVIL, authorization: NEW_USER })]) {
      expect(r.headers.get('access-control-allow-origin')).toBe('*');
      expect(r.headers.get('access-control-allow-credentials')).toBeNull();
    }
  });
});

describe('CSRF prevention and where credentials are read from', () => {
  let gw: TestGateway;
  let token: string;
  beforeAll(async () => {
    gw = await startWithCors({ origins: [APP], credentials: true });
    token = await tokenCommand({ config: resolve('sample/searchgate.yml'), sub: 'new-user', roles: ['new-backend-role'], ttlSeconds: 600 }, { stdout: silent });
  });
  afterAll(async () => {
    await gw?.close();
  });

  const query = encodeURIComponent('{ me { name } }');

  it('refuses a GET without a preflight-forcing header with 400, even with valid credentials', async () => {
    const blocked = await fetch(`${gw.url}/graphql?query=${query}`, { headers: { authorization: NEW_USER, origin: APP } });
    expect(blocked.status).toBe(400);
    expect(await blocked.text()).toContain('Cross-Site Request Forgery');
    const allowed = await fetch(`${gw.url}/graphql?query=${query}`, { headers: { authorization: NEW_USER, 'apollo-require-preflight': 'true' } });
    expect(allowed.status).toBe(200);
    expect((await allowed.json()).data.me.name).toBe('new-user');
  });

  it('refuses POSTs with the content types a form can send (text/plain, urlencoded, multipart) with 400', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const r = await post(gw, { authorization: NEW_USER, 'content-type': type, origin: EVIL });
      expect(r.status, type).toBe(400);
      expect(await r.text()).toContain('Cross-Site Request Forgery');
    }
    expect((await post(gw, { authorization: NEW_USER })).status).toBe(200);
  });

  it('never takes a token from a cookie or the URL: only the Authorization header counts', async () => {
    const inHeader = await post(gw, { authorization: `Bearer ${token}` });
    expect(inHeader.status).toBe(200);
    expect((await inHeader.json()).data.me.name).toBe('new-user');
    for (const cookie of [`token=${token}`, `access_token=${token}`, `Authorization=Bearer ${token}`, `jwt=${token}`]) {
      const r = await post(gw, { cookie, origin: APP });
      expect(r.status).toBe(401);
      expect(r.headers.get('www-authenticate')).toMatch(/^Basic realm="Searchgate", charset="UTF-8", Bearer realm="Searchgate"$/);
      expect(await r.json()).toEqual(GENERIC_401);
    }
    for (const param of ['access_token', 'token', 'jwt']) {
      const r = await fetch(`${gw.url}/graphql?${param}=${token}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: ME });
      expect(r.status).toBe(401);
    }
  });
});
