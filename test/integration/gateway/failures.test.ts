import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type Gateway } from '../../../src/gateway.js';
import { PASSWORD, USER } from '../../../bench/gateway/fixture.js';
import { startStubBackend, type StubBackend } from '../../support/stub-backend.js';

/**
 * Failures reach the caller as coded errors without backend internals, and never as a wider answer: a backend
 * that rejects a search, a backend that goes away, bad paging input, oversized bodies.
 */
const SECRET_REASON = 'internal detail: shard [bench-docs][0] failed at node-7 with query fragment {"term":';

let mode: 'ok' | 'reject' | 'down' = 'ok';
let backend: StubBackend;
let gateway: Gateway;

async function gql(query: string, extra: RequestInit = {}) {
  const res = await fetch(`${gateway.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}` },
    body: JSON.stringify({ query }),
    ...extra,
  });
  return { status: res.status, text: await res.text() };
}

beforeAll(async () => {
  backend = await startStubBackend((_req, path) => {
    if (!path.endsWith('/_search') || mode === 'ok') return undefined;
    if (mode === 'down') return 'drop';
    return { status: 500, body: { error: { type: 'search_phase_execution_exception', reason: SECRET_REASON }, status: 500 } };
  });
  const loaded = await backend.config();
  loaded.config.limits.maxBodyBytes = 4096;
  gateway = await startGateway(loaded);
});

afterAll(async () => {
  await gateway?.close();
  await backend.close();
});

describe('failures are coded and leak nothing', () => {
  it('a rejected search is BACKEND_ERROR without the backend reason', async () => {
    mode = 'reject';
    const r = await gql('{ docs { total hits { id } } }');
    mode = 'ok';
    expect(r.status).toBe(200);
    const body = JSON.parse(r.text);
    expect(body.data).toBeNull();
    expect(body.errors[0].extensions.code).toBe('BACKEND_ERROR');
    expect(r.text).not.toContain('shard');
    expect(r.text).not.toContain('node-7');
    expect(r.text).not.toContain('term');
  });

  it('an unreachable backend is BACKEND_UNAVAILABLE', async () => {
    mode = 'down';
    const r = await gql('{ docs { total } }');
    mode = 'ok';
    expect(JSON.parse(r.text).errors[0].extensions.code).toBe('BACKEND_UNAVAILABLE');
    expect(r.text).not.toContain('127.0.0.1');
  });

  it('bad paging input is BAD_USER_INPUT', async () => {
    expect(JSON.parse((await gql('{ docs(first: 100000) { total } }')).text).errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(JSON.parse((await gql('{ docs(after: "not-a-cursor") { total } }')).text).errors[0].extensions.code).toBe('BAD_USER_INPUT');
    const wrongShape = Buffer.from(JSON.stringify(['a'])).toString('base64url');
    expect(JSON.parse((await gql(`{ docs(after: "${wrongShape}") { total } }`)).text).errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('an oversized body is refused with 413 before any work', async () => {
    const r = await gql(`{ docs(query: "${'x'.repeat(5000)}") { total } }`);
    expect(r.status).toBe(413);
    expect(JSON.parse(r.text).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('the gateway still answers after all of that', async () => {
    const r = await gql('{ docs { total hits { id document { title tag } } } }');
    const body = JSON.parse(r.text);
    expect(body.errors).toBeUndefined();
    expect(body.data.docs.total).toBe(1000);
    // `tag` is masked for the bench role: never the clear value.
    expect(body.data.docs.hits[0].document.tag).not.toMatch(/^tag-/);
  });
});
