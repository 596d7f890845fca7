import type { Client } from '@opensearch-project/opensearch';

/**
 * Creates a system index with its mappings if it does not exist. Idempotent and safe when several instances
 * start at once: losing the race to another instance's create is success, not an error.
 */
export async function ensureIndex(client: Client, index: string, mappings: Record<string, unknown>): Promise<void> {
  if ((await client.indices.exists({ index })).body) return;
  try {
    await client.indices.create({ index, body: { settings: { number_of_shards: 1 }, mappings } as never });
  } catch (err) {
    if (backendStatus(err) === 400 && JSON.stringify((err as { body?: unknown }).body ?? '').includes('resource_already_exists')) return;
    if ((await client.indices.exists({ index })).body) return;
    throw err;
  }
}

/** The HTTP status of an error the official client threw for a backend answer; undefined for transport errors. */
export function backendStatus(err: unknown): number | undefined {
  return (err as { meta?: { statusCode?: number } })?.meta?.statusCode;
}
