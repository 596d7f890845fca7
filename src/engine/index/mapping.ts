/**
 * The mapping tree of one index: parsing explicit mappings, rendering them like GET _mapping, merging
 * PUT _mapping updates and creating fields dynamically like OpenSearch's defaults.
 */
import { EngineError } from '../errors.js';
import { compileDateFormat, dateFormatProblem, DEFAULT_DATE_FORMAT, type DateFormat } from './dates.js';

export const NUMERIC_TYPES = ['long', 'integer', 'short', 'byte', 'double', 'float'] as const;
export type NumericType = (typeof NUMERIC_TYPES)[number];
export type LeafType = 'text' | 'keyword' | 'boolean' | 'date' | NumericType;
export type Dynamic = 'true' | 'false' | 'strict';

export interface LeafField {
  readonly kind: 'leaf';
  readonly path: string;
  readonly type: LeafType;
  /** Parameters rendered back in GET _mapping (besides type and fields). */
  readonly params: Record<string, unknown>;
  readonly fields: Map<string, LeafField>;
  readonly ignoreAbove?: number;
  readonly dateFormat?: DateFormat;
}

export interface ObjectField {
  readonly kind: 'object';
  readonly path: string;
  dynamic?: Dynamic;
  readonly enabled: boolean;
  readonly properties: Map<string, FieldNode>;
}

export type FieldNode = LeafField | ObjectField;

export interface RootMapping extends ObjectField {
  dateDetection?: boolean;
  numericDetection?: boolean;
}

const KNOWN_TYPES = new Set(['text', 'keyword', 'boolean', 'date', 'object', ...NUMERIC_TYPES]);
/** Types OpenSearch knows but this engine does not implement: refused by name, never approximated. */
const UNSUPPORTED_TYPES = new Set(['nested', 'half_float', 'scaled_float', 'unsigned_long', 'ip', 'geo_point', 'geo_shape',
  'binary', 'flat_object', 'date_nanos', 'match_only_text', 'wildcard', 'constant_keyword', 'alias', 'join', 'knn_vector',
  'completion', 'search_as_you_type', 'token_count', 'integer_range', 'long_range', 'float_range', 'double_range',
  'date_range', 'ip_range', 'rank_feature', 'rank_features', 'percolator', 'derived', 'star_tree']);

/** Parameters accepted per type. Anything else is rejected, so no setting is silently ignored. */
const PARAMS: Record<string, readonly string[]> = {
  text: ['analyzer', 'search_analyzer', 'fields', 'store', 'norms'],
  keyword: ['ignore_above', 'fields', 'store', 'doc_values'],
  boolean: ['store', 'doc_values'],
  date: ['format', 'print_format', 'store', 'doc_values'],
  numeric: ['store', 'doc_values', 'coerce'],
};

/** Boolean parameters: read as OpenSearch's `XContentMapValues.nodeBooleanValue` (true/false, or those strings). */
const BOOLEAN_PARAMS = new Set(['store', 'norms', 'doc_values', 'coerce']);

/** GET _mapping: parameters in OpenSearch's order per type, and the defaults a node leaves out (`coerce` is
 *  an explicit parameter: rendered whenever it was given). */
const RENDER_ORDER: Record<string, readonly string[]> = {
  text: ['store', 'fields', 'norms', 'analyzer', 'search_analyzer'],
  keyword: ['store', 'ignore_above', 'fields'],
  boolean: ['store', 'fields'],
  date: ['store', 'format', 'print_format', 'fields'],
  numeric: ['store', 'coerce', 'fields'],
};
const RENDER_DEFAULTS: Record<string, unknown> = {
  store: false, norms: true, doc_values: true, ignore_above: 2147483647, format: DEFAULT_DATE_FORMAT,
  print_format: 'strict_date_optional_time',
};

