/**
 * Date parsing for `date` fields: OpenSearch's built-in format names we support plus Java-style patterns
 * (yyyy-MM-dd HH:mm:ss ...). Values become epoch milliseconds (UTC unless the text carries an offset).
 * `roundUp` fills missing time-of-day components with their maximum (month and day with 1), as OpenSearch
 * does for `lte`/`gt` bounds.
 */
import { EngineError } from '../errors.js';
import { daysInMonth, isoString, utcMillis } from './civil.js';

export const DEFAULT_DATE_FORMAT = 'strict_date_optional_time||epoch_millis';

interface Parts { y: number; M?: number; d?: number; H?: number; m?: number; s?: number; ms?: number; offsetMin?: number }

const ISO = /^([+-]?\d{4,9})(?:-(\d{2})(?:-(\d{2})(?:[T ](\d{2})(?::?(\d{2})(?::?(\d{2})(?:[.,](\d{1,9}))?)?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?)?)?$/;
const STRICT_ISO = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2})(?::(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?)?)?$/;

function isoParts(m: RegExpExecArray): Parts {
  const p: Parts = { y: Number(m[1]) };
  if (m[2] !== undefined) p.M = Number(m[2]);
  if (m[3] !== undefined) p.d = Number(m[3]);
  if (m[4] !== undefined) p.H = Number(m[4]);
  if (m[5] !== undefined) p.m = Number(m[5]);
  if (m[6] !== undefined) p.s = Number(m[6]);
  if (m[7] !== undefined) p.ms = Number(m[7].padEnd(9, '0').slice(0, 3));
  if (m[8] !== undefined) p.offsetMin = parseOffset(m[8]);
  return p;
}

function parseOffset(z: string): number {
  if (z === 'Z') return 0;
  const sign = z[0] === '-' ? -1 : 1;
  const digits = z.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || '0'));
}


function partsToMillis(p: Parts, roundUp: boolean): number | undefined {
  // OpenSearch's round-up parser (JavaDateFormatter's ROUND_UP defaults) fills a missing month and day with
  // 1 and only the time of day with its maximum: `lte: "2017"` is 2017-01-01T23:59:59.999, not the year's end.
  const M = p.M ?? 1;
  if (M < 1 || M > 12) return undefined;
  const dim = daysInMonth(p.y, M);
  const d = p.d ?? 1;
  if (d < 1 || d > dim) return undefined;
  const H = p.H ?? (roundUp ? 23 : 0);
  const mi = p.m ?? (roundUp ? 59 : 0);
  const s = p.s ?? (roundUp ? 59 : 0);
  const ms = p.ms ?? (roundUp ? 999 : 0);
  if (H > 23 || mi > 59 || s > 59) return undefined;
  // Calendar arithmetic rather than Date: years far beyond Date's range (-86400000) are valid here. A date
  // beyond a Java long of millis is held as Long.MIN/MAX_VALUE, as OpenSearch 3.6 stores it.
  const t = utcMillis(p.y, M, d, H, mi, s, ms) - (p.offsetMin ?? 0) * 60_000;
  return t < -(2 ** 63) ? -(2 ** 63) : t > 2 ** 63 ? 2 ** 63 : t;
}

