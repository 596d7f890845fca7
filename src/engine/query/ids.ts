/** `ids`: documents by `_id`. */
import { parsingError } from '../errors.js';
import { EMPTY, constantSet } from './doc-set.js';
import { queryShardError } from './field-values.js';
import { boostOf, checkParams, isObject } from './params.js';
import type { Query } from './types.js';

export function parseIds(body: unknown): Query {
  if (!isObject(body)) throw parsingError('[ids] query malformed, no start_object after query name');
  checkParams('ids', body, ['values', 'boost'], 'unknown-field');
  // A single string is one id (ObjectParser reads a string array from a lone string); other scalars fail.
  const given = typeof body.values === 'string' ? [body.values] : body.values;
  if (typeof given === 'number' || typeof given === 'boolean') {
    throw parsingError(`[ids] values doesn't support values of type: ${typeof given === 'number' ? 'VALUE_NUMBER' : 'VALUE_BOOLEAN'}`);
  }
  if (!Array.isArray(given)) throw parsingError('[ids] query requires [values] array');
  const values = given.map((v) => {
    if (typeof v !== 'string' && typeof v !== 'number') throw parsingError('[ids] values must be strings');
    return String(v);
  });
  const boost = boostOf('ids', body.boost);
  if (values.length === 0) return { execute: () => EMPTY, noneOn: () => true, changedOn: () => true, coordNone: () => true };
  // The _id field's terms query refuses an empty id on the shard (an aggregation filter reports it bare).
  const empty = values.includes('');
  return {
    execute(ix) {
      if (empty) throw queryShardError('failed to create query: Ids can\'t be empty');
      const ords = new Set<number>();
      for (const id of values) {
        const ord = ix.ordOf(id);
        if (ord !== undefined) ords.add(ord);
      }
      if (ords.size === 0) return EMPTY;
      return constantSet(Int32Array.from(ords).sort(), boost);
    },
  };
}
