/**
 * Turns a JSON document into per-field values, validating against the mapping and planning dynamic
 * mapping additions. Nothing is mutated here: the caller commits `added` only when parsing succeeded,
 * which keeps indexing atomic.
 */
import { EngineError } from '../errors.js';
import { parserCount } from './date-math.js';
import { detectDate } from './dates.js';
import { javaDoubleToString } from './java-double.js';
import { copyNumberText, decimalToLong, isRawNumber, LONG_MAX, LONG_MIN, numberTextOf } from './exact-numbers.js';
import { dynamicLeaf, type Dynamic, type FieldNode, type LeafField, type ObjectField, type RootMapping } from './mapping.js';

/** Strings, numbers, and for long fields the exact value (bigint) of a long of magnitude >= 2^53. */
export type FieldValue = string | number | bigint;

export interface ParsedDoc {
  /** Leaf path -> converted values (text/keyword strings, numbers, dates as millis, booleans as 1/0). */
  readonly values: Map<string, { leaf: LeafField; values: FieldValue[] }>;
  /** New mapping nodes to attach: [parent object, name, node]. */
  readonly added: [ObjectField, string, FieldNode][];
}

const INT_RANGES: Record<string, [number, number]> = {
  byte: [-128, 127],
  short: [-32768, 32767],
  integer: [-2147483648, 2147483647],
  long: [-9223372036854775808, 9223372036854775807],
};

function preview(v: unknown): string {
  if (isRawNumber(v)) return v.rawJSON;
  if (typeof v === 'object' && v !== null) {
    if (Array.isArray(v)) return `[${v.map(preview).join(', ')}]`;
    return `{${Object.entries(v).map(([k, x]) => `${k}=${preview(x)}`).join(', ')}}`;
  }
  return String(v);
}

/** Java's rendering of a non-finite double or float. */
function javaDoubleText(n: number): string {
  return Number.isNaN(n) ? 'NaN' : n > 0 ? 'Infinity' : '-Infinity';
}

function parseFailure(leaf: LeafField, id: string, value: unknown, cause: string, causeType = 'illegal_argument_exception'): EngineError {
  const reason = `failed to parse field [${leaf.path}] of type [${leaf.type}] in document with id '${id}'. Preview of field's value: '${preview(value)}'`;
  return new EngineError(400, 'mapper_parsing_exception', reason, {
    caused_by: { type: causeType, reason: cause },
  });
}

/**
 * Convert one JSON scalar for `leaf`; undefined means "not indexed" (ignore_above). `text` is how a number
 * was written in the JSON when JavaScript would write it differently (exact-numbers.ts numberTextOf).
 */
