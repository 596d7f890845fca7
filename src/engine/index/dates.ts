/**
 * Date parsing for `date` fields: OpenSearch's built-in format names we support plus Java-style patterns
 * (yyyy-MM-dd HH:mm:ss ...). Values become epoch milliseconds (UTC unless the text carries an offset).
 * `roundUp` fills missing time-of-day components with their maximum (month and day with 1), as OpenSearch
 * does for `lte`/`gt` bounds.
 */
import { EngineError } from '../errors.js';
import { isoString } from './civil.js';
import { namedFormatParsers, pattern, UnsupportedPattern } from './date-formatters.js';
import { JavaDateTimeError, toEpochMillis, type JavaFormatter } from './java-time.js';

export const DEFAULT_DATE_FORMAT = 'strict_date_optional_time||epoch_millis';

/** OpenSearch's epoch parsers read at most 19 digits before the point, within a Java long, and a fraction
 *  of at most `fraction` digits (6 for epoch_millis: nanos of the milli; 9 for epoch_second), possibly
 *  empty ("1." is 1). */
function epochDigits(t: string, fraction: number): boolean {
  const m = /^(-?)(\d{1,19})(\.\d*)?$/.exec(t);
  if (!m || (m[3] !== undefined && m[3].length - 1 > fraction)) return false;
  // The sign is read apart from the digits, so -9223372036854775808 (Long.MIN_VALUE) is refused too.
  return m[2]!.length < 19 || BigInt(m[2]!) <= 9223372036854775807n;
}

/** OpenSearch's EpochTime seconds parser: the signed whole seconds, plus the fraction (to the millisecond)
 *  added whatever the sign (-1.5 is -1 s + 500 ms = -500 ms); a negative zero ("-0", "-0.5") is refused. */
function epochSecondMillis(t: string): number | undefined {
  const m = /^(-?)(\d+)(?:\.(\d*))?$/.exec(t)!;
  const secs = Number(m[2]);
  const fracMs = m[3] ? Number(`${m[3]}00`.slice(0, 3)) : 0;
  if (m[1] === '-') return secs === 0 ? undefined : -secs * 1000 + fracMs;
  return secs * 1000 + fracMs;
}

type OneParser = (text: string, roundUp: boolean, zone?: LocalZone) => number | undefined;

/** A time zone to read zone-less texts in (an aggregation's `time_zone`): local wall-clock millis to UTC. */
export interface LocalZone {
  localToUtc(localMillis: number): number;
}

function namedParser(name: string): OneParser | undefined {
  switch (name) {
    case 'epoch_millis':
      // A fraction of a millisecond moves a negative value down: -1.5 is -2, -0.5 is -1 (as OpenSearch stores it).
      // The round-up parser (lte, gt, term) defaults the missing nanos of the millisecond to 999,999, and
      // OpenSearch's EpochTime applies the sign to milliseconds and nanos alike: a negative value without a
      // fraction (or with one) rounds down to the next millisecond (`-5` is -6), so `term` on a negative
      // epoch never matches; a positive one stays (`5.999999` is 5).
      return (t, r) => {
        if (!epochDigits(t, 6)) return undefined;
        if (r && t.startsWith('-') && !/\.0*$/.test(t)) return Math.trunc(Number(t)) - 1;
        return Math.floor(Number(t)) + 0;
      };
    case 'epoch_second':
      // Round-up: the missing nanos of a whole second default to 999,999,999, added to the (signed) seconds
      // (`1488700000` is 1488700000999, `-5` is -4001); a fraction is read as without rounding.
      return (t, r) => {
        if (!epochDigits(t, 9)) return undefined;
        if (r && !t.includes('.')) return Number(t) * 1000 + 999;
        return epochSecondMillis(t);
      };
    default:
      return undefined;
  }
}

/**
 * One element of a format (a built-in name or a pattern) as OpenSearch's JavaDateFormatter holds it: its
 * parsers, tried in order, and the round-up parsers built from them. Throws for a pattern java.time refuses
 * (IllegalArgumentException) and UnsupportedPattern for one the engine does not model.
 */
function javaParsers(part: string): { parsers: JavaFormatter[]; roundUp: JavaFormatter[] } {
  const parsers = namedFormatParsers(part) ?? [pattern(part, 'STRICT')];
  return { parsers, roundUp: parsers.map((p) => p.roundUp()) };
}

/** A java.time DateTimeException raised after the text parsed (OpenSearch's DateFormatters.from): a 500
 *  where it surfaces raw (range rewrite, aggregation filters); building a query in the search wraps it
 *  (see search.ts runQuery). */
function dateTimeError(e: unknown): never {
  if (e instanceof JavaDateTimeError) throw new EngineError(500, 'date_time_exception', e.message);
  throw e;
}

