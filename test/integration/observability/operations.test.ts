import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, USER } from '../../../bench/gateway/fixture.js';
import { startStubBackend, type StubBackend } from '../../support/stub-backend.js';
import { startGateway, type Gateway } from '../../../src/gateway.js';

/**
 * Operations: /metrics moves the right counters for a known request, request ids travel from the caller to
 * the answer (header and error extensions), /readyz flips while the backend is away, /healthz stays live.
 */
let mode: 'ok' | 'down' = 'ok';
let backend: StubBackend;
let gateway: Gateway;
const AUTH = `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`;

async function post(body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${gateway.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: AUTH, ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as any };
}

async function metrics(): Promise<string> {
  return (await fetch(`${gateway.url}/metrics`)).text();
}

function value(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

beforeAll(async () => {
  backend = await startStubBackend(() => (mode === 'down' ? 'drop' : undefined));
  const loaded = await backend.config();
  loaded.config.observability.readinessProbeMs = 100;
  gateway = await startGateway(loaded);
});

afterAll(async () => {
  await gateway?.close();
  await backend.close();
});

describe('metrics', () => {
  it('counts a known request by operation, outcome and code, its latency, its backend call and its login', async () => {
    const before = await metrics();
    const ok = await post({ query: '{ docs(first: 2) { total } }' });
    expect(ok.status).toBe(200);
    const bad = await post({ query: '{ docs(first: 100000) { total } }' });
    expect(bad.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    const unknown = await post({ query: '{ nope }' });
    expect(unknown.body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const after = await metrics();
    const delta = (series: string) => value(after, series) - value(before, series);
    expect(delta('searchgate_requests_total{operation="query",outcome="ok",code="none"}')).toBe(1);
    expect(delta('searchgate_requests_total{operation="query",outcome="error",code="BAD_USER_INPUT"}')).toBe(1);
    expect(delta('searchgate_requests_total{operation="none",outcome="error",code="GRAPHQL_VALIDATION_FAILED"}')).toBe(1);
    expect(delta('searchgate_request_duration_seconds_count{operation="query"}')).toBe(2);
    // Only the valid page reached the backend.
    expect(delta('searchgate_backend_request_duration_seconds_count{outcome="ok"}')).toBe(1);
    expect(delta('searchgate_authentications_total{outcome="ok"}')).toBe(3);
    expect(value(after, 'searchgate_schema_cache_size')).toBe(1);
    expect(value(after, 'searchgate_security_config_version')).toBeGreaterThanOrEqual(1);
    expect(value(after, 'searchgate_security_store_readable')).toBe(1);
    expect(after).toMatch(/^searchgate_process_cpu_user_seconds_total /m);
    // Bounded labels: no user names or query text anywhere.
    expect(after).not.toContain(USER);
    expect(after).not.toContain('docs');
  });

  it('counts refused logins without naming anyone', async () => {
    const before = await metrics();
    const res = await fetch(`${gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Basic ${Buffer.from('mallory:guess').toString('base64')}` },
      body: '{"query":"{ __typename }"}',
    });
    expect(res.status).toBe(401);
    const after = await metrics();
    expect(value(after, 'searchgate_authentications_total{outcome="unauthorized"}') - value(before, 'searchgate_authentications_total{outcome="unauthorized"}')).toBe(1);
    expect(value(after, 'searchgate_requests_total{operation="none",outcome="refused",code="UNAUTHENTICATED"}')).toBeGreaterThanOrEqual(1);
    expect(after).not.toContain('mallory');
  });
});

describe('request ids', () => {
  it('keeps a usable x-request-id, in the answer header and in error extensions', async () => {
    const r = await post({ query: '{ docs(first: -1) { total } }' }, { 'x-request-id': 'abc-123.Z' });
    expect(r.headers.get('x-request-id')).toBe('abc-123.Z');
    expect(r.body.errors[0].extensions.requestId).toBe('abc-123.Z');
  });
  it('generates one when absent or unusable, also for refusals before GraphQL', async () => {
    const r = await post({ query: '{ docs { total } }' }, { 'x-request-id': 'bad id\twith "quotes"' });
    const id = r.headers.get('x-request-id')!;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const refused = await fetch(`${gateway.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(refused.status).toBe(401);
    const body = (await refused.json()) as any;
    expect(body.errors[0].extensions.requestId).toBe(refused.headers.get('x-request-id'));
    expect(refused.headers.get('x-request-id')).not.toBe(id);
  });
});

describe('health', () => {
  async function until(ok: () => Promise<boolean>) {
    for (let i = 0; i < 50; i++) {
      if (await ok()) return true;
      await new Promise((r) => setTimeout(r, 100));
    }
    return false;
  }
  const readyz = async () => (await fetch(`${gateway.url}/readyz`)).status;

  it('/readyz is 503 while the backend is unreachable and 200 again after; /healthz stays 200', async () => {
    expect(await readyz()).toBe(200);
    mode = 'down';
    try {
      expect(await until(async () => (await readyz()) === 503)).toBe(true);
      const body = (await (await fetch(`${gateway.url}/readyz`)).json()) as any;
      expect(body.status).toBe('not ready');
      expect(value(await metrics(), 'searchgate_ready')).toBe(0);
      expect((await fetch(`${gateway.url}/healthz`)).status).toBe(200);
    } finally {
      mode = 'ok';
    }
    expect(await until(async () => (await readyz()) === 200)).toBe(true);
    expect(value(await metrics(), 'searchgate_ready')).toBe(1);
  });
});
