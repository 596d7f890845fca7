/** `constant_score`: a filter whose matches all score `boost`. */
import { parsingError } from '../errors.js';
import { EMPTY, constantSet } from './doc-set.js';
import { boostOf, checkParams, isObject } from './params.js';
import { parsingAt } from './clause-errors.js';
import type { SearchIndex } from '../index/search-index.js';
import { buildsNone, type Query } from './types.js';

export function parseConstantScore(body: unknown, compile: (q: unknown) => Query): Query {
  if (!isObject(body)) throw parsingError('[constant_score] query malformed, no start_object after query name');
  checkParams('constant_score', body, ['filter', 'boost']);
  // ConstantScoreQueryBuilder.fromXContent: a scalar `filter` is an unsupported member, an array an unexpected token.
  if (Array.isArray(body.filter)) throw parsingAt('unexpected token [START_ARRAY]', { holder: body, key: 'filter', at: 'value' });
  if (body.filter !== undefined && !isObject(body.filter)) throw parsingAt('[constant_score] query does not support [filter]', { holder: body, key: 'filter', at: 'value' });
  if (body.filter === undefined) throw parsingError('[constant_score] requires a \'filter\' element');
  const filter = compile(body.filter);
  const boost = boostOf('constant_score', body.boost, body);
  const noneOn = (ix: SearchIndex): boolean => filter.noneOn?.(ix) ?? false;
  return {
    execute: (ix, ctx) => {
      if (!noneOn(ix)) return constantSet(filter.execute(ix, { ...ctx, scoring: false }).docs, boost);
      filter.rewrite?.(ix, ctx);
      return EMPTY;
    },
    rewrite: (ix, ctx) => filter.rewrite?.(ix, ctx),
    coordNone: () => filter.coordNone?.() ?? false,
    noneOn,
    changedOn: (ix) => noneOn(ix) || (filter.changedOn?.(ix) ?? false),
    countShortcut: (ix) => (noneOn(ix) ? undefined : filter.countShortcut?.(ix)),
    pointCounted: (ix) => !noneOn(ix) && (filter.pointCounted?.(ix) ?? false),
    // ConstantScoreQuery.rewrite bubbles up a MatchNoDocsQuery.
    luceneNone: (ix) => buildsNone(filter, ix),
  };
}
