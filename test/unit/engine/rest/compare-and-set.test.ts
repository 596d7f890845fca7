/**
 * Optimistic concurrency control (`if_seq_no` + `if_primary_term`) in the embedded engine: the answers
 * OpenSearch 3.6.0 gives (statuses, error types and reasons were taken from a real node), and that a
 * refused write changes nothing — in memory, in later seq_no values, and on disk.
 */
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@opensearch-project/opensearch';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../../../src/engine/engine.js';
import { embeddedClient, failure } from './embedded-client.js';

let engine: Engine;
let client: Client;

beforeEach(async () => {
  ({ engine, client } = await embeddedClient());
});
afterEach(async () => {
  await engine.close();
});

const raw = (method: string, path: string, body?: string) =>
  engine.handle({ method, path: path.split('?')[0]!, query: new URLSearchParams(path.split('?')[1] ?? ''), ...(body ? { body } : {}) });

type Err = { type: string; reason: string; caused_by?: { type: string; reason: string }; index?: string; shard?: string };
async function rawError(method: string, path: string, body?: string): Promise<{ status: number; error: Err }> {
  const res = await raw(method, path, body);
  return { status: res.status, error: (res.body as { error: Err }).error };
}

const conflict = (id: string, seqNo: number | string, term: number | string, current?: { seqNo: number; term: number }) =>
  `[${id}]: version conflict, required seqNo [${seqNo}], primary term [${term}]. ` +
  (current ? `current document has seqNo [${current.seqNo}] and primary term [${current.term}]` : 'but no document was found');

async function getDoc(index: string, id: string): Promise<Record<string, unknown>> {
  const res = await raw('GET', `/${index}/_doc/${id}`);
  return res.body as Record<string, unknown>;
}

describe('if_seq_no on index', () => {
  it('writes when seq_no and primary term match, and refuses a stale pair with 409 changing nothing', async () => {
    const first = (await client.index({ index: 'cas', id: '1', body: { n: 1 } })).body;
    expect(first).toMatchObject({ _version: 1, _seq_no: 0, _primary_term: 1, result: 'created' });

    const staleSeq = await failure(client.index({ index: 'cas', id: '1', body: { n: 2 }, if_seq_no: 5, if_primary_term: 1 }));
    expect(staleSeq.status).toBe(409);
    expect(staleSeq.body.error).toMatchObject({
      type: 'version_conflict_engine_exception', reason: conflict('1', 5, 1, { seqNo: 0, term: 1 }), index: 'cas', shard: '0',
    });
    expect(staleSeq.body.error.root_cause[0].type).toBe('version_conflict_engine_exception');

    const staleTerm = await failure(client.index({ index: 'cas', id: '1', body: { n: 2 }, if_seq_no: 0, if_primary_term: 2 }));
    expect(staleTerm.status).toBe(409);
    expect(staleTerm.body.error.reason).toBe(conflict('1', 0, 2, { seqNo: 0, term: 1 }));

    expect(await getDoc('cas', '1')).toMatchObject({ _version: 1, _seq_no: 0, _source: { n: 1 } });

    const matched = await client.index({ index: 'cas', id: '1', body: { n: 3 }, if_seq_no: 0, if_primary_term: 1 });
    // The two refusals took no seq_no: the next write is seq_no 1, as on OpenSearch.
    expect(matched.body).toMatchObject({ _version: 2, _seq_no: 1, _primary_term: 1, result: 'updated' });
    expect(matched.statusCode).toBe(200);
    expect(await getDoc('cas', '1')).toMatchObject({ _version: 2, _seq_no: 1, _source: { n: 3 } });

    // The old pair is now stale.
    const again = await failure(client.index({ index: 'cas', id: '1', body: { n: 4 }, if_seq_no: 0, if_primary_term: 1 }));
    expect(again.body.error.reason).toBe(conflict('1', 0, 1, { seqNo: 1, term: 1 }));
  });

  it('refuses a document that does not exist (never creates it) and still auto-creates the index, as OpenSearch does', async () => {
    await client.index({ index: 'cas', id: 'a', body: { n: 1 } });
    const missing = await failure(client.index({ index: 'cas', id: 'b', body: { n: 1 }, if_seq_no: 0, if_primary_term: 1 }));
    expect(missing.status).toBe(409);
    expect(missing.body.error).toMatchObject({ type: 'version_conflict_engine_exception', reason: conflict('b', 0, 1) });
    expect((await raw('GET', '/cas/_doc/b')).status).toBe(404);

    const elsewhere = await failure(client.index({ index: 'cas-new', id: '1', body: { n: 1 }, if_seq_no: 3, if_primary_term: 1 }));
    expect(elsewhere.body.error.reason).toBe(conflict('1', 3, 1));
    expect((await client.indices.exists({ index: 'cas-new' })).body).toBe(true);
    expect((await client.count({ index: 'cas-new' })).body.count).toBe(0);
  });

  it('keeps mapping additions of a refused document out of the mapping', async () => {
    await client.index({ index: 'cas', id: '1', body: { n: 1 } });
    await failure(client.index({ index: 'cas', id: '1', body: { extra: 'x' }, if_seq_no: 9, if_primary_term: 1 }));
    const mapping = (await client.indices.getMapping({ index: 'cas' })).body as Record<string, any>;
    expect(Object.keys(mapping.cas.mappings.properties)).toEqual(['n']);
  });

  it('accepts op_type=index, Java-style numbers, and the "not given" values -2 and 0', async () => {
    await client.index({ index: 'cas', id: '1', body: { n: 1 } });
    const withOpType = await raw('PUT', '/cas/_doc/1?op_type=index&if_seq_no=0&if_primary_term=1', '{"n":2}');
    expect(withOpType.body).toMatchObject({ _seq_no: 1, result: 'updated' });
    const leadingZeros = await raw('PUT', '/cas/_doc/1?if_seq_no=01&if_primary_term=%2B1', '{"n":3}');
    expect(leadingZeros.body).toMatchObject({ _seq_no: 2, _version: 3 });
    const unassigned = await raw('PUT', '/cas/_doc/1?if_seq_no=-2&if_primary_term=0', '{"n":4}');
    expect(unassigned).toMatchObject({ status: 200, body: { _seq_no: 3, _version: 4 } });
    const huge = await rawError('PUT', '/cas/_doc/1?if_seq_no=9223372036854775807&if_primary_term=9223372036854775807', '{"n":5}');
    expect(huge.status).toBe(409);
    expect(huge.error.reason).toBe(conflict('1', '9223372036854775807', '9223372036854775807', { seqNo: 3, term: 1 }));
  });
});

