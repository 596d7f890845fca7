/**
 * Write conformance: one scripted sequence of single-document writes with optimistic concurrency control
 * (`if_seq_no` + `if_primary_term`) runs through the official client on a fresh one-shard index of a
 * real OpenSearch node (OPENSEARCH_URL) and of the embedded engine, and every step must give the same
 * answer: status, result, `_version`, `_seq_no`, `_primary_term`, `_shards`, `found`, `_source`, and for
 * refusals the error type, reason, `caused_by`, `index` and `shard`. The engine keeps its data in a
 * temporary directory, and at the end it is reopened from disk and read again, so the write-ahead log is
 * part of what is compared. One `it` per step (they run in order), so a failure names the step.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@opensearch-project/opensearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const url = process.env.OPENSEARCH_URL;
if (!url) {
  console.log('write conformance suite skipped: OPENSEARCH_URL is not set (it compares the embedded engine with a real OpenSearch node)');
}

// Not `conf-*`: the read conformance suite searches that wildcard on the same node, possibly at the same time.
const INDEX = `cas-writes-${process.pid}`;

/** What is compared of one answer. Absent fields stay absent, so a field only one side sends fails. */
type Outcome = Record<string, unknown>;

const COMPARED = ['result', '_version', '_seq_no', '_primary_term', '_shards', 'found', '_source', '_id', '_index'] as const;
// Error fields compared as well; `index_uuid` is left out (each index gets its own random uuid).
const COMPARED_ERROR = ['type', 'reason', 'caused_by', 'index', 'shard'] as const;

function pick(obj: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((k) => obj[k] !== undefined).map((k) => [k, obj[k]]));
}

function projectBody(body: Record<string, unknown>): Outcome {
  const out: Outcome = pick(body, COMPARED);
  if (body.error && typeof body.error === 'object') out.error = pick(body.error as Record<string, unknown>, COMPARED_ERROR);
  if (Array.isArray(body.items)) {
    // _bulk: `took` differs; each item is compared like a single answer (plus its status).
    out.errors = body.errors;
    out.items = (body.items as Record<string, Record<string, unknown>>[]).map((item) =>
      Object.fromEntries(Object.entries(item).map(([op, r]) => [op, { status: r.status, ...projectBody(r) }])));
  }
  return out;
}

async function outcome(call: Promise<{ statusCode: number | null; body: unknown }>): Promise<Outcome> {
  try {
    const res = await call;
    return { status: res.statusCode, ...projectBody(res.body as Record<string, unknown>) };
  } catch (e) {
    const err = e as { meta?: { statusCode?: number; body?: unknown } };
    if (err.meta?.statusCode === undefined) throw e;
    const body = (typeof err.meta.body === 'object' && err.meta.body !== null ? err.meta.body : {}) as Record<string, unknown>;
    return { status: err.meta.statusCode, ...projectBody(body) };
  }
}

interface Step {
  readonly name: string;
  /** The status the real node must give: checks the script itself, so a step cannot silently test nothing. */
  readonly status: number;
  readonly run: (c: Client) => Promise<{ statusCode: number | null; body: unknown }>;
}

const doc = (id: string, body: Record<string, unknown>, params: Record<string, unknown> = {}) => (c: Client) =>
  c.index({ index: INDEX, id, body, ...params } as never);
const del = (id: string, params: Record<string, unknown> = {}) => (c: Client) =>
  c.delete({ index: INDEX, id, ...params } as never);
const get = (id: string) => (c: Client) => c.get({ index: INDEX, id });
const cas = (seqNo: unknown, term?: unknown) => ({ if_seq_no: seqNo, ...(term === undefined ? {} : { if_primary_term: term }) });

