/**
 * A compound query's clause that fails to parse: OpenSearch's ObjectParser (bool) catches the clause's
 * error and throws an XContentParseException "[line:col] [bool] failed to parse field [must]" caused by it,
 * at the token its parser was on when the clause failed (hunt2 class S1). The error body then reports that
 * wrapper as the error, and as root cause the innermost OpenSearch exception of the chain (ExceptionsHelper /
 * OpenSearchException.guessRootCauses unwraps XContentParseExceptions down to one whose cause is neither an
 * XContentParseException nor an OpenSearchException: an IllegalArgumentException leaves the wrapper itself
 * as root cause).
 *
 * The token is named by the throw site (`raisedAt`) or inferred from the error (a parameter's value for an
 * unknown or bad parameter, the clause's closing brace for a missing one), and its position read from the
 * request's text (index/json-positions.ts). The engine's own refusals are left alone.
 */
import { EngineError, atParse } from '../errors.js';
import { positionOf, type Position, type TokenRef } from '../index/json-positions.js';

/** The query names OpenSearch 3.6 knows (checked on the reference node): an `unknown query` among them is
 *  the engine's refusal, not OpenSearch's parse error. */
const OPENSEARCH_QUERIES = new Set(['match', 'match_phrase', 'match_phrase_prefix', 'multi_match', 'nested', 'dis_max', 'ids',
  'match_all', 'query_string', 'boosting', 'bool', 'term', 'terms', 'fuzzy', 'regexp', 'range', 'prefix', 'wildcard',
  'constant_score', 'function_score', 'script_score', 'simple_query_string', 'script', 'geo_distance', 'geo_bounding_box',
  'geo_polygon', 'geo_shape', 'exists', 'match_none', 'wrapper', 'distance_feature', 'match_bool_prefix', 'intervals',
  'span_term', 'span_not', 'span_within', 'span_containing', 'span_first', 'span_near', 'span_or', 'span_multi',
  'field_masking_span', 'span_field_masking', 'more_like_this', 'terms_set', 'template', 'has_child', 'has_parent',
  'parent_id', 'percolate', 'rank_feature', 'common', 'combined_fields']);

/** Java exceptions that are not OpenSearchExceptions: guessRootCauses stops at the wrapper above them. */
const PLAIN_JAVA = new Set(['illegal_argument_exception', 'number_format_exception', 'x_content_parse_exception', 'illegal_state_exception',
  'json_parse_exception', 'input_coercion_exception', 'arithmetic_exception', 'date_time_parse_exception', 'date_time_exception']);

/** Error types a query parser raises while OpenSearch parses the body. */
const PARSE_TIME = new Set(['parsing_exception', 'x_content_parse_exception', 'illegal_argument_exception', 'number_format_exception']);

const hints = new WeakMap<EngineError, TokenRef>();
const wrappedAt = new WeakMap<EngineError, Position>();

/** Names the token OpenSearch's parser was on when it raised `e` (see the module comment). */
export function raisedAt<E extends EngineError>(e: E, ref: TokenRef): E {
  hints.set(e, ref);
  return e;
}

/** The position of the token `e` was raised at, when known (for reasons that carry it, `[1:11]`). */
export function errorPosition(e: EngineError): Position | undefined {
  const ref = hints.get(e);
  return ref ? positionOf(ref) : undefined;
}

function isRefusal(e: EngineError): boolean {
  if (e.reason.includes('not supported by the embedded engine')) return true;
  const m = /^unknown query \[(.*)\]$/.exec(e.reason);
  return m !== null && OPENSEARCH_QUERIES.has(m[1]!);
}

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The first member named `key` in `obj` or the objects below it (breadth first, two levels). */
function findMember(obj: unknown, key: string): TokenRef | undefined {
  let level: unknown[] = [obj];
  for (let depth = 0; depth < 3 && level.length > 0; depth++) {
    const next: unknown[] = [];
    for (const o of level) {
      if (!isObj(o)) continue;
      if (Object.hasOwn(o, key)) return { holder: o, key, at: 'value' };
      next.push(...Object.values(o));
    }
    level = next;
  }
  return undefined;
}

function firstNull(obj: unknown): TokenRef | undefined {
  if (Array.isArray(obj)) {
    const i = obj.indexOf(null);
    if (i >= 0) return { holder: obj, key: i, at: 'value' };
  }
  if (isObj(obj)) {
    for (const v of Object.values(obj)) {
      const r = firstNull(v);
      if (r) return r;
    }
  }
  return undefined;
}

