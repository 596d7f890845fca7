import { describe, expect, it } from 'vitest';
import { searchgateConfigSchema } from '../../../src/config/searchgate.js';

const base = {
  security: { configDir: './security' },
  indices: [{ index: 'movies', type: 'Movie', search: 'movies', get: 'movie' }],
};
const problems = (raw: unknown) => {
  const parsed = searchgateConfigSchema.safeParse(raw);
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('searchgate.yml: tenants and system indices', () => {
  it('defaults: tenants on, private tenants on, global_tenant by default, its own system index', () => {
    const cfg = searchgateConfigSchema.parse(base);
    expect(cfg.tenants).toEqual({
      enabled: true,
      privateTenant: true,
      defaultTenant: 'global_tenant',
      adminsReadPrivateTenants: false,
      index: '.searchgate-saved-searches',
      maxPerTenant: 1000,
      maxBytesPerTenant: 16 * 1024 * 1024,
      maxPerUser: 200,
      maxBytesPerUser: 4 * 1024 * 1024,
      maxSearchBytes: 64 * 1024,
    });
  });

  it('refuses exposing the gateway\'s own system indices as searchable indices', () => {
    for (const index of ['.searchgate-security', '.searchgate-saved-searches']) {
      expect(problems({ ...base, indices: [{ index, type: 'Sys', search: 'sys', get: 'sysDoc' }] })).toEqual([
        `indices.0: ${index} is a system index of the gateway and cannot be exposed`,
      ]);
    }
    expect(problems({ ...base, tenants: { index: '.searchgate-security' } })).toEqual(['tenants.index: must differ from store.index']);
  });

  it('refuses unknown tenant options, a private tenant of someone else as the default, and the saved-search field names', () => {
    expect(problems({ ...base, tenants: { default: 'x' } })[0]).toMatch(/^tenants: /);
    expect(problems({ ...base, tenants: { defaultTenant: '__user__:bob' } })).toEqual([`tenants.defaultTenant: must name a tenant, not a user's private tenant`]);
    expect(problems({ ...base, tenants: { defaultTenant: '__user__' } })).toEqual([]);
    expect(problems({ ...base, indices: [{ index: 'movies', type: 'SavedSearch', search: 'savedSearches', get: 'movie' }] })).toHaveLength(2);
  });
});
