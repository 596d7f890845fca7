import type { AttributeValue } from '../auth/principal.js';
import { InvalidRuleError } from './rule-error.js';
import {
  DlsVariableError,
  hasVariables,
  isListVariable,
  resolveVariable,
  splitTemplate,
  varName,
  type TextPart,
  type VariableContext,
  type VarRef,
} from './variables.js';

/**
 * Name patterns as the plugin's WildcardMatcher reads them: `*` (any run, crossing `.` and `-`), `?` (one
 * character), `/regex/` (whole-name match), anything else exact. Case-sensitive. A blank pattern matches nothing.
 */
export interface NameMatcher {
  readonly source: string;
  /** True only for the pattern `*` (the plugin treats it specially for DLS/FLS defaults). */
  readonly matchesAll: boolean;
  test(name: string): boolean;
}

export const MATCH_NOTHING: NameMatcher = Object.freeze({ source: '', matchesAll: false, test: () => false });
const MATCH_ALL: NameMatcher = Object.freeze({ source: '*', matchesAll: true, test: () => true });

export function isRegexPattern(source: string): boolean {
  return source.length >= 2 && source.startsWith('/') && source.endsWith('/');
}

// `-` is left alone: unicode-mode regexes reject `\-` outside a class.
const REGEX_META = /[\\^$.*+?()[\]{}|/]/g;

export function escapeRegex(text: string): string {
  return text.replace(REGEX_META, '\\$&');
}

function globToRegexSource(glob: string): string {
  let out = '';
  for (const ch of glob) {
    if (ch === '*') out += '[\\s\\S]*';
    else if (ch === '?') out += '[\\s\\S]';
    else out += escapeRegex(ch);
  }
  return out;
}

/**
 * Compiles a Java-style regex body for whole-string matching. Unicode mode first (closest to Java for `.`
 * and `\p{..}`); plain mode for Java-isms like `\-` that unicode mode rejects. Throws on a bad regex.
 */
export function compileWholeRegex(body: string): RegExp {
  const wrapped = `^(?:${body})$`;
  try {
    return new RegExp(wrapped, 'u');
  } catch (unicodeError) {
    if (/\\[pP]\{/.test(body)) throw unicodeError;
    return new RegExp(wrapped);
  }
}

/** Compiles a static pattern (no `${...}`). Throws InvalidRuleError for a bad regex. */
export function compileNamePattern(source: string): NameMatcher {
  if (source.trim() === '') return MATCH_NOTHING;
  if (source === '*') return MATCH_ALL;
  if (isRegexPattern(source)) {
    let re: RegExp;
    try {
      re = compileWholeRegex(source.slice(1, -1));
    } catch (e) {
      throw InvalidRuleError.of(`invalid regular expression ${source}: ${(e as Error).message}`);
    }
    return Object.freeze({ source, matchesAll: false, test: (name: string) => re.test(name) });
  }
  if (!source.includes('*') && !source.includes('?')) {
    return Object.freeze({ source, matchesAll: false, test: (name: string) => name === source });
  }
  const re = new RegExp(`^${globToRegexSource(source)}$`);
  return Object.freeze({ source, matchesAll: false, test: (name: string) => re.test(name) });
}

/** Combines matchers: matches when any one does. */
export function anyOf(matchers: readonly NameMatcher[]): NameMatcher {
  if (matchers.some((m) => m.matchesAll)) return MATCH_ALL;
  const live = matchers.filter((m) => m !== MATCH_NOTHING);
  if (live.length === 0) return MATCH_NOTHING;
  if (live.length === 1) return live[0] as NameMatcher;
  return Object.freeze({
    source: live.map((m) => m.source).join(','),
    matchesAll: false,
    test: (name: string) => live.some((m) => m.test(name)),
  });
}

/**
 * An index or tenant pattern: static, or a template with `${user.name}`-style variables. Variable values are
 * inserted as literal text (escaped), never as pattern syntax: a user named `*` gets the index `*`, not all
 * indices. (The plugin pastes the value in and re-reads it as a pattern.)
 */
export type TemplatePattern =
  | { readonly kind: 'static'; readonly source: string; readonly matcher: NameMatcher }
  | {
      readonly kind: 'template';
      readonly source: string;
      readonly variables: readonly VarRef[];
      /** The matcher for one caller; a pattern whose variables cannot be resolved matches nothing. */
      bind(ctx: VariableContext): NameMatcher;
    };

export function compileTemplatePattern(source: string): TemplatePattern {
  const parts = splitTemplate(source);
  if (!hasVariables(parts)) {
    // `$${` escapes were already turned into literal `${`.
    const literal = parts.join('');
    return { kind: 'static', source, matcher: compileNamePattern(literal) };
  }
  const variables = parts.filter((p): p is VarRef => typeof p !== 'string');
  for (const v of variables) {
    if (isListVariable(v)) {
      throw InvalidRuleError.of(`\${${varName(v)}} is a list and cannot be used in a name pattern`);
    }
  }
  const regex = isRegexPattern(source);
  if (regex) {
    // Validate the regex shape once with placeholder values.
    const probe = renderPatternRegex(parts, () => 'x', true);
    try {
      compileWholeRegex(probe);
    } catch (e) {
      throw InvalidRuleError.of(`invalid regular expression ${source}: ${(e as Error).message}`);
    }
  }
  return {
    kind: 'template',
    source,
    variables,
    bind(ctx: VariableContext): NameMatcher {
      let body: string;
      try {
        body = renderPatternRegex(parts, (ref) => scalarText(resolveVariable(ref, ctx), ref), regex);
      } catch (e) {
        if (e instanceof DlsVariableError) return MATCH_NOTHING;
        throw e;
      }
      let re: RegExp;
      try {
        re = regex ? compileWholeRegex(body) : new RegExp(`^${body}$`);
      } catch {
        return MATCH_NOTHING;
      }
      return Object.freeze({ source, matchesAll: false, test: (name: string) => re.test(name) });
    },
  };
}

function renderPatternRegex(parts: readonly TextPart[], value: (ref: VarRef) => string, regex: boolean): string {
  let out = '';
  parts.forEach((part, i) => {
    if (typeof part === 'string') {
      let text = part;
      if (regex) {
        if (i === 0) text = text.slice(1);
        if (i === parts.length - 1) text = text.slice(0, -1);
        out += text;
      } else {
        out += globToRegexSource(text);
      }
    } else {
      out += escapeRegex(value(part));
    }
  });
  return out;
}

function scalarText(value: AttributeValue, ref: VarRef): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new DlsVariableError(varName(ref), `\${${varName(ref)}} is not a single value`);
}

/** Does the pattern match this index, or any alias of it? */
export function matchesIndexOrAlias(matcher: NameMatcher, index: { readonly name: string; readonly aliases: readonly string[] }): boolean {
  return matcher.test(index.name) || index.aliases.some((a) => matcher.test(a));
}
