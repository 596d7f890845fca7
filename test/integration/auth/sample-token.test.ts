import { blake2b } from '@noble/hashes/blake2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthenticator } from '../../../src/auth/chain.js';
import { parseAuthConfig, type JwtDomainConfig } from '../../../src/auth/config.js';
import { hmacSigner, mintToken, parseRoles, parseTtl, tokenCommand } from '../../../src/cli-token.js';
import { generateFlights } from '../../../src/sample/flights.js';
import { BACKENDS, startTestGateway, type TestGateway } from '../../support/gateway.js';
import { GENERIC_401 } from './support.js';

/**
 * The sample token: `npx searchgate token --sub new-user --roles new-backend-role` mints a JWT with the sample
 * config's HMAC key, and that token gets exactly what new-user gets with basic auth (the flights tutorial's
 * new-role), as a JWT principal.
 */
const SAMPLE = resolve('sample/searchgate.yml');
const flights = generateFlights();
const delayed = flights.filter((f) => f.FlightDelay === true);
const legacyHash = (v: string) =>
  bytesToHex(blake2b(new TextEncoder().encode(v), { dkLen: 32, personalization: new TextEncoder().encode('e1ukloTsQlOgPquJ') }));
const silent = { write: () => true } as unknown as NodeJS.WritableStream;
const FLIGHTS = '{ flights(first: 100) { total hits { id document { FlightDelay Dest DestAirportID } } } }';

const mint = (sub: string, roles: string[], ttlSeconds = 600, now?: () => number) =>
  tokenCommand({ config: SAMPLE, sub, roles, ttlSeconds, now }, { stdout: silent });

describe('the token command', () => {
  it('`searchgate token` prints one token that the sample config accepts', async () => {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ['bin/searchgate.js', 'token', '--sub', 'new-user', '--roles', 'new-backend-role', '--ttl', '120'],
      { env: Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'SEARCHGATE_CONFIG')) },
    );
    expect(stderr).toBe('');
    const token = stdout.trim();
    expect(token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(stdout).toBe(`${token}\n`);
    const header = JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString());
    const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString());
    expect(header).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(claims).toEqual({ sub: 'new-user', roles: ['new-backend-role'], aud: 'searchgate-sample', iat: expect.any(Number), exp: claims.iat + 120 });
  });

  it('refuses roles with whitespace, empty roles and bad lifetimes instead of guessing', () => {
    expect(parseRoles('')).toEqual([]);
    expect(parseRoles('a,b-c')).toEqual(['a', 'b-c']);
    expect(() => parseRoles('a, b')).toThrow(/whitespace/);
    expect(() => parseRoles('a,,b')).toThrow(/empty role/);
    expect(parseTtl('3600')).toBe(3600);
    for (const bad of ['0', '-1', '1.5', '1e3', 'abc', String(8 * 24 * 3600)]) expect(() => parseTtl(bad)).toThrow(/--ttl/);
  });

  it('refuses configs without an HMAC jwt domain, and asks which one when there are several', async () => {
    await expect(tokenCommand({ config: resolve('test/fixtures/combos/searchgate.yml'), sub: 'x', roles: [], ttlSeconds: 60 }, { stdout: silent })).rejects.toThrow(
      /no jwt domain with an HMAC key/,
    );
    const auth = parseAuthConfig({
      domains: ['a', 'b'].map((name) => ({ type: 'jwt', name, algorithms: ['HS256'], keys: [{ kind: 'hmac', secret: 'k'.repeat(32), encoding: 'utf8' }] })),
    });
    const jwt = auth.domains.filter((d): d is JwtDomainConfig => d.type === 'jwt');
    expect(() => hmacSigner(jwt)).toThrow(/--domain/);
    expect(hmacSigner(jwt, 'b').domain.name).toBe('b');
  });

  it('puts subject and roles where the domain reads them (nested claim paths, issuer, audience)', async () => {
    const auth = parseAuthConfig({
      domains: [
        {
          type: 'jwt',
          name: 'nested',
          algorithms: ['HS384'],
          keys: [{ kind: 'hmac', secret: Buffer.alloc(48, 7).toString('base64'), encoding: 'base64' }],
          requiredIssuer: 'https://idp.example',
          requiredAudience: 'gateway',
          subjectKey: 'user.name',
          rolesKey: 'realm_access.roles',
        },
      ],
    });
    const jwt = auth.domains.filter((d): d is JwtDomainConfig => d.type === 'jwt');
    const token = await mintToken(hmacSigner(jwt), { sub: 'ana', roles: ['r1', 'r2'], ttlSeconds: 60 });
    const authn = createAuthenticator(auth, { get: () => undefined, version: '0' });
    const outcome = await authn.authenticate({ headers: { authorization: `Bearer ${token}` }, remoteAddress: '127.0.0.1', url: new URL('http://x/graphql') });
    expect(outcome).toMatchObject({ kind: 'ok', principal: { name: 'ana', backendRoles: ['r1', 'r2'], authType: 'jwt' } });
    await authn.close();
  });
});

