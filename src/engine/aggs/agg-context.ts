import type { DocColumn } from './doc-column.js';

/**
 * What the aggregation framework needs to know about the documents it aggregates. The search core
 * implements it; aggregations never look at stored documents or mappings directly, which keeps them
 * independent of how indices are stored.
 */
export interface AggContext<D> {
  /** Mapping type of a field path ('keyword','text','long','integer','float','double','boolean','date')
   *  or undefined when no target index maps it as a leaf field (an object is unmapped for aggregations). */
  fieldType(field: string): string | undefined;
  /** Optional, with several searched indices: the field's mapping type on each shard (undefined: unmapped). */
  shardFieldTypes?(field: string): readonly (string | undefined)[];
  /** Doc values of a field for a doc, arrays flattened: numbers for numeric fields, epoch millis for dates,
   *  booleans as 1/0 (OpenSearch returns key 1/0 with key_as_string "true"/"false"), strings for keyword. */
  values(doc: D, field: string): readonly (string | number)[];
  /** Compile a query (for the `filter` aggregation) into a predicate over docs. Throws EngineError if unsupported. */
  compileFilter(query: unknown): ((doc: D) => boolean) & { readonly rewritten?: boolean; readonly rewrittenOn?: (shard: number) => boolean };
  /** Optional, with several searched indices: the shard (target index, in search order) a doc comes from.
   *  Which shard's result comes first in OpenSearch's reduce decides a merged aggregation's `meta`. */
  shardOf?(doc: D): number;
  /** Optional: parse a filter query only (its parsing errors), without building it on the indices. */
  parseFilter?(query: unknown): void;
  /** Optional: the mapping's `format` of a date field (e.g. `yyyy-MM-dd||epoch_millis`). When absent, date
   *  keys render with OpenSearch's default `strict_date_optional_time`. */
  fieldFormat?(field: string, shards?: readonly number[]): string | undefined;
  /** Optional: the smallest and largest value a numeric or date field ever held in the searched indices
   *  (deleted documents included, as Lucene's point bounds). */
  fieldBounds?(field: string): [number, number] | undefined;
  /** Optional: whether a long field holds values of magnitude >= 2^53 (then `exactValues` decides keys). */
  hasExact?(field: string): boolean;
  /** Optional: a long field's exact values of a doc (ascending), for terms keys and distinct counts. */
  exactValues?(doc: D, field: string): readonly bigint[];
  /** The mapped `print_format` of a date field: OpenSearch prints `key_as_string`/`value_as_string` with it.
   *  `shards` (see shard-scope.ts): the first of those shards mapping the field decides, else the first of all. */
  fieldPrintFormat?(field: string, shards?: readonly number[]): string | undefined;
  /** Optional fast path: the field's doc values as a column (see doc-column.ts), or undefined when the
   *  implementation cannot offer one (then aggregations fall back to `values`). */
  column?(field: string): DocColumn<D> | undefined;
}
