import { randomBytes, randomInt } from 'node:crypto';
import { isIP } from 'node:net';
import { decodeHmacSecret } from './hmac-secret.js';

/**
 * Secrets that are public knowledge: the sample's HMAC JWT key (sample/searchgate.yml, in this repository; with
 * it anyone can mint `sub: master-user`) and the security plugin's default masking salt (printed in its
 * documentation; with it masked values were reversed by dictionary in seconds). On loopback they are fine for
 * a trial; a gateway reachable from elsewhere refuses to start with them, naming the setting to change.
 */
export const SAMPLE_HMAC_SECRET_BASE64 = 'lIeD67eKNNOCPXSpMymRJcDc+Ph6lDq7eQK0P0KNUIs=';
export const PLUGIN_DEFAULT_MASKING_SALT = 'e1ukloTsQlOgPquJ';
/** The masking code uses the salt's first 16 UTF-8 bytes (src/authz/masking.ts), so only those are compared. */
const SALT_BYTES = 16;

/** Only loopback addresses and `localhost`; `0.0.0.0`, `::` and every other name or address count as exposed. */
export function isLoopbackBind(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1');
  if (h === 'localhost') return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  if (isIP(h) === 6) return h === '::1' || /^::ffff:127\./.test(h);
  return false;
}

export interface SecretsToCheck {
  server: { host: string };
  security: { masking: { salt: string } };
  /** The raw `auth` section (validated elsewhere); only jwt domains' hmac keys are read. */
  auth: unknown;
}

/** Every published secret the configuration uses, each as a sentence naming the setting to change. */
export function publishedSecrets(config: SecretsToCheck): string[] {
  const problems: string[] = [];
  const salt = Buffer.from(config.security.masking.salt, 'utf8').subarray(0, SALT_BYTES);
  if (salt.equals(Buffer.from(PLUGIN_DEFAULT_MASKING_SALT, 'utf8')))
    problems.push(
      'security.masking.salt is the security plugin\'s published default: masked values can be reversed by anyone; set your own (`searchgate secret` makes one)',
    );
  const sample = Buffer.from(SAMPLE_HMAC_SECRET_BASE64, 'base64');
  const domains = (config.auth as { domains?: unknown[] } | undefined)?.domains ?? [];
  domains.forEach((d, i) => {
    const domain = d as { type?: unknown; name?: unknown; keys?: unknown[] };
    if (domain.type !== 'jwt' || !Array.isArray(domain.keys)) return;
    domain.keys.forEach((k, j) => {
      const key = k as { kind?: unknown; secret?: unknown; encoding?: unknown };
      if (key.kind !== 'hmac' || typeof key.secret !== 'string' || (key.encoding !== 'base64' && key.encoding !== 'utf8')) return;
      const bytes = decodeHmacSecret(key.secret, key.encoding);
      if (bytes && Buffer.from(bytes).equals(sample))
        problems.push(
          `auth.domains[${i}].keys[${j}].secret (jwt domain "${String(domain.name)}") is the sample's published HMAC secret: anyone can mint tokens for any user; remove the domain or set your own secret (\`searchgate secret\` makes one)`,
        );
    });
  });
  return problems;
}

/**
 * The problems that forbid starting: each published secret in use, when the gateway is bound beyond loopback
 * (empty otherwise). Each names the setting to change.
 */
export function startupSecretProblems(config: SecretsToCheck): string[] {
  if (isLoopbackBind(config.server.host)) return [];
  return publishedSecrets(config).map(
    (p) => `server.host ${config.server.host} is not loopback, and ${p} (or bind server.host to 127.0.0.1 for a local trial)`,
  );
}

const SALT_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A masking salt: 16 random characters (the 16 bytes the masking uses, ~95 bits). */
export function generateSalt(): string {
  return Array.from({ length: SALT_BYTES }, () => SALT_ALPHABET[randomInt(SALT_ALPHABET.length)]).join('');
}

/** An HMAC secret, base64: 32 bytes suits HS256, 64 every HMAC algorithm. */
export function generateHmacSecret(bytes = 64): string {
  return randomBytes(bytes).toString('base64');
}
