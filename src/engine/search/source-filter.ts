/** `_source` filtering: true/false, a pattern, a list of patterns, or { includes, excludes } with wildcards. */
import { parsingError } from '../errors.js';
import { isRawNumber } from '../index/exact-numbers.js';
import { parsingAt, tokenOf } from '../query/clause-errors.js';

export interface SourceFilter {
  readonly enabled: boolean;
  apply(source: Record<string, unknown>): Record<string, unknown>;
}

const ALL: SourceFilter = { enabled: true, apply: (s) => s };
const NONE: SourceFilter = { enabled: false, apply: (s) => s };

function patterns(v: unknown, what: string): string[] {
  if (v === undefined || v === null) return [];
  if (typeof v === 'string') return v === '' ? [] : v.split(',').map((s) => s.trim()).filter(Boolean);
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v as string[];
  throw parsingError(`[_source] ${what} must be a string or an array of strings`);
}

/** Java's String.split(","): no trimming, trailing empty strings dropped (an empty string is no pattern). */
function paramPatterns(v: string): string[] {
  return v.split(',').filter((p) => p !== '');
}

/**
 * The `_source` of a search body (or of an `_mget` item), unless URL parameters are given:
 * FetchSourceContext.parseFromRestRequest then builds the whole context from `_source` (true, false or a
 * comma list of includes), `_source_includes` (replacing those includes) and `_source_excludes`, and it
 * replaces the body's (`?_source_includes=a` fetches the source even under `"_source": false`).
 */
export function parseSourceFilter(v: unknown, params?: Record<string, string>): SourceFilter {
  let includes: string[] = [];
  let excludes: string[] = [];
  if (params !== undefined && (params._source !== undefined || params._source_includes !== undefined || params._source_excludes !== undefined)) {
    let fetch = true;
    const p = params._source;
    if (p === 'true') fetch = true;
    else if (p === 'false') fetch = false;
    else if (p !== undefined) includes = paramPatterns(p);
    if (params._source_includes !== undefined) includes = paramPatterns(params._source_includes);
    if (params._source_excludes !== undefined) excludes = paramPatterns(params._source_excludes);
    if (!fetch) return NONE;
  } else if (v === false) {
    return NONE;
  } else if (v === true || v === undefined) {
    // everything
  } else if (typeof v === 'string') {
    // In the body a string is one pattern, commas included (`"a,b"` names a field "a,b"); only the URL
    // parameter is a comma-separated list.
    includes = v === '' ? [] : [v];
  } else if (Array.isArray(v)) {
    // Each element's text (a number's too).
    includes = patterns(v.map((x) => (typeof x === 'number' || typeof x === 'boolean' ? String(x) : isRawNumber(x) ? x.rawJSON : x)), 'value');
  } else if (typeof v === 'object' && v !== null && !isRawNumber(v)) {
    // FetchSourceContext.fromXContent: includes/excludes as a string or an array of strings; anything else
    // is an unknown key for the token found, at that token (an array's element for a bad element).
    const o = v as Record<string, unknown>;
    for (const [k, x] of Object.entries(o)) {
      const known = ['includes', 'include', 'excludes', 'exclude'].includes(k);
      if (known && Array.isArray(x)) {
        x.forEach((e, i) => {
          if (typeof e !== 'string') throw parsingAt(`Unknown key for a ${tokenOf(e)} in [${k}].`, { holder: x, key: i, at: 'value' });
        });
      } else if (!known || typeof x !== 'string') {
        throw parsingAt(`Unknown key for a ${tokenOf(x)} in [${k}].`, { holder: o, key: k, at: 'value' });
      }
    }
    includes = patterns(o.includes ?? o.include, 'includes');
    excludes = patterns(o.excludes ?? o.exclude, 'excludes');
  } else {
    throw parsingError('[_source] must be a boolean, string, array or object');
  }
  if (includes.length === 0 && excludes.length === 0) return ALL;
  const include = includes.length === 0 ? MATCH_ALL : new PathAutomaton(includes);
  const exclude = new PathAutomaton(excludes);
  return { enabled: true, apply: (src) => filterMap(src, include, include.start, exclude, exclude.start) };
}

/**
 * OpenSearch's XContentMapValues.filter: the include and exclude patterns (`*` matches anything, dots
 * included) are automata over the dotted path, each pattern also matching everything below it
 * (`p` or `p.*`: makeMatchDotsInFieldNames), stepped key by key and through a `.` into objects. A key that
 * itself holds dots (`"meta.owner"`) is stepped character by character like any path, so it is under
 * `meta` and `a.b.c` is under `a.b`. An object the includes accept while an exclude reaches inside it
 * stays, even when emptied (`{}`), and so does an array (`[]`); objects emptied inside arrays are dropped.
 */