export function convertValue(leaf: LeafField, id: string, v: unknown, text?: string, where?: () => JsonPosition | undefined): FieldValue | undefined {
  switch (leaf.type) {
    case 'text':
      // A JSON number is indexed as the token's text as written (Jackson's getText: `1.0`, `1e21`, the
      // digits of an integer beyond 2^53), not as a re-rendering of its value.
      if (isRawNumber(v)) return v.rawJSON;
      if (typeof v === 'number' && text !== undefined) return text;
      if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v);
      throw parseFailure(leaf, id, v, 'expected a string value');
    case 'keyword': {
      if (isRawNumber(v)) v = v.rawJSON;
      else if (typeof v === 'number' && text !== undefined) v = text;
      if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') throw parseFailure(leaf, id, v, 'expected a string value');
      const s = String(v);
      return leaf.ignoreAbove !== undefined && s.length > leaf.ignoreAbove ? undefined : s;
    }
    case 'boolean': {
      if (v === true || v === 'true') return 1;
      if (v === false || v === 'false' || v === '') return 0;
      // A JSON number: Jackson's getBooleanValue refuses the token (checked on 3.6.0), a float previewed as a Java double.
      const written = isRawNumber(v) ? v.rawJSON : typeof v === 'number' ? text ?? String(v) : undefined;
      if (written !== undefined) {
        const float = /[.eE]/.test(written);
        throw parseFailure(leaf, id, float ? javaDoubleToString(v as number) : v,
          `Current token (${float ? 'VALUE_NUMBER_FLOAT' : 'VALUE_NUMBER_INT'}) not of boolean type${jacksonAt(where, Buffer.byteLength(written))}`, 'json_parse_exception');
      }
      throw parseFailure(leaf, id, v, `Failed to parse value [${preview(v)}] as only [true] or [false] are allowed.`);
    }
    case 'date': {
      // A number is read as its text by the field's format (OpenSearch re-parses a JSON number's text as
      // written: `1e3` fails where 1000 parses); the error's preview shows the number as a Java Double.
      if (isRawNumber(v)) v = v.rawJSON;
      // A JSON boolean is read as its text by the format (and fails there), an empty string is refused first.
      if (typeof v === 'boolean') v = String(v);
      if (v === '') throw parseFailure(leaf, id, v, 'cannot parse empty date');
      if (typeof v !== 'string' && typeof v !== 'number') throw parseFailure(leaf, id, v, 'expected a date value');
      const written = typeof v === 'number' ? text ?? String(v) : v;
      let ms: number | undefined;
      try {
        ms = leaf.dateFormat!.parse(written);
      } catch (e) {
        // A value that parsed but is no date (February 30 under yyyy-MM-dd, a year beyond java.time's): the
        // DateTimeException is the cause of the document's mapper_parsing_exception.
        if (e instanceof EngineError && e.type === 'date_time_exception') throw parseFailure(leaf, id, v, e.reason, e.type);
        throw e;
      }
      if (ms === undefined) {
        const shown = typeof v === 'number' && /[.eE]/.test(written) ? javaDoubleToString(v) : v;
        const failure = parseFailure(leaf, id, shown, `failed to parse date field [${written}] with format [${leaf.dateFormat!.pattern}]`);
        // A format of several parsers (`a||b`, epoch formats, the default) fails with JavaDateFormatter's
        // summary as the inner cause; a single parser's java.time message needs its parse position (not kept).
        if (parserCount(leaf.dateFormat!.pattern) > 1) {
          const cause = failure.extra!.caused_by as Record<string, unknown>;
          cause.caused_by = { type: 'date_time_parse_exception', reason: 'Failed to parse with all enclosed parsers' };
        }
        throw failure;
      }
      return ms;
    }
    default:
      // NumberFieldMapper: with coerce on, an empty string is null (no value, nothing indexed; null_value
      // is refused by the mapping); with coerce off it is parsed and refused.
      if (v === '' && leaf.params.coerce !== false) return undefined;
      return convertNumber(leaf, id, v, text, where);
  }
}

/** Java's number syntax for a string value: `Long.parseLong`/`BigDecimal` for long (no spaces, no suffix),
 *  `Double.parseDouble` otherwise (surrounding spaces and a d/f suffix allowed). No hex, no "" or "0x10". */
const LONG_TEXT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const DOUBLE_TEXT = /^[+-]?(?:NaN|Infinity|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?[dDfF]?)$/;

/** Double.parseDouble of a string DOUBLE_TEXT accepts (signed NaN and Infinity included, no suffix on them). */
function javaDoubleOf(s: string): number {
  const t = s.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '');
  const body = t.replace(/^[+-]/, '');
  const neg = t.startsWith('-');
  if (body === 'NaN') return NaN;
  if (body === 'Infinity') return neg ? -Infinity : Infinity;
  return Number(t.replace(/[dDfF]$/, ''));
}

/** Decimal digits of other scripts (`१२३`, `١٢٣`, full-width `１２３`) as ASCII digits, other characters as they are. */
const NON_ASCII_DIGIT = /[^\u0000-\u007f]/;
const DIGIT_VALUES = new Map<string, string>();
/**
 * The text a long's parser reads: Long.parseLong and BigDecimal take their digits with Character.digit, which
 * accepts every Unicode decimal digit (category Nd) of the Basic Multilingual Plane, one UTF-16 char at a time
 * (so `𝟏`, a surrogate pair, is no digit). The int and floating-point paths use Double.parseDouble, ASCII only.
 */
function javaDigits(s: string): string {
  if (!NON_ASCII_DIGIT.test(s)) return s;
  let out = '';
  for (let i = 0; i < s.length; i++) out += digitOf(s[i]!);
  return out;
}
function digitOf(ch: string): string {
  if (ch < '\u0080' || !/\p{Nd}/u.test(ch)) return ch;
  let d = DIGIT_VALUES.get(ch);
  if (d === undefined) {
    // Unicode lays out decimal digits in runs of ten starting at zero: the value is the distance from the run's start.
    let k = 0;
    while (/\p{Nd}/u.test(String.fromCharCode(ch.charCodeAt(0) - k - 1))) k++;
    d = String(k % 10);
    DIGIT_VALUES.set(ch, d);
  }
  return d;
}