function mappingError(reason: string, field?: string): EngineError {
  return new EngineError(400, 'mapper_parsing_exception', `Failed to parse mapping [_doc]: ${reason}`, {
    root_cause: [{ type: 'mapper_parsing_exception', reason }],
    caused_by: { type: 'mapper_parsing_exception', reason },
    ...(field ? {} : {}),
  });
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Java's toString of a mapping value (a List as `[a, b]`, a Map as `{k=v}`). */
function javaText(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(javaText).join(', ')}]`;
  if (isPlainObject(v)) return `{${Object.entries(v).map(([k, x]) => `${k}=${javaText(x)}`).join(', ')}}`;
  return String(v);
}

/**
 * ObjectMapper's `dynamic`: `strict` in any case, else XContentMapValues.nodeBooleanValue under the name
 * `dynamic.dynamic` (whatever the object), whose refusal is an illegal_argument_exception inside the mapping's
 * mapper_parsing_exception (checked on 3.6.0; `runtime` is no value there). `strict_allow_templates` is
 * OpenSearch's, but it rests on dynamic templates, which this engine does not implement.
 */
function parseDynamic(v: unknown, path: string): Dynamic {
  if (v === true || v === 'true') return 'true';
  if (v === false || v === 'false') return 'false';
  if (typeof v === 'string' && v.toLowerCase() === 'strict') return 'strict';
  if (typeof v === 'string' && v.toLowerCase() === 'strict_allow_templates') {
    throw mappingError(`[dynamic: ${v}] on [${path || '_doc'}] is not supported by the embedded engine`);
  }
  if (v === null) {
    const npe = 'Cannot invoke "Object.toString()" because "fieldNode" is null';
    throw new EngineError(400, 'mapper_parsing_exception', `Failed to parse mapping [_doc]: ${npe}`, {
      root_cause: [{ type: 'mapper_parsing_exception', reason: `Failed to parse mapping [_doc]: ${npe}` }],
      caused_by: { type: 'null_pointer_exception', reason: npe },
    });
  }
  const reason = 'Could not convert [dynamic.dynamic] to boolean';
  throw new EngineError(400, 'mapper_parsing_exception', `Failed to parse mapping [_doc]: ${reason}`, {
    root_cause: [{ type: 'mapper_parsing_exception', reason: `Failed to parse mapping [_doc]: ${reason}` }],
    caused_by: { type: 'illegal_argument_exception', reason,
      caused_by: { type: 'illegal_argument_exception', reason: `Failed to parse value [${javaText(v)}] as only [true] or [false] are allowed.` } },
  });
}

export function emptyRoot(): RootMapping {
  return { kind: 'object', path: '', enabled: true, properties: new Map() };
}

/** Parse the `mappings` body of index creation. */
export function parseRootMapping(body: unknown): RootMapping {
  const root = emptyRoot();
  if (body === undefined || body === null) return root;
  if (!isPlainObject(body)) throw mappingError('mapping source must be an object');
  let m = body;
  if (isPlainObject(m._doc) && Object.keys(m).length === 1) m = m._doc; // legacy typed form
  for (const [k, v] of Object.entries(m)) {
    switch (k) {
      case 'properties':
        if (!isPlainObject(v)) throw mappingError('[properties] must be an object');
        for (const [name, def] of Object.entries(v)) addProperty(root, name, def);
        break;
      case 'dynamic': root.dynamic = parseDynamic(v, ''); break;
      case 'date_detection': root.dateDetection = v === true || v === 'true'; break;
      case 'numeric_detection':
        if (v === true || v === 'true') throw mappingError('[numeric_detection] is not supported by the embedded engine');
        root.numericDetection = false;
        break;
      default:
        throw mappingError(`Root mapping definition has unsupported parameters:  [${k} : ${JSON.stringify(v)}]`);
    }
  }
  return root;
}

function addProperty(parent: ObjectField, name: string, def: unknown, written = name): void {
  const path = parent.path ? `${parent.path}.${name}` : name;
  if (name.includes('.')) {
    // `"a.b": {...}` in properties is shorthand for an object `a` holding `b`.
    const [head, ...rest] = name.split('.');
    let child = parent.properties.get(head!);
    if (!child) {
      child = { kind: 'object', path: parent.path ? `${parent.path}.${head}` : head!, enabled: true, properties: new Map() };
      parent.properties.set(head!, child);
    }
    if (child.kind !== 'object') throw mappingError(`Can't merge a non object mapping [${child.path}] with an object mapping`);
    addProperty(child, rest.join('.'), def, written);
    return;
  }
  parent.properties.set(name, parseField(path, def, written));
}

