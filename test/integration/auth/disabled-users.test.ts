import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../../src/auth/password.js';
import { basicHeader, startCustomGateway, type CustomGateway } from './custom-gateway.js';
import { GENERIC_401, ME } from './support.js';

/** Issue 10 item 5: `enabled: false` on an internal user refuses their login (401, audited as FAILED_LOGIN). */

let gw: CustomGateway;

beforeAll(async () => {
  const hash = await hashPassword('retired-password', 4);
  gw = await startCustomGateway({
    extraUsersYaml: `retired:\n  hash: "${hash}"\n  backend_roles: ["reader"]\n  enabled: false\nactive:\n  hash: "${hash}"\n  backend_roles: ["reader"]\n  enabled: true\n`,
  });
}, 60_000);
afterAll(() => gw?.close());

describe('a disabled internal user', () => {
  it('is refused with the generic 401, even with the right password, and the refusal is audited', async () => {
    const r = await gw.post({ query: ME }, basicHeader('retired', 'retired-password'));
    expect(r.status, r.text).toBe(401);
    expect(r.body).toEqual(GENERIC_401);
    const event = gw.audit.events.find((e) => e.category === 'FAILED_LOGIN' && e.user === 'retired');
    expect(event).toBeDefined();
    expect(event && 'reason' in event ? event.reason : '').toMatch(/disabled/);
  });

  it('is refused on every later attempt too (a refusal is never cached as a success)', async () => {
    for (let i = 0; i < 2; i++) expect((await gw.post({ query: ME }, basicHeader('retired', 'retired-password'))).status).toBe(401);
  });

  it('while a user with the same hash and enabled: true, and one without the field, log in', async () => {
    const active = await gw.post({ query: ME }, basicHeader('active', 'retired-password'));
    expect(active.status, active.text).toBe(200);
    expect(active.body.data.me.name).toBe('active');
    const alice = await gw.post({ query: ME }, basicHeader('alice', 'alice-password'));
    expect(alice.status, alice.text).toBe(200);
    expect(alice.body.data.me.name).toBe('alice');
  });
});
