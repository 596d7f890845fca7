/**
 * The `time_zone` parameter of date aggregations: fixed offsets (`+01:00`, `-0530`, `Z`, `UTC`) and IANA
 * zone ids (`Europe/Paris`), the latter through Intl so daylight-saving transitions follow the same tz
 * database rules Java uses.
 */
import { aggError } from './agg-params.js';

export interface TimeZone {
  readonly id: string;
  /** True when the offset never changes (UTC, `+01:00`): rounding is then exact integer arithmetic. */
  readonly fixed: boolean;
  /** Offset from UTC in milliseconds at the given instant. */
  offsetAt(utcMillis: number): number;
  /** The instant whose local wall-clock time is `localMillis` (as if UTC). Like Java's
   *  `ZonedDateTime.ofLocal`: in an overlap the earlier offset wins; in a gap the time moves forward. */
  localToUtc(localMillis: number): number;
}

const DAY = 86_400_000;

export const UTC: TimeZone = { id: 'Z', fixed: true, offsetAt: () => 0, localToUtc: (l) => l };

const FIXED = /^(?:UTC|GMT)?([+-])(\d{1,2})(?::?(\d{2}))?$/;

export function parseTimeZone(id: string): TimeZone {
  if (id === 'Z' || id === 'UTC' || id === 'GMT' || id === 'Etc/UTC') return UTC;
  const fixed = FIXED.exec(id);
  if (fixed) {
    const hours = Number(fixed[2]);
    const minutes = Number(fixed[3] ?? '0');
    if (hours > 18 || minutes > 59) throw aggError(`Invalid ID for ZoneOffset, invalid format: ${id}`);
    const off = (fixed[1] === '-' ? -1 : 1) * (hours * 60 + minutes) * 60_000;
    return { id, fixed: true, offsetAt: () => off, localToUtc: (l) => l - off };
  }
  let fmt: Intl.DateTimeFormat;
  try {
    fmt = new Intl.DateTimeFormat('en-US', {
      timeZone: id,
      hourCycle: 'h23',
      year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
      era: 'short',
    });
  } catch {
    throw aggError(`Unknown time-zone ID: ${id}`);
  }
  const offsetAt = (utc: number): number => {
    const whole = Math.floor(utc / 1000) * 1000;
    const parts: Record<string, string> = {};
    for (const p of fmt.formatToParts(new Date(whole))) parts[p.type] = p.value;
    let year = Number(parts.year);
    if (parts.era === 'BC' || parts.era === 'B') year = 1 - year;
    const d = new Date(0);
    d.setUTCFullYear(year, Number(parts.month) - 1, Number(parts.day));
    d.setUTCHours(Number(parts.hour), Number(parts.minute), Number(parts.second), 0);
    return d.getTime() - whole;
  };
  const localToUtc = (local: number): number => {
    const before = offsetAt(local - DAY);
    const after = offsetAt(local + DAY);
    const candidates = [local - before, local - after].filter((u) => local - offsetAt(u) === u);
    if (candidates.length > 0) return Math.min(...candidates);
    // In a gap: shift forward by the gap length, i.e. apply the offset from before the transition.
    return local - before;
  };
  return { id, fixed: false, offsetAt, localToUtc };
}
