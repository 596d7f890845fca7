/**
 * A small model of java.time's DateTimeFormatterBuilder parsing and resolving, enough to reproduce
 * OpenSearch's named date formats (DateFormatters) and custom patterns (`appendPattern`) exactly:
 *
 * - strict, case-sensitive parsing (the only mode OpenSearch's formatters use);
 * - `appendValue(field, min, max, signStyle)` with Java's sign rules and adjacent value parsing (a
 *   variable-width value followed by fixed-width ones reserves their digits: `yyyyMMdd`);
 * - reduced values (`yy`: 2000-based), fractions, literals, optional sections, offsets (`+HH:MM`,
 *   `+HHmm`...) and `appendZoneOrOffsetId` (Z, UTC/GMT/UT prefixes, region ids from Java's zone list);
 * - the resolver styles STRICT, SMART (clamps the day of month, accepts 24:00) and LENIENT (overflows
 *   into the next month/year), as java.time's Parsed/IsoChronology apply them;
 * - OpenSearch's `DateFormatters.from(accessor)`, which turns what was parsed into an instant (a missing
 *   date is 1970-01-01, a missing month or day the first one, a missing zone UTC).
 *
 * What is not modelled (week-based fields, text fields, localized offsets, clock-hour/AM-PM fields) is
 * refused when a format is compiled, never parsed differently.
 */
import { EngineError } from '../errors.js';
import { daysFromCivil, daysInMonth, isLeap } from './civil.js';
import { JAVA_ZONE_IDS } from './java-zone-ids.js';
import { parseTimeZone } from './time-zone.js';

export type Field = 'YEAR' | 'YOE' | 'MONTH' | 'DAY' | 'DOY' | 'HOUR' | 'MINUTE' | 'SECOND' | 'NANO' | 'OFFSET';
export type SignStyle = 'NORMAL' | 'NOT_NEGATIVE' | 'EXCEEDS_PAD' | 'NEVER' | 'ALWAYS';
export type ResolverStyle = 'STRICT' | 'SMART' | 'LENIENT';

/** A zone parsed by appendZoneOrOffsetId: a fixed offset (seconds) or a region id. */
type Zone = { offset: number } | { region: string };

interface Ctx {
  fields: Map<Field, number>;
  zone: Zone | undefined;
}

/** Thrown where java.time throws a DateTimeException outside the formatter's parse (OpenSearch's
 *  `DateFormatters.from`): the value parsed, but it is not a date. */
export class JavaDateTimeError extends Error {}

interface PP {
  parse(ctx: Ctx, text: string, pos: number): number;
}

