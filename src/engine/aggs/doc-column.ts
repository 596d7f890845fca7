/**
 * Column-level doc values: an optional fast path of AggContext. Aggregating 100k docs through
 * `values(doc, field)` costs a lookup and an array per doc; a column lets the hot loops read a typed slot
 * per doc instead. Columns must agree exactly with `values` (same values, same per-doc sets).
 */

/** Numbers (dates as epoch millis, booleans as 1/0) of a numeric field. */
export interface NumericColumn<D> {
  readonly kind: 'numeric';
  /** The doc's value, its smallest one when it has several, NaN when it has none. */
  value(doc: D): number;
  /** All values (ascending) of a doc holding several, undefined for docs with at most one. */
  multi(doc: D): readonly number[] | undefined;
  /** False when no doc holds several values (hot loops skip `multi`). */
  readonly hasMulti: boolean;
}

/** A keyword field as ordinals into `terms` (Lucene's SortedSetDocValues idea). */
export interface OrdinalColumn<D> {
  readonly kind: 'ordinals';
  /** Term of each ordinal; ordinals carry no order, and a term may have no live doc. */
  readonly terms: readonly string[];
  /** The doc's single ordinal, NO_VALUE, or SEVERAL_VALUES (then read `several` at `severalAt`). */
  ord(doc: D): number;
  /** Distinct ordinals of all docs holding several terms, flat: a count n, then n ordinals. Flat so a
   *  100k-doc count reads them without an array per doc. */
  readonly several: Int32Array;
  /** Where a doc holding several terms starts in `several`. */
  severalAt(doc: D): number;
}

export const NO_VALUE = -1;
export const SEVERAL_VALUES = -2;

export type DocColumn<D> = NumericColumn<D> | OrdinalColumn<D>;
