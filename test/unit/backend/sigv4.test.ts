import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createBackend, type AwsCredentials, type Backend } from '../../../src/backend/client.js';
import { parseBackendOptions } from '../../../src/backend/options.js';
import { startFakeNode, type FakeNode, type Recorded } from './support/fake-node.js';
import { canonicalUri, verifySigV4, type ReceivedRequest } from './support/sigv4-verifier.js';

// --- the verifier itself, against AWS's published aws-sig-v4-test-suite vectors -----------------------------

const SUITE = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  region: 'us-east-1',
  service: 'service',
};
const suiteRequest = (method: string, target: string, signature: string): ReceivedRequest => ({
  method,
  target,
  headers: {
    Host: 'example.amazonaws.com',
    'X-Amz-Date': '20150830T123600Z',
    Authorization: `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=${signature}`,
  },
  body: Buffer.alloc(0),
});

describe('SigV4 verifier (proven on the AWS test suite)', () => {
  it('accepts get-vanilla', () => {
    const r = verifySigV4(
      suiteRequest('GET', '/', '5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31'),
      SUITE,
    );
    expect(r).toMatchObject({ ok: true, scope: { date: '20150830', region: 'us-east-1', service: 'service' } });
  });

  it('accepts get-vanilla-query-order-key-case, post-vanilla and get-utf8', () => {
    const cases: [string, string, string][] = [
      ['GET', '/?Param2=value2&Param1=value1', 'b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500'],
      ['POST', '/', '5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b'],
      ['GET', '/\u1234', '8318018e0b0f223aa2bbf98705b62bb787dc9c0e678f255a891fd03141be5d85'],
    ];
    for (const [method, target, sig] of cases) {
      expect(verifySigV4(suiteRequest(method, target, sig), SUITE), `${method} ${target}`).toMatchObject({ ok: true });
    }
  });

  it('rejects get-vanilla with one signature digit changed, another method, path or secret', () => {
    const good = '5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31';
    const bad = `${good.slice(0, -1)}0`;
    expect(verifySigV4(suiteRequest('GET', '/', bad), SUITE)).toMatchObject({ ok: false });
    expect(verifySigV4(suiteRequest('POST', '/', good), SUITE)).toMatchObject({ ok: false });
    expect(verifySigV4(suiteRequest('GET', '/x', good), SUITE)).toMatchObject({ ok: false });
    expect(verifySigV4(suiteRequest('GET', '/', good), { ...SUITE, secretAccessKey: 'other' })).toMatchObject({
      ok: false,
      reason: 'signature does not match',
    });
    expect(verifySigV4(suiteRequest('GET', '/', good), { ...SUITE, region: 'eu-west-1' })).toMatchObject({ ok: false });
  });

  it('double-encodes path segments as non-S3 services require', () => {
    expect(canonicalUri('/idx/_doc/a%20b')).toBe('/idx/_doc/a%2520b');
    expect(canonicalUri('/a/./b/../c')).toBe('/a/c');
  });
});

// --- the backend's signer, verified by a loopback server -----------------------------------------------------

const CREDS: AwsCredentials = { accessKeyId: 'AKIDSEARCHGATETEST', secretAccessKey: 'c2VhcmNoZ2F0ZS10ZXN0LXNlY3JldA' };
const expectFor = (region: string, service: string) => ({ ...CREDS, region, service, now: new Date() });

let node: FakeNode | undefined;
let backend: Backend | undefined;
afterEach(async () => {
  await backend?.close();
  await node?.close();
  backend = undefined;
  node = undefined;
});

/** A node that refuses (403) anything whose signature does not verify, like Amazon OpenSearch Service. */
async function signedNode(region: string, service: string): Promise<FakeNode> {
  return startFakeNode((req) => {
    const r = verifySigV4(req, expectFor(region, service));
    return r.ok ? undefined : { status: 403, body: { message: r.reason } };
  });
}

function asReceived(r: Recorded): ReceivedRequest {
  return { method: r.method, target: r.target, headers: { ...r.headers }, body: Buffer.from(r.body) };
}

function lastSearch(n: FakeNode): Recorded {
  const found = n.requests.filter((r) => r.target.includes('_search')).at(-1);
  if (!found) throw new Error('no _search request recorded');
  return found;
}

