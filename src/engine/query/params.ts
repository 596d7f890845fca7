/** Shared parsing of query DSL objects: parameter whitelists and the `{ field: value | {params} }` forms. */
import { EngineError, atParse, parsingError } from '../errors.js';
import { isRawNumber } from '../index/exact-numbers.js';
import { objectParserError, parsingAt, tokenOf } from './clause-errors.js';
import { jacksonLocation } from '../index/json-positions.js';

/** A JSON object (not an array, nor a raw integer beyond 2^53: see exact-numbers.ts). */
export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !isRawNumber(v);
}

/** A `_name` value OpenSearch reads as text (a string, number or boolean). */
export function isQueryName(v: unknown): boolean {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || isRawNumber(v);
}

/** Reject any key not in `allowed`, naming it the way OpenSearch does. */
export function checkParams(query: string, body: Record<string, unknown>, allowed: readonly string[],
  style: 'does-not-support' | 'unknown-field' | 'unsupported-field' | 'x-content' = 'does-not-support'): void {
  for (const k of Object.keys(body)) {
    if (allowed.includes(k)) continue;
    // Every query takes a name (`_name`, AbstractQueryBuilder): hits report the named queries they match.
    // Parsers built on ObjectParser (match_all, ids, bool) take a string only (an XContentParseException at the
    // value; match_all and ids wrap it in a ParsingException); the others read any scalar's text.
    const objectParser = style === 'unknown-field' || style === 'x-content';
    if (k === '_name' && objectParser) {
      if (typeof body[k] === 'string') continue;
      throw objectParserError(query, body, k, { kind: 'type' }, style === 'unknown-field');
    }
    if (k === '_name' && isQueryName(body[k])) continue;
    // OpenSearch words this differently depending on how each query's parser is built.
    if (objectParser) throw objectParserError(query, body, k, { kind: 'unknown' }, style === 'unknown-field');
    if (style === 'unsupported-field') throw parsingError(`[${query}] unsupported field [${k}]`);
    throw parsingError(`[${query}] query does not support [${k}]`);
  }
}

/**
 * Parsers that read their members token by token (match, match_phrase, multi_match, simple_query_string,
 * exists): a member whose value is a container (or null, where `withNull`) is "[q] unknown token [TOKEN]
 * after [key]" at that value, unless it is one that takes an array (`containers`). Members are read in order: an
 * unknown scalar member before it is checkParams' error.
 */
export function checkValueTokens(query: string, body: Record<string, unknown>, allowed: readonly string[],
  containers: readonly string[] = [], withNull = false, objectsUnsupported: readonly string[] = []): void {
  for (const [k, v] of Object.entries(body)) {
    const container = typeof v === 'object' && v !== null && !isRawNumber(v);
    if (container && !Array.isArray(v) && objectsUnsupported.includes(k)) {
      throw parsingAt(`[${query}] query does not support [${k}]`, { holder: body, key: k, at: 'value' });
    }
    if ((container && !(Array.isArray(v) && containers.includes(k))) || (v === null && withNull)) {
      throw parsingAt(`[${query}] unknown token [${tokenOf(v)}] after [${k}]`, { holder: body, key: k, at: 'value' });
    }
    if (!allowed.includes(k) && k !== '_name') return;
  }
}

/** `{ "field": value }` or `{ "field": { ...params } }` with an optional top-level boost (a top-level `_name` is
 *  a second field to OpenSearch 3.6: "doesn't support multiple fields"). */
export function singleField(query: string, body: unknown): { field: string; value: unknown; top: Record<string, unknown> } {
  if (!isObject(body)) throw parsingError(`[${query}] query malformed, no start_object after query name`);
  const top: Record<string, unknown> = {};
  let field: string | undefined;
  let value: unknown;
  for (const [k, v] of Object.entries(body)) {
    if (k === 'boost') { top[k] = v; continue; }
    if (field !== undefined) {
      throw parsingError(`[${query}] query doesn't support multiple fields, found [${field}] and [${k}]`);
    }
    field = k;
    value = v;
  }
  if (field === undefined) {
    // Each query's parser or constructor words it its own way on OpenSearch 3.6.
    if (['term', 'range', 'prefix', 'wildcard'].includes(query)) throw atParse(new EngineError(400, 'illegal_argument_exception', 'field name is null or empty'));
    if (query === 'match') throw parsingError('No text specified for text query');
    if (query === 'match_phrase') throw new EngineError(400, 'illegal_argument_exception', '[match_phrase] requires fieldName');
    throw parsingError(`[${query}] query malformed, no field specified`);
  }
  return { field, value, top };
}

/** `boost` of a query parsed by ObjectParser (match_all, ids and bool): a value it cannot read as a float
 *  is its XContentParseException at the value (wrapped in a ParsingException by match_all and ids). */
