/**
 * Field path helpers shared by FLS and masking. The plugin strips a trailing `.keyword` before matching so a
 * rule on `title` also covers the `title.keyword` multi-field.
 */
const KEYWORD_SUFFIX = '.keyword';

export function stripKeyword(path: string): string {
  return path.endsWith(KEYWORD_SUFFIX) && path.length > KEYWORD_SUFFIX.length ? path.slice(0, -KEYWORD_SUFFIX.length) : path;
}

/** `a.b.c` -> [`a.b.c`, `a.b`, `a`]: the path and every object it sits in. */
export function selfAndAncestors(path: string): string[] {
  const out = [path];
  for (let dot = path.lastIndexOf('.'); dot > 0; dot = path.lastIndexOf('.', dot - 1)) out.push(path.slice(0, dot));
  return out;
}

/** Meta fields stay visible whatever the FLS rules say (they identify a hit; they carry no document data). */
export const ALWAYS_VISIBLE_META_FIELDS: ReadonlySet<string> = new Set(['_id', '_index', '_score', '_type', '_version', '_seq_no', '_primary_term']);
