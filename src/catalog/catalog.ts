import { createHash } from 'node:crypto';
import type { SearchPort } from '../backend/search-port.js';
import { assertNoNameCollisions } from './generated-names.js';
import { buildIndexModel, type ExposedIndexConfig, type IndexModel } from './index-model.js';

/**
 * What the backend holds for the exposed indices: which concrete indices stand behind each exposed name
 * (an alias may cover several), their aliases, and their merged mapping. Permissions are always evaluated per
 * concrete index, so reaching an index through an alias never skips a rule.
 */
export interface ExposedIndex {
  readonly config: ExposedIndexConfig;
  readonly concrete: readonly string[];
  readonly model: IndexModel;
}

export interface Catalog {
  /** Changes whenever a mapping or alias that shapes a schema changes. */
  readonly version: string;
  readonly exposed: readonly ExposedIndex[];
  /** The concrete indices with their aliases, as authorization matches index patterns against both. */
  readonly indices: readonly { name: string; aliases: string[] }[];
}

type Props = Record<string, Record<string, unknown>>;

/** Union of several indices' mappings; the first definition of a field wins (sorted index order). */
function mergeProperties(into: Props, from: Props): void {
  for (const [name, def] of Object.entries(from)) {
    const existing = into[name];
    if (!existing) {
      into[name] = structuredClone(def);
    } else if (existing.properties && def.properties) {
      mergeProperties(existing.properties as Props, def.properties as Props);
    }
  }
}

/**
 * `systemIndices` (the security store, saved searches) are never exposed, not even through an alias someone adds
 * on the backend later: searching them would show every tenant's saved searches and every password hash.
 */
export async function loadCatalog(
  port: SearchPort,
  exposed: readonly ExposedIndexConfig[],
  systemIndices: ReadonlySet<string> = new Set(),
): Promise<Catalog> {
  const aliasBody = await port.aliases();
  const indices = Object.entries(aliasBody)
    .map(([name, v]) => ({ name, aliases: Object.keys(v.aliases ?? {}).sort() }))
    .sort((a, b) => a.name.localeCompare(b.name));

  const resolved = exposed.map((config) => {
    const concrete = indices
      .filter((i) => !systemIndices.has(i.name))
      .filter((i) => i.name === config.index || i.aliases.includes(config.index))
      .map((i) => i.name);
    return { config, concrete };
  });

  const wanted = [...new Set(resolved.flatMap((r) => r.concrete))];
  const mappings = wanted.length > 0 ? await port.mappings(wanted) : {};

  const out: ExposedIndex[] = resolved.map(({ config, concrete }) => {
    const props: Props = {};
    for (const name of concrete) {
      mergeProperties(props, (mappings[name]?.mappings.properties ?? {}) as Props);
    }
    return { config, concrete, model: buildIndexModel(config, { properties: props }) };
  });

  // Field names from the mappings can collide in generated names (`a.b` and `a_b`): refuse, naming both.
  assertNoNameCollisions(exposed, out.map((e) => e.model));
  const version = createHash('sha256')
    .update(JSON.stringify({ indices, models: out.map((e) => [e.concrete, e.model]) }))
    .digest('base64url')
    .slice(0, 16);
  return { version, exposed: out, indices };
}
