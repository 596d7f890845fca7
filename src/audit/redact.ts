/**
 * Removes credentials from anything about to be audited or returned: `hash` and `password` keys at any depth,
 * and any string that looks like a bcrypt hash wherever it sits. Returns a copy.
 */
const SECRET_KEYS = new Set(['hash', 'password', 'password_hash']);
const BCRYPT = /\$2[aby]\$\d{2}\$[./A-Za-z0-9]{53}/;

export function redactSecrets(value: unknown): unknown {
  if (typeof value === 'string') return BCRYPT.test(value) ? '[redacted]' : value;
  if (Array.isArray(value)) return value.map(redactSecrets);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (SECRET_KEYS.has(k)) continue;
      out[k] = redactSecrets(v);
    }
    return out;
  }
  return value;
}