/** `written`: the property's name as the mapping wrote it (dotted names whole), which OpenSearch's errors name. */
export function parseField(path: string, def: unknown, written = path.slice(path.lastIndexOf('.') + 1)): FieldNode {
  if (!isPlainObject(def)) throw mappingError(`Expected map for property [fields] on field [${path}] but got a class java.lang.String`);
  // ObjectMapper.TypeParser.parseProperties: without a type, a definition is an object only when it has
  // `properties`, or `enabled` as its one parameter (checked on 3.6.0: `{}` and `{"dynamic": ...}` are refused).
  let type: string;
  if (def.type !== undefined && def.type !== null) type = typeof def.type === 'string' ? def.type : javaText(def.type);
  else if (def.properties !== undefined && def.properties !== null) type = 'object';
  else if (Object.keys(def).length === 1 && def.enabled !== undefined && def.enabled !== null) type = 'object';
  else throw mappingError(`No type specified for field [${written}]`);
  if (UNSUPPORTED_TYPES.has(type)) {
    throw mappingError(`field type [${type}] declared on field [${path}] is not supported by the embedded engine`);
  }
  if (!KNOWN_TYPES.has(type)) throw mappingError(`No handler for type [${type}] declared on field [${path}]`);
  if (type === 'object') return parseObject(path, def);
  return parseLeaf(path, type as LeafType, def, false);
}

function parseObject(path: string, def: Record<string, unknown>): ObjectField {
  const obj: ObjectField = { kind: 'object', path, enabled: true, properties: new Map() };
  let enabled = true;
  for (const [k, v] of Object.entries(def)) {
    if (k === 'type') continue;
    if (k === 'properties') {
      if (!isPlainObject(v)) throw mappingError(`[properties] on [${path}] must be an object`);
      for (const [name, sub] of Object.entries(v)) addProperty(obj, name, sub);
    } else if (k === 'dynamic') obj.dynamic = parseDynamic(v, path);
    else if (k === 'enabled') enabled = v === true || v === 'true';
    else throw mappingError(`unknown parameter [${k}] on mapper [${path}] of type [object]`);
  }
  return enabled ? obj : { ...obj, enabled: false };
}

function parseLeaf(path: string, type: LeafType, def: Record<string, unknown>, isMultiField: boolean): LeafField {
  const allowed = PARAMS[(NUMERIC_TYPES as readonly string[]).includes(type) ? 'numeric' : type] ?? [];
  const params: Record<string, unknown> = {};
  const fields = new Map<string, LeafField>();
  let ignoreAbove: number | undefined;
  let dateFormat: DateFormat | undefined;
  for (const [k, v] of Object.entries(def)) {
    if (k === 'type') continue;
    if (!allowed.includes(k)) {
      if (['index', 'null_value', 'copy_to', 'fielddata', 'normalizer', 'ignore_malformed', 'boost', 'similarity',
        'index_options', 'term_vector', 'position_increment_gap', 'eager_global_ordinals', 'meta', 'index_prefixes',
        'index_phrases', 'split_queries_on_whitespace', 'locale', 'scaling_factor', 'fielddata_frequency_filter'].includes(k)) {
        throw mappingError(`parameter [${k}] on mapper [${path}] of type [${type}] is not supported by the embedded engine`);
      }
      throw mappingError(`unknown parameter [${k}] on mapper [${path}] of type [${type}]`);
    }
    if (k === 'fields') {
      if (isMultiField) throw mappingError(`Field [${path}] cannot have multi-fields`);
      if (!isPlainObject(v)) throw mappingError(`[fields] on [${path}] must be an object`);
      for (const [sub, subDef] of Object.entries(v)) {
        if (!isPlainObject(subDef)) throw mappingError(`[fields] on [${path}] must be an object`);
        const st = subDef.type;
        if (typeof st !== 'string' || st === 'object') throw mappingError(`No type specified for field [${sub}]`);
        if (UNSUPPORTED_TYPES.has(st)) throw mappingError(`field type [${st}] declared on field [${path}.${sub}] is not supported by the embedded engine`);
        if (!KNOWN_TYPES.has(st)) throw mappingError(`No handler for type [${st}] declared on field [${sub}]`);
        fields.set(sub, parseLeaf(`${path}.${sub}`, st as LeafType, subDef, true));
      }
      continue;
    }
    if ((k === 'analyzer' || k === 'search_analyzer') && v !== 'standard' && v !== 'default') {
      throw mappingError(`analyzer [${String(v)}] has not been configured in mappings`);
    }
    if (k === 'ignore_above') {
      const n = typeof v === 'number' ? v : Number(v);
      if (!Number.isInteger(n) || n < 0) throw mappingError(`[ignore_above] must be positive, got [${String(v)}]`);
      ignoreAbove = n;
    }
    if (k === 'format') {
      if (typeof v !== 'string') throw mappingError(`[format] on [${path}] must be a string`);
      const problem = dateFormatProblem(v);
      if (problem?.kind === 'invalid') throw mappingError(`Error parsing [format] on field [${path}]: ${problem.message}`);
      dateFormat = compileDateFormat(v);
      if (!dateFormat) throw mappingError(`Invalid format: [${v}]: format not supported by the embedded engine`);
    }
    if (BOOLEAN_PARAMS.has(k)) {
      const b = v === true || v === 'true' ? true : v === false || v === 'false' ? false : undefined;
      if (b === undefined) {
        const reason = `Failed to parse value [${String(v)}] as only [true] or [false] are allowed.`;
        throw new EngineError(400, 'mapper_parsing_exception', `Failed to parse mapping [_doc]: ${reason}`, {
          root_cause: [{ type: 'mapper_parsing_exception', reason: `Failed to parse mapping [_doc]: ${reason}` }],
          caused_by: { type: 'illegal_argument_exception', reason },
        });
      }
      if (k === 'doc_values' && !b) throw mappingError(`parameter [doc_values: false] on mapper [${path}] is not supported by the embedded engine`);
      params[k] = b;
      continue;
    }
    params[k] = k === 'ignore_above' ? ignoreAbove : v;
  }
  if (type === 'date' && !dateFormat) dateFormat = compileDateFormat(DEFAULT_DATE_FORMAT);
  return {
    kind: 'leaf', path, type, params, fields,
    ...(ignoreAbove !== undefined ? { ignoreAbove } : {}),
    ...(dateFormat ? { dateFormat } : {}),
  };
}

