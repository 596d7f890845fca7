/**
 * OpenSearch 3.6.0's built-in date formats (DateFormatters.forPattern) and custom patterns
 * (DateTimeFormatterBuilder.appendPattern), built with the java.time model of `java-time.ts`. Each named
 * format is the list of parsers OpenSearch tries in order (the first one that consumes the whole text
 * wins), with each parser's own resolver style: most are STRICT, `strict_date` is LENIENT (2024-02-30 is
 * March 1st), the ones OpenSearch builds with `DateTimeFormatter.ofPattern` are SMART (`T24:00:00` is the
 * next day, February 30 is the 29th).
 *
 * Not here (refused when a mapping, query or aggregation names them): the week-based formats
 * (`week_date`, `weekyear*`, `basic_week_date*`, `strict_week*`...), `rfc3339_lenient`, camelCase aliases,
 * and pattern letters other than y u M(1-2) d D H m s S X x Z(1-3, 5) and literals/optional sections.
 */
import { Builder, type Field, type JavaFormatter, type ResolverStyle, type SignStyle } from './java-time.js';

const FIELD_OF: Record<string, Field> = { d: 'DAY', H: 'HOUR', m: 'MINUTE', s: 'SECOND' };
const OFFSET_X = ['+HHmm', '+HHMM', '+HH:MM', '+HHMMss', '+HH:MM:ss'];
const OFFSET_X_ZERO = ['+00', '+0000', '+00:00', '+0000', '+00:00'];

const b = (): Builder => new Builder();
const STRICT: ResolverStyle = 'STRICT';
const NN: SignStyle = 'NOT_NEGATIVE';
const EP: SignStyle = 'EXCEEDS_PAD';

const TZ_NO_COLON = b().appendOffset('+HHmm', 'Z').toFormatter(STRICT);

const STRICT_YMD = b().appendValue('YEAR', 4, 10, EP)
  .optionalStart().appendLiteral('-').appendValue('MONTH', 2, 2, NN)
  .optionalStart().appendLiteral('-').appendValue('DAY', 2, 2, NN)
  .toFormatter(STRICT);

const STRICT_HMS = b().appendValue('HOUR', 2, 2, NN).appendLiteral(':').appendValue('MINUTE', 2, 2, NN).appendLiteral(':')
  .appendValue('SECOND', 2, 2, NN).toFormatter(STRICT);

const STRICT_DATE_OPTIONAL_TIME = b().append(STRICT_YMD)
  .optionalStart().appendLiteral('T')
  .optionalStart().appendValue('HOUR', 2, 2, NN)
  .optionalStart().appendLiteral(':').appendValue('MINUTE', 2, 2, NN)
  .optionalStart().appendLiteral(':').appendValue('SECOND', 2, 2, NN)
  .optionalStart().appendFraction(1, 9, true).optionalEnd()
  .optionalStart().appendLiteral(',').appendFraction(1, 9, false).optionalEnd()
  .optionalEnd()
  .optionalEnd()
  .optionalStart().appendZoneOrOffsetId().optionalEnd()
  .optionalStart().append(TZ_NO_COLON).optionalEnd()
  .toFormatter(STRICT);

const STRICT_DATE_OPTIONAL_TIME_NANOS = b().append(STRICT_YMD)
  .optionalStart().appendLiteral('T').append(STRICT_HMS)
  .optionalStart().appendFraction(1, 9, true).optionalEnd()
  .optionalStart().appendLiteral(',').appendFraction(1, 9, false).optionalEnd()
  .optionalStart().appendZoneOrOffsetId().optionalEnd()
  .optionalStart().append(TZ_NO_COLON).optionalEnd()
  .toFormatter(STRICT);

const ISO_8601 = b().append(STRICT_YMD)
  .optionalStart().appendLiteral('T')
  .optionalStart().appendValue('HOUR', 2, 2, NN)
  .optionalStart().appendLiteral(':').appendValue('MINUTE', 2, 2, NN)
  .optionalStart().appendLiteral(':').appendValue('SECOND', 2, 2, NN)
  .optionalStart().appendFraction(1, 9, true).optionalEnd()
  .optionalStart().appendLiteral(',').appendFraction(1, 9, false).optionalEnd()
  .optionalEnd().optionalEnd().optionalEnd()
  .optionalStart().appendZoneOrOffsetId().optionalEnd()
  .optionalStart().append(TZ_NO_COLON).optionalEnd()
  .toFormatter(STRICT);

