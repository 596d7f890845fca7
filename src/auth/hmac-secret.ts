/**
 * HMAC secrets come as text in YAML. The encoding is always stated, because guessing (is "abcd" base64
 * or four characters?) silently changes the key. Base64 is decoded strictly: Node's decoder skips
 * characters it does not know, which would quietly shorten a mistyped secret.
 */
export function decodeHmacSecret(secret: string, encoding: 'base64' | 'utf8'): Uint8Array | undefined {
  if (encoding === 'utf8') return new Uint8Array(Buffer.from(secret, 'utf8'));
  const compact = secret.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/\-_]+={0,2}$/.test(compact)) return undefined;
  const standard = compact.replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, '');
  if (standard.length % 4 === 1) return undefined;
  const bytes = Buffer.from(standard, 'base64');
  if (bytes.toString('base64').replace(/=+$/, '') !== standard) return undefined;
  return new Uint8Array(bytes);
}
