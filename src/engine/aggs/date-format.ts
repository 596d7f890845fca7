/**
 * Rendering epoch millis the way OpenSearch's DocValueFormat.DateTime does for `key_as_string`,
 * `value_as_string`, `from_as_string`...: the first format of the field's (or the aggregation's) `format`,
 * in the requested time zone. Only the format names and pattern letters listed here are understood;
 * anything else is refused rather than rendered differently from OpenSearch.
 */
import { aggError } from './agg-params.js';
import { UTC, type TimeZone } from '../index/time-zone.js';
import { daysFromCivil, fieldsOf } from '../index/civil.js';

export type DatePrinter = (millis: number, zone: TimeZone) => string;

// The named ISO formats print the proleptic year (`uuuu`: -86400000, +10000), a pattern's `yyyy` the
// year of era (86400001 for -86400000), both with a sign once longer than their width (Java's EXCEEDS_PAD).
const ISO_PATTERN = "uuuu-MM-dd'T'HH:mm:ss.SSSXXX";

const NAMED: Record<string, string> = {
  strict_date_optional_time: ISO_PATTERN,
  date_optional_time: ISO_PATTERN,
  iso8601: ISO_PATTERN,
  strict_date_time: ISO_PATTERN,
  date_time: ISO_PATTERN,
  strict_date_optional_time_nanos: ISO_PATTERN,
  strict_date: 'uuuu-MM-dd',
  date: 'uuuu-MM-dd',
  strict_year_month_day: 'uuuu-MM-dd',
  year_month_day: 'uuuu-MM-dd',
  strict_year_month: 'uuuu-MM',
  year_month: 'uuuu-MM',
  strict_year: 'uuuu',
  year: 'u',
  basic_date: 'uuuuMMdd',
  basic_date_time: "uuuuMMdd'T'HHmmss.SSSXXX",
  basic_date_time_no_millis: "uuuuMMdd'T'HHmmssXXX",
  basic_ordinal_date: 'uuuuDDD',
  basic_ordinal_date_time: "yyyyDDD'T'HHmmss.SSSXXX",
  basic_ordinal_date_time_no_millis: "uuuuDDD'T'HHmmssXXX",
  basic_time: 'HHmmss.SSSXXX',
  basic_time_no_millis: 'HHmmssXXX',
  basic_t_time: "'T'HHmmss.SSSXXX",
  basic_t_time_no_millis: "'T'HHmmssXXX",
  strict_date_hour: "uuuu-MM-dd'T'HH",
  date_hour: "uuuu-MM-dd'T'HH",
  strict_date_hour_minute: "uuuu-MM-dd'T'HH:mm",
  date_hour_minute: "uuuu-MM-dd'T'HH:mm",
  strict_date_hour_minute_second: "uuuu-MM-dd'T'HH:mm:ss",
  date_hour_minute_second: "uuuu-MM-dd'T'HH:mm:ss",
  strict_date_hour_minute_second_fraction: "uuuu-MM-dd'T'HH:mm:ss.SSS",
  date_hour_minute_second_fraction: "uuuu-MM-dd'T'HH:mm:ss.SSS",
  strict_date_hour_minute_second_millis: "uuuu-MM-dd'T'HH:mm:ss.SSS",
  date_hour_minute_second_millis: "uuuu-MM-dd'T'HH:mm:ss.SSS",
  strict_date_time_no_millis: "uuuu-MM-dd'T'HH:mm:ssXXX",
  // appendZoneId: a fixed offset as +01:00 (Z for UTC), a region as its id
  date_time_no_millis: "uuuu-MM-dd'T'HH:mm:ssVV",
  strict_hour: 'HH',
  hour: 'HH',
  strict_hour_minute: 'HH:mm',
  hour_minute: 'HH:mm',
  strict_hour_minute_second: 'HH:mm:ss',
  hour_minute_second: 'HH:mm:ss',
  strict_hour_minute_second_fraction: 'HH:mm:ss.SSS',
  hour_minute_second_fraction: 'HH:mm:ss.SSS',
  strict_hour_minute_second_millis: 'HH:mm:ss.SSS',
  hour_minute_second_millis: 'HH:mm:ss.SSS',
  strict_ordinal_date: 'uuuu-DDD',
  ordinal_date: 'uuuu-DDD',
  strict_ordinal_date_time: "uuuu-DDD'T'HH:mm:ss.SSSXXX",
  ordinal_date_time: "uuuu-DDD'T'HH:mm:ss.SSSXXX",
  strict_ordinal_date_time_no_millis: "uuuu-DDD'T'HH:mm:ssXXX",
  ordinal_date_time_no_millis: "uuuu-DDD'T'HH:mm:ssXXX",
  strict_time: 'HH:mm:ss.SSSXXX',
  time: 'HH:mm:ss.SSSXXX',
  strict_time_no_millis: 'HH:mm:ssXXX',
  time_no_millis: 'HH:mm:ssXXX',
  strict_t_time: "'T'HH:mm:ss.SSSXXX",
  t_time: "'T'HH:mm:ss.SSSXXX",
  strict_t_time_no_millis: "'T'HH:mm:ssXXX",
  t_time_no_millis: "'T'HH:mm:ssXXX",
};

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October',
  'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

