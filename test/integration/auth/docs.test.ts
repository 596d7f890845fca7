import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseAuthConfig } from '../../../src/auth/config.js';
import { loadConfig } from '../../../src/config/load.js';
import { searchgateConfigSchema } from '../../../src/config/searchgate.js';
import { resolve } from 'node:path';

/**
 * docs/authentication.md shows config snippets people will paste: each `auth:` section there must be accepted
 * by the same validation the gateway runs, and the sample config's auth section must stay valid too.
 */
const DOC = readFileSync('docs/authentication.md', 'utf8');
const yamlBlocks = [...DOC.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => parse(m[1]!) as Record<string, unknown>);
const authBlocks = yamlBlocks.filter((b) => b && typeof b === 'object' && 'auth' in b);

describe('docs/authentication.md', () => {
  it('has the auth snippets (OIDC, proxy, anonymous, other settings)', () => {
    const types = authBlocks.flatMap((b) => ((b.auth as { domains: { type: string }[] }).domains ?? []).map((d) => d.type));
    expect(new Set(types)).toEqual(new Set(['jwt', 'basic', 'proxy', 'anonymous']));
  });

  it.each(authBlocks.map((b, i) => [i, b] as const))('auth snippet %i is a valid auth section', (_, block) => {
    expect(() => parseAuthConfig(block.auth)).not.toThrow();
    if ('server' in block) {
      const server = searchgateConfigSchema.shape.server.safeParse(block.server);
      expect(server.success).toBe(true);
    }
  });

  it('the sample config keeps basic auth first and a sample jwt domain with roles and subject keys', async () => {
    const { config } = await loadConfig(resolve('sample/searchgate.yml'), {});
    const auth = parseAuthConfig(config.auth);
    expect(auth.domains.map((d) => [d.type, d.name])).toEqual([
      ['basic', 'internal'],
      ['jwt', 'sample-jwt'],
    ]);
    const jwt = auth.domains[1]!;
    expect(jwt).toMatchObject({ type: 'jwt', algorithms: ['HS256'], rolesKey: 'roles', subjectKey: 'sub', requireExpiration: true });
  });
});
