/**
 * The wide fuzzer's comparison of two full HTTP answers (the real node's and the engine's). Unlike judge.ts
 * (which compares the parts of a search response the default generator exercises), this compares whole
 * bodies: every key of a search response except `took`, `timed_out` and `_shards`, whole `_mget`, GET
 * `_doc`/`_source` and GET `_mapping` bodies, `_count`, each `_msearch` item, and write item results.
 * Hits are compared in runs of equal ordering keys (scores to float tolerance, or equal sort values) as sets;
 * a run cut by the page edge is not compared member by member.
 */
import { documentedRefusal } from '../refusals.js';

/** A parsed JSON body (anything a node may answer). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export interface Ans { readonly status: number; readonly body: Json }

export interface Difference {
  /** Where the answers first differ, with array indices and hit ids kept (see `classKey` for grouping). */
  readonly where: string;
  readonly real: unknown;
  readonly engine: unknown;
}

const TOL = 1e-5;

function close(a: number, b: number, tol = TOL): boolean {
  if (Object.is(a, b)) return true;
  if (Number.isInteger(a) && Number.isInteger(b) && Math.abs(a) < 2 ** 53) return a === b;
  return Math.abs(a - b) <= tol * Math.max(1e-300, Math.abs(a), Math.abs(b));
}

