import { describe, expect, it } from 'vitest';
import { selectTenant, type TenantCaller } from '../../../src/authz/tenant-select.js';
import { availableTenants, type TenantAccess } from '../../../src/authz/tenants.js';

const grants: TenantAccess[] = [
  { name: '__user__', access: 'write' },
  { name: 'analysts', access: 'read' },
  { name: 'global_tenant', access: 'read' },
  { name: 'ops', access: 'write' },
];
const alice: TenantCaller = { name: 'alice', tenants: grants, admin: false };
const admin: TenantCaller = { name: 'root', tenants: [{ name: '__user__', access: 'write' }], admin: true };
const options = { defaultTenant: 'global_tenant', adminsReadPrivateTenants: false };

describe('selectTenant', () => {
  it('takes the requested tenant with the caller\'s access to it', () => {
    expect(selectTenant(alice, 'analysts', options)).toEqual({ kind: 'ok', tenant: { ref: { kind: 'shared', name: 'analysts' }, name: 'analysts', access: 'read' } });
    expect(selectTenant(alice, 'ops', options)).toMatchObject({ kind: 'ok', tenant: { access: 'write' } });
  });

  it('maps __user__ to the caller\'s own private tenant and an empty name to the global tenant', () => {
    expect(selectTenant(alice, '__user__', options)).toEqual({ kind: 'ok', tenant: { ref: { kind: 'private', owner: 'alice' }, name: '__user__', access: 'write' } });
    expect(selectTenant(alice, '', options)).toMatchObject({ kind: 'ok', tenant: { name: 'global_tenant', access: 'read' } });
    expect(selectTenant(alice, '__user__:alice', options)).toMatchObject({ kind: 'ok', tenant: { ref: { kind: 'private', owner: 'alice' } } });
  });

  it('refuses unknown and ungranted tenants alike, and never matches loosely', () => {
    for (const name of ['nope', 'secret', 'Analysts', 'analysts ', 'analyst', '*', 'global', 'private', '__user__:bob', '__user__:']) {
      expect(selectTenant(alice, name, options)).toEqual({ kind: 'forbidden', requested: name });
    }
  });

  it('uses the default when nothing is requested, else falls back to the private tenant', () => {
    expect(selectTenant(alice, undefined, options)).toMatchObject({ kind: 'ok', tenant: { name: 'global_tenant' } });
    expect(selectTenant(alice, undefined, { ...options, defaultTenant: 'ops' })).toMatchObject({ kind: 'ok', tenant: { name: 'ops' } });
    expect(selectTenant(admin, undefined, options)).toMatchObject({ kind: 'ok', tenant: { name: '__user__', ref: { owner: 'root' } } });
    const none: TenantCaller = { name: 'x', tenants: [], admin: false };
    expect(selectTenant(none, undefined, options)).toEqual({ kind: 'forbidden', requested: 'global_tenant' });
  });

  it('lets administrators read (never write) another user\'s private tenant only when configured', () => {
    expect(selectTenant(admin, '__user__:alice', options).kind).toBe('forbidden');
    const allowed = { ...options, adminsReadPrivateTenants: true };
    expect(selectTenant(admin, '__user__:alice', allowed)).toEqual({
      kind: 'ok',
      tenant: { ref: { kind: 'private', owner: 'alice' }, name: '__user__:alice', access: 'read' },
    });
    // Not for non-administrators, whatever the option says.
    expect(selectTenant(alice, '__user__:root', allowed).kind).toBe('forbidden');
  });
});

describe('availableTenants', () => {
  it('drops every tenant when multitenancy is off and the private one when private tenants are off', () => {
    expect(availableTenants(grants, { enabled: false, privateTenant: true })).toEqual([]);
    expect(availableTenants(grants, { enabled: true, privateTenant: false }).map((t) => t.name)).toEqual(['analysts', 'global_tenant', 'ops']);
    expect(availableTenants(grants, { enabled: true, privateTenant: true })).toEqual(grants);
  });
});