/** GET _mapping rendering (properties sorted by name, as OpenSearch does). */
export function renderRoot(root: RootMapping): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (root.dynamic !== undefined) out.dynamic = root.dynamic;
  if (root.dateDetection !== undefined) out.date_detection = root.dateDetection;
  if (root.numericDetection !== undefined) out.numeric_detection = root.numericDetection;
  if (root.properties.size > 0) out.properties = renderProperties(root.properties);
  return out;
}

function renderProperties(props: Map<string, FieldNode>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of [...props.keys()].sort()) out[name] = renderNode(props.get(name)!);
  return out;
}

function renderNode(node: FieldNode): Record<string, unknown> {
  if (node.kind === 'object') {
    const out: Record<string, unknown> = {};
    if (node.properties.size === 0) out.type = 'object';
    if (node.dynamic !== undefined) out.dynamic = node.dynamic;
    if (!node.enabled) out.enabled = false;
    if (node.properties.size > 0) out.properties = renderProperties(node.properties);
    return out;
  }
  const params: Record<string, unknown> = { ...node.params };
  if (node.type === 'text') {
    // The index analyzer is shown when it is not the default one, or when the search analyzer differs from it
    // (then both are); a search analyzer equal to the index analyzer is left out.
    const analyzer = params.analyzer ?? 'default';
    const search = params.search_analyzer ?? analyzer;
    delete params.analyzer;
    delete params.search_analyzer;
    if (analyzer !== 'default' || search !== analyzer) params.analyzer = analyzer;
    if (search !== analyzer) params.search_analyzer = search;
  }
  for (const [k, v] of Object.entries(RENDER_DEFAULTS)) if (params[k] === v) delete params[k];
  if (node.fields.size > 0) {
    const fields: Record<string, unknown> = {};
    for (const name of [...node.fields.keys()].sort()) fields[name] = renderNode(node.fields.get(name)!);
    params.fields = fields;
  }
  const out: Record<string, unknown> = { type: node.type };
  const order = RENDER_ORDER[(NUMERIC_TYPES as readonly string[]).includes(node.type) ? 'numeric' : node.type] ?? [];
  for (const k of order) if (params[k] !== undefined) out[k] = params[k];
  for (const [k, v] of Object.entries(params)) if (!(k in out)) out[k] = v;
  return out;
}

/** Merge `incoming` into `current` (PUT _mapping); throws on a conflicting change and leaves `current` as is. */
export function mergeRoot(current: RootMapping, incoming: RootMapping): RootMapping {
  const merged = mergeObject(current, incoming) as RootMapping;
  const dateDetection = incoming.dateDetection ?? current.dateDetection;
  const numericDetection = incoming.numericDetection ?? current.numericDetection;
  if (dateDetection !== undefined) merged.dateDetection = dateDetection;
  if (numericDetection !== undefined) merged.numericDetection = numericDetection;
  return merged;
}