/** The first difference of two JSON values: numbers to `tol` relative (-0 and 0 apart only through Object.is at tol 0). */
export function diff(a: unknown, b: unknown, path = '', tol = 1e-9): Difference | undefined {
  const at = (where: string): Difference => ({ where: where || '.', real: a, engine: b });
  if (typeof a === 'number' && typeof b === 'number') return close(a, b, tol) ? undefined : at(path);
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b)) return at(path);
    if (a.length !== b.length) return at(`${path}.length`);
    for (let i = 0; i < a.length; i++) {
      const d = diff(a[i], b[i], `${path}[${i}]`, tol);
      if (d) return d;
    }
    return undefined;
  }
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const ka = Object.keys(a).sort();
    const kb = Object.keys(b).sort();
    if (ka.join('|') !== kb.join('|')) return { where: `${path}{keys}`, real: ka, engine: kb };
    for (const k of ka) {
      const d = diff((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`, tol);
      if (d) return d;
    }
    return undefined;
  }
  return Object.is(a, b) ? undefined : at(path);
}

function scoreFirst(body: Json): boolean {
  const s = body.sort;
  if (!s || (Array.isArray(s) && s.length === 0)) return true;
  const f = Array.isArray(s) ? s[0] : s;
  return f === '_score' || (typeof f === 'object' && f !== null && '_score' in f && (typeof f._score === 'string' ? f._score !== 'asc' : f._score?.order !== 'asc'));
}

const IGNORED_TOP_KEYS = ['took', 'timed_out', '_shards'];

/** A search response (also an `_msearch` item) against the request that produced it. */
export function compareSearch(req: Json, r: Json, e: Json): Difference | undefined {
  const rh = r?.hits;
  const eh = e?.hits;
  if (!rh || !eh) return diff(r, e, '');
  const t = diff(rh.total, eh.total, 'hits.total');
  if (t) return t;
  if (!(rh.max_score === eh.max_score || (typeof rh.max_score === 'number' && typeof eh.max_score === 'number' && close(rh.max_score, eh.max_score)))) {
    return { where: 'hits.max_score', real: rh.max_score, engine: eh.max_score };
  }
  const ids = (hs: Json[]): string[] => hs.map((h) => `${h._index}/${h._id}`);
  if (rh.hits.length !== eh.hits.length) return { where: 'hits.length', real: ids(rh.hits), engine: ids(eh.hits) };
  for (let i = 0; i < rh.hits.length; i++) {
    const a = rh.hits[i];
    const b = eh.hits[i];
    if (!(a._score === b._score || (typeof a._score === 'number' && typeof b._score === 'number' && close(a._score, b._score)))) {
      return { where: `hits[${i}]._score`, real: a._score, engine: b._score };
    }
  }
  const size = typeof req.size === 'number' ? req.size : 10;
  const full = rh.hits.length === size;
  const byScore = scoreFirst(req) && !(Array.isArray(req.sort) ? req.sort.length > 0 : req.sort);
  // Runs of identical ordering keys (the score when scored, the sort values otherwise) are compared as sets.
  const key = (h: Json): string => JSON.stringify(h.sort ?? h._score);
  let i = 0;
  while (i < rh.hits.length) {
    let j = i + 1;
    while (j < rh.hits.length && (byScore ? close(rh.hits[j]._score, rh.hits[i]._score) : key(rh.hits[j]) === key(rh.hits[i]))) j++;
    const edge = (full && j === rh.hits.length) || (((req.from ?? 0) > 0 || req.search_after !== undefined) && i === 0);
    const A = ids(rh.hits.slice(i, j)).sort().join(',');
    const B = ids(eh.hits.slice(i, j)).sort().join(',');
    if (!edge && A !== B) return { where: `hits[${i}..${j}) ids`, real: A, engine: B };
    if (A === B) {
      const m = new Map<string, Json>(eh.hits.slice(i, j).map((h: Json) => [`${h._index}/${h._id}`, h]));
      for (const h of rh.hits.slice(i, j)) {
        const { _score: _s1, ...x } = h;
        const { _score: _s2, ...y } = m.get(`${h._index}/${h._id}`);
        const d = diff(x, y, `hits[${h._id}]`, TOL);
        if (d) return d;
      }
    }
    i = j;
  }
  const ag = diff(r.aggregations, e.aggregations, 'aggregations');
  if (ag) return ag;
  return diff(Object.keys(r).filter((k) => !IGNORED_TOP_KEYS.includes(k)).sort(), Object.keys(e).filter((k) => !IGNORED_TOP_KEYS.includes(k)).sort(), '{top-level keys}');
}

/** `type: reason` of an error body (its first root cause). */
export function reasonOf(b: Json): string {
  const rc = b?.error?.root_cause?.[0] ?? b?.error;
  return `${rc?.type ?? ''}: ${rc?.reason ?? JSON.stringify(b).slice(0, 200)}`;
}

/** The engine's reason only (what refusals.ts matches). */
export function engineReason(b: Json): string {
  const rc = b?.error?.root_cause?.[0] ?? b?.error;
  return typeof rc?.reason === 'string' ? rc.reason : '';
}

export type WideVerdict =
  | { readonly kind: 'same' }
  | { readonly kind: 'wrong'; readonly where: string; readonly real: unknown; readonly engine: unknown }
  | { readonly kind: 'refused'; readonly documented: string | undefined; readonly reason: string }
  /** The real node gave no usable answer (429 out of heap, or no answer before the timeout). */
  | { readonly kind: 'no-reference'; readonly reason: string };

export const TIMED_OUT = 599;

/** The verdict on one request's two answers; `cmp` compares two 2xx bodies (whole bodies by default). */
export function verdictOf(r: Ans, e: Ans, cmp?: (r: Json, e: Json) => Difference | undefined): WideVerdict {
  if (r.status === 429 || r.status === TIMED_OUT) return { kind: 'no-reference', reason: `${r.status} ${reasonOf(r.body)}` };
  if (e.status === TIMED_OUT) return { kind: 'wrong', where: 'engine gave no answer in time', real: r.status, engine: 'timeout' };
  const rOk = r.status < 300;
  const eOk = e.status < 300;
  if (rOk && eOk) {
    const d = cmp ? cmp(r.body, e.body) : diff(r.body, e.body, '');
    return d ? { kind: 'wrong', ...d } : { kind: 'same' };
  }
  if (!rOk && !eOk) {
    if (r.status === e.status || documentedRefusal(engineReason(e.body))) return { kind: 'same' };
    return { kind: 'wrong', where: 'error status', real: `${r.status} ${reasonOf(r.body)}`, engine: `${e.status} ${reasonOf(e.body)}` };
  }
  if (rOk && !eOk) return { kind: 'refused', documented: documentedRefusal(engineReason(e.body))?.name, reason: `${e.status} ${reasonOf(e.body)}` };
  return { kind: 'wrong', where: 'engine answered a request OpenSearch refuses', real: `${r.status} ${reasonOf(r.body)}`, engine: e.status };
}

/** `_msearch`: the whole request's status first, then item by item; the first failing item decides. */
export function compareMsearch(bodies: readonly Json[]): (r: Json, e: Json) => WideVerdict {
  return (r, e) => {
    const ra: Json[] = r.responses ?? [];
    const ea: Json[] = e.responses ?? [];
    if (ra.length !== ea.length) return { kind: 'wrong', where: 'msearch responses.length', real: ra.length, engine: ea.length };
    let documented: WideVerdict | undefined;
    for (let i = 0; i < ra.length; i++) {
      const v = verdictOf({ status: ra[i].status ?? 200, body: ra[i] }, { status: ea[i].status ?? 200, body: ea[i] }, (a, b) => compareSearch(bodies[i], a, b));
      if (v.kind === 'same') continue;
      if (v.kind === 'refused' && v.documented) { documented ??= v; continue; }
      if (v.kind === 'wrong') return { ...v, where: `msearch[${i}] ${v.where}` };
      return v;
    }
    return documented ?? { kind: 'same' };
  };
}

/** A difference's class for the summary: indices, hit ids and bracketed values folded. */
export function classKey(api: string, v: WideVerdict): string {
  const fold = (s: string): string => s.replace(/fuzz-wide-[0-9a-z-]*?c\d+(-[ab])?/g, '<index>').replace(/\[[^\]]*\]/g, '[]').replace(/\[\]\.\.\d+\)/g, '[]..)');
  if (v.kind === 'wrong') return `wrong ${api}: ${fold(v.where)}`;
  if (v.kind === 'refused') return `refused ${api}: ${fold(v.reason).replace(/ in document with id .*/, '').slice(0, 120)}`;
  return `${v.kind} ${api}`;
}
