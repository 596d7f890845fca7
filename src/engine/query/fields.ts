/** Field lists for multi-field queries: `name^boost`, wildcards, and `*` meaning every searchable field. */
import { parsingError } from '../errors.js';
import type { SearchIndex } from '../index/search-index.js';
import { globToRegExp } from './glob.js';

export interface FieldSpec { readonly pattern: string; readonly boost: number }

export function parseFieldSpecs(query: string, v: unknown): FieldSpec[] {
  const list = typeof v === 'string' ? [v] : v;
  if (!Array.isArray(list)) throw parsingError(`[${query}] query [fields] must be an array of strings`);
  return list.map((f) => {
    if (typeof f !== 'string') throw parsingError(`[${query}] query [fields] must be an array of strings`);
    const caret = f.lastIndexOf('^');
    if (caret < 0) return { pattern: f, boost: 1 };
    const boost = Number(f.slice(caret + 1));
    if (!Number.isFinite(boost)) throw parsingError(`[${query}] query field [${f}] has an invalid boost`);
    return { pattern: f.slice(0, caret), boost: Math.fround(boost) };
  });
}

/** Concrete field paths with boosts for one index. `all` marks an expansion of `*` (lenient by nature). */
export function resolveFields(ix: SearchIndex, specs: readonly FieldSpec[]): { field: string; boost: number }[] {
  const out = new Map<string, number>();
  for (const spec of specs) {
    if (!spec.pattern.includes('*')) {
      if (ix.leaf(spec.pattern)) out.set(spec.pattern, (out.get(spec.pattern) ?? 1) * spec.boost);
      continue;
    }
    const re = globToRegExp(spec.pattern, false);
    for (const path of ix.leaves().keys()) {
      if (re.test(path)) out.set(path, (out.get(path) ?? 1) * spec.boost);
    }
  }
  return [...out].map(([field, boost]) => ({ field, boost }));
}
