import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/config/load.js';
import { resolveReferences } from '../../../src/config/references.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'searchgate-refs-'));
  await writeFile(join(dir, 'salt.txt'), 'salt-from-file\n');
  await writeFile(join(dir, 'password'), 'pw-from-env-file\r\n');
});

const ctx = (env: NodeJS.ProcessEnv = {}) => ({ env, baseDir: dir });

describe('resolveReferences', () => {
  it('replaces ${env:NAME} and ${file:PATH} anywhere in string values, in objects and arrays', async () => {
    const { value, problems } = await resolveReferences(
      { a: '${env:A}', nested: { list: ['x-${env:A}-y', 3, true, null], f: '${file:salt.txt}' }, plain: 'no refs' },
      ctx({ A: 'alpha' }),
    );
    expect(problems).toEqual([]);
    expect(value).toEqual({ a: 'alpha', nested: { list: ['x-alpha-y', 3, true, null], f: 'salt-from-file' }, plain: 'no refs' });
  });

  it('falls back to NAME_FILE when NAME is unset or empty (one trailing newline dropped)', async () => {
    const abs = join(dir, 'password');
    expect((await resolveReferences('${env:PW}', ctx({ PW_FILE: abs }))).value).toBe('pw-from-env-file');
    expect((await resolveReferences('${env:PW}', ctx({ PW: '', PW_FILE: abs }))).value).toBe('pw-from-env-file');
    // NAME wins over NAME_FILE when both are set.
    expect((await resolveReferences('${env:PW}', ctx({ PW: 'direct', PW_FILE: abs }))).value).toBe('direct');
  });

  it('leaves other ${...} alone and reads $${ as a literal ${', async () => {
    const { value, problems } = await resolveReferences(['${user.name}', '$${env:A}', '${attr.jwt.x}', '{}'], ctx({ A: 'alpha' }));
    expect(problems).toEqual([]);
    expect(value).toEqual(['${user.name}', '${env:A}', '${attr.jwt.x}', '{}']);
  });

  it('reports every unresolvable reference with its path and name, never a value', async () => {
    const { problems } = await resolveReferences(
      { backend: { auth: { password: '${env:MISSING}' } }, keys: [{ secret: '${file:nope.txt}' }], bad: '${env:1X}', empty: '${file:}', other: '${env:SET}' },
      ctx({ SET: 'top-secret-value' }),
    );
    expect(problems).toEqual([
      'backend.auth.password: ${env:MISSING}: environment variable MISSING is not set (nor MISSING_FILE naming a file that holds it)',
      `keys.0.secret: cannot read ${join(dir, 'nope.txt')} (ENOENT)`,
      'bad: ${env:1X}: not a valid environment variable name',
      'empty: ${file:}: no file named',
    ]);
    expect(problems.join('\n')).not.toContain('top-secret-value');
  });

  it('reports a NAME_FILE that cannot be read under its variable', async () => {
    const { problems } = await resolveReferences({ s: '${env:K}' }, ctx({ K_FILE: join(dir, 'absent') }));
    expect(problems).toEqual([`s: K_FILE: cannot read ${join(dir, 'absent')} (ENOENT)`]);
  });
});

describe('loadConfig with references', () => {
  const sample = resolve('sample/searchgate.yml');

  it('resolves the JWT HMAC secret, the backend password and the masking salt before validation', async () => {
    const yaml = (await readFile(sample, 'utf8'))
      .replace('secret: lIeD67eKNNOCPXSpMymRJcDc+Ph6lDq7eQK0P0KNUIs=', 'secret: ${env:SG_JWT_SECRET}')
      .replace('salt: e1ukloTsQlOgPquJ', 'salt: ${file:salt.txt}')
      .replace('backend: {}', 'backend: { url: "http://127.0.0.1:9", auth: { username: searchgate, password: "${env:SG_BACKEND_PASSWORD}" } }')
      .replace('configDir: ./security', `configDir: ${resolve('sample/security')}`);
    await writeFile(join(dir, 'searchgate.yml'), yaml);
    const { config } = await loadConfig(join(dir, 'searchgate.yml'), { SG_JWT_SECRET: 'c2VjcmV0LWZyb20tZW52', SG_BACKEND_PASSWORD_FILE: join(dir, 'password') });
    expect(config.security.masking.salt).toBe('salt-from-file');
    expect((config.backend as { auth?: unknown }).auth).toEqual({ username: 'searchgate', password: 'pw-from-env-file' });
    const jwt = (config.auth as { domains: { type: string; keys?: { secret: string }[] }[] }).domains.find((d) => d.type === 'jwt');
    expect(jwt?.keys?.[0]?.secret).toBe('c2VjcmV0LWZyb20tZW52');
  });

  it('stops with a ConfigError naming the file, path and variable when one is missing', async () => {
    await writeFile(join(dir, 'missing.yml'), 'security:\n  configDir: ./security\n  masking: { salt: "${env:SG_NO_SUCH_SALT}" }\n');
    const err = await loadConfig(join(dir, 'missing.yml'), {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).problems).toEqual([
      'security.masking.salt: ${env:SG_NO_SUCH_SALT}: environment variable SG_NO_SUCH_SALT is not set (nor SG_NO_SUCH_SALT_FILE naming a file that holds it)',
    ]);
    expect((err as Error).message).toContain(join(dir, 'missing.yml'));
  });
});
