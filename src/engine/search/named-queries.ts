/**
 * Named queries (`_name` on any query): each hit lists the named queries of the query and the post_filter
 * that match it (MatchedQueriesPhase), each run on its own against the hit's index; with the
 * `include_named_queries_score` URL parameter as an object of their scores.
 *
 * The names come out in the iteration order of the Java HashMaps the phase copies them through (a name's
 * String.hashCode bucket, then insertion order within a bucket), which JavaHashMap below reproduces. A name
 * given twice keeps its first position and its last query (registered in post-order as the query is built,
 * bool clauses as must, must_not, should, filter; the post_filter's after the query's).
 */
import type { SearchIndex } from '../index/search-index.js';
import { compileQuery } from '../query/compile.js';
import type { DocSet } from '../query/doc-set.js';
import { isObject, isQueryName } from '../query/params.js';
import { isRawNumber } from '../index/exact-numbers.js';
import { JavaHashMap } from '../index/java-hash-map.js';
import type { ExecContext, Query } from '../query/types.js';
import { floatValue } from './render-number.js';

type Named = readonly (readonly [string, unknown])[];

const BOOL_ORDER = ['must', 'must_not', 'should', 'filter'] as const;

function nameText(v: unknown): string {
  return isRawNumber(v) ? v.rawJSON : String(v);
}

/** The named queries of a query, in the order OpenSearch registers them (children before their parent). */
export function namedQueriesOf(q: unknown, out: (readonly [string, unknown])[] = [], depth = 0): (readonly [string, unknown])[] {
  if (!isObject(q) || depth > 100) return out;
  for (const [type, spec] of Object.entries(q)) {
    if (!isObject(spec)) continue;
    if (type === 'bool') {
      for (const k of BOOL_ORDER) {
        const c = spec[k];
        for (const clause of Array.isArray(c) ? c : c === undefined ? [] : [c]) namedQueriesOf(clause, out, depth + 1);
      }
    } else if (type === 'constant_score') {
      namedQueriesOf(spec.filter, out, depth + 1);
    }
    if ('_name' in spec) {
      if (isQueryName(spec._name)) out.push([nameText(spec._name), q]);
      continue;
    }
    // Field-level queries (term, match, range, prefix, ...) take the name inside the field's object.
    for (const [k, v] of Object.entries(spec)) {
      if (k !== 'boost' && isObject(v) && '_name' in v && isQueryName(v._name)) out.push([nameText(v._name), q]);
    }
  }
  return out;
}

/** Copied as OpenSearch does: each of query and post_filter through its context's map, then both into one. */
function inPhaseOrder(query: Named, postFilter: Named): [string, unknown][] {
  const registered = (named: Named): [string, unknown][] => {
    const ctx = new JavaHashMap<unknown>();
    for (const [k, v] of named) ctx.put(k, v);
    return new JavaHashMap<unknown>().putAll(ctx.entries()).entries();
  };
  const all = new JavaHashMap<unknown>().putAll(registered(query)).putAll(registered(postFilter)).entries();
  // The weights map, then the per-segment map of matching scorers: both filled one name at a time.
  const weights = new JavaHashMap<unknown>();
  for (const [k, v] of all) weights.put(k, v);
  const scorers = new JavaHashMap<unknown>();
  for (const [k, v] of weights.entries()) scorers.put(k, v);
  return scorers.entries();
}

export interface NamedMatcher {
  /** The hit's `matched_queries`, or undefined when it matches none. */
  matched(ix: SearchIndex, ord: number): string[] | Record<string, unknown> | undefined;
}

type Runner = (ix: SearchIndex, q: Query, ctx: ExecContext) => DocSet;

/** Undefined when the request names no query. */
export function namedMatcher(query: unknown, postFilter: unknown, withScores: boolean, now: number, run: Runner): NamedMatcher | undefined {
  const named = inPhaseOrder(namedQueriesOf(query), namedQueriesOf(postFilter));
  if (named.length === 0) return undefined;
  const compiled = named.map(([name, q]) => [name, compileQuery(q)] as const);
  const sets = new Map<SearchIndex, DocSet[]>();
  return {
    matched(ix, ord) {
      let perIndex = sets.get(ix);
      if (!perIndex) {
        perIndex = compiled.map(([, q]) => run(ix, q, { scoring: withScores, now }));
        sets.set(ix, perIndex);
      }
      const names: string[] = [];
      const scores: Record<string, unknown> = {};
      compiled.forEach(([name], i) => {
        const set = perIndex![i]!;
        const at = indexOf(set.docs, ord);
        if (at < 0) return;
        names.push(name);
        scores[name] = floatValue(set.scores ? set.scores[at]! : set.constant);
      });
      if (names.length === 0) return undefined;
      return withScores ? scores : names;
    },
  };
}

function indexOf(docs: Int32Array, ord: number): number {
  let lo = 0;
  let hi = docs.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = docs[mid]!;
    if (v === ord) return mid;
    if (v < ord) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}
