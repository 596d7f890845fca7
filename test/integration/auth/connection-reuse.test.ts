import bcrypt from 'bcryptjs';
import { Client } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basicHeader, startCustomGateway, type CustomGateway } from './custom-gateway.js';
import { ME } from './support.js';

/**
 * Over one keep-alive connection, as a frontend's pooled connection carries its requests: the authentication
 * the gateway remembers for a connection (src/auth/connection-memo.ts) serves only the same credentials. A
 * wrong password, another user or no credentials on that connection are judged as on any other.
 */
let gw: CustomGateway;
let client: Client;
let connects = 0;

beforeAll(async () => {
  gw = await startCustomGateway({ extraUsersYaml: `bob:\n  hash: "${bcrypt.hashSync('bob-password', 4)}"\n  backend_roles: ["reader"]` });
  client = new Client(gw.url, { pipelining: 1 });
  client.on('connect', () => connects++);
}, 60_000);
afterAll(async () => {
  await client?.close();
  await gw?.close();
});

async function me(headers: Record<string, string>): Promise<{ status: number; body: any }> {
  const res = await client.request({ method: 'GET', path: `/graphql?query=${encodeURIComponent(ME)}`, headers: { accept: 'application/json', 'apollo-require-preflight': 'true', ...headers } });
  const text = await res.body.text();
  return { status: res.statusCode, body: JSON.parse(text) };
}

describe('one connection, several credentials', () => {
  it('answers each request for its own credentials, never for the ones before it', async () => {
    const alice = await me(basicHeader('alice', 'alice-password'));
    expect(alice.status).toBe(200);
    expect(alice.body.data.me.name).toBe('alice');
    expect((await me(basicHeader('alice', 'alice-password'))).body.data.me.name).toBe('alice');

    const wrong = await me(basicHeader('alice', 'not-her-password'));
    expect(wrong.status).toBe(401);
    expect(wrong.body.data).toBeUndefined();

    const bob = await me(basicHeader('bob', 'bob-password'));
    expect(bob.status).toBe(200);
    expect(bob.body.data.me.name).toBe('bob');

    const none = await me({});
    expect(none.status).toBe(401);

    expect((await me(basicHeader('alice', 'alice-password'))).body.data.me.name).toBe('alice');
    // The refusals above were answered on the same connection (a GET has no body left unread), so the
    // remembered authentication was there to be misused, and was not.
    expect(connects).toBe(1);
  });
});
