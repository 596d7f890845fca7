import type { VisibleIndex } from '../schema/visible.js';
import type { Query } from './where.js';

/**
 * The free-text `query` argument: `simple_query_string` over exactly the caller's visible, unmasked text and
 * keyword fields. Never `*` or an empty field list, which would let the backend search hidden or masked fields.
 */
export function textQuery(text: string | null | undefined, index: VisibleIndex): Query | null {
  if (text === undefined || text === null || text.trim() === '') return null;
  if (index.textPaths.length === 0) return { match_none: {} };
  return { simple_query_string: { query: text, fields: [...index.textPaths], default_operator: 'or' } };
}