describe('if_seq_no on delete', () => {
  it('deletes only on a match; refusals take no seq_no and leave the document', async () => {
    await client.index({ index: 'cas', id: '9', body: { n: 9 } });
    await client.index({ index: 'cas', id: '10', body: { n: 10 } });
    const stale = await failure(client.delete({ index: 'cas', id: '9', if_seq_no: 1, if_primary_term: 1 }));
    expect(stale.status).toBe(409);
    expect(stale.body.error.reason).toBe(conflict('9', 1, 1, { seqNo: 0, term: 1 }));
    const missing = await failure(client.delete({ index: 'cas', id: '8', if_seq_no: 0, if_primary_term: 1 }));
    expect(missing.status).toBe(409);
    expect(missing.body.error.reason).toBe(conflict('8', 0, 1));
    expect(await getDoc('cas', '9')).toMatchObject({ found: true, _version: 1 });

    const deleted = await client.delete({ index: 'cas', id: '9', if_seq_no: 0, if_primary_term: 1 });
    expect(deleted.body).toMatchObject({ result: 'deleted', _version: 2, _seq_no: 2 });

    const gone = await failure(client.delete({ index: 'cas', id: '9', if_seq_no: 0, if_primary_term: 1 }));
    expect(gone.status).toBe(409);
    expect(gone.body.error.reason).toBe(conflict('9', 0, 1));
    const recreate = await failure(client.index({ index: 'cas', id: '9', body: { n: 1 }, if_seq_no: 2, if_primary_term: 1 }));
    expect(recreate.body.error.reason).toBe(conflict('9', 2, 1));

    const next = await client.index({ index: 'cas', id: '9', body: { n: 1 } });
    expect(next.body).toMatchObject({ result: 'created', _version: 3, _seq_no: 3 });
  });

  it('answers a delete on a missing index 404 once the parameters are valid', async () => {
    const res = await rawError('DELETE', '/nope/_doc/1?if_seq_no=1&if_primary_term=1');
    expect(res.status).toBe(404);
    expect(res.error.type).toBe('index_not_found_exception');
  });
});

