/**
 * Single-bucket aggregations: `filter` (docs of the current bucket that also match a query) and `missing`
 * (docs without a value for a field). Both narrow the current bucket, never widen it, so they cannot
 * reach documents outside the search's own query (unlike `global`, which is refused).
 */
import type { AggNode, CompileInput } from './agg-node.js';
import { atParse } from '../errors.js';
import { AggParams, aggError, isPlainObject } from './agg-params.js';
import { resolveField } from './field-source.js';
import { asObject } from './terms.js';

export function compileFilter<D>({ body, subs, ctx }: CompileInput<D>): AggNode<D> {
  const matches = ctx.compileFilter(body);
  return {
    rewritten: matches.rewritten === true,
    ...(matches.rewrittenOn ? { rewrittenOn: matches.rewrittenOn } : {}),
    run(docs) {
      const inside = keep(docs, matches);
      return { doc_count: inside.length, ...subs.run(inside) };
    },
  };
}

/**
 * `filters`: one bucket per named (object, reported sorted by name) or anonymous (array, in order) query,
 * plus with `other_bucket` / `other_bucket_key` one for documents matching none of them, last.
 */
export function compileFilters<D>({ name, type, body, subs, ctx }: CompileInput<D>): AggNode<D> {
  const params = new AggParams(type, name, asObject(type, body), ['filters', 'other_bucket', 'other_bucket_key']);
  const raw = params.get('filters');
  const keyedInput = isPlainObject(raw);
  if (!keyedInput && !Array.isArray(raw)) throw aggError(`[filters] of [${name}] must be an object or an array of queries`);
  const entries: [string, unknown][] = keyedInput
    ? Object.entries(raw as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    : (raw as unknown[]).map((q, i) => [String(i), q]);
  // FiltersAggregationBuilder refuses no filter while the request is parsed.
  if (entries.length === 0) throw atParse(aggError('[filters] cannot be empty.'));
  const filters = entries.map(([key, q]) => ({ key, matches: ctx.compileFilter(q) }));
  const rewritten = filters.some((f) => f.matches.rewritten === true);
  const otherKey = params.string('other_bucket_key');
  const other = (params.boolean('other_bucket') ?? false) || otherKey !== undefined;
  return {
    rewritten,
    rewrittenOn: (shard) => filters.some((f) => (f.matches.rewrittenOn ? f.matches.rewrittenOn(shard) : f.matches.rewritten === true)),
    run(docs) {
      const buckets = filters.map((f) => {
        const inside = keep(docs, f.matches);
        return { key: f.key, bucket: { doc_count: inside.length, ...subs.run(inside) } };
      });
      if (other) {
        const rest = keep(docs, (d) => !filters.some((f) => f.matches(d)));
        buckets.push({ key: otherKey ?? '_other_', bucket: { doc_count: rest.length, ...subs.run(rest) } });
      }
      return keyedInput
        ? { buckets: Object.fromEntries(buckets.map((b) => [b.key, b.bucket])) }
        : { buckets: buckets.map((b) => b.bucket) };
    },
  };
}

export function compileMissing<D>({ name, type, body, subs, ctx }: CompileInput<D>): AggNode<D> {
  // `missing` is accepted there too: every document then has a value (the bucket is empty).
  const params = new AggParams(type, name, asObject(type, body), ['field', 'missing']);
  const source = resolveField(params, ctx, { numericOnly: false });
  return {
    run(docs) {
      const without = keep(docs, (d) => source.values(d).length === 0);
      return { doc_count: without.length, ...subs.run(without) };
    },
  };
}

function keep<D>(docs: ArrayLike<D>, test: (doc: D) => boolean): D[] {
  const out: D[] = [];
  for (let i = 0; i < docs.length; i++) if (test(docs[i]!)) out.push(docs[i]!);
  return out;
}
