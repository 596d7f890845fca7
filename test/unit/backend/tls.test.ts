import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BackendStartError, createBackend, type Backend } from '../../../src/backend/client.js';
import { parseBackendOptions } from '../../../src/backend/options.js';
import { makeTestPki, type TestPki } from './support/certificates.js';
import { startFakeNode, type FakeNode } from './support/fake-node.js';

let pki: TestPki;
beforeAll(() => {
  pki = makeTestPki();
});
afterAll(() => pki?.cleanup());

let node: FakeNode | undefined;
let backend: Backend | undefined;
afterEach(async () => {
  await backend?.close();
  await node?.close();
  backend = undefined;
  node = undefined;
});

const httpsNode = () => startFakeNode(undefined, { cert: pki.serverCert, key: pki.serverKey });

describe('TLS to a real node', () => {
  it('refuses a node whose certificate is not trusted when no caFile is given (verification on by default)', async () => {
    node = await httpsNode();
    const start = createBackend(parseBackendOptions({ url: node.url, maxRetries: 0 }));
    await expect(start).rejects.toBeInstanceOf(BackendStartError);
    await expect(start).rejects.toThrow(/certificate/i);
    // the TLS handshake failed before any HTTP request reached the node
    expect(node.requests).toHaveLength(0);
  });

  it('refuses an untrusted node even with an empty tls section (rejectUnauthorized defaults to true)', async () => {
    node = await httpsNode();
    await expect(createBackend(parseBackendOptions({ url: node.url, tls: {}, maxRetries: 0 }))).rejects.toThrow(
      /certificate/i,
    );
  });

  it('connects when the CA file is configured, and describes the node', async () => {
    node = await httpsNode();
    backend = await createBackend(parseBackendOptions({ url: node.url, tls: { caFile: pki.caFile } }));
    expect(backend.kind).toBe('opensearch');
    expect(backend.description).toBe(`OpenSearch 3.6.0 at ${node.url}`);
    expect(await backend.ping()).toBe(true);
    const res = await backend.client.search({ index: 'sg-docs', body: { query: { match_all: {} } } as never });
    expect(res.statusCode).toBe(200);
  });

  it('checks the host name too: a CA-signed certificate for another host is refused', async () => {
    node = await startFakeNode(undefined, { cert: pki.otherHostCert, key: pki.otherHostKey });
    await expect(
      createBackend(parseBackendOptions({ url: node.url, tls: { caFile: pki.caFile }, maxRetries: 0 })),
    ).rejects.toThrow(/altnames|host|IP/i);
  });

  it('skips verification only when rejectUnauthorized: false is written, and says so in the description', async () => {
    node = await httpsNode();
    backend = await createBackend(parseBackendOptions({ url: node.url, tls: { rejectUnauthorized: false } }));
    expect(backend.description).toContain('TLS verification OFF');
    expect(await backend.ping()).toBe(true);
  });

  it('ignores NODE_TLS_REJECT_UNAUTHORIZED=0 in the environment: only the configuration turns verification off', async () => {
    node = await httpsNode();
    const before = process.env.NODE_TLS_REJECT_UNAUTHORIZED;
    process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
    try {
      await expect(createBackend(parseBackendOptions({ url: node.url, maxRetries: 0 }))).rejects.toThrow(/certificate/i);
    } finally {
      if (before === undefined) delete process.env.NODE_TLS_REJECT_UNAUTHORIZED;
      else process.env.NODE_TLS_REJECT_UNAUTHORIZED = before;
    }
  });

  it('presents a client certificate for mutual TLS', async () => {
    const ca = readFileSync(pki.caFile, 'utf8');
    const mtls = { cert: pki.serverCert, key: pki.serverKey, ca, requestCert: true, rejectUnauthorized: true };
    node = await startFakeNode(undefined, mtls);
    await expect(
      createBackend(parseBackendOptions({ url: node.url, tls: { caFile: pki.caFile }, maxRetries: 0 })),
    ).rejects.toBeInstanceOf(BackendStartError);
    backend = await createBackend(
      parseBackendOptions({
        url: node.url,
        tls: { caFile: pki.caFile, certFile: pki.clientCertFile, keyFile: pki.clientKeyFile },
      }),
    );
    expect(await backend.ping()).toBe(true);
  });

  it('fails with the setting name when a CA file is missing or not PEM', async () => {
    node = await httpsNode();
    await expect(
      createBackend(parseBackendOptions({ url: node.url, tls: { caFile: join(pki.dir, 'nope.pem') } })),
    ).rejects.toThrow(/backend\.tls\.caFile: cannot read .*nope\.pem/);
    const notPem = join(pki.dir, 'not-pem.txt');
    writeFileSync(notPem, 'hello');
    await expect(createBackend(parseBackendOptions({ url: node.url, tls: { caFile: notPem } }))).rejects.toThrow(
      /backend\.tls\.caFile: .* is not a PEM file/,
    );
  });
});
