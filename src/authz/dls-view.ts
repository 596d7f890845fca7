import type { JsonValue, TKey, TNode } from './dls-template.js';
import { objectEntries } from './dsl-subset.js';
import { ALWAYS_VISIBLE_META_FIELDS } from './field-path.js';
import type { FieldVisibility } from './fls.js';
import type { FieldMasks } from './masking.js';

/**
 * DLS evaluated on the document as the caller may see it.
 *
 * The Security plugin applies FLS and masking at the index-reader level, below the DLS filter: a DLS clause on a
 * field the caller's FLS hides, or that is masked for the caller, finds no values and so matches nothing. We get
 * the same answer by rewriting the DLS query once per permission set: every leaf query that reads a hidden or
 * masked field becomes `match_none`, and nothing else changes. Clauses are replaced, never removed, so the
 * boolean logic is kept exactly: `must_not` of a replaced leaf excludes nothing, and `minimum_should_match`
 * (counts and percentages alike) still counts the same clauses. Where the right answer cannot be known without
 * the index mapping (field-name patterns, `exists` on an object whose members are partly hidden or masked), the
 * leaf becomes `match_none` too: narrower than the plugin, never wider.
 */
export interface DlsFieldView {
  readonly fls: FieldVisibility;
  readonly masks: FieldMasks;
}

export interface ViewRewrite {
  readonly node: TNode;
  /**
   * Some leaf names its field through a `${...}` variable, so it can only be judged once rendered: the caller
   * must pass the rendered query through `restrictRenderedToView`.
   */
  readonly deferred: boolean;
}

const MATCH_NONE: TNode = Object.freeze({ t: 'lit', v: Object.freeze({ match_none: {} }) }) as TNode;

/** Field-free queries: they read no field, so no view changes them. */
const FIELD_FREE = new Set(['match_all', 'match_none', 'ids']);
/** `{type: {field: value | {...params}}}`: one field, named by the only key. */
const SINGLE_FIELD = new Set(['term', 'match', 'match_phrase', 'prefix', 'wildcard', 'range']);
const BOOL_CLAUSES = new Set(['must', 'filter', 'should', 'must_not']);
const FIELD_PATTERN = /[*?]/;

/** True when the view hides or masks nothing: every DLS query then stays as written. */
export function isOpenView(view: DlsFieldView): boolean {
  return !view.fls.isRestricted && !view.masks.isRestricted;
}

/** May a DLS clause read this field? Visible under FLS and not masked; meta fields always. */
export function isReadableByDls(view: DlsFieldView, path: string): boolean {
  if (ALWAYS_VISIBLE_META_FIELDS.has(path)) return true;
  return view.fls.isVisible(path) && !view.masks.isMasked(path);
}

/** Rewrites a DLS template tree (or a rendered query seen as a literal node) for one view. */
export function restrictToView(node: TNode, view: DlsFieldView): ViewRewrite {
  if (isOpenView(view)) return { node, deferred: false };
  const state = { deferred: false };
  const out = rewriteQuery(node, view, state);
  return { node: out, deferred: state.deferred };
}

/** The same rewrite on a rendered (variable-free) query. */
export function restrictRenderedToView(query: JsonValue, view: DlsFieldView): JsonValue {
  if (isOpenView(view)) return query;
  const out = rewriteQuery({ t: 'lit', v: query }, view, { deferred: false });
  // A literal in gives literals out: nothing is left to render.
  return out.t === 'lit' ? out.v : query;
}

interface State {
  deferred: boolean;
}

function rewriteQuery(node: TNode, view: DlsFieldView, state: State): TNode {
  const entries = objectEntries(node);
  // Config validation guarantees one key, the query type; anything else fails closed.
  if (entries.length !== 1) return MATCH_NONE;
  const [typeKey, body] = entries[0] as [TKey, TNode];
  if (typeof typeKey !== 'string') return MATCH_NONE;
  if (FIELD_FREE.has(typeKey)) return node;
  if (typeKey === 'bool') return rewriteBool(node, body, view, state);
  if (SINGLE_FIELD.has(typeKey)) return leafByKey(node, body, view, state, () => true);
  if (typeKey === 'terms') return leafByKey(node, body, view, state, (k) => k !== 'boost' && k !== '_name');
  if (typeKey === 'exists') return rewriteExists(node, body, view, state);
  if (typeKey === 'multi_match' || typeKey === 'simple_query_string') return rewriteMultiField(node, typeKey, body, view, state);
  return MATCH_NONE;
}

/** A leaf whose field is the (only) key of its body that `isField` accepts. */
function leafByKey(node: TNode, body: TNode, view: DlsFieldView, state: State, isField: (key: string) => boolean): TNode {
  const fieldKeys = objectEntries(body)
    .map(([k]) => k)
    .filter((k) => typeof k !== 'string' || isField(k));
  if (fieldKeys.length !== 1) return MATCH_NONE;
  const field = fieldKeys[0] as TKey;
  if (typeof field !== 'string') {
    state.deferred = true;
    return node;
  }
  return isReadableByDls(view, field) ? node : MATCH_NONE;
}