interface PathState { readonly any: boolean; readonly pos: readonly number[] }

class PathAutomaton {
  readonly start: PathState;
  private readonly stride: number;

  constructor(private readonly patterns: readonly string[], private readonly all = false) {
    this.stride = Math.max(0, ...patterns.map((p) => p.length)) + 1;
    this.start = all ? { any: true, pos: [] } : { any: false, pos: this.closure(patterns.map((_, i) => i * this.stride)) };
  }

  /** A `*` also matches the empty string: positions before stars reach past them. */
  private closure(pos: number[]): number[] {
    const out = new Set<number>();
    for (let code of pos) {
      out.add(code);
      const i = Math.floor(code / this.stride);
      const pat = this.patterns[i]!;
      while (code - i * this.stride < pat.length && pat[code - i * this.stride] === '*') out.add(++code);
    }
    return [...out].sort((a, b) => a - b);
  }

  private done(code: number): boolean {
    const i = Math.floor(code / this.stride);
    return code - i * this.stride === this.patterns[i]!.length;
  }

  /** The state after `ch` (one UTF-16 unit, as Java's charAt), or undefined when nothing can match. */
  step(s: PathState, ch: string): PathState | undefined {
    if (s.any) return s;
    let any = false;
    const next: number[] = [];
    for (const code of s.pos) {
      const i = Math.floor(code / this.stride);
      const p = code - i * this.stride;
      const pat = this.patterns[i]!;
      if (p === pat.length) {
        if (ch === '.') any = true;
      } else if (pat[p] === '*') next.push(code);
      else if (pat[p] === ch) next.push(code + 1);
    }
    if (any) return { any: true, pos: [] };
    return next.length === 0 ? undefined : { any: false, pos: this.closure(next) };
  }

  stepKey(s: PathState | undefined, key: string): PathState | undefined {
    for (let i = 0; s !== undefined && i < key.length; i++) s = this.step(s, key[i]!);
    return s;
  }

  accept(s: PathState): boolean {
    return s.any || s.pos.some((code) => this.done(code));
  }
}

const MATCH_ALL = new PathAutomaton([], true);

function isMap(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && !isRawNumber(v);
}

function filterMap(map: Record<string, unknown>, include: PathAutomaton, includeStart: PathState,
  exclude: PathAutomaton, excludeStart: PathState | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(map)) {
    const includeState = include.stepKey(includeStart, key);
    if (includeState === undefined) continue;
    let excludeState = exclude.stepKey(excludeStart, key);
    if (excludeState !== undefined && exclude.accept(excludeState)) continue;
    let subInclude = include;
    let subIncludeState: PathState | undefined = includeState;
    if (include.accept(includeState)) {
      if (excludeState === undefined || exclude.step(excludeState, '.') === undefined) {
        // No exclude can match inside: the value as it is.
        out[key] = value;
        continue;
      }
      subInclude = MATCH_ALL;
      subIncludeState = MATCH_ALL.start;
    }
    if (isMap(value)) {
      subIncludeState = subInclude.step(subIncludeState, '.');
      if (subIncludeState === undefined) continue;
      if (excludeState !== undefined) excludeState = exclude.step(excludeState, '.');
      const filtered = filterMap(value, subInclude, subIncludeState, exclude, excludeState);
      if (include.accept(includeState) || Object.keys(filtered).length > 0) out[key] = filtered;
    } else if (Array.isArray(value)) {
      const filtered = filterList(value, subInclude, subIncludeState, exclude, excludeState);
      // Kept (even emptied) when the includes accept the key, as objects are (checked on 3.6).
      if (include.accept(includeState) || filtered.length > 0) out[key] = filtered;
    } else if (include.accept(includeState) && (excludeState === undefined || !exclude.accept(excludeState))) {
      out[key] = value;
    }
  }
  return out;
}

function filterList(list: readonly unknown[], include: PathAutomaton, includeStart: PathState,
  exclude: PathAutomaton, excludeStart: PathState | undefined): unknown[] {
  const out: unknown[] = [];
  const isInclude = include.accept(includeStart);
  for (const value of list) {
    if (isMap(value)) {
      const includeState = include.step(includeStart, '.');
      const excludeState = excludeStart === undefined ? undefined : exclude.step(excludeStart, '.');
      // Java steps into the map even from a dead include state (CharacterRunAutomaton.step(-1) stays -1):
      // nothing inside can then be included.
      if (includeState === undefined) continue;
      const filtered = filterMap(value, include, includeState, exclude, excludeState);
      if (Object.keys(filtered).length > 0) out.push(filtered);
    } else if (Array.isArray(value)) {
      const filtered = filterList(value, include, includeStart, exclude, excludeStart);
      if (filtered.length > 0) out.push(filtered);
    } else if (isInclude) {
      out.push(value);
    }
  }
  return out;
}
