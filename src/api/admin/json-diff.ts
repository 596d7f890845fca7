import { canonicalJson } from '../../authz/canonical.js';

/** JSON Merge Patch (RFC 7386): objects merge key by key, `null` removes a key, anything else replaces. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return structuredClone(patch);
  const out: Record<string, unknown> =
    target !== null && typeof target === 'object' && !Array.isArray(target) ? structuredClone(target as Record<string, unknown>) : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

export interface DiffEntry {
  readonly path: string;
  readonly before: unknown;
  readonly after: unknown;
}

/**
 * Where two JSON values differ, as paths in the YAML's own notation (`index_permissions[0].dls`). Objects are
 * compared key by key; arrays of different length or of scalars are reported whole.
 */
export function jsonDiff(before: unknown, after: unknown, path = ''): DiffEntry[] {
  if (canonicalJson(before) === canonicalJson(after)) return [];
  const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
  if (isObj(before) && isObj(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((k) => jsonDiff(before[k], after[k], path ? `${path}.${k}` : k));
  }
  if (Array.isArray(before) && Array.isArray(after) && before.length === after.length && before.some((v) => typeof v === 'object' && v !== null)) {
    return before.flatMap((b, i) => jsonDiff(b, after[i], `${path}[${i}]`));
  }
  return [{ path, before: before ?? null, after: after ?? null }];
}
