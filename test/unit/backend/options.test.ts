import { describe, expect, it } from 'vitest';
import { BackendOptionsError, nodeUrls, parseBackendOptions } from '../../../src/backend/options.js';

/** The list of `path: message` problems, or [] when valid. */
function problems(raw: unknown): string[] {
  try {
    parseBackendOptions(raw);
    return [];
  } catch (err) {
    if (!(err instanceof BackendOptionsError)) throw err;
    return [...err.problems];
  }
}

describe('backend options: valid sections', () => {
  it('applies defaults for a real node', () => {
    const o = parseBackendOptions({ url: 'http://127.0.0.1:9200' });
    expect(o).toEqual({ url: 'http://127.0.0.1:9200', requestTimeoutMs: 10_000, maxRetries: 2, batchSearches: true });
    expect(nodeUrls(o)).toEqual(['http://127.0.0.1:9200']);
  });

  it('defaults rejectUnauthorized to true inside tls', () => {
    const o = parseBackendOptions({ url: 'https://search.example.com', tls: { caFile: '/etc/ca.pem' } });
    expect(o.tls).toEqual({ caFile: '/etc/ca.pem', rejectUnauthorized: true });
  });

  it('accepts a full configuration and a list of nodes', () => {
    const o = parseBackendOptions({
      url: ['https://a.example:9200', 'https://b.example:9200'],
      auth: { username: 'sg', password: 'pw' },
      tls: { caFile: 'ca.pem', rejectUnauthorized: false, certFile: 'c.pem', keyFile: 'c.key' },
      requestTimeoutMs: 2500,
      maxRetries: 0,
      embedded: { dataDir: '/var/lib/searchgate' },
    });
    expect(nodeUrls(o)).toEqual(['https://a.example:9200', 'https://b.example:9200']);
    expect(o.tls?.rejectUnauthorized).toBe(false);
    expect(o.maxRetries).toBe(0);
  });

  it('accepts sigv4 for es and aoss', () => {
    expect(parseBackendOptions({ url: 'https://d.eu-west-1.es.amazonaws.com', sigv4: { region: 'eu-west-1', service: 'es' } }).sigv4)
      .toEqual({ region: 'eu-west-1', service: 'es' });
    expect(parseBackendOptions({ url: 'https://x.us-east-1.aoss.amazonaws.com', sigv4: { region: 'us-east-1', service: 'aoss' } }).sigv4?.service)
      .toBe('aoss');
  });

  it('selects the embedded engine when there is no url', () => {
    const o = parseBackendOptions({ embedded: { dataDir: './data' } });
    expect(nodeUrls(o)).toEqual([]);
    expect(o.embedded?.dataDir).toBe('./data');
  });
});

