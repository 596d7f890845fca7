import { describe, expect, it } from 'vitest';
import { Authorizer } from '../../../src/access/authorize.js';
import type { Principal } from '../../../src/auth/principal.js';
import type { Catalog } from '../../../src/catalog/catalog.js';
import { parseSecurityConfig } from '../../../src/config/security/parse.js';
import type { SecurityConfig } from '../../../src/authz/model.js';
import { buildIndexModel } from '../../../src/catalog/index-model.js';
import { cacheBudget, DEFAULT_CACHE_BUDGET_BYTES } from '../../../src/cache/budget.js';

/**
 * The authorize stage caches whole views per principal. The cache must never hand one caller's view to
 * another, nor survive a configuration or catalog change: every input of a view is in its key.
 */
const config = { index: 'docs', type: 'Doc', search: 'docs', get: 'doc', lists: [] };
const catalog = (version: string): Catalog => ({
  version,
  exposed: [{ config, concrete: ['docs'], model: buildIndexModel(config, { properties: { owner: { type: 'keyword' }, body: { type: 'text' } } }) }],
  indices: [{ name: 'docs', aliases: [] }],
});

function security(dls: string): SecurityConfig {
  return parseSecurityConfig({
    roles: {
      _meta: { type: 'roles', config_version: 2 },
      reader: { index_permissions: [{ index_patterns: ['docs'], allowed_actions: ['read'], dls }] },
    },
    roles_mapping: { _meta: { type: 'rolesmapping', config_version: 2 }, reader: { backend_roles: ['r'] } },
  });
}

const alice: Principal = { name: 'alice', backendRoles: ['r'], directRoles: [], attributes: { 'jwt.team': 'a' }, authType: 'jwt', remoteAddress: '10.0.0.1' };
const dlsOf = (a: Authorizer, p: Principal) => a.view(p).grant('docs')?.targets[0]?.dls;

describe('Authorizer view cache', () => {
  it('returns the same view for the same principal, and a different one for any difference that matters', () => {
    let state = { security: security('{"term": {"owner": "${user.name}"}}'), catalog: catalog('v1') };
    const a = new Authorizer(() => state, { dfmEmptyOverridesAll: false, masking: { salt: 'x'.repeat(16), mode: 'v3' } });
    const first = a.view(alice);
    expect(a.view({ ...alice })).toBe(first);
    expect(dlsOf(a, alice)).toEqual({ kind: 'filter', query: { term: { owner: 'alice' } } });
    // Another name, other roles, another address, other attributes: never alice's view.
    expect(dlsOf(a, { ...alice, name: 'bob' })).toEqual({ kind: 'filter', query: { term: { owner: 'bob' } } });
    expect(a.view({ ...alice, backendRoles: [] }).grant('docs')).toBeUndefined();
    expect(a.view({ ...alice, remoteAddress: '10.0.0.2' })).not.toBe(first);
    expect(a.view({ ...alice, attributes: { 'jwt.team': 'b' } })).not.toBe(first);
    // A new configuration object and a new catalog version compute afresh.
    state = { ...state, security: security('{"term": {"owner": "nobody"}}') };
    expect(dlsOf(a, alice)).toEqual({ kind: 'filter', query: { term: { owner: 'nobody' } } });
    const beforeCatalog = a.view(alice);
    state = { ...state, catalog: catalog('v2') };
    expect(a.view(alice)).not.toBe(beforeCatalog);
  });

  it('keeps views within the one cache budget in bytes, evicting the least recently used principals', () => {
    const state = { security: security('{"term": {"owner": "${user.name}"}}'), catalog: catalog('v1') };
    const a = new Authorizer(() => state, { dfmEmptyOverridesAll: false, masking: { salt: 'x'.repeat(16), mode: 'v3' } });
    cacheBudget.setLimit(256 * 1024);
    try {
      const recent = a.view(alice);
      for (let i = 0; i < 2000; i++) {
        a.view({ ...alice, name: `user-${i}` });
        a.view(alice); // alice stays the most recently used
      }
      expect(cacheBudget.bytesUsed).toBeLessThanOrEqual(256 * 1024);
      expect(cacheBudget.entries).toBeLessThan(2000);
      expect(a.view(alice)).toBe(recent);
      expect(dlsOf(a, { ...alice, name: 'user-0' })).toEqual({ kind: 'filter', query: { term: { owner: 'user-0' } } });
    } finally {
      cacheBudget.setLimit(DEFAULT_CACHE_BUDGET_BYTES);
    }
  });
});