/**
 * A long field's value as OpenSearch reads it: a JSON integer exactly (Long; beyond a long's range a
 * BigInteger, refused), a JSON decimal as Java's `(long)` of the double (in range up to 2^63, which
 * saturates to Long.MAX_VALUE), a string with `Numbers.toLong` (Long.parseLong, else a BigDecimal truncated
 * toward zero). Returns the double the column holds (Java's `(double)` of the long, the same rounding as
 * `Number(bigint)`) and the exact value.
 */
function longValue(leaf: LeafField, id: string, v: unknown, token?: NumberToken): { n: number; exact: bigint } {
  let exact: bigint;
  if (isRawNumber(v)) {
    exact = BigInt(v.rawJSON);
    if (exact > LONG_MAX || exact < LONG_MIN) throw coercionFailure(leaf, id, v, token!, LONG_RANGE);
  } else if (typeof v === 'number') {
    // Jackson's getLongValue: a float token beyond [(double) Long.MIN_VALUE, (double) Long.MAX_VALUE] overflows.
    if (v > 2 ** 63 || v < -(2 ** 63) || !Number.isFinite(v)) throw coercionFailure(leaf, id, javaDoubleToString(v), token!, LONG_RANGE);
    exact = v === 2 ** 63 ? LONG_MAX : BigInt(Math.trunc(v));
  } else if (typeof v === 'string' && LONG_TEXT.test(javaDigits(v))) {
    const x = decimalToLong(javaDigits(v));
    if (x === undefined) throw parseFailure(leaf, id, v, `For input string: "${v}"`);
    if (x === 'range') throw parseFailure(leaf, id, v, `Value [${v}] is out of range for a long`);
    if (leaf.params.coerce === false) throw parseFailure(leaf, id, v, 'coercion is disabled');
    exact = x;
  } else throw parseFailure(leaf, id, v, `For input string: "${preview(v)}"`);
  return { n: Number(exact), exact };
}

/** The Java class XContentParser names when `coerce: false` refuses a value (a byte is read as an int). */
const COERCE_CLASS: Record<string, string> = { integer: 'Integer', short: 'Short', byte: 'Integer', long: 'Long', double: 'Double', float: 'Float' };

/** Where a JSON value starts in its document's text (line, UTF-8 column), as valuePosition gives it. */
export interface JsonPosition { line: number; col: number }

/** A JSON number token: its text as written, whether Jackson reads it as a float, and where it is. */
interface NumberToken { written: string; float: boolean; where: (() => JsonPosition | undefined) | undefined }

const INT_RANGE = 'int (-2147483648 - 2147483647)';
const LONG_RANGE = 'long (-9223372036854775808 - 9223372036854775807)';

/** Jackson's location suffix for an error at the token that starts at `pos` and is `length` bytes long
 *  (its column is the one just past the token). */
function jacksonAt(where: (() => JsonPosition | undefined) | undefined, length: number): string {
  const pos = where?.();
  return pos === undefined ? '' : `${JACKSON_LOCATION}${pos.line}, column: ${pos.col + length}]`;
}

/** Jackson's InputCoercionException for a number token out of the range of `range` (an int, a long, or
 *  "Java short"). */
function coercionFailure(leaf: LeafField, id: string, shown: unknown, token: NumberToken, range: string): EngineError {
  const what = range === 'Java short' ? 'Java short' : range;
  return parseFailure(leaf, id, shown, `Numeric value (${token.written}) out of range of ${what}${jacksonAt(token.where, Buffer.byteLength(token.written))}`,
    'input_coercion_exception');
}

