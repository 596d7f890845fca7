import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditLog, memoryAuditSink } from '../../../src/audit/audit-log.js';
import { BACKENDS } from '../../support/gateway.js';
import { MASTER, startAdminGateway, type AdminGateway } from './support.js';

const BCRYPT = /\$2[aby]\$\d{2}\$/;

describe.each(BACKENDS)('audit events (%s)', (backend) => {
  let gw: AdminGateway;
  beforeAll(async () => {
    gw = await startAdminGateway(backend);
  });
  afterAll(async () => {
    await gw?.close();
  });

  it('a wrong password is a FAILED_LOGIN naming the user and address, never the password', async () => {
    const res = await gw.gql(`{ me { name } }`, { auth: 'limited-user:not-the-password' });
    expect(res.status).toBe(401);
    const e = gw.audit.events.filter((x) => x.category === 'FAILED_LOGIN');
    expect(e).toHaveLength(1);
    expect(e[0]).toMatchObject({ category: 'FAILED_LOGIN', user: 'limited-user', remoteAddress: '127.0.0.1', throttled: false, timestamp: expect.any(String) });
    expect(JSON.stringify(e)).not.toContain('not-the-password');
  });

  it('a request without credentials is not a failed login; an unknown user is', async () => {
    const before = gw.audit.events.length;
    expect((await gw.gql(`{ me { name } }`)).status).toBe(401);
    expect(gw.audit.events.length).toBe(before);
    expect((await gw.gql(`{ me { name } }`, { auth: 'ghost:boo' })).status).toBe(401);
    expect(gw.audit.events.at(-1)).toMatchObject({ category: 'FAILED_LOGIN', user: 'ghost' });
    expect((await gw.gql(`{ me { name } }`, { auth: 'Bearer not.a.jwt' })).status).toBe(401);
    expect(gw.audit.events.at(-1)).toMatchObject({ category: 'FAILED_LOGIN' });
  });

  it('every config change is a COMPLIANCE_INTERNAL_CONFIG_WRITE with who, what, before and after, without hashes', async () => {
    const writes = () => gw.audit.events.filter((x) => x.category === 'COMPLIANCE_INTERNAL_CONFIG_WRITE');
    await gw.gql(`mutation { putInternalUser(name: "audited", user: { password: "audited-pw", backend_roles: ["a"] }) { changed } }`, { auth: MASTER });
    await gw.gql(`mutation { patchInternalUser(name: "audited", patch: { backend_roles: ["b"], password: "audited-pw2" }) { changed } }`, { auth: MASTER });
    await gw.gql(`mutation { putRole(name: "audited-role", role: { cluster_permissions: ["cluster_monitor"] }) { changed } }`, { auth: MASTER });
    await gw.gql(`mutation { deleteRole(name: "audited-role") { changed } }`, { auth: MASTER });
    await gw.gql(`mutation { putRole(name: "audited-dry", role: { cluster_permissions: [] }, dryRun: true) { changed } }`, { auth: MASTER });
    const w = writes();
    expect(w.map((e) => [e.category === 'COMPLIANCE_INTERNAL_CONFIG_WRITE' && e.operation, e.category === 'COMPLIANCE_INTERNAL_CONFIG_WRITE' && e.resource])).toEqual([
      ['CREATE', 'internal_users/audited'],
      ['UPDATE', 'internal_users/audited'],
      ['CREATE', 'roles/audited-role'],
      ['DELETE', 'roles/audited-role'],
    ]);
    expect(w[0]).toMatchObject({ user: 'master-user', before: null, after: { backend_roles: ['a'] }, configVersion: expect.any(Number) });
    expect(w[1]).toMatchObject({ before: { backend_roles: ['a'] }, after: { backend_roles: ['b'] } });
    expect(w[3]).toMatchObject({ before: { cluster_permissions: ['cluster_monitor'] }, after: null });
    const text = JSON.stringify(w);
    expect(text).not.toMatch(BCRYPT);
    expect(text).not.toMatch(/audited-pw|"hash"|"password"/);
  });

  it('a refused change is a MISSING_PRIVILEGES event', async () => {
    await gw.gql(`mutation { deleteRole(name: "all_access") { changed } }`, { auth: MASTER });
    expect(gw.audit.events.at(-1)).toMatchObject({ category: 'MISSING_PRIVILEGES', user: 'master-user', resource: 'roles/all_access' });
  });
});

describe('the audit log itself', () => {
  it('drops hashes and passwords whatever it is handed', () => {
    const sink = memoryAuditSink();
    new AuditLog([sink], () => new Date('2026-01-01T00:00:00Z')).record({
      category: 'COMPLIANCE_INTERNAL_CONFIG_WRITE',
      user: 'u',
      operation: 'IMPORT',
      resource: '/x',
      configVersion: 2,
      before: { 'internal_users/a': { hash: '$2y$12$JPJLF99pr2T0Wxz2JClz6.QfS1lx/Dl7ZKaQPIHohu1jywJzRjtm.', backend_roles: [] } },
      after: { note: 'pw is $2y$12$JPJLF99pr2T0Wxz2JClz6.QfS1lx/Dl7ZKaQPIHohu1jywJzRjtm.', nested: [{ password: 'x' }] },
    });
    expect(sink.events).toEqual([
      {
        category: 'COMPLIANCE_INTERNAL_CONFIG_WRITE',
        user: 'u',
        operation: 'IMPORT',
        resource: '/x',
        configVersion: 2,
        before: { 'internal_users/a': { backend_roles: [] } },
        after: { note: '[redacted]', nested: [{}] },
        timestamp: '2026-01-01T00:00:00.000Z',
      },
    ]);
  });

  it('a failing sink does not stop the others', () => {
    const good = memoryAuditSink();
    const log = new AuditLog([{ write: () => { throw new Error('disk full'); } }, good]);
    log.record({ category: 'FAILED_LOGIN', remoteAddress: '10.0.0.1', reason: 'r', throttled: false });
    expect(good.events).toHaveLength(1);
  });
});
