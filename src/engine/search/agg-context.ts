/**
 * The AggContext the aggregation framework runs on. Docs are plain numbers (`base[target] + ord`) so
 * aggregating 100k matches allocates nothing per doc.
 */
import type { AggContext } from '../aggs/aggregate.js';
import { EngineError } from '../errors.js';
import { NO_VALUE, SEVERAL_VALUES, type DocColumn } from '../aggs/doc-column.js';
import type { SearchIndex } from '../index/search-index.js';
import type { LeafField } from '../index/mapping.js';
import type { KeywordFieldIndex } from '../index/keyword-field.js';
import type { NumericFieldIndex } from '../index/numeric-field.js';
import { compileQuery } from '../query/compile.js';

export type DocRef = number;

export interface SearchAggContext extends AggContext<DocRef> {
  ref(target: number, ord: number): DocRef;
}

const EMPTY: readonly (string | number)[] = Object.freeze([]);

export function makeAggContext(targets: readonly SearchIndex[], now: number): SearchAggContext {
  const bases: number[] = [];
  let acc = 0;
  for (const ix of targets) { bases.push(acc); acc += ix.maxDoc; }
  const locate = (ref: number): [SearchIndex, number] => {
    if (targets.length === 1) return [targets[0]!, ref];
    let t = bases.length - 1;
    while (t > 0 && bases[t]! > ref) t--;
    return [targets[t]!, ref - bases[t]!];
  };
  const fieldCache = new Map<string, (KeywordFieldIndex | NumericFieldIndex | undefined)[]>();
  // `targets` come in shard order: by index name, or as the can_match phase ordered them under a field sort
  // (search/shard-order.ts).
  const firstMapping = (field: string, shards?: readonly number[]): LeafField | undefined => {
    for (const ix of shards ? shards.map((s) => targets[s]!) : targets) {
      const leaf = ix.leaf(field);
      if (leaf) return leaf;
    }
    return undefined;
  };
  return {
    ref: (t, ord) => bases[t]! + ord,
    shardOf(ref) {
      let t = bases.length - 1;
      while (t > 0 && bases[t]! > ref) t--;
      return t;
    },
    fieldType(field) {
      // `_index` is a meta field OpenSearch aggregates like a keyword (per-index counts).
      if (field === '_index') return 'keyword';
      // An object is no field for aggregations: OpenSearch's shard treats it as unmapped (checked on 3.6.0).
      for (const ix of targets) {
        const leaf = ix.leaf(field);
        if (leaf) return leaf.type;
      }
      return undefined;
    },
    shardFieldTypes(field) {
      return targets.map((ix) => (field === '_index' ? 'keyword' : ix.leaf(field)?.type));
    },
    // OpenSearch reduces the shard results in shard order and prints with the first result's format, so the
    // first index in that order that maps the field decides how dates print (a dynamic yyyy/MM/dd date in
    // one index, an ISO date in another: whichever shard comes first).
    fieldPrintFormat(field, shards) {
      const f = firstMapping(field, shards)?.params.print_format;
      return typeof f === 'string' ? f : undefined;
    },
    fieldFormat(field, shards) {
      const f = firstMapping(field, shards)?.params.format;
      return typeof f === 'string' ? f : undefined;
    },
    values(doc, field) {
      if (field === '_index') return [locate(doc)[0].name];
      // Aggregations call this once per doc and field: resolve the field's structures once per field.
      let perTarget = fieldCache.get(field);
      if (!perTarget) {
        perTarget = targets.map((ix) => {
          const fi = ix.fieldIndex(field);
          return fi && fi.kind !== 'text' ? fi : undefined;
        });
        fieldCache.set(field, perTarget);
      }
      if (targets.length === 1) {
        const fi = perTarget[0];
        return fi ? fi.values(doc) : EMPTY;
      }
      const [, ord] = locate(doc);
      let t = bases.length - 1;
      while (t > 0 && bases[t]! > doc) t--;
      const fi = perTarget[t];
      return fi ? fi.values(ord) : EMPTY;
    },
    fieldBounds(field) {
      let lo = Infinity;
      let hi = -Infinity;
      for (const ix of targets) {
        const fi = ix.fieldIndex(field);
        if (fi && fi.kind === 'numeric' && fi.docCount > 0) { lo = Math.min(lo, fi.min); hi = Math.max(hi, fi.max); }
      }
      return lo <= hi ? [lo, hi] : undefined;
    },
    hasExact(field) {
      return targets.some((ix) => {
        const fi = ix.fieldIndex(field);
        return fi !== undefined && fi.kind === 'numeric' && fi.exact.size > 0;
      });
    },
    exactValues(doc, field) {
      const [ix, ord] = locate(doc);
      const fi = ix.fieldIndex(field);
      return fi && fi.kind === 'numeric' ? fi.exactValues(ord) : [];
    },
    column(field) {
      // Refs equal ords only with a single target; several targets read through `values`.
      if (targets.length !== 1 || field === '_index') return undefined;
      return columnOf(targets[0]!.fieldIndex(field));
    },
    parseFilter(query) {
      compileQuery(query);
    },
    compileFilter(query) {
      const q = compileQuery(query);
      const masks = new Map<SearchIndex, Uint8Array>();
      // Built on every index now, as OpenSearch builds it on every shard: a query it refuses fails the
      // search even when no bucket ever reaches this filter.
      for (const ix of targets) {
        const mask = new Uint8Array(ix.maxDoc);
        q.rewrite?.(ix, { scoring: false, now });
        let docs: Int32Array;
        try {
          docs = q.execute(ix, { scoring: false, now }).docs;
        } catch (e) {
          throw unwrapCreateQuery(e);
        }
        for (const d of docs) mask[d] = 1;
        masks.set(ix, mask);
      }
      const rewritten = targets.some((ix) => q.changedOn?.(ix) ?? false);
      const rewrittenOn = (shard: number): boolean => (targets[shard] ? q.changedOn?.(targets[shard]) ?? false : false);
      return Object.assign((doc: DocRef) => {
        const [ix, ord] = locate(doc);
        let mask = masks.get(ix);
        if (!mask) {
          mask = new Uint8Array(ix.maxDoc);
          q.rewrite?.(ix, { scoring: false, now });
        for (const d of q.execute(ix, { scoring: false, now }).docs) mask[d] = 1;
          masks.set(ix, mask);
        }
        return mask[ord] === 1;
      }, { rewritten, rewrittenOn });
    },
  };
}

