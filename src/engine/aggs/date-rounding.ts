/**
 * Date rounding for `date_histogram`: calendar units (minute .. year, on the local wall clock of the time
 * zone, so months and DST days have their real length) and fixed intervals (multiples of ms/s/m/h/d).
 */
import { aggError, fieldParseError } from './agg-params.js';
import type { Rounding } from './histogram-buckets.js';
import type { TimeZone } from '../index/time-zone.js';
import { fieldsOf, utcMillis } from '../index/civil.js';
import type { TokenRef } from '../index/json-positions.js';

type CalendarUnit = 'minute' | 'hour' | 'day' | 'week' | 'month' | 'quarter' | 'year';

const CALENDAR: Record<string, CalendarUnit> = {
  minute: 'minute', '1m': 'minute',
  hour: 'hour', '1h': 'hour',
  day: 'day', '1d': 'day',
  week: 'week', '1w': 'week',
  month: 'month', '1M': 'month',
  quarter: 'quarter', '1q': 'quarter',
  year: 'year', '1y': 'year',
};

const FIXED_UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

export function isCalendarInterval(text: string): boolean {
  return CALENDAR[text] !== undefined;
}

export function calendarRounding(text: string, zone: TimeZone, param = 'calendar_interval', at?: TokenRef): Rounding {
  const unit = CALENDAR[text];
  if (!unit) throw fieldParseError('date_histogram', param, `The supplied interval [${text}] could not be parsed as a calendar interval.`, undefined, undefined, at);
  // Calendar fields by arithmetic (fieldsOf), not Date: years far beyond Date's range round too.
  const truncateLocal = (local: number): number => {
    const d = dateOf(local);
    switch (unit) {
      case 'minute': return Math.floor(local / 60_000) * 60_000;
      case 'hour': return Math.floor(local / 3_600_000) * 3_600_000;
      case 'day': return Math.floor(local / 86_400_000) * 86_400_000;
      case 'week': {
        const day = Math.floor(local / 86_400_000) * 86_400_000;
        const dow = (fieldsOf(day).dow + 6) % 7; // ISO weeks start on Monday
        return day - dow * 86_400_000;
      }
      case 'month': return utcDate(d.getUTCFullYear(), d.getUTCMonth());
      case 'quarter': return utcDate(d.getUTCFullYear(), Math.floor(d.getUTCMonth() / 3) * 3);
      case 'year': return utcDate(d.getUTCFullYear(), 0);
    }
  };
  const addLocal = (local: number): number => {
    const d = dateOf(local);
    switch (unit) {
      case 'minute': return local + 60_000;
      case 'hour': return local + 3_600_000;
      case 'day': return utcDate(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1);
      case 'week': return utcDate(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 7);
      case 'month': return utcDate(d.getUTCFullYear(), d.getUTCMonth() + 1);
      case 'quarter': return utcDate(d.getUTCFullYear(), d.getUTCMonth() + 3);
      case 'year': return utcDate(d.getUTCFullYear() + 1, 0);
    }
  };
  const round = (t: number): number => zone.localToUtc(truncateLocal(t + zone.offsetAt(t)));
  return {
    round,
    next: (key) => round(zone.localToUtc(addLocal(key + zone.offsetAt(key)))),
  };
}

export function fixedRounding(text: string, zone: TimeZone, param = 'fixed_interval', at?: TokenRef): Rounding {
  const interval = parseFixed(text);
  if (interval === undefined) throw fieldParseError('date_histogram', param, `The supplied interval [${text}] could not be parsed as a fixed time interval.`, undefined, undefined, at);
  const round = (t: number): number => zone.localToUtc(Math.floor((t + zone.offsetAt(t)) / interval) * interval);
  return { round, next: (key) => round(zone.localToUtc(key + zone.offsetAt(key) + interval)) };
}

/** `90d`, `30m`, `1500ms`: a positive whole multiple of a fixed unit. */
export function parseFixed(text: string): number | undefined {
  const m = /^(\d+)(ms|s|m|h|d)$/.exec(text);
  if (!m) return undefined;
  const n = Number(m[1]) * FIXED_UNITS[m[2]!]!;
  return n > 0 ? n : undefined;
}

/** The `offset` parameter: `+6h`, `-1d`, `30m` or plain millis. */
export function parseOffsetMillis(raw: unknown): number {
  if (raw === undefined) return 0;
  if (typeof raw === 'number' && Number.isInteger(raw)) return raw;
  if (typeof raw === 'string') {
    const m = /^([+-]?)(\d+(?:ms|s|m|h|d))$/.exec(raw);
    const ms = m ? parseFixed(m[2]!) : undefined;
    if (m && ms !== undefined) return m[1] === '-' ? -ms : ms;
  }
  throw aggError(`failed to parse setting [date_histogram.offset] with value [${String(raw)}] as a time value`);
}

/** Midnight UTC of a date (month 0-11 and day may overflow, as Date.UTC's). */
function utcDate(year: number, month: number, day = 1): number {
  return utcMillis(year, month + 1, 1) + (day - 1) * 86_400_000;
}

/** The Date getters this file uses, by calendar arithmetic (any year). */
function dateOf(millis: number): { getUTCFullYear(): number; getUTCMonth(): number; getUTCDate(): number } {
  const f = fieldsOf(millis);
  return { getUTCFullYear: () => f.y, getUTCMonth: () => f.M - 1, getUTCDate: () => f.d };
}

export function withOffset(r: Rounding, offset: number): Rounding {
  if (offset === 0) return r;
  return { round: (t) => r.round(t - offset) + offset, next: (key) => r.next(key - offset) + offset };
}

/**
 * Remembers the buckets [key, next) seen so far, so most values skip the calendar arithmetic (Date objects
 * per value made a 100k-doc date_histogram cost ~70 ms); values arrive in doc order, not time order, so
 * the known buckets are kept sorted and binary-searched, each with a stable small id for `bucket`.
 * Only valid where every value in [key, next) rounds to key, which holds for constant-offset zones; DST
 * zones can repeat local hours, so they keep the exact path. One instance serves one request.
 */
export function withBucketCache(r: Rounding, zone: TimeZone): Rounding {
  if (!zone.fixed) return r;
  const starts: number[] = [];
  const ends: number[] = [];
  const ids: number[] = [];
  const keys: number[] = [];
  const bucket = (t: number): number => {
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (starts[mid]! <= t) lo = mid + 1;
      else hi = mid;
    }
    // starts[lo - 1] is the last known bucket starting at or before t.
    if (lo > 0 && t < ends[lo - 1]!) return ids[lo - 1]!;
    const key = r.round(t);
    const next = r.next(key);
    const id = keys.indexOf(key);
    if (id >= 0) return id;
    keys.push(key);
    // Only remember well-formed buckets that contain t (always the case for fixed zones).
    if (key <= t && t < next && (lo === 0 || ends[lo - 1]! <= key) && (lo === starts.length || next <= starts[lo]!)) {
      starts.splice(lo, 0, key);
      ends.splice(lo, 0, next);
      ids.splice(lo, 0, keys.length - 1);
    }
    return keys.length - 1;
  };
  return {
    round: (t) => keys[bucket(t)]!,
    next: r.next,
    bucket,
    keyOf: (id) => keys[id]!,
  };
}
