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

/** A named query: its name, the query object that carries it, and the query objects around it (outermost first). */
interface NamedNode { readonly name: string; readonly query: unknown; readonly around: readonly unknown[] }

/** The named queries of a query, in the order OpenSearch registers them (children before their parent). */
export function namedQueriesOf(q: unknown, out: NamedNode[] = [], around: readonly unknown[] = []): NamedNode[] {
  if (!isObject(q) || around.length > 100) return out;
  const inner = [...around, q];
  for (const [type, spec] of Object.entries(q)) {
    if (!isObject(spec)) continue;
    if (type === 'bool') {
      for (const k of BOOL_ORDER) {
        const c = spec[k];
        for (const clause of Array.isArray(c) ? c : c === undefined ? [] : [c]) namedQueriesOf(clause, out, inner);
      }
    } else if (type === 'constant_score') {
      namedQueriesOf(spec.filter, out, inner);
    }
    if ('_name' in spec) {
      if (isQueryName(spec._name)) out.push({ name: nameText(spec._name), query: q, around });
      continue;
    }
    // Field-level queries (term, match, range, prefix, ...) take the name inside the field's object.
    for (const [k, v] of Object.entries(spec)) {
      if (k !== 'boost' && isObject(v) && '_name' in v && isQueryName(v._name)) out.push({ name: nameText(v._name), query: q, around });
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

/**
 * Undefined when the request names no query. A name is registered only by a query OpenSearch builds on the
 * shard: one its rewrite removed (inside a bool that a match_none must/filter clause turns into match_none,
 * or itself rewritten to match_none) names nothing there, so the names are worked out per index.
 */
export function namedMatcher(query: unknown, postFilter: unknown, withScores: boolean, now: number, run: Runner): NamedMatcher | undefined {
  const inQuery = namedQueriesOf(query);
  const inFilter = namedQueriesOf(postFilter);
  if (inQuery.length + inFilter.length === 0) return undefined;
  const compiled = new Map<unknown, Query | null>();
  const compile = (q: unknown): Query | null => {
    if (!compiled.has(q)) {
      try {
        compiled.set(q, compileQuery(q));
      } catch {
        compiled.set(q, null);
      }
    }
    return compiled.get(q)!;
  };
  const perIndex = new Map<SearchIndex, { names: string[]; sets: (DocSet | undefined)[] }>();
  const stateOf = (ix: SearchIndex): { names: string[]; sets: (DocSet | undefined)[] } => {
    let st = perIndex.get(ix);
    if (st) return st;
    const built = (n: NamedNode): boolean => [...n.around, n.query].every((q) => {
      const c = compile(q);
      return c !== null && !(c.noneOn?.(ix) ?? false);
    });
    const pairs = (ns: readonly NamedNode[]): [string, unknown][] => ns.filter(built).map((n) => [n.name, n.query]);
    const named = inPhaseOrder(pairs(inQuery), pairs(inFilter));
    const sets = named.map(([, q]) => {
      const c = compile(q);
      // A standalone run that fails could not have been built in the search either (it would have failed it).
      try {
        return c === null ? undefined : run(ix, c, { scoring: withScores, now });
      } catch {
        return undefined;
      }
    });
    st = { names: named.map(([n]) => n), sets };
    perIndex.set(ix, st);
    return st;
  };
  return {
    matched(ix, ord) {
      const st = stateOf(ix);
      const names: string[] = [];
      const scores: Record<string, unknown> = {};
      st.names.forEach((name, i) => {
        const set = st.sets[i];
        if (!set) return;
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
