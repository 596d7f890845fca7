/**
 * Retained-size estimates for the entries charged to the cache budget (budget.ts). V8 has no cheap way to
 * measure what an object graph retains, so these are models fitted to heap measurements of `npm run bench`
 * (heap after full GC, per permission set and per distinct query) on the bench's index (8 fields):
 * a compiled query ≈44 KiB for a 150-character query, a permission set (schema + its server) ≈110 KiB.
 * They err on the large side: the budget then holds fewer entries than it could, never more memory.
 */
import { stringBytes } from '../cache/budget.js';
import type { PermissionView, SchemaShape } from './view.js';
import { MASK_MEMO_BYTES } from './visible.js';

const KiB = 1024;

/** Leaf fields visible in a shape, and masked ones (each masked field's memo may fill to MASK_MEMO_BYTES). */
function fieldsOf(shape: SchemaShape): { leaves: number; masked: number } {
  let leaves = 0;
  let masked = 0;
  for (const index of shape.indices) {
    for (const f of index.visible.leaves.values()) {
      leaves += 1;
      if (f.masker) masked += 1;
    }
  }
  return { leaves, masked };
}

/** A permission set's schema and its caches: types, inputs, enums and resolvers per visible field. */
export function estimateSchemaBytes(shape: SchemaShape | undefined): number {
  if (!shape) return 110 * KiB;
  const { leaves } = fieldsOf(shape);
  return 64 * KiB + shape.indices.length * 16 * KiB + leaves * 4 * KiB;
}

/** A schema shape: the visible field tree per index, plus each masked field's bounded memo at its bound. */
export function estimateShapeBytes(shape: SchemaShape): number {
  const { leaves, masked } = fieldsOf(shape);
  return 2 * KiB + shape.indices.length * 4 * KiB + leaves * 512 + masked * MASK_MEMO_BYTES;
}

/** A principal's view (its shape is charged apart): the principal, the role list, rendered DLS per index. */
export function estimateViewBytes(view: PermissionView, key: string): number {
  let dls = 0;
  for (const index of view.shape.indices) {
    const grant = view.grant(index.visible.model.config.index);
    for (const t of grant?.targets ?? []) dls += t.dls.kind === 'filter' ? 4 * stringBytes(JSON.stringify(t.dls.query)) : 64;
  }
  return 2 * KiB + 2 * stringBytes(key) + 64 * view.roles.length + dls;
}