describe.each(BACKENDS)('the sample token against the sample gateway on %s', (backend) => {
  let gw: TestGateway;
  let token: string;
  beforeAll(async () => {
    gw = await startTestGateway(backend);
    token = await mint('new-user', ['new-backend-role']);
  });
  afterAll(async () => {
    await gw?.close();
  });

  it('identifies new-user as a JWT principal with the asserted backend role', async () => {
    const r = await gw.gql<any>('{ me { name authType backendRoles roles } }', { auth: `Bearer ${token}` });
    expect(r.status, r.text).toBe(200);
    expect(r.body.data.me.name).toBe('new-user');
    expect(r.body.data.me.authType).toBe('JWT');
    expect(r.body.data.me.backendRoles).toEqual(['new-backend-role']);
    // new-role via the backend role; kibana_user because roles_mapping.yml maps the user name new-user.
    expect([...r.body.data.me.roles].sort()).toEqual(['kibana_user', 'new-role']);
  });

  it('sees only delayed flights, Dest masked, no FlightNum, no movies: the same as new-user with basic auth', async () => {
    const r = await gw.gql<any>(FLIGHTS, { auth: `Bearer ${token}` });
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data.flights.total).toBe(delayed.length);
    const byId = new Map(flights.map((f) => [f._id, f]));
    for (const hit of r.body.data.flights.hits) {
      expect(hit.document.FlightDelay).toBe(true);
      const clear = byId.get(hit.id)!;
      expect(hit.document.Dest).toBe(legacyHash(String(clear.Dest)));
      expect(r.text).not.toContain(`"${String(clear.Dest)}"`);
    }
    const viaBasic = await gw.gql<any>(FLIGHTS, { auth: 'new-user:new-password' });
    expect(r.body).toEqual(viaBasic.body);
    const num = await gw.gql<any>('{ flights { hits { document { FlightNum } } } }', { auth: `Bearer ${token}` });
    expect(num.body.errors[0].message).toBe('Cannot query field "FlightNum" on type "Flight".');
    const movies = await gw.gql<any>('{ movies { total } }', { auth: `Bearer ${token}` });
    expect(movies.status).toBe(400);
    expect(movies.body.errors[0].message).toBe('Cannot query field "movies" on type "Query".');
  });

  it('a token for another role reads nothing; an expired one is refused; basic auth still works', async () => {
    const other = await mint('someone', ['no-such-role']);
    const r = await gw.gql<any>('{ me { name authType roles } }', { auth: `Bearer ${other}` });
    expect(r.body.data.me).toEqual({ name: 'someone', authType: 'JWT', roles: [] });
    expect((await gw.gql<any>('{ flights { total } }', { auth: `Bearer ${other}` })).status).toBe(400);

    const expired = await mint('new-user', ['new-backend-role'], 60, () => Date.now() - 3600_000);
    const refused = await gw.gql<any>('{ me { name } }', { auth: `Bearer ${expired}` });
    expect(refused.status).toBe(401);
    expect(refused.body).toEqual(GENERIC_401);
    expect(refused.headers.get('www-authenticate')).toBe('Basic realm="Searchgate", charset="UTF-8", Bearer realm="Searchgate"');

    const basic = await gw.gql<any>('{ me { name authType } }', { auth: 'master-user:master-password' });
    expect(basic.body.data.me).toEqual({ name: 'master-user', authType: 'BASIC' });
  });
});
