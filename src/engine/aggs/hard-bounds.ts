/**
 * `hard_bounds` of `histogram` and `date_histogram`: values outside them are never collected, so no bucket
 * (empty or not) appears beyond them. The two aggregations follow different rules in OpenSearch 3.6.0, each
 * checked on a real node:
 *
 * - `histogram` (DoubleBounds): `min` and `max` are optional numbers (numeric strings too, null = absent),
 *   `min > max` fails while parsing. A value is collected when `floor((v - offset) / interval) * interval`
 *   — the bucket's key *without* the offset — lies in [min, max], both ends included.
 * - `date_histogram` (LongBounds): the bounds are dates read like `extended_bounds`, rounded down by the
 *   interval (without the offset); a value is collected when its bucket key (with the offset) lies in
 *   [min, max) — the max excluded. Both ends are required in practice: with one missing OpenSearch fails
 *   with a NullPointerException (a 500), reproduced here.
 * - With `extended_bounds` as well, they must lie inside the hard bounds (rounded, for dates), else a 400.
 */
import { EngineError } from '../errors.js';
import { aggError, isPlainObject, type AggParams } from './agg-params.js';
import { javaDoubleToString } from '../index/java-double.js';

export interface NumericHardBounds {
  readonly min?: number;
  readonly max?: number;
}

function parseFailure(aggType: string, causeType: string, cause: string): EngineError {
  return new EngineError(400, 'x_content_parse_exception', `[${aggType}] failed to parse field [hard_bounds]`, {
    caused_by: { type: causeType, reason: cause },
  });
}

/** Bounds given as something other than an object: refused by the parser before it looks inside. */
function notAnObject(params: AggParams, v: unknown): EngineError {
  const token = typeof v === 'number' ? 'VALUE_NUMBER' : typeof v === 'string' ? 'VALUE_STRING' : typeof v === 'boolean' ? 'VALUE_BOOLEAN' : Array.isArray(v) ? 'START_ARRAY' : 'VALUE_NULL';
  return new EngineError(400, 'x_content_parse_exception', `[${params.aggType}] hard_bounds doesn't support values of type: ${token}`);
}

export function readNumericHardBounds(params: AggParams): NumericHardBounds | undefined {
  const raw = params.get('hard_bounds');
  if (raw === undefined) return undefined;
  if (!isPlainObject(raw)) throw notAnObject(params, raw);
  const out: { min?: number; max?: number } = {};
  for (const [k, v] of Object.entries(raw)) {
    if (k !== 'min' && k !== 'max') throw parseFailure(params.aggType, 'x_content_parse_exception', `[double_bounds] unknown field [${k}]`);
    if (v === null) continue;
    const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
    if (typeof n !== 'number' || Number.isNaN(n)) throw parseFailure(params.aggType, 'x_content_parse_exception', `[double_bounds] failed to parse field [${k}]`);
    out[k] = n;
  }
  if (out.min !== undefined && out.max !== undefined && out.min > out.max) {
    throw parseFailure(params.aggType, 'x_content_parse_exception', 'Failed to build [double_bounds] after last required field arrived');
  }
  return out;
}

/** Whether `histogram` collects a value (see above). */
export function numericCollects(b: NumericHardBounds, interval: number, offset: number): (v: number) => boolean {
  return (v) => {
    const key = Math.floor((v - offset) / interval) * interval;
    return (b.min === undefined || key >= b.min) && (b.max === undefined || key <= b.max);
  };
}

const text = (v: number | undefined): string => (v === undefined ? '' : javaDoubleToString(v));

export function checkNumericExtended(hard: NumericHardBounds, ext: { min: number; max: number }): void {
  if ((hard.min !== undefined && ext.min < hard.min) || (hard.max !== undefined && ext.max > hard.max)) {
    throw aggError(`Extended bounds have to be inside hard bounds, hard bounds: [${text(hard.min)}--${text(hard.max)}], extended bounds: [${text(ext.min)}--${text(ext.max)}]`);
  }
}

export interface DateHardBounds {
  /** Rounded down by the interval (without the offset). */
  readonly min: number;
  readonly max: number;
  /** As given, for messages. */
  readonly shown: string;
}

/**
 * `date_histogram`'s hard bounds: parsed with `parse` (the field's format and date math, as extended_bounds),
 * rounded with `round` (the interval's rounding without the offset).
 */
export function readDateHardBounds(params: AggParams, parse: (v: unknown, what: string) => number, round: (v: number) => number): DateHardBounds | undefined {
  const raw = params.get('hard_bounds');
  if (raw === undefined) return undefined;
  if (!isPlainObject(raw)) throw notAnObject(params, raw);
  for (const [k, v] of Object.entries(raw)) {
    if (k !== 'min' && k !== 'max') throw parseFailure(params.aggType, 'x_content_parse_exception', `[bounds] unknown field [${k}]`);
    if (typeof v === 'boolean' || isPlainObject(v) || Array.isArray(v)) {
      const token = typeof v === 'boolean' ? 'VALUE_BOOLEAN' : Array.isArray(v) ? 'START_ARRAY' : 'START_OBJECT';
      throw parseFailure(params.aggType, 'x_content_parse_exception', `[bounds] ${k} doesn't support values of type: ${token}`);
    }
  }
  const given = (k: 'min' | 'max') => (raw[k] === null ? undefined : raw[k]);
  const minRaw = given('min');
  const maxRaw = given('max');
  const min = minRaw === undefined ? undefined : parse(minRaw, 'hard_bounds.min');
  const max = maxRaw === undefined ? undefined : parse(maxRaw, 'hard_bounds.max');
  if (min !== undefined && max !== undefined && min > max) {
    throw aggError(`[hard_bounds.min][${min}] cannot be greater than [hard_bounds.max][${max}] for histogram aggregation [${params.aggName}]`);
  }
  // OpenSearch 3.6.0 unboxes both ends while it builds the aggregator.
  const npe = (which: 'getMin' | 'getMax') =>
    new EngineError(500, 'null_pointer_exception', `Cannot invoke "java.lang.Long.longValue()" because the return value of "org.opensearch.search.aggregations.bucket.histogram.LongBounds.${which}()" is null`);
  if (min === undefined) throw npe('getMin');
  if (max === undefined) throw npe('getMax');
  return { min: round(min), max: round(max), shown: `[${String(minRaw)}--${String(maxRaw)}]` };
}

/** Whether `date_histogram` collects a value whose bucket key (with the offset) is `key`. */
export function dateKeyInside(b: DateHardBounds, key: number): boolean {
  return key >= b.min && key < b.max;
}

export function checkDateExtended(hard: DateHardBounds, ext: { min: number; max: number }, extShown: string, round: (v: number) => number): void {
  if (round(ext.min) < hard.min || round(ext.max) > hard.max) {
    throw aggError(`Extended bounds have to be inside hard bounds, hard bounds: ${hard.shown}, extended bounds: ${extShown}`);
  }
}
