import { createPublicKey, X509Certificate, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { isHmacAlgorithm, minHmacKeyBytes, type AsymmetricAlgorithm, type JwsAlgorithm } from './algorithms.js';
import type { JwtDomainConfig, JwtKeyConfig } from './config.js';
import { decodeHmacSecret } from './hmac-secret.js';

/**
 * Statically configured JWT keys, each bound to the algorithms it may verify. The binding is the
 * defence against algorithm confusion: an RSA public key is only ever offered to RS/PS verification,
 * never as an HMAC secret, whatever the token header says.
 */
export interface StaticKey {
  readonly label: string;
  readonly algorithms: readonly JwsAlgorithm[];
  readonly key: KeyObject | Uint8Array;
}

export function loadStaticKeys(domain: JwtDomainConfig, readFile: (path: string) => string = (p) => readFileSync(p, 'utf8')): StaticKey[] {
  return (domain.keys ?? []).map((k, i) => loadKey(domain, k, `${domain.name}.keys[${i}]`, readFile));
}

function loadKey(domain: JwtDomainConfig, k: JwtKeyConfig, label: string, readFile: (path: string) => string): StaticKey {
  if (k.kind === 'hmac') {
    const secret = decodeHmacSecret(k.secret, k.encoding);
    if (!secret) throw new Error(`${label}: secret is not valid base64`);
    const candidates = k.alg ? [k.alg] : domain.algorithms.filter(isHmacAlgorithm);
    const algorithms = candidates.filter((a) => domain.algorithms.includes(a) && secret.length >= minHmacKeyBytes(a));
    if (algorithms.length === 0) throw new Error(`${label}: no usable HMAC algorithm for this secret`);
    return { label, algorithms, key: secret };
  }
  const pem = k.pem ?? readFile(k.file!);
  if (pem.includes('PRIVATE KEY')) throw new Error(`${label}: this is a private key; configure the public key or certificate`);
  let key: KeyObject;
  try {
    key = pem.includes('BEGIN CERTIFICATE') ? new X509Certificate(pem).publicKey : createPublicKey(pem);
  } catch (err) {
    throw new Error(`${label}: not a PEM public key or certificate (${(err as Error).message})`);
  }
  const problem = keyMismatch(key, k.alg);
  if (problem) throw new Error(`${label}: ${problem}`);
  return { label, algorithms: [k.alg], key };
}

/** Catches a key that can never verify its configured algorithm at start-up instead of on every request. */
function keyMismatch(key: KeyObject, alg: AsymmetricAlgorithm): string | undefined {
  const type = key.asymmetricKeyType;
  if (alg.startsWith('RS')) return type === 'rsa' ? undefined : `${alg} needs an RSA key, got ${type}`;
  if (alg.startsWith('PS')) return type === 'rsa' || type === 'rsa-pss' ? undefined : `${alg} needs an RSA key, got ${type}`;
  if (alg.startsWith('ES')) {
    const curve = { ES256: 'prime256v1', ES384: 'secp384r1', ES512: 'secp521r1' }[alg as 'ES256' | 'ES384' | 'ES512'];
    const actual = key.asymmetricKeyDetails?.namedCurve;
    return type === 'ec' && actual === curve ? undefined : `${alg} needs an EC ${curve} key, got ${type} ${actual ?? ''}`.trim();
  }
  if (alg === 'Ed25519') return type === 'ed25519' ? undefined : `${alg} needs an Ed25519 key, got ${type}`;
  return type === 'ed25519' || type === 'ed448' ? undefined : `${alg} needs an Ed25519/Ed448 key, got ${type}`;
}