describe('SigV4 signing (service es)', () => {
  it('signs every request so that an independent verifier accepts it, with region and service in the scope', async () => {
    node = await signedNode('eu-west-1', 'es');
    const credentialCalls: number[] = [];
    backend = await createBackend(parseBackendOptions({ url: node.url, sigv4: { region: 'eu-west-1', service: 'es' } }), {
      awsCredentials: async () => {
        credentialCalls.push(1);
        return CREDS;
      },
    });
    expect(backend.description).toBe(`OpenSearch 3.6.0 at ${node.url} (SigV4 es eu-west-1)`);
    const res = await backend.client.search({
      index: 'sg-docs',
      body: { query: { term: { 'owner.keyword': 'ünïcödé & "quotes"' } } } as never,
      q: 'a b' as never,
    } as never);
    expect(res.statusCode).toBe(200);
    expect(await backend.ping()).toBe(true);
    expect(credentialCalls.length).toBeGreaterThan(0);

    const search = lastSearch(node);
    const verified = verifySigV4(asReceived(search), expectFor('eu-west-1', 'es'));
    expect(verified).toMatchObject({ ok: true, scope: { region: 'eu-west-1', service: 'es', accessKeyId: CREDS.accessKeyId } });
    expect(search.headers.authorization).toContain('/eu-west-1/es/aws4_request');
    // every request the node saw verified (the node would have answered 403 otherwise)
    for (const r of node.requests) expect(verifySigV4(asReceived(r), expectFor('eu-west-1', 'es')).ok).toBe(true);
  });

  it('a tampered body, path, query or signed header no longer verifies', async () => {
    node = await signedNode('eu-west-1', 'es');
    backend = await createBackend(parseBackendOptions({ url: node.url, sigv4: { region: 'eu-west-1', service: 'es' } }), {
      awsCredentials: async () => CREDS,
    });
    await backend.client.search({ index: 'sg-docs', body: { query: { term: { owner: 'alice' } } } as never });
    const original = asReceived(lastSearch(node));
    const exp = expectFor('eu-west-1', 'es');
    expect(verifySigV4(original, exp).ok).toBe(true);

    const body = Buffer.from(original.body.toString('utf8').replace('alice', 'bob__'));
    // with the declared payload hash left as signed: the hash no longer matches the body
    expect(verifySigV4({ ...original, body }, exp)).toMatchObject({ ok: false });
    // with the declared hash "fixed up" too: the signature no longer matches
    const hash = createHash('sha256').update(body).digest('hex');
    expect(
      verifySigV4({ ...original, body, headers: { ...original.headers, 'x-amz-content-sha256': hash } }, exp),
    ).toMatchObject({ ok: false, reason: 'signature does not match' });

    expect(verifySigV4({ ...original, target: original.target.replace('sg-docs', 'sg-other') }, exp)).toMatchObject({
      ok: false,
      reason: 'signature does not match',
    });
    expect(verifySigV4({ ...original, target: `${original.target}?size=10000` }, exp)).toMatchObject({ ok: false });
    expect(verifySigV4({ ...original, method: 'PUT' }, exp)).toMatchObject({ ok: false });

    const signed = verifySigV4(original, exp);
    if (!signed.ok) throw new Error('unreachable');
    expect(signed.signedHeaders).toEqual(expect.arrayContaining(['host', 'x-amz-date', 'content-type']));
    expect(
      verifySigV4({ ...original, headers: { ...original.headers, host: 'evil.example:443' } }, exp),
    ).toMatchObject({ ok: false, reason: 'signature does not match' });
    expect(
      verifySigV4({ ...original, headers: { ...original.headers, 'content-type': 'text/plain' } }, exp),
    ).toMatchObject({ ok: false, reason: 'signature does not match' });
  });

  it('signs the session token of temporary credentials', async () => {
    node = await signedNode('us-east-2', 'es');
    backend = await createBackend(parseBackendOptions({ url: node.url, sigv4: { region: 'us-east-2', service: 'es' } }), {
      awsCredentials: async () => ({ ...CREDS, sessionToken: 'FwoGZXIvYXdzEXAMPLETOKEN' }),
    });
    await backend.client.search({ index: 'sg-docs', body: { query: { match_all: {} } } as never });
    const search = asReceived(lastSearch(node));
    expect(search.headers['x-amz-security-token']).toBe('FwoGZXIvYXdzEXAMPLETOKEN');
    const r = verifySigV4(search, expectFor('us-east-2', 'es'));
    expect(r.ok && r.signedHeaders.includes('x-amz-security-token')).toBe(true);
  });

  it('fails to start when the node refuses the signature (wrong region), naming the credentials', async () => {
    node = await signedNode('eu-west-1', 'es');
    await expect(
      createBackend(parseBackendOptions({ url: node.url, sigv4: { region: 'eu-central-1', service: 'es' }, maxRetries: 0 }), {
        awsCredentials: async () => CREDS,
      }),
    ).rejects.toThrow(/refused the SigV4 credentials \(HTTP 403/);
  });

  it('fails to start when the credential chain has no credentials', async () => {
    node = await signedNode('eu-west-1', 'es');
    await expect(
      createBackend(parseBackendOptions({ url: node.url, sigv4: { region: 'eu-west-1', service: 'es' }, maxRetries: 0 }), {
        awsCredentials: async () => {
          throw new Error('Could not load credentials from any providers');
        },
      }),
    ).rejects.toThrow(/Could not load credentials/);
    expect(node.requests).toHaveLength(0);
  });
});

describe('SigV4 signing (service aoss, OpenSearch Serverless)', () => {
  it('scopes the signature to aoss and signs x-amz-content-sha256 of the body', async () => {
    node = await signedNode('eu-west-1', 'aoss');
    backend = await createBackend(parseBackendOptions({ url: node.url, sigv4: { region: 'eu-west-1', service: 'aoss' } }), {
      awsCredentials: async () => CREDS,
    });
    // Serverless has no GET /: start-up must not depend on it.
    expect(node.requests.some((r) => r.target === '/')).toBe(false);
    expect(backend.description).toBe(`OpenSearch Serverless at ${node.url} (SigV4 aoss eu-west-1)`);
    const body = { query: { term: { owner: 'alice' } } };
    await backend.client.search({ index: 'sg-docs', body: body as never });
    const search = asReceived(lastSearch(node));
    const r = verifySigV4(search, expectFor('eu-west-1', 'aoss'));
    expect(r).toMatchObject({ ok: true, scope: { service: 'aoss', region: 'eu-west-1' } });
    expect(r.ok && r.signedHeaders.includes('x-amz-content-sha256')).toBe(true);
    expect(search.headers['x-amz-content-sha256']).toBe(createHash('sha256').update(search.body).digest('hex'));
    expect(JSON.parse(search.body.toString('utf8'))).toEqual(body);
    // the same request does not verify as service es
    expect(verifySigV4(search, expectFor('eu-west-1', 'es'))).toMatchObject({ ok: false });
    expect(await backend.ping()).toBe(true);
  });
});
