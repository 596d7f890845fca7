/**
 * Single-bucket aggregations: `filter` (docs of the current bucket that also match a query) and `missing`
 * (docs without a value for a field). Both narrow the current bucket, never widen it, so they cannot
 * reach documents outside the search's own query (unlike `global`, which is refused).
 */
import type { AggNode, CompileInput } from './agg-node.js';
import { AggParams } from './agg-params.js';
import { resolveField } from './field-source.js';
import { asObject } from './terms.js';

export function compileFilter<D>({ body, subs, ctx }: CompileInput<D>): AggNode<D> {
  const matches = ctx.compileFilter(body);
  return {
    run(docs) {
      const inside = keep(docs, matches);
      return { doc_count: inside.length, ...subs.run(inside) };
    },
  };
}

export function compileMissing<D>({ name, type, body, subs, ctx }: CompileInput<D>): AggNode<D> {
  const params = new AggParams(type, name, asObject(type, body), ['field']);
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
