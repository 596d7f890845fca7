/**
 * Resolving index expressions the way OpenSearch does for the subset we support: comma lists, `*`
 * wildcards over index and alias names, `-name` exclusions after a wildcard, aliases expanding to their
 * indices, `_all`, and the `ignore_unavailable` / `allow_no_indices` options.
 */
import { globToRegExp, type GlobMatcher } from '../query/glob.js';
import { EngineError } from '../errors.js';
import { JavaHashMap } from '../index/java-hash-map.js';
import type { SearchIndex } from '../index/search-index.js';
import type { Catalog } from '../store/catalog.js';
import { validateIndexName } from '../store/names.js';
import { indexNotFound, type ResourceType } from '../store/not-found.js';
import type { LogRecord } from '../store/records.js';

export interface ResolveOptions {
  ignoreUnavailable?: boolean;
  allowNoIndices?: boolean;
  /** Refuse expressions naming an alias (DELETE /<alias> is refused by OpenSearch). */
  concreteOnly?: boolean;
}

/** Index and alias expressions: only `*` is special. Not a RegExp, which backtracks on `*a*a*a…`. */
function indexGlob(glob: string): GlobMatcher {
  return globToRegExp(glob, false, { escapes: false, questionMark: false });
}

export function boolParam(params: Readonly<Record<string, string>>, name: string, dflt: boolean): boolean {
  const v = params[name];
  if (v === undefined) return dflt;
  if (v === '' || v === 'true') return true;
  if (v === 'false') return false;
  throw new EngineError(400, 'illegal_argument_exception', `Failed to parse value [${v}] as only [true] or [false] are allowed.`);
}

export function resolveOptions(params: Readonly<Record<string, string>>): ResolveOptions {
  const ew = params.expand_wildcards;
  if (ew !== undefined && !ew.split(',').every((w) => w === 'open' || w === 'all')) {
    throw new EngineError(400, 'illegal_argument_exception', `expand_wildcards [${ew}] is not supported by the embedded engine (only open and all)`);
  }
  return {
    ignoreUnavailable: boolParam(params, 'ignore_unavailable', false),
    allowNoIndices: boolParam(params, 'allow_no_indices', true),
  };
}

/** Names of the concrete indices an expression denotes, in expression order, without duplicates. */
export function resolveNames(catalog: Catalog, expr: string | undefined, opts: ResolveOptions = {}): string[] {
  const parts = expr === undefined || expr === '' || expr === '_all' ? ['*'] : expr.split(',');
  const out = new Set<string>();
  let sawWildcard = false;
  for (const part of parts) {
    if (part.startsWith('-') && sawWildcard) {
      const re = indexGlob(part.slice(1));
      for (const n of [...out]) if (re.test(n)) out.delete(n);
      continue;
    }
    if (part.includes('*')) {
      sawWildcard = true;
      const re = indexGlob(part);
      for (const n of catalog.indexNames()) if (re.test(n)) out.add(n);
      if (!opts.concreteOnly) {
        for (const a of catalog.aliasNames()) if (re.test(a)) for (const n of catalog.aliasTargets(a)!.keys()) out.add(n);
      }
      continue;
    }
    if (catalog.get(part)) {
      out.add(part);
      continue;
    }
    const targets = catalog.aliasTargets(part);
    if (targets) {
      if (opts.concreteOnly) {
        throw new EngineError(400, 'illegal_argument_exception',
          `The provided expression [${part}] matches an alias, specify the corresponding concrete indices instead.`);
      }
      for (const n of targets.keys()) out.add(n);
      continue;
    }
    if (!opts.ignoreUnavailable) throw indexNotFound(part);
  }
  if (out.size === 0 && opts.allowNoIndices === false) throw indexNotFound(expr ?? '_all');
  return [...out];
}

export function resolveIndices(catalog: Catalog, expr: string | undefined, opts: ResolveOptions = {}): SearchIndex[] {
  return resolveNames(catalog, expr, opts).map((n) => catalog.require(n));
}

/** The one index a document read addresses (an alias must point to exactly one index). */
export function resolveSingle(catalog: Catalog, name: string, type: ResourceType = 'index_expression'): string {
  if (catalog.get(name)) return name;
  const targets = catalog.aliasTargets(name);
  if (!targets) throw indexNotFound(name, type);
  if (targets.size > 1) {
    // The alias's indices in the order the cluster metadata's HashMap of every index iterates (checked on
    // 3.6.0 with five indices in a cluster of 207); the catalog's creation order stands for the copy's.
    const order = new JavaHashMap<true>().putAll(catalog.indexNames().map((n) => [n, true] as const)).entries().map(([n]) => n);
    throw new EngineError(400, 'illegal_argument_exception',
      `alias [${name}] has more than one index associated with it [${order.filter((n) => targets.has(n)).join(', ')}], can't execute a single index op`);
  }
  return [...targets.keys()][0]!;
}

/** The index a write to `name` goes to; a missing index is created (OpenSearch's auto-create default),
 *  its creation record appended to `records` so it commits with the write. */
export function resolveWriteIndex(catalog: Catalog, name: string, records: LogRecord[]): string {
  if (catalog.get(name)) return name;
  const targets = catalog.aliasTargets(name);
  if (targets) return aliasWriteIndex(name, targets);
  validateIndexName(name);
  records.push(catalog.createIndex(name, {}));
  return name;
}

/** The index a delete of one document through `name` goes to: an alias's write index, as for the other
 *  writes (checked on 3.6.0: DELETE and a bulk delete through an alias over several indices with a write
 *  index delete from it); a missing index is not created. */
export function resolveDeleteIndex(catalog: Catalog, name: string): string {
  if (catalog.get(name)) return name;
  const targets = catalog.aliasTargets(name);
  if (targets) return aliasWriteIndex(name, targets);
  throw indexNotFound(name, 'index_expression');
}

/** IndexAbstraction.Alias#getWriteIndex: the index marked is_write_index, or the alias's only index unless
 *  that one is marked is_write_index: false. */
function aliasWriteIndex(name: string, targets: ReadonlyMap<string, { is_write_index?: boolean }>): string {
  const explicit = [...targets].filter(([, p]) => p.is_write_index === true);
  if (explicit.length === 1) return explicit[0]![0];
  const only = [...targets];
  if (only.length === 1 && only[0]![1].is_write_index !== false) return only[0]![0];
  throw new EngineError(400, 'illegal_argument_exception',
    `no write index is defined for alias [${name}]. The write index may be explicitly disabled using is_write_index=false or the alias points to multiple indices without one being designated as a write index`);
}
