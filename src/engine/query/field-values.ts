/** Converting query-side values to the indexed representation of a field (as OpenSearch's field types do). */
import { EngineError } from '../errors.js';
import type { LeafField } from '../index/mapping.js';
import { inexactInteger } from '../index/inexact-numbers.js';

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

/** A long written as a string that a double cannot hold exactly: OpenSearch keeps every digit, this engine
 *  holds doubles, so the query is refused rather than answered for a neighbouring value. */
export function inexactLong(v: string, n: number): void {
  if (!Number.isFinite(n) || Math.abs(n) < 2 ** 53) return;
  const m = /^\s*([+-]?)(\d*)/.exec(v);
  if (!m || !m[2]) return;
  const exact = BigInt(`${m[1]}${m[2]}`);
  if (exact > 9223372036854775807n || exact < -9223372036854775808n) return;
  if (BigInt(Math.trunc(n)) !== exact) {
    throw queryShardError(`failed to create query: the long [${v}] has no exact double; longs beyond 2^53 that a double cannot hold are not supported by the embedded engine`);
  }
}

function inexactNumber(n: number): void {
  if (inexactInteger(n)) {
    throw queryShardError(`failed to create query: the long [${String(n)}] was written with digits a double cannot hold; longs beyond 2^53 that a double cannot hold are not supported by the embedded engine`);
  }
}

/** How OpenSearch renders a query value in "out of range" errors: numbers as Java does, strings as UTF-8 bytes. */
function shown(v: unknown): string {
  if (typeof v === 'string') return `[${[...Buffer.from(v)].map((b) => b.toString(16)).join(' ')}]`;
  if (typeof v === 'number' && !Number.isSafeInteger(v)) return javaDoubleString(v);
  return String(v);
}

/** How a JSON number reaches OpenSearch: integer literals within a long as Long, longer ones as BigInteger
 *  (rendered as their UTF-8 bytes, like strings), everything else as Double. */
function shownBound(v: unknown): string {
  if (typeof v === 'number' && Number.isInteger(v) && Math.abs(v) < 1e21) {
    const digits = BigInt(v).toString();
    return Math.abs(v) < 2 ** 63 ? digits : shown(digits);
  }
  return shown(v);
}

/**
 * A numeric `range` bound on an integer type as OpenSearch parses it (`NumberType.parse(value, coerce=true)`):
 * Java's double value first, refused outside the type's range; `long` then parses the text exactly.
 * Returns the bound as a double (decimals are kept: the caller rounds by bound kind).
 */
export function integerRangeBound(type: string, v: unknown): number {
  if (typeof v === 'boolean') throw queryShardError(`failed to create query: For input string: "${String(v)}"`);
  if (typeof v !== 'number' && typeof v !== 'string') throw queryShardError(`failed to create query: For input string: "${String(v)}"`);
  if (type === 'long' && typeof v === 'number') inexactNumber(v);
  const d = typeof v === 'number' ? v : javaDouble(v);
  if (Number.isNaN(d) && type === 'long') throw queryShardError(`failed to create query: For input string: "${String(v)}"`);
  const [lo, hi, what] = INT_RANGE[type] ?? [-9223372036854775808, 9223372036854775807, 'a long'];
  if (d < lo || d > hi) throw queryShardError(`failed to create query: Value [${shownBound(v)}] is out of range for ${what}`);
  if (type === 'long' && typeof v === 'string') inexactLong(v, d);
  if (type === 'long' && typeof v === 'string' && Number.isFinite(d)) {
    const m = /^\s*([+-]?)(\d*)/.exec(v);
    const whole = m && m[2] ? BigInt(`${m[1]}${m[2]}`) : 0n;
    if (/^\s*[+-]?\d+\s*$/.test(v) && (whole > 9223372036854775807n || whole < -9223372036854775808n)) {
      throw queryShardError(`failed to create query: Value [${v.trim()}] is out of range for a long`);
    }
  }
  return d;
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
    if (typeof v === 'number') {
      n = v;
      inexactNumber(n);
    } else if (/^[+-]?(?:NaN|Infinity)$/.test(v)) return undefined;
    else if (/^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(v)) n = Number(v);
    else throw queryShardError(v === '' ? 'failed to create query: empty String' : `failed to create query: For input string: "${v}"`);
    if (n >= 9223372036854775808 || n < -9223372036854775808) throw queryShardError(`failed to create query: Value [${shown(v)}] is out of range for a long`);
    if (typeof v === 'string') inexactLong(v, n);
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