// basic (no separators)
const BASIC_TIME_NO_MILLIS_BASE = b().appendValue('HOUR', 2, 2, NN).appendValue('MINUTE', 2, 2, NN).appendValue('SECOND', 2, 2, NN)
  .toFormatter(STRICT);
const BASIC_TIME_F = b().appendValue('HOUR', 2, 2, NN).appendValue('MINUTE', 2, 2, NN).appendValue('SECOND', 2, 2, NN)
  .appendFraction(1, 9, true).toFormatter(STRICT);
const BASIC_T_TIME_F = b().appendLiteral('T').append(BASIC_TIME_F).toFormatter(STRICT);
const BASIC_YMD = b().appendValue('YEAR', 4, 4, 'NORMAL').appendValue('MONTH', 2, 2, NN).appendValue('DAY', 2, 2, NN)
  .toFormatter(STRICT);
const BASIC_DATE_T = b().append(BASIC_YMD).appendLiteral('T').toFormatter(STRICT);

/** The two zone endings most named formats try in turn: a zone id or offset, then `+HHmm`. */
function zoned(base: JavaFormatter, style: ResolverStyle = STRICT, noColonStyle: ResolverStyle = style): JavaFormatter[] {
  return [
    b().append(base).appendZoneOrOffsetId().toFormatter(style),
    b().append(base).append(TZ_NO_COLON).toFormatter(noColonStyle),
  ];
}

// strict
const STRICT_DATE_FORMATTER = b().append(STRICT_YMD).appendLiteral('T').append(STRICT_HMS)
  .optionalStart().appendFraction(1, 9, true).optionalEnd().toFormatter(STRICT);
const STRICT_ORDINAL_NO_MILLIS_BASE = b().appendValue('YEAR', 4, 10, EP).appendLiteral('-').appendValue('DOY', 3, 3, NN)
  .appendLiteral('T').append(STRICT_HMS).toFormatter(STRICT);
const STRICT_DATE_TIME_NO_MILLIS_F = b().append(STRICT_YMD).appendLiteral('T').append(STRICT_HMS).toFormatter(STRICT);
const STRICT_HMS_FRACTION = b().append(STRICT_HMS).appendFraction(1, 9, true).toFormatter(STRICT);
const STRICT_DATE_HMS_FRACTION = b().append(STRICT_YMD).appendLiteral('T').append(STRICT_HMS).appendFraction(1, 9, true)
  .toFormatter(STRICT);
const STRICT_ORDINAL_TIME_BASE = b().appendValue('YEAR', 4, 10, EP).appendLiteral('-').appendValue('DOY', 3, 3, NN)
  .appendLiteral('T').append(pattern('HH:mm', STRICT))
  .optionalStart().appendLiteral(':').appendValue('SECOND', 2, 2, NN).appendFraction(1, 9, true).optionalEnd()
  .toFormatter(STRICT);
const STRICT_TIME_BASE = b().appendValue('HOUR', 2, 2, NN).appendLiteral(':').appendValue('MINUTE', 2, 2, NN).appendLiteral(':')
  .appendValue('SECOND', 2, 2, NN).appendFraction(1, 9, true).toFormatter(STRICT);
const STRICT_T_TIME_BASE = b().appendLiteral('T').append(STRICT_TIME_BASE).toFormatter(STRICT);
const STRICT_T_HMS = b().appendLiteral('T').append(STRICT_HMS).toFormatter(STRICT);

// lenient
const DATE_F = b().appendValue('YEAR', 1, 5, 'NORMAL')
  .optionalStart().appendLiteral('-').appendValue('MONTH', 1, 2, NN)
  .optionalStart().appendLiteral('-').appendValue('DAY', 1, 2, NN)
  .toFormatter(STRICT);
const HM_F = b().appendValue('HOUR', 1, 2, NN).appendLiteral(':').appendValue('MINUTE', 1, 2, NN).toFormatter(STRICT);
const HMS_F = b().append(HM_F).appendLiteral(':').appendValue('SECOND', 1, 2, NN).toFormatter(STRICT);
const HMS_MILLIS_F = b().append(HMS_F).appendFraction(1, 3, true).toFormatter(STRICT);
const HMS_FRACTION_F = b().append(HMS_F).appendFraction(1, 9, true).toFormatter(STRICT);
const ORDINAL_F = b().appendValue('YEAR', 4, 10, EP).appendLiteral('-').appendValue('DOY', 1, 3, NN).toFormatter(STRICT);
const TIME_NO_MILLIS_F = HMS_F;
const T_TIME_NO_MILLIS_F = b().appendLiteral('T').append(TIME_NO_MILLIS_F).toFormatter(STRICT);
const TIME_PREFIX = b().append(TIME_NO_MILLIS_F).appendFraction(1, 9, true).toFormatter(STRICT);
const T_TIME_PREFIX = b().appendLiteral('T').append(TIME_PREFIX).toFormatter(STRICT);

