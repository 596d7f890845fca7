import { createHash, getHashes } from 'node:crypto';
import { blake2b } from '@noble/hashes/blake2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { selfAndAncestors, stripKeyword } from './field-path.js';
import { compileNamePattern, compileWholeRegex, isRegexPattern, type NameMatcher } from './patterns.js';
import { InvalidRuleError } from './rule-error.js';
import { unreachable } from '../unreachable.js';

/**
 * `masked_fields` entries: `field` (default BLAKE2b hash), `field::SHA-256` (a named digest, unsalted, hex),
 * `field::/regex/::replacement[::/regex/::replacement...]` (applied left to right).
 */
export type MaskMethod =
  | { readonly kind: 'default' }
  | { readonly kind: 'digest'; readonly algorithm: string }
  | { readonly kind: 'regex'; readonly replacements: readonly { readonly regex: RegExp; readonly replacement: string }[] };

export interface MaskExpression {
  readonly source: string;
  readonly field: NameMatcher;
  readonly method: MaskMethod;
}

export interface MaskingOptions {
  /** `compliance.salt`; its first 16 UTF-8 bytes are used. */
  readonly salt: string;
  /** 'v3': salt as BLAKE2b's salt parameter (plugin 3.x); 'legacy': as its personalization (1.x/2.x, Amazon ES). */
  readonly mode: 'legacy' | 'v3';
}

export const DEFAULT_COMPLIANCE_SALT = 'e1ukloTsQlOgPquJ';

const NODE_HASHES = new Set(getHashes().map((h) => h.toLowerCase()));

export function isSupportedDigest(name: string): boolean {
  if (NODE_HASHES.has(name.toLowerCase())) return true;
  try {
    createHash(name);
    return true;
  } catch {
    return false;
  }
}

export function parseMaskExpression(source: string): MaskExpression {
  const tokens = source.split('::');
  const fieldPattern = tokens[0] ?? '';
  if (fieldPattern.trim() === '') throw InvalidRuleError.of(`mask "${source}" names no field`);
  if (fieldPattern.includes('${')) throw InvalidRuleError.of(`mask "${source}": variables are not supported in masked_fields`);
  const field = compileNamePattern(fieldPattern);
  if (tokens.length === 1) return Object.freeze<MaskExpression>({ source, field, method: { kind: 'default' } });
  if (tokens.length === 2) {
    const algorithm = tokens[1] as string;
    if (!isSupportedDigest(algorithm)) {
      const hint = isRegexPattern(algorithm) ? ' (a regex needs a replacement: field::/regex/::replacement)' : '';
      throw InvalidRuleError.of(`mask "${source}": unknown digest algorithm "${algorithm}"${hint}`);
    }
    return Object.freeze<MaskExpression>({ source, field, method: { kind: 'digest', algorithm } });
  }
  if (tokens.length % 2 === 0) {
    throw InvalidRuleError.of(
      `mask "${source}" must be 'field', 'field::algorithm' or 'field::/regex/::replacement[::/regex/::replacement...]'`,
    );
  }
  const replacements: { regex: RegExp; replacement: string }[] = [];
  for (let i = 1; i < tokens.length; i += 2) {
    const re = tokens[i] as string;
    if (!isRegexPattern(re)) throw InvalidRuleError.of(`mask "${source}": the regular expression "${re}" must be wrapped in /.../`);
    let compiled: RegExp;
    try {
      // Validate with the whole-match compiler's flags, then use a global search regex (Java replaceAll).
      compileWholeRegex(re.slice(1, -1));
      compiled = globalRegex(re.slice(1, -1));
    } catch (e) {
      throw InvalidRuleError.of(`mask "${source}": invalid regular expression ${re}: ${(e as Error).message}`);
    }
    replacements.push({ regex: compiled, replacement: tokens[i + 1] as string });
  }
  return Object.freeze<MaskExpression>({ source, field, method: { kind: 'regex', replacements } });
}

