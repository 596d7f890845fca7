/**
 * `bool` with OpenSearch's rules: must/filter are required, must_not excludes, should is optional when a
 * required clause exists unless minimum_should_match says otherwise, and a bool of only should clauses
 * needs one of them. Scores are the sum of must and matching should clauses (filter contributes none).
 */
import { EngineError, atParse, parsingError } from '../errors.js';
import { isRawNumber } from '../index/exact-numbers.js';
import { positionOf } from '../index/json-positions.js';
import { clauseError, objectParserError, raisedAt } from './clause-errors.js';
import type { SearchIndex } from '../index/search-index.js';
import { EMPTY, accumulate, difference, intersect, union, type DocSet } from './doc-set.js';
import { checkClauseCount } from './limits.js';
import { minimumShouldMatch } from './msm.js';
import { boostOf, boolParam, isObject, objectParserBoost } from './params.js';
import { MATCH_ALL_COUNT, allDocs, buildsNone, type ExecContext, type LazyFilter, type Query } from './types.js';

type Compile = (q: unknown) => Query;

function clauses(body: Record<string, unknown>, compile: Compile, occur: string): Query[] {
  const v = body[occur];
  if (v === undefined || v === null) return [];
  if (Array.isArray(v)) {
    const out: Query[] = new Array(v.length);
    for (let i = 0; i < v.length; i++) {
      // An array inside the clause array: ObjectParser's array reading refuses it at its bracket.
      if (Array.isArray(v[i])) {
        throw objectParserError('bool', body, occur, { kind: 'failed', cause: { type: 'illegal_state_exception', reason: 'expected value but got [START_ARRAY]' } },
          false, { holder: v, key: i, at: 'value' });
      }
      try {
        out[i] = compile(v[i]);
      } catch (e) {
        throw clauseError(e, occur, v[i], v, i);
      }
    }
    return out;
  }
  if (isObject(v)) {
    try {
      return [compile(v)];
    } catch (e) {
      throw clauseError(e, occur, v, body, occur);
    }
  }
  // ObjectParser's own refusal of a value of another type, at that value.
  const token = typeof v === 'number' || isRawNumber(v) ? 'VALUE_NUMBER' : typeof v === 'boolean' ? 'VALUE_BOOLEAN' : 'VALUE_STRING';
  const pos = positionOf({ holder: body, key: occur, at: 'value' });
  if (pos === undefined) throw parsingError(`[bool] query does not support [${occur}]`);
  throw raisedAt(atParse(new EngineError(400, 'x_content_parse_exception', `[${pos.line}:${pos.col}] [bool] ${occur} doesn't support values of type: ${token}`)), { holder: body, key: occur, at: 'value' });
}

