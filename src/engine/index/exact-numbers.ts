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
import { javaDoubleToString } from './java-double.js';

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

/**
 * The text of JSON number tokens that JavaScript would write differently (`1.0`, `1e21`, `-0`, `1E+2`):
 * holder object or array -> key -> text. OpenSearch indexes a number in a keyword or text field as the
 * token's text as written (Jackson's getText: `1.0` stays `1.0`, `1e21` stays `1e21`), and reads a number
 * in a term value as Java's Integer/Long/Double (`1e21` is `1.0E21`), so both need to know how the
 * number was written. Kept beside the parsed values (a side table, so every reader of numbers still sees
 * plain numbers), and written back by stringifyJson so stored sources and log records keep the text.
 */
const numberTexts = new WeakMap<object, Map<string, string>>();
let anyNumberText = false;

const reviver: Reviver = function (this: unknown, key, value, context) {
  if (typeof value !== 'number' || context?.source === undefined) return value;
  const text = context.source;
  if (Math.abs(value) >= TWO_53 && /^-?\d+$/.test(text)) return new RawNumber(text);
  if (text !== String(value) && typeof this === 'object' && this !== null) {
    let m = numberTexts.get(this);
    if (!m) numberTexts.set(this, (m = new Map()));
    m.set(key, text);
    anyNumberText = true;
  }
  return value;
};

/**
 * Where a JSON text may hold a number token that String(number) does not reproduce: 16+ digits (beyond a
 * double's exact digits, or 2^53), an exponent, a fraction ending in 0, `-0`, or a tiny fraction (`0.0000001`
 * prints as 1e-7). Only then is the (slower) reviver needed; strings that merely look alike cost a reviver pass.
 */
const MAY_NEED_TEXT = /[\d.]{16}|\d[eE]|\.\d*0(?!\d)|-0(?![.\d])|\.0{6}/;

/** JSON.parse with integer literals of magnitude >= 2^53 kept as raw JSON values (their exact digits), and
 *  the text of other numbers JavaScript would write differently kept aside (numberTextOf). */
export function parseJson(text: string): unknown {
  if (!MAY_NEED_TEXT.test(text)) return JSON.parse(text);
  return JSON.parse(text, reviver as (this: unknown, key: string, value: unknown) => unknown);
}

/** The JSON text of the number at `holder[key]` as it was written, when parseJson kept one (it differs
 *  from String(number)); undefined otherwise. */
export function numberTextOf(holder: object, key: string | number): string | undefined {
  return numberTexts.get(holder)?.get(String(key));
}

/** Copies the kept number text of `from[fromKey]` to `to[toKey]` (for values moved into new objects). */
export function copyNumberText(from: object, fromKey: string | number, to: object, toKey: string | number): void {
  const t = numberTextOf(from, fromKey);
  if (t === undefined) return;
  let m = numberTexts.get(to);
  if (!m) numberTexts.set(to, (m = new Map()));
  m.set(String(toKey), t);
}

/** Sets (or, with undefined, clears) the kept text of the number at `holder[key]`. */
export function setNumberText(holder: object, key: string | number, text: string | undefined): void {
  if (text === undefined) {
    numberTexts.get(holder)?.delete(String(key));
    return;
  }
  let m = numberTexts.get(holder);
  if (!m) numberTexts.set(holder, (m = new Map()));
  m.set(String(key), text);
  anyNumberText = true;
}

/** How Jackson writes back the number it read from `written`: an integer's digits (`-0` is `0`), a decimal
 *  or exponent form as a Double (`1e21` is `1.0E21`, `1.10` is `1.1`). */
export function javaNumberText(v: number, written: string): string {
  return /[.eE]/.test(written) ? javaDoubleToString(v) : String(BigInt(written));
}

/**
 * A deep copy of a parsed JSON value whose numbers are written as OpenSearch writes a source it parsed
 * into a map and serialised again (a partial update's merged source): Jackson's Integer/Long/Double
 * rendering of each number token, not its original text (`[1e21, 1.10, -0]` becomes `[1.0E21, 1.1, 0]`,
 * so a keyword field then indexes `1.0E21`).
 */
export function javaRendered<T>(v: T): T {
  const copy = (x: unknown, holder: object, key: string): unknown => {
    if (typeof x === 'number') {
      if (Number.isFinite(x)) {
        const t = javaNumberText(x, numberTextOf(holder, key) ?? String(x));
        return t;
      }
      return x;
    }
    if (typeof x !== 'object' || x === null || isRawNumber(x)) return x;
    const out: Record<string, unknown> | unknown[] = Array.isArray(x) ? [] : {};
    for (const [k, child] of Object.entries(x)) {
      const c = copy(child, x, k);
      if (typeof c === 'string' && typeof child === 'number') {
        (out as Record<string, unknown>)[k] = child;
        if (c !== String(child)) setNumberText(out, k, c);
      } else (out as Record<string, unknown>)[k] = c;
    }
    return out;
  };
  return copy(v, {}, '') as T;
}

const keepText = function (this: unknown, key: string, value: unknown): unknown {
  if (typeof value === 'number' && typeof this === 'object' && this !== null) {
    const t = numberTexts.get(this)?.get(key);
    if (t !== undefined) return J.rawJSON(t);
  }
  return value;
};

/** JSON.stringify that writes numbers back as they were written (numberTextOf), once any such text exists. */
export function stringifyJson(v: unknown): string {
  return anyNumberText ? JSON.stringify(v, keepText as (this: unknown, key: string, value: unknown) => unknown) : JSON.stringify(v);
}

/** -0.0 as Jackson writes a negative zero float or double (JSON.stringify would write `0`); its valueOf is -0. */
export const NEGATIVE_ZERO = new RawNumber('-0.0');

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
