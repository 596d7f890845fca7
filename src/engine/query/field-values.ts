/** Converting query-side values to the indexed representation of a field (as OpenSearch's field types do). */
import { EngineError } from '../errors.js';
import type { LeafField } from '../index/mapping.js';

export function queryShardError(reason: string): EngineError {
  return new EngineError(400, 'query_shard_exception', reason);
}

const INTEGER_TYPES = new Set(['long', 'integer', 'short', 'byte']);

const INT_RANGE: Record<string, [number, number, string]> = {
  integer: [-2147483648, 2147483647, 'an integer'],
  short: [-32768, 32767, 'a short'],
  byte: [-128, 127, 'a byte'],
};

/** Java's `Double.parseDouble`: trims control/space characters, accepts a d/f suffix, Infinity and NaN; no hex
 *  without a binary exponent (refused here). */
function javaDouble(s: string): number {
  // eslint-disable-next-line no-control-regex
  const t = s.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '');
  if (t === '') throw queryShardError('failed to create query: empty String');
  const m = /^([+-]?)(?:(NaN|Infinity)|((?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)[dDfF]?)$/.exec(t);
  if (!m) throw queryShardError(`failed to create query: For input string: "${s}"`);
  if (m[2] === 'NaN') return NaN;
  const v = m[2] === 'Infinity' ? Infinity : Number(m[3]);
  return m[1] === '-' ? -v : v;
}

/** How OpenSearch renders a query value in "out of range" errors: numbers as Java does, strings as UTF-8 bytes. */
function shown(v: unknown): string {
  if (typeof v === 'string') return `[${[...Buffer.from(v)].map((b) => b.toString(16)).join(' ')}]`;
  if (typeof v === 'number' && !Number.isSafeInteger(v)) return javaDoubleString(v);
  return String(v);
}

function javaDoubleString(v: number): string {
  if (Number.isInteger(v) && Math.abs(v) < 1e7) return `${v}.0`;
  const [m, e] = v.toExponential().split('e');
  return `${m!.includes('.') ? m : `${m}.0`}E${Number(e)}`;
}

/**
 * Number for a numeric field's term, or undefined when the value can never match (a decimal part on an
 * integer type, NaN). Errors as OpenSearch 3.6 gives them (checked value by value against a real node):
 * booleans and unparsable strings are refused, out-of-range values too; `long` parses strings strictly.
 */
export function numericTermValue(leaf: LeafField, v: unknown): number | undefined {
  if (typeof v === 'boolean') throw queryShardError(`failed to create query: For input string: "${String(v)}"`);
  if (typeof v !== 'number' && typeof v !== 'string') throw queryShardError(`failed to create query: For input string: "${String(v)}"`);
  if (leaf.type === 'long') {
    let n: number;
    if (typeof v === 'number') n = v;
    else if (/^[+-]?(?:NaN|Infinity)$/.test(v)) return undefined;
    else if (/^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(v)) n = Number(v);
    else throw queryShardError(v === '' ? 'failed to create query: empty String' : `failed to create query: For input string: "${v}"`);
    if (n >= 9223372036854775808 || n < -9223372036854775808) throw queryShardError(`failed to create query: Value [${shown(v)}] is out of range for a long`);
    return Number.isInteger(n) ? n : undefined;
  }
  const range = INT_RANGE[leaf.type];
  const n = typeof v === 'number' ? v : javaDouble(v);
  if (range) {
    if (Number.isNaN(n) || (typeof v === 'string' && !Number.isFinite(n))) return undefined;
    if (n < range[0] || n > range[1]) throw queryShardError(`failed to create query: Value [${shown(v)}] is out of range for ${range[2]}`);
    return Number.isInteger(n) ? n : undefined;
  }
  if (!Number.isFinite(n)) throw queryShardError(`failed to create query: [${leaf.type}] supports only finite values, but got [${String(n)}]`);
  return leaf.type === 'float' ? Math.fround(n) : n;
}

export function booleanTermValue(v: unknown): number {
  if (v === true || v === 'true') return 1;
  if (v === false || v === 'false') return 0;
  throw queryShardError(`failed to create query: Can't parse boolean value [${String(v)}], expected [true] or [false]`);
}

export function stringTermValue(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  throw queryShardError(`failed to create query: unsupported term value [${JSON.stringify(v)}]`);
}

export function isNumericType(t: string): boolean {
  return ['long', 'integer', 'short', 'byte', 'double', 'float', 'date', 'boolean'].includes(t);
}

export function isIntegerType(t: string): boolean {
  return INTEGER_TYPES.has(t);
}