export function parseBool(body: unknown, compile: Compile): Query {
  if (!isObject(body)) throw parsingError('[bool] query malformed, no start_object after query name');
  // ObjectParser reads the members in the order written: the first bad one is the error.
  let must: Query[] = [];
  let should: Query[] = [];
  let filter: Query[] = [];
  let mustNot: Query[] = [];
  for (const k in body) {
    switch (k) {
      case 'must': must = clauses(body, compile, k); break;
      case 'should': should = clauses(body, compile, k); break;
      case 'filter': filter = clauses(body, compile, k); break;
      case 'must_not': mustNot = clauses(body, compile, k); break;
      case 'boost': objectParserBoost('bool', body, false); break;
      case 'minimum_should_match':
        if (typeof body[k] === 'object' && body[k] !== null && !isRawNumber(body[k])) throw objectParserError('bool', body, k, { kind: 'type' });
        break;
      case 'adjust_pure_negative': {
        const v = body[k];
        if (typeof v === 'string' && v !== 'true' && v !== 'false') {
          throw objectParserError('bool', body, k, { kind: 'failed', cause: { type: 'illegal_argument_exception', reason: `Failed to parse value [${v}] as only [true] or [false] are allowed.` } });
        }
        if (typeof v !== 'string' && typeof v !== 'boolean') throw objectParserError('bool', body, k, { kind: 'type' });
        break;
      }
      case '_name':
        if (typeof body[k] === 'string') break;
        throw objectParserError('bool', body, k, { kind: 'type' });
      default: throw objectParserError('bool', body, k, { kind: 'unknown' });
    }
  }
  const msmSpec = body.minimum_should_match;
  if (body.adjust_pure_negative !== undefined && !boolParam('bool', 'adjust_pure_negative', body.adjust_pure_negative)) {
    throw parsingError('[bool] adjust_pure_negative=false is not supported by the embedded engine');
  }
  const boost = boostOf('bool', body.boost);
  const required = [...must, ...filter];
  // OpenSearch's BoolQueryBuilder.doRewrite: a required clause rewritten to match_none, or (without must and
  // filter clauses) every should clause rewritten to match_none, whatever minimum_should_match says.
  const coordNone = (): boolean => required.some((q) => q.coordNone?.() ?? false)
    || (required.length === 0 && should.length > 0 && should.every((q) => q.coordNone?.() ?? false));
  // Collapsed on the coordinating node, the shard never sees the clauses (nor their rewrite errors, such as
  // an `_index` value starting with `_`).
  const noneOn = (ix: SearchIndex): boolean => coordNone() || required.some((q) => q.noneOn?.(ix) ?? false)
    || (required.length === 0 && should.length > 0 && should.every((q) => q.noneOn?.(ix) ?? false));
  const rewrite = (ix: SearchIndex, ctx: ExecContext): void => {
    if (coordNone()) return;
    for (const q of [...must, ...mustNot, ...filter, ...should]) q.rewrite?.(ix, ctx);
  };
  /**
   * Whether Lucene's BooleanQuery.rewrite makes a MatchNoDocsQuery of this bool on `ix`: a required clause
   * that is one, no positive clause left once the should clauses that are one are dropped (OpenSearch only
   * adds its match_all to a bool written with must_not clauses alone), a must_not clause that is a
   * match_all, or fewer should clauses left than minimum_should_match (computed over all of them, as
   * OpenSearch's Queries.applyMinimumShouldMatch does before Lucene drops any).
   */
  const luceneNone = (ix: SearchIndex): boolean => {
    if (noneOn(ix)) return true;
    if (required.length + should.length + mustNot.length === 0) return false;
    if (required.some((q) => buildsNone(q, ix))) return true;
    const kept = should.filter((q) => !buildsNone(q, ix)).length;
    const pureNegative = required.length === 0 && should.length === 0;
    if (!pureNegative && required.length === 0 && kept === 0) return true;
    if (mustNot.some((q) => !buildsNone(q, ix) && q.countShortcut?.(ix) === MATCH_ALL_COUNT)) return true;
    return !pureNegative && msmSpec !== undefined && minimumShouldMatch(should.length, msmSpec) > kept;
  };
  /**
   * The one query Lucene's BooleanQuery.rewrite leaves of this bool on `ix` (OpenSearch's count shortcut then
   * sees it), `'all'` for a match_all, undefined when a boolean query (or a MatchNoDocsQuery) remains.
   * Checked on OpenSearch 3.6.0: should and must_not clauses that are MatchNoDocsQuery once built (match_none,
   * a match on an unmapped field, see `buildsNone`) are dropped, any other must_not keeps a boolean; a
   * match_all filter beside other required clauses is dropped whatever its boost; a lone must match_all
   * beside filters (and no should clause) becomes a constant score over the filters; one clause left is that
   * clause (a should clause when minimum_should_match asks for at most one). `must: [x, match_all]` stays a
   * boolean of two scoring clauses.
   */
  const countedClause = (ix: SearchIndex): Query | 'all' | undefined => {
    if (noneOn(ix)) return undefined;
    // An empty bool is match_all: its minimum_should_match is never parsed.
    if (required.length + should.length + mustNot.length === 0) return 'all';
    // Duplicates merged (checked on OpenSearch 3.6.0: must, filter and should clauses, whatever
    // minimum_should_match says; a filter clause that is also a must clause stays). The cheap structural
    // answers first: two required clauses left keep a boolean, whatever else is dropped.
    const uf = firstOf(filter, body.filter);
    let m = firstOf(must, body.must);
    const f = uf.length > 1 || m.length > 0 ? uf.filter((q) => q.matchAllBoost === undefined) : uf;
    if (m.length === 1 && m[0]!.matchAllBoost !== undefined && f.length > 0) m = [];
    if (m.length + f.length > 1) return undefined;
    if (mustNot.some((q) => !buildsNone(q, ix))) return undefined;
    if (luceneNone(ix)) return undefined;
    const live = should.filter((q) => !buildsNone(q, ix));
    if (m.length + f.length + live.length > 1 && m.length + f.length > 0) return undefined;
    const kept = live.length > 1 ? firstOf(should, body.should).filter((q) => !buildsNone(q, ix)) : live;
    // A lone must match_all beside filters stays a boolean beside should clauses.
    if (m.length === 0 && must.length === 1 && must[0]!.matchAllBoost !== undefined && f.length > 0 && kept.length > 0) return undefined;
    const left = [...m, ...f, ...kept];
    if (left.length === 0) return 'all';
    if (left.length > 1) return undefined;
    return left[0]!.matchAllBoost !== undefined ? 'all' : left[0]!;
  };
  return {
    execute: (ix, ctx) => {
      if (!noneOn(ix)) return runBool(ix, ctx, { must, should, filter, mustNot, msmSpec, boost });
      rewrite(ix, ctx);
      return EMPTY;
    },
    rewrite,
    coordNone,
    noneOn,
    luceneNone,
    // An empty bool becomes match_all; otherwise it changes when a clause does.
    // (A bool that collapses to match_none, on a match_none clause too, is rewritten.)
    changedOn: (ix) => (required.length + should.length + mustNot.length === 0) || noneOn(ix) || [...required, ...should, ...mustNot].some((q) => q.changedOn?.(ix) ?? false),
    countShortcut: (ix) => {
      const c = countedClause(ix);
      return c === 'all' ? MATCH_ALL_COUNT : c?.countShortcut?.(ix);
    },
    pointCounted: (ix) => {
      const c = countedClause(ix);
      return c !== undefined && c !== 'all' && (c.pointCounted?.(ix) ?? false);
    },
  };
}