export function objectParserBoost(query: string, body: Record<string, unknown>, wrap: boolean): number {
  const v = body.boost;
  if (v === undefined) return 1;
  if (typeof v !== 'number' && typeof v !== 'string' && !isRawNumber(v)) throw objectParserError(query, body, 'boost', { kind: 'type' }, wrap);
  try {
    return boostOf(query, v);
  } catch (e) {
    if (e instanceof EngineError && e.type === 'number_format_exception') throw objectParserError(query, body, 'boost', { kind: 'failed', cause: e }, wrap);
    throw e;
  }
}

/** Queries whose fromXContent reads `boost` with parser.floatValue() whatever the token (Jackson's error for
 *  anything but a number or a string), and those that check the token first (an unknown token there). */
const JACKSON_BOOST = new Set(['term', 'range', 'prefix', 'wildcard', 'match_none']);
const TOKEN_BOOST = new Set(['match', 'match_phrase', 'match_bool_prefix', 'multi_match', 'simple_query_string', 'exists']);

/** A query's `boost`; `holder` is the object it was written in (for the position of an error about it). */
export function boostOf(query: string, v: unknown, holder?: object): number {
  if (v === undefined) return 1;
  const ref = holder ? { holder, key: 'boost', at: 'value' } as const : undefined;
  if (typeof v !== 'number' && typeof v !== 'string' && !isRawNumber(v)) {
    const container = v === null || typeof v === 'object';
    if (TOKEN_BOOST.has(query) && container) throw parsingAt(`[${query}] unknown token [${tokenOf(v)}] after [boost]`, ref);
    if (query === 'constant_score' && Array.isArray(v)) throw parsingAt('unexpected token [START_ARRAY]', ref);
    if (query === 'constant_score' && container) throw parsingAt('[constant_score] query does not support [boost]', ref);
    if (JACKSON_BOOST.has(query) || TOKEN_BOOST.has(query) || query === 'constant_score') {
      const token = typeof v === 'boolean' ? (v ? 'VALUE_TRUE' : 'VALUE_FALSE') : tokenOf(v);
      throw atParse(new EngineError(400, 'json_parse_exception',
        `Current token (${token}) not numeric, can not use numeric value accessors${ref ? jacksonLocation(ref) : ''}`));
    }
  }
  // A string is read by Float.parseFloat: anything else is its NumberFormatException.
  // eslint-disable-next-line no-control-regex
  if (typeof v === 'string' && !/^[\u0000-\u0020]*[+-]?(?:NaN|Infinity|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?[fFdD]?)[\u0000-\u0020]*$/.test(v)) {
    throw new EngineError(400, 'number_format_exception', v.trim() === '' ? 'empty String' : `For input string: "${v}"`);
  }
  const n = typeof v === 'string' ? Number(v.trim().replace(/[fFdD]$/, '')) : isRawNumber(v) ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isFinite(n)) throw parsingError(`[${query}] query [boost] must be a number`);
  if (n < 0) throw parsingError(`negative [boost] are not allowed in [${query}]`);
  return Math.fround(n);
}

export function boolParam(query: string, name: string, v: unknown): boolean {
  if (v === true || v === 'true') return true;
  if (v === false || v === 'false') return false;
  throw parsingError(`[${query}] query parameter [${name}] must be a boolean`);
}

export function stringParam(query: string, name: string, v: unknown): string {
  if (typeof v === 'string') return v;
  if (isRawNumber(v)) return v.rawJSON;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  throw parsingError(`[${query}] query does not support [${name}] with a non-string value`);
}

/** Phrase `slop`: an int like OpenSearch's lenient parser reads it ("2" and 1.9 are accepted, truncated). */
export function slopParam(query: string, v: unknown): number {
  if (v === undefined) return 0;
  const n = typeof v === 'number' ? v : typeof v === 'string' ? (v.trim() === '' ? NaN : Number(v)) : undefined;
  if (n === undefined) throw parsingError(`[${query}] unknown token [${v === null ? 'VALUE_NULL' : typeof v === 'boolean' ? 'VALUE_BOOLEAN' : 'START_OBJECT'}] after [slop]`);
  if (!Number.isFinite(n)) throw new EngineError(400, 'number_format_exception', `For input string: "${String(v)}"`);
  const slop = Math.trunc(n);
  if (slop < 0) throw new EngineError(400, 'illegal_argument_exception', 'No negative slop allowed.');
  // Beyond int range OpenSearch refuses the value; the engine does the same rather than wrap around.
  if (slop > 2147483647) throw new EngineError(400, 'illegal_argument_exception', `Value [${String(v)}] is out of range for an integer`);
  return slop;
}