// Comments give the seq_no each successful write takes; refused writes take none on OpenSearch.
const STEPS: readonly Step[] = [
  { name: 'index a new document (seq 0)', status: 201, run: doc('1', { n: 1, tag: 'a' }) },
  { name: 'get it', status: 200, run: get('1') },
  { name: 'stale if_seq_no is refused', status: 409, run: doc('1', { n: 2 }, cas(5, 1)) },
  { name: 'stale if_primary_term is refused', status: 409, run: doc('1', { n: 2 }, cas(0, 2)) },
  { name: 'get: the refusals changed nothing', status: 200, run: get('1') },
  { name: 'matching if_seq_no writes (seq 1)', status: 200, run: doc('1', { n: 3 }, cas(0, 1)) },
  { name: 'get after the conditional write', status: 200, run: get('1') },
  { name: 'the old seq_no is stale now', status: 409, run: doc('1', { n: 4 }, cas(0, 1)) },
  { name: 'if_seq_no on a missing document is refused', status: 409, run: doc('2', { n: 2 }, cas(0, 1)) },
  { name: 'get: the missing document was not created', status: 404, run: get('2') },
  { name: 'index with op_type=index (seq 2)', status: 201, run: doc('2', { n: 2 }, { op_type: 'index' }) },
  { name: 'delete with a stale if_seq_no is refused', status: 409, run: del('2', cas(0, 1)) },
  { name: 'get: still there', status: 200, run: get('2') },
  { name: 'delete with the matching if_seq_no (seq 3)', status: 200, run: del('2', cas(2, 1)) },
  { name: 'get after delete', status: 404, run: get('2') },
  { name: 'delete again with if_seq_no: no document', status: 409, run: del('2', cas(2, 1)) },
  { name: 're-create with if_seq_no is refused', status: 409, run: doc('2', { n: 5 }, cas(3, 1)) },
  { name: 're-create after delete with op_type=create (seq 4)', status: 201, run: doc('2', { n: 6 }, { op_type: 'create' }) },
  { name: 'get the re-created document', status: 200, run: get('2') },
  { name: 'matching if_seq_no with op_type=index (seq 5)', status: 200, run: doc('1', { n: 7 }, { ...cas(1, 1), op_type: 'index' }) },
  { name: 'if_seq_no without if_primary_term', status: 400, run: doc('1', { n: 8 }, cas(5)) },
  { name: 'if_primary_term without if_seq_no', status: 400, run: doc('1', { n: 8 }, { if_primary_term: 1 }) },
  { name: 'delete: if_seq_no without if_primary_term', status: 400, run: del('1', cas(5)) },
  { name: 'op_type=create with if_seq_no', status: 400, run: doc('3', { n: 8 }, { ...cas(0, 1), op_type: 'create' }) },
  { name: '_create with if_seq_no', status: 400, run: (c) => c.create({ index: INDEX, id: '3', body: { n: 8 }, ...cas(0, 1) } as never) },
  { name: 'auto id with if_seq_no', status: 400, run: (c) => c.index({ index: INDEX, body: { n: 8 }, ...cas(0, 1) } as never) },
  { name: 'non-numeric if_seq_no', status: 400, run: doc('1', { n: 8 }, cas('abc', 1)) },
  { name: 'non-numeric if_primary_term on delete', status: 400, run: del('1', cas(5, 'x')) },
  { name: 'if_seq_no -1', status: 400, run: doc('1', { n: 8 }, cas(-1, 1)) },
  { name: 'if_primary_term -1', status: 400, run: doc('1', { n: 8 }, cas(5, -1)) },
  { name: 'if_seq_no -2 with primary term 0 means no condition (seq 6)', status: 200, run: doc('1', { n: 9 }, cas(-2, 0)) },
  { name: 'get: the 400s changed nothing', status: 200, run: get('1') },
  { name: 'delete of a missing document takes a seq_no (seq 7)', status: 404, run: del('9') },
  { name: 'matching if_seq_no after that (seq 8)', status: 200, run: doc('1', { n: 10 }, cas(6, 1)) },
  {
    name: '_bulk with per-item conditions (seqs 9, 10)', status: 200,
    run: (c) => c.bulk({
      body: [
        { index: { _index: INDEX, _id: '1', if_seq_no: 6, if_primary_term: 1 } }, { n: 11 },
        { index: { _index: INDEX, _id: '1', if_seq_no: 8, if_primary_term: 1 } }, { n: 12 },
        { index: { _index: INDEX, _id: '4', if_seq_no: 0, if_primary_term: 1 } }, { n: 4 },
        { delete: { _index: INDEX, _id: '2', if_seq_no: 0, if_primary_term: 1 } },
        { delete: { _index: INDEX, _id: '2', if_seq_no: '4', if_primary_term: '1' } },
      ] as never,
    }),
  },
  {
    name: '_bulk validation refuses the whole request', status: 400,
    run: (c) => c.bulk({
      body: [
        { index: { _index: INDEX, _id: '1', if_seq_no: 9 } }, { n: 13 },
        { create: { _index: INDEX, _id: '5', if_seq_no: 0, if_primary_term: 1 } }, { n: 5 },
        { delete: { _index: INDEX, if_primary_term: 1 } },
      ] as never,
    }),
  },
  { name: 'get after the bulks', status: 200, run: get('1') },
  { name: 'get: the bulk delete happened', status: 404, run: get('2') },
  { name: 'delete with the matching if_seq_no (seq 11)', status: 200, run: del('1', cas(9, 1)) },
  { name: 'get after the final delete', status: 404, run: get('1') },
];

