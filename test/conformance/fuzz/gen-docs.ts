/**
 * The fuzzer's documents: one fixed mapping and values chosen to hit what differs between engines —
 * unicode text (accents, final sigma, dotted I, CJK, Katakana, Thai, emoji, symbols), keywords, numeric
 * extremes (±2^31, 2^53-1, longs beyond 2^53 up to Long.MIN/MAX_VALUE, -0.0, tiny and huge floats, a float overflowing to
 * Infinity, "" in a number field), shorts, dates in several formats and precisions (negative epochs, epoch seconds), booleans
 * written as strings, objects, arrays, explicit nulls, missing fields, and one field left to dynamic mapping.
 */
import fc from 'fast-check';

export const MAPPING = {
  properties: {
    uid: { type: 'keyword' },
    title: { type: 'text', fields: { raw: { type: 'keyword', ignore_above: 64 } } },
    body: { type: 'text' },
    tag: { type: 'keyword' },
    tags: { type: 'keyword' },
    i: { type: 'integer' },
    l: { type: 'long' },
    f: { type: 'float' },
    dbl: { type: 'double' },
    d: { type: 'date' },
    d2: { type: 'date', format: 'yyyy-MM-dd HH:mm:ss||yyyy/MM/dd||epoch_millis' },
    b: { type: 'boolean' },
    obj: { properties: { name: { type: 'keyword' }, n: { type: 'integer' } } },
    // A text field scored without length normalisation, an epoch_second date, an object kept out of the index,
    // a short.
    nt: { type: 'text', norms: false },
    ds: { type: 'date', format: 'epoch_second' },
    dis: { type: 'object', enabled: false },
    sh: { type: 'short' },
  },
} as const;

export const WORDS = ['quick', 'brown', 'fox', 'Fox', 'FOX', 'jumps', 'lazy', 'dog', 'dogs', 'café', 'cafe', 'naïve', 'Straße',
  'İstanbul', 'istanbul', 'ΟΔΟΣ', 'οδος', 'σοφός', '東京', 'タワー', 'ภาษาไทย', '★', '🙂', "don't", 'e-mail', 'x2', '3.14',
  'über', 'ÅNGSTRÖM', 'the', 'a', 'of', 'and', 'fox-trot', 'wi-fi', 'U.S.A.', 'hello_world', '42', 'ǅemal', 'ﬁne'] as const;
export const KEYWORDS = ['alpha', 'Alpha', 'beta', 'gamma', 'δέλτα', '東京', '', ' spaced ', 'a*b', 'z', 'Z', '0', '10', '9', 'ñ', 'n\u0303'] as const;
export const INTS = [-2147483648, -1, 0, 1, 2, 7, 42, 100, 2147483647] as const;
export const LONGS = [-9007199254740991, -1, 0, 3, 42, 123456789012, 9007199254740991] as const;
/** Longs beyond 2^53, which OpenSearch keeps digit for digit: JSON integers (bigints are written as their
 *  digits: Long.MAX_VALUE, Long.MIN_VALUE, ±(2^53 + 1), neighbours that round to the same double; numbers
 *  as JavaScript writes them, `2 ** 60` is `1152921504606847000`) and strings. */
export const BIG_LONGS = [2 ** 60, -(2 ** 62), 9007199254740992, '1152921504606846976', '9007199254740993', '-9223372036854775808', '42',
  9223372036854775807n, -9223372036854775808n, 9007199254740993n, -9007199254740993n, 9223372036854775806n, 9223372036854775000n,
  '9223372036854775807', '-9007199254740993', '9223372036854775806'] as const;
/** 3.5e38 is a finite double beyond Float.MAX_VALUE: Infinity for a float field, refused there. */
export const FLOATS = [0, -0, 0.1, 0.5, 1.5, -2.25, 1e-7, 3.4e38, 1e20, 2.5, 7, -7.75, 3.5e38] as const;
export const SHORTS = [-32768, -1, 0, 1, 7, 300, 32767] as const;
/** Whole epoch seconds (fractions print and parse differently on OpenSearch: not drawn). */
/** `epoch_second` values: whole seconds (negative too) and positive fractions of a second. */
export const EPOCH_SECONDS = [0, 1488700000, '1488700000', -5, 86400, 1709251200, '-86400', 1.5, '1488700000.123', '7.05', 12, '2.5'] as const;
/** Dates; a negative number of 4 to 9 digits (or such a string) is a *year* to the default format
 *  (`-86400000` is the year -86400000, beyond JavaScript's Date range). */
export const DATES = ['2017', '2017-03', '2017-03-05', '2017-03-05T10:11:12Z', '2017-03-05T10:11:12.345+02:00', '2020-02-29',
  '2017-12-31T23:59:59.999Z', '1969-12-31T23:59:59Z', '1970-01-01', '2024-06-15T00:00:00Z', 1488700000000, 0, -86400000,
  -1000, '-5000', -123456789, '-86400000', -5, '-12345678901'] as const;
