/**
 * Strict reading of one aggregation's parameter object. OpenSearch rejects unknown parameters with
 * `x_content_parse_exception: [<type>] unknown field [<name>]`; we do the same rather than ignore them,
 * because an ignored parameter would silently change what a caller believes they are aggregating over.
 */
import { isRawNumber, plain } from '../index/exact-numbers.js';
import { EngineError, atParse } from '../errors.js';

export function aggError(reason: string, type = 'illegal_argument_exception'): EngineError {
  return new EngineError(400, type, reason);
}

/** OpenSearch reports invalid parameter values as a parse failure of that field, with the real reason
 *  as `caused_by`; clients that branch on the error type see the same thing from both backends. */
export function fieldParseError(aggType: string, field: string, reason: string, causeType = 'illegal_argument_exception',
  rootCause?: { type: string; reason: string }): EngineError {
  return new EngineError(400, 'x_content_parse_exception', `[${aggType}] failed to parse field [${field}]`, {
    ...(rootCause ? { root_cause: [rootCause] } : {}),
    caused_by: { type: causeType, reason },
  });
}

export class AggParams {
  constructor(
    readonly aggType: string,
    readonly aggName: string,
    private readonly raw: Record<string, unknown>,
    allowed: readonly string[],
  ) {
    for (const key of Object.keys(raw)) {
      if (!allowed.includes(key)) {
        throw new EngineError(400, 'x_content_parse_exception', `[${aggType}] unknown field [${key}]`);
      }
    }
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

  private bad(key: string, why: string): EngineError {
    return new EngineError(400, 'x_content_parse_exception', `[${this.aggType}] failed to parse field [${key}]: ${why}`);
  }

  string(key: string): string | undefined {
    const v = this.get(key);
    if (v === undefined) return undefined;
    if (typeof v !== 'string') throw this.bad(key, 'expected a string');
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

  number(key: string): number | undefined {
    const v = this.get(key);
    if (v === undefined) return undefined;
    const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
    if (typeof n !== 'number' || !Number.isFinite(n)) throw this.bad(key, 'expected a number');
    return n;
  }

  integer(key: string): number | undefined {
    const n = this.number(key);
    if (n !== undefined && !Number.isInteger(n)) throw this.bad(key, 'expected an integer');
    return n;
  }

  boolean(key: string): boolean | undefined {
    const v = this.get(key);
    if (v === undefined) return undefined;
    if (v === 'true' || v === 'false') return v === 'true';
    if (typeof v !== 'boolean') throw this.bad(key, 'expected a boolean');
    return v;
  }

  object(key: string): Record<string, unknown> | undefined {
    const v = this.get(key);
    if (v === undefined) return undefined;
    if (!isPlainObject(v)) throw this.bad(key, 'expected an object');
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
