/**
 * What "answers like OpenSearch" means, as a projection of each response that must be equal on both
 * backends: totals, hit identities (in order when the sort is deterministic, as a set when ordered by
 * score), `_source`, sort values, aggregations, counts, and for refused requests the status and the
 * innermost error type. Scores, `took`, `_shards` and `max_score` are left out. Non-integer numbers in
 * sort values and aggregations are compared to 10 significant digits (summation order may differ).
 */
import type { Outcome } from './backends.js';
import type { ConformanceRequest } from './requests.js';

export function project(req: ConformanceRequest, outcome: Outcome): unknown {
  if (!outcome.ok) return { error: { status: outcome.status, type: outcome.type } };
  if (req.expectError) return { unexpectedSuccess: true };
  const body = outcome.body;
  if (req.api === 'count') return { count: body.count };
  const hits = (body.hits ?? {}) as { total?: unknown; hits?: Record<string, unknown>[] };
  let list = (hits.hits ?? []).map((h) => {
    const out: Record<string, unknown> = { _index: h._index, _id: h._id };
    if ('_source' in h) out._source = h._source;
    if (!req.scored && 'sort' in h) out.sort = approximate(h.sort);
    return out;
  });
  if (req.scored) list = [...list].sort((a, b) => key(a).localeCompare(key(b)));
  const out: Record<string, unknown> = { total: hits.total, hits: list };
  if ('aggregations' in body) out.aggregations = approximate(body.aggregations);
  return out;
}

function key(h: Record<string, unknown>): string {
  return `${String(h._index)}/${String(h._id)}`;
}

export function approximate(v: unknown): unknown {
  if (typeof v === 'number') return Number.isInteger(v) ? v : Number(v.toPrecision(10));
  if (Array.isArray(v)) return v.map(approximate);
  if (typeof v === 'object' && v !== null) {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, approximate(x)]));
  }
  return v;
}
