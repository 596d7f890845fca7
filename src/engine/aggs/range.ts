/**
 * The `range` aggregation: `from` inclusive, `to` exclusive; a document counts once per range it has any
 * value in. Like OpenSearch, ranges are reported sorted by (from, to), keys default to "from-to" with
 * Java's double rendering ("*-100.0", "100.0-200.0") or the date format for date fields, which also get
 * `from_as_string` / `to_as_string`.
 */
import type { AggNode, CompileInput } from './agg-node.js';
import { EngineError, atParse } from '../errors.js';
import { positionOf } from '../index/json-positions.js';
import { objectParserError } from '../query/clause-errors.js';
import { AggParams, aggError, fieldParseError, isPlainObject } from './agg-params.js';
import { resolveField } from './field-source.js';
import { javaDoubleToString } from '../index/java-double.js';
import { asObject } from './terms.js';
import { parseTimeZone, timeZoneParseError, type TimeZone } from '../index/time-zone.js';

interface RangeSpec { key: string; from: number; to: number; explicitKey: boolean }

export function compileRange<D>({ name, type, body, subs, ctx }: CompileInput<D>): AggNode<D> {
  const params = new AggParams(type, name, asObject(type, body), type === 'date_range'
    ? ['field', 'ranges', 'keyed', 'missing', 'format', 'time_zone']
    : ['field', 'ranges', 'keyed', 'missing', 'format']);
  // date_range's `time_zone` is parsed with the request (a bad id fails it there); bounds and `missing` are
  // read in it and keys printed in it.
  const tz = params.string('time_zone');
  let zone: TimeZone | undefined;
  try {
    if (tz !== undefined) zone = parseTimeZone(tz);
  } catch (e) {
    if (e instanceof EngineError) throw timeZoneParseError(type, e, params.at('time_zone'));
    throw e;
  }
  const source = resolveField(params, ctx, { numericOnly: true, ...(zone ? { zone, zoneGiven: true } : {}) });
  const keyed = params.boolean('keyed') ?? false;
  const rawRanges = params.get('ranges');
  if (!Array.isArray(rawRanges) || rawRanges.length === 0) throw aggError(`No [ranges] specified for the [${name}] aggregation`);
  const render = (v: number): string => source.asString(v) ?? javaDoubleToString(v);
  const ranges: RangeSpec[] = rawRanges.map((r) => {
    if (!isPlainObject(r)) throw aggError(`[ranges] of [${name}] must hold objects`);
    for (const k of Object.keys(r)) {
      if (k === 'from' || k === 'to' || k === 'key') continue;
      // The range's ObjectParser refuses the member at its name; the aggregation's parser then fails its
      // `ranges` field where the parser stands (the member's value), caused by that error (its root cause).
      const inner = objectParserError('range', r, k, { kind: 'unknown' });
      const pos = positionOf({ holder: r, key: k, at: 'value' });
      if (pos === undefined) throw inner;
      const reason = `[${pos.line}:${pos.col}] [${type}] failed to parse field [ranges]`;
      throw atParse(new EngineError(400, 'x_content_parse_exception', reason, {
        root_cause: [{ type: inner.type, reason: inner.reason }], caused_by: { type: inner.type, reason: inner.reason },
      }));
    }
    const from = r.from === undefined || r.from === null ? -Infinity : source.parseBound(r.from, 'from');
    const to = r.to === undefined || r.to === null ? Infinity : source.parseBound(r.to, 'to');
    if (r.key !== undefined && typeof r.key !== 'string') throw aggError(`[key] of a range must be a string`);
    const key = r.key ?? `${from === -Infinity ? '*' : render(from)}-${to === Infinity ? '*' : render(to)}`;
    return { key, from, to, explicitKey: r.key !== undefined };
  });
  ranges.sort((a, b) => a.from - b.from || a.to - b.to);
  // OpenSearch 3.6 answers a range aggregation without sub-aggregations on an integer field from its points
  // (FilterRewriteOptimizationContext) where it can, with the bounds cast to the field's type (7.5 is 7) and
  // an open upper end at the type's maximum, exclusive (a value equal to it is left out). Where that
  // reading gives other counts than the exact one for these documents, the request is refused rather than
  // guessing which one OpenSearch takes (see the engine README).
  const mapped = ctx.fieldType(params.requiredField());
  const typeMax = mapped === 'integer' ? 2147483647 : mapped === 'short' ? 32767 : mapped === 'byte' ? 127 : mapped === 'long' ? 2 ** 63 : undefined;
  const pointRanges = typeMax !== undefined && subs.names.length === 0
    ? ranges.map((r) => ({ from: r.from === -Infinity ? -Infinity : Math.trunc(r.from), to: r.to === Infinity ? typeMax : Math.trunc(r.to) }))
    : undefined;

  // DocValueFormat.BOOLEAN.format returns a Boolean, which InternalRange writes as a JSON boolean in
  // `from_as_string`/`to_as_string` (the key is built with its toString: "true-true").
  const asJson = (s: string): string | boolean => (source.kind === 'boolean' ? s === 'true' : s);

  return {
    run(docs) {
      const members: D[][] = ranges.map(() => []);
      // Index of the last doc added per range: a doc with several values in one range counts once.
      const lastIn = new Int32Array(ranges.length).fill(-1);
      const { values, owner, length } = source.numbers(docs);
      for (let j = 0; j < length; j++) {
        const v = values[j]!;
        const i = owner[j]!;
        for (let r = 0; r < ranges.length; r++) {
          const range = ranges[r]!;
          if (v >= range.from && v < range.to && lastIn[r] !== i) {
            lastIn[r] = i;
            members[r]!.push(docs[i]!);
          }
        }
      }
      if (pointRanges) {
        const seen = pointRanges.map(() => new Set<number>());
        for (let j = 0; j < length; j++) {
          pointRanges.forEach((r, k) => { if (values[j]! >= r.from && values[j]! < r.to) seen[k]!.add(owner[j]!); });
        }
        if (seen.some((set, k) => set.size !== members[k]!.length)) {
          throw aggError(`[${type}] aggregation [${name}] on the ${mapped} field [${params.requiredField()}] without sub-aggregations, where OpenSearch's points optimization (bounds cast to ${mapped}, open end exclusive at its maximum) counts differently, is not supported by the embedded engine; add a sub-aggregation or use whole-number bounds`);
        }
      }
      const buckets = ranges.map((r, i) => {
        const docsIn = members[i]!;
        const b: Record<string, unknown> = {};
        if (!keyed) b.key = r.key;
        if (r.from !== -Infinity) {
          b.from = r.from;
          const s = source.asString(r.from);
          if (s !== undefined) b.from_as_string = asJson(s);
        }
        if (r.to !== Infinity) {
          b.to = r.to;
          const s = source.asString(r.to);
          if (s !== undefined) b.to_as_string = asJson(s);
        }
        b.doc_count = docsIn.length;
        return { key: r.key, bucket: { ...b, ...subs.run(docsIn) } };
      });
      if (!keyed) return { buckets: buckets.map((b) => b.bucket) };
      return { buckets: Object.fromEntries(buckets.map((b) => [b.key, b.bucket])) };
    },
  };
}
