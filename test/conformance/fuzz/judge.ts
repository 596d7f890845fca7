/**
 * Judging one request's two answers. Equal means: the same status class (both answer, or both refuse with
 * the same HTTP status); for answers, equal totals, `count`, hit ids and order (runs of equal scores are
 * compared as sets, and a run cut by the page edge is not compared), `_source`, sort values, `max_score`
 * and `_score` to float tolerance, and aggregations (numbers to 10 significant digits, -0 kept apart from 0).
 */
import { documentedRefusal } from './refusals.js';

export type Answer =
  | { readonly ok: true; readonly status: number; readonly body: Record<string, unknown> }
  | { readonly ok: false; readonly status: number; readonly type: string; readonly reason: string };

export type Verdict =
  | { readonly kind: 'same' }
  | { readonly kind: 'wrong'; readonly where: string; readonly real: unknown; readonly engine: unknown }
  | { readonly kind: 'refused'; readonly documented: string | undefined; readonly reason: string }
  /** The shared node ran out of heap on this request (429 circuit breaker): no reference answer. */
  | { readonly kind: 'no-reference'; readonly reason: string };

const SCORE_TOL = 1e-5;

function closeScore(a: unknown, b: unknown): boolean {
  if (a === null || b === null || a === undefined || b === undefined) return a === b;
  if (typeof a !== 'number' || typeof b !== 'number') return false;
  return Math.abs(a - b) <= SCORE_TOL * Math.max(1, Math.abs(a), Math.abs(b));
}

/** Deep equality with numbers to 10 significant digits (summation order differs) and -0 distinct from 0. */
export function firstDifference(a: unknown, b: unknown, path = ''): string | undefined {
  if (typeof a === 'number' && typeof b === 'number') {
    if (Object.is(a, b)) return undefined;
    if (Number.isInteger(a) && Number.isInteger(b)) return path || '.';
    if (Object.is(a, 0) !== Object.is(b, 0) && (a === 0 || b === 0)) return path || '.';
    return Number(a.toPrecision(10)) === Number(b.toPrecision(10)) ? undefined : (path || '.');
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b)) return path || '.';
    if (a.length !== b.length) return `${path}.length`;
    for (let i = 0; i < a.length; i++) {
      const d = firstDifference(a[i], b[i], `${path}[${i}]`);
      if (d) return d;
    }
    return undefined;
  }
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null) {
    const ka = Object.keys(a).sort();
    const kb = Object.keys(b).sort();
    if (ka.join('\u0000') !== kb.join('\u0000')) return `${path}{keys: ${ka.join(',')} vs ${kb.join(',')}}`;
    for (const k of ka) {
      const d = firstDifference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
      if (d) return d;
    }
    return undefined;
  }
  return Object.is(a, b) ? undefined : (path || '.');
}

type Hit = { _id: string; _index: string; _score: number | null; _source?: unknown; sort?: unknown[]; matched_queries?: unknown };

function scoreOrdered(body: Record<string, unknown>): boolean {
  const sort = body.sort as unknown[] | undefined;
  if (!sort || sort.length === 0) return true;
  const first = sort[0];
  return first === '_score' || (typeof first === 'object' && first !== null && '_score' in first);
}