export const DATES2 = ['2017-03-05 10:11:12', '2017/03/05', '2020/02/29', 1488700000000, '2024-06-15 00:00:00', -5] as const;
export const BOOLS = [true, false, 'true', 'false'] as const;

export interface FuzzDoc { readonly id: string; readonly source: Record<string, unknown> }

const text = fc.array(fc.constantFrom(...WORDS), { minLength: 0, maxLength: 6 }).chain((ws) =>
  fc.array(fc.constantFrom(' ', ' ', ', ', '. ', '-', '  '), { minLength: ws.length, maxLength: ws.length })
    .map((seps) => ws.map((w, i) => (i === 0 ? w : seps[i]! + w)).join('')));

/** A value, an array of values (sometimes with nulls), null, or absent (undefined). */
function slot<T>(v: fc.Arbitrary<T>, arrays = true): fc.Arbitrary<T | (T | null)[] | null | undefined> {
  const opts: fc.Arbitrary<T | (T | null)[] | null | undefined>[] = [v, v, v, fc.constant(null), fc.constant(undefined)];
  if (arrays) opts.push(fc.array(fc.oneof(v, v, v, fc.constant(null)), { minLength: 0, maxLength: 3 }));
  return fc.oneof(...opts);
}

const sourceArb = fc.record({
  title: slot(text),
  body: slot(text),
  tag: slot(fc.constantFrom(...KEYWORDS)),
  tags: slot(fc.constantFrom(...KEYWORDS)),
  // "" in a number field is null (no value) with coerce on.
  i: slot(fc.oneof(fc.constantFrom(...INTS), fc.integer({ min: -5, max: 50 }), fc.constant(''))),
  l: slot(fc.oneof({ weight: 8, arbitrary: fc.constantFrom<number | string | bigint>(...LONGS) }, { weight: 2, arbitrary: fc.constantFrom<number | string | bigint>(...BIG_LONGS) })),
  f: slot(fc.constantFrom(...FLOATS)),
  dbl: slot(fc.oneof(fc.constantFrom(...FLOATS), fc.double({ min: -1000, max: 1000, noNaN: true }))),
  d: slot(fc.constantFrom(...DATES)),
  d2: slot(fc.constantFrom(...DATES2)),
  b: slot(fc.constantFrom(...BOOLS)),
  obj: fc.oneof(
    fc.constant(undefined),
    fc.record({ name: slot(fc.constantFrom(...KEYWORDS), false), n: slot(fc.constantFrom(...INTS), false) }),
    fc.array(fc.record({ name: slot(fc.constantFrom(...KEYWORDS), false), n: slot(fc.constantFrom(...INTS), false) }), { maxLength: 2 }),
  ),
  sh: slot(fc.constantFrom(...SHORTS)),
  ds: slot(fc.constantFrom(...EPOCH_SECONDS)),
  // Left to dynamic mapping: the first document that has it decides the type (text+keyword, long, float, boolean, date).
  x: fc.oneof(fc.constant(undefined), fc.constant(undefined), fc.constantFrom('red', 'Blue', '2019-01-02', 5, 2.5, true)),
  nt: slot(text),
  dis: fc.oneof(fc.constant(undefined), fc.constant(undefined), fc.constantFrom<unknown>('scalar', [1, 2], { a: 1, b: [true, 'x'] }, [{ a: 1 }, 3])),
}, { requiredKeys: [] });

function clean(src: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(src)) {
    if (v === undefined) continue;
    out[k] = v !== null && typeof v === 'object' && !Array.isArray(v) ? clean(v as Record<string, unknown>) : v;
  }
  return out;
}

export function docsArb(min = 3, max = 30): fc.Arbitrary<FuzzDoc[]> {
  return fc.array(sourceArb, { minLength: min, maxLength: max }).map((srcs) =>
    srcs.map((s, i) => ({ id: `d${i}`, source: { uid: `d${String(i).padStart(3, '0')}`, ...clean(s as Record<string, unknown>) } })));
}

/** Later writes in history mode: replace, delete, re-create, and (embedded) close and reopen the data directory. */
export type HistoryOp =
  | { readonly op: 'index'; readonly id: string; readonly source: Record<string, unknown> }
  | { readonly op: 'delete'; readonly id: string }
  | { readonly op: 'reopen' };

export function historyArb(): fc.Arbitrary<HistoryOp[]> {
  const id = fc.integer({ min: 0, max: 34 }).map((n) => `d${n}`);
  return fc.array(fc.oneof(
    fc.record({ op: fc.constant('index' as const), id, source: sourceArb.map((s) => clean(s as Record<string, unknown>)) })
      .map((o) => ({ ...o, source: { uid: `u${o.id}`, ...o.source } })),
    fc.record({ op: fc.constant('delete' as const), id }),
    fc.constant({ op: 'reopen' as const }),
  ), { minLength: 1, maxLength: 8 });
}
