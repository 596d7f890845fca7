/**
 * Resolves the `field` (and `missing`, `format`) of a values-source aggregation into typed doc values and
 * the way OpenSearch renders them: raw numbers, strings, dates (epoch millis + formatted string) or
 * booleans (1/0 + "true"/"false").
 */
import { EngineError } from '../errors.js';
import { parseDateMath } from '../index/date-math.js';
import { compileDateFormat, dateFormatProblem } from '../index/dates.js';
import { isRawNumber, LONG_MAX, LONG_MIN, type RawNumber } from '../index/exact-numbers.js';
import type { AggContext } from './agg-context.js';
import { aggError, type AggParams } from './agg-params.js';
import { datePrinter, type DatePrinter } from './date-format.js';
import { javaDoubleToString } from '../index/java-double.js';
import type { OrdinalColumn } from './doc-column.js';
import { UTC, type TimeZone } from '../index/time-zone.js';
import { scope } from './shard-scope.js';
import { gatherNumbers, scanValues, type NumberRun, type Visit } from './value-scan.js';

export type ValueKind = 'keyword' | 'number' | 'date' | 'boolean';

export interface FieldSource<D> {
  readonly field: string;
  /** undefined: the field is unmapped everywhere and no `missing` value was given (no doc has values). */
  readonly kind: ValueKind | undefined;
  values(doc: D): readonly (string | number)[];
  /** Bulk form of `values` for hot loops: `visit(value, i)` for each value of each `docs[i]`, in doc order.
   *  A doc's values can repeat (numeric arrays); consumers needing sets dedupe per `i`. */
  scan(docs: ArrayLike<D>, visit: Visit): void;
  /** Numeric fields: every value of `docs` gathered into typed arrays (see NumberRun; scratch buffers
   *  valid until the next call, so read them before running sub-aggregations). */
  numbers(docs: ArrayLike<D>): NumberRun;
  /** The ordinal column of a keyword field when the context offers one, for counting by ordinal. */
  ordinals(): OrdinalColumn<D> | undefined;
  /** A long field holding values beyond 2^53: a doc's values with those as exact bigints (terms keys,
   *  distinct counts); undefined otherwise (the doubles are exact). */
  readonly termValues?: (doc: D) => readonly (string | number | bigint)[];
  /** The `missing` value substituted for docs without values, if any. */
  readonly missing: string | number | undefined;
  /** The `*_as_string` rendering for dates and booleans; undefined for raw numbers and keywords. */
  asString(value: number): string | undefined;
  /** Parse a date/number given in a request (range bounds, extended_bounds, missing). */
  parseBound(value: unknown, what: string, roundUp?: boolean): number;
}

const INTEGRAL = new Set(['long', 'integer', 'short', 'byte', 'unsigned_long']);
const FLOATING = new Set(['double', 'float', 'half_float', 'scaled_float']);

export const DEFAULT_DATE_FORMAT = 'strict_date_optional_time||epoch_millis';

export interface ResolveOptions {
  /** Numeric aggregations (min, histogram, range...) refuse keyword fields like OpenSearch does. */
  readonly numericOnly: boolean;
  readonly zone?: TimeZone;
  /** A `time_zone` was given (even `UTC`): OpenSearch then refuses any mapped field that is not a date. */
  readonly zoneGiven?: boolean;
}

/** Java's `Long.toString((long) v)` of a JSON number (truncated toward zero, saturated beyond a long). */
function javaLongText(v: number | RawNumber): string {
  if (isRawNumber(v)) {
    const x = BigInt(v.rawJSON);
    return (x > LONG_MAX ? LONG_MAX : x < LONG_MIN ? LONG_MIN : x).toString();
  }
  if (Number.isNaN(v)) return '0';
  if (v >= 2 ** 63) return LONG_MAX.toString();
  if (v <= -(2 ** 63)) return LONG_MIN.toString();
  return BigInt(Math.trunc(v)).toString();
}

