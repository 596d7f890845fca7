import { CATEGORIES, DATE_SPAN_MS, DATE_START, OWNERS, WORDS } from './bench-docs.js';

/** The request mix of bench/engine.ts, over the corpus of bench-docs.ts. */
export type RequestKind = 'term' | 'range' | 'bool-filter' | 'full-text' | 'terms-agg' | 'search-after';
export const KINDS: RequestKind[] = ['term', 'range', 'bool-filter', 'full-text', 'terms-agg', 'search-after'];
/** Held to "within 2x of OpenSearch at 1M documents" (issue 12). */
export const GOAL_KINDS: RequestKind[] = ['term', 'bool-filter', 'full-text', 'terms-agg', 'search-after'];

/** Request i of a kind. Parameters vary with i so no cache can answer a repeat. */
export function requestBody(kind: RequestKind, i: number): Record<string, unknown> {
  switch (kind) {
    case 'term':
      return { size: 10, query: { term: { owner: OWNERS[(i * 7) % OWNERS.length] } } };
    case 'range': {
      const from = (i * 37.13) % 950;
      return { size: 10, query: { range: { price: { gte: from, lt: from + 10 } } } };
    }
    case 'bool-filter':
      return {
        size: 10,
        query: {
          bool: {
            filter: [
              { term: { category: CATEGORIES[i % CATEGORIES.length] } },
              { range: { qty: { gte: (i * 13) % 500 } } },
              { term: { active: true } },
            ],
          },
        },
      };
    case 'full-text': {
      // one common and one rarer word, OR'ed: scores many documents
      const a = WORDS[(i * 3) % 20]!;
      const b = WORDS[50 + ((i * 11) % 500)]!;
      return { size: 10, query: { match: { title: `${a} ${b}` } } };
    }
    case 'terms-agg': {
      // covers 80-100% of the corpus; the varying lower bound defeats result caches
      const gte = new Date(DATE_START + ((i * 104_729) % 1000) / 1000 * 0.2 * DATE_SPAN_MS).toISOString();
      return { size: 0, query: { range: { created: { gte } } }, aggs: { by_owner: { terms: { field: 'owner', size: 10 } } } };
    }
    case 'search-after': {
      // A deep page of "everything, newest first": the cursor is the sort value of a hit somewhere in the
      // middle of the index (as page N of a client walking with search_after would send), so the engine
      // must skip everything before it without sorting it.
      const cursor = DATE_START + Math.floor((((i * 7919) % 1000) / 1000 * 0.8 + 0.1) * DATE_SPAN_MS);
      return { size: 10, query: { match_all: {} }, sort: [{ created: 'desc' }], search_after: [cursor] };
    }
  }
}
