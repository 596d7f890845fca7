/**
 * Sort mode avg/sum/median on a long/integer/short/byte/date field holding a multi-valued document and
 * documents without a value: OpenSearch 3.6.0 may fail the shard with a 500 unsupported_operation_exception
 * (Lucene's sort skipping advances OpenSearch's own doc values, whose advance() throws), depending on its
 * segments, the query's scorer and the hit threshold. The engine refuses the superset of those conditions
 * (src/engine/search/sorter.ts mayFailSortSkipping) and answers outside it. Every expectation below is the
 * real node's answer to the same documents and request (one bulk, one segment, one shard).
 */
import { describe, expect, it } from 'vitest';
import { failure, withEmbedded } from '../rest/embedded-client.js';

const N = null;
const TWELVE = [N, N, N, N, N, N, N, N, N, N, [1, 10], 5];
const REFUSAL = /sort mode \[avg\], \[sum\] or \[median\] on a multi-valued numeric or date field .*is not supported by the embedded engine/;
const LAST = -9223372036854775808;

type Hits = { hits: { hits: { _id: string; sort: unknown[] }[] } };

async function check(type: string, values: unknown[], body: Record<string, unknown>, expected: 'refused' | [string, unknown][]): Promise<void> {
  await withEmbedded(async (client) => {
    await client.indices.create({ index: 'sk', body: { mappings: { properties: { v: { type: type as 'long' } } } } });
    await client.bulk({ refresh: true, body: values.flatMap((v, i) => [{ index: { _index: 'sk', _id: `d${i}` } }, v === null ? {} : { v }]) });
    if (expected === 'refused') {
      const f = await failure(client.search({ index: 'sk', body }));
      expect(f.status).toBe(400);
      expect(f.body.error.reason).toMatch(REFUSAL);
      return;
    }
    const r = (await client.search({ index: 'sk', body })).body as Hits;
    expect(r.hits.hits.map((h) => [h._id, h.sort[0]])).toEqual(expected);
  });
}

const desc = (mode: string, missing?: string) => ({ v: { order: 'desc', mode, ...(missing ? { missing } : {}) } });

describe('avg/sum/median sorts OpenSearch 3.6.0 fails with unsupported_operation_exception: refused', () => {
  it('12 documents (10 without a value, one with two), size 10: avg desc missing last fails there', async () => {
    await check('long', TWELVE, { sort: [desc('avg', '_last')] }, 'refused');
  });
  it('sum ascending on a date field, median with from 1 size 9 (from counts in the queue), size 3 over 5 documents', async () => {
    await check('date', TWELVE, { sort: [{ v: { order: 'asc', mode: 'sum' } }] }, 'refused');
    await check('long', TWELVE, { from: 1, size: 9, sort: [desc('median')] }, 'refused');
    await check('integer', [N, N, N, [1, 10], 5], { size: 3, sort: [desc('avg', '_last')] }, 'refused');
  });
});

describe('the same documents where OpenSearch 3.6.0 answers: answered', () => {
  const tail = Array.from({ length: 8 }, (_, i) => [`d${i}`, LAST] as [string, unknown]);
  it('11 documents (no document after the one passing the hit threshold)', async () => {
    await check('long', TWELVE.slice(0, 11), { sort: [desc('avg', '_last')] }, [['d10', 6], ...tail, ['d8', LAST]]);
  });
  it('from 2 size 9: the queue of 11 fills on the last document', async () => {
    await check('long', TWELVE, { from: 2, size: 9, sort: [desc('avg', '_last')] }, [...tail, ['d8', LAST]]);
  });
  it('mode min (Lucene sorts it itself), a double field, all documents single-valued', async () => {
    await check('long', TWELVE, { sort: [desc('min', '_last')] }, [['d11', 5], ['d10', 1], ...tail]);
    await check('double', TWELVE, { sort: [desc('avg', '_last')] }, [['d10', 5.5], ['d11', 5], ...tail.map(([id]) => [id, '-Infinity'] as [string, unknown])]);
    await check('long', [...TWELVE.slice(0, 10), 1, 5], { sort: [desc('avg', '_last')] }, [['d11', 5], ['d10', 1], ...tail]);
  });
  it('a second sort clause (missing last is then competitive while the queue holds a missing document), a post_filter (hit threshold 10,000)', async () => {
    await check('long', TWELVE, { sort: [desc('avg', '_last'), { _id: 'asc' }] }, [['d10', 6], ['d11', 5], ...tail]);
    await check('long', TWELVE, { post_filter: { match_all: {} }, sort: [desc('avg', '_last')] }, [['d10', 6], ['d11', 5], ...tail]);
  });
  it('size 3 over 4 documents', async () => {
    await check('integer', [N, N, N, [1, 10]], { size: 3, sort: [desc('avg', '_last')] }, [['d3', 6], ['d0', -2147483648], ['d1', -2147483648]]);
  });
});
