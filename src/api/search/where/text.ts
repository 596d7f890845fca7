import { badInput } from '../../../errors.js';
import type { VisibleIndex } from '../../../access/visible.js';
import type { Query } from './plan.js';

/**
 * The free-text `query` argument: `simple_query_string` over exactly the caller's visible, unmasked text and
 * keyword fields. Never `*` or an empty field list, which would let the backend search hidden or masked fields.
 */
export function textQuery(text: string | null | undefined, index: VisibleIndex): Query | null {
  if (text === undefined || text === null || text.trim() === '') return null;
  const depth = groupDepth(text);
  if (depth > MAX_TEXT_DEPTH) throw badInput(`the free-text query nests parentheses ${depth} deep; at most ${MAX_TEXT_DEPTH} are allowed`);
  if (index.textPaths.length === 0) return { match_none: {} };
  return { simple_query_string: { query: text, fields: [...index.textPaths], default_operator: 'or' } };
}

/**
 * How deep `(` groups nest in simple_query_string syntax (a backslash escapes the next character; inside a
 * `"phrase"` parentheses are text). A real OpenSearch node parses and rewrites groups recursively and its JVM
 * dies of a stack overflow on ~1,000 levels: one search box must not take the cluster down, so deep text is
 * refused here, for every backend alike.
 */
export const MAX_TEXT_DEPTH = 32;

export function groupDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '"') quoted = !quoted;
    else if (quoted) continue;
    else if (c === '(') max = Math.max(max, ++depth);
    else if (c === ')' && depth > 0) depth--;
  }
  return max;
}