function convertNumber(leaf: LeafField, id: string, v: unknown, text?: string, where?: () => JsonPosition | undefined): number | bigint {
  // A JSON boolean: the numeric accessors of Jackson's parser refuse the token itself (coerce or not).
  if (typeof v === 'boolean') {
    throw parseFailure(leaf, id, v, `Current token (${v ? 'VALUE_TRUE' : 'VALUE_FALSE'}) not numeric, can not use numeric value accessors${jacksonAt(where, v ? 4 : 5)}`,
      'json_parse_exception');
  }
  const token: NumberToken | undefined = isRawNumber(v) ? { written: v.rawJSON, float: false, where }
    : typeof v === 'number' ? { written: text ?? String(v), float: /[.eE]/.test(text ?? String(v)), where } : undefined;
  // A float token's preview is Java's Double.toString of it (1e20 shows as 1.0E20).
  const shown = token?.float ? javaDoubleToString(v as number) : v;
  // `coerce: false`: XContentParser's checkCoerceString refuses any string before reading it.
  const cls = COERCE_CLASS[leaf.type];
  if (leaf.params.coerce === false && cls !== undefined && typeof v === 'string') throw parseFailure(leaf, id, v, `${cls} value passed as String`);
  /** ensureNumberConversion (`coerce: false`): a JSON decimal with a fraction in an integer type, after Jackson read it. */
  const ensureConversion = (): void => {
    if (leaf.params.coerce !== false || cls === undefined || token === undefined) return;
    const x = Number(v);
    if (leaf.type !== 'double' && leaf.type !== 'float' && !Number.isInteger(x)) {
      throw parseFailure(leaf, id, shown, `${javaDoubleToString(x)} cannot be converted to ${cls} without data loss`);
    }
  };
  if (leaf.type === 'long') {
    if (token !== undefined) {
      const { n, exact } = longValue(leaf, id, v, token);
      ensureConversion();
      return n > -(2 ** 53) && n < 2 ** 53 ? n : exact;
    }
    const { n, exact } = longValue(leaf, id, v);
    return n > -(2 ** 53) && n < 2 ** 53 ? n : exact;
  }
  if (isRawNumber(v)) v = Number(v.rawJSON);
  let n: number;
  if (typeof v === 'number') {
    n = v;
  } else if (typeof v === 'string' && DOUBLE_TEXT.test(v.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, ''))) {
    n = javaDoubleOf(v);
    // Double.parseDouble's NumberFormatException (a long's string goes through Long.parseLong/BigDecimal instead).
  } else throw parseFailure(leaf, id, v, `For input string: "${preview(v)}"`, typeof v === 'string' ? 'number_format_exception' : undefined);
  const range = INT_RANGES[leaf.type];
  if (range) {
    if (token !== undefined) {
      // Jackson's getIntValue (a short through getShortValue, which reads the int first): the token's value
      // against the int range, a float's untruncated; then the short range on the truncated int.
      if (token.float ? !(n >= -2147483648 && n <= 2147483647) : n < -2147483648 || n > 2147483647) {
        throw coercionFailure(leaf, id, shown, token, INT_RANGE);
      }
      n = Math.trunc(n) + 0;
      if (leaf.type === 'short' && (n < range[0] || n > range[1])) throw coercionFailure(leaf, id, shown, token, 'Java short');
      ensureConversion();
    } else {
      // XContentParser's intValue/shortValue of a string: Double.parseDouble, its untruncated value against
      // the int range (a byte is read as an int) or the short range, named as written; Java's (int) of NaN is
      // 0, so `"NaN"` is indexed as 0 (checked on 3.6.0).
      const [lo, hi, name] = leaf.type === 'short' ? [-32768, 32767, 'a short'] : [-2147483648, 2147483647, 'an integer'];
      if (n < lo || n > hi) throw parseFailure(leaf, id, v, `Value [${v}] is out of range for ${name}`);
      n = Number.isNaN(n) ? 0 : Math.trunc(n) + 0;
    }
    // A byte is range-checked on the int read: NumberFieldMapper names the int.
    if (leaf.type === 'byte' && (n < range[0] || n > range[1])) throw parseFailure(leaf, id, shown, `Value [${n}] is out of range for a byte`);
    return n;
  }
  // Java reads a float field's value as a float (`(float)` of the double, or Float.parseFloat), so a
  // finite double beyond Float.MAX_VALUE is Infinity there and refused; a JSON number is previewed as
  // the parsed value, a string as written.
  if (leaf.type === 'float') n = Math.fround(n);
  if (!Number.isFinite(n)) {
    throw parseFailure(leaf, id, typeof v === 'string' ? v : javaDoubleText(n), `[${leaf.type}] supports only finite values, but got [${javaDoubleText(n)}]`);
  }
  return n;
}

/** The JSON text each request document was read from (its bulk line, or the request body), so that errors
 *  can name a value's position as OpenSearch's parser does. Documents without it (a partial update's merged
 *  source, an upsert) are positioned in their compact serialization, which is what OpenSearch parses there. */
const SOURCE_TEXT = new WeakMap<object, string>();
export function registerSourceText(source: object, text: string): void {
  SOURCE_TEXT.set(source, text);
}

type RawPath = readonly (string | number)[];

/**
 * The 1-based line and UTF-8 byte column at which the value at `path` starts in `text` (the last of
 * duplicated keys, as JSON.parse keeps it), or undefined when the text does not hold it.
 */
