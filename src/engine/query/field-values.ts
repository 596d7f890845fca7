/** Converting query-side values to the indexed representation of a field (as OpenSearch's field types do). */
import { EngineError } from '../errors.js';
import type { LeafField } from '../index/mapping.js';
import { decimalToLong, doubleToLong, isRawNumber, javaNumberText, LONG_MAX, LONG_MIN } from '../index/exact-numbers.js';
import { javaDoubleToString } from '../index/java-double.js';

export function queryShardError(reason: string): EngineError {
  // QueryShardContext.toQuery wraps a Java exception as "failed to create query: <its message>" caused by it:
  // Java's number parsing (NumberFormatException) and OpenSearch's range checks (IllegalArgumentException).
  const m = /^failed to create query: (For input string: [^]*|empty String|Value \[[^]*\] is out of range for [^]*|Can only use fuzzy queries on keyword and text fields [^]*)$/.exec(reason);
  const cause = m ? { caused_by: { type: /^(For input string|empty String)/.test(m[1]!) ? 'number_format_exception' : 'illegal_argument_exception', reason: m[1] } } : undefined;
  return new EngineError(400, 'query_shard_exception', reason, cause);
}

const INTEGER_TYPES = new Set(['long', 'integer', 'short', 'byte']);

const INT_RANGE: Record<string, [number, number, string]> = {
  integer: [-2147483648, 2147483647, 'an integer'],
  short: [-32768, 32767, 'a short'],
  byte: [-128, 127, 'a byte'],
};

/** Java's `Double.parseDouble`: trims control/space characters, accepts a d/f suffix, Infinity and NaN; no hex
 *  without a binary exponent (refused here). */
export function javaDouble(s: string): number {
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
  if (isRawNumber(v)) {
    // A JSON integer beyond 2^53 (a Long, or a BigInteger beyond a long, for OpenSearch).
    const x = BigInt(v.rawJSON);
    const what = INT_RANGE[type]?.[2] ?? 'a long';
    if (type !== 'long' || x > LONG_MAX || x < LONG_MIN) throw queryShardError(`failed to create query: Value [${v.rawJSON}] is out of range for ${what}`);
    return Number(x);
  }
  if (typeof v === 'boolean') throw queryShardError(`failed to create query: For input string: "${String(v)}"`);
  if (typeof v !== 'number' && typeof v !== 'string') throw queryShardError(`failed to create query: For input string: "${String(v)}"`);
  const d = typeof v === 'number' ? v : javaDouble(v);
  if (Number.isNaN(d) && type === 'long') throw queryShardError(`failed to create query: For input string: "${String(v)}"`);
  const [lo, hi, what] = INT_RANGE[type] ?? [-9223372036854775808, 9223372036854775807, 'a long'];
  if (d < lo || d > hi) throw queryShardError(`failed to create query: Value [${shownBound(v)}] is out of range for ${what}`);
  if (type === 'long' && typeof v === 'string' && Number.isFinite(d)) {
    const m = /^\s*([+-]?)(\d*)/.exec(v);
    const whole = m && m[2] ? BigInt(`${m[1]}${m[2]}`) : 0n;
    if (/^\s*[+-]?\d+\s*$/.test(v) && (whole > 9223372036854775807n || whole < -9223372036854775808n)) {
      throw queryShardError(`failed to create query: Value [${v.trim()}] is out of range for a long`);
    }
  }
  return d;
}

/**
 * A long query value read exactly, as OpenSearch's `NumberFieldMapper.objectToLong(value, coerce = true)`
 * does after the checks of `integerRangeBound` (whose errors come first): a JSON integer as is, a double
 * through the digits of `Double.toString` (`9.2233720368547748E18` is 9223372036854775000), a string with
 * `Numbers.toLong` (a BigDecimal truncated toward zero, refused beyond a long).
 */
export function exactLong(v: unknown): bigint {
  if (isRawNumber(v)) return BigInt(v.rawJSON);
  if (typeof v === 'number') {
    const x = doubleToLong(v);
    if (x === 'range') throw queryShardError(`failed to create query: Value [${shown(v)}] is out of range for a long`);
    return x;
  }
  const s = String(v);
  const x = decimalToLong(s);
  if (x === undefined) throw queryShardError(`failed to create query: For input string: "${s}"`);
  if (x === 'range') throw queryShardError(`failed to create query: Value [${s}] is out of range for a long`);
  return x;
}