/** The refs of every target's matching docs (ascending ords per target), as one typed array. */
export function refsOf(ctx: SearchAggContext, perTarget: readonly Int32Array[]): Int32Array {
  // With one target refs are ords: hand the match set over as is.
  if (perTarget.length === 1) return perTarget[0]!;
  const out = new Int32Array(perTarget.reduce((n, docs) => n + docs.length, 0));
  let k = 0;
  perTarget.forEach((docs, t) => {
    const base = ctx.ref(t, 0);
    for (let i = 0; i < docs.length; i++) out[k++] = base + docs[i]!;
  });
  return out;
}

function columnOf(fi: ReturnType<SearchIndex['fieldIndex']>): DocColumn<DocRef> | undefined {
  if (!fi || fi.kind === 'text') return undefined;
  if (fi.kind === 'keyword') {
    return {
      kind: 'ordinals',
      terms: fi.dict,
      ord: (doc) => {
        const o = fi.ordinal(doc);
        return o >= 0 ? o : o === -1 ? NO_VALUE : SEVERAL_VALUES;
      },
      several: fi.severalIds,
      severalAt: (doc) => fi.severalAt(doc),
    };
  }
  const col = fi.col;
  const multi = fi.multi;
  return {
    kind: 'numeric',
    value: (doc) => (doc < col.length ? col[doc]! : NaN),
    multi: (doc) => multi.get(doc),
    hasMulti: multi.size > 0,
  };
}

/**
 * A filter/filters aggregation builds its query with `toQuery` directly, not through the search's
 * QueryShardContext.toQuery, so an exception that is not a QueryShardException reaches the shard failure as
 * itself, without the "failed to create query: " wrapping the engine's query builders give it.
 */
function unwrapCreateQuery(e: unknown): unknown {
  if (!(e instanceof EngineError) || e.type !== 'query_shard_exception' || !e.reason.startsWith('failed to create query: ')) return e;
  const reason = e.reason.slice('failed to create query: '.length);
  if (reason.includes('not supported by the embedded engine') || reason.includes('which the embedded engine refuses') || reason.startsWith('maxClauseCount')) return e;
  const type = /^(?:For input string: |empty String$)/.test(reason) ? 'number_format_exception' : 'illegal_argument_exception';
  return new EngineError(e.status, type, reason);
}
