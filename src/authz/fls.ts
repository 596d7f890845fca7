import { ALWAYS_VISIBLE_META_FIELDS, selfAndAncestors, stripKeyword } from './field-path.js';
import { compileNamePattern, isRegexPattern, type NameMatcher } from './patterns.js';
import { InvalidRuleError } from './rule-error.js';

/** One `fls` entry: `field`, `~field` (or the legacy `!field`), globs, dotted paths, `/regex/`. */
export interface FlsPattern {
  readonly source: string;
  readonly excluded: boolean;
  readonly matcher: NameMatcher;
  /**
   * For an include of `a.b.c`: the objects `a` and `a.b`, which must appear so `a.b.c` can be shown (but
   * not all of their members).
   */
  readonly parents: readonly { readonly source: string; readonly matcher: NameMatcher }[];
}

export function parseFlsEntry(source: string): FlsPattern {
  if (source.trim() === '') throw InvalidRuleError.of('empty FLS entry');
  const excluded = source.startsWith('~') || source.startsWith('!');
  const body = excluded ? source.slice(1) : source;
  if (body.trim() === '') throw InvalidRuleError.of(`FLS entry "${source}" names no field`);
  if (body.includes('${')) throw InvalidRuleError.of(`FLS entry "${source}": variables are not supported in FLS`);
  const matcher = compileNamePattern(body);
  const parents: { source: string; matcher: NameMatcher }[] = [];
  if (!excluded && !isRegexPattern(body)) {
    for (let dot = body.indexOf('.'); dot > 0; dot = body.indexOf('.', dot + 1)) {
      const prefix = body.slice(0, dot);
      parents.push({ source: prefix, matcher: compileNamePattern(prefix) });
    }
  }
  return Object.freeze({ source, excluded, matcher, parents });
}

export function parseFlsRule(entries: readonly string[]): FlsPattern[] {
  return entries.map(parseFlsEntry);
}

/** Which fields of one index a caller may see. */
export interface FieldVisibility {
  /** False when every field is visible. */
  readonly isRestricted: boolean;
  readonly mode: 'all' | 'include' | 'exclude';
  /** The effective patterns (sorted), for fingerprints and explanations. */
  readonly rules: readonly string[];
  /** Is this field (leaf or object with all its members) visible? Dotted paths; `.keyword` stripped. */
  isVisible(path: string): boolean;
  /**
   * May this object appear at all (because some member is visible)? In include mode, an include of `a.b.c`
   * lets the objects `a` and `a.b` appear with only that member.
   */
  isObjectVisible(path: string): boolean;
}

export const ALL_FIELDS_VISIBLE: FieldVisibility = Object.freeze({
  isRestricted: false,
  mode: 'all',
  rules: [],
  isVisible: () => true,
  isObjectVisible: () => true,
});

/**
 * Merges the FLS rules of every matching role entry, as the plugin does: all patterns are pooled; if any
 * pattern excludes, only the exclusions count; otherwise the includes are a union (`*` allows all).
 */
export function mergeFls(rules: readonly (readonly FlsPattern[])[]): FieldVisibility {
  const bySource = new Map<string, FlsPattern>();
  for (const rule of rules) for (const p of rule) bySource.set(p.source, p);
  const patterns = [...bySource.values()];
  if (patterns.length === 0) return ALL_FIELDS_VISIBLE;
  const exclusions = patterns.filter((p) => p.excluded);
  if (exclusions.length > 0) return excluding(exclusions);
  if (patterns.some((p) => p.matcher.matchesAll)) return ALL_FIELDS_VISIBLE;
  return including(patterns);
}

function excluding(exclusions: readonly FlsPattern[]): FieldVisibility {
  const hidden = (p: string): boolean => exclusions.some((e) => e.matcher.test(p));
  const isVisible = (path: string): boolean => {
    if (ALWAYS_VISIBLE_META_FIELDS.has(path)) return true;
    // Check the path as given and without `.keyword`, and every enclosing object: an excluded object hides
    // all its members, and `~title` hides `title.keyword` (matching either form only ever hides more).
    const candidates = new Set([...selfAndAncestors(path), ...selfAndAncestors(stripKeyword(path))]);
    for (const c of candidates) if (hidden(c)) return false;
    return true;
  };
  return Object.freeze({
    isRestricted: true,
    mode: 'exclude',
    rules: exclusions.map((e) => e.source).sort(),
    isVisible,
    isObjectVisible: isVisible,
  });
}

function including(includes: readonly FlsPattern[]): FieldVisibility {
  const sources = new Set(includes.map((p) => p.matcher.source));
  const objectOnly = includes.flatMap((p) => p.parents).filter((parent) => !sources.has(parent.source));
  const isVisible = (path: string): boolean => {
    if (ALWAYS_VISIBLE_META_FIELDS.has(path)) return true;
    // Only the `.keyword`-stripped form, as the plugin: matching the raw form too would show more.
    return selfAndAncestors(stripKeyword(path)).some((c) => includes.some((p) => p.matcher.test(c)));
  };
  return Object.freeze({
    isRestricted: true,
    mode: 'include',
    rules: includes.map((p) => p.source).sort(),
    isVisible,
    isObjectVisible: (path: string) => isVisible(path) || objectOnly.some((o) => o.matcher.test(path)),
  });
}