function globalRegex(body: string): RegExp {
  try {
    return new RegExp(body, 'gu');
  } catch {
    return new RegExp(body, 'g');
  }
}

/** The 16 salt bytes: the plugin takes the first 16 UTF-8 bytes and refuses fewer. */
export function saltBytes(salt: string): Uint8Array {
  const bytes = new TextEncoder().encode(salt);
  if (bytes.length < 16) throw new Error('compliance salt must contain at least 16 bytes');
  return bytes.slice(0, 16);
}

export type Masker = (value: unknown) => string;

/** Builds the masking function of one expression. Every value is masked: non-strings are stringified first. */
export function maskerOf(expr: MaskExpression, options: MaskingOptions): Masker {
  const method = expr.method;
  let apply: (text: string) => string;
  switch (method.kind) {
    case 'regex':
      apply = (text) => method.replacements.reduce((acc, r) => acc.replace(r.regex, r.replacement), text);
      break;
    case 'digest':
      apply = (text) => createHash(method.algorithm).update(text, 'utf8').digest('hex');
      break;
    case 'default': {
      const salt = saltBytes(options.salt);
      const params = options.mode === 'legacy' ? { dkLen: 32, personalization: salt } : { dkLen: 32, salt };
      const enc = new TextEncoder();
      apply = (text) => bytesToHex(blake2b(enc.encode(text), params));
      break;
    }
      default:
      return unreachable(method, 'mask method');
  }
  return (value: unknown) => apply(valueText(value));
}

function valueText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  // Objects and anything else: mask their JSON so no part stays in clear.
  return JSON.stringify(value) ?? String(value);
}

/** The masks that apply to one index for one role set. */
export interface FieldMasks {
  readonly isRestricted: boolean;
  /** The expressions (sorted sources), for fingerprints and explanations. */
  readonly rules: readonly string[];
  isMasked(path: string): boolean;
  /** The masker for a leaf field path, if masked (`.keyword` stripped; a masked object masks its members). */
  maskerFor(path: string): Masker | undefined;
  /** Masks a value of the field: arrays element-wise, null/undefined stay as they are, else one string. */
  mask(path: string, value: unknown): unknown;
}

export const NO_MASKS: FieldMasks = Object.freeze({
  isRestricted: false,
  rules: [],
  isMasked: () => false,
  maskerFor: () => undefined,
  mask: (_path: string, value: unknown) => value,
});

/**
 * Union of the masks of every matching role entry. When several expressions match one field, the first in
 * source order wins (deterministic; the plugin's choice depends on hash-set order).
 */
export function buildFieldMasks(expressions: readonly MaskExpression[], options: MaskingOptions): FieldMasks {
  const unique = [...new Map(expressions.map((e) => [e.source, e])).values()].sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0));
  if (unique.length === 0) return NO_MASKS;
  if (unique.some((e) => e.method.kind === 'default')) saltBytes(options.salt);
  const maskers = new Map<MaskExpression, Masker>();
  const find = (path: string): MaskExpression | undefined => {
    const candidates = [...new Set([...selfAndAncestors(path), ...selfAndAncestors(stripKeyword(path))])];
    return unique.find((e) => candidates.some((c) => e.field.test(c)));
  };
  const maskerFor = (path: string): Masker | undefined => {
    const expr = find(path);
    if (!expr) return undefined;
    let m = maskers.get(expr);
    if (!m) {
      m = maskerOf(expr, options);
      maskers.set(expr, m);
    }
    return m;
  };
  return Object.freeze({
    isRestricted: true,
    rules: unique.map((e) => e.source),
    isMasked: (path: string) => find(path) !== undefined,
    maskerFor,
    mask: (path: string, value: unknown) => {
      const m = maskerFor(path);
      return m ? maskDeep(m, value) : value;
    },
  });
}

export function maskDeep(masker: Masker, value: unknown): unknown {
  if (value === null || value === undefined) return value;
  if (Array.isArray(value)) return value.map((v) => maskDeep(masker, v));
  return masker(value);
}
