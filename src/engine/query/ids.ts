/** `ids`: documents by `_id`. */
import { parsingError } from '../errors.js';
import { EMPTY, constantSet } from './doc-set.js';
import { queryShardError } from './field-values.js';
import { isRawNumber } from '../index/exact-numbers.js';
import { positionOf } from '../index/json-positions.js';
import { objectParserError } from './clause-errors.js';
import { checkParams, isObject, objectParserBoost } from './params.js';
import type { Query } from './types.js';

export function parseIds(body: unknown): Query {
  if (!isObject(body)) throw parsingError('[ids] query malformed, no start_object after query name');
  checkParams('ids', body, ['values', 'boost'], 'unknown-field');
  // A single string is one id (ObjectParser reads a string array from a lone string); other scalars fail.
  // ObjectParser reads the members in the order written: the first bad one is the error.
  let values: string[] = [];
  let boost = 1;
  for (const k of Object.keys(body)) {
    if (k === 'boost') boost = objectParserBoost('ids', body, true);
    if (k !== 'values') continue;
    const given = typeof body.values === 'string' ? [body.values] : body.values;
    if (!Array.isArray(given)) throw objectParserError('ids', body, 'values', { kind: 'type' }, true);
    values = given.map((v, i) => {
      if (typeof v === 'object' && v !== null && !isRawNumber(v)) {
        // parser.text() on an element that is no value.
        const token = Array.isArray(v) ? 'START_ARRAY' : 'START_OBJECT';
        const pos = positionOf({ holder: given, key: i, at: 'value' });
        const cause = { type: 'illegal_state_exception', reason: `Can't get text on a ${token}${pos ? ` at ${pos.line}:${pos.col}` : ''}` };
        throw objectParserError('ids', body, 'values', { kind: 'failed', cause }, true, { holder: given, key: i, at: 'value' });
      }
      if (typeof v !== 'string' && typeof v !== 'number' && !isRawNumber(v)) throw parsingError('[ids] values must be strings');
      return isRawNumber(v) ? v.rawJSON : String(v);
    });
  }
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