const cache = new Map<string, DatePrinter>();

/** Printer for a mapping/aggregation `format` such as `strict_date_optional_time||epoch_millis`. */
export function datePrinter(format: string): DatePrinter {
  const hit = cache.get(format);
  if (hit) return hit;
  const first = (format.split('||')[0] ?? '').trim();
  let printer: DatePrinter;
  // A metric's double (an avg) is printed as Java's (long) cast of it.
  if (first === 'epoch_millis') printer = (ms) => String(Math.trunc(ms));
  else if (first === 'epoch_second') printer = epochSecond;
  else printer = patternPrinter(NAMED[first] ?? first, format);
  if (first === 'basic_date') {
    // OpenSearch's basic_date formatter carries its own UTC zone, which the aggregation's time_zone does not
    // replace: its keys print the UTC date (checked on 3.6.0 for every named format the engine prints; only
    // this one).
    const inZone = printer;
    printer = (ms) => inZone(ms, UTC);
  }
  cache.set(format, printer);
  return printer;
}

/** OpenSearch's EpochTime seconds printer: the instant's seconds (floored), then its fraction of a second
 *  without trailing zeros, left out when zero (-1500 ms is "-2.5", -50 ms is "-1.95"). */
function epochSecond(value: number): string {
  const ms = Math.trunc(value);
  const s = Math.floor(ms / 1000);
  const frac = ms - s * 1000;
  return frac === 0 ? String(s) : `${s}.${String(frac).padStart(3, '0').replace(/0+$/, '')}`;
}

type Piece = (f: LocalFields) => string;

interface LocalFields { y: number; M: number; d: number; H: number; m: number; s: number; ms: number; dow: number; offset: number; zoneId: string | undefined }

function patternPrinter(pattern: string, original: string): DatePrinter {
  const pieces: Piece[] = [];
  for (let i = 0; i < pattern.length; ) {
    const ch = pattern[i]!;
    if (ch === "'") {
      const end = pattern.indexOf("'", i + 1);
      if (end < 0) throw unsupported(original);
      const lit = end === i + 1 ? "'" : pattern.slice(i + 1, end);
      pieces.push(() => lit);
      i = end + 1;
      continue;
    }
    if (ch === '[' || ch === ']') {
      // an optional section prints its content (a ZonedDateTime has every field)
      i++;
      continue;
    }
    let n = 1;
    while (pattern[i + n] === ch) n++;
    i += n;
    if (!/[A-Za-z]/.test(ch)) {
      const lit = ch.repeat(n);
      pieces.push(() => lit);
      continue;
    }
    pieces.push(letterPiece(ch, n, original));
  }
  return (ms, zone) => {
    const offset = zone.offsetAt(ms);
    const f: LocalFields = { ...fieldsOf(ms + offset), offset, zoneId: zone.fixed ? undefined : zone.id };
    return pieces.map((p) => p(f)).join('');
  };
}