describe('backend options: refused sections', () => {
  it('rejects unknown keys at every level, naming the path', () => {
    expect(problems({ url: 'http://x:9200', urls: ['http://y'] })).toEqual([expect.stringMatching(/^backend: .*"urls"/)]);
    expect(problems({ url: 'https://x', tls: { rejectUnauthorised: false } })).toEqual([
      expect.stringMatching(/^backend\.tls: .*"rejectUnauthorised"/),
    ]);
    expect(problems({ url: 'http://x', auth: { user: 'a', username: 'a', password: 'b' } })).toEqual([
      expect.stringMatching(/^backend\.auth: .*"user"/),
    ]);
    expect(problems({ embedded: { dataDir: 'd', inMemory: true } })).toEqual([expect.stringMatching(/^backend\.embedded: .*"inMemory"/)]);
  });

  it('rejects malformed URLs, other schemes, credentials in the URL and an empty list', () => {
    expect(problems({ url: 'localhost:9200' })[0]).toMatch(/^backend\.url: /);
    expect(problems({ url: 'not a url' })[0]).toMatch(/is not a URL/);
    expect(problems({ url: 'ftp://x' })[0]).toMatch(/must use http:\/\/ or https:\/\//);
    expect(problems({ url: 'https://admin:admin@x:9200' })[0]).toMatch(/must not contain credentials: put them under backend\.auth/);
    expect(problems({ url: [] })[0]).toMatch(/url list must not be empty/);
    expect(problems({ url: ['http://ok:9200', 'nope'] })[0]).toMatch(/^backend\.url\.1: /);
    expect(problems({ url: 'http://x:9200/?pretty' })[0]).toMatch(/query string/);
  });

  it('rejects remote-node settings without a url (they would be silently unused by the embedded engine)', () => {
    const p = problems({ auth: { username: 'a', password: 'b' }, embedded: { dataDir: 'd' } });
    expect(p).toEqual(['backend.auth: auth applies to a real OpenSearch node, but no url is set (set backend.url or OPENSEARCH_URL)']);
    expect(problems({ tls: { caFile: 'x' }, embedded: { dataDir: 'd' } })[0]).toMatch(/^backend\.tls: /);
    expect(problems({ sigv4: { region: 'eu-west-1', service: 'es' }, embedded: { dataDir: 'd' } })[0]).toMatch(/^backend\.sigv4: /);
  });

  it('requires a data folder for the embedded engine', () => {
    expect(problems({})).toEqual(['backend.embedded.dataDir: without a url the embedded engine is used and needs embedded.dataDir']);
    expect(problems({ embedded: {} })[0]).toMatch(/^backend\.embedded\.dataDir: /);
    expect(problems({ embedded: { dataDir: '' } })[0]).toMatch(/dataDir must not be empty/);
  });

  it('rejects tls on plain http, half a client certificate, and auth together with sigv4', () => {
    expect(problems({ url: ['https://a', 'http://b'], tls: { caFile: 'ca.pem' } })).toEqual([
      'backend.tls: tls is configured but http://b is plain http:// (use https://)',
    ]);
    expect(problems({ url: 'https://a', tls: { certFile: 'c.pem' } })).toEqual([
      'backend.tls: certFile and keyFile go together (both or neither)',
    ]);
    expect(
      problems({ url: 'https://a', auth: { username: 'u', password: 'p' }, sigv4: { region: 'eu-west-1', service: 'es' } }),
    ).toEqual(['backend.auth: use either auth (basic) or sigv4, not both']);
    expect(problems({ url: ['https://a', 'https://b'], sigv4: { region: 'eu-west-1', service: 'es' } })[0]).toMatch(/sigv4 takes one endpoint/);
  });

  it('rejects bad sigv4 settings with messages naming the choices', () => {
    expect(problems({ url: 'https://a', sigv4: { region: 'eu-west-1', service: 'opensearch' } })).toEqual([
      'backend.sigv4.service: service must be "es" (Amazon OpenSearch Service) or "aoss" (OpenSearch Serverless)',
    ]);
    expect(problems({ url: 'https://a', sigv4: { service: 'es' } })[0]).toMatch(/^backend\.sigv4\.region: region must be a string/);
    expect(problems({ url: 'https://a', sigv4: { region: 'EU West', service: 'es' } })[0]).toMatch(/must look like an AWS region/);
  });

  it('rejects out-of-range or mistyped numbers and booleans', () => {
    expect(problems({ url: 'http://a', requestTimeoutMs: 0 })[0]).toMatch(/^backend\.requestTimeoutMs: requestTimeoutMs must be at least 1/);
    expect(problems({ url: 'http://a', requestTimeoutMs: '10s' })[0]).toMatch(/must be a number of milliseconds/);
    expect(problems({ url: 'http://a', requestTimeoutMs: 1.5 })[0]).toMatch(/whole number/);
    expect(problems({ url: 'http://a', maxRetries: -1 })[0]).toMatch(/maxRetries must be 0 or more/);
    expect(problems({ url: 'http://a', maxRetries: 100 })[0]).toMatch(/at most 10/);
    expect(problems({ url: 'https://a', tls: { rejectUnauthorized: 'false' } })[0]).toMatch(
      /^backend\.tls\.rejectUnauthorized: rejectUnauthorized must be true or false/,
    );
    expect(problems({ url: 'http://a', auth: { username: 'u', password: '' } })[0]).toMatch(/password must not be empty/);
  });

  it('lists every problem at once in the error message', () => {
    try {
      parseBackendOptions({ url: 'ftp://x', maxRetries: -1, tls: { bogus: 1 } });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(BackendOptionsError);
      const e = err as BackendOptionsError;
      expect(e.problems.length).toBeGreaterThanOrEqual(3);
      expect(e.message).toMatch(/^invalid backend configuration:\n {2}- backend\./);
    }
  });
});