/**
 * The clauses `qs` (compiled from `written`) without the repeats of one written alike before: two clauses
 * written alike are equal Lucene queries, which BooleanQuery.rewrite merges (equal queries written
 * differently are not recognised).
 */
function firstOf(qs: readonly Query[], written: unknown): Query[] {
  if (qs.length < 2 || !Array.isArray(written)) return [...qs];
  // Only clauses of one query type can be alike: most booleans are answered without writing them out.
  const types = written.map((q) => (typeof q === 'object' && q !== null ? Object.keys(q)[0] : undefined));
  if (new Set(types).size === types.length) return [...qs];
  const ks = written.map((q) => JSON.stringify(q));
  return qs.filter((_, i) => ks.indexOf(ks[i]!) === i);
}

interface BoolParts { must: Query[]; should: Query[]; filter: Query[]; mustNot: Query[]; msmSpec: unknown; boost: number }

function runBool(ix: SearchIndex, ctx: ExecContext, p: BoolParts): DocSet {
  checkClauseCount(p.must.length + p.should.length + p.filter.length + p.mustNot.length);
  const filterCtx: ExecContext = { ...ctx, scoring: false };
  const required = p.must.length + p.filter.length;
  // minimum_should_match also applies without should clauses (`{filter: [x], minimum_should_match: 1}`
  // matches nothing on OpenSearch), except where OpenSearch drops it: a bool without any clause (`{should:
  // [], minimum_should_match: 1}`, rewritten to match_all) and a pure negative one (its match_all is added
  // to a copy of the query without the setting).
  const noClause = required + p.should.length + p.mustNot.length === 0;
  const onlyNegative = required + p.should.length === 0 && p.mustNot.length > 0;
  // Every clause is built even when the answer is already known: OpenSearch builds the whole query on the
  // shard, so a clause it refuses (a bad value, a wrong field type) fails the search wherever it sits. It
  // builds them in this order (BoolQueryBuilder.doToQuery: must, must_not, should, filter), so the first
  // failing one in it is the error reported (checked on 3.6.0; wide seed 85).
  const mustSets = p.must.map((q) => q.execute(ix, ctx));
  const mustNotSets = p.mustNot.map((q) => q.execute(ix, filterCtx));
  const shouldSets = p.should.map((q) => q.execute(ix, ctx));
  // Filter clauses with a per-doc form are checked against the docs of the others instead of collected.
  const filterLazy: LazyFilter[] = [];
  const filterSets: DocSet[] = [];
  for (const q of p.filter) {
    const lazy = q.lazy?.(ix, filterCtx);
    if (lazy) filterLazy.push(lazy);
    else filterSets.push(q.execute(ix, filterCtx));
  }
  // doToQuery parses the setting after building the clauses, for every bool with clauses (a pure negative
  // one too).
  const parsed = noClause ? 0 : minimumShouldMatch(p.should.length, p.msmSpec);
  let msm = onlyNegative ? 0 : parsed;
  if (p.msmSpec === undefined && required === 0 && p.should.length > 0) msm = 1;
  if (msm > p.should.length) return EMPTY;

  let base: Int32Array;
  if (required > 0) {
    const lists = [...mustSets, ...filterSets].map((s) => s.docs);
    filterLazy.sort((a, b) => a.cost - b.cost);
    // Without a collected clause, the cheapest per-doc one is collected to lead.
    if (lists.length === 0) lists.push(filterLazy.shift()!.docs());
    lists.sort((a, b) => a.length - b.length);
    base = lists[0]!;
    for (let i = 1; i < lists.length && base.length > 0; i++) base = intersect(base, lists[i]!);
    for (const f of filterLazy) {
      if (base.length === 0) break;
      base = keepMatching(base, f);
    }
  } else if (p.should.length > 0) {
    base = union(shouldSets.map((s) => s.docs));
  } else {
    base = allDocs(ix);
  }
  if (p.mustNot.length > 0 && base.length > 0) {
    base = difference(base, union(mustNotSets.map((s) => s.docs)));
  }
  if (base.length === 0) return EMPTY;

  const counts = msm > 0 ? new Uint16Array(base.length) : undefined;
  const acc = new Float64Array(base.length);
  if (ctx.scoring || counts) {
    for (const s of mustSets) accumulate(base, acc, s);
    for (const s of shouldSets) accumulate(base, acc, s, counts);
  }
  // An empty bool is match_all (scores boost); one of only must_not clauses scores 0, as on OpenSearch.
  const pureNegative = required === 0 && p.should.length === 0;
  const pureConstant = pureNegative && p.mustNot.length === 0 ? p.boost : 0;
  let docs = base;
  let scores: Float32Array | null = null;
  if (counts) {
    const keepDocs = new Int32Array(base.length);
    const keepScores = new Float32Array(base.length);
    let k = 0;
    for (let i = 0; i < base.length; i++) {
      if (counts[i]! < msm) continue;
      keepDocs[k] = base[i]!;
      keepScores[k] = acc[i]! * p.boost;
      k++;
    }
    docs = keepDocs.subarray(0, k);
    scores = keepScores.subarray(0, k);
  } else if (ctx.scoring && !pureNegative && (mustSets.length > 0 || shouldSets.length > 0)) {
    scores = new Float32Array(base.length);
    for (let i = 0; i < base.length; i++) scores[i] = acc[i]! * p.boost;
  }
  if (docs.length === 0) return EMPTY;
  return { docs, scores, constant: pureConstant };
}

function keepMatching(docs: Int32Array, f: LazyFilter): Int32Array {
  if (f.keep) return f.keep(docs);
  const out = new Int32Array(docs.length);
  let k = 0;
  for (let i = 0; i < docs.length; i++) if (f.matches(docs[i]!)) out[k++] = docs[i]!;
  return out.subarray(0, k);
}
