/** Query DSL dispatch: every supported query type by name; anything else is a 400 naming it. */
import { EngineError, parsingError } from '../errors.js';
import { positionOf } from '../index/json-positions.js';
import { annotateQueryError, parsingAt, raisedAt } from './clause-errors.js';
import { parseBool } from './bool.js';
import { parseExists } from './exists.js';
import { parseMatch, parseMatchBoolPrefix, parseMatchPhrase, parseMultiMatch } from './full-text.js';
import { parseIds } from './ids.js';
import { parseMatchAll, parseMatchNone } from './match-all.js';
import { isObject } from './params.js';
import { parsePrefix, parseWildcard } from './pattern.js';
import { parseRange } from './range.js';
import { parseSimpleQueryString } from './simple-query-string.js';
import { parseTerm, parseTerms } from './term.js';
import { parseConstantScore } from './constant-score.js';
import type { Query } from './types.js';

const PARSERS: Record<string, (body: unknown) => Query> = {
  match_all: parseMatchAll,
  match_none: parseMatchNone,
  match: parseMatch,
  match_phrase: parseMatchPhrase,
  match_bool_prefix: parseMatchBoolPrefix,
  multi_match: parseMultiMatch,
  simple_query_string: parseSimpleQueryString,
  term: parseTerm,
  terms: parseTerms,
  range: parseRange,
  exists: parseExists,
  prefix: parsePrefix,
  wildcard: parseWildcard,
  ids: parseIds,
  bool: (body) => parseBool(body, compileQuery),
  constant_score: (body) => parseConstantScore(body, compileQuery),
};

/** Parse and validate a query object (`{ "<type>": {...} }`). Throws EngineError on anything unsupported. */
export function compileQuery(q: unknown): Query {
  if (!isObject(q)) throw parsingError('query malformed, must start with start_object');
  const keys = Object.keys(q);
  if (keys.length === 0) {
    // AbstractQueryBuilder.parseInnerQueryBuilder: an IllegalArgumentException naming the closing brace.
    const pos = positionOf({ holder: q, at: 'end' });
    if (pos) throw raisedAt(new EngineError(400, 'illegal_argument_exception', `query malformed, empty clause found at [${pos.line}:${pos.col}]`), { holder: q, at: 'end' });
    throw parsingError('query malformed, empty clause found');
  }
  if (keys.length > 1) {
    throw parsingAt(`[${keys[0]}] malformed query, expected [END_OBJECT] but found [FIELD_NAME]`, { holder: q, key: keys[1]!, at: 'name' });
  }
  const name = keys[0]!;
  const parser = Object.hasOwn(PARSERS, name) ? PARSERS[name] : undefined;
  // parseInnerQueryBuilder wants an object after the name before it looks the name up.
  if (!isObject(q[name])) throw annotateQueryError(parsingError(`[${name}] query malformed, no start_object after query name`), q);
  if (!parser) {
    throw annotateQueryError(parsingError(`unknown query [${name}]`), q);
  }
  try {
    return parser(q[name]);
  } catch (e) {
    throw annotateQueryError(e, q);
  }
}
