/**
 * The count shortcuts of field-level queries (see `Query.countShortcut` and `Query.pointCounted`), by the
 * Lucene query OpenSearch 3.6 builds for each field type: a TermQuery on keyword, text and boolean fields
 * (counted from its docFreq), a point query on numbers and dates (counted by Weight.count per segment).
 */
import type { SearchIndex } from '../index/search-index.js';
import { STATS_COUNT, type CountShortcut } from './types.js';

const POINT_TYPES = new Set(['long', 'integer', 'short', 'byte', 'double', 'float', 'half_float', 'scaled_float', 'date']);

/** A term on `field` (not `_id`/`_index`): a TermQuery, unless case-insensitive (an automaton query then). */
export function termShortcut(ix: SearchIndex, field: string, caseInsensitive: boolean): CountShortcut | undefined {
  const type = ix.leaf(field)?.type;
  if (caseInsensitive) return undefined;
  return type === 'keyword' || type === 'text' || type === 'boolean' ? STATS_COUNT : undefined;
}

/** A term or range on a numeric or date field is a point query: PointRangeQuery.count answers it on a segment
 *  without deleted documents where the field has one value per document (at most two crossing leaves). */
export function pointCountedField(ix: SearchIndex, field: string): boolean {
  const type = ix.leaf(field)?.type;
  if (type === undefined || !POINT_TYPES.has(type) || ix.hadDeletes) return false;
  const fi = ix.fieldIndex(field);
  return fi !== undefined && fi.kind === 'numeric' && fi.multi.size === 0;
}
