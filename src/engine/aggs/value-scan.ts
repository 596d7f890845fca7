/**
 * Bulk reading of a field's values over the docs of a bucket. With a column from the context this is a
 * typed-array read per doc (no per-doc arrays or lookups); otherwise it falls back to `values`. Both paths
 * yield the same values: missing substituted, float fields widened from single precision.
 */
import type { AggContext } from './agg-context.js';
import { NO_VALUE, SEVERAL_VALUES, type DocColumn } from './doc-column.js';

export type Visit = (value: string | number, i: number) => void;

export interface ScanSpec<D> {
  readonly ctx: AggContext<D>;
  readonly field: string;
  /** False when the field is unmapped everywhere: every doc reads as missing. */
  readonly mapped: boolean;
  readonly isFloat: boolean;
  readonly missing: string | number | undefined;
  /** The per-doc reader `scan` falls back to (already applies missing and float rounding). */
  readonly values: (doc: D) => readonly (string | number)[];
}

/** Calls `visit(value, i)` for each value of each `docs[i]`, docs in order. */
export function scanValues<D>(spec: ScanSpec<D>, docs: readonly D[], visit: Visit): void {
  const column = spec.mapped ? spec.ctx.column?.(spec.field) : undefined;
  if (!column) {
    for (let i = 0; i < docs.length; i++) for (const v of spec.values(docs[i]!)) visit(v, i);
    return;
  }
  if (column.kind === 'numeric') scanNumeric(column, spec, docs, visit);
  else scanOrdinals(column, spec.missing, docs, visit);
}

function scanNumeric<D>(column: Extract<DocColumn<D>, { kind: 'numeric' }>, spec: ScanSpec<D>, docs: readonly D[], visit: Visit): void {
  const { isFloat, missing } = spec;
  const hasMulti = column.hasMulti;
  for (let i = 0; i < docs.length; i++) {
    const doc = docs[i]!;
    const v = column.value(doc);
    if (v !== v) {
      if (missing !== undefined) visit(missing, i);
      continue;
    }
    const several = hasMulti ? column.multi(doc) : undefined;
    if (several) for (const x of several) visit(isFloat ? Math.fround(x) : x, i);
    else visit(isFloat ? Math.fround(v) : v, i);
  }
}

function scanOrdinals<D>(column: Extract<DocColumn<D>, { kind: 'ordinals' }>, missing: string | number | undefined, docs: readonly D[], visit: Visit): void {
  const terms = column.terms;
  for (let i = 0; i < docs.length; i++) {
    const doc = docs[i]!;
    const o = column.ord(doc);
    if (o >= 0) visit(terms[o]!, i);
    else if (o === SEVERAL_VALUES) for (const x of column.ords(doc)) visit(terms[x]!, i);
    else if (o === NO_VALUE && missing !== undefined) visit(missing, i);
  }
}
