/** Parsing `sort` (body or `?sort=` parameter) into validated sort clauses. */
import { plain } from '../index/exact-numbers.js';
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
 *  error, `{"f": {"order": "up"}}` as a parse failure of the field sort's `order`. */
function order(v: unknown, inObject = false): boolean {
  const s = String(v).toLowerCase();
  if (s === 'asc') return false;
  if (s === 'desc') return true;
  const why = `No enum constant org.opensearch.search.sort.SortOrder.${String(v).toUpperCase()}`;
  if (inObject) {
    return throwIt(new EngineError(400, 'x_content_parse_exception', '[field_sort] failed to parse field [order]', { caused_by: { type: 'illegal_argument_exception', reason: why } }));
  }
  return throwIt(atParse(new EngineError(400, 'illegal_argument_exception', why)));
}

function throwIt(e: EngineError): never {
  throw e;
}

function clause(field: string, opts: Record<string, unknown>, orderOnly = false): SortClause {
  if (field === '_score' || field === '_doc') {
    for (const k of Object.keys(opts)) if (k !== 'order') throw parsingError(`[${field === '_score' ? 'score' : 'field'}_sort] unknown field [${k}]`);
    const desc = opts.order === undefined ? field === '_score' : order(opts.order);
    return { kind: field === '_score' ? 'score' : 'doc', desc };
  }
  for (const k of Object.keys(opts)) {
    if (!['order', 'missing', 'mode', 'unmapped_type'].includes(k)) {
      throw parsingError(`[field_sort] unknown field [${k}]` + (['nested', 'numeric_type', 'format'].includes(k) ? ' (not supported by the embedded engine)' : ''));
    }
  }
  const desc = opts.order === undefined ? false : order(opts.order, !orderOnly);
  let mode: SortMode | undefined;
  if (opts.mode !== undefined) {
    const m = String(opts.mode).toLowerCase();
    if (!['min', 'max', 'avg', 'sum', 'median'].includes(m)) throw parsingError(`Unknown SortMode [${String(opts.mode)}]`);
    mode = m as SortMode;
  }
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
        throw parsingError(`[sort] malformed sort for field [${field}]`);
      });
    }
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
