/**
 * Bulk reading of a field's values over the docs of a bucket. With a column from the context this is a
 * typed-array read per doc (no per-doc arrays or lookups); otherwise it falls back to `values`. Both paths
 * yield the same values: missing substituted, float fields widened from single precision.
 */
import type { AggContext } from './agg-context.js';
import { scratchFloat64, scratchInt32 } from './scratch.js';
import { NO_VALUE, SEVERAL_VALUES, type DocColumn, type NumericColumn } from './doc-column.js';

export type Visit = (value: string | number, i: number) => void;

/** The numeric values of a run of docs, gathered into typed arrays so numeric aggregations loop without
 *  callbacks: `owner[j]` is the index in `docs` of the doc holding `values[j]`; a doc's values are adjacent.
 *  The arrays are scratch buffers (see scratch.ts): valid until the next gather, read only `length` entries. */
export interface NumberRun {
  readonly values: Float64Array;
  readonly owner: Int32Array;
  readonly length: number;
}

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
export function scanValues<D>(spec: ScanSpec<D>, docs: ArrayLike<D>, visit: Visit): void {
  const column = spec.mapped ? spec.ctx.column?.(spec.field) : undefined;
  if (!column) {
    for (let i = 0; i < docs.length; i++) for (const v of spec.values(docs[i]!)) visit(v, i);
    return;
  }
  if (column.kind === 'numeric') scanNumeric(column, spec, docs, visit);
  else scanOrdinals(column, spec.missing, docs, visit);
}

function scanNumeric<D>(column: Extract<DocColumn<D>, { kind: 'numeric' }>, spec: ScanSpec<D>, docs: ArrayLike<D>, visit: Visit): void {
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

function scanOrdinals<D>(column: Extract<DocColumn<D>, { kind: 'ordinals' }>, missing: string | number | undefined, docs: ArrayLike<D>, visit: Visit): void {
  const terms = column.terms;
  const several = column.several;
  for (let i = 0; i < docs.length; i++) {
    const doc = docs[i]!;
    const o = column.ord(doc);
    if (o >= 0) visit(terms[o]!, i);
    else if (o === SEVERAL_VALUES) {
      const at = column.severalAt(doc);
      for (let k = at + 1, end = at + 1 + several[at]!; k < end; k++) visit(terms[several[k]!]!, i);
    }
    else if (o === NO_VALUE && missing !== undefined) visit(missing, i);
  }
}

/** Gathers every numeric value of `docs` (see NumberRun). */
export function gatherNumbers<D>(spec: ScanSpec<D>, docs: ArrayLike<D>): NumberRun {
  const column = spec.mapped ? spec.ctx.column?.(spec.field) : undefined;
  if (column?.kind === 'numeric' && !column.hasMulti && typeof spec.missing !== 'string') {
    return gatherSingleValued(column, docs, spec.isFloat, spec.missing);
  }
  const run = { values: scratchFloat64('gather.values', docs.length), owner: scratchInt32('gather.owner', docs.length), length: 0 };
  scanValues(spec, docs, (v, i) => {
    if (run.length === run.values.length) {
      const values = scratchFloat64('gather.values', run.length * 2);
      values.set(run.values);
      run.values = values;
      const owner = scratchInt32('gather.owner', run.length * 2);
      owner.set(run.owner);
      run.owner = owner;
    }
    run.values[run.length] = v as number;
    run.owner[run.length++] = i;
  });
  return run;
}

/** The common case, a single-valued numeric column, as one tight loop over locals (no closure state). */
function gatherSingleValued<D>(column: NumericColumn<D>, docs: ArrayLike<D>, isFloat: boolean, missing: number | undefined): NumberRun {
  const values = scratchFloat64('gather.values', docs.length);
  const owner = scratchInt32('gather.owner', docs.length);
  let n = 0;
  for (let i = 0; i < docs.length; i++) {
    const v = column.value(docs[i]!);
    if (v === v) {
      values[n] = isFloat ? Math.fround(v) : v;
      owner[n++] = i;
    } else if (missing !== undefined) {
      values[n] = missing;
      owner[n++] = i;
    }
  }
  return { values, owner, length: n };
}