describe.skipIf(!url)('write conformance: compare-and-set like OpenSearch', () => {
  let real: Client;
  let embedded: Client;
  let reopen: () => Promise<Client>;
  let closeEngine: (() => Promise<void>) | undefined;
  let dataDir: string | undefined;

  beforeAll(async () => {
    // Imported here so the skipped suite does not need the engine to load.
    const { Engine } = await import('../../src/engine/engine.js');
    const { embeddedConnection } = await import('../../src/engine/connection.js');
    dataDir = await mkdtemp(join(tmpdir(), 'conf-cas-'));
    const open = async (): Promise<Client> => {
      const engine = await Engine.open({ dataDir: dataDir! });
      closeEngine = () => engine.close();
      return new Client({ node: 'http://embedded.local', Connection: embeddedConnection(engine), maxRetries: 0 });
    };
    reopen = async () => {
      await closeEngine?.();
      closeEngine = undefined;
      return open();
    };
    real = new Client({ node: url!, maxRetries: 0 });
    embedded = await open();
    await real.indices.delete({ index: INDEX, ignore_unavailable: true });
    // Default replicas (1) on one node: both answer `_shards: { total: 2, successful: 1 }`.
    for (const c of [real, embedded]) await c.indices.create({ index: INDEX, body: { settings: { number_of_shards: 1 } } });
  }, 60_000);

  afterAll(async () => {
    if (real) await real.indices.delete({ index: INDEX, ignore_unavailable: true });
    await closeEngine?.();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('step names are unique', () => {
    expect(new Set(STEPS.map((s) => s.name)).size).toBe(STEPS.length);
  });

  for (const step of STEPS) {
    it(step.name, async () => {
      const expected = await outcome(step.run(real));
      const actual = await outcome(step.run(embedded));
      expect(expected.status, `the real node answered ${JSON.stringify(expected)}`).toBe(step.status);
      expect(actual).toEqual(expected);
    });
  }

  it('the engine reopened from its data directory holds what the real node holds', async () => {
    embedded = await reopen();
    for (const id of ['1', '2', '3', '4']) {
      expect(await outcome(get(id)(embedded)), `document ${id}`).toEqual(await outcome(get(id)(real)));
    }
  });

  // KNOWN BUG, outside this suite's files: a snapshot (written by close()) keeps the stored documents but
  // not the index's next seq_no, so after a reopen whose newest writes were deletes the engine hands out
  // seq_no values again (here 0 instead of 12) — and a client holding an old if_seq_no could then match
  // a different document version. Replaying the log alone gets it right. Fix: store the next seq_no per
  // index in the snapshot header (store/snapshot.ts) and restore it; then drop `.fails` here.
  it('after a reopen the next write continues the same seq_no sequence on both', async () => {
    expect(await outcome(doc('5', { n: 5 })(embedded))).toEqual(await outcome(doc('5', { n: 5 })(real)));
  });
});
