/**
 * Loading the corpus into a backend and running one conformance request, through the official client
 * (the same path the gateway uses for both backends).
 */
import type { Client } from '@opensearch-project/opensearch';
import type { Corpus } from './corpus.js';
import type { ConformanceRequest } from './requests.js';

export type Outcome =
  | { readonly ok: true; readonly body: Record<string, unknown> }
  | { readonly ok: false; readonly status: number; readonly type: string; readonly reason: string };

export async function dropCorpus(client: Client, corpus: Corpus): Promise<void> {
  for (const index of corpus.indices) {
    await client.indices.delete({ index: index.name, ignore_unavailable: true });
  }
}

export async function loadCorpus(client: Client, corpus: Corpus): Promise<void> {
  await dropCorpus(client, corpus);
  for (const index of corpus.indices) {
    await client.indices.create({ index: index.name, body: index.body });
    for (let i = 0; i < index.docs.length; i += 1000) {
      const ops: unknown[] = [];
      for (const doc of index.docs.slice(i, i + 1000)) {
        ops.push({ index: { _index: index.name, _id: doc.id } }, doc.source);
      }
      const res = await client.bulk({ body: ops as never });
      const body = res.body as { errors?: boolean; items?: unknown[] };
      if (body.errors) {
        const failed = (body.items ?? []).find((it) => JSON.stringify(it).includes('"error"'));
        throw new Error(`bulk load into ${index.name} failed: ${JSON.stringify(failed)}`);
      }
    }
  }
  await client.indices.updateAliases({
    body: { actions: corpus.aliases.map((a) => ({ add: { index: a.index, alias: a.alias } })) },
  });
  await client.indices.refresh({ index: corpus.indices.map((i) => i.name).join(',') });
}

export async function runRequest(client: Client, req: ConformanceRequest): Promise<Outcome> {
  try {
    const res =
      req.api === 'count'
        ? await client.count({ index: req.index, body: req.body as never })
        : await client.search({ index: req.index, body: req.body as never });
    return { ok: true, body: res.body as unknown as Record<string, unknown> };
  } catch (e) {
    type ErrorBody = { type?: string; reason?: string; root_cause?: { type?: string; reason?: string }[] };
    const err = e as { meta?: { statusCode?: number; body?: { error?: ErrorBody } }; message?: string };
    if (err.meta?.statusCode === undefined) throw e;
    // The innermost cause is what both backends agree on (OpenSearch wraps shard failures in
    // search_phase_execution_exception; a single-process engine has no shards to wrap).
    const root = err.meta.body?.error?.root_cause?.[0] ?? err.meta.body?.error;
    return {
      ok: false,
      status: err.meta.statusCode,
      type: root?.type ?? 'unknown',
      reason: root?.reason ?? String(err.message),
    };
  }
}