export function valuePosition(text: string, path: RawPath): { line: number; col: number } | undefined {
  let i = 0;
  const ws = (): void => { while (i < text.length && ' \t\r\n'.includes(text[i]!)) i++; };
  const skipString = (): string => {
    const start = i;
    i++;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const skipValue = (): void => {
    ws();
    const c = text[i];
    if (c === '"') { skipString(); return; }
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      i++;
      ws();
      if (text[i] === close) { i++; return; }
      for (;;) {
        if (c === '{') { ws(); skipString(); ws(); i++; }
        skipValue();
        ws();
        if (text[i] === ',') { i++; continue; }
        i++;
        return;
      }
    }
    while (i < text.length && !',}] \t\r\n'.includes(text[i]!)) i++;
  };
  try {
    for (const step of path) {
      ws();
      if (typeof step === 'number') {
        if (text[i] !== '[') return undefined;
        i++;
        for (let k = 0; k < step; k++) { skipValue(); ws(); i++; }
        ws();
        continue;
      }
      if (text[i] !== '{') return undefined;
      i++;
      let found = -1;
      for (;;) {
        ws();
        if (text[i] === '}') break;
        const key = skipString();
        ws();
        i++;
        ws();
        if (key === step) found = i;
        skipValue();
        ws();
        if (text[i] === ',') i++;
        else break;
      }
      if (found < 0) return undefined;
      i = found;
    }
    ws();
  } catch {
    return undefined;
  }
  const before = text.slice(0, i);
  const nl = before.lastIndexOf('\n');
  return { line: before.split('\n').length, col: Buffer.byteLength(before.slice(nl + 1)) + 1 };
}

const JACKSON_LOCATION = '\n at [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: ';

/** Metadata fields whose mappers refuse a value in the document body (3.6.0; `_primary_term`, `_type` and
 *  the like are ordinary names there). */
const METADATA_FIELDS = new Set(['_id', '_index', '_source', '_routing', '_seq_no', '_version', '_field_names', '_ignored',
  '_data_stream_timestamp', '_nested_path', '_feature']);

/** The first value a parser meets in `value` (arrays entered, `[]` has none), previewed as OpenSearch does. */
function firstValue(value: unknown, text: string | undefined): { shown: string } | undefined {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const el = value[i];
      const found = firstValue(el, typeof el === 'number' ? numberTextOf(value, i) : undefined);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (value === null || value === undefined) return { shown: 'null' };
  if (typeof value === 'number' && /[.eE]/.test(text ?? String(value))) return { shown: javaDoubleToString(value) };
  return { shown: preview(value) };
}

function cannotAddUnder(key: string, path: string, type: string): EngineError {
  return new EngineError(400, 'mapper_parsing_exception',
    `Could not dynamically add mapping for field [${key}]. Existing mapping for [${path}] must be of type object but found [${type}].`);
}

function strictIntroduction(name: string, parent: ObjectField): EngineError {
  return new EngineError(400, 'strict_dynamic_mapping_exception',
    `mapping set to strict, dynamic introduction of [${name}] within [${parent.path || '_doc'}] is not allowed`);
}

/** The mapped node at `steps` below `obj`, through mapped objects only (OpenSearch's getMapper); a disabled
 *  object on the way takes whatever is below it (checked on 3.6.0: `{"d.x.y": null}` with `d` disabled). */
function mappedAlong(obj: ObjectField, steps: readonly string[]): FieldNode | undefined {
  let node: FieldNode | undefined = obj;
  for (const step of steps) {
    if (node === undefined || node.kind !== 'object') return undefined;
    if (node !== obj && !node.enabled) return node;
    node = node.properties.get(step);
  }
  return node;
}

/** One dynamic mapper created while parsing a document: its full name and its type (or an object). */
interface DynamicEvent { name: string; type: LeafField['type'] | 'object' }

/**
 * DocumentParser.createDynamicUpdate: the document's dynamic mappers sorted by name (a stable sort, Java's
 * String order), the first one starting the update; each next one either repeats the previous one's name and
 * is merged with it at once (`next.merge(previous)`: "from [next] to [previous]"), or is added to the update,
 * where only the first one can already hold its name (merged the other way, "from [first] to [next]"; an
 * object over a leaf fails only when its update is closed). The conflict's reason, or undefined (each rule
 * read off 3.6.0's answers to mixed arrays; hunt4 FINDINGS class 14).
 */
