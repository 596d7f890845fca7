/**
 * The wide generator's documents (ported from an independent differential hunt): an explicit mapping `M1` with
 * most accepted field types and options (text with a keyword sub-field and ignore_above, a text field with
 * analyzer/search_analyzer/norms:false, keyword ignore_above, byte/short/integer/long/float/double, dates in
 * the default, `epoch_second` and a custom multi-format, boolean, objects with arrays of objects, an
 * `enabled: false` object and a `dynamic: false` object), and fully dynamic documents (no mapping at all).
 * Values deliberately include edge cases: type limits, numbers as strings, fractions in integer fields,
 * overflowing floats, empty strings, nulls and arrays, odd date strings and epochs, Unicode of many scripts.
 * The random source is a seeded mulberry32 (`Rng`), so a seed always draws the same cases.
 */
export class Rng {
  s: number;
  constructor(seed: number) { this.s = seed >>> 0 || 1; }
  next(): number { // mulberry32
    let t = (this.s += 0x6d2b79f5);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(a: number, b: number): number { return a + Math.floor(this.next() * (b - a + 1)); }
  pick<T>(xs: readonly T[]): T { return xs[Math.floor(this.next() * xs.length)]!; }
  chance(p: number): boolean { return this.next() < p; }
  some<T>(xs: readonly T[], min = 1, max = xs.length): T[] {
    const n = this.int(min, Math.min(max, xs.length));
    const c = [...xs];
    for (let i = c.length - 1; i > 0; i--) { const j = this.int(0, i); [c[i], c[j]] = [c[j]!, c[i]!]; }
    return c.slice(0, n);
  }
}

export const WORDS = ['apple', 'Apple', 'APPLE', 'banana', 'cherry', 'river', 'rivers', 'stone', 'quick', 'silver', 'moon', 'night',
  'the', 'and', 'or', 'not', 'to', 'be', 'été', 'ete', 'Ünïcödé', 'naïve', 'Ⅻ', 'ß', 'SS', 'ǆ', 'Ωμέγα', 'ωμεγα', 'Привет', 'привет',
  '北京', '北京大学', 'こんにちは', '한국어', 'עברית', 'العربية', '😀', '👍🏽', '1984', '3.5', '-7', 'x_y', 'a.b', 'o\'neil', 'rock&roll',
  'foo/bar', 'e=mc2', 'C++', 'node.js', 'user@example.com', 'http://x.org/a?b=c', '#tag', '$100', '50%', 'ﬀ', 'Å', 'Å', 'İ', 'ı', 'ǅ'];

export const LONG_STR = Array.from({ length: 40 }, (_, i) => WORDS[i % 12]).join(' '); // > 256 chars
export const KW = ['red', 'Red', 'RED', 'green', 'blue', 'blue ', ' blue', '', ' ', 'a', 'b', 'A', 'aa', 'ab', 'b*', 'x?y', '10', '9', '100',
  '-1', '1.0', 'true', 'null', 'ü', 'u\u0308', '😀', '北京', 'very-long-keyword-value-over-twenty', 'Zürich', 'zurich', 'abc\\def', 'a b c'];

const TEXTS = (r: Rng): unknown => {
  const k = r.int(0, 20);
  if (k === 0) return '';
  if (k === 1) return '   ';
  if (k === 2) return LONG_STR;
  if (k === 3) return r.int(0, 1) ? 42 : 3.25;
  if (k === 4) return r.chance(0.5) ? [] : [sentence(r), null, sentence(r)];
  if (k === 5) return null;
  if (k === 6) return true;
  if (k === 7) return [sentence(r), sentence(r)];
  return sentence(r);
};
export function sentence(r: Rng): string {
  const n = r.int(1, 7);
  const ws: string[] = [];
  for (let i = 0; i < n; i++) ws.push(r.pick(WORDS));
  return ws.join(r.pick([' ', ' ', ', ', '-', '. ', '  ', '\t', '\n', '_', '/']));
}
const KWV = (r: Rng): unknown => {
  const k = r.int(0, 16);
  if (k === 0) return LONG_STR.slice(0, r.pick([19, 20, 21, 300]));
  if (k === 1) return r.pick([7, 10, -3, 2.5, 1e21]);
  if (k === 2) return r.pick([true, false]);
  if (k === 3) return null;
  if (k === 4) return [r.pick(KW), r.pick(KW), null];
  if (k === 5) return [];
  return r.pick(KW);
};
const SHORTS = [-32768, 32767, 0, 1, -1, '12', ' 13', 1.9, -1.9, '1.5', 32768, 7, 100, null, [1, 2], '0x10', 1e2];
const BYTES = [-128, 127, 0, 5, 128, -129, '5', 2.5, null, [3, -3]];
const INTS = [2147483647, -2147483648, 0, 1, 42, -42, '42', 2.9, -2.9, '2.9', 2147483648, 1e9, '1e3', null, [5, 1, 3], '', 3.0];
const LONGS = [9007199254740991, -9007199254740991, 0, 1, -1, 123456789012, '123456789012', 1.5, '1.5', 1e15, '1e3', 2 ** 53, null, [10, -10], ' 5', '-0', 4e18];
const FLOATS = [0.1, 0.2, 0.1 + 0.2, 0.3, 3.4028234663852886e38, 1.4e-45, -0, 0, 1e39, '0.1', '1e10', 16777217, 1.1, 2.5, -7.25, null, [1.5, 0.5], 'NaN', 1e-46, 123456.789];
const DOUBLES = [0.1 + 0.2, 0.3, 1e308, -1e-308, 5e-324, 1.7976931348623157e308, -0, 0, 9007199254740993, '0.30000000000000004', 1e-7, 2.5, -2.5, 100, null, [1.25, -1.25], 'Infinity', 1e22, 123456789.123456789];
const DATES = ['2017-03-05', '2017-03-05T10:11:12Z', '2017-03-05T10:11:12.123456789Z', '2017-03-05T10:11:12.1Z', '2017-03-05T10:11:12+05:30',
  '2017-03-05T10:11:12-08:00', '2017-03-05T10:11', '2017-03-05T10', '2017-03', '2017', '2016-02-29T23:59:59.999Z', '1970-01-01T00:00:00Z',
  '1969-12-31T23:59:59.999Z', '1900-01-01', '0001-01-01', '9999-12-31T23:59:59Z', 1488700000000, '1488700000000', 0, -1, -1000,
  -12345678901, '-12345678901', -1488700000000, 1.5e12, '1488700000000.5', 1488700000000.7, '20170305', '2017-3-5', '2017-03-05 10:11:12',
  '2017-03-05T10:11:12.123Z', '2017-03-05T24:00:00Z', '2017-02-30', null, ['2017-01-01', '2018-01-01'], [], '2017-03-05T10:11:12,5Z',
  '+2017-03-05', '2017-W10', '2017-03-05Z', 99999999999, 12345];
const ESEC = [1488700000, '1488700000', 1488700000.123, '1488700000.123', 0, -1, -1488700000, '-1488700000.5', 1e9, null, '2017-03-05', 1.5];
const CUSTOM = ['05/03/2017 10:11', '31/12/1999 23:59', '2017-03-05 10:11:12.345', '1999-12-31 00:00:00.000', 1488700000000, '1488700000000',
  '5/3/2017 10:11', '2017-03-05', null, '29/02/2016 00:00', '30/02/2017 00:00'];
const BOOLS = [true, false, 'true', 'false', '', 'yes', 1, 0, null, [true, false], 'TRUE'];

export interface Field { name: string; type: string; format?: string }
export interface Schema { mapping?: Record<string, unknown>; kind: string }

/** The explicit mapping; the other half of the cases have none (dynamic mapping). */
export const M1 = {
  properties: {
    t: { type: 'text', fields: { kw: { type: 'keyword', ignore_above: 20 } } },
    t2: { type: 'text', analyzer: 'standard', search_analyzer: 'standard', norms: false },
    k: { type: 'keyword' },
    k2: { type: 'keyword', ignore_above: 5 },
    sh: { type: 'short' }, by: { type: 'byte' }, in: { type: 'integer' }, lo: { type: 'long' },
    fl: { type: 'float' }, db: { type: 'double' },
    d: { type: 'date' },
    ds: { type: 'date', format: 'epoch_second' },
    dc: { type: 'date', format: 'dd/MM/yyyy HH:mm||yyyy-MM-dd HH:mm:ss.SSS||epoch_millis' },
    bo: { type: 'boolean' },
    o: { properties: { a: { type: 'keyword' }, n: { type: 'integer' }, deep: { properties: { x: { type: 'long' }, s: { type: 'text' } } } } },
    dis: { type: 'object', enabled: false },
    loose: { type: 'object', dynamic: false, properties: { kk: { type: 'keyword' } } },
  },
};

export function docM1(r: Rng): Record<string, unknown> {
  const d: Record<string, unknown> = {};
  const put = (k: string, p: number, f: () => unknown) => { if (r.chance(p)) d[k] = f(); };
  put('t', 0.8, () => TEXTS(r));
  put('t2', 0.5, () => TEXTS(r));
  put('k', 0.8, () => KWV(r));
  put('k2', 0.5, () => KWV(r));
  put('sh', 0.4, () => r.pick(SHORTS));
  put('by', 0.3, () => r.pick(BYTES));
  put('in', 0.6, () => r.chance(0.5) ? r.int(-5, 20) : r.pick(INTS));
  put('lo', 0.5, () => r.chance(0.4) ? r.int(-1000, 1000) : r.pick(LONGS));
  put('fl', 0.5, () => r.chance(0.4) ? Math.round(r.next() * 1000) / 100 : r.pick(FLOATS));
  put('db', 0.5, () => r.chance(0.4) ? r.next() * 200 - 100 : r.pick(DOUBLES));
  put('d', 0.7, () => r.pick(DATES));
  put('ds', 0.3, () => r.pick(ESEC));
  put('dc', 0.3, () => r.pick(CUSTOM));
  put('bo', 0.5, () => r.pick(BOOLS));
  put('o', 0.5, () => {
    const one = () => { const o: Record<string, unknown> = {}; if (r.chance(0.7)) o.a = r.pick(KW); if (r.chance(0.6)) o.n = r.chance(0.7) ? r.int(-3, 9) : r.pick(INTS);
      if (r.chance(0.4)) o.deep = { x: r.pick([1, 2, 3, -5, null, 99]), s: sentence(r) }; return o; };
    return r.chance(0.4) ? [one(), one(), ...(r.chance(0.3) ? [one()] : [])] : r.chance(0.1) ? null : one();
  });
  put('dis', 0.2, () => r.pick<unknown>([{ any: 'thing', n: [1, 'x'] }, 'scalar?', [1, 2], null, {}]));
  put('loose', 0.3, () => ({ kk: r.pick(KW), free: sentence(r), num: r.int(0, 9) }));
  return d;
}

// Dynamic mapping: no mapping at all.
const DYN_NAMES = ['name', 'count', 'price', 'when', 'flag', 'info', 'tags', 'code', 'misc'];
export function docDyn(r: Rng): Record<string, unknown> {
  const d: Record<string, unknown> = {};
  for (const n of DYN_NAMES) {
    if (!r.chance(0.55)) continue;
    switch (n) {
      case 'name': d[n] = r.chance(0.9) ? sentence(r) : r.pick(['', LONG_STR, '  ']); break;
      case 'count': d[n] = r.chance(0.8) ? r.int(-10, 100) : r.pick([2147483648, 9007199254740991, 0, -1, '7', 3]); break;
      case 'price': d[n] = r.chance(0.8) ? r.pick([1.5, 0.1 + 0.2, 2.25, 10.0, 99.99, 1e308, -1e-308]) : r.pick([5, '5.5']); break;
      case 'when': d[n] = r.pick(['2017-03-05', '2017/03/05', '2017-03-05T10:11:12Z', '2017-03-05T10:11:12.123456789Z', '2017/03/05 10:11:12',
        '2018-01-01T00:00:00+02:00', '2017-03-05T10:11:12.5Z', '2020-02-29']); break;
      case 'flag': d[n] = r.pick([true, false, true]); break;
      case 'info': d[n] = r.chance(0.7) ? { city: r.pick(['Paris', 'paris', 'Oslo', 'São Paulo', '東京']), pop: r.int(1, 1000), sub: { z: r.pick(['a', 'b']) } }
        : [{ city: 'Rome', pop: 5 }, { city: 'Lima', pop: r.int(1, 9) }]; break;
      case 'tags': d[n] = r.pick([['x', 'y'], ['y'], [], ['Z', 'x', 'x'], 'solo', [null, 'x']]); break;
      case 'code': d[n] = r.pick(['42', '007', '1e3', 'A1', '3.14', '-5']); break;
      case 'misc': d[n] = r.pick([null, [], {}, [[1, 2], [3]], { a: null }]); break;
    }
  }
  return d;
}

export const ID_POOL = Array.from({ length: 50 }, (_, i) => (i % 7 === 3 ? `id-${i}-ü` : `id${i}`));

export const DATE_Q = ['2017-03-05', '2017-03-05T10:11:12Z', '2017', '2017-03', 'now', 'now-1000y', 'now/d', '2017-03-05||+1d', '2017-03-05||-1M/M',
  '2017-03-05T10:11:12.123456789Z', 1488700000000, '1488700000000', 0, '1970-01-01', '1969-12-31T23:59:59Z', '2016-02-29||/y', '2017-03-05T10:11:12+05:30'];
export const NUM_Q = [0, 1, -1, 5, 42, 2.5, -2.9, '7', '2.5', 32767, 127, 2147483647, -2147483648, 9007199254740991, 0.1, 0.3, 0.30000000000000004, 1e308, 1e39, -0, 3.4e38, 1.1, 100];
export const KW_Q = [...KW, 'apple', 'Apple', LONG_STR.slice(0, 20), LONG_STR.slice(0, 21), 7, 2.5, true, 'x', 'y', 'Paris', 'paris', '42'];

export { TEXTS, KWV, DATES, ESEC, CUSTOM, BOOLS, INTS, LONGS, FLOATS, DOUBLES, SHORTS, BYTES };
