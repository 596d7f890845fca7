import { PassThrough } from 'node:stream';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAuthConfig } from '../../../src/auth/config.js';
import {
  generateSalt,
  isLoopbackBind,
  PLUGIN_DEFAULT_MASKING_SALT,
  publishedSecrets,
  SAMPLE_HMAC_SECRET_BASE64,
  startupSecretProblems,
} from '../../../src/auth/published-secrets.js';
import { secretCommand } from '../../../src/cli-secret.js';
import { ConfigError, loadConfig } from '../../../src/config/load.js';
import { searchgateConfigSchema } from '../../../src/config/searchgate.js';
import { startGateway } from '../../../src/gateway.js';

/** Issue 10 item 6: loopback by default, and no published secret on a gateway reachable from elsewhere. */

const sample = () => loadConfig(resolve('sample/searchgate.yml'), { SEARCHGATE_DATA: '/nonexistent-searchgate-test' });

describe('the default bind address', () => {
  it('is loopback', () => {
    const parsed = searchgateConfigSchema.parse({ security: { configDir: 'x' }, indices: [{ index: 'i', type: 'I', search: 'is', get: 'i' }] });
    expect(parsed.server.host).toBe('127.0.0.1');
  });

  it('loopback means 127/8, ::1 and localhost only', () => {
    for (const h of ['127.0.0.1', '127.1.2.3', '::1', '[::1]', 'localhost', 'LOCALHOST']) expect(isLoopbackBind(h), h).toBe(true);
    for (const h of ['0.0.0.0', '::', '', '10.0.0.1', 'searchgate.example.com', '::ffff:10.0.0.1']) expect(isLoopbackBind(h), h).toBe(false);
  });
});

describe('published secrets', () => {
  it('the sample config uses both, which is fine on loopback', async () => {
    const { config } = await sample();
    expect(config.server.host).toBe('127.0.0.1');
    expect(publishedSecrets(config)).toHaveLength(2);
    expect(startupSecretProblems(config)).toEqual([]);
  });

  it('a gateway on a non-loopback address refuses to start with them, naming each setting to change', async () => {
    const loaded = await sample();
    loaded.config.server.host = '0.0.0.0';
    const problems = startupSecretProblems(loaded.config);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/server\.host 0\.0\.0\.0 is not loopback.*security\.masking\.salt/);
    expect(problems[1]).toMatch(/auth\.domains\[1\]\.keys\[0\]\.secret \(jwt domain "sample-jwt"\)/);
    // startGateway runs the check before opening anything, as a configuration error (message only, no stack).
    await expect(startGateway(loaded)).rejects.toThrow(ConfigError);
    await expect(startGateway(loaded)).rejects.toThrow(/security\.masking\.salt/);
  });

  it('catches the secrets however they are spelt: more salt characters (only 16 bytes count), base64url', () => {
    const base = (salt: string, key: Record<string, unknown>) => ({
      server: { host: '10.0.0.1' },
      security: { masking: { salt } },
      auth: { domains: [{ type: 'jwt', name: 'j', algorithms: ['HS256'], keys: [key] }] },
    });
    const own = generateSalt();
    expect(publishedSecrets(base(`${PLUGIN_DEFAULT_MASKING_SALT}-and-more`, { kind: 'hmac', encoding: 'base64', secret: 'A'.repeat(44) }))).toHaveLength(1);
    const url = Buffer.from(SAMPLE_HMAC_SECRET_BASE64, 'base64').toString('base64url');
    expect(publishedSecrets(base(own, { kind: 'hmac', encoding: 'base64', secret: url }))).toHaveLength(1);
    expect(publishedSecrets(base(own, { kind: 'hmac', encoding: 'base64', secret: 'A'.repeat(44) }))).toEqual([]);
  });
});

describe('searchgate secret', () => {
  function run(bytes = '64'): { salt: string; secret: string } {
    const out = new PassThrough();
    let text = '';
    out.on('data', (c: Buffer) => (text += c.toString()));
    secretCommand({ bytes }, out);
    const salt = /^salt: (\S+)$/m.exec(text)?.[1];
    const secret = /^secret: (\S+)$/m.exec(text)?.[1];
    if (!salt || !secret) throw new Error(`unexpected output: ${text}`);
    return { salt, secret };
  }

  it('prints a fresh salt and HMAC secret that the config accepts and the start-up check does not flag', async () => {
    const a = run();
    const b = run();
    expect(a.salt).not.toBe(b.salt);
    expect(a.secret).not.toBe(b.secret);
    expect(Buffer.byteLength(a.salt, 'utf8')).toBe(16);
    expect(Buffer.from(a.secret, 'base64')).toHaveLength(64);
    const { config } = await sample();
    config.server.host = '0.0.0.0';
    config.security.masking.salt = a.salt;
    const auth = config.auth as { domains: { keys?: { secret: string }[] }[] };
    auth.domains[1]!.keys![0]!.secret = a.secret;
    expect(() => parseAuthConfig(config.auth)).not.toThrow();
    expect(startupSecretProblems(config)).toEqual([]);
  });

  it('refuses a secret too short for HS256', () => {
    expect(() => run('16')).toThrow(/between 32 and 1024/);
    expect(Buffer.from(run('32').secret, 'base64')).toHaveLength(32);
  });
});