function dynamicConflict(events: DynamicEvent[]): string | undefined {
  if (events.length < 2) return undefined;
  const sorted = events.map((e, i) => [e, i] as const).sort(([a, i], [b, j]) => (a.name < b.name ? -1 : a.name > b.name ? 1 : i - j)).map(([e]) => e);
  const merge = (into: DynamicEvent, other: DynamicEvent, added: boolean): string | undefined => {
    if (into.type === other.type) return undefined;
    if (into.type === 'object' || (added && other.type === 'object')) return `can't merge a non object mapping [${into.name}] with an object mapping`;
    return `mapper [${into.name}] cannot be changed from type [${into.type}] to [${other.type === 'object' ? 'ObjectMapper' : other.type}]`;
  };
  const first = sorted[0]!;
  let previous: DynamicEvent | undefined;
  // An object added over a leaf conflicts only when its own update is closed (popped into its parent's),
  // i.e. at the first mapper outside it, or at the end.
  let pending: { name: string; reason: string } | undefined;
  for (const next of sorted.slice(1)) {
    if (pending !== undefined && next.name !== pending.name && !next.name.startsWith(`${pending.name}.`)) return pending.reason;
    if (previous !== undefined && next.name === previous.name) {
      const problem = merge(next, previous, false);
      if (problem !== undefined) return problem;
      continue;
    }
    if (previous === undefined && next.name === first.name) {
      const problem = merge(first, next, true);
      if (problem !== undefined) {
        if (first.type === 'object' || next.type !== 'object') return problem;
        pending = { name: next.name, reason: problem };
      }
    }
    previous = next;
  }
  return pending?.reason;
}