describe('request validation', () => {
  const validation = (reason: string) => ({ status: 400, error: { type: 'action_request_validation_exception', reason: `Validation Failed: 1: ${reason};` } });
  const illegal = (reason: string) => ({ status: 400, error: { type: 'illegal_argument_exception', reason } });

  beforeEach(async () => {
    await client.index({ index: 'cas', id: '1', body: { n: 1 } });
  });

  it('requires both parameters together', async () => {
    expect(await rawError('PUT', '/cas/_doc/1?if_seq_no=0', '{"n":2}')).toMatchObject(validation('ifSeqNo is set, but primary term is [0]'));
    expect(await rawError('PUT', '/cas/_doc/1?if_primary_term=1', '{"n":2}')).toMatchObject(validation('ifSeqNo is unassigned, but primary term is [1]'));
    expect(await rawError('PUT', '/cas/_doc/1?if_seq_no=0&if_primary_term=0', '{"n":2}')).toMatchObject(validation('ifSeqNo is set, but primary term is [0]'));
    expect(await rawError('PUT', '/cas/_doc/1?if_seq_no=-2&if_primary_term=3', '{"n":2}')).toMatchObject(validation('ifSeqNo is unassigned, but primary term is [3]'));
    expect(await rawError('DELETE', '/cas/_doc/1?if_seq_no=0')).toMatchObject(validation('ifSeqNo is set, but primary term is [0]'));
    expect(await rawError('DELETE', '/cas/_doc/1?if_primary_term=1')).toMatchObject(validation('ifSeqNo is unassigned, but primary term is [1]'));
  });

  it('refuses compare-and-set on creates: op_type=create, _create and auto ids', async () => {
    const create = validation('create operations do not support compare and set. use index instead');
    expect(await rawError('PUT', '/cas/_doc/1?op_type=create&if_seq_no=0&if_primary_term=1', '{"n":2}')).toMatchObject(create);
    expect(await rawError('PUT', '/cas/_doc/1?op_type=create&if_seq_no=0', '{"n":2}')).toMatchObject(create);
    expect(await rawError('PUT', '/cas/_create/2?if_seq_no=0&if_primary_term=1', '{"n":2}')).toMatchObject(create);
    expect(await rawError('POST', '/cas/_doc?if_primary_term=1', '{"n":2}')).toMatchObject(create);
    const plain = await raw('POST', '/cas/_doc?if_seq_no=-2&if_primary_term=0', '{"n":2}');
    expect(plain.status).toBe(201);
  });

  it('refuses values that are not Java longs, naming the parameter, and negative values', async () => {
    const notLong = await rawError('PUT', '/cas/_doc/1?if_seq_no=abc&if_primary_term=1', '{"n":2}');
    expect(notLong).toMatchObject(illegal('Failed to parse long parameter [if_seq_no] with value [abc]'));
    expect(notLong.error.caused_by).toEqual({ type: 'number_format_exception', reason: 'For input string: "abc"' });
    for (const bad of ['', '1.0', '+', '99999999999999999999', '9223372036854775808']) {
      const res = await rawError('PUT', `/cas/_doc/1?if_seq_no=1&if_primary_term=${encodeURIComponent(bad)}`, '{"n":2}');
      expect(res).toMatchObject(illegal(`Failed to parse long parameter [if_primary_term] with value [${bad}]`));
    }
    expect(await rawError('PUT', '/cas/_doc/1?if_seq_no=-1&if_primary_term=1', '{"n":2}')).toMatchObject(illegal('sequence numbers must be non negative. got [-1].'));
    expect(await rawError('PUT', '/cas/_doc/1?if_seq_no=-3&if_primary_term=1', '{"n":2}')).toMatchObject(illegal('sequence numbers must be non negative. got [-3].'));
    expect(await rawError('PUT', '/cas/_doc/1?if_seq_no=1&if_primary_term=-1', '{"n":2}')).toMatchObject(illegal('primary term must be non negative. got [-1]'));
    expect(await rawError('DELETE', '/cas/_doc/1?if_seq_no=z&if_primary_term=1')).toMatchObject(illegal('Failed to parse long parameter [if_seq_no] with value [z]'));
  });

  it('checks in OpenSearch order: body, refresh, if_seq_no, if_primary_term, op_type, validation, document', async () => {
    expect((await rawError('PUT', '/cas/_doc/1?if_seq_no=x&refresh=bad')).error.reason).toBe('request body is required');
    expect((await rawError('PUT', '/cas/_doc/1?if_seq_no=x&refresh=bad', '{}')).error.reason).toBe('Unknown value for refresh: [bad].');
    expect((await rawError('PUT', '/cas/_doc/1?if_seq_no=-1&if_primary_term=x', '{}')).error.reason).toBe('sequence numbers must be non negative. got [-1].');
    expect((await rawError('PUT', '/cas/_doc/1?if_seq_no=x&if_primary_term=-1', '{}')).error.reason).toContain('[if_seq_no] with value [x]');
    expect((await rawError('PUT', '/cas/_doc/1?if_seq_no=-1&op_type=bogus', '{}')).error.reason).toBe('sequence numbers must be non negative. got [-1].');
    expect((await rawError('PUT', '/cas/_doc/1?if_seq_no=1&op_type=bogus', '{}')).error.reason).toBe("opType must be 'create' or 'index', found: [bogus]");
    expect((await rawError('PUT', '/cas/_doc/1?if_seq_no=1', '{"n":')).error.type).toBe('action_request_validation_exception');
    // A document that does not parse is reported before the conflict.
    expect(await rawError('PUT', '/cas/_doc/1?if_seq_no=7&if_primary_term=1', '{"n":')).toMatchObject({ status: 400, error: { type: 'mapper_parsing_exception' } });
    // None of the refusals above wrote anything.
    expect(await getDoc('cas', '1')).toMatchObject({ _version: 1, _seq_no: 0 });
    expect((await client.index({ index: 'cas', id: '2', body: {} })).body._seq_no).toBe(1);
  });

  it('creates no index when validation fails', async () => {
    await rawError('PUT', '/cas-none/_doc/1?if_seq_no=1', '{"n":1}');
    await rawError('PUT', '/cas-none/_doc/1?if_seq_no=oops&if_primary_term=1', '{"n":1}');
    expect((await client.indices.exists({ index: 'cas-none' })).body).toBe(false);
  });
});