function mergeObject(a: ObjectField, b: ObjectField): ObjectField {
  const properties = new Map(a.properties);
  for (const [name, node] of b.properties) {
    const existing = properties.get(name);
    properties.set(name, existing ? mergeNode(existing, node) : node);
  }
  const dynamic = b.dynamic ?? a.dynamic;
  return { kind: 'object', path: a.path, enabled: a.enabled && b.enabled, properties, ...(dynamic !== undefined ? { dynamic } : {}) };
}

function mergeNode(a: FieldNode, b: FieldNode): FieldNode {
  if (a.kind === 'object' && b.kind === 'object') return mergeObject(a, b);
  if (a.kind !== b.kind) {
    throw new EngineError(400, 'illegal_argument_exception', a.kind === 'object'
      ? `can't merge a non object mapping [${a.path}] with an object mapping`
      : `can't merge a non object mapping [${a.path}] with an object mapping`);
  }
  const la = a as LeafField;
  const lb = b as LeafField;
  if (la.type !== lb.type) {
    throw new EngineError(400, 'illegal_argument_exception', `mapper [${la.path}] cannot be changed from type [${la.type}] to [${lb.type}]`);
  }
  // Parameters OpenSearch cannot update, compared by their effective values (an absent one is its default);
  // `search_analyzer`, `ignore_above` and `coerce` are updatable, so the new mapping's values win.
  const effective = (l: LeafField, key: string): unknown =>
    l.params[key] ?? (key === 'analyzer' ? 'default' : key === 'format' ? DEFAULT_DATE_FORMAT : RENDER_DEFAULTS[key]);
  const conflicts: string[] = [];
  for (const key of ['store', 'norms', 'format', 'analyzer']) {
    if (!(key in RENDER_DEFAULTS) && !(key === 'analyzer' && la.type === 'text')) continue;
    const [from, to] = [effective(la, key), effective(lb, key)];
    if (from === to || (key === 'norms' && la.type !== 'text')) continue;
    if (key === 'format' && la.type !== 'date') continue;
    if (key === 'norms' && from === true && to === false) {
      // OpenSearch accepts this, then refuses every later document with a value for the field (Lucene's
      // "inconsistent omitNorms") while its older documents keep their norms; not modelled.
      throw new EngineError(400, 'illegal_argument_exception',
        `Mapper for [${la.path}]: turning [norms] off on an existing field is not supported by the embedded engine`);
    }
    conflicts.push(`Cannot update parameter [${key}] from [${String(from)}] to [${String(to)}]`);
  }
  if (conflicts.length > 0) {
    throw new EngineError(400, 'illegal_argument_exception',
      `Mapper for [${la.path}] conflicts with existing mapper:\n\t${conflicts.join('\n\t')}`);
  }
  const fields = new Map(la.fields);
  for (const [name, f] of lb.fields) {
    const existing = fields.get(name);
    fields.set(name, existing ? (mergeNode(existing, f) as LeafField) : f);
  }
  return { ...lb, fields };
}

/** The field OpenSearch creates for a new JSON value under `dynamic: true`. */
export function dynamicLeaf(path: string, value: string | number | boolean, date: 'iso' | 'slash' | undefined): LeafField {
  if (typeof value === 'boolean') return parseLeaf(path, 'boolean', {}, false);
  if (typeof value === 'number') return parseLeaf(path, Number.isInteger(value) ? 'long' : 'float', {}, false);
  if (date === 'iso') return parseLeaf(path, 'date', {}, false);
  if (date === 'slash') {
    // What OpenSearch records for its second default dynamic date format.
    return parseLeaf(path, 'date', { format: 'yyyy/MM/dd HH:mm:ss||yyyy/MM/dd||epoch_millis', print_format: 'yyyy/MM/dd HH:mm:ss' }, false);
  }
  return parseLeaf(path, 'text', { fields: { keyword: { type: 'keyword', ignore_above: 256 } } }, false);
}

/** Every leaf (including multi-fields such as `title.keyword`) by full path. */
export function collectLeaves(root: ObjectField, out = new Map<string, LeafField>()): Map<string, LeafField> {
  for (const node of root.properties.values()) {
    if (node.kind === 'object') {
      if (node.enabled) collectLeaves(node, out);
      continue;
    }
    out.set(node.path, node);
    for (const sub of node.fields.values()) out.set(sub.path, sub);
  }
  return out;
}

/** Every object path (for `exists` on an object, which means "any field under it"). */
export function collectObjects(root: ObjectField, out = new Map<string, ObjectField>()): Map<string, ObjectField> {
  for (const node of root.properties.values()) {
    if (node.kind === 'object') {
      out.set(node.path, node);
      collectObjects(node, out);
    }
  }
  return out;
}