/** The token a clause's parser was on when it raised `e`, by the error's words. */
function inferToken(e: EngineError, clause: Record<string, unknown>): TokenRef {
  const name = Object.keys(clause)[0];
  if (name === undefined) return { holder: clause, at: 'end' };
  const body = clause[name];
  const r = e.reason;
  if (/^unknown query \[|malformed, no start_object after query name/.test(r)) return { holder: clause, key: name, at: 'value' };
  let m = /doesn't support multiple fields, found \[.*\] and \[(.*)\]$/.exec(r);
  if (m && isObj(body)) return { holder: body, key: m[1]!, at: 'value' };
  m = /(?:does not support|unknown field|unsupported field|unknown token \[[A-Z_]+\] after) \[([^\]]*)\]$/.exec(r);
  const member = m ? findMember(body, m[1]!) : undefined;
  if (member) return member;
  if (/No value specified for terms query/.test(r)) {
    const n = firstNull(body);
    if (n) return n;
  }
  // A parameter's value the error quotes (`For input string: "zz"`, `Invalid fuzziness value: zz`).
  const quoted = findMemberBy(body, (v) => typeof v === 'string' && v !== '' && (r.includes(`"${v}"`) || r.endsWith(`: ${v}`) || r.includes(`[${v}]`)));
  if (quoted) return quoted;
  return isObj(body) ? { holder: body, at: 'end' } : { holder: clause, key: name, at: 'value' };
}

/** The first member (breadth first, three levels) whose value passes `test`. */
function findMemberBy(obj: unknown, test: (v: unknown) => boolean): TokenRef | undefined {
  let level: unknown[] = [obj];
  for (let depth = 0; depth < 3 && level.length > 0; depth++) {
    const next: unknown[] = [];
    for (const o of level) {
      if (!isObj(o)) continue;
      for (const [k, v] of Object.entries(o)) {
        if (test(v)) return { holder: o, key: k, at: 'value' };
        next.push(v);
      }
    }
    level = next;
  }
  return undefined;
}

/**
 * Marks an error a query's parser raised with the token it was raised at (unless its throw site named it),
 * gives ObjectParser's "unknown field" errors their `[line:col]` (the member's name) as OpenSearch does, and
 * a ParsingException its `line`/`col` (the token: ParsingException carries the parser's location).
 */
export function annotateQueryError(e: unknown, clause: Record<string, unknown>): unknown {
  if (!(e instanceof EngineError) || wrappedAt.has(e)) return e;
  let out = e;
  if (!hints.has(e)) {
    const unknown = (e.type === 'x_content_parse_exception' || e.type === 'parsing_exception') ? /^\[[a-z_]+\] unknown field \[(.*)\]$/.exec(e.reason) : null;
    if (unknown) {
      const name = Object.keys(clause)[0];
      const member = name === undefined ? undefined : findMember(clause[name], unknown[1]!);
      const at = member ? positionOf({ ...member, at: 'name' }) : undefined;
      if (at) out = new EngineError(e.status, e.type, `[${at.line}:${at.col}] ${e.reason}`, e.extra);
    }
    hints.set(out, inferToken(out, clause));
  }
  return located(out);
}

/** `e` (a ParsingException raised while parsing the body) with its `line`/`col`, when its token is known. */
function located(e: EngineError): EngineError {
  if (e.type !== 'parsing_exception' || e.extra?.line !== undefined || isRefusal(e)) return e;
  const ref = hints.get(e);
  const pos = ref ? positionOf(ref) : undefined;
  if (pos === undefined) return e;
  const { caused_by: cause, ...rest } = e.extra ?? {};
  const extra: Record<string, unknown> = { ...rest, line: pos.line, col: pos.col };
  if (cause !== undefined) extra.caused_by = cause;
  // parseInnerQueryBuilder: the registry's NamedObjectNotFoundException is the cause of "unknown query".
  const unknown = /^unknown query \[(.*)\]$/.exec(e.reason);
  if (unknown && extra.caused_by === undefined) {
    extra.caused_by = { type: 'named_object_not_found_exception', reason: `[${pos.line}:${pos.col}] unknown field [${unknown[1]}]` };
  }
  const out = new EngineError(e.status, e.type, e.reason, extra);
  hints.set(out, ref!);
  return out;
}

/** A ParsingException raised at the token `ref` names (with `line`/`col` when the body's text is known). */
export function parsingAt(reason: string, ref: TokenRef | undefined, extra?: Record<string, unknown>): EngineError {
  const e = new EngineError(400, 'parsing_exception', reason, extra);
  return ref ? located(raisedAt(e, ref)) : e;
}

/** A value's first token as OpenSearch's XContentParser.Token names it. */
export function tokenOf(v: unknown): string {
  if (v === null) return 'VALUE_NULL';
  if (Array.isArray(v)) return 'START_ARRAY';
  if (typeof v === 'boolean') return 'VALUE_BOOLEAN';
  if (typeof v === 'number' || typeof v === 'bigint') return 'VALUE_NUMBER';
  if (typeof v === 'string') return 'VALUE_STRING';
  return isObj(v) ? 'START_OBJECT' : 'VALUE_NUMBER';
}


