import type { ExposedIndexConfig, FieldModel, IndexModel } from './index-model.js';
import { CROSS_INDEX_NAMES, documentIdFieldName, enumValueName, indexTypeNames, nestedTypeName, SCORE_ENUM_VALUE, WHERE_COMBINATORS } from './names.js';
import { staticTypes } from '../sdl/static.js';

/**
 * One registry of every name the schema builders generate, so that two sources of the same name are refused
 * when the configuration (and each catalog of mappings) is loaded, naming both, instead of a schema that fails
 * to build at request time or a field silently dropped. The names come from the functions the builders use
 * (names.ts) and from schema/*.graphql itself; nothing here is a hand-kept list.
 *
 * Scopes: type names are global; Query fields; per document type, its fields; per index, the flat names of
 * where-inputs and the enum values of orderBy/aggregation enums (each enum holds a subset of the index's
 * leaves, so checking all leaves once covers every permission set).
 */
export interface NameCollision {
  readonly scope: string;
  readonly name: string;
  readonly first: string;
  readonly second: string;
  /** The exposed index (position in `indices`) of the second source, when it is one. */
  readonly index?: number;
}

export class GeneratedNameError extends Error {
  constructor(readonly collisions: readonly NameCollision[]) {
    super(`generated GraphQL names collide:\n${collisions.map((c) => `  - ${describeCollision(c)}`).join('\n')}`);
    this.name = 'GeneratedNameError';
  }
}

export function describeCollision(c: NameCollision): string {
  return `${c.scope} "${c.name}" would be generated twice: for ${c.first} and for ${c.second}`;
}

class Registry {
  private readonly scopes = new Map<string, Map<string, string>>();
  readonly collisions: NameCollision[] = [];

  claim(scope: string, name: string, source: string, index?: number): void {
    let names = this.scopes.get(scope);
    if (!names) this.scopes.set(scope, (names = new Map()));
    const first = names.get(name);
    if (first === undefined) names.set(name, source);
    else this.collisions.push({ scope, name, first, second: source, ...(index !== undefined ? { index } : {}) });
  }
}

const TYPE = 'type name';
const QUERY_FIELD = 'Query field';

function claimStatic(reg: Registry): void {
  const schema = staticTypes.schema;
  // Includes the built-in scalars and introspection types, which no generated name may shadow either.
  for (const name of Object.keys(schema.getTypeMap())) reg.claim(TYPE, name, `schema/*.graphql (${name})`);
  for (const name of Object.keys(schema.getQueryType()?.getFields() ?? {})) reg.claim(QUERY_FIELD, name, `schema/*.graphql (Query.${name})`);
  const cross = 'the search across every index';
  for (const name of [CROSS_INDEX_NAMES.union, CROSS_INDEX_NAMES.hit, CROSS_INDEX_NAMES.result]) reg.claim(TYPE, name, `${cross} (${name})`);
  reg.claim(QUERY_FIELD, CROSS_INDEX_NAMES.queryField, `${cross} (Query.${CROSS_INDEX_NAMES.queryField})`);
}

const label = (cfg: ExposedIndexConfig, i: number) => `indices[${i}] (index ${cfg.index}, type ${cfg.type})`;

function claimIndex(reg: Registry, cfg: ExposedIndexConfig, i: number): void {
  for (const [role, name] of Object.entries(indexTypeNames(cfg.type))) reg.claim(TYPE, name, `${label(cfg, i)}: its ${role} type`, i);
  reg.claim(QUERY_FIELD, cfg.search, `${label(cfg, i)}: search`, i);
  reg.claim(QUERY_FIELD, cfg.get, `${label(cfg, i)}: get`, i);
}

function claimModel(reg: Registry, cfg: ExposedIndexConfig, i: number, model: IndexModel): void {
  const where = `where-input fields of ${indexTypeNames(cfg.type).where}`;
  const enumValues = `enum values of ${cfg.type}'s sort and aggregation enums`;
  for (const c of WHERE_COMBINATORS) reg.claim(where, c, `the "${c}" combinator`);
  reg.claim(enumValues, SCORE_ENUM_VALUE, 'sorting by relevance');
  const walk = (fields: readonly FieldModel[], typeName: string): void => {
    for (const f of fields) {
      const source = `field "${f.path}" of ${label(cfg, i)}`;
      reg.claim(`fields of type ${typeName}`, f.name, source, i);
      if (f.kind === 'object') {
        const nested = nestedTypeName(typeName, f.name);
        reg.claim(TYPE, nested, `object ${source}`, i);
        walk(f.children, nested);
      } else {
        reg.claim(where, f.flat, source, i);
        reg.claim(enumValues, enumValueName(f.path), source, i);
      }
    }
  };
  const docType = indexTypeNames(cfg.type).document;
  const idField = documentIdFieldName(model.fields.map((f) => f.name));
  reg.claim(`fields of type ${docType}`, idField, `the document's _id (${docType}.${idField})`, i);
  walk(model.fields, docType);
}

/**
 * Collisions among the names generated for these exposed indices, and, when their models (mappings) are given,
 * among the names generated from their fields.
 */
export function generatedNameCollisions(configs: readonly ExposedIndexConfig[], models?: readonly IndexModel[]): NameCollision[] {
  const reg = new Registry();
  claimStatic(reg);
  configs.forEach((cfg, i) => claimIndex(reg, cfg, i));
  models?.forEach((m, i) => claimModel(reg, configs[i] ?? m.config, i, m));
  return reg.collisions;
}

/** Throws GeneratedNameError listing every collision. */
export function assertNoNameCollisions(configs: readonly ExposedIndexConfig[], models?: readonly IndexModel[]): void {
  const collisions = generatedNameCollisions(configs, models);
  if (collisions.length > 0) throw new GeneratedNameError(collisions);
}
