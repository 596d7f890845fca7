import { describe, expect, it } from 'vitest';
import { compiledConfig } from '../../../src/authz/role-rules.js';
import { SecurityConfigError } from '../../../src/config/security/errors.js';
import { parseSecurityConfig } from '../../../src/config/security/parse.js';

const roles = (dls: string) => ({
  _meta: { type: 'roles', config_version: 2 },
  reader: {
    index_permissions: [
      { index_patterns: ['movies', 'team-${user.name}'], dls, fls: ['~secret'], masked_fields: ['email'], allowed_actions: ['read'] },
    ],
    tenant_permissions: [{ tenant_patterns: ['t-${user.name}'], allowed_actions: ['kibana_all_read'] }],
  },
});

describe('rules are parsed once, when the configuration is validated', () => {
  it('compiling reuses the very objects validation parsed', () => {
    const config = parseSecurityConfig({ roles: roles('{"term":{"genre":"drama"}}') });
    const parsed = config.ruleSets.get('reader')!;
    const compiled = compiledConfig(config).roles.get('reader')!;
    expect(parsed.index[0]!.dls).not.toBeNull();
    expect(compiled.index[0]!.dls).toBe(parsed.index[0]!.dls);
    expect(compiled.index[0]!.fls).toBe(parsed.index[0]!.fls);
    expect(compiled.index[0]!.masks).toBe(parsed.index[0]!.masks);
    expect(compiled.index[0]!.patterns).toBe(parsed.index[0]!.patterns);
    expect(compiled.tenants[0]!.patterns).toBe(parsed.tenantPatterns[0]);
    // Templated patterns still make the role per-user.
    expect(compiled.patternVariables.map((v) => v.kind)).toEqual(['userName', 'userName']);
  });

  it('built-in roles have parsed rules too', () => {
    const config = parseSecurityConfig({});
    for (const name of config.roles.keys()) expect(config.ruleSets.has(name)).toBe(true);
  });

  it('a bad rule is reported with its path, every one of them', () => {
    const bad = roles('{"script":{}}');
    (bad.reader.index_permissions[0] as { fls: string[] }).fls = ['~secret', '~'];
    try {
      parseSecurityConfig({ roles: bad });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(SecurityConfigError);
      const paths = (e as SecurityConfigError).issues.map((i) => i.path);
      expect(paths.some((p) => p.startsWith('index_permissions[0].dls'))).toBe(true);
      expect(paths.some((p) => p.startsWith('index_permissions[0].fls[1]'))).toBe(true);
    }
  });
});