/** The first parser that reads the whole text wins; a value it cannot turn into a date is an error, not
 *  the next parser's turn. A single parser's errors while parsing are a parse failure. */
function runJava(list: readonly JavaFormatter[], text: string, zone?: LocalZone): number | undefined {
  for (const p of list) {
    const r = p.parseResolved(text);
    if (r === undefined) continue;
    try {
      const millis = toEpochMillis(r);
      // A text without its own zone or offset is a local date-time in the given zone (DateFormatters.from).
      return zone && r.zone === undefined && !r.fields.has('OFFSET') ? zone.localToUtc(millis) : millis;
    } catch (e) {
      dateTimeError(e);
    }
  }
  return undefined;
}

/** Why a format cannot be compiled: OpenSearch refuses it too (`invalid`), or the engine does not model it. */
export type FormatProblem = { kind: 'invalid'; message: string } | { kind: 'unsupported' };

const WEEK_OR_UNMODELLED = /^(?:basic_week_date|basic_week_date_time|basic_week_date_time_no_millis|week_date|week_date_time|week_date_time_no_millis|weekyear|week_year|weekyear_week|weekyear_week_day|strict_basic_week_date|strict_basic_week_date_time|strict_basic_week_date_time_no_millis|strict_week_date|strict_week_date_time|strict_week_date_time_no_millis|strict_weekyear|strict_weekyear_week|strict_weekyear_week_day|rfc3339_lenient)$/;

/** The first problem with a format's `||` parts, if any. */
export function dateFormatProblem(format: string): FormatProblem | undefined {
  for (const raw of format.split('||')) {
    const problem = formatProblem(raw.trim());
    if (problem) return problem;
  }
  return undefined;
}

/** The problem with one `||` part of a format, if any. */
export function formatProblem(part: string): FormatProblem | undefined {
  if (part === '') return { kind: 'invalid', message: 'No date pattern provided' };
  if (namedParser(part) || namedFormatParsers(part)) return undefined;
  if (WEEK_OR_UNMODELLED.test(part)) return { kind: 'unsupported' };
  // A camelCase alias of a built-in name (deprecated in OpenSearch, still accepted there).
  const snake = part.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
  if (snake !== part && (namedParser(snake) || namedFormatParsers(snake) || WEEK_OR_UNMODELLED.test(snake))) {
    return { kind: 'unsupported' };
  }
  try {
    pattern(part, 'STRICT');
    return undefined;
  } catch (e) {
    if (e instanceof UnsupportedPattern) return { kind: 'unsupported' };
    return { kind: 'invalid', message: `Invalid format: [${part}]: ${(e as Error).message}` };
  }
}

export interface DateFormat {
  readonly pattern: string;
  /** `zone`: read a text without its own offset in that zone (UTC otherwise). */
  parse(text: string | number, roundUp?: boolean, zone?: LocalZone): number | undefined;
}

const cache = new Map<string, DateFormat | null>();

/** Compile a `format` value like `yyyy-MM-dd||epoch_millis`; undefined when any part is not understood. */
export function compileDateFormat(pattern: string): DateFormat | undefined {
  const hit = cache.get(pattern);
  if (hit !== undefined) return hit ?? undefined;
  const parsers: OneParser[] = [];
  for (const raw of pattern.split('||')) {
    const part = raw.trim();
    const epoch = namedParser(part);
    if (epoch) {
      // Under a time zone OpenSearch reads epoch values as local date-times of that zone too (checked on
      // 3.6.0: date_range with time_zone +02:00 reads "1704067200000" as 1704060000000).
      parsers.push((t, r, z) => {
        const v = epoch(t, r);
        return v !== undefined && z ? z.localToUtc(v) : v;
      });
      continue;
    }
    if (formatProblem(part)) {
      cache.set(pattern, null);
      return undefined;
    }
    const { parsers: plain, roundUp } = javaParsers(part);
    // OpenSearch's basic_date formatter carries its own UTC zone, which a time_zone does not replace: its
    // texts are read in UTC (date math after them still rounds in the zone; checked on 3.6.0, and so are its
    // keys printed, see aggs/date-format.ts).
    if (part === 'basic_date') parsers.push((t, r) => runJava(r ? roundUp : plain, t));
    else parsers.push((t, r, z) => runJava(r ? roundUp : plain, t, z));
  }
  const fmt: DateFormat = {
    pattern,
    parse(text, roundUp = false, zone) {
      if (typeof text === 'number') {
        if (!Number.isFinite(text)) return undefined;
        // OpenSearch stringifies JSON numbers and re-parses them with the same formats.
        text = String(text);
      }
      for (const p of parsers) {
        const v = p(text, roundUp, zone);
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
