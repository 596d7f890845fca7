/** `match_all` and `match_none`. */
import { EngineError, atParse, parsingError } from '../errors.js';
import { EMPTY, constantSet } from './doc-set.js';
import { boostOf, checkParams, isObject, objectParserBoost } from './params.js';
import { jacksonLocation } from '../index/json-positions.js';
import { MATCH_ALL_COUNT, allDocs, type Query } from './types.js';

export function parseMatchAll(body: unknown): Query {
  if (!isObject(body)) throw parsingError('[match_all] query malformed, no start_object after query name');
  checkParams('match_all', body, ['boost'], 'unknown-field');
  const boost = objectParserBoost('match_all', body, true);
  return { execute: (ix) => constantSet(allDocs(ix), boost), matchAllBoost: boost, countShortcut: () => MATCH_ALL_COUNT };
}

export function parseMatchNone(body: unknown): Query {
  if (!isObject(body)) throw parsingError('[match_none] query malformed, no start_object after query name');
  checkParams('match_none', body, ['boost']);
  // MatchNoneQueryBuilder reads the boost as a float: a NumberFormatException for a string that is none,
  // Jackson's error for a boolean, the builder's for a negative one (naming the query as it prints).
  const b = body.boost;
  if (typeof b === 'boolean') {
    throw atParse(new EngineError(400, 'json_parse_exception',
      `Current token (${b ? 'VALUE_TRUE' : 'VALUE_FALSE'}) not numeric, can not use numeric value accessors${jacksonLocation({ holder: body, key: 'boost', at: 'value' })}`));
  }
  try {
    boostOf('match_none', b, body);
  } catch (e) {
    if (!(e instanceof EngineError) || !e.reason.startsWith('negative [boost]')) throw e;
    throw new EngineError(400, 'illegal_argument_exception',
      'negative [boost] are not allowed in [{\n  "match_none" : {\n    "boost" : 1.0\n  }\n}], use a value between 0 and 1 to deboost');
  }
  return { execute: () => EMPTY, noneOn: () => true, coordNone: () => true };
}
