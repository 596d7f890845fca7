import DataLoader from 'dataloader';
import type { IndexGrant } from '../../access/view.js';
import type { SearchPort } from '../../backend/search-port.js';
import { planSearch } from '../search/plan.js';
import type { ApiContext } from '../kernel/context.js';
import { projectDocument } from '../document/project.js';
import { runSearch } from '../search/run.js';

type Doc = Record<string, unknown>;

/**
 * Per-request batching of get-by-id. All ids asked for in one tick become one `_search` with an `ids` query
 * under the caller's DLS filter — never `_mget` or GET, which would bypass DLS. A document outside the
 * caller's DLS is simply not found.
 */
export class Loaders {
  private readonly byKey = new Map<string, DataLoader<string, Doc | null>>();

  constructor(private readonly ctx: () => ApiContext) {}

  document(grant: IndexGrant, paths: ReadonlySet<string>): DataLoader<string, Doc | null> {
    const sorted = [...paths].sort();
    const key = `${grant.shape.visible.model.config.index}\u0000${sorted.join('\u0000')}`;
    let loader = this.byKey.get(key);
    if (!loader) {
      loader = new DataLoader((ids) => this.load(grant, paths, ids), { maxBatchSize: 100 });
      this.byKey.set(key, loader);
    }
    return loader;
  }

  private async load(grant: IndexGrant, paths: ReadonlySet<string>, ids: readonly string[]): Promise<(Doc | null)[]> {
    const plan = planSearch({
      clauses: [{ grant, query: { ids: { values: [...new Set(ids)] } } }],
      sourcePaths: paths,
      // The same id may exist in several concrete indices behind one alias; the first in index order wins.
      size: ids.length * Math.max(1, grant.targets.length),
      sort: [{ _index: { order: 'asc' } }, { _id: { order: 'asc' } }],
    });
    const raw = await runSearch(this.ctx(), plan);
    const found = new Map<string, Doc>();
    for (const hit of raw.hits.hits) {
      if (!found.has(hit._id)) found.set(hit._id, projectDocument(hit._source, grant.shape.visible, hit._id));
    }
    return ids.map((id) => found.get(id) ?? null);
  }
}

export type { SearchPort };