/** Java's toString of a JSON number as the parser holds it: a Long's digits, else a Double's rendering. */
function numberText(v: number): string {
  return Number.isInteger(v) && Math.abs(v) < 2 ** 63 ? BigInt(v).toString() : javaDoubleToString(v);
}

/** Numeric and date types whose values a float reading would round. */
const WIDER_THAN_FLOAT = new Set(['long', 'integer', 'short', 'byte', 'double', 'scaled_float', 'unsigned_long', 'date', 'date_nanos']);

export function resolveField<D>(params: AggParams, ctx: AggContext<D>, opts: ResolveOptions): FieldSource<D> {
  const field = params.requiredField();
  const mapped = ctx.fieldType(field);
  if (opts.zoneGiven && mapped !== undefined && mapped !== 'date') {
    throw aggError(`Field [${field}] of type [${mapped}] does not support custom time zones`);
  }
  const missing = params.get('missing');
  const format = params.string('format');
  const zone = opts.zone ?? UTC;
  const kind = kindOf(field, mapped, missing, params.aggType, opts.numericOnly);
  if (format !== undefined && kind !== undefined && kind !== 'date') {
    throw aggError(`[format] on the non-date field [${field}] is not supported by the embedded engine`);
  }
  // On an unmapped field (no `missing`) OpenSearch still prints through the format (a DecimalFormat by
  // default): a `sum`'s 0 as `value_as_string`, a `range`'s bounds as `from/to_as_string`, a histogram's
  // extended-bounds keys as `key_as_string` (hunt3 C15). min/max/avg (null), stats (count 0), value_count,
  // terms, date_histogram and date_range print nothing else or print dates, which the engine does.
  if (format !== undefined && mapped === undefined && kind === undefined
    && (params.aggType === 'sum' || params.aggType === 'range' || (params.aggType === 'histogram' && params.get('extended_bounds') !== undefined))) {
    throw aggError(`[format] on the unmapped field [${field}] of a [${params.aggType}] aggregation is not supported by the embedded engine`);
  }
  if (format !== undefined && kind === 'date') {
    // A date values source compiles its whole `format` as a date format (DateFormatter.forPattern): a
    // numeric pattern (`#`, `0.###E0`) or any other invalid one fails the shard there.
    const problem = format !== '' && format.split('||').some((p) => p === '')
      ? { kind: 'invalid' as const, message: `Cannot have empty element in multi date format pattern: ${format}` }
      : dateFormatProblem(format);
    if (problem?.kind === 'invalid') {
      const inner = /^Invalid format: \[[^]*?\]: ([^]*)$/.exec(problem.message);
      throw new EngineError(400, 'illegal_argument_exception', problem.message,
        inner ? { caused_by: { type: 'illegal_argument_exception', reason: inner[1] } } : undefined);
    }
  }
  const dateFormat = format ?? ctx.fieldPrintFormat?.(field) ?? ctx.fieldFormat?.(field) ?? DEFAULT_DATE_FORMAT;
  const printer: DatePrinter | undefined = kind === 'date' ? datePrinter(dateFormat) : undefined;
  // Inside a bucket only the shards with documents in it meet in the reduce, and the first of them prints
  // (a date_histogram under a histogram bucket holding only an ISO-mapped index's documents prints ISO
  // even when a yyyy/MM/dd index comes first overall; checked on 3.6.0, wide seed 85).
  const printers = new Map<string, DatePrinter>();
  const printerHere = (): DatePrinter | undefined => {
    if (!printer || format !== undefined) return printer;
    const types = ctx.shardFieldTypes?.(field);
    if (!types) return printer;
    // The reduce's first result comes from a shard that does not map the field (an empty index too): it
    // was built with the unmapped source's format, the default date format for date_histogram and
    // date_range, none for the metrics (no *_as_string); unmapped terms are left out of the reduce
    // (checked on 3.6.0; hunt4 r30, the wide generator's yyyy/MM/dd class).
    if (types[scope.shards?.[0] ?? 0] === undefined && missing === undefined && params.aggType !== 'terms') {
      if (params.aggType !== 'date_histogram' && params.aggType !== 'date_range') return undefined;
      let p = printers.get(DEFAULT_DATE_FORMAT);
      if (!p) printers.set(DEFAULT_DATE_FORMAT, p = datePrinter(DEFAULT_DATE_FORMAT));
      return p;
    }
    if (scope.shards === undefined || !scope.shards.some((sh) => types[sh] !== undefined)) return printer;
    const f = ctx.fieldPrintFormat?.(field, scope.shards) ?? ctx.fieldFormat?.(field, scope.shards) ?? DEFAULT_DATE_FORMAT;
    if (f === dateFormat) return printer;
    let p = printers.get(f);
    if (!p) printers.set(f, p = datePrinter(f));
    return p;
  };
  const parseFormat = compileDateFormat(ctx.fieldFormat?.(field) ?? DEFAULT_DATE_FORMAT) ?? compileDateFormat(DEFAULT_DATE_FORMAT)!;
  const isFloat = mapped === 'float';
  // Each shard reads the field with its own type: a float in one index beside a long, a date or a double in
  // another gives values (and formats) the merged reading here cannot reproduce exactly (hunt4 r31-r33).
  const shardTypes = ctx.shardFieldTypes?.(field) ?? [];
  const single = shardTypes.find((t) => t === 'float' || t === 'half_float');
  const wider = shardTypes.find((t) => t !== undefined && WIDER_THAN_FLOAT.has(t));
  if (single && wider && params.aggType !== 'value_count') {
    throw aggError(`[${params.aggType}] aggregation on the field [${field}] mapped as [${single}] in one searched index and as [${wider}] in another is not supported by the embedded engine`);
  }
  // date_range and date_histogram read their bounds (ranges, extended/hard bounds) and `missing` in their
  // `time_zone` (texts without an offset, epoch texts too) and do date math on that zone's wall clock.
  const readZone = zone !== UTC ? zone : undefined;

  const parseBound = (value: unknown, what: string, roundUp = false): number => {
    // A date_range bound given as a JSON number is Java's (long) of it (1.5 is 1, 1e20 is Long.MAX_VALUE):
    // on a number field that long, on a date field printed and read like a string bound through the format
    // (the field's, or an explicit one): on an epoch_second field 1488700000 is seconds, on a default-format
    // field 2017 is the year 2017.
    if (params.aggType === 'date_range' && (what === 'from' || what === 'to') && (typeof value === 'number' || isRawNumber(value))) {
      value = javaLongText(value);
      if (kind !== 'date') return Number(value);
    }
    if (kind === 'date') {
      // A `range` aggregation (not date_range) keeps a JSON number bound as the double it is, whatever the
      // format (which then only prints it): RangeAggregationBuilder parses only string bounds with it
      // (FINDINGS 20/31, checked on 3.6.0).
      if (params.aggType === 'range' && (what === 'from' || what === 'to') && typeof value === 'number') return value;
      // date_histogram's extended/hard bounds (LongBounds) take a JSON number as epoch millis whatever the
      // format (hunt3 C20); one with a fraction fails the request's parsing.
      if (params.aggType === 'date_histogram' && /^(extended|hard)_bounds\./.test(what) && typeof value === 'number') {
        if (Number.isInteger(value)) return value;
        const [outer, key] = what.split('.');
        const inner = `[bounds] failed to parse field [${key!}]`;
        throw new EngineError(400, 'x_content_parse_exception', `[date_histogram] failed to parse field [${outer!}]`, {
          root_cause: [{ type: 'x_content_parse_exception', reason: inner }],
          caused_by: { type: 'x_content_parse_exception', reason: inner,
            caused_by: { type: 'illegal_argument_exception', reason: `${javaDoubleToString(value)} cannot be converted to Long without data loss` } },
        });
      }
      // With an explicit `format`, OpenSearch reads every other bound through it, numbers included (0 with
      // format yyyy is refused there).
      const explicit = format !== undefined ? compileDateFormat(format) : undefined;
      if (explicit && (typeof value === 'number' || typeof value === 'string')) return parseDateMath(String(value), explicit, roundUp, Date.now(), readZone);
      // `missing` goes through the field's date parser whatever its JSON type: its text is parsed (2024 is
      // the year 2024 under `yyyy||epoch_millis`; 7 is refused under `yyyy-MM-dd HH:mm:ss.SSS`).
      if (what === 'missing' && (typeof value === 'number' || isRawNumber(value))) {
        return parseDateMath(isRawNumber(value) ? value.rawJSON : numberText(value), parseFormat, roundUp, Date.now(), readZone);
      }
      if (typeof value === 'number' && Number.isFinite(value)) return value;
      // Date math (`now-1M/M`, `2020-01-01||+1d`) as in range queries; parse errors surface as 400s.
      if (typeof value === 'string') return parseDateMath(value, parseFormat, roundUp, Date.now(), readZone);
      throw aggError(`failed to parse date [${String(value)}] for [${what}] of field [${field}]`, 'parse_exception');
    }
    if (kind === 'boolean' && typeof value === 'boolean') return value ? 1 : 0;
    if (kind === 'boolean' && typeof value === 'string' && (what === 'from' || what === 'to')) {
      // A range/date_range string bound on a boolean goes through DocValueFormat.BOOLEAN: strictly "true" or
      // "false" (checked on 3.6.0: "1", "TRUE" and "2000" fail the shard).
      if (value === 'true' || value === 'false') return value === 'true' ? 1 : 0;
      throw new EngineError(400, 'illegal_argument_exception', `Cannot parse boolean [${value}], expected either [true] or [false]`);
    }
    if (params.aggType === 'date_range' && typeof value === 'string' && format === undefined) {
      // Without a format OpenSearch reads a date_range bound on a number field with Double.parseDouble while
      // building the aggregation (after the query): a 400 NumberFormatException.
      const t = value.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '');
      const m = /^[+-]?(?:NaN|Infinity|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?[dDfF]?)$/.exec(t);
      if (!m) throw new EngineError(400, 'number_format_exception', t === '' ? 'empty String' : `For input string: "${value}"`);
      const v = Number(t.replace(/[dDfF]$/, ''));
      if (Number.isFinite(v)) return v;
    }
    const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
    if (typeof n !== 'number' || !Number.isFinite(n)) {
      // date_range on a numeric field fails while aggregating on OpenSearch (500), range while parsing (400).
      if (params.aggType === 'date_range') throw new EngineError(500, 'runtime_exception', `java.text.ParseException: Unparseable number: "${String(value)}"`);
      // A `missing` that is no number: Java's number parsing of its text fails on the shard (checked on
      // 3.6.0 for terms, sum, histogram and date_histogram on long and float fields; hunt4 E1).
      if (what === 'missing' && (typeof value === 'string' || typeof value === 'boolean')) {
        throw new EngineError(400, 'number_format_exception', String(value).trim() === '' ? 'empty String' : `For input string: "${String(value)}"`);
      }
      throw aggError(`[${what}] must be a number for field [${field}], got [${String(value)}]`);
    }
    return n;
  };

  let missingValue: string | number | undefined;
  if (missing !== undefined && missing !== null) {
    if (kind === 'keyword') missingValue = typeof missing === 'object' ? JSON.stringify(missing) : String(missing);
    else if (kind === 'boolean') {
      if (missing !== true && missing !== 'true' && missing !== false && missing !== 'false') {
        // OpenSearch parses a boolean `missing` strictly (Booleans.parseBoolean), 0/1 included.
        throw new EngineError(400, 'illegal_argument_exception', `Cannot parse boolean [${String(missing)}], expected either [true] or [false]`);
      }
      missingValue = missing === true || missing === 'true' ? 1 : 0;
    }
    // A date `missing` is read with the aggregation's time zone as the default zone (parseBound's readZone):
    // a date without an offset, even an epoch number, is a wall-clock time there (`2017-03-05` with
    // America/New_York is 05:00Z); an explicit offset (`...T02:00:00Z`) and `now` keep their instant.
    else missingValue = parseBound(missing, 'missing');
  }
  const missingList = missingValue === undefined ? [] : [missingValue];

  const values = (doc: D): readonly (string | number)[] => {
    if (mapped === undefined) return missingList;
    const raw = ctx.values(doc, field);
    if (raw.length === 0) return missingList;
    // float fields keep single precision in doc values; OpenSearch widens them to double on output.
    return isFloat ? raw.map((v) => (typeof v === 'number' ? Math.fround(v) : v)) : raw;
  };

  const scanSpec = { ctx, field, mapped: mapped !== undefined, isFloat, missing: missingValue, values };
  const exact = mapped === 'long' && ctx.hasExact?.(field) === true && ctx.exactValues !== undefined;
  const termValues = exact
    ? (doc: D): readonly (string | number | bigint)[] => {
      const xs = ctx.exactValues!(doc, field);
      if (xs.length === 0) return missingList;
      return xs.map((x) => (x > -9007199254740992n && x < 9007199254740992n ? Number(x) : x));
    }
    : undefined;
  return {
    field,
    kind,
    values,
    ...(termValues ? { termValues } : {}),
    scan: (docs, visit) => scanValues(scanSpec, docs, visit),
    numbers: (docs) => gatherNumbers(scanSpec, docs),
    ordinals() {
      if (mapped === undefined || kind !== 'keyword') return undefined;
      const column = ctx.column?.(field);
      return column?.kind === 'ordinals' ? column : undefined;
    },
    missing: missingValue,
    asString: (v) => (printer ? printerHere()?.(v, zone) : kind === 'boolean' ? (v !== 0 ? 'true' : 'false') : undefined),
    parseBound,
  };
}

