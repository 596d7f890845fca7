import type { SearchHitRaw, SearchResponseRaw } from '../../backend/search-port.js';
import { encodeCursor } from './paging/cursor.js';
import type { VisibleIndex } from '../../access/visible.js';
import { projectDocument } from '../document/project.js';

/** The shapes the generated `<Type>SearchResult` / `<Type>Hit` types resolve from. */
export const TYPE = Symbol('graphqlType');

export interface HitValue {
  id: string;
  index: string;
  score: number | null;
  cursor: string;
  document: Record<string | symbol, unknown>;
}

export interface SearchResultValue {
  total: number;
  totalRelation: 'EQ' | 'GTE';
  hits: HitValue[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  aggregations: Record<string, unknown>;
}

export function toHit(raw: SearchHitRaw, visible: VisibleIndex, typeName: string): HitValue {
  const document: Record<string | symbol, unknown> = projectDocument(raw._source, visible, raw._id);
  document[TYPE] = typeName;
  return {
    id: raw._id,
    index: raw._index,
    score: typeof raw._score === 'number' ? raw._score : null,
    // Encoded only when a query selects it: most ask for `pageInfo.endCursor` alone.
    get cursor() {
      return encodeCursor(raw.sort ?? []);
    },
    document,
  };
}

/** `size` is what the caller asked for; the plan asked for one more to learn whether a next page exists. */
export function toResult(
  raw: SearchResponseRaw,
  size: number,
  hit: (h: SearchHitRaw) => HitValue | null,
): SearchResultValue {
  const page = raw.hits.hits.slice(0, size);
  const hits = page.map(hit).filter((h): h is HitValue => h !== null);
  const total = raw.hits.total ?? { value: 0, relation: 'eq' as const };
  return {
    total: total.value,
    totalRelation: total.relation === 'gte' ? 'GTE' : 'EQ',
    hits,
    pageInfo: {
      hasNextPage: raw.hits.hits.length > size,
      endCursor: hits.length > 0 ? hits[hits.length - 1]!.cursor : null,
    },
    aggregations: raw.aggregations ?? {},
  };
}
