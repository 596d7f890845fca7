import { describe, expect, it } from 'vitest';
import { mapSecurityRoles } from '../../../src/authz/mapping.js';
import { configOf, principal } from './helpers.js';

const config = configOf({
  roles: { r_user: {}, r_glob: {}, r_regex: {}, r_backend: {}, r_and: {}, r_host: {}, r_hostre: {}, r_direct: {} },
  roles_mapping: {
    r_user: { users: ['alice'] },
    r_glob: { users: ['svc-*'] },
    r_regex: { users: ['/team\\d+-lead/'] },
    r_backend: { backend_roles: ['admins', 'ops-*'] },
    r_and: { and_backend_roles: ['eu', 'finance*'] },
    r_host: { hosts: ['192.168.1.*'] },
    r_hostre: { hosts: ['/10\\.0\\.0\\.(1|2)/'] },
  },
});

describe('mapSecurityRoles', () => {
  it('maps by user name: exact, glob, regex', () => {
    expect(mapSecurityRoles(config, principal({ name: 'alice', remoteAddress: '' }))).toEqual(['r_user']);
    expect(mapSecurityRoles(config, principal({ name: 'svc-indexer', remoteAddress: '' }))).toEqual(['r_glob']);
    expect(mapSecurityRoles(config, principal({ name: 'team12-lead', remoteAddress: '' }))).toEqual(['r_regex']);
    expect(mapSecurityRoles(config, principal({ name: 'team12-leader', remoteAddress: '' }))).toEqual([]);
    expect(mapSecurityRoles(config, principal({ name: 'Alice', remoteAddress: '' }))).toEqual([]);
  });

  it('maps by any backend role; and_backend_roles needs every pattern matched', () => {
    expect(mapSecurityRoles(config, principal({ name: 'x', backendRoles: ['ops-eu'], remoteAddress: '' }))).toEqual(['r_backend']);
    expect(mapSecurityRoles(config, principal({ name: 'x', backendRoles: ['eu'], remoteAddress: '' }))).toEqual([]);
    expect(mapSecurityRoles(config, principal({ name: 'x', backendRoles: ['eu', 'finance-ops'], remoteAddress: '' }))).toEqual(['r_and']);
    expect(mapSecurityRoles(config, principal({ name: 'x', backendRoles: ['finance-ops'], remoteAddress: '' }))).toEqual([]);
  });

  it('backend roles match exactly: padding and case do not map', () => {
    for (const r of [' admins', 'admins ', 'Admins', 'admins\n', '\tadmins']) {
      expect(mapSecurityRoles(config, principal({ name: 'x', backendRoles: [r], remoteAddress: '' }))).toEqual([]);
    }
    expect(mapSecurityRoles(config, principal({ name: 'x', backendRoles: ['admins'], remoteAddress: '' }))).toEqual(['r_backend']);
  });

  it('maps by host with globs and regex, also for IPv4-mapped IPv6 addresses', () => {
    expect(mapSecurityRoles(config, principal({ name: 'x', remoteAddress: '192.168.1.50' }))).toEqual(['r_host']);
    expect(mapSecurityRoles(config, principal({ name: 'x', remoteAddress: '::ffff:192.168.1.50' }))).toEqual(['r_host']);
    expect(mapSecurityRoles(config, principal({ name: 'x', remoteAddress: '10.0.0.2' }))).toEqual(['r_hostre']);
    expect(mapSecurityRoles(config, principal({ name: 'x', remoteAddress: '10.0.0.3' }))).toEqual([]);
  });

  it('adds direct roles; the result is sorted and unique, OR over all criteria', () => {
    const roles = mapSecurityRoles(
      config,
      principal({ name: 'alice', backendRoles: ['admins'], directRoles: ['r_direct', 'r_user'], remoteAddress: '192.168.1.1' }),
    );
    expect(roles).toEqual(['r_backend', 'r_direct', 'r_host', 'r_user']);
  });

  it('a user without any mapping has no roles', () => {
    expect(mapSecurityRoles(config, principal({ name: 'nobody', remoteAddress: '127.0.0.1' }))).toEqual([]);
  });
});