describe('_bulk', () => {
  const bulk = (lines: unknown[]) => raw('POST', '/_bulk', lines.map((l) => JSON.stringify(l)).join('\n') + '\n');

  it('applies if_seq_no per index and delete item, with per-item 409s and no seq_no for refusals', async () => {
    await client.index({ index: 'cas', id: '1', body: { n: 1 } });
    await client.index({ index: 'cas', id: '2', body: { n: 2 } });
    const res = await bulk([
      { index: { _index: 'cas', _id: '1', if_seq_no: 5, if_primary_term: 1 } }, { n: 10 },
      { index: { _index: 'cas', _id: '1', if_seq_no: 0, if_primary_term: 1 } }, { n: 11 },
      { index: { _index: 'cas', _id: '7', if_seq_no: 0, if_primary_term: 1 } }, { n: 7 },
      { delete: { _index: 'cas', _id: '2', if_seq_no: 0, if_primary_term: 1 } },
      { delete: { _index: 'cas', _id: '2', if_seq_no: '1', if_primary_term: '1' } },
      // No _id: OpenSearch does not look the generated id up, so the condition is not enforced.
      { index: { _index: 'cas', if_seq_no: 999, if_primary_term: 7 } }, { n: 0 },
    ]);
    expect(res.status).toBe(200);
    const body = res.body as { errors: boolean; items: Record<string, any>[] };
    expect(body.errors).toBe(true);
    const items = body.items.map((it) => Object.values(it)[0]);
    expect(items[0]).toMatchObject({ status: 409, error: { type: 'version_conflict_engine_exception', reason: conflict('1', 5, 1, { seqNo: 0, term: 1 }) } });
    expect(items[0].error.root_cause).toBeUndefined();
    expect(items[1]).toMatchObject({ status: 200, result: 'updated', _seq_no: 2, _version: 2 });
    expect(items[2]).toMatchObject({ status: 409, error: { reason: conflict('7', 0, 1) } });
    expect(items[3]).toMatchObject({ status: 409, error: { reason: conflict('2', 0, 1, { seqNo: 1, term: 1 }) } });
    expect(items[4]).toMatchObject({ status: 200, result: 'deleted', _seq_no: 3, _version: 2 });
    expect(items[5]).toMatchObject({ status: 201, result: 'created', _seq_no: 4 });
    expect((await raw('GET', '/cas/_doc/7')).status).toBe(404);
  });

  it('coerces metadata numbers as OpenSearch does', async () => {
    await client.index({ index: 'cas', id: '1', body: { n: 1 } });
    const reasons = async (v: unknown) => {
      const res = await bulk([{ index: { _index: 'cas', _id: '1', if_seq_no: v, if_primary_term: 1 } }, { n: 2 }]);
      return (res.body as { items: Record<string, any>[] }).items.map((it) => Object.values(it)[0].error?.reason)[0];
    };
    expect(await reasons(2.9)).toBe(conflict('1', 2, 1, { seqNo: 0, term: 1 }));
    expect(await reasons('1.5')).toBe(conflict('1', 1, 1, { seqNo: 0, term: 1 }));
    expect(await reasons('1e2')).toBe(conflict('1', 100, 1, { seqNo: 0, term: 1 }));
    expect(await reasons('+3')).toBe(conflict('1', 3, 1, { seqNo: 0, term: 1 }));
    expect(await reasons(1e2)).toBe(conflict('1', 100, 1, { seqNo: 0, term: 1 }));
    expect(await reasons('0.7')).toBeUndefined(); // truncates to 0: a match
  });

  it('refuses bad metadata values for the whole request, like OpenSearch', async () => {
    const whole = async (meta: Record<string, unknown>, op = 'index') => {
      const lines: unknown[] = [{ [op]: { _index: 'cas', _id: '1', ...meta } }];
      if (op !== 'delete') lines.push({ n: 1 });
      const res = await bulk(lines);
      return { status: res.status, error: (res.body as { error: Err }).error };
    };
    expect(await whole({ if_seq_no: 'x', if_primary_term: 1 })).toMatchObject({ status: 400, error: { type: 'illegal_argument_exception', reason: 'For input string: "x"' } });
    expect(await whole({ if_seq_no: ' 1', if_primary_term: 1 })).toMatchObject({ error: { reason: 'For input string: " 1"' } });
    expect(await whole({ if_seq_no: '', if_primary_term: 1 })).toMatchObject({ error: { reason: 'For input string: ""' } });
    expect(await whole({ if_seq_no: '9223372036854775808', if_primary_term: 1 })).toMatchObject({ error: { reason: 'Value [9223372036854775808] is out of range for a long' } });
    expect(await whole({ if_seq_no: -1, if_primary_term: 1 })).toMatchObject({ error: { reason: 'sequence numbers must be non negative. got [-1].' } });
    expect(await whole({ if_seq_no: -1.5, if_primary_term: 1 })).toMatchObject({ error: { reason: 'sequence numbers must be non negative. got [-1].' } });
    expect(await whole({ if_seq_no: 1, if_primary_term: -1 })).toMatchObject({ error: { reason: 'primary term must be non negative. got [-1]' } });
    expect(await whole({ if_primary_term: -1, if_seq_no: -5 })).toMatchObject({ error: { reason: 'sequence numbers must be non negative. got [-5].' } });
    expect(await whole({ if_seq_no: -1, if_primary_term: 'y' })).toMatchObject({ error: { reason: 'For input string: "y"' } });
    expect(await whole({ if_seq_no: true })).toMatchObject({ error: { type: 'json_parse_exception' } });
    expect(await whole({ if_seq_no: [1] })).toMatchObject({
      error: { reason: 'Malformed action/metadata line [1], expected a simple value for field [if_seq_no] but found [START_ARRAY]' },
    });
    expect(await whole({ if_seq_no: 'x', bogus: 1 })).toMatchObject({ error: { reason: 'For input string: "x"' } });
    expect(await whole({ if_seq_no: null, if_primary_term: 1 })).toMatchObject({
      error: { type: 'action_request_validation_exception', reason: 'Validation Failed: 1: ifSeqNo is unassigned, but primary term is [1];' },
    });
    expect(await whole({ if_seq_no: 1, if_primary_term: 1 }, 'update')).toMatchObject({ status: 400, error: { type: 'illegal_argument_exception' } });
    expect((await client.indices.exists({ index: 'cas' })).body).toBe(false);
  });

  it('validates every item before running any, numbering the errors like OpenSearch', async () => {
    const res = await bulk([
      { index: { _id: '11', if_seq_no: 1 } }, { n: 6 },
      { delete: { _index: 'cas', if_primary_term: 1 } },
      { create: { _id: '11', if_seq_no: 1 } }, { n: 6 },
      { index: { _index: 'cas', _id: '12' } }, { n: 6 },
    ]);
    expect(res.status).toBe(400);
    expect((res.body as { error: Err }).error).toMatchObject({
      type: 'action_request_validation_exception',
      reason: 'Validation Failed: 1: index is missing;2: ifSeqNo is set, but primary term is [0];3: id is missing;' +
        '4: ifSeqNo is unassigned, but primary term is [1];5: index is missing;' +
        '6: create operations do not support compare and set. use index instead;',
    });
    expect((await client.indices.exists({ index: 'cas' })).body).toBe(false);
  });
});

