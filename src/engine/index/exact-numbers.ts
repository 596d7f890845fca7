/**
 * Integers written in JSON with more digits than a double holds exactly. OpenSearch (Jackson) reads an
 * integer literal as a Java long (or a BigInteger beyond it) digit for digit; JSON.parse rounds
 * `9223372036854775807` to 2^63. Request bodies, stored sources and log records are parsed with the source
 * text at hand (only when a run of 16+ digits appears): an integer literal of magnitude >= 2^53 becomes a
 * RawNumber holding its digits, which JSON.stringify writes back digit for digit (through `JSON.rawJSON`,
 * Node 22) and which long fields, long queries, sort cursors and the `_source` read exactly. Every other
 * number stays a plain double; a reader of any number gets the nearest double from a RawNumber (`plain`,
 * or its valueOf).
 */
const J = JSON as unknown as {
  rawJSON(text: string): { readonly rawJSON: string };
};

/**
 * A JSON integer of magnitude >= 2^53 with its digits. JSON.stringify writes the digits back (`toJSON` gives
 * a native raw JSON value); code that reads any number still gets one (`Number(v)`, `+v`, comparisons: the
 * nearest double) and `String(v)` gives the digits, so a reader that does not know about exact longs
 * answers as it did for the rounded number instead of failing.
 */
export class RawNumber {
  constructor(readonly rawJSON: string) {
    Object.freeze(this);
  }

  valueOf(): number {
    return Number(this.rawJSON);
  }

  toString(): string {
    return this.rawJSON;
  }

  toJSON(): unknown {
    return J.rawJSON(this.rawJSON);
  }
}

const TWO_53 = 2 ** 53;
export const LONG_MIN = -(2n ** 63n);
export const LONG_MAX = 2n ** 63n - 1n;

type Reviver = (this: unknown, key: string, value: unknown, context?: { source?: string }) => unknown;

const reviver: Reviver = (_key, value, context) => {
  if (typeof value === 'number' && Math.abs(value) >= TWO_53 && context?.source !== undefined && /^-?\d+$/.test(context.source)) {
    return new RawNumber(context.source);
  }
  return value;
};

/** JSON.parse with integer literals of magnitude >= 2^53 kept as raw JSON values (their exact digits). */
export function parseJson(text: string): unknown {
  if (!/\d{16}/.test(text)) return JSON.parse(text);
  return JSON.parse(text, reviver as (this: unknown, key: string, value: unknown) => unknown);
}

export function isRawNumber(v: unknown): v is RawNumber {
  return v instanceof RawNumber;
}

/** An exact integer as a JSON value: a plain number below 2^53, raw digits beyond. */
export function exactJson(v: bigint): number | RawNumber {
  return v > -9007199254740992n && v < 9007199254740992n ? Number(v) : new RawNumber(v.toString());
}

/** A request value with raw integers read as their (nearest) double, for readers of any number. */
export function plain<T>(v: T): T | number {
  return isRawNumber(v) ? Number(v.rawJSON) : v;
}

/** The exact integer of a raw number. */
export function bigOf(v: RawNumber): bigint {
  return BigInt(v.rawJSON);
}

/**
 * OpenSearch's `Numbers.toLong(text, coerce = true)` for a decimal text (`-12`, `1.5e3`, `9223372036854775807.9`):
 * Long.parseLong, else the BigDecimal truncated toward zero. Undefined when the text is no decimal,
 * 'range' when the value is out of a long's range (checked before truncating, as there).
 */
export function decimalToLong(s: string): bigint | 'range' | undefined {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(s);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return undefined;
  const fraction = m[3] ?? '';
  const digits = `${m[2]}${fraction}`.replace(/^0+/, '');
  if (digits === '') return 0n;
  const exp = Number(m[4] ?? '0') - fraction.length;
  const intDigits = digits.length + exp;
  if (intDigits > 19) return 'range';
  if (intDigits <= 0) return 0n;
  const magnitude = exp >= 0 ? BigInt(digits) * 10n ** BigInt(exp) : BigInt(digits.slice(0, intDigits));
  const v = m[1] === '-' ? -magnitude : magnitude;
  return v > LONG_MAX || v < LONG_MIN ? 'range' : v;
}

/** Java's `(long)` of a double read from a JSON number or a query value (the digits of its shortest
 *  rendering, as `Numbers.toLong(Double.toString(d))`), truncated toward zero; 'range' beyond a long. */
export function doubleToLong(d: number): bigint | 'range' {
  if (!Number.isFinite(d)) return 'range';
  if (Math.abs(d) < TWO_53) return BigInt(Math.trunc(d));
  if (Math.abs(d) >= 1e21) return 'range';
  const v = BigInt(String(d));
  return v > LONG_MAX || v < LONG_MIN ? 'range' : v;
}