const DATE_OPTIONAL_TIME = b().append(DATE_F)
  .optionalStart().appendLiteral('T')
  .optionalStart().appendValue('HOUR', 1, 2, NN)
  .optionalStart().appendLiteral(':').appendValue('MINUTE', 1, 2, NN)
  .optionalStart().appendLiteral(':').appendValue('SECOND', 1, 2, NN).optionalEnd()
  .optionalStart().appendFraction(1, 9, true).optionalEnd()
  .optionalStart().appendLiteral(',').appendFraction(1, 9, false).optionalEnd()
  .optionalStart().appendZoneOrOffsetId().optionalEnd()
  .optionalStart().appendOffset('+HHmm', 'Z').optionalEnd()
  .toFormatter(STRICT);

const DATE_TIME_F = b().append(DATE_F).appendLiteral('T').append(HM_F)
  .optionalStart().appendLiteral(':').appendValue('SECOND', 1, 2, NN).appendFraction(1, 9, true).optionalEnd()
  .toFormatter(STRICT);
const DATE_TIME_PREFIX = b().append(DATE_F).appendLiteral('T').append(HM_F)
  .optionalStart().appendLiteral(':').appendValue('SECOND', 1, 2, NN).optionalEnd()
  .toFormatter(STRICT);
const ORDINAL_TIME_BASE = b().append(ORDINAL_F).appendLiteral('T').append(HM_F)
  .optionalStart().appendLiteral(':').appendValue('SECOND', 1, 2, NN).appendFraction(1, 9, true).optionalEnd()
  .toFormatter(STRICT);
const ORDINAL_TIME_NO_MILLIS_BASE = b().append(ORDINAL_F).appendLiteral('T').append(HMS_F).toFormatter(STRICT);

const withSuffix = (base: JavaFormatter, f: (x: Builder) => Builder, style: ResolverStyle = STRICT): JavaFormatter =>
  f(b().append(base)).toFormatter(style);

