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

/**
 * A hit as the generated types resolve it. `cursor` is a getter on the class, not in an object literal: a
 * getter written in a literal is a new function per hit, which gives each hit a hidden class of its own that
 * V8's young-generation GC keeps (with the raw hit it closes over) until the next full GC — every hit was
 * promoted to the old generation (issue 13).
 */
class Hit implements HitValue {
  constructor(
    readonly id: string,
    readonly index: string,
    readonly score: number | null,
    readonly document: Record<string | symbol, unknown>,
    private readonly sortValues: readonly unknown[],
  ) {}

  // Encoded only when a query selects it: most ask for `pageInfo.endCursor` alone.
  get cursor(): string {
    return encodeCursor(this.sortValues);
  }
}

export function toHit(raw: SearchHitRaw, visible: VisibleIndex, typeName: string): HitValue {
  const document: Record<string | symbol, unknown> = projectDocument(raw._source, visible, raw._id);
  document[TYPE] = typeName;
  return new Hit(raw._id, raw._index, typeof raw._score === 'number' ? raw._score : null, document, raw.sort ?? []);
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
