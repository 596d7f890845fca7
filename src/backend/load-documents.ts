import type { Client } from '@opensearch-project/opensearch';

export interface IndexSeed {
  readonly index: string;
  readonly mappings: Record<string, unknown>;
  readonly documents: readonly { _id: string; [field: string]: unknown }[];
}

/**
 * Creates an index with its mapping and bulk-loads documents, only when the index does not exist yet, so a
 * restart never overwrites data someone changed. Returns whether it loaded anything.
 */
export async function loadIfMissing(client: Client, seed: IndexSeed): Promise<boolean> {
  const exists = await client.indices.exists({ index: seed.index });
  if (exists.body) return false;
  await client.indices.create({ index: seed.index, body: { mappings: seed.mappings } as never });
  for (let i = 0; i < seed.documents.length; i += 1000) {
    const batch = seed.documents.slice(i, i + 1000);
    const body = batch.flatMap(({ _id, ...doc }) => [{ index: { _index: seed.index, _id } }, doc]);
    const res = await client.bulk({ body: body as never, refresh: i + 1000 >= seed.documents.length ? 'true' : 'false' } as never);
    const r = res.body as { errors?: boolean; items?: unknown[] };
    if (r.errors) throw new Error(`loading ${seed.index} failed: ${JSON.stringify(r.items?.find((x) => JSON.stringify(x).includes('"error"'))).slice(0, 500)}`);
  }
  await client.indices.refresh({ index: seed.index });
  return true;
}
