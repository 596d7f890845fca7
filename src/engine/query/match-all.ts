/** `match_all` and `match_none`. */
import { parsingError } from '../errors.js';
import { EMPTY, constantSet } from './doc-set.js';
import { checkParams, isObject, objectParserBoost } from './params.js';
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
  return { execute: () => EMPTY, noneOn: () => true, coordNone: () => true };
}
