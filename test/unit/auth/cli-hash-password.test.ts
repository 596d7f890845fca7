import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { compare } from 'bcryptjs';
import { describe, expect, it } from 'vitest';
import { hashPasswordCommand } from '../../../src/cli-hash-password.js';

async function run(argv: string[], stdinText?: string): Promise<string> {
  const out = new PassThrough();
  let text = '';
  out.on('data', (c: Buffer) => (text += c.toString()));
  await hashPasswordCommand(argv, { stdout: out, ...(stdinText !== undefined ? { stdin: Readable.from([stdinText]) } : {}) });
  return text;
}

describe('hash-password command', () => {
  it('hashes --password', async () => {
    const out = await run(['--password', 'pa:ss wörd', '--cost', '10']);
    expect(out).toMatch(/^\$2y\$10\$[./A-Za-z0-9]{53}\n$/);
    expect(await compare('pa:ss wörd', out.trim())).toBe(true);
  });

  it('reads the first line of stdin', async () => {
    const out = await run(['--cost=10'], 'from stdin\nignored\n');
    expect(await compare('from stdin', out.trim())).toBe(true);
    expect(await compare('from stdin\nignored', out.trim())).toBe(false);
  });

  it('refuses bad input', async () => {
    await expect(run(['--cost', '10'], '\n')).rejects.toThrow(/no password/);
    await expect(run(['--cost', 'x', '--password', 'long-enough'])).rejects.toThrow(/integer/);
    await expect(run(['--cost', '2', '--password', 'long-enough'])).rejects.toThrow(/cost/);
    await expect(run(['--pasword', 'p'])).rejects.toThrow(/unknown argument/);
  });

  it('enforces the password policy: the built-in minimum, or auth.passwordPolicy of --config', async () => {
    await expect(run(['--cost', '10', '--password', 'x'])).rejects.toThrow(/at least 8 characters/);
    await expect(run(['--cost', '4', '--password', 'long-enough'])).rejects.toThrow(/cost 4 is below the minimum 10/);
    await expect(run(['--cost', '10', '--password', '        '])).rejects.toThrow(/white space/);
    const dir = await mkdtemp(join(tmpdir(), 'searchgate-cli-policy-'));
    const file = join(dir, 'searchgate.yml');
    await writeFile(
      file,
      'security: { configDir: ./security }\nindices: [{ index: i, type: I, search: is, get: i }]\n' +
        'auth: { domains: [{ type: basic, name: internal }], passwordPolicy: { minLength: 12, minBcryptCost: 4 } }\n',
    );
    try {
      await expect(run(['--cost', '4', '--password', 'eleven-char', '--config', file])).rejects.toThrow(/at least 12 characters/);
      expect(await run(['--cost', '4', '--password', 'twelve-chars', '--config', file])).toMatch(/^\$2y\$04\$/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
