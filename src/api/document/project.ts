import type { VisibleField, VisibleIndex, VisibleScalar } from '../../access/visible.js';

/**
 * Turns a backend `_source` into the caller's document: only visible fields survive, masked fields are
 * masked, keys become GraphQL names. Every document passes through here before any resolver reads it, so a
 * field the backend returned by mistake (or for another index in a cross-index search) never reaches output.
 */
type Source = Record<string, unknown>;

/** Whether some key of `src` is dotted (`"author.name"`): only then can a missing key hide under a prefix. */
function hasDottedKey(src: Source): boolean {
  for (const k in src) if (k.includes('.')) return true;
  return false;
}

/** `_source` may hold `{"author": {"name": x}}` or `{"author.name": x}`; OpenSearch treats both alike. */
function childValue(src: Source, key: string, dotted: boolean): unknown {
  if (key in src) return src[key];
  if (!dotted) return undefined;
  const prefix = `${key}.`;
  let nested: Source | undefined;
  for (const k in src) {
    if (k.startsWith(prefix)) (nested ??= {})[k.slice(prefix.length)] = src[k];
  }
  return nested;
}

function normalizeDate(v: unknown): unknown {
  if (typeof v === 'number') return new Date(v).toISOString();
  if (typeof v === 'string') {
    const t = Date.parse(v);
    return Number.isNaN(t) ? v : new Date(t).toISOString();
  }
  return v;
}

function oneValue(field: VisibleScalar, v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (field.masker) return field.masker(v);
  return field.kind === 'date' ? normalizeDate(v) : v;
}

function scalarValue(field: VisibleScalar, raw: unknown): unknown {
  if (Array.isArray(raw)) {
    const values: unknown[] = [];
    for (const item of raw) {
      const v = oneValue(field, item);
      if (v !== null) values.push(v);
    }
    // A field not declared as a list shows its first value; declare it in `indices[].lists` to get them all.
    return field.list ? values : (values[0] ?? null);
  }
  const v = oneValue(field, raw);
  return field.list ? (v === null ? null : [v]) : v;
}

/** Each field's key in its parent object (the last segment of its path), computed once per field list. */
const keysOf = new WeakMap<readonly VisibleField[], readonly string[]>();
function levelKeys(fields: readonly VisibleField[]): readonly string[] {
  let keys = keysOf.get(fields);
  if (!keys) keysOf.set(fields, (keys = fields.map((f) => f.path.slice(f.path.lastIndexOf('.') + 1))));
  return keys;
}

function projectLevel(src: Source, fields: readonly VisibleField[]): Source {
  const out: Source = {};
  const keys = levelKeys(fields);
  const dotted = hasDottedKey(src);
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i]!;
    const raw = childValue(src, keys[i]!, dotted);
    if (raw === undefined || raw === null) continue;
    if (field.kind === 'object') {
      const objects = (Array.isArray(raw) ? raw : [raw]).filter((o): o is Source => typeof o === 'object' && o !== null);
      const projected = objects.map((o) => projectLevel(o, field.children));
      out[field.name] = field.list ? projected : (projected[0] ?? null);
    } else {
      out[field.name] = scalarValue(field, raw);
    }
  }
  return out;
}

/** The document's `_id`, under a key no projected field can have; the document type's id field reads it. */
export const DOC_ID = Symbol('documentId');

export function projectDocument(source: Source | undefined, index: VisibleIndex, id: string): Record<string | symbol, unknown> {
  const out: Record<string | symbol, unknown> = projectLevel(source ?? {}, index.fields);
  out[DOC_ID] = id;
  return out;
}
