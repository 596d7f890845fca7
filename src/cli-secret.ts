import { generateHmacSecret, generateSalt } from './auth/published-secrets.js';

/**
 * `searchgate secret`: fresh values for the two secrets a deployment must not share with anyone — the masking
 * salt and an HMAC key for a `jwt` domain — printed as the YAML lines to paste. Nothing is written anywhere.
 */
export function secretCommand(opts: { bytes: string }, out: NodeJS.WritableStream = process.stdout): void {
  if (!/^\d+$/.test(opts.bytes)) throw new Error(`--bytes must be a whole number, got "${opts.bytes}"`);
  const bytes = Number(opts.bytes);
  // 32 bytes is the least HS256 accepts (src/auth/algorithms.ts); 64 suits HS512 too.
  if (bytes < 32 || bytes > 1024) throw new Error('--bytes must be between 32 and 1024');
  out.write(
    [
      '# searchgate.yml, security.masking.salt (masked values change with it: set it once, before users rely on them)',
      `salt: ${generateSalt()}`,
      '# an HMAC key for a jwt domain: keys: [{ kind: hmac, encoding: base64, secret: <this> }]',
      `secret: ${generateHmacSecret(bytes)}`,
      '',
    ].join('\n'),
  );
}
