/**
 * Proleptic Gregorian calendar arithmetic on plain numbers (Howard Hinnant's days_from_civil and
 * civil_from_days), valid far beyond JavaScript's Date range (±275,760 years): OpenSearch's
 * `strict_date_optional_time` reads `-86400000` as the year -86400000, whose epoch millis
 * (-2726582820019200000) a Date cannot hold. Years are astronomical (year 0 is 1 BC), as java.time's.
 */
const DAY = 86_400_000;

/** Days since 1970-01-01 of year y, month m (1-12), day d. */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Year, month (1-12) and day of a day number since 1970-01-01. */
export function civilFromDays(days: number): { y: number; m: number; d: number } {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

export function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  return m === 2 ? (isLeap(y) ? 29 : 28) : [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
}

/** Epoch millis of a UTC date and time (month 1-12; the month may overflow into later years). */
export function utcMillis(y: number, m: number, d = 1, H = 0, mi = 0, s = 0, ms = 0): number {
  const yy = y + Math.floor((m - 1) / 12);
  const mm = ((((m - 1) % 12) + 12) % 12) + 1;
  return daysFromCivil(yy, mm, 1) * DAY + (d - 1) * DAY + H * 3_600_000 + mi * 60_000 + s * 1000 + ms;
}

export interface Fields { y: number; M: number; d: number; H: number; m: number; s: number; ms: number; dow: number }

/** Calendar fields of epoch millis (UTC). Exact for the millis a double holds. */
export function fieldsOf(value: number): Fields {
  // A fractional value (an average) is cut toward zero first, as Java's (long) and Date's TimeClip do; a
  // value beyond a long (a sum) saturates to Long.MIN/MAX_VALUE, as Java's (long) does.
  let days: number;
  let rem: number;
  if (value >= 2 ** 63) {
    days = Number(9223372036854775807n / 86400000n);
    rem = Number(9223372036854775807n % 86400000n);
  } else {
    const millis = value < -(2 ** 63) ? -(2 ** 63) : Math.trunc(value);
    days = Math.floor(millis / DAY);
    rem = millis - days * DAY;
    if (rem < 0) { days--; rem += DAY; } else if (rem >= DAY) { days++; rem -= DAY; }
  }
  const { y, m, d } = civilFromDays(days);
  const H = Math.floor(rem / 3_600_000);
  const mi = Math.floor((rem % 3_600_000) / 60_000);
  const s = Math.floor((rem % 60_000) / 1000);
  return { y, M: m, d, H, m: mi, s, ms: rem % 1000, dow: (((days + 4) % 7) + 7) % 7 };
}

/** ISO-8601 like java.time's Instant.toString with millis: `-86400000-01-01T00:00:00.000Z`, `+10000-...`. */
export function isoString(millis: number): string {
  const f = fieldsOf(millis);
  const p = (v: number, w: number): string => String(v).padStart(w, '0');
  const year = f.y < 0 ? `-${p(-f.y, 4)}` : f.y > 9999 ? `+${f.y}` : p(f.y, 4);
  return `${year}-${p(f.M, 2)}-${p(f.d, 2)}T${p(f.H, 2)}:${p(f.m, 2)}:${p(f.s, 2)}.${p(f.ms, 3)}Z`;
}
