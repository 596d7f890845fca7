import type { VisibleIndex, VisibleScalar } from '../../../access/visible.js';

/**
 * The sort-field enums of a permission set's schema carry the VisibleScalar itself as their internal value, so
 * an orderBy argument arrives here already resolved to a field the caller may sort on.
 */
export const SCORE = Symbol('score');
export type SortKey = VisibleScalar | typeof SCORE;

export interface OrderByInput {
  field: SortKey;
  direction?: 'ASC' | 'DESC' | null;
}

export type SortClause = Record<string, unknown>;

/** Fields that can be sorted and aggregated on: visible, unmasked, with an exact value. */
export function sortableFields(index: VisibleIndex): VisibleScalar[] {
  return index.clearLeaves.filter((f) => f.exactPath !== null);
}

/**
 * orderBy -> OpenSearch sort, always ending in a unique tie-breaker so that `search_after` cursors are exact:
 * `_id` within one index, `_index` then `_id` across several.
 */
export function planSort(orderBy: readonly OrderByInput[] | null | undefined, multiIndex: boolean): SortClause[] {
  const sort: SortClause[] = [];
  const items: readonly OrderByInput[] = orderBy && orderBy.length > 0 ? orderBy : [{ field: SCORE, direction: 'DESC' }];
  for (const item of items) {
    const order = item.direction === 'DESC' ? 'desc' : 'asc';
    if (item.field === SCORE) sort.push({ _score: { order } });
    else sort.push({ [item.field.exactPath ?? item.field.path]: { order, missing: '_last' } });
  }
  if (multiIndex) sort.push({ _index: { order: 'asc' } });
  sort.push({ _id: { order: 'asc' } });
  return sort;
}
