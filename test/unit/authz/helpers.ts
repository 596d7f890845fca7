import type { Principal } from '../../../src/auth/principal.js';
import type { CompileOptions } from '../../../src/authz/compile.js';
import type { SecurityConfig } from '../../../src/authz/model.js';
import { parseSecurityConfig } from '../../../src/config/security/parse.js';
import { SECURITY_FILES, type SecurityFileName } from '../../../src/authz/security-schemas.js';

/** Builds a SecurityConfig from entries per file (the `_meta` headers are added). */
export function configOf(entries: Partial<Record<SecurityFileName, Record<string, unknown>>>): SecurityConfig {
  const input: Partial<Record<SecurityFileName, unknown>> = {};
  for (const [file, e] of Object.entries(entries) as [SecurityFileName, Record<string, unknown>][]) {
    input[file] = { _meta: { type: SECURITY_FILES[file], config_version: 2 }, ...e };
  }
  return parseSecurityConfig(input);
}

export function principal(over: Partial<Principal> = {}): Principal {
  return {
    name: 'alice',
    backendRoles: [],
    directRoles: [],
    attributes: {},
    authType: 'basic',
    remoteAddress: '10.0.0.1',
    ...over,
  };
}

export const OPTS: CompileOptions = { dfmEmptyOverridesAll: false, masking: { salt: 'e1ukloTsQlOgPquJ', mode: 'v3' } };
export const DFM: CompileOptions = { ...OPTS, dfmEmptyOverridesAll: true };

export const catalogOf = (...indices: (string | [string, string[]])[]) => ({
  indices: indices.map((i) => (typeof i === 'string' ? { name: i, aliases: [] } : { name: i[0], aliases: i[1] })),
});
