/**
 * Single-document writes with compare-and-set (`if_seq_no` + `if_primary_term`), which saved searches rely on:
 * one scripted sequence runs through the official client on a fresh one-shard index of each backend, and every
 * step must get the same answer — status, result, `_version`, `_seq_no`, `_primary_term`, `found`, `_source`,
 * and for refusals the error type and reason.
 */
import { Client } from '@opensearch-project/opensearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const url = process.env.OPENSEARCH_URL;
if (!url) console.log('compare-and-set conformance skipped: OPENSEARCH_URL is not set (it compares the embedded engine with a real node)');

// Not `conf-*`: the read conformance suite searches that wildcard on the same node at the same time.
const INDEX = `cas-conformance-${process.pid}`;

type Step = { name: string; run: (c: Client) => Promise<unknown> };
type Outcome = Record<string, unknown>;

const cas = (seqNo: number | string, term: number | string) => ({ if_seq_no: seqNo, if_primary_term: term }) as unknown as Record<string, never>;

/** The sequence: each step's expected answer is whatever the real node says. */
const STEPS: Step[] = [
  { name: 'create a', run: (c) => c.create({ index: INDEX, id: 'a', body: { n: 1 } }) },
  { name: 'get a', run: (c) => c.get({ index: INDEX, id: 'a' }) },
  { name: 'index a with the current seq_no', run: (c) => c.index({ index: INDEX, id: 'a', body: { n: 2 }, ...cas(0, 1) }) },
  { name: 'index a with a stale seq_no', run: (c) => c.index({ index: INDEX, id: 'a', body: { n: 3 }, ...cas(0, 1) }) },
  { name: 'index a with a wrong primary term', run: (c) => c.index({ index: INDEX, id: 'a', body: { n: 3 }, ...cas(1, 2) }) },
  { name: 'get a after the refusals', run: (c) => c.get({ index: INDEX, id: 'a' }) },
  { name: 'index a missing document with a seq_no', run: (c) => c.index({ index: INDEX, id: 'b', body: { n: 1 }, ...cas(0, 1) }) },
  { name: 'get the missing document', run: (c) => c.get({ index: INDEX, id: 'b' }, { ignore: [404] }) },
  { name: 'index b', run: (c) => c.index({ index: INDEX, id: 'b', body: { n: 1 } }) },
  { name: 'only if_seq_no', run: (c) => c.index({ index: INDEX, id: 'a', body: { n: 9 }, if_seq_no: 1 } as never) },
  { name: 'only if_primary_term', run: (c) => c.index({ index: INDEX, id: 'a', body: { n: 9 }, if_primary_term: 1 } as never) },
  { name: 'create with compare-and-set', run: (c) => c.create({ index: INDEX, id: 'c', body: { n: 1 }, ...cas(0, 1) }) },
  { name: 'op_type=create with compare-and-set', run: (c) => c.index({ index: INDEX, id: 'c', body: { n: 1 }, op_type: 'create', ...cas(0, 1) } as never) },
  { name: 'negative if_seq_no', run: (c) => c.index({ index: INDEX, id: 'a', body: { n: 9 }, ...cas(-1, 1) }) },
  { name: 'negative if_primary_term', run: (c) => c.index({ index: INDEX, id: 'a', body: { n: 9 }, ...cas(1, -1) }) },
  { name: 'non-numeric if_seq_no', run: (c) => c.index({ index: INDEX, id: 'a', body: { n: 9 }, ...cas('one', 1) }) },
  { name: 'delete a with a stale seq_no', run: (c) => c.delete({ index: INDEX, id: 'a', ...cas(0, 1) }) },
  { name: 'delete a with the current seq_no', run: (c) => c.delete({ index: INDEX, id: 'a', ...cas(1, 1) }) },
  { name: 'get a after the delete', run: (c) => c.get({ index: INDEX, id: 'a' }, { ignore: [404] }) },
  { name: 'delete a again with a seq_no', run: (c) => c.delete({ index: INDEX, id: 'a', ...cas(1, 1) }) },
  { name: 'create a again after the delete', run: (c) => c.create({ index: INDEX, id: 'a', body: { n: 10 } }) },
  // b was the third successful write (seq_no 2); later seq_nos show refused writes consumed none.
  { name: 'replace b with its seq_no', run: (c) => c.index({ index: INDEX, id: 'b', body: { n: 2 }, ...cas(2, 1) }) },
  { name: 'replace b with its old seq_no', run: (c) => c.index({ index: INDEX, id: 'b', body: { n: 3 }, ...cas(2, 1) }) },
  // The engine makes writes searchable at once; the real node on refresh. Refresh so both answer the same.
  { name: 'refresh', run: (c) => c.indices.refresh({ index: INDEX }).then((r) => ({ statusCode: r.statusCode, body: {} })) },
  { name: 'get b', run: (c) => c.get({ index: INDEX, id: 'b' }) },
  { name: 'search with seq_no_primary_term', run: (c) => c.search({ index: INDEX, body: { query: { match_all: {} }, sort: [{ _id: 'asc' }], seq_no_primary_term: true } as never }) },
];

