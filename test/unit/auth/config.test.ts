import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAuthenticator } from '../../../src/auth/chain.js';
import { parseAuthConfig } from '../../../src/auth/config.js';
import { MemoryUsers } from './support.js';

/** The auth config refuses every setting that could make authentication fail open, with clear messages. */

const secret32 = Buffer.alloc(32, 7).toString('base64');
const jwt = (extra: Record<string, unknown>) => ({ domains: [{ type: 'jwt', name: 'j', algorithms: ['HS256'], keys: [{ kind: 'hmac', secret: secret32, encoding: 'base64' }], ...extra }] });
const rsaPem = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
const ecPem = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ type: 'spki', format: 'pem' }).toString();

describe('auth config', () => {
  it('fills defaults (the gateway default parses)', () => {
    const cfg = parseAuthConfig({ domains: [{ type: 'basic', name: 'internal' }] });
    expect(cfg.realm).toBe('Searchgate');
    expect(cfg.verifyCacheSeconds).toBe(60);
    expect(cfg.throttle).toEqual({ maxFailuresPerUser: 10, maxFailuresPerAddress: 100, windowSeconds: 60, lockSeconds: 60, maxTrackedKeys: 10_000, refusalPauseMs: 1000 });
    const j = parseAuthConfig(jwt({})).domains[0]!;
    expect(j).toMatchObject({ clockSkewSeconds: 30, subjectKey: 'sub', jwksRefreshRateLimitSeconds: 10, requireExpiration: true });
    const p = parseAuthConfig({ domains: [{ type: 'proxy', name: 'p', trustedProxies: ['10.0.0.1'] }] }).domains[0]!;
    expect(p).toMatchObject({ userHeader: 'x-proxy-user', rolesHeader: 'x-proxy-roles', rolesSeparator: ',' });
  });

  const refused: [string, unknown, RegExp][] = [
    ['alg none', jwt({ algorithms: ['none'] }), /'none' is never accepted/],
    ['alg None', jwt({ algorithms: ['HS256', 'None'] }), /'none' is never accepted/],
    ['unknown alg', jwt({ algorithms: ['HS1'] }), /unknown JWS algorithm/],
    ['no algorithms', jwt({ algorithms: [] }), /pin at least one algorithm/],
    ['pem key with an HMAC alg', jwt({ algorithms: ['HS256'], keys: [{ kind: 'pem', pem: rsaPem, alg: 'HS256' }] }), /asymmetric algorithm/],
    ['hmac key with an RSA alg', jwt({ algorithms: ['RS256'], keys: [{ kind: 'hmac', secret: secret32, encoding: 'base64', alg: 'RS256' }] }), /hmac key's alg/],
    ['short secret', jwt({ keys: [{ kind: 'hmac', secret: Buffer.alloc(31).toString('base64'), encoding: 'base64' }] }), /at least 256 bits/],
    ['short utf8 secret', jwt({ keys: [{ kind: 'hmac', secret: 'only-twenty-something-chars', encoding: 'utf8' }] }), /at least 256 bits/],
    ['HS512 with a 256-bit secret', jwt({ algorithms: ['HS512'] }), /at least 512 bits/],
    ['bad base64 secret', jwt({ keys: [{ kind: 'hmac', secret: 'not*base64*at*all*but*long*enough*to*pass', encoding: 'base64' }] }), /not valid base64/],
    ['missing encoding', jwt({ keys: [{ kind: 'hmac', secret: secret32 }] }), /encoding must be/],
    ['no key source', jwt({ keys: [] }), /needs keys, jwksUrl or oidcDiscoveryUrl/],
    ['both remote sources', jwt({ algorithms: ['RS256'], keys: undefined, jwksUrl: 'https://a/j', oidcDiscoveryUrl: 'https://a/d' }), /not both/],
    ['remote keys without an asymmetric alg', jwt({ jwksUrl: 'https://idp.example/jwks' }), /asymmetric/],
    ['HS listed without an hmac key', jwt({ algorithms: ['RS256', 'HS256'], keys: [{ kind: 'pem', pem: rsaPem, alg: 'RS256' }] }), /no hmac key/],
    ['pem alg not listed', jwt({ algorithms: ['RS256'], keys: [{ kind: 'pem', pem: ecPem, alg: 'ES256' }] }), /not listed in algorithms/],
    ['pem and file', jwt({ algorithms: ['RS256'], keys: [{ kind: 'pem', pem: rsaPem, file: '/x', alg: 'RS256' }] }), /exactly one of pem or file/],
    ['private key', jwt({ algorithms: ['RS256'], keys: [{ kind: 'pem', pem: '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----', alg: 'RS256' }] }), /private key/],
    ['plain http JWKS', jwt({ algorithms: ['RS256'], keys: undefined, jwksUrl: 'http://idp.example.com/jwks' }), /must use https/],
    ['bad claim path', jwt({ rolesKey: 'a..b' }), /claim path/],
    ['unknown field', jwt({ rolesClaim: 'roles' }), /rolesClaim/],
    ['anonymous not last', { domains: [{ type: 'anonymous', name: 'a', backendRole: 'g' }, { type: 'basic', name: 'b' }] }, /must come last/],
    ['duplicate names', { domains: [{ type: 'basic', name: 'x' }, { type: 'basic', name: 'x' }] }, /used twice/],
    ['no domains', { domains: [] }, /at least one authentication domain/],
    ['unknown type', { domains: [{ type: 'ldap', name: 'x' }] }, /type: 'jwt', 'basic', 'proxy' or 'anonymous'/],
    ['bad CIDR', { domains: [{ type: 'proxy', name: 'p', trustedProxies: ['10.0.0.0/33'] }] }, /prefix length/],
    ['not an IP', { domains: [{ type: 'proxy', name: 'p', trustedProxies: ['proxy.internal'] }] }, /not an IP address/],
    ['no trusted proxies', { domains: [{ type: 'proxy', name: 'p', trustedProxies: [] }] }, /at least one trusted proxy/],
    ['long lock', { domains: [{ type: 'basic', name: 'b' }], throttle: { lockSeconds: 3600 } }, /lock real users out/],
    ['quote in realm', { domains: [{ type: 'basic', name: 'b' }], realm: 'a"b' }, /quotes/],
  ];
  for (const [name, raw, message] of refused) {
    it(`refuses ${name}`, () => {
      expect(() => parseAuthConfig(raw)).toThrow(message);
    });
  }

  it('accepts a 256-bit utf8 secret, PEM keys inline and from a file, and checks key type at start-up', () => {
    parseAuthConfig(jwt({ keys: [{ kind: 'hmac', secret: 'x'.repeat(32), encoding: 'utf8' }] }));
    const dir = mkdtempSync(join(tmpdir(), 'auth-cfg-'));
    writeFileSync(join(dir, 'rsa.pem'), rsaPem);
    const cfg = parseAuthConfig(jwt({ algorithms: ['RS256', 'ES256'], keys: [{ kind: 'pem', file: join(dir, 'rsa.pem'), alg: 'RS256' }, { kind: 'pem', pem: ecPem, alg: 'ES256' }] }));
    createAuthenticator(cfg, new MemoryUsers());
    // An EC key configured for RS256 parses (the schema cannot see inside the file) but fails at start-up.
    writeFileSync(join(dir, 'ec.pem'), ecPem);
    const wrong = parseAuthConfig(jwt({ algorithms: ['RS256'], keys: [{ kind: 'pem', file: join(dir, 'ec.pem'), alg: 'RS256' }] }));
    expect(() => createAuthenticator(wrong, new MemoryUsers())).toThrow(/needs an RSA key/);
    const missing = parseAuthConfig(jwt({ algorithms: ['RS256'], keys: [{ kind: 'pem', file: join(dir, 'absent.pem'), alg: 'RS256' }] }));
    expect(() => createAuthenticator(missing, new MemoryUsers())).toThrow(/ENOENT/);
  });
});
