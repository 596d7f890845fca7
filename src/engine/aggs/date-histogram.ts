/**
 * The `date_histogram` aggregation with `calendar_interval`, `fixed_interval` (or the legacy `interval`),
 * `time_zone`, `offset`, `min_doc_count`, `extended_bounds`, `format`, `order` and `keyed`.
 * Keys are epoch millis of the bucket start; `key_as_string` uses the format in the time zone.
 */
import type { AggNode, CompileInput } from './agg-node.js';
import { EngineError } from '../errors.js';
import { AggParams, aggError, fieldParseError } from './agg-params.js';
import { parseOrder } from './bucket-order.js';
import { calendarRounding, fixedRounding, isCalendarInterval, parseOffsetMillis, withBucketCache, withOffset } from './date-rounding.js';
import { resolveField } from './field-source.js';
import { buildHistogram, type Rounding } from './histogram-buckets.js';
import { checkDateExtended, dateKeyInside, readDateHardBounds } from './hard-bounds.js';
import { readBounds } from './histogram.js';
import { javaDoubleToString } from '../index/java-double.js';
import { asObject } from './terms.js';
import { UTC, parseTimeZone, timeZoneParseError, type TimeZone } from '../index/time-zone.js';

const PARAMS = ['field', 'calendar_interval', 'fixed_interval', 'interval', 'time_zone', 'offset', 'min_doc_count',
  'extended_bounds', 'hard_bounds', 'order', 'keyed', 'missing', 'format'];

export function compileDateHistogram<D>({ name, type, body, subs, ctx }: CompileInput<D>): AggNode<D> {
  const raw = asObject(type, body);
  const params = new AggParams(type, name, raw, PARAMS);
  // Checked while OpenSearch parses the request (before the field): the time zone, calendar and fixed
  // intervals together (the second one given fails), a negative min_doc_count.
  const tz = params.string('time_zone');
  let zone: TimeZone = UTC;
  try {
    if (tz !== undefined) zone = parseTimeZone(tz);
  } catch (e) {
    if (e instanceof EngineError) throw timeZoneParseError(type, e, params.at('time_zone'));
    throw e;
  }
  const calendar = params.string('calendar_interval');
  const fixed = params.string('fixed_interval');
  const legacy = params.string('interval');
  if (calendar !== undefined && fixed !== undefined) {
    const [first, second] = Object.keys(raw).filter((k) => k === 'calendar_interval' || k === 'fixed_interval');
    throw fieldParseError(type, second!, `Cannot use [${second!}] with [${first!}] configuration option.`, undefined, undefined, params.at(second!));
  }
  const minDocCountEarly = params.integer('min_doc_count') ?? 0;
  if (minDocCountEarly < 0) throw fieldParseError(type, 'min_doc_count', `[minDocCount] must be greater than or equal to 0. Found [${minDocCountEarly}] in [${name}]`, undefined, undefined, params.at('min_doc_count'));
  const source = resolveField(params, ctx, { numericOnly: true, zone, zoneGiven: tz !== undefined });
  const given = [calendar, fixed, legacy].filter((x) => x !== undefined).length;
  if (given === 0) throw aggError(`Invalid interval specified, must be non-null and non-empty`);
  if (given > 1) throw aggError(`Cannot use more than one of [calendar_interval], [fixed_interval] and [interval] in [${name}]`);
  let rounding: Rounding;
  if (calendar !== undefined) rounding = calendarRounding(calendar, zone, undefined, params.at('calendar_interval'));
  else if (fixed !== undefined) rounding = fixedRounding(fixed, zone, undefined, params.at('fixed_interval'));
  else rounding = isCalendarInterval(legacy!) ? calendarRounding(legacy!, zone, 'interval', params.at('interval')) : fixedRounding(legacy!, zone, 'interval', params.at('interval'));
  // Hard bounds are rounded by the interval alone; bucket keys carry the offset.
  const base = rounding;
  const offset = parseOffsetMillis(params.get('offset'));
  rounding = withBucketCache(withOffset(rounding, offset), zone);
  const minDocCount = minDocCountEarly;
  const hard = readDateHardBounds(params, (v, what) => source.parseBound(v, what), (v) => base.round(v));
  // (extended_bounds date texts are read in the time zone by parseBound itself: field-source.ts readZone.)
  const bounds = readBounds(params, (v, what) => source.parseBound(v, what));
  if (hard && bounds) {
    const ext = params.object('extended_bounds')!;
    checkDateExtended(hard, bounds, `[${String(ext.min)}--${String(ext.max)}]`, (v) => base.round(v));
  }
  const order = parseOrder(params.get('order'), [{ by: '_key', asc: true }], subs.names, subs.types, subs.defs, 'date_histogram');
  const keyed = params.boolean('keyed') ?? false;
  // Dates within a few thousand years of a long's limits (years near -292,275,055, or values held as
  // Long.MIN/MAX_VALUE): OpenSearch 3.6's rounding overflows while it prepares ("[9223372025043951616] must
  // be <= [...]", a 400 for year -292275054; year -292275000 is answered). Where exactly it starts is not
  // known, so those are refused (documented).
  const fb = ctx.fieldBounds?.(source.field);
  if (fb && (fb[0] < -9223370312976000000 || fb[1] > 9223370312976000000)) {
    throw aggError(`[date_histogram] [${name}] over dates within 1,000 years of a long's limits of millis is not supported by the embedded engine`);
  }
  return {
    run: (docs) =>
      buildHistogram(docs, {
        rounding, minDocCount, order, keyed, subs,
        // OpenSearch rounds each extended bound by the interval alone, then adds the offset (hunt3 C4); the
        // result is a bucket key, which `rounding` (with the offset) keeps as it is.
        ...(bounds ? { bounds: { min: base.round(bounds.min) + offset, max: base.round(bounds.max) + offset } } : {}),
        keyAsString: (k) => source.asString(k),
        // A date_histogram key is a long: on a field that prints no date (a number) the keyed map's key is
        // the long's digits ("86400000"), not a double's text as a histogram's.
        keyAsText: (k: number) => (Number.isSafeInteger(k) ? String(k) : javaDoubleToString(k)),
        numbers: (d) => source.numbers(d),
        ...(hard ? { collects: (v: number) => dateKeyInside(hard, rounding.round(v)) } : {}),
      }),
  };
}