/** What must agree: the parts of an answer a client acts on. */
function project(res: { statusCode?: number | null; body?: unknown }): Outcome {
  const body = (res.body ?? {}) as Record<string, unknown>;
  const pick = (o: Record<string, unknown>) =>
    Object.fromEntries(['result', '_version', '_seq_no', '_primary_term', 'found', '_source', '_id'].filter((k) => k in o).map((k) => [k, o[k]]));
  const hits = (body.hits as { hits?: Record<string, unknown>[] } | undefined)?.hits;
  return { status: res.statusCode, ...pick(body), ...(hits ? { hits: hits.map(pick) } : {}) };
}

async function outcome(client: Client, step: Step): Promise<Outcome> {
  try {
    return project((await step.run(client)) as { statusCode?: number; body?: unknown });
  } catch (e) {
    const err = e as { meta?: { statusCode?: number; body?: { error?: { type?: string; reason?: string } } } };
    if (err.meta?.statusCode === undefined) throw e;
    return { status: err.meta.statusCode, type: err.meta.body?.error?.type, reason: err.meta.body?.error?.reason };
  }
}

describe.skipIf(!url)('compare-and-set conformance: embedded engine answers like OpenSearch', () => {
  let real: Client;
  let embedded: Client;
  let closeEngine: (() => Promise<void>) | undefined;
  const answers = new Map<string, { real: Outcome; embedded: Outcome }>();

  beforeAll(async () => {
    const { Engine } = await import('../../src/engine/engine.js');
    const { embeddedConnection } = await import('../../src/engine/connection.js');
    const engine = await Engine.open({ dataDir: null });
    closeEngine = () => engine.close();
    real = new Client({ node: url! });
    embedded = new Client({ node: 'http://embedded.local', Connection: embeddedConnection(engine) });
    for (const client of [real, embedded]) {
      await client.indices.delete({ index: INDEX }, { ignore: [404] });
      await client.indices.create({ index: INDEX, body: { settings: { number_of_shards: 1, number_of_replicas: 0 } } as never });
    }
    // In order, on both: every step sees the state the previous ones left.
    for (const step of STEPS) answers.set(step.name, { real: await outcome(real, step), embedded: await outcome(embedded, step) });
  }, 120_000);

  afterAll(async () => {
    await real?.indices.delete({ index: INDEX }, { ignore: [404] });
    await closeEngine?.();
  });

  for (const step of STEPS) {
    it(step.name, () => {
      const { real: expected, embedded: actual } = answers.get(step.name)!;
      expect(actual).toEqual(expected);
    });
  }

  it('the sequence exercises both outcomes: writes that pass the check and 409s that do not', () => {
    const statuses = [...answers.values()].map((a) => a.real.status);
    expect(statuses).toContain(409);
    expect(statuses).toContain(400);
    expect(answers.get('index a with the current seq_no')!.real).toMatchObject({ status: 200, result: 'updated', _version: 2 });
    expect(answers.get('get a after the refusals')!.real).toMatchObject({ _version: 2, _source: { n: 2 } });
    expect(answers.get('replace b with its seq_no')!.real).toMatchObject({ status: 200, result: 'updated' });
    expect(answers.get('replace b with its old seq_no')!.real).toMatchObject({ status: 409, type: 'version_conflict_engine_exception' });
  });
});