function setField(ctx: Ctx, field: Field, value: number, errorPos: number, successPos: number): number {
  const old = ctx.fields.get(field);
  ctx.fields.set(field, value);
  return old !== undefined && old !== value ? ~errorPos : successPos;
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

class NumberPP implements PP {
  constructor(
    readonly field: Field,
    readonly minWidth: number,
    readonly maxWidth: number,
    readonly sign: SignStyle,
    readonly subsequentWidth = 0,
  ) {}

  withFixedWidth(): NumberPP {
    return this.subsequentWidth === -1 ? this : this.copy(-1);
  }

  withSubsequentWidth(w: number): NumberPP {
    return this.copy(this.subsequentWidth + w);
  }

  protected copy(subsequentWidth: number): NumberPP {
    return new NumberPP(this.field, this.minWidth, this.maxWidth, this.sign, subsequentWidth);
  }

  parse(ctx: Ctx, text: string, position: number): number {
    const length = text.length;
    if (position === length) return ~position;
    const fixed = this.subsequentWidth === -1 ||
      (this.subsequentWidth > 0 && this.minWidth === this.maxWidth && this.sign === 'NOT_NEGATIVE');
    const ch = text[position];
    let negative = false;
    let positive = false;
    if (ch === '+') {
      if (!signParse(this.sign, true, this.minWidth === this.maxWidth)) return ~position;
      positive = true;
      position++;
    } else if (ch === '-') {
      if (!signParse(this.sign, false, this.minWidth === this.maxWidth)) return ~position;
      negative = true;
      position++;
    } else if (this.sign === 'ALWAYS') {
      return ~position;
    }
    void fixed; // strict parsing: the widths are the declared ones whether fixed or not
    const effMinWidth = this.minWidth;
    const minEndPos = position + effMinWidth;
    if (minEndPos > length) return ~position;
    let effMaxWidth = this.maxWidth + Math.max(this.subsequentWidth, 0);
    let pos = position;
    let digits = '';
    for (let pass = 0; pass < 2; pass++) {
      const run = scanDigits(text, pos, Math.min(pos + effMaxWidth, length), minEndPos);
      if (!run) return ~position;
      ({ digits, end: pos } = run);
      if (this.subsequentWidth > 0 && pass === 0) {
        const parseLen = pos - position;
        effMaxWidth = Math.max(effMinWidth, parseLen - this.subsequentWidth);
        pos = position;
      } else {
        break;
      }
    }
    let big = BigInt(digits === '' ? '0' : digits);
    if (negative) {
      if (big === 0n) return ~(position - 1); // "-0" is refused in strict mode
      big = -big;
    } else if (this.sign === 'EXCEEDS_PAD') {
      const parseLen = pos - position;
      if (positive) {
        if (parseLen <= this.minWidth) return ~(position - 1); // a '+' only once the width is exceeded
      } else if (parseLen > this.minWidth) {
        return ~position; // ... and then it is required
      }
    }
    // Beyond a long: java.time keeps the first 18 digits' worth (drops the last digit).
    while (big > 9223372036854775807n || big < -9223372036854775808n) {
      big /= 10n;
      pos--;
    }
    return this.setValue(ctx, Number(big), position, pos);
  }

  protected setValue(ctx: Ctx, value: number, errorPos: number, successPos: number): number {
    return setField(ctx, this.field, value, errorPos, successPos);
  }
}

function signParse(style: SignStyle, positive: boolean, fixedWidth: boolean): boolean {
  void fixedWidth;
  switch (style) {
    case 'NORMAL':
      return !positive; // strict: a '-' only
    case 'ALWAYS':
    case 'EXCEEDS_PAD':
      return true;
    default:
      return false; // NEVER, NOT_NEGATIVE in strict mode
  }
}

/** `appendValueReduced(field, 2, 2, 2000)`: two digits are 2000-2099. */
class ReducedPP extends NumberPP {
  constructor(field: Field, readonly base: number, subsequentWidth = 0) {
    super(field, 2, 2, 'NOT_NEGATIVE', subsequentWidth);
  }

  protected override copy(subsequentWidth: number): NumberPP {
    return new ReducedPP(this.field, this.base, subsequentWidth);
  }

  protected override setValue(ctx: Ctx, value: number, errorPos: number, successPos: number): number {
    if (successPos - errorPos === this.minWidth && value >= 0) {
      const range = 10 ** this.minWidth;
      const basePart = this.base - (this.base % range);
      value = this.base > 0 ? basePart + value : basePart - value;
      if (value < this.base) value += range;
    }
    return setField(ctx, this.field, value, errorPos, successPos);
  }
}

class FractionPP extends NumberPP {
  constructor(minWidth: number, maxWidth: number, readonly decimalPoint: boolean, subsequentWidth = 0) {
    super('NANO', minWidth, maxWidth, 'NOT_NEGATIVE', subsequentWidth);
  }

  protected override copy(subsequentWidth: number): NumberPP {
    return new FractionPP(this.minWidth, this.maxWidth, this.decimalPoint, subsequentWidth);
  }

  override parse(ctx: Ctx, text: string, position: number): number {
    const length = text.length;
    if (position === length) return this.minWidth > 0 ? ~position : position;
    if (this.decimalPoint) {
      if (text[position] !== '.') return this.minWidth > 0 ? ~position : position;
      position++;
    }
    const minEndPos = position + this.minWidth;
    if (minEndPos > length) return ~position;
    const run = scanDigits(text, position, Math.min(position + this.maxWidth, length), minEndPos);
    if (!run) return ~position;
    const { digits, end: pos } = run;
    const nanos = digits === '' ? 0 : Number(digits.padEnd(9, '0').slice(0, 9));
    return setField(ctx, 'NANO', nanos, position, pos);
  }
}

/**
 * The ASCII digits from `from` up to `maxEnd` (DateTimeFormatterBuilder's number and fraction parsers): their
 * text and where they end, or undefined when they stop before `minEnd`.
 */
function scanDigits(text: string, from: number, maxEnd: number, minEnd: number): { digits: string; end: number } | undefined {
  let end = from;
  while (end < maxEnd && isDigit(text.charCodeAt(end))) end++;
  return end < minEnd ? undefined : { digits: text.slice(from, end), end };
}

class LiteralPP implements PP {
  constructor(readonly literal: string) {}

  parse(_ctx: Ctx, text: string, pos: number): number {
    if (pos > text.length) return ~pos;
    return text.startsWith(this.literal, pos) ? pos + this.literal.length : ~pos;
  }
}

const OFFSET_PATTERNS = ['+HH', '+HHmm', '+HH:mm', '+HHMM', '+HH:MM', '+HHMMss', '+HH:MM:ss', '+HHMMSS', '+HH:MM:SS', '+HHmmss',
  '+HH:mm:ss'];

/** `appendOffset(pattern, noOffsetText)`, strict: the pattern's fields, colons as written. */
class OffsetPP implements PP {
  readonly type: number;

  constructor(pattern: string, readonly noOffsetText: string) {
    this.type = OFFSET_PATTERNS.indexOf(pattern);
    if (this.type < 0) throw new Error(`offset pattern ${pattern}`);
  }

  parse(ctx: Ctx, text: string, position: number): number {
    const length = text.length;
    const noLen = this.noOffsetText.length;
    if (noLen === 0) {
      if (position === length) return setField(ctx, 'OFFSET', 0, position, position);
    } else {
      if (position === length) return ~position;
      if (text.startsWith(this.noOffsetText, position)) return setField(ctx, 'OFFSET', 0, position, position + noLen);
    }
    const sign = text[position];
    if (sign === '+' || sign === '-') {
      const r = parseOffsetDigits(text, position + 1, this.type);
      if (r !== undefined) {
        const secs = (sign === '-' ? -1 : 1) * r.seconds;
        // java.time throws "Value out of range: Hour[0-23]..." here; OpenSearch's parse fails either way.
        if (r.outOfRange) return ~position;
        return setField(ctx, 'OFFSET', secs, position, r.end);
      }
    }
    if (noLen === 0) return setField(ctx, 'OFFSET', 0, position, position);
    return ~position;
  }
}

/** The digits of an offset after its sign, for one of OFFSET_PATTERNS (padded hours only). */
function parseOffsetDigits(text: string, start: number, type: number):
  { seconds: number; end: number; outOfRange: boolean } | undefined {
  const colon = type > 0 && type % 2 === 0;
  const arr = [start, 0, 0, 0];
  const two = (index: number, withColon: boolean): boolean => {
    let pos = arr[0]!;
    if (withColon && index !== 1) {
      if (pos + 1 > text.length || text[pos] !== ':') return false;
      pos++;
    }
    if (pos + 2 > text.length) return false;
    const a = text.charCodeAt(pos);
    const b = text.charCodeAt(pos + 1);
    if (!isDigit(a) || !isDigit(b)) return false;
    const v = (a - 48) * 10 + (b - 48);
    if (v > 59) return false;
    arr[index] = v;
    arr[0] = pos + 2;
    return true;
  };
  let ok = two(1, colon);
  if (!ok) return undefined;
  const minute = (mandatory: boolean): boolean => two(2, colon) || !mandatory;
  const second = (mandatory: boolean): boolean => two(3, colon) || !mandatory;
  switch (type) {
    case 0: break;
    case 1: case 2: ok = minute(false); break;
    case 3: case 4: ok = minute(true); break;
    case 5: case 6: ok = minute(true) && second(false); break;
    case 7: case 8: ok = minute(true) && second(true); break;
    case 9: case 10: if (two(2, colon)) two(3, colon); break;
  }
  if (!ok) return undefined;
  const outOfRange = arr[1]! > 23 || arr[2]! > 59 || arr[3]! > 59;
  return { seconds: arr[1]! * 3600 + arr[2]! * 60 + arr[3]!, end: arr[0]!, outOfRange };
}

let zoneTree: Map<string, string[]> | undefined;

/** Zone ids by first character, longest first. */
function zoneIdsFrom(ch: string): readonly string[] {
  if (!zoneTree) {
    zoneTree = new Map();
    for (const id of JAVA_ZONE_IDS.split(' ').sort((a, b) => b.length - a.length)) {
      const list = zoneTree.get(id[0]!) ?? [];
      list.push(id);
      zoneTree.set(id[0]!, list);
    }
  }
  return zoneTree.get(ch) ?? [];
}

/** `appendZoneOrOffsetId()` (java.time's ZoneIdPrinterParser), strict and case-sensitive. */
class ZoneIdPP implements PP {
  parse(ctx: Ctx, text: string, position: number): number {
    const length = text.length;
    if (position >= length) return ~position;
    const next = text[position];
    if (next === '+' || next === '-') return this.offsetBased(ctx, text, position, position, true);
    if (length >= position + 2) {
      const nn = text[position + 1];
      if (next === 'U' && nn === 'T') {
        if (length >= position + 3 && text[position + 2] === 'C') return this.offsetBased(ctx, text, position, position + 3, false);
        return this.offsetBased(ctx, text, position, position + 2, false);
      }
      if (next === 'G' && length >= position + 3 && nn === 'M' && text[position + 2] === 'T') {
        if (length >= position + 4 && text[position + 3] === '0') {
          ctx.zone = { region: 'GMT0' };
          return position + 4;
        }
        return this.offsetBased(ctx, text, position, position + 3, false);
      }
    }
    // The longest zone id that the text starts with.
    for (const id of zoneIdsFrom(next!)) {
      if (text.startsWith(id, position)) {
        ctx.zone = { region: id };
        return position + id.length;
      }
    }
    if (next === 'Z') {
      ctx.zone = { offset: 0 };
      return position + 1;
    }
    return ~position;
  }

  private offsetBased(ctx: Ctx, text: string, prefixPos: number, position: number, idZ: boolean): number {
    const prefix = text.slice(prefixPos, position);
    const bare = (): number => {
      ctx.zone = prefix === '' ? { offset: 0 } : { region: prefix };
      return position;
    };
    if (position >= text.length) return bare();
    if (text[position] === '0' || text[position] === 'Z') return bare();
    // "+HH:MM:ss" after the prefix (a bare prefix when it does not follow, unless there is none).
    const sign = text[position];
    const r = sign === '+' || sign === '-' ? parseOffsetDigits(text, position + 1, 6) : undefined;
    if (r === undefined) return idZ ? ~prefixPos : bare();
    const secs = (sign === '-' ? -1 : 1) * r.seconds;
    if (r.outOfRange || Math.abs(secs) > 18 * 3600) return ~prefixPos;
    ctx.zone = { offset: secs };
    return r.end;
  }
}

class DefaultPP implements PP {
  constructor(readonly field: Field, readonly value: number) {}

  parse(ctx: Ctx, _text: string, pos: number): number {
    if (!ctx.fields.has(this.field)) ctx.fields.set(this.field, this.value);
    return pos;
  }
}

class CompositePP implements PP {
  constructor(readonly items: readonly PP[], readonly optional: boolean) {}

  parse(ctx: Ctx, text: string, position: number): number {
    if (!this.optional) {
      let pos = position;
      for (const pp of this.items) {
        pos = pp.parse(ctx, text, pos);
        if (pos < 0) break;
      }
      return pos;
    }
    const saved = new Map(ctx.fields);
    const savedZone = ctx.zone;
    let pos = position;
    for (const pp of this.items) {
      pos = pp.parse(ctx, text, pos);
      if (pos < 0) {
        ctx.fields = saved;
        ctx.zone = savedZone;
        return position;
      }
    }
    return pos;
  }
}

interface Level {
  items: PP[];
  valueParserIndex: number;
  optional: boolean;
}

/** java.time's DateTimeFormatterBuilder, parsing side. */
export class Builder {
  private active: Level = { items: [], valueParserIndex: -1, optional: false };
  private readonly parents: Level[] = [];
  /** Whether the formatter holds a day-of-year field (OpenSearch's round-up parser then defaults it). */
  hasDayOfYear = false;

  appendValue(field: Field, minWidth?: number, maxWidth?: number, sign?: SignStyle): this {
    if (field === 'DOY') this.hasDayOfYear = true;
    if (minWidth === undefined) return this.value(new NumberPP(field, 1, 19, 'NORMAL'));
    if (maxWidth === undefined) return this.value(new NumberPP(field, minWidth, minWidth, 'NOT_NEGATIVE'));
    return this.value(new NumberPP(field, minWidth, maxWidth, sign ?? 'NORMAL'));
  }

  appendValueReduced(field: Field, base: number): this {
    return this.value(new ReducedPP(field, base));
  }

  appendFraction(minWidth: number, maxWidth: number, decimalPoint: boolean): this {
    const pp = new FractionPP(minWidth, maxWidth, decimalPoint);
    if (minWidth === maxWidth && !decimalPoint) return this.value(pp);
    this.internal(pp);
    return this;
  }

  appendLiteral(s: string): this {
    this.internal(new LiteralPP(s));
    return this;
  }

  appendOffset(pattern: string, noOffsetText: string): this {
    this.internal(new OffsetPP(pattern, noOffsetText));
    return this;
  }

  appendZoneOrOffsetId(): this {
    this.internal(new ZoneIdPP());
    return this;
  }

  /** `append(formatter)`: the other formatter's parsers as one (non-optional) element. */
  append(f: JavaFormatter): this {
    if (f.hasDayOfYear) this.hasDayOfYear = true;
    this.internal(new CompositePP(f.items, false));
    return this;
  }

  parseDefaulting(field: Field, value: number): this {
    this.internal(new DefaultPP(field, value));
    return this;
  }

  optionalStart(): this {
    this.active.valueParserIndex = -1;
    this.parents.push(this.active);
    this.active = { items: [], valueParserIndex: -1, optional: true };
    return this;
  }

  optionalEnd(): this {
    const parent = this.parents.pop();
    if (!parent) throw new Error('optionalEnd without optionalStart');
    const child = this.active;
    this.active = parent;
    if (child.items.length > 0) this.internal(new CompositePP(child.items, child.optional));
    return this;
  }

  toFormatter(style: ResolverStyle = 'SMART'): JavaFormatter {
    while (this.parents.length > 0) this.optionalEnd();
    return new JavaFormatter(this.active.items, style, this.hasDayOfYear);
  }

  private internal(pp: PP): number {
    this.active.items.push(pp);
    this.active.valueParserIndex = -1;
    return this.active.items.length - 1;
  }

  private value(pp: NumberPP): this {
    const a = this.active;
    if (a.valueParserIndex >= 0) {
      const idx = a.valueParserIndex;
      let base = a.items[idx] as NumberPP;
      if (pp.minWidth === pp.maxWidth && pp.sign === 'NOT_NEGATIVE') {
        base = base.withSubsequentWidth(pp.maxWidth);
        this.internal(pp.withFixedWidth());
        a.valueParserIndex = idx;
      } else {
        base = base.withFixedWidth();
        a.valueParserIndex = this.internal(pp);
      }
      a.items[idx] = base;
    } else {
      a.valueParserIndex = this.internal(pp);
    }
    return this;
  }
}

/** The outcome of a successful parse and resolve: what OpenSearch's `DateFormatters.from` reads. */
interface Resolved {
  epochDay: number | undefined;
  nanoOfDay: number | undefined;
  fields: Map<Field, number>;
  zone: Zone | undefined;
}

export class JavaFormatter {
  constructor(readonly items: readonly PP[], readonly style: ResolverStyle, readonly hasDayOfYear: boolean) {}

  withStyle(style: ResolverStyle): JavaFormatter {
    return new JavaFormatter(this.items, style, this.hasDayOfYear);
  }

  /** OpenSearch's round-up parser for this one: the same elements, defaults for what is missing, and the
   *  builder's default (SMART) resolver, whatever this formatter's own style. */
  roundUp(): JavaFormatter {
    const b = new Builder().append(this);
    if (this.hasDayOfYear) b.parseDefaulting('DOY', 1);
    else b.parseDefaulting('MONTH', 1).parseDefaulting('DAY', 1);
    b.parseDefaulting('HOUR', 23).parseDefaulting('MINUTE', 59).parseDefaulting('SECOND', 59).parseDefaulting('NANO', 999_999_999);
    return b.toFormatter('SMART');
  }

  /** Parse the whole text; undefined when it does not parse or resolve (a DateTimeParseException). */
  parseResolved(text: string): Resolved | undefined {
    const ctx: Ctx = { fields: new Map(), zone: undefined };
    let pos = 0;
    for (const pp of this.items) {
      pos = pp.parse(ctx, text, pos);
      if (pos < 0) return undefined;
    }
    if (pos !== text.length) return undefined;
    return resolve(ctx, this.style);
  }
}

// ---- resolving (java.time's Parsed + IsoChronology) ----

const YEAR_MIN = -999_999_999;
const YEAR_MAX = 999_999_999;
const NANOS_PER_DAY = 86_400_000_000_000;

function epochDayOf(y: number, m: number, d: number): number {
  return daysFromCivil(y, m, d);
}

function plusMonths(y: number, m: number, months: number): { y: number; m: number } {
  const total = y * 12 + (m - 1) + months;
  return { y: Math.floor(total / 12), m: (((total % 12) + 12) % 12) + 1 };
}

function resolve(ctx: Ctx, style: ResolverStyle): Resolved | undefined {
  const f = new Map(ctx.fields);
  let epochDay: number | undefined;
  // IsoChronology.resolveYearOfEra
  const yoe = f.get('YOE');
  if (yoe !== undefined) {
    f.delete('YOE');
    if (style !== 'LENIENT' && (yoe < 1 || yoe > 1_000_000_000)) return undefined;
    const year = f.get('YEAR');
    if (style === 'STRICT') {
      if (year !== undefined) {
        if ((year > 0 ? yoe : 1 - yoe) !== year) return undefined;
      } else {
        f.set('YOE', yoe);
      }
    } else {
      const y = year === undefined || year > 0 ? yoe : 1 - yoe;
      if (year !== undefined && year !== y) return undefined;
      f.set('YEAR', y);
    }
  }
  const year = f.get('YEAR');
  if (year !== undefined) {
    const month = f.get('MONTH');
    const day = f.get('DAY');
    const doy = f.get('DOY');
    if (month !== undefined && day !== undefined) {
      if (year < YEAR_MIN || year > YEAR_MAX) return undefined;
      f.delete('YEAR'); f.delete('MONTH'); f.delete('DAY');
      if (style === 'LENIENT') {
        const ym = plusMonths(year, 1, month - 1);
        if (ym.y < YEAR_MIN || ym.y > YEAR_MAX) return undefined;
        epochDay = epochDayOf(ym.y, ym.m, 1) + (day - 1);
      } else {
        if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
        let dom = day;
        if (style === 'SMART') dom = Math.min(dom, daysInMonth(year, month));
        else if (dom > daysInMonth(year, month)) return undefined;
        epochDay = epochDayOf(year, month, dom);
      }
    } else if (doy !== undefined) {
      if (year < YEAR_MIN || year > YEAR_MAX) return undefined;
      f.delete('YEAR'); f.delete('DOY');
      if (style === 'LENIENT') {
        epochDay = epochDayOf(year, 1, 1) + (doy - 1);
      } else {
        if (doy < 1 || doy > 366 || (doy === 366 && !isLeap(year))) return undefined;
        epochDay = epochDayOf(year, 1, 1) + (doy - 1);
      }
    }
    if (epochDay !== undefined && (epochDay < epochDayOf(YEAR_MIN, 1, 1) || epochDay > epochDayOf(YEAR_MAX, 12, 31))) {
      return undefined;
    }
  }
  // Parsed.resolveTimeFields / resolveTimeLenient
  let nanoOfDay: number | undefined;
  let excessDays = 0;
  const nos = f.get('NANO');
  if (nos !== undefined && style !== 'LENIENT' && (nos < 0 || nos > 999_999_999)) return undefined;
  const hod = f.get('HOUR');
  // An hour with a nano but no minute, or with a minute and nano but no second, makes no time: java.time
  // then returns before validating what is left (a 25 o'clock is then ignored, the date kept).
  let validateRest = true;
  if (hod !== undefined) {
    const moh = f.get('MINUTE');
    const som = f.get('SECOND');
    const all = moh !== undefined && som !== undefined && nos !== undefined;
    const invalid = !all && ((moh === undefined && (som !== undefined || nos !== undefined)) ||
      (moh !== undefined && som === undefined && nos !== undefined));
    if (invalid) validateRest = false;
    else {
      const m = moh ?? 0;
      const s = som ?? 0;
      const n = nos ?? 0;
      f.delete('HOUR'); f.delete('MINUTE'); f.delete('SECOND'); f.delete('NANO');
      if (style === 'LENIENT') {
        const total = ((hod * 60 + m) * 60 + s) * 1e9 + n;
        excessDays = Math.floor(total / NANOS_PER_DAY);
        nanoOfDay = total - excessDays * NANOS_PER_DAY;
      } else {
        if (m < 0 || m > 59 || n < 0 || n > 999_999_999) return undefined;
        if (style === 'SMART' && hod === 24 && m === 0 && s === 0 && n === 0) {
          nanoOfDay = 0;
          excessDays = 1;
        } else {
          if (hod < 0 || hod > 23 || s < 0 || s > 59) return undefined;
          nanoOfDay = ((hod * 60 + m) * 60 + s) * 1e9 + n;
        }
      }
    }
  }
  if (style !== 'LENIENT' && validateRest) {
    const ranges: [Field, number, number][] = [['HOUR', 0, 23], ['MINUTE', 0, 59], ['SECOND', 0, 59], ['NANO', 0, 999_999_999]];
    for (const [k, lo, hi] of ranges) {
      const v = f.get(k);
      if (v !== undefined && (v < lo || v > hi)) return undefined;
    }
  }
  if (epochDay !== undefined && nanoOfDay !== undefined && excessDays !== 0) epochDay += excessDays;
  // Parsed.resolveInstant: a date, a time and an offset field make an instant (an invalid offset fails)
  const off = f.get('OFFSET');
  if (off !== undefined && epochDay !== undefined && nanoOfDay !== undefined && Math.abs(off) > 64_800) return undefined;
  return { epochDay, nanoOfDay, fields: f, zone: ctx.zone };
}

// ---- OpenSearch's DateFormatters.from(accessor) ----

const MONTH_NAMES = ['JANUARY', 'FEBRUARY', 'MARCH', 'APRIL', 'MAY', 'JUNE', 'JULY', 'AUGUST', 'SEPTEMBER', 'OCTOBER',
  'NOVEMBER', 'DECEMBER'];

function checkYear(y: number): number {
  if (y < YEAR_MIN || y > YEAR_MAX) {
    throw new JavaDateTimeError(`Invalid value for Year (valid values -999999999 - 999999999): ${y}`);
  }
  return y;
}

function localDateOf(y: number, m: number, d: number): number {
  checkYear(y);
  if (m < 1 || m > 12) throw new JavaDateTimeError(`Invalid value for MonthOfYear (valid values 1 - 12): ${m}`);
  if (d < 1 || d > 31) throw new JavaDateTimeError(`Invalid value for DayOfMonth (valid values 1 - 28/31): ${d}`);
  if (d > daysInMonth(y, m)) {
    if (d === 29) throw new JavaDateTimeError(`Invalid date 'February 29' as '${y}' is not a leap year`);
    throw new JavaDateTimeError(`Invalid date '${MONTH_NAMES[m - 1]} ${d}'`);
  }
  return epochDayOf(y, m, d);
}

function ofYearDay(y: number, doy: number): number {
  checkYear(y);
  if (doy < 1 || doy > 366) throw new JavaDateTimeError(`Invalid value for DayOfYear (valid values 1 - 365/366): ${doy}`);
  if (doy === 366 && !isLeap(y)) throw new JavaDateTimeError(`Invalid date 'DayOfYear 366' as '${y}' is not a leap year`);
  return epochDayOf(y, 1, 1) + doy - 1;
}

function yearOf(f: Map<Field, number>): number {
  const y = f.get('YEAR');
  if (y !== undefined) return checkYear(y);
  const yoe = f.get('YOE');
  if (yoe !== undefined) return yoe;
  return 1970;
}

const DAY_MS = 86_400_000;

/** Epoch millis of what was parsed, as OpenSearch's DateFormatters.from(...).toInstant().toEpochMilli()
 *  (millis beyond a long held as Long.MIN/MAX_VALUE, as the engine stores them). */
export function toEpochMillis(r: Resolved): number {
  const f = r.fields;
  let zoneOffset: Zone;
  if (r.zone) zoneOffset = r.zone;
  else {
    const off = f.get('OFFSET');
    if (off !== undefined && Math.abs(off) > 64_800) {
      throw new JavaDateTimeError(`Invalid value for OffsetSeconds (valid values -64800 - 64800): ${off}`);
    }
    zoneOffset = { offset: off ?? 0 };
  }
  let localDate = r.epochDay;
  const hasYear = f.has('YEAR') || f.has('YOE');
  if (localDate === undefined && hasYear) {
    const y = yearOf(f);
    if (f.has('MONTH') && f.has('DAY')) localDate = localDateOf(y, f.get('MONTH')!, f.get('DAY')!);
    else if (f.has('DOY')) localDate = ofYearDay(y, f.get('DOY')!);
  }
  let day: number;
  let nanos = 0;
  if (localDate !== undefined && r.nanoOfDay !== undefined) {
    day = localDate;
    nanos = r.nanoOfDay;
  } else if (localDate !== undefined) {
    day = localDate;
  } else if (r.nanoOfDay !== undefined) {
    nanos = r.nanoOfDay;
    if (f.has('MONTH')) day = localDateOf(yearOf(f), f.get('MONTH')!, f.get('DAY') ?? 1);
    else day = epochDayOf(1970, 1, 1);
  } else if (hasYear) {
    const y = yearOf(f);
    if (f.has('MONTH')) day = localDateOf(y, f.get('MONTH')!, 1);
    else day = epochDayOf(checkYear(y), 1, 1);
  } else if (f.has('MONTH')) {
    day = localDateOf(1970, f.get('MONTH')!, f.get('DAY') ?? 1);
  } else {
    throw new JavaDateTimeError('temporal accessor cannot be converted to zoned date time');
  }
  const local = day * DAY_MS + Math.floor(nanos / 1e6);
  let t: number;
  if ('offset' in zoneOffset) t = local - zoneOffset.offset * 1000;
  else t = regionZone(zoneOffset.region).localToUtc(local);
  return t < -(2 ** 63) ? -(2 ** 63) : t > 2 ** 63 ? 2 ** 63 : t;
}

const regions = new Map<string, { localToUtc(l: number): number }>();

function regionZone(id: string): { localToUtc(l: number): number } {
  let z = regions.get(id);
  if (!z) {
    const fixed = /^(?:UTC|GMT|UT)$/.test(id) ? 'UTC' : id;
    try {
      z = parseTimeZone(fixed);
    } catch {
      throw new EngineError(400, 'illegal_argument_exception', `Unknown time-zone ID: ${id}`);
    }
    regions.set(id, z);
  }
  return z;
}
