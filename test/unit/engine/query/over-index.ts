import type { SearchIndex } from '../../../../src/engine/index/search-index.js';
import { search } from '../../../../src/engine/search/search.js';

/**
 * Searches over a fresh index from `make` (one per call, so no test sees another's writes): the whole answer,
 * its hit ids sorted, or the OpenSearch-shaped refusal body (`'answered'` when it answered).
 */
export function overIndex(make: () => SearchIndex) {
  const run = (body: unknown): Record<string, any> => search([make()], body) as Record<string, any>;
  const ids = (body: unknown): string[] => run(body).hits.hits.map((h: { _id: string }) => h._id).sort();
  const refusal = (body: unknown): string => {
    try {
      run(body);
    } catch (e) {
      return JSON.stringify((e as { toBody(): unknown }).toBody());
    }
    return 'answered';
  };
  return { run, ids, refusal };
}