function kindOf(field: string, mapped: string | undefined, missing: unknown, aggType: string, numericOnly: boolean): ValueKind | undefined {
  if (mapped === undefined && field.startsWith('_')) {
    // A meta field (`_index`, `_id`, ...) the search core does not expose as doc values: treating it as
    // unmapped would silently answer "no buckets" where OpenSearch has them, so refuse instead.
    throw aggError(`aggregating on meta field [${field}] is not supported by the embedded engine`);
  }
  if (mapped === undefined && (aggType === 'date_histogram' || aggType === 'date_range')) {
    // Their default values source is a date one: bounds, `missing` and keys are read and printed as dates
    // (in the default format) on an unmapped field too.
    return 'date';
  }
  if (mapped === undefined) {
    // OpenSearch treats an unmapped field with `missing` as if every doc held that value.
    // Its values source is the aggregation's default one: numeric for numeric aggregations, bytes for the
    // others (terms, cardinality, value_count, missing), so `missing: 0` is the term "0" there.
    if (missing === undefined || missing === null) return undefined;
    if (!numericOnly) return 'keyword';
    if (typeof missing === 'number') return 'number';
    if (typeof missing === 'boolean') return 'boolean';
    throw notSupported(field, 'unmapped', aggType);
  }
  if (mapped === 'text') {
    throw aggError(
      `Text fields are not optimised for operations that require per-document field data like aggregations and sorting, so these operations are disabled by default. Please use a keyword field instead. Alternatively, set fielddata=true on [${field}] in order to load field data by uninverting the inverted index. Note that this can use significant memory.`,
    );
  }
  if (INTEGRAL.has(mapped) || FLOATING.has(mapped)) return 'number';
  if (mapped === 'date' || mapped === 'date_nanos') return 'date';
  if (mapped === 'boolean') return 'boolean';
  if (mapped === 'keyword' && !numericOnly) return 'keyword';
  throw notSupported(field, mapped, aggType);
}

function notSupported(field: string, type: string, aggType: string): Error {
  return aggError(`Field [${field}] of type [${type}] is not supported for aggregation [${aggType}]`);
}
