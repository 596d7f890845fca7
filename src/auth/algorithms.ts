/**
 * The JWS algorithms Searchgate will ever verify, split by key family. Keeping the families apart is what
 * stops algorithm confusion: an HMAC verifier must never be handed an RSA/EC public key as its secret.
 * `none` is deliberately absent; it can never be configured.
 */
export const HMAC_ALGORITHMS = ['HS256', 'HS384', 'HS512'] as const;
export const ASYMMETRIC_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
  'Ed25519',
] as const;
export const JWS_ALGORITHMS = [...HMAC_ALGORITHMS, ...ASYMMETRIC_ALGORITHMS] as const;

export type HmacAlgorithm = (typeof HMAC_ALGORITHMS)[number];
export type AsymmetricAlgorithm = (typeof ASYMMETRIC_ALGORITHMS)[number];
export type JwsAlgorithm = (typeof JWS_ALGORITHMS)[number];

export function isHmacAlgorithm(alg: string): alg is HmacAlgorithm {
  return (HMAC_ALGORITHMS as readonly string[]).includes(alg);
}

export function isAsymmetricAlgorithm(alg: string): alg is AsymmetricAlgorithm {
  return (ASYMMETRIC_ALGORITHMS as readonly string[]).includes(alg);
}

/** RFC 7518 §3.2: an HMAC key must be at least as long as the hash output. */
export function minHmacKeyBytes(alg: HmacAlgorithm): number {
  return alg === 'HS256' ? 32 : alg === 'HS384' ? 48 : 64;
}
