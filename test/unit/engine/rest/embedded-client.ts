/** A memory-only engine behind the official client, as the gateway uses it. */
import { Client } from '@opensearch-project/opensearch';
import { embeddedConnection } from '../../../../src/engine/connection.js';
import { Engine } from '../../../../src/engine/engine.js';

export async function embeddedClient(dataDir?: string): Promise<{ engine: Engine; client: Client }> {
  const engine = await Engine.open({ dataDir: dataDir ?? null });
  const client = new Client({ node: 'http://embedded.local', Connection: embeddedConnection(engine), maxRetries: 0 });
  return { engine, client };
}

/** Runs `fn` against a fresh memory-only engine, closed afterwards whatever happens. */
export async function withEmbedded<T>(fn: (client: Client) => Promise<T>): Promise<T> {
  const { engine, client } = await embeddedClient();
  try {
    return await fn(client);
  } finally {
    await engine.close();
  }
}

/** The status and error body of a rejected client call. */
export async function failure(p: Promise<unknown>): Promise<{ status: number; body: any }> {
  try {
    await p;
  } catch (e) {
    const err = e as { name?: string; meta?: { statusCode: number; body: unknown } };
    if (err.name !== 'ResponseError' || !err.meta) throw e;
    return { status: err.meta.statusCode, body: err.meta.body };
  }
  throw new Error('expected the call to fail');
}
