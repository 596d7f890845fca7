/**
 * The `time_zone` parameter of date aggregations: fixed offsets (`+01:00`, `-0530`, `Z`, `UTC`) and IANA
 * zone ids (`Europe/Paris`), the latter through Intl so daylight-saving transitions follow the same tz
 * database rules Java uses.
 */
import { EngineError } from '../errors.js';
import { positionOf, type TokenRef } from './json-positions.js';

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

const dateTimeError = (reason: string, cause?: { type: string; reason: string }): Error =>
  new EngineError(400, 'date_time_exception', reason, cause ? { caused_by: cause } : undefined);

/** java.time's ZoneOffset.of: `Z`, `±h`, `±hh`, `±hh:mm`, `±hhmm`, `±hh:mm:ss`, `±hhmmss`, with its errors
 *  (DateTimeException). Returns the offset in seconds. */
function zoneOffsetOf(id: string): number {
  if (id === 'Z') return 0;
  let text = id;
  if (text.length === 2) text = `${text[0]}0${text[1]}`;
  const num = (pos: number, colon: boolean): number => {
    if (colon && text[pos - 1] !== ':') throw dateTimeError(`Invalid ID for ZoneOffset, colon not found when expected: ${id}`);
    const a = text.charCodeAt(pos) - 48;
    const b = text.charCodeAt(pos + 1) - 48;
    if (!(a >= 0 && a <= 9 && b >= 0 && b <= 9)) throw dateTimeError(`Invalid ID for ZoneOffset, non numeric characters found: ${id}`);
    return a * 10 + b;
  };
  let h: number; let m = 0; let sec = 0;
  switch (text.length) {
    case 3: h = num(1, false); break;
    case 5: h = num(1, false); m = num(3, false); break;
    case 6: h = num(1, false); m = num(4, true); break;
    case 7: h = num(1, false); m = num(3, false); sec = num(5, false); break;
    case 9: h = num(1, false); m = num(4, true); sec = num(7, true); break;
    default: throw dateTimeError(`Invalid ID for ZoneOffset, invalid format: ${id}`);
  }
  const first = text[0];
  if (first !== '+' && first !== '-') throw dateTimeError(`Invalid ID for ZoneOffset, plus/minus not found when expected: ${id}`);
  if (first === '-') { h = -h; m = -m; sec = -sec; }
  if (h < -18 || h > 18) throw dateTimeError(`Zone offset hours not in valid range: value ${h} is not in the range -18 to 18`);
  if (m < -59 || m > 59) throw dateTimeError(`Zone offset minutes not in valid range: value ${m} is not in the range -59 to 59`);
  if (sec < -59 || sec > 59) throw dateTimeError(`Zone offset seconds not in valid range: value ${sec} is not in the range -59 to 59`);
  if (Math.abs(h) === 18 && (m !== 0 || sec !== 0)) throw dateTimeError('Zone offset not in valid range: -18:00 to +18:00');
  return h * 3600 + m * 60 + sec;
}

function fixedZone(id: string, seconds: number): TimeZone {
  if (seconds === 0) return UTC;
  const off = seconds * 1000;
  return { id, fixed: true, offsetAt: () => off, localToUtc: (l) => l - off };
}

/** java.time's ZoneId.of: an offset (`+01:00`), a prefixed offset (`UTC+01:00`, `GMT+1`, `UT-05`), or a
 *  region id; errors as java.time raises them (DateTimeException, ZoneRulesException for unknown regions). */
export function parseTimeZone(id: string): TimeZone {
  if (id === 'Z' || id === 'UTC' || id === 'GMT' || id === 'Etc/UTC') return UTC;
  if (id.length <= 1 || id.startsWith('+') || id.startsWith('-')) return fixedZone(id, zoneOffsetOf(id));
  const prefixed = /^(UTC|GMT|UT)([+-].*)$/.exec(id);
  if (prefixed) {
    try {
      return fixedZone(id, zoneOffsetOf(prefixed[2]!));
    } catch (e) {
      if (e instanceof EngineError) throw dateTimeError(`Invalid ID for offset-based ZoneId: ${id}`, { type: e.type, reason: e.reason });
      throw e;
    }
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
    throw new EngineError(400, 'illegal_argument_exception', `Unknown time-zone ID: ${id}`);
  }
  // Intl matches ids ignoring case; java.time does not ("utc", "europe/berlin" are unknown there).
  const resolved = fmt.resolvedOptions().timeZone;
  if (resolved !== id && resolved.toLowerCase() === id.toLowerCase()) throw new EngineError(400, 'illegal_argument_exception', `Unknown time-zone ID: ${id}`);
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

/** A `time_zone` that java.time refuses, as the aggregation parser reports it: a parse failure of the field
 *  with java.time's exception (and its own cause) as `caused_by`. */
export function timeZoneParseError(aggType: string, e: EngineError, at?: TokenRef): EngineError {
  const type = e.type === 'date_time_exception' ? e.type : 'zone_rules_exception';
  const inner = e.extra?.caused_by;
  // `[line:col]` of the value, when the request's text is known (ObjectParser's XContentParseException).
  const pos = at ? positionOf(at) : undefined;
  return new EngineError(400, 'x_content_parse_exception', `${pos ? `[${pos.line}:${pos.col}] ` : ''}[${aggType}] failed to parse field [time_zone]`, {
    caused_by: { type, reason: e.reason, ...(inner !== undefined ? { caused_by: inner } : {}) },
  });
}