export function judge(request: Record<string, unknown>, real: Answer, engine: Answer): Verdict {
  if (!real.ok && real.status === 429 && engine.ok) return { kind: 'no-reference', reason: real.reason };
  if (!real.ok && !engine.ok) {
    // Both refuse. The status must agree unless the engine refuses by design (a documented refusal) or the
    // node ran out of memory on the request (429 circuit breaker: its way of refusing an expensive request).
    const acceptable = real.status === engine.status || documentedRefusal(engine.reason) !== undefined || real.status === 429;
    return acceptable ? { kind: 'same' }
      : { kind: 'wrong', where: 'error status', real: `${real.status} ${real.type}: ${real.reason}`, engine: `${engine.status} ${engine.type}: ${engine.reason}` };
  }
  if (!real.ok && engine.ok) return { kind: 'wrong', where: 'engine answered a request OpenSearch refuses', real: `${real.status} ${real.type}: ${real.reason}`, engine: 'answer' };
  if (real.ok && !engine.ok) {
    return { kind: 'refused', documented: documentedRefusal(engine.reason)?.name, reason: `${engine.status} ${engine.type}: ${engine.reason}` };
  }
  const r = (real as { body: Record<string, unknown> }).body;
  const e = (engine as { body: Record<string, unknown> }).body;
  const wrong = (where: string, a: unknown, b: unknown): Verdict => ({ kind: 'wrong', where, real: a, engine: b });
  if ('count' in r || 'count' in e) return r.count === e.count ? { kind: 'same' } : wrong('count', r.count, e.count);
  const rh = r.hits as { total?: unknown; max_score: number | null; hits: Hit[] };
  const eh = e.hits as { total?: unknown; max_score: number | null; hits: Hit[] };
  if (firstDifference(rh.total, eh.total)) return wrong('hits.total', rh.total, eh.total);
  if (!closeScore(rh.max_score, eh.max_score)) return wrong('hits.max_score', rh.max_score, eh.max_score);
  if (rh.hits.length !== eh.hits.length) return wrong('hits.length', rh.hits.map((h) => h._id), eh.hits.map((h) => h._id));
  for (let i = 0; i < rh.hits.length; i++) {
    if (!closeScore(rh.hits[i]!._score, eh.hits[i]!._score)) return wrong(`hits[${i}]._score`, rh.hits[i]!._score, eh.hits[i]!._score);
  }
  if (scoreOrdered(request)) {
    // Runs of equal scores may come in any order; a run touching the page edge may hold different members.
    const size = typeof request.size === 'number' ? request.size : 10;
    const full = rh.hits.length === size;
    const cutStart = (typeof request.from === 'number' && request.from > 0) || request.search_after !== undefined;
    let start = 0;
    while (start < rh.hits.length) {
      let end = start + 1;
      while (end < rh.hits.length && closeScore(rh.hits[end]!._score, rh.hits[start]!._score)) end++;
      const touchesEdge = (full && end === rh.hits.length) || (cutStart && start === 0);
      if (!touchesEdge) {
        const a = rh.hits.slice(start, end).map((h) => `${h._index}/${h._id}`).sort();
        const b = eh.hits.slice(start, end).map((h) => `${h._index}/${h._id}`).sort();
        if (a.join() !== b.join()) return wrong(`hits[${start}..${end}) ids (score tie run)`, a, b);
        const byId = new Map(eh.hits.slice(start, end).map((h) => [h._id, h]));
        for (const h of rh.hits.slice(start, end)) {
          // Sort values include the score when sorted by it: to float tolerance there too, as `_score` is.
          const d = firstDifference(h._source, byId.get(h._id)!._source, `hits[${h._id}]._source`) ?? sortDifference(h.sort, byId.get(h._id)!.sort, `hits[${h._id}].sort`)
            ?? firstDifference(h.matched_queries, byId.get(h._id)!.matched_queries, `hits[${h._id}].matched_queries`);
          if (d) return wrong(d, h, byId.get(h._id));
        }
      }
      start = end;
    }
  } else {
    for (let i = 0; i < rh.hits.length; i++) {
      const a = rh.hits[i]!;
      const b = eh.hits[i]!;
      if (a._id !== b._id || a._index !== b._index) return wrong(`hits[${i}]._id`, rh.hits.map((h) => h._id), eh.hits.map((h) => h._id));
      const d = firstDifference(a._source, b._source, `hits[${i}]._source`) ?? sortDifference(a.sort, b.sort, `hits[${i}].sort`)
        ?? firstDifference(a.matched_queries, b.matched_queries, `hits[${i}].matched_queries`);
      if (d) return wrong(d, a, b);
    }
  }
  const d = firstDifference(r.aggregations, e.aggregations, 'aggregations');
  if (d) return wrong(d, r.aggregations, e.aggregations);
  return { kind: 'same' };
}

function sortDifference(a: unknown[] | undefined, b: unknown[] | undefined, path: string): string | undefined {
  if (!a || !b) return a === b ? undefined : path;
  if (a.length !== b.length) return `${path}.length`;
  for (let i = 0; i < a.length; i++) {
    if (typeof a[i] === 'number' && typeof b[i] === 'number' && !Number.isInteger(a[i]) && closeScore(a[i], b[i])) continue;
    const d = firstDifference(a[i], b[i], `${path}[${i}]`);
    if (d) return d;
  }
  return undefined;
}
