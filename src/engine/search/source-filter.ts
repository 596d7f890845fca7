/** `_source` filtering: true/false, a pattern, a list of patterns, or { includes, excludes } with wildcards. */
import { parsingError } from '../errors.js';
import { globToRegExp, type GlobMatcher } from '../query/glob.js';
import { isRawNumber } from '../index/exact-numbers.js';

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
    includes = patterns(v, 'value');
  } else if (typeof v === 'object' && v !== null) {
    const o = v as Record<string, unknown>;
    for (const k of Object.keys(o)) {
      if (!['includes', 'include', 'excludes', 'exclude'].includes(k)) throw parsingError(`Unknown key for a START_ARRAY in [${k}].`);
    }
    includes = patterns(o.includes ?? o.include, 'includes');
    excludes = patterns(o.excludes ?? o.exclude, 'excludes');
  } else {
    throw parsingError('[_source] must be a boolean, string, array or object');
  }
  if (includes.length === 0 && excludes.length === 0) return ALL;
  const inc = includes.map((p) => globToRegExp(p, false));
  const exc = excludes.map((p) => globToRegExp(p, false));
  // Prefix matchers tell whether some descendant of an object path could still be included.
  const incPrefixes = includes.map((p) => p.split('*')[0]!);
  const excPrefixes = excludes.map((p) => p.split('*')[0]!);
  const ctx: FilterCtx = { inc, exc, incPrefixes, excPrefixes, hasIncludes: includes.length > 0 };
  return { enabled: true, apply: (s) => filterObject(s, '', false, ctx) };
}

interface FilterCtx { inc: GlobMatcher[]; exc: GlobMatcher[]; incPrefixes: string[]; excPrefixes: string[]; hasIncludes: boolean }

function filterObject(obj: Record<string, unknown>, prefix: string, included: boolean, ctx: FilterCtx): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) {
    const path = prefix ? `${prefix}.${k}` : k;
    const r = filterValue(v, path, included, ctx);
    if (r !== DROP) out[k] = r;
  }
  return out;
}

const DROP = Symbol('drop');

function filterValue(v: unknown, path: string, included: boolean, ctx: FilterCtx): unknown {
  if (ctx.exc.some((re) => re.test(path))) return DROP;
  const selfIncluded = included || !ctx.hasIncludes || ctx.inc.some((re) => re.test(path));
  if (Array.isArray(v)) {
    const out: unknown[] = [];
    for (const el of v) {
      if (el !== null && typeof el === 'object' && !Array.isArray(el) && !isRawNumber(el)) {
        const f = filterObject(el as Record<string, unknown>, path, selfIncluded, ctx);
        // OpenSearch drops objects in arrays that filtering leaves empty, but keeps one that was empty in
        // the source where the whole element is included and no exclude pattern reaches inside it (its
        // filtering parser copies such a subtree as it is).
        const untouched = selfIncluded && Object.keys(el).length === 0 && !ctx.excPrefixes.some((p) => p === '' || p.startsWith(`${path}.`) || path.startsWith(p));
        if (Object.keys(f).length > 0 || untouched) out.push(f);
      } else if (Array.isArray(el)) {
        const r = filterValue(el, path, selfIncluded, ctx);
        if (r !== DROP) out.push(r);
      } else if (selfIncluded) out.push(el);
    }
    if (!selfIncluded && out.length === 0) return DROP;
    return out;
  }
  if (v !== null && typeof v === 'object' && !isRawNumber(v)) {
    if (!selfIncluded && !ctx.incPrefixes.some((p) => p.startsWith(path + '.') || p === '' || path.startsWith(p))) return DROP;
    const f = filterObject(v as Record<string, unknown>, path, selfIncluded, ctx);
    if (!selfIncluded && Object.keys(f).length === 0) return DROP;
    return f;
  }
  return selfIncluded ? v : DROP;
}