/** Convert a Java DateTimeFormatter pattern into a parser. Supports the common letters only. */
function patternParser(pattern: string): ((text: string, roundUp: boolean) => number | undefined) | undefined {
  let re = '';
  const groups: string[] = [];
  for (let i = 0; i < pattern.length; ) {
    const ch = pattern[i]!;
    if (ch === "'") {
      const end = pattern.indexOf("'", i + 1);
      if (end < 0) return undefined;
      re += escapeRe(pattern.slice(i + 1, end));
      i = end + 1;
      continue;
    }
    let run = 1;
    while (pattern[i + run] === ch) run++;
    const letters = 'yuMdHmsSZX';
    if (letters.includes(ch)) {
      const kind = ch === 'u' ? 'y' : ch === 'X' ? 'Z' : ch;
      groups.push(kind);
      if (kind === 'Z') re += '(Z|[+-]\\d{2}:?\\d{2})';
      else if (kind === 'S') re += `(\\d{1,${run}})`;
      else if (kind === 'y') re += run === 2 ? '(\\d{2})' : '(\\d{4})';
      else re += `(\\d{${run}})`;
    } else if (/[A-Za-z]/.test(ch)) {
      return undefined;
    } else {
      re += escapeRe(ch.repeat(run));
    }
    i += run;
  }
  const full = new RegExp(`^${re}$`);
  return (text, roundUp) => {
    const m = full.exec(text);
    if (!m) return undefined;
    const p: Parts = { y: 1970 };
    groups.forEach((g, k) => {
      const v = m[k + 1]!;
      if (g === 'y') p.y = Number(v);
      else if (g === 'M') p.M = Number(v);
      else if (g === 'd') p.d = Number(v);
      else if (g === 'H') p.H = Number(v);
      else if (g === 'm') p.m = Number(v);
      else if (g === 's') p.s = Number(v);
      else if (g === 'S') p.ms = Number(v.padEnd(3, '0').slice(0, 3));
      else if (g === 'Z') p.offsetMin = parseOffset(v);
    });
    return partsToMillis(p, roundUp);
  };
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** OpenSearch's epoch parsers read at most 19 digits before the point, within a Java long. */
function epochDigits(t: string): boolean {
  const m = /^(-?)(\d{1,19})(\.\d+)?$/.exec(t);
  if (!m) return false;
  // The sign is read apart from the digits, so -9223372036854775808 (Long.MIN_VALUE) is refused too.
  return m[2]!.length < 19 || BigInt(m[2]!) <= 9223372036854775807n;
}

/** OpenSearch's EpochTime seconds parser: the signed whole seconds, plus the fraction (to the millisecond)
 *  added whatever the sign (-1.5 is -1 s + 500 ms = -500 ms); a negative zero ("-0", "-0.5") is refused. */
function epochSecondMillis(t: string): number | undefined {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(t)!;
  const secs = Number(m[2]);
  const fracMs = m[3] ? Number(`${m[3]}00`.slice(0, 3)) : 0;
  if (m[1] === '-') return secs === 0 ? undefined : -secs * 1000 + fracMs;
  return secs * 1000 + fracMs;
}

type OneParser = (text: string, roundUp: boolean) => number | undefined;

function namedParser(name: string): OneParser | undefined {
  switch (name) {
    case 'strict_date_optional_time':
    case 'strict_date_optional_time_nanos':
      return (t, r) => {
        // A negative number of 4 to 10 digits is a signed year to this format (tried before epoch_millis):
        // `-86400000` is the year -86400000 (January 1st). Beyond Java's year range it is an error, not
        // another format's turn.
        if (/^-\d{4,10}$/.test(t)) {
          if (t.length === 11 && Number(t) < -999999999) {
            // A java.time DateTimeException: a 500 where it surfaces raw (range rewrite, aggregation filters);
            // building a query in the search wraps it (see search.ts runQuery).
            throw new EngineError(500, 'date_time_exception', `Invalid value for Year (valid values -999999999 - 999999999): ${t}`);
          }
          return partsToMillis({ y: Number(t) }, r);
        }
        const m = STRICT_ISO.exec(t);
        return m ? partsToMillis(isoParts(m), r) : undefined;
      };
    case 'date_optional_time':
    case 'date_time':
    case 'strict_date_time':
    case 'date':
    case 'strict_date':
    case 'date_hour_minute_second':
    case 'strict_date_hour_minute_second':
      return (t, r) => {
        const m = ISO.exec(t);
        return m ? partsToMillis(isoParts(m), r) : undefined;
      };
    case 'epoch_millis':
      // A fraction of a millisecond moves a negative value down: -1.5 is -2, -0.5 is -1 (as OpenSearch stores it).
      // The round-up parser (lte, gt, term) defaults the missing nanos of the millisecond to 999,999, and
      // OpenSearch's EpochTime applies the sign to milliseconds and nanos alike: a negative value without a
      // fraction (or with one) rounds down to the next millisecond (`-5` is -6), so `term` on a negative
      // epoch never matches; a positive one stays (`5.999999` is 5).
      return (t, r) => {
        if (!epochDigits(t)) return undefined;
        if (r && t.startsWith('-') && !/\.0*$/.test(t)) return Math.trunc(Number(t)) - 1;
        return Math.floor(Number(t)) + 0;
      };
    case 'epoch_second':
      // Round-up: the missing nanos of a whole second default to 999,999,999, added to the (signed) seconds
      // (`1488700000` is 1488700000999, `-5` is -4001); a fraction is read as without rounding.
      return (t, r) => {
        if (!epochDigits(t)) return undefined;
        if (r && !t.includes('.')) return Number(t) * 1000 + 999;
        return epochSecondMillis(t);
      };
    case 'basic_date':
      return patternParser('yyyyMMdd');
    case 'year':
    case 'strict_year':
      return patternParser('yyyy');
    case 'year_month':
    case 'strict_year_month':
      return patternParser('yyyy-MM');
    case 'year_month_day':
    case 'strict_year_month_day':
      return patternParser('yyyy-MM-dd');
    default:
      return undefined;
  }
}

export interface DateFormat {
  readonly pattern: string;
  parse(text: string | number, roundUp?: boolean): number | undefined;
}

const cache = new Map<string, DateFormat | null>();

/** Compile a `format` value like `yyyy-MM-dd||epoch_millis`; undefined when any part is not understood. */
export function compileDateFormat(pattern: string): DateFormat | undefined {
  const hit = cache.get(pattern);
  if (hit !== undefined) return hit ?? undefined;
  const parsers: OneParser[] = [];
  for (const part of pattern.split('||')) {
    const p = namedParser(part.trim()) ?? patternParser(part.trim());
    if (!p) {
      cache.set(pattern, null);
      return undefined;
    }
    parsers.push(p);
  }
  const fmt: DateFormat = {
    pattern,
    parse(text, roundUp = false) {
      if (typeof text === 'number') {
        if (!Number.isFinite(text)) return undefined;
        // OpenSearch stringifies JSON numbers and re-parses them with the same formats.
        text = String(text);
      }
      for (const p of parsers) {
        const v = p(text, roundUp);
        if (v !== undefined && Number.isFinite(v)) return v;
      }
      return undefined;
    },
  };
  cache.set(pattern, fmt);
  return fmt;
}

export const defaultDateFormat: DateFormat = compileDateFormat(DEFAULT_DATE_FORMAT)!;

/** Dynamic date detection: OpenSearch's default `dynamic_date_formats`. */
const ISO_DETECT = compileDateFormat('strict_date_optional_time')!;
const SLASH_DETECT = compileDateFormat('yyyy/MM/dd HH:mm:ss||yyyy/MM/dd')!;

/** Which default dynamic date format a string matches: 'iso', 'slash', or undefined (not a date). */
export function detectDate(text: string): 'iso' | 'slash' | undefined {
  // OpenSearch only tries strings with a date separator, so a bare "2020" stays text.
  if (!/[-:/]/.test(text)) return undefined;
  // A signed year ("-1234"): left to text, as before years were read.
  if (/^-\d+$/.test(text)) return undefined;
  try {
    if (ISO_DETECT.parse(text) !== undefined) return 'iso';
  } catch {
    return undefined;
  }
  if (SLASH_DETECT.parse(text) !== undefined) return 'slash';
  return undefined;
}

/** ISO-8601 rendering used for key_as_string and error messages. */
export function formatIso(millis: number): string {
  return isoString(millis);
}
