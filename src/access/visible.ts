import type { FieldModel, IndexModel, ScalarField } from '../catalog/index-model.js';

/** What authorize decided about one index's fields, as the schema builder needs it. */
export interface FieldRules {
  /** Is this leaf (or a whole object, with all its members) visible? */
  isVisible(path: string): boolean;
  /**
   * May this object appear at all? True when some member may be shown: an FLS include of `address.city` or
   * `manager.*` lets `address` and `manager` appear with just those members (src/authz/fls.ts).
   */
  isObjectVisible(path: string): boolean;
  maskerFor(path: string): Masker | undefined;
}
export type Masker = (value: unknown) => string;

export interface VisibleScalar extends ScalarField {
  /** Set when the caller sees this field only masked: it is then a String, and never filterable or sortable. */
  readonly masker: Masker | null;
}
export interface VisibleObject {
  readonly kind: 'object';
  readonly path: string;
  readonly name: string;
  readonly list: boolean;
  readonly children: readonly VisibleField[];
}
export type VisibleField = VisibleScalar | VisibleObject;

/**
 * An exposed index as one permission set sees it. Built once per permission fingerprint, then shared by every
 * request with that fingerprint: the schema, the planner and the result projection all read this one value,
 * so none of them re-derives field permissions.
 */
export interface VisibleIndex {
  readonly model: IndexModel;
  readonly fields: readonly VisibleField[];
  /** Every visible leaf by `_source` path. */
  readonly leaves: ReadonlyMap<string, VisibleScalar>;
  /** Visible, unmasked leaves that may be filtered, sorted and aggregated on. */
  readonly clearLeaves: readonly VisibleScalar[];
  /**
   * Visible, unmasked text and keyword fields: the free-text `query` argument searches exactly these (keywords
   * match whole values, as with OpenSearch's default `*` fields, but never a hidden or masked field).
   */
  readonly textPaths: readonly string[];
}

/** What one masked field's memo may hold, in (estimated) bytes; the cache budget charges shapes at this bound. */
export const MASK_MEMO_BYTES = 64 * 1024;

/**
 * Masking hashes every value of a masked field in every response (BLAKE2b in JavaScript costs ~15 µs a value).
 * Values repeat across responses, so each permission set's masker remembers recent results, bounded in bytes
 * (keys and results as V8 strings, plus the map entry): oldest first out.
 */
function memoized(masker: Masker, maxBytes = MASK_MEMO_BYTES): Masker {
  const memo = new Map<string, string>();
  let bytes = 0;
  const cost = (key: string, out: string) => 80 + 2 * (key.length + out.length);
  return (value) => {
    if (typeof value === 'object' && value !== null) return masker(value);
    const key = `${typeof value}:${String(value)}`;
    let out = memo.get(key);
    if (out === undefined) {
      out = masker(value);
      const size = cost(key, out);
      if (size > maxBytes) return out;
      while (bytes + size > maxBytes) {
        const [oldKey, oldOut] = memo.entries().next().value!;
        memo.delete(oldKey);
        bytes -= cost(oldKey, oldOut);
      }
      memo.set(key, out);
      bytes += size;
    }
    return out;
  };
}

function narrow(fields: readonly FieldModel[], rules: FieldRules): VisibleField[] {
  const out: VisibleField[] = [];
  for (const f of fields) {
    if (f.kind === 'object') {
      // Leaf and object visibility are separate questions: an included member makes its object appear, and
      // each member is then judged on its own.
      if (!rules.isObjectVisible(f.path)) continue;
      const children = narrow(f.children, rules);
      // An object whose members are all hidden is itself absent, as in `_source` filtering.
      if (children.length > 0) out.push({ kind: 'object', path: f.path, name: f.name, list: f.list, children });
      continue;
    }
    if (!rules.isVisible(f.path)) continue;
    const found = rules.maskerFor(f.path);
    const masker = found ? memoized(found) : null;
    // A text field's exact-value sub-field is only usable when the caller may see it too.
    const exactPath = f.exactPath && f.exactPath !== f.path && !rules.isVisible(f.exactPath) ? null : f.exactPath;
    out.push({ ...f, exactPath, masker });
  }
  return out;
}

function collect(fields: readonly VisibleField[], into: Map<string, VisibleScalar>): void {
  for (const f of fields) {
    if (f.kind === 'object') collect(f.children, into);
    else into.set(f.path, f);
  }
}

export function visibleIndex(model: IndexModel, rules: FieldRules): VisibleIndex {
  const fields = narrow(model.fields, rules);
  const leaves = new Map<string, VisibleScalar>();
  collect(fields, leaves);
  const clearLeaves = [...leaves.values()].filter((f) => f.masker === null);
  const textPaths = clearLeaves.filter((f) => f.kind === 'text' || f.kind === 'keyword').map((f) => f.path);
  return { model, fields, leaves, clearLeaves, textPaths };
}
