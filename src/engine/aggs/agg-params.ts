/**
 * Strict reading of one aggregation's parameter object. OpenSearch rejects unknown parameters with
 * `x_content_parse_exception: [<type>] unknown field [<name>]`; we do the same rather than ignore them,
 * because an ignored parameter would silently change what a caller believes they are aggregating over.
 */
import { isRawNumber, plain } from '../index/exact-numbers.js';
import { EngineError, atParse } from '../errors.js';
import { positionOf, type TokenRef } from '../index/json-positions.js';
import { objectParserError, raisedAt } from '../query/clause-errors.js';

export function aggError(reason: string, type = 'illegal_argument_exception'): EngineError {
  return new EngineError(400, type, reason);
}

/** OpenSearch reports invalid parameter values as a parse failure of that field, with the real reason
 *  as `caused_by`; clients that branch on the error type see the same thing from both backends. `at` names
 *  the token ObjectParser was on (the value, mostly): its `[line:col]` prefixes the reason when known, and
 *  a ParsingException cause (or root cause) carries it as its line/col. */
export function fieldParseError(aggType: string, field: string, reason: string, causeType = 'illegal_argument_exception',
  rootCause?: { type: string; reason: string }, at?: TokenRef): EngineError {
  const pos = at ? positionOf(at) : undefined;
  const lc = pos && causeType === 'parsing_exception' ? { line: pos.line, col: pos.col } : {};
  const e = new EngineError(400, 'x_content_parse_exception', `${pos ? `[${pos.line}:${pos.col}] ` : ''}[${aggType}] failed to parse field [${field}]`, {
    ...(rootCause ? { root_cause: [{ ...rootCause, ...(rootCause.type === 'parsing_exception' ? lc : {}) }] } : {}),
    caused_by: { type: causeType, reason, ...lc },
  });
  return at ? raisedAt(e, at) : e;
}

/** Parameters OpenSearch declares as longs. */
const LONG_FIELDS = new Set(['min_doc_count', 'shard_min_doc_count', 'precision_threshold']);

export class AggParams {
  constructor(
    readonly aggType: string,
    readonly aggName: string,
    private readonly raw: Record<string, unknown>,
    allowed: readonly string[],
  ) {
    // ObjectParser, member by member: an unknown one, or one whose value is of a type its field parser
    // does not take (`missing` is a value; `include`/`exclude` an array, an object or a string).
    for (const key of Object.keys(raw)) {
      if (!allowed.includes(key)) throw objectParserError(aggType, raw, key, { kind: 'unknown' });
      const v = raw[key];
      const container = typeof v === 'object' && v !== null && !isRawNumber(v);
      if ((key === 'missing' && container) || ((key === 'include' || key === 'exclude') && (typeof v === 'number' || typeof v === 'boolean' || isRawNumber(v)))) {
        throw objectParserError(aggType, raw, key, { kind: 'type' });
      }
    }
  }

  /** ObjectParser's refusal of a value of a type the field's parser does not take, at that value. */
  private wrongType(key: string): EngineError {
    return objectParserError(this.aggType, this.raw, key, { kind: 'type' });
  }

  /** ObjectParser's "failed to parse field" at the value, caused by the field parser's exception. */
  private failed(key: string, type: string, reason: string): EngineError {
    return objectParserError(this.aggType, this.raw, key, { kind: 'failed', cause: { type, reason } });
  }

  /** The value of parameter `key` in the request (where ObjectParser reports its errors). */
  at(key: string): TokenRef {
    return { holder: this.raw, key, at: 'value' };
  }

  /** The closing bracket of parameter `key`'s array or object, as written. */
  atEndOf(key: string): TokenRef {
    return { holder: this.raw[key] as object, at: 'end' };
  }

  has(key: string): boolean {
    return this.raw[key] !== undefined;
  }

  /** The parameter as given, for values whose shape depends on the field (e.g. `missing`). */
  /** A parameter; JSON integers beyond 2^53 in it are read as their nearest double, as the aggregations
   *  read numbers (see exact-numbers.ts), except in the queries of `filters` (long queries read them exactly). */
  get(key: string): unknown {
    return key === 'filters' ? this.raw[key] : plainDeep(this.raw[key]);
  }

  string(key: string): string | undefined {
    const v = this.get(key);
    if (v === undefined) return undefined;
    if (typeof v !== 'string') throw this.wrongType(key);
    return v;
  }

  requiredField(): string {
    const f = this.string('field');
    // `field: ""` is not missing: OpenSearch looks the empty name up and finds no field (an unmapped one).
    if (f === undefined) {
      // Raised by the values-source parser's validation, with its trailing space.
      throw atParse(aggError(`Required one of fields [field, script], but none were specified. `));
    }
    return f;
  }

  /** A number (ObjectParser's int, long and double fields take a number or a string of one). A string that
   *  is none fails as the field's parser does: Long values through Numbers.toLong (an IllegalArgumentException),
   *  int and double ones through Java's parsers (a NumberFormatException). */
  number(key: string): number | undefined {
    const v = this.get(key);
    if (v === undefined) return undefined;
    if (typeof v !== 'number' && typeof v !== 'string') throw this.wrongType(key);
    const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
    if (typeof n !== 'number' || !Number.isFinite(n)) {
      throw this.failed(key, LONG_FIELDS.has(key) ? 'illegal_argument_exception' : 'number_format_exception', `For input string: "${String(v)}"`);
    }
    return n;
  }

  /** An integer: a decimal one is truncated (Jackson's intValue/longValue, and a string's with coercion). */
  integer(key: string): number | undefined {
    const n = this.number(key);
    return n === undefined ? undefined : Math.trunc(n) + 0;
  }

  boolean(key: string): boolean | undefined {
    const v = this.get(key);
    if (v === undefined) return undefined;
    if (v === 'true' || v === 'false') return v === 'true';
    if (typeof v === 'string') throw this.failed(key, 'illegal_argument_exception', `Failed to parse value [${v}] as only [true] or [false] are allowed.`);
    if (typeof v !== 'boolean') throw this.wrongType(key);
    return v;
  }

  object(key: string): Record<string, unknown> | undefined {
    const v = this.get(key);
    if (v === undefined) return undefined;
    if (!isPlainObject(v)) throw this.wrongType(key);
    return v;
  }
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Raw integers replaced by their double, in arrays and objects too (range `ranges`, `include` lists). */
function plainDeep(v: unknown): unknown {
  if (isRawNumber(v)) return plain(v);
  if (Array.isArray(v)) return v.some((x) => typeof x === 'object' && x !== null) ? v.map(plainDeep) : v;
  if (typeof v === 'object' && v !== null && Object.values(v).some((x) => typeof x === 'object' && x !== null)) {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plainDeep(x)]));
  }
  return v;
}