/** The parsers of each supported built-in name, in OpenSearch's order. */
const NAMED: Record<string, () => JavaFormatter[]> = {
  iso8601: () => [ISO_8601],
  basic_date: () => [b().appendValue('YEAR', 1, 4, 'NORMAL').appendValue('MONTH', 1, 2, NN).appendValue('DAY', 1, 2, NN).toFormatter(STRICT)],
  basic_date_time: () => zoned(b().append(BASIC_YMD).append(BASIC_T_TIME_F).toFormatter(STRICT)),
  basic_date_time_no_millis: () => zoned(b().append(BASIC_DATE_T).append(BASIC_TIME_NO_MILLIS_BASE).toFormatter(STRICT)),
  basic_ordinal_date: () => [pattern('uuuuDDD', 'SMART')],
  basic_ordinal_date_time: () => zoned(b().append(pattern('yyyyDDD', STRICT)).append(BASIC_T_TIME_F).toFormatter(STRICT)),
  basic_ordinal_date_time_no_millis: () =>
    zoned(b().append(pattern('uuuuDDD', STRICT)).appendLiteral('T').append(BASIC_TIME_NO_MILLIS_BASE).toFormatter(STRICT)),
  basic_time: () => zoned(BASIC_TIME_F),
  basic_time_no_millis: () => zoned(BASIC_TIME_NO_MILLIS_BASE),
  basic_t_time: () => zoned(BASIC_T_TIME_F, STRICT, 'SMART'),
  basic_t_time_no_millis: () => zoned(b().appendLiteral('T').append(BASIC_TIME_NO_MILLIS_BASE).toFormatter(STRICT)),
  date: () => [DATE_F],
  date_hour: () => [b().append(DATE_F).appendLiteral('T').appendValue('HOUR', 1, 2, NN).toFormatter(STRICT)],
  date_hour_minute: () => [b().append(DATE_F).appendLiteral('T').append(HM_F).toFormatter(STRICT)],
  date_hour_minute_second: () => [b().append(DATE_F).appendLiteral('T').append(HMS_F).toFormatter(STRICT)],
  date_hour_minute_second_fraction: () => [b().append(DATE_F).appendLiteral('T').append(HMS_FRACTION_F).toFormatter(STRICT)],
  date_hour_minute_second_millis: () => [b().append(DATE_F).appendLiteral('T').append(HMS_MILLIS_F).toFormatter(STRICT)],
  date_optional_time: () => [DATE_OPTIONAL_TIME],
  date_time: () => [withSuffix(DATE_TIME_F, (x) => x.appendOffset('+HH:MM', 'Z')), withSuffix(DATE_TIME_F, (x) => x.append(TZ_NO_COLON))],
  date_time_no_millis: () => [
    withSuffix(DATE_TIME_PREFIX, (x) => x.appendOffset('+HH:MM', 'Z')),
    withSuffix(DATE_TIME_PREFIX, (x) => x.append(TZ_NO_COLON)),
    withSuffix(DATE_TIME_PREFIX, (x) => x.optionalStart().appendZoneOrOffsetId().optionalEnd()),
    withSuffix(DATE_TIME_PREFIX, (x) => x.optionalStart().append(TZ_NO_COLON).optionalEnd()),
  ],
  hour_minute_second_millis: () => [HMS_MILLIS_F],
  hour_minute_second_fraction: () => [HMS_FRACTION_F],
  hour_minute: () => [HM_F],
  hour_minute_second: () => [HMS_F],
  hour: () => [b().appendValue('HOUR', 1, 2, NN).toFormatter(STRICT)],
  ordinal_date: () => [ORDINAL_F],
  ordinal_date_time: () => zoned(ORDINAL_TIME_BASE),
  ordinal_date_time_no_millis: () => zoned(ORDINAL_TIME_NO_MILLIS_BASE),
  time: () => zoned(TIME_PREFIX),
  time_no_millis: () => zoned(TIME_NO_MILLIS_F),
  t_time: () => zoned(T_TIME_PREFIX),
  t_time_no_millis: () => zoned(T_TIME_NO_MILLIS_F),
  year: () => [b().appendValue('YEAR').toFormatter(STRICT)],
  year_month: () => [b().appendValue('YEAR').appendLiteral('-').appendValue('MONTH').toFormatter(STRICT)],
  year_month_day: () => [b().appendValue('YEAR').appendLiteral('-').appendValue('MONTH').appendLiteral('-').appendValue('DAY').toFormatter(STRICT)],
  strict_date: () => [b().appendValue('YEAR', 4, 10, EP).appendLiteral('-').appendValue('MONTH', 2).appendLiteral('-').appendValue('DAY', 2)
    .toFormatter('LENIENT')],
  strict_date_hour: () => [pattern("uuuu-MM-dd'T'HH", 'SMART')],
  strict_date_hour_minute: () => [pattern("uuuu-MM-dd'T'HH:mm", 'SMART')],
  strict_date_hour_minute_second: () => [pattern("uuuu-MM-dd'T'HH:mm:ss", 'SMART')],
  strict_date_hour_minute_second_fraction: () => [STRICT_DATE_HMS_FRACTION],
  strict_date_hour_minute_second_millis: () => [STRICT_DATE_HMS_FRACTION],
  strict_date_optional_time: () => [STRICT_DATE_OPTIONAL_TIME],
  strict_date_optional_time_nanos: () => [STRICT_DATE_OPTIONAL_TIME_NANOS],
  strict_date_time: () => zoned(STRICT_DATE_FORMATTER),
  strict_date_time_no_millis: () => [
    withSuffix(STRICT_DATE_TIME_NO_MILLIS_F, (x) => x.appendZoneOrOffsetId()),
    withSuffix(STRICT_DATE_TIME_NO_MILLIS_F, (x) => x.append(TZ_NO_COLON)),
  ],
  strict_hour: () => [pattern('HH', 'SMART')],
  strict_hour_minute: () => [pattern('HH:mm', 'SMART')],
  strict_hour_minute_second: () => [STRICT_HMS],
  strict_hour_minute_second_fraction: () => [STRICT_HMS_FRACTION],
  strict_hour_minute_second_millis: () => [STRICT_HMS_FRACTION],
  strict_ordinal_date: () => [b().appendValue('YEAR', 4, 10, EP).appendLiteral('-').appendValue('DOY', 3).toFormatter(STRICT)],
  strict_ordinal_date_time: () => zoned(STRICT_ORDINAL_TIME_BASE),
  strict_ordinal_date_time_no_millis: () => zoned(STRICT_ORDINAL_NO_MILLIS_BASE),
  strict_time: () => zoned(STRICT_TIME_BASE),
  strict_time_no_millis: () => zoned(STRICT_HMS),
  strict_t_time: () => zoned(STRICT_T_TIME_BASE),
  strict_t_time_no_millis: () => zoned(STRICT_T_HMS),
  strict_year: () => [b().appendValue('YEAR', 4, 10, EP).toFormatter(STRICT)],
  strict_year_month: () => [b().appendValue('YEAR', 4, 10, EP).appendLiteral('-').appendValue('MONTH', 2, 2, NN).toFormatter(STRICT)],
  strict_year_month_day: () => [STRICT_YMD],
};