describe('durability', () => {
  const dirs: string[] = [];
  afterEach(async () => {
    for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
  });

  async function logBytes(dir: string): Promise<number> {
    let total = 0;
    for (const f of await readdir(dir)) if (f.startsWith('wal-')) total += (await stat(join(dir, f))).size;
    return total;
  }

  it('logs nothing for a refused write, and a reopened engine continues the same seq_no sequence', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'engine-cas-'));
    dirs.push(dir);
    const first = await embeddedClient(dir);
    await first.client.index({ index: 'cas', id: '1', body: { n: 1 } });
    await first.client.index({ index: 'cas', id: '2', body: { n: 2 } });
    const before = await logBytes(dir);
    await failure(first.client.index({ index: 'cas', id: '1', body: { n: 9 }, if_seq_no: 1, if_primary_term: 1 }));
    await failure(first.client.delete({ index: 'cas', id: '2', if_seq_no: 0, if_primary_term: 1 }));
    await failure(first.client.delete({ index: 'cas', id: '3', if_seq_no: 0, if_primary_term: 1 }));
    await failure(first.client.index({ index: 'cas', id: '1', body: { n: 9 }, if_seq_no: 0 } as never));
    expect(await logBytes(dir)).toBe(before);
    const ok = await first.client.index({ index: 'cas', id: '1', body: { n: 3 }, if_seq_no: 0, if_primary_term: 1 });
    expect(ok.body._seq_no).toBe(2);
    expect(await logBytes(dir)).toBeGreaterThan(before);
    await first.engine.close();

    const second = await embeddedClient(dir);
    try {
      expect((await second.client.get({ index: 'cas', id: '1' })).body).toMatchObject({ _version: 2, _seq_no: 2, _source: { n: 3 } });
      expect((await second.client.get({ index: 'cas', id: '2' })).body).toMatchObject({ _version: 1, _seq_no: 1 });
      const del = await second.client.delete({ index: 'cas', id: '2', if_seq_no: 1, if_primary_term: 1 });
      expect(del.body).toMatchObject({ result: 'deleted', _seq_no: 3, _version: 2 });
    } finally {
      await second.engine.close();
    }
  });

  // KNOWN BUG in store/snapshot.ts (not this suite's files): the snapshot close() writes keeps documents
  // but not the index's next seq_no, so once the newest writes were deletes a reopened engine reuses
  // seq_no values, and a stale if_seq_no could match a different version. Drop `.fails` once fixed.
  it('continues the seq_no sequence after a reopen even when the newest writes were deletes', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'engine-cas-'));
    dirs.push(dir);
    const first = await embeddedClient(dir);
    await first.client.index({ index: 'cas', id: '1', body: { n: 1 } });
    await first.client.delete({ index: 'cas', id: '1' });
    await first.engine.close();
    const second = await embeddedClient(dir);
    try {
      // OpenSearch: seq 0 index, seq 1 delete, so the next write is seq 2.
      expect((await second.client.index({ index: 'cas', id: '1', body: { n: 2 } })).body).toMatchObject({ _seq_no: 2 });
    } finally {
      await second.engine.close();
    }
  });
});
