/** Parsing `sort` (body or `?sort=` parameter) into validated sort clauses. */
import { isRawNumber, plain } from '../index/exact-numbers.js';
import { positionOf } from '../index/json-positions.js';
import { objectParserError, raisedAt } from '../query/clause-errors.js';
import { EngineError, atParse, parsingError } from '../errors.js';
import { isObject } from '../query/params.js';

export type SortMode = 'min' | 'max' | 'avg' | 'sum' | 'median';

export type SortClause =
  | { readonly kind: 'score'; readonly desc: boolean }
  | { readonly kind: 'doc'; readonly desc: boolean }
  | {
    readonly kind: 'field'; readonly field: string; readonly desc: boolean;
    readonly missing: '_first' | '_last' | string | number; readonly mode?: SortMode; readonly unmappedType?: string;
    /** `missing` written in the request (even as `_last`): OpenSearch's segment skipping for search_after then stays off. */
    readonly missingGiven: boolean;
  };

/** A sort order, read while OpenSearch parses the request: `{"f": "up"}` fails there with SortOrder's
 *  error, `{"f": {"order": "up"}}` as a parse failure of the field sort's `order` (ObjectParser's
 *  XContentParseException at the value, `[L:C]` when the body's text is known). */
function order(v: unknown, parser?: string, holder?: Record<string, unknown>): boolean {
  const s = String(v).toLowerCase();
  if (s === 'asc') return false;
  if (s === 'desc') return true;
  const why = `No enum constant org.opensearch.search.sort.SortOrder.${String(v).toUpperCase()}`;
  if (parser !== undefined && holder !== undefined) {
    throw objectParserError(parser, holder, 'order', { kind: 'failed', cause: { type: 'illegal_argument_exception', reason: why } });
  }
  return throwIt(atParse(new EngineError(400, 'illegal_argument_exception', why)));
}

function throwIt(e: EngineError): never {
  throw e;
}

const MODES = ['min', 'max', 'avg', 'sum', 'median'];

/**
 * The options object of a sort clause, read as OpenSearch's ObjectParser reads it (`_score` has a parser of
 * its own, `_doc` is a field sort): members in the order written, the first bad one is the error.
 */
function checkOptions(field: string, opts: Record<string, unknown>): void {
  const parser = field === '_score' ? '_score' : 'field_sort';
  for (const k of Object.keys(opts)) {
    const v = opts[k];
    if (k === 'order') {
      if (typeof v !== 'string') throw objectParserError(parser, opts, k, { kind: 'type' });
      order(v, parser, opts);
      continue;
    }
    if (field === '_score' || field === '_doc' || !['missing', 'mode', 'unmapped_type', 'nested', 'numeric_type', 'format'].includes(k)) {
      throw objectParserError(parser, opts, k, { kind: 'unknown' });
    }
    if (k === 'mode') {
      if (typeof v !== 'string') throw objectParserError(parser, opts, k, { kind: 'type' });
      if (!MODES.includes(v.toLowerCase())) {
        throw objectParserError(parser, opts, k, { kind: 'failed', cause: { type: 'illegal_argument_exception', reason: `Unknown SortMode [${v}]` } });
      }
    }
    if (k === 'missing' && typeof v === 'object' && v !== null && !isRawNumber(v)) throw objectParserError(parser, opts, k, { kind: 'type' });
    if (k === 'unmapped_type' && typeof v !== 'string') throw objectParserError(parser, opts, k, { kind: 'type' });
  }
}

function clause(field: string, opts: Record<string, unknown>, orderOnly = false): SortClause {
  if (!orderOnly) checkOptions(field, opts);
  if (field === '_score' || field === '_doc') {
    const desc = opts.order === undefined ? field === '_score' : order(opts.order);
    return { kind: field === '_score' ? 'score' : 'doc', desc };
  }
  for (const k of Object.keys(opts)) {
    if (['nested', 'numeric_type', 'format'].includes(k)) throw parsingError(`[field_sort] unknown field [${k}] (not supported by the embedded engine)`);
  }
  const desc = opts.order === undefined ? false : order(opts.order);
  let mode: SortMode | undefined;
  if (opts.mode !== undefined) mode = String(opts.mode).toLowerCase() as SortMode;
  const missing = opts.missing === undefined || opts.missing === null ? '_last' : (plain(opts.missing) as string | number);
  if (typeof missing !== 'string' && typeof missing !== 'number') throw parsingError('[field_sort] [missing] must be a value');
  return {
    kind: 'field', field, desc, missing, missingGiven: opts.missing !== undefined && opts.missing !== null,
    ...(mode ? { mode } : {}),
    ...(opts.unmapped_type !== undefined ? { unmappedType: String(opts.unmapped_type) } : {}),
  };
}

export function parseSort(v: unknown): SortClause[] | undefined {
  if (v === undefined || v === null) return undefined;
  const items = Array.isArray(v) ? v : [v];
  return items.flatMap((item) => {
    if (typeof item === 'string') return [clause(item, {})];
    if (isObject(item)) {
      // An object naming several fields sorts by each in turn (SortBuilder.parseCompoundSortField).
      return Object.entries(item).map(([field, spec]) => {
        if (field === '_script' || field === '_geo_distance') throw parsingError(`[sort] [${field}] is not supported by the embedded engine`);
        if (typeof spec === 'string') return clause(field, { order: spec }, true);
        if (isObject(spec)) return clause(field, spec);
        if (!Array.isArray(spec)) {
          // A scalar or null where the options object belongs: ObjectParser, at the token after it.
          const at = positionOf({ holder: item, key: field, at: 'after' });
          const next = Object.keys(item).indexOf(field) === Object.keys(item).length - 1 ? 'END_OBJECT' : 'FIELD_NAME';
          const reason = `${at ? `[${at.line}:${at.col}] ` : ''}[${field === '_score' ? '_score' : 'field_sort'}] Expected START_OBJECT but was: ${next}`;
          throw raisedAt(atParse(new EngineError(400, 'x_content_parse_exception', reason)), { holder: item, key: field, at: 'after' });
        }
        throw parsingError(`[sort] malformed sort for field [${field}]`);
      });
    }
    // SortBuilder.fromXContent: a lone scalar is a field's name (its text); within the array only strings and objects.
    if (!Array.isArray(v) && (typeof item === 'number' || typeof item === 'boolean' || isRawNumber(item))) return [clause(String(plain(item)), {})];
    if (Array.isArray(v)) throw atParse(new EngineError(400, 'illegal_argument_exception', 'malformed sort format, within the sort array, an object, or an actual string are allowed'));
    throw parsingError('[sort] malformed sort value');
  });
}

/** `?sort=a:desc,b` URL form. */
export function parseSortParam(s: string): SortClause[] {
  // RestSearchAction.parseSearchSource: `field:asc` / `field:desc` split at the last colon; any other
  // suffix after a colon adds no clause; no colon is the field's default order.
  return s.split(',').filter(Boolean).flatMap((part) => {
    const colon = part.lastIndexOf(':');
    if (colon === -1) return [clause(part, {}, true)];
    const dir = part.slice(colon + 1);
    return dir === 'asc' || dir === 'desc' ? [clause(part.slice(0, colon), { order: dir }, true)] : [];
  });
}