/** OpenSearch's `hasDecimalPart` of a query value (by its double), and its sign. */
function decimalPart(v: unknown): { decimal: boolean; sign: number } {
  const d = isRawNumber(v) ? Number(v.rawJSON) : typeof v === 'number' ? v : javaDouble(String(v));
  return { decimal: d % 1 !== 0, sign: Math.sign(d) };
}

/**
 * The inclusive exact bounds of a `range` on a long field (`LONG.rangeQuery`): a lower bound with a
 * fraction rounds up when positive, an exclusive one moves by one; undefined where OpenSearch answers
 * match_none (`gt` Long.MAX_VALUE, `lt` Long.MIN_VALUE), decided before the upper bound is read.
 */
export function longRangeBounds(b: { gt?: unknown; gte?: unknown; lt?: unknown; lte?: unknown }): [bigint, bigint] | undefined {
  let lo = LONG_MIN;
  let hi = LONG_MAX;
  const lower = b.gt ?? b.gte;
  if (lower !== undefined && lower !== null) {
    integerRangeBound('long', lower);
    lo = exactLong(lower);
    const { decimal, sign } = decimalPart(lower);
    if ((!decimal && b.gt !== undefined && b.gt !== null) || (decimal && sign > 0)) {
      if (lo === LONG_MAX) return undefined;
      lo++;
    }
  }
  const upper = b.lt ?? b.lte;
  if (upper !== undefined && upper !== null) {
    integerRangeBound('long', upper);
    hi = exactLong(upper);
    const { decimal, sign } = decimalPart(upper);
    if ((!decimal && b.lt !== undefined && b.lt !== null) || (decimal && sign < 0)) {
      if (hi === LONG_MIN) return undefined;
      hi--;
    }
  }
  return [lo, hi];
}

/** A `term` value on a long field: its exact value, or undefined when it has a fraction (matches nothing). */
export function longTermValue(v: unknown): bigint | undefined {
  if (isRawNumber(v)) {
    const x = BigInt(v.rawJSON);
    if (x > LONG_MAX || x < LONG_MIN) throw queryShardError(`failed to create query: Value [${v.rawJSON}] is out of range for a long`);
    return x;
  }
  const leaf = { type: 'long' } as LeafField;
  const n = numericTermValue(leaf, v);
  if (n === undefined) return undefined;
  if (typeof v === 'number') return exactLong(v);
  return exactLong(String(v));
}

function javaDoubleString(v: number): string {
  if (Number.isInteger(v) && Math.abs(v) < 1e7) return `${v}.0`;
  const [m, e] = v.toExponential().split('e');
  return `${m!.includes('.') ? m : `${m}.0`}E${Number(e)}`;
}

/** The type whose query a field's builds: OpenSearch's BYTE and SHORT delegate term, terms and range
 *  queries to INTEGER (values are checked against an int's range, not the field's; beyond the field's own
 *  range they simply match nothing). */
export function queryType(type: string): string {
  return type === 'byte' || type === 'short' ? 'integer' : type;
}

/**
 * Number for a numeric field's term, or undefined when the value can never match (a decimal part on an
 * integer type, NaN). Errors as OpenSearch 3.6 gives them (checked value by value against a real node):
 * booleans and unparsable strings are refused, out-of-range values too; `long` parses strings strictly.
 */
