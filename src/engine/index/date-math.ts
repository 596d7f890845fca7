/**
 * OpenSearch date math for range bounds: `now-1d/d`, `2020-01-01||+1M/d`. Rounding direction follows
 * OpenSearch: `gt`/`lte` round up to the last millisecond of the unit, `gte`/`lt` round down.
 */
import { EngineError } from '../errors.js';
import { namedFormatParsers } from './date-formatters.js';
import type { DateFormat } from './dates.js';

const UNIT = /^([+-]\d*|\/)([yMwdhHms])/;

/** A time zone for date math (an aggregation's `time_zone`): texts without an offset are read in it, and
 *  rounding and calendar arithmetic happen on its wall clock. */
export interface MathZone {
  offsetAt(utcMillis: number): number;
  localToUtc(localMillis: number): number;
}

export function parseDateMath(expr: string | number, format: DateFormat, roundUp: boolean, now: number, zone?: MathZone): number {
  if (typeof expr === 'number') return check(format.parse(expr, roundUp, zone), expr, format);
  let base: number;
  let math: string;
  if (expr.startsWith('now')) {
    base = now;
    math = expr.slice(3);
  } else {
    const sep = expr.indexOf('||');
    if (sep < 0) return check(format.parse(expr, roundUp, zone), expr, format);
    base = check(format.parse(expr.slice(0, sep), false, zone), expr.slice(0, sep), format);
    math = expr.slice(sep + 2);
  }
  let d = new Date(base);
  while (math.length > 0) {
    const m = UNIT.exec(math);
    if (!m) throw new EngineError(400, 'parse_exception', `operator not supported for date math [${math}]`);
    const [whole, op, unit] = m as unknown as [string, string, string];
    math = math.slice(whole.length);
    // In a zone: hours, minutes and seconds move the instant, the calendar units and rounding the local
    // date-time (ZonedDateTime.plusHours vs plusDays / truncation), read back in the zone.
    const local = zone !== undefined && !(op !== '/' && (unit === 'h' || unit === 'H' || unit === 'm' || unit === 's'));
    if (local) d = new Date(d.getTime() + zone.offsetAt(d.getTime()));
    if (op === '/') d = round(d, unit, roundUp);
    else {
      const n = op.length === 1 ? 1 : Number(op.slice(1));
      d = add(d, unit, op[0] === '-' ? -n : n);
    }
    if (local) d = new Date(zone.localToUtc(d.getTime()));
  }
  return d.getTime();
}

/** How many parsers OpenSearch's JavaDateFormatter holds for a format: more than one fails with "Failed to
 *  parse with all enclosed parsers" (epoch formats hold two, checked on 3.6.0; a plain pattern one). */
export function parserCount(pattern: string): number {
  return pattern.split('||').reduce((n, raw) => {
    const part = raw.trim();
    return n + (part === 'epoch_millis' || part === 'epoch_second' ? 2 : namedFormatParsers(part)?.length ?? 1);
  }, 0);
}

function check(v: number | undefined, text: string | number, format: DateFormat): number {
  if (v === undefined) {
    // JavaDateMathParser wraps the formatter's IllegalArgumentException (itself wrapping java.time's
    // DateTimeParseException) and repeats its message. Only a multi-format's innermost message is known
    // without replaying java.time's parser position ("Text '7' could not be parsed at index 0" and the like).
    const msg = `failed to parse date field [${text}] with format [${format.pattern}]`;
    const inner = parserCount(format.pattern) > 1 ? { caused_by: { type: 'date_time_parse_exception', reason: 'Failed to parse with all enclosed parsers' } } : {};
    throw new EngineError(400, 'parse_exception', `${msg}: [${msg}]`, { caused_by: { type: 'illegal_argument_exception', reason: msg, ...inner } });
  }
  return v;
}

function add(d: Date, unit: string, n: number): Date {
  const r = new Date(d.getTime());
  switch (unit) {
    case 'y': addMonths(r, 12 * n); break;
    case 'M': addMonths(r, n); break;
    case 'w': r.setUTCDate(r.getUTCDate() + 7 * n); break;
    case 'd': r.setUTCDate(r.getUTCDate() + n); break;
    case 'h': case 'H': r.setTime(r.getTime() + n * 3_600_000); break;
    case 'm': r.setTime(r.getTime() + n * 60_000); break;
    case 's': r.setTime(r.getTime() + n * 1000); break;
  }
  return r;
}

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isLeap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/**
 * java.time's plusMonths/plusYears: the day of the month is kept and clamped to the target month's length
 * (Jan 31 + 1M is Feb 29 in 2024, Feb 29 + 1y is Feb 28), where Date.setUTCMonth would overflow into the next
 * month (Mar 2).
 */
function addMonths(r: Date, n: number): void {
  const total = r.getUTCFullYear() * 12 + r.getUTCMonth() + n;
  const year = Math.floor(total / 12);
  const month = total - year * 12;
  const last = month === 1 && isLeap(year) ? 29 : DAYS[month]!;
  r.setUTCFullYear(year, month, Math.min(r.getUTCDate(), last));
}

function round(d: Date, unit: string, up: boolean): Date {
  const r = new Date(d.getTime());
  switch (unit) {
    case 'y': r.setUTCMonth(0, 1); r.setUTCHours(0, 0, 0, 0); break;
    case 'M': r.setUTCDate(1); r.setUTCHours(0, 0, 0, 0); break;
    case 'w': {
      const dow = (r.getUTCDay() + 6) % 7; // ISO weeks start on Monday
      r.setUTCDate(r.getUTCDate() - dow); r.setUTCHours(0, 0, 0, 0); break;
    }
    case 'd': r.setUTCHours(0, 0, 0, 0); break;
    case 'h': case 'H': r.setUTCMinutes(0, 0, 0); break;
    case 'm': r.setUTCSeconds(0, 0); break;
    case 's': r.setUTCMilliseconds(0); break;
  }
  if (!up) return r;
  return new Date(add(r, unit, 1).getTime() - 1);
}