export function parseDocument(root: RootMapping, id: string, source: Record<string, unknown>): ParsedDoc {
  const parsed: ParsedDoc = { values: new Map(), added: [] };
  const staged = new Map<ObjectField, Map<string, FieldNode>>();
  const stagedHere = new Set<FieldNode>();
  const dateDetection = root.dateDetection !== false;

  const child = (parent: ObjectField, name: string): FieldNode | undefined =>
    parent.properties.get(name) ?? staged.get(parent)?.get(name);

  const stagedObjects = new Set<FieldNode>();
  const stage = (parent: ObjectField, name: string, node: FieldNode): void => {
    let m = staged.get(parent);
    if (!m) staged.set(parent, (m = new Map()));
    m.set(name, node);
    if (node.kind === 'leaf') stagedHere.add(node);
    else stagedObjects.add(node);
    parsed.added.push([parent, name, node]);
  };

  const emit = (leaf: LeafField, raw: unknown, text: string | undefined, at: RawPath): void => {
    const targets = [leaf, ...leaf.fields.values()];
    const where = (): JsonPosition | undefined => valuePosition(SOURCE_TEXT.get(source) ?? JSON.stringify(source), at);
    for (const t of targets) {
      const v = convertValue(t, id, raw, text, where);
      if (v === undefined) continue;
      let slot = parsed.values.get(t.path);
      if (!slot) parsed.values.set(t.path, (slot = { leaf: t, values: [] }));
      slot.values.push(v);
    }
  };

  /** `text`: how a number value was written, when JavaScript writes it differently (numberTextOf). */
  /** An object where a leaf field expects a value: OpenSearch's parser fails on the START_OBJECT token,
   *  naming its position (XContentLocation for text reads, Jackson's location just past it for numbers). */
  const objectInLeaf = (node: LeafField, value: unknown, raw: RawPath): EngineError => {
    const pos = valuePosition(SOURCE_TEXT.get(source) ?? JSON.stringify(source), raw);
    if (pos === undefined) return parseFailure(node, id, value, 'expected a scalar value');
    if (node.type === 'boolean') {
      return parseFailure(node, id, value, `Current token (START_OBJECT) not of boolean type${JACKSON_LOCATION}${pos.line}, column: ${pos.col + 1}]`, 'json_parse_exception');
    }
    if (node.type !== 'keyword' && node.type !== 'text' && node.type !== 'date') {
      return parseFailure(node, id, value,
        `Current token (START_OBJECT) not numeric, can not use numeric value accessors${JACKSON_LOCATION}${pos.line}, column: ${pos.col + 1}]`, 'json_parse_exception');
    }
    return parseFailure(node, id, value, `Can't get text on a START_OBJECT at ${pos.line}:${pos.col}`, 'illegal_state_exception');
  };

  /**
   * Every dynamic mapper OpenSearch creates while parsing the document, in order: its parser looks fields up in
   * the index's mapping only, so each value (each array element, each object) of a field new in this document
   * makes a mapper of its own. Conflicts between them show only when those mappers are merged, after the whole
   * document was parsed (a later field's value error or strict refusal comes first; checked on 3.6.0); see
   * dynamicConflict for the merge.
   */
  const events: DynamicEvent[] = [];
  const dynamicType = (value: unknown, text: string | undefined, path: string): DynamicEvent['type'] => {
    if (typeof value === 'object' && value !== null && !isRawNumber(value)) return 'object';
    let scalar = isRawNumber(value) ? Number(value.rawJSON) : value as string | number | boolean;
    if (typeof scalar === 'number' && text !== undefined && /[.eE]/.test(text)) scalar = 0.5; // a float token
    return dynamicLeaf(path, scalar, typeof scalar === 'string' && dateDetection ? detectDate(scalar) : undefined).type;
  };

  const walkValue = (parent: ObjectField, name: string, value: unknown, dynamic: Dynamic, text: string | undefined, inArray: boolean,
    raw: RawPath): void => {
    if (value === null || value === undefined) {
      // OpenSearch's parseNullValue: a null for a field its parent object does not map is refused when that
      // object's own `dynamic` (set on it, not inherited) is strict; otherwise it adds nothing.
      if (child(parent, name) === undefined && parent.dynamic === 'strict') throw strictIntroduction(name, parent);
      return;
    }
    if (Array.isArray(value)) {
      // OpenSearch's parseArray: an array (even `[]` or `[null]`) for an unmapped field asks the inherited
      // `dynamic` first, before looking at any element.
      if (child(parent, name) === undefined && dynamic === 'strict') throw strictIntroduction(name, parent);
      value.forEach((el, i) => walkValue(parent, name, el, dynamic, typeof el === 'number' ? numberTextOf(value, i) : undefined, true, [...raw, i]));
      return;
    }
    const path = parent.path ? `${parent.path}.${name}` : name;
    let node = child(parent, name);
    if (!node) {
      if (dynamic === 'false') return;
      if (dynamic === 'strict') throw strictIntroduction(name, parent);
      if (isRawNumber(value)) {
        // A JSON integer beyond 2^53: a long, as any integer (OpenSearch maps a BigInteger beyond a long as
        // float; such a value is refused by the long field below instead).
        node = dynamicLeaf(path, Number(value.rawJSON), undefined);
      } else if (typeof value === 'object') {
        node = { kind: 'object', path, enabled: true, properties: new Map() };
      } else if (typeof value === 'number' && text !== undefined && /[.eE]/.test(text)) {
        // A JSON decimal (`1.0`, `1e2`) is a float token for Jackson even when its value is integral.
        node = dynamicLeaf(path, 0.5, undefined);
      } else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
        node = dynamicLeaf(path, value, typeof value === 'string' && dateDetection ? detectDate(value) : undefined);
      } else return;
      stage(parent, name, node);
      events.push({ name: path, type: node.kind === 'object' ? 'object' : node.type });
    } else if (stagedHere.has(node) || stagedObjects.has(node)) {
      // A field created by this very document gets a new mapper for this value too; a value of another
      // dynamic type (or an object where a value was, or the reverse) conflicts when they are merged. The
      // document fails then, so the value is not read.
      const type = dynamicType(value, text, path);
      events.push({ name: path, type });
      if (type !== (node.kind === 'object' ? 'object' : node.type)) {
        // An object where this document made a leaf is still parsed, by a new object mapper of its own: its
        // fields' mappers take part in the merge.
        if (type === 'object') {
          const fresh: ObjectField = { kind: 'object', path, enabled: true, properties: new Map() };
          stagedObjects.add(fresh);
          walkObject(fresh, value as Record<string, unknown>, dynamic, raw, syntheticObjects.has(value as object));
        }
        return;
      }
    }
    if (node.kind === 'object') {
      // A disabled object is skipped whole, whatever its value (a scalar or array of scalars too).
      if (!node.enabled) return;
      if (typeof value !== 'object' || isRawNumber(value)) {
        // Inside an array OpenSearch's parser has no current field name there: it says [null].
        throw new EngineError(400, 'mapper_parsing_exception',
          `object mapping for [${path}] tried to parse field [${inArray ? 'null' : name}] as object, but found a concrete value`);
      }
      walkObject(node, value as Record<string, unknown>, node.dynamic ?? dynamic, raw, syntheticObjects.has(value as object));
      return;
    }
    if (typeof value === 'object' && !isRawNumber(value)) throw objectInLeaf(node, value, raw);
    emit(node, value, text, raw);
  };

  /** `raw`: where `src` sits in the document's JSON; `synthetic`: `src` was made from a dotted key, whose
   *  value is at `raw` itself. */
  const walkObject = (obj: ObjectField, src: Record<string, unknown>, dynamic: Dynamic, raw: RawPath, synthetic: boolean): void => {
    for (const [key, value] of Object.entries(src)) {
      const here = synthetic ? raw : [...raw, key];
      if ((value === null || value === undefined) && key.includes('.') && key.length > 1 && !key.startsWith('.') && !key.endsWith('.')) {
        // A null under a dotted name is looked up through the mapped objects only (no intermediate object is
        // created for it); unmapped, it is refused when this object's own `dynamic` is strict, naming the key
        // as written (OpenSearch's parseNullValue with the dotted name).
        if (mappedAlong(obj, key.split('.')) === undefined && obj.dynamic === 'strict') throw strictIntroduction(key, obj);
        continue;
      }
      if (key.includes('.') && key.length > 1 && !key.startsWith('.') && !key.endsWith('.')) {
        // `{"a.b": 1}` is the same document as `{"a": {"b": 1}}`, except that a mapped leaf (or a metadata
        // field) on the way refuses it first (getDynamicParentMapper; checked on 3.6.0).
        if (!synthetic) {
          const steps = key.split('.');
          let at: FieldNode = obj;
          for (let i = 0; i < steps.length - 1 && at.kind === 'object' && at.enabled; i++) {
            if (obj === root && i === 0 && METADATA_FIELDS.has(steps[0]!)) throw cannotAddUnder(key, steps[0]!, steps[0]!);
            const next: FieldNode | undefined = at.properties.get(steps[i]!);
            if (next === undefined) break;
            if (next.kind === 'leaf') throw cannotAddUnder(key, next.path, next.type);
            at = next;
          }
        }
        const [head, ...rest] = key.split('.');
        const inner = { [rest.join('.')]: value };
        copyNumberText(src, key, inner, rest.join('.'));
        walkDotted(obj, head!, inner, dynamic, here);
        continue;
      }
      if (key === '' || key.trim() === '' || key.startsWith('.') || key.endsWith('.')) {
        throw new EngineError(400, 'mapper_parsing_exception', `field name cannot be an empty string`);
      }
      if (obj === root && key.startsWith('_')) {
        if (METADATA_FIELDS.has(key)) {
          // The metadata field's mapper refuses each value it is given (none for `[]`), inside the usual
          // "failed to parse field" (checked on 3.6.0).
          const first = firstValue(value, typeof value === 'number' ? numberTextOf(src, key) : undefined);
          if (first === undefined) continue;
          const inner = `Field [${key}] is a metadata field and cannot be added inside a document. Use the index API request parameters.`;
          throw new EngineError(400, 'mapper_parsing_exception',
            `failed to parse field [${key}] of type [${key}] in document with id '${id}'. Preview of field's value: '${first.shown}'`,
            { root_cause: [{ type: 'mapper_parsing_exception', reason: inner }], caused_by: { type: 'mapper_parsing_exception', reason: inner } });
        }
        if (key === '_primary_term' || key === '_doc_count') {
          // OpenSearch maps `_primary_term` as a dynamic field and then fails every later write to the index at
          // Lucene's level; `_doc_count` sets the document's count for aggregations. Neither is modelled.
          throw new EngineError(400, 'illegal_argument_exception', `a document field named [${key}] is not supported by the embedded engine`);
        }
      }
      walkValue(obj, key, value, dynamic, typeof value === 'number' ? numberTextOf(src, key) : undefined, false, here);
    }
  };

  /** A dotted key's synthetic object: walked like a value, its contents positioned at the key's value. */
  const walkDotted = (obj: ObjectField, head: string, inner: Record<string, unknown>, dynamic: Dynamic, raw: RawPath): void => {
    syntheticObjects.add(inner);
    walkValue(obj, head, inner, dynamic, undefined, false, raw);
  };
  const syntheticObjects = new WeakSet<object>();

  walkObject(root, source, root.dynamic ?? 'true', [], false);
  const conflict = dynamicConflict(events);
  if (conflict !== undefined) throw new EngineError(400, 'illegal_argument_exception', conflict);
  return parsed;
}