/** The parsers of a built-in format name, or undefined when the name is not one the engine supports. */
export function namedFormatParsers(name: string): JavaFormatter[] | undefined {
  return Object.hasOwn(NAMED, name) ? NAMED[name]!() : undefined;
}

/** A pattern the engine cannot reproduce (a letter it does not model): refused when compiled. */
export class UnsupportedPattern extends Error {}

/** `DateTimeFormatterBuilder.appendPattern(pattern)` with Java's errors for invalid patterns. */
export function pattern(p: string, style: ResolverStyle): JavaFormatter {
  const bl = b();
  let depth = 0;
  for (let pos = 0; pos < p.length; pos++) {
    const cur = p[pos]!;
    if ((cur >= 'A' && cur <= 'Z') || (cur >= 'a' && cur <= 'z')) {
      const start = pos++;
      while (pos < p.length && p[pos] === cur) pos++;
      const count = pos - start;
      pos--;
      letter(bl, cur, count);
    } else if (cur === "'") {
      const start = pos++;
      for (; pos < p.length; pos++) {
        if (p[pos] === "'") {
          if (pos + 1 < p.length && p[pos + 1] === "'") pos++;
          else break;
        }
      }
      if (pos >= p.length) throw new Error(`Pattern ends with an incomplete string literal: ${p}`);
      const str = p.slice(start + 1, pos);
      if (str.length === 0) bl.appendLiteral("'");
      else bl.appendLiteral(str.replaceAll("''", "'"));
    } else if (cur === '[') {
      depth++;
      bl.optionalStart();
    } else if (cur === ']') {
      if (depth === 0) throw new Error('Pattern invalid as it contains ] without previous [');
      depth--;
      bl.optionalEnd();
    } else if (cur === '{' || cur === '}' || cur === '#') {
      throw new Error(`Pattern includes reserved character: '${cur}'`);
    } else {
      bl.appendLiteral(cur);
    }
  }
  return bl.toFormatter(style);
}


function letter(bl: Builder, cur: string, count: number): void {
  switch (cur) {
    case 'y':
    case 'u': {
      const field: Field = cur === 'y' ? 'YOE' : 'YEAR';
      if (count === 2) bl.appendValueReduced(field, 2000);
      else if (count < 4) bl.appendValue(field, count, 19, 'NORMAL');
      else bl.appendValue(field, count, 19, 'EXCEEDS_PAD');
      return;
    }
    case 'M':
      if (count === 1) bl.appendValue('MONTH');
      else if (count === 2) bl.appendValue('MONTH', 2);
      else if (count <= 5) throw new UnsupportedPattern('month text');
      else throw new Error(`Too many pattern letters: ${cur}`);
      return;
    case 'd': case 'H': case 'm': case 's':
      if (count === 1) bl.appendValue(FIELD_OF[cur]!);
      else if (count === 2) bl.appendValue(FIELD_OF[cur]!, 2);
      else throw new Error(`Too many pattern letters: ${cur}`);
      return;
    case 'D':
      if (count === 1) bl.appendValue('DOY');
      else if (count === 2) bl.appendValue('DOY', 2, 3, 'NOT_NEGATIVE');
      else if (count === 3) bl.appendValue('DOY', 3);
      else throw new Error(`Too many pattern letters: ${cur}`);
      return;
    case 'S':
      bl.appendFraction(count, count, false);
      return;
    case 'X':
      if (count > 5) throw new Error(`Too many pattern letters: ${cur}`);
      bl.appendOffset(OFFSET_X[count - 1]!, 'Z');
      return;
    case 'x':
      if (count > 5) throw new Error(`Too many pattern letters: ${cur}`);
      bl.appendOffset(OFFSET_X[count - 1]!, OFFSET_X_ZERO[count - 1]!);
      return;
    case 'Z':
      if (count < 4) bl.appendOffset('+HHMM', '+0000');
      else if (count === 5) bl.appendOffset('+HH:MM:ss', 'Z');
      else if (count === 4) throw new UnsupportedPattern('localized offset');
      else throw new Error(`Too many pattern letters: ${cur}`);
      return;
    default:
      if ('GLQqYwWEecFaBhKkAnNVvzOgp'.includes(cur)) throw new UnsupportedPattern(cur);
      throw new Error(`Unknown pattern letter: ${cur}`);
  }
}