export type FieldFailure =
  | { readonly kind: 'unknown' }
  | { readonly kind: 'type' }
  | { readonly kind: 'failed'; readonly cause: EngineError | Record<string, unknown> };

/**
 * ObjectParser's XContentParseException for member `key` of `holder` (`parser` names the parser, `[field_sort]`):
 * "[L:C] [parser] unknown field [key]" (at the member's name), "[L:C] [parser] key doesn't support values of
 * type: TOKEN" or "[L:C] [parser] failed to parse field [key]" caused by `cause` (at its value). Without the
 * body's text, the reason has no position. With `wrap`, the ParsingException a query's fromXContent turns it
 * into (its message, at the value: match_all, ids).
 */
export function objectParserError(parser: string, holder: object, key: string, failure: FieldFailure, wrap = false, at0?: TokenRef): EngineError {
  const value = (holder as Record<string, unknown>)[key];
  const what = failure.kind === 'unknown' ? `unknown field [${key}]`
    : failure.kind === 'type' ? `${key} doesn't support values of type: ${tokenOf(value)}`
      : `failed to parse field [${key}]`;
  // `at0`: the token inside the value the parser was on (an array's element).
  const valueRef: TokenRef = at0 ?? { holder, key, at: 'value' };
  const at = positionOf(failure.kind === 'unknown' ? { holder, key, at: 'name' } : valueRef);
  const reason = at ? `[${at.line}:${at.col}] [${parser}] ${what}` : `[${parser}] ${what}`;
  const cause = failure.kind !== 'failed' ? undefined : failure.cause instanceof EngineError ? asCause(failure.cause) : failure.cause;
  const xc = new EngineError(400, 'x_content_parse_exception', reason, cause ? { caused_by: cause } : undefined);
  if (!wrap) return raisedAt(atParse(xc), valueRef);
  return parsingAt(reason, valueRef, { caused_by: asCause(xc) });
}

/** The error body of `e` as a cause (its own fields, its causes). */
function asCause(e: EngineError): Record<string, unknown> {
  const { root_cause: _root, ...rest } = e.toBody().error;
  return rest;
}

/**
 * The error a bool raises for clause `clause` of `occur` (`holder[key]`) failing with `e`: OpenSearch's
 * wrapper, or `e` itself where it is no parse error, an engine refusal, or its position is unknown.
 */
export function clauseError(e: unknown, occur: string, clause: unknown, holder: object, key: string | number): unknown {
  if (!(e instanceof EngineError) || e.status !== 400 || !PARSE_TIME.has(e.type) || isRefusal(e)) return e;
  let inner = e;
  let pos = wrappedAt.get(e);
  if (pos === undefined) {
    let ref: TokenRef;
    if (!isObj(clause)) {
      // parseInnerQueryBuilder reads past a value that is no object before it complains.
      inner = new EngineError(400, 'parsing_exception', '[_na] query malformed, must start with start_object');
      ref = { holder, key, at: 'after' };
    } else {
      ref = hints.get(e) ?? inferToken(e, clause);
    }
    pos = positionOf(ref);
    if (pos === undefined) return e;
    if (inner.type === 'parsing_exception' && inner.extra?.line === undefined) {
      inner = new EngineError(400, inner.type, inner.reason, { ...inner.extra, line: pos.line, col: pos.col });
    }
  }
  const reason = `[${pos.line}:${pos.col}] [bool] failed to parse field [${occur}]`;
  // guessRootCauses: through XContentParseExceptions to an OpenSearchException or a cause-less
  // XContentParseException; a plain Java exception below leaves the wrapper as root cause.
  const unwraps = wrappedAt.has(inner) || inner.type === 'x_content_parse_exception' || !PLAIN_JAVA.has(inner.type);
  const wrapper = new EngineError(400, 'x_content_parse_exception', reason, {
    root_cause: unwraps ? inner.toBody().error.root_cause : [{ type: 'x_content_parse_exception', reason }],
    caused_by: asCause(inner),
  });
  wrappedAt.set(wrapper, pos);
  return atParse(wrapper);
}

/**
 * `_count` reads its query through RestActions.getQueryContent, which lets a ParsingException through and
 * wraps any other parse error in a ParsingException "Failed to parse" at the parser's token (its own root
 * cause: the cause is no OpenSearchException).
 */
export function countQueryError(e: unknown): unknown {
  if (!(e instanceof EngineError) || e.status !== 400 || e.type === 'parsing_exception' || !PARSE_TIME.has(e.type) || isRefusal(e)) return e;
  const hint = hints.get(e);
  const pos = wrappedAt.get(e) ?? (hint ? positionOf(hint) : undefined);
  if (pos === undefined) return e;
  const at = { line: pos.line, col: pos.col };
  return atParse(new EngineError(400, 'parsing_exception', 'Failed to parse', {
    root_cause: [{ type: 'parsing_exception', reason: 'Failed to parse', ...at }], ...at, caused_by: asCause(e),
  }));
}
