/** `ids`: documents by `_id`. */
import { parsingError } from '../errors.js';
import { EMPTY, constantSet } from './doc-set.js';
import { boostOf, checkParams, isObject } from './params.js';
import type { Query } from './types.js';

export function parseIds(body: unknown): Query {
  if (!isObject(body)) throw parsingError('[ids] query malformed, no start_object after query name');
  checkParams('ids', body, ['values', 'boost'], 'unknown-field');
  if (!Array.isArray(body.values)) throw parsingError('[ids] query requires [values] array');
  const values = body.values.map((v) => {
    if (typeof v !== 'string' && typeof v !== 'number') throw parsingError('[ids] values must be strings');
    return String(v);
  });
  const boost = boostOf('ids', body.boost);
  if (values.length === 0) return { execute: () => EMPTY, noneOn: () => true, changedOn: () => true, coordNone: () => true };
  return {
    execute(ix) {
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
