import { PassThrough, Readable } from 'node:stream';
import { compare } from 'bcryptjs';
import { describe, expect, it } from 'vitest';
import { hashPasswordCommand } from '../../../src/auth/cli-hash-password.js';

async function run(argv: string[], stdinText?: string): Promise<string> {
  const out = new PassThrough();
  let text = '';
  out.on('data', (c: Buffer) => (text += c.toString()));
  await hashPasswordCommand(argv, { stdout: out, ...(stdinText !== undefined ? { stdin: Readable.from([stdinText]) } : {}) });
  return text;
}

describe('hash-password command', () => {
  it('hashes --password', async () => {
    const out = await run(['--password', 'pa:ss wörd', '--cost', '4']);
    expect(out).toMatch(/^\$2y\$04\$[./A-Za-z0-9]{53}\n$/);
    expect(await compare('pa:ss wörd', out.trim())).toBe(true);
  });

  it('reads the first line of stdin', async () => {
    const out = await run(['--cost=4'], 'from stdin\nignored\n');
    expect(await compare('from stdin', out.trim())).toBe(true);
    expect(await compare('from stdin\nignored', out.trim())).toBe(false);
  });

  it('refuses bad input', async () => {
    await expect(run(['--cost', '4'], '\n')).rejects.toThrow(/no password/);
    await expect(run(['--cost', 'x', '--password', 'p'])).rejects.toThrow(/integer/);
    await expect(run(['--cost', '2', '--password', 'p'])).rejects.toThrow(/cost/);
    await expect(run(['--pasword', 'p'])).rejects.toThrow(/unknown argument/);
  });
});