export function numericTermValue(leaf: LeafField, v: unknown): number | undefined {
  if (isRawNumber(v)) {
    // A JSON integer beyond 2^53: out of range for every integer type but long (see longTermValue).
    const x = BigInt(v.rawJSON);
    if (leaf.type === 'long') return x > LONG_MAX || x < LONG_MIN ? (longTermValue(v), undefined) : Number(x);
    const range = INT_RANGE[queryType(leaf.type)];
    if (range) throw queryShardError(`failed to create query: Value [${v.rawJSON}] is out of range for ${range[2]}`);
    const d = leaf.type === 'float' ? Math.fround(Number(x)) : Number(x);
    if (!Number.isFinite(d)) throw queryShardError(`failed to create query: [${leaf.type}] supports only finite values, but got [${d > 0 ? 'Infinity' : '-Infinity'}]`);
    return d;
  }
  if (typeof v === 'boolean') throw queryShardError(`failed to create query: For input string: "${String(v)}"`);
  if (typeof v !== 'number' && typeof v !== 'string') throw queryShardError(`failed to create query: For input string: "${String(v)}"`);
  if (leaf.type === 'long') {
    let n: number;
    if (typeof v === 'number') {
      n = v;
    } else if (/^[+-]?(?:NaN|Infinity)$/.test(v)) return undefined;
    else if (/^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(v)) n = Number(v);
    else throw queryShardError(v === '' ? 'failed to create query: empty String' : `failed to create query: For input string: "${v}"`);
    if (n > 9223372036854775808 || n < -9223372036854775808) throw queryShardError(`failed to create query: Value [${shown(v)}] is out of range for a long`);
    return Number.isInteger(n) ? n : undefined;
  }
  const range = INT_RANGE[queryType(leaf.type)];
  const n = typeof v === 'number' ? v : javaDouble(v);
  if (range) {
    if (Number.isNaN(n) || (typeof v === 'string' && !Number.isFinite(n))) return undefined;
    if (n < range[0] || n > range[1]) throw queryShardError(`failed to create query: Value [${shown(v)}] is out of range for ${range[2]}`);
    return Number.isInteger(n) ? n : undefined;
  }
  // A float field reads the value as Java's float: beyond Float.MAX_VALUE it is Infinity, refused.
  const x = leaf.type === 'float' ? Math.fround(n) : n;
  if (!Number.isFinite(x)) throw queryShardError(`failed to create query: [${leaf.type}] supports only finite values, but got [${String(x)}]`);
  return x;
}

export function booleanTermValue(v: unknown): number {
  if (v === true || v === 'true') return 1;
  if (v === false || v === 'false') return 0;
  // Booleans.parseBoolean's IllegalArgumentException, wrapped by QueryShardContext.toQuery.
  const inner = `Can't parse boolean value [${isRawNumber(v) ? v.rawJSON : String(v)}], expected [true] or [false]`;
  throw new EngineError(400, 'query_shard_exception', `failed to create query: ${inner}`, { caused_by: { type: 'illegal_argument_exception', reason: inner } });
}

/**
 * The term a keyword/text/_id/_index query looks up for a value. A JSON number is the text of the Java
 * object Jackson read it as (BytesRefs.toBytesRef(value)): an integer's digits (`-0` is `0`), a decimal or
 * exponent form `Double.toString` (`1.0`, `1e21` is `1.0E21`, `0.00001` is `1.0E-5`). `text` is how the
 * number was written when JavaScript writes it differently (numberTextOf); without it String(v) is.
 */
export function stringTermValue(v: unknown, text?: string): string {
  if (typeof v === 'string') return v;
  if (isRawNumber(v)) return v.rawJSON;
  if (typeof v === 'number') {
    const written = text ?? String(v);
    return /[.eE]/.test(written) ? javaDoubleToString(v) : String(BigInt(written));
  }
  if (typeof v === 'boolean') return String(v);
  throw queryShardError(`failed to create query: unsupported term value [${JSON.stringify(v)}]`);
}

export function isNumericType(t: string): boolean {
  return ['long', 'integer', 'short', 'byte', 'double', 'float', 'date', 'boolean'].includes(t);
}

export function isIntegerType(t: string): boolean {
  return INTEGER_TYPES.has(t);
}

/** A date query value: a JSON integer beyond 2^53 is read as its digits (OpenSearch parses a number's text
 *  with the field's format). */
/**
 * A date query value as OpenSearch parses it: the text of the Java object Jackson read (a JSON number is a
 * Long's digits or a Double's `Double.toString`, so `1488700000000.5` is `1.4887000000005E12` and fails to
 * parse as epoch_millis while `1e3` is `1000.0` and parses). `text`: how the number was written, when
 * JavaScript writes it differently (numberTextOf).
 */
export function dateQueryValue(v: unknown, text?: string): unknown {
  if (isRawNumber(v)) return v.rawJSON;
  if (typeof v === 'number' && Number.isFinite(v)) return javaNumberText(v, text ?? String(v));
  return v;
}