function rewriteExists(node: TNode, body: TNode, view: DlsFieldView, state: State): TNode {
  const fieldNode = objectEntries(body).find(([k]) => k === 'field')?.[1];
  if (!fieldNode) return MATCH_NONE;
  if (fieldNode.t !== 'lit') {
    state.deferred = true;
    return node;
  }
  if (typeof fieldNode.v !== 'string') return MATCH_NONE;
  const field = fieldNode.v;
  if (ALWAYS_VISIBLE_META_FIELDS.has(field)) return node;
  // `exists` on an object asks about its members: without the mapping we cannot list the visible ones, so a
  // rule that may hide or mask any member (or a field-name pattern) makes the clause match nothing.
  if (FIELD_PATTERN.test(field) || mayRestrictBelow(view, field)) return MATCH_NONE;
  return isReadableByDls(view, field) || includesAllMembers(view, field) ? node : MATCH_NONE;
}

/**
 * `multi_match` and `simple_query_string` search several fields; a hidden or masked one contributes nothing, so
 * it is dropped from `fields` (each field is queried on its own, so this is exact). No readable field left, a
 * field-name pattern (including the default `*` when `fields` is absent), or a `quote_field_suffix` field that is
 * not readable: `match_none`.
 */
function rewriteMultiField(node: TNode, type: string, body: TNode, view: DlsFieldView, state: State): TNode {
  const params = objectEntries(body);
  const fieldsNode = params.find(([k]) => k === 'fields')?.[1];
  if (!fieldsNode) return MATCH_NONE;
  if (fieldsNode.t !== 'lit' || !Array.isArray(fieldsNode.v)) {
    state.deferred = true;
    return node;
  }
  const suffixNode = params.find(([k]) => k === 'quote_field_suffix')?.[1];
  if (suffixNode && suffixNode.t !== 'lit') {
    state.deferred = true;
    return node;
  }
  const suffix = suffixNode && typeof suffixNode.v === 'string' ? suffixNode.v : '';
  const kept: JsonValue[] = [];
  for (const entry of fieldsNode.v) {
    if (typeof entry !== 'string') return MATCH_NONE;
    const field = entry.replace(/\^[0-9.]*$/, '');
    if (FIELD_PATTERN.test(field)) return MATCH_NONE;
    if (isReadableByDls(view, field) && (suffix === '' || isReadableByDls(view, field + suffix))) kept.push(entry);
  }
  if (kept.length === fieldsNode.v.length) return node;
  if (kept.length === 0) return MATCH_NONE;
  const newBody = objectNode(params.map(([k, v]) => [k, k === 'fields' ? ({ t: 'lit', v: kept } as TNode) : v]));
  return objectNode([[type, newBody]]);
}

function rewriteBool(node: TNode, body: TNode, view: DlsFieldView, state: State): TNode {
  let changed = false;
  const entries = objectEntries(body).map(([k, v]): [TKey, TNode] => {
    if (typeof k !== 'string' || !BOOL_CLAUSES.has(k)) return [k, v];
    const out = rewriteClauses(v, view, state);
    if (out !== v) changed = true;
    return [k, out];
  });
  return changed ? objectNode([['bool', objectNode(entries)]]) : node;
}

/** A clause list (or a single clause): each query rewritten in place, none added or removed. */
function rewriteClauses(v: TNode, view: DlsFieldView, state: State): TNode {
  const items = arrayNodes(v);
  if (items === null) return rewriteQuery(v, view, state);
  let changed = false;
  const out = items.map((item) => {
    const r = rewriteQuery(item, view, state);
    if (r !== item) changed = true;
    return r;
  });
  if (!changed) return v;
  return out.every((n) => n.t === 'lit') ? { t: 'lit', v: out.map((n) => (n as { v: JsonValue }).v) } : { t: 'arr', items: out };
}

function arrayNodes(v: TNode): TNode[] | null {
  if (v.t === 'arr') return v.items.map((i) => (i.t === 'splice' ? MATCH_NONE : i));
  if (v.t === 'lit' && Array.isArray(v.v)) return v.v.map((x) => ({ t: 'lit', v: x }) as TNode);
  return null;
}

/** An object node from entries: a literal when every key and value is literal (as the parser builds them). */
function objectNode(entries: readonly (readonly [TKey, TNode])[]): TNode {
  if (entries.every(([k, v]) => typeof k === 'string' && v.t === 'lit')) {
    const obj: { [k: string]: JsonValue } = {};
    for (const [k, v] of entries) obj[k as string] = (v as { v: JsonValue }).v;
    return { t: 'lit', v: obj };
  }
  return { t: 'obj', entries };
}

/**
 * Could an FLS exclusion or a mask apply to something strictly below `path` (an object's member, a sub-field)?
 * Judged from the rule sources alone, conservatively: a regex, or a glob whose literal prefix is compatible.
 * (In include mode a visible `path` means it or an enclosing object is included, so all members are.)
 */
function mayRestrictBelow(view: DlsFieldView, path: string): boolean {
  const bodies: string[] = [];
  if (view.fls.mode === 'exclude') for (const r of view.fls.rules) bodies.push(r.replace(/^[~!]/, ''));
  for (const r of view.masks.rules) bodies.push(r.split('::')[0] as string);
  const below = `${path}.`;
  return bodies.some((b) => {
    if (b.length > 1 && b.startsWith('/') && b.endsWith('/')) return true;
    const wildcard = b.search(FIELD_PATTERN);
    if (wildcard < 0) return b.startsWith(below);
    const prefix = b.slice(0, wildcard);
    return prefix.startsWith(below) || below.startsWith(prefix);
  });
}

/** An FLS include of `path.*` (and no mask on `path`) makes every member of the object `path` readable. */
function includesAllMembers(view: DlsFieldView, path: string): boolean {
  return view.fls.mode === 'include' && view.fls.rules.includes(`${path}.*`) && !view.masks.isMasked(path);
}