function dayOfYear(f: LocalFields): number {
  return daysFromCivil(f.y, f.M, f.d) - daysFromCivil(f.y, 1, 1) + 1;
}

function yearOfEra(y: number): number {
  return y <= 0 ? 1 - y : y;
}

/** Java's SignStyle.EXCEEDS_PAD: a `+` once a positive value has more digits than the width. */
function exceedsPad(v: number, width: number): string {
  const s = pad(v, width);
  return v > 0 && String(v).length > width ? `+${s}` : s;
}

function pad(v: number, width: number): string {
  const s = String(Math.abs(v)).padStart(width, '0');
  return v < 0 ? `-${s}` : s;
}

function letterPiece(ch: string, n: number, original: string): Piece {
  switch (ch) {
    case 'y':
      // Year of era: 1 BC (year 0) is 1, the year -86400000 is 86400001. Fewer than 4 letters: SignStyle.NORMAL.
      if (n === 2) return (f) => pad(((yearOfEra(f.y) % 100) + 100) % 100, 2);
      return n < 4 ? (f) => pad(yearOfEra(f.y), n) : (f) => exceedsPad(yearOfEra(f.y), n);
    case 'u':
      if (n === 2) return (f) => pad(((f.y % 100) + 100) % 100, 2);
      return n < 4 ? (f) => pad(f.y, n) : (f) => exceedsPad(f.y, n);
    case 'D':
      if (n > 3) throw unsupported(original);
      return (f) => pad(dayOfYear(f), n);
    case 'V':
      if (n !== 2) throw unsupported(original);
      return (f) => (f.zoneId !== undefined ? f.zoneId : f.offset === 0 ? 'Z' : offsetText(f.offset, 3));
    case 'M':
      if (n === 3) return (f) => MONTHS[f.M - 1]!.slice(0, 3);
      if (n === 4) return (f) => MONTHS[f.M - 1]!;
      return (f) => pad(f.M, n);
    case 'd': return (f) => pad(f.d, n);
    case 'H': return (f) => pad(f.H, n);
    case 'm': return (f) => pad(f.m, n);
    case 's': return (f) => pad(f.s, n);
    case 'S': return (f) => pad(f.ms, 3).padEnd(n, '0').slice(0, n);
    case 'E': return n >= 4 ? (f) => DAYS[f.dow]! : (f) => DAYS[f.dow]!.slice(0, 3);
    case 'X': return (f) => (f.offset === 0 ? 'Z' : offsetText(f.offset, n));
    case 'x': return (f) => offsetText(f.offset, n);
    case 'Z': return n <= 3 ? (f) => offsetText(f.offset, 2) : (f) => (f.offset === 0 ? 'Z' : offsetText(f.offset, 3));
    default:
      throw unsupported(original);
  }
}

/** width 1: +01, 2: +0100, 3+: +01:00 (Java's X/x letter counts). An offset with seconds (a historic Local
 *  Mean Time such as Asia/Kolkata's +05:53:28) prints its whole minutes, as java.time's offset printer does
 *  for these patterns. */
function offsetText(offsetMs: number, width: number): string {
  const sign = offsetMs < 0 ? '-' : '+';
  const total = Math.floor(Math.floor(Math.abs(offsetMs) / 1000) / 60);
  const h = pad(Math.floor(total / 60), 2);
  const m = pad(total % 60, 2);
  if (width === 1) return m === '00' ? `${sign}${h}` : `${sign}${h}${m}`;
  return width === 2 ? `${sign}${h}${m}` : `${sign}${h}:${m}`;
}

function unsupported(format: string): Error {
  return aggError(`date format [${format}] is not supported by the embedded engine for aggregation output`);
}
