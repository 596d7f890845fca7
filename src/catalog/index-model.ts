import { flatName, graphqlName } from './names.js';

/**
 * The permission-independent shape of an exposed index, derived from its OpenSearch mapping. Per caller,
 * src/access/visible.ts narrows it to what their permission set may see.
 */
export type ScalarKind = 'text' | 'keyword' | 'int' | 'long' | 'float' | 'boolean' | 'date';

export interface ScalarField {
  readonly kind: ScalarKind;
  /** Dotted path in `_source`, e.g. `author.name`. */
  readonly path: string;
  /** GraphQL field name inside its parent type. */
  readonly name: string;
  /** GraphQL name for where-inputs, orderBy and aggregation enums (`author_name`). */
  readonly flat: string;
  /** Aggregatable/sortable exact-value path: the field itself, or a text field's keyword sub-field. */
  readonly exactPath: string | null;
  readonly list: boolean;
}

export interface ObjectField {
  readonly kind: 'object';
  readonly path: string;
  readonly name: string;
  readonly list: boolean;
  readonly children: readonly FieldModel[];
}

export type FieldModel = ScalarField | ObjectField;

export interface ExposedIndexConfig {
  /** Index or alias name in the backend. */
  readonly index: string;
  /** GraphQL type name of its documents, e.g. `Movie`. */
  readonly type: string;
  /** Query field names, e.g. `movies` and `movie`. */
  readonly search: string;
  readonly get: string;
  /** Field paths that hold arrays (a mapping cannot say so). */
  readonly lists: readonly string[];
}

export interface IndexModel {
  readonly config: ExposedIndexConfig;
  readonly fields: readonly FieldModel[];
}

const NUMERIC: Record<string, ScalarKind> = {
  integer: 'int',
  short: 'int',
  byte: 'int',
  long: 'long',
  float: 'float',
  double: 'float',
  half_float: 'float',
  scaled_float: 'float',
};

interface MappingProperty {
  type?: string;
  properties?: Record<string, MappingProperty>;
  fields?: Record<string, MappingProperty>;
}

function scalarKind(type: string | undefined): ScalarKind | null {
  if (type === 'text' || type === 'keyword' || type === 'boolean' || type === 'date') return type;
  if (type === 'match_only_text') return 'text';
  if (type === 'constant_keyword') return 'keyword';
  return type ? (NUMERIC[type] ?? null) : null;
}

function keywordSubfield(prop: MappingProperty): string | null {
  for (const [name, sub] of Object.entries(prop.fields ?? {})) if (sub.type === 'keyword') return name;
  return null;
}

function toFields(props: Record<string, MappingProperty>, prefix: string, lists: ReadonlySet<string>): FieldModel[] {
  const out: FieldModel[] = [];
  // Two raw names rewritten to the same GraphQL name (`first-name`, `first_name`) are both kept here: the
  // registry of generated names (generated-names.ts) refuses the catalog, naming both, rather than drop one.
  for (const [key, prop] of Object.entries(props).sort(([a], [b]) => a.localeCompare(b))) {
    const path = prefix ? `${prefix}.${key}` : key;
    const name = graphqlName(key);
    if (prop.properties || prop.type === 'object') {
      const children = toFields(prop.properties ?? {}, path, lists);
      if (children.length > 0) out.push({ kind: 'object', path, name, list: lists.has(path), children });
      continue;
    }
    const kind = scalarKind(prop.type);
    // Types outside the supported set (geo_point, nested, binary...) are not exposed rather than mis-typed.
    if (!kind) continue;
    const kw = kind === 'text' ? keywordSubfield(prop) : null;
    const exactPath = kind === 'text' ? (kw ? `${path}.${kw}` : null) : path;
    out.push({ kind, path, name, flat: flatName(path), exactPath, list: lists.has(path) });
  }
  return out;
}

export function buildIndexModel(config: ExposedIndexConfig, mapping: { properties?: Record<string, unknown> }): IndexModel {
  const props = (mapping.properties ?? {}) as Record<string, MappingProperty>;
  return { config, fields: toFields(props, '', new Set(config.lists)) };
}

/** Depth-first list of scalar leaves. */
export function leaves(fields: readonly FieldModel[]): ScalarField[] {
  const out: ScalarField[] = [];
  for (const f of fields) {
    if (f.kind === 'object') out.push(...leaves(f.children));
    else out.push(f);
  }
  return out;
}
