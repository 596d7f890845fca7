import type { Client } from '@opensearch-project/opensearch';
import { errors } from '@opensearch-project/opensearch';
import { describe, expect, it } from 'vitest';
import { batchable, batchedSearches, MAX_BATCH } from '../../../src/backend/search-batch.js';
import { BackendRequestError, BackendUnavailableError, type SearchPort, type SearchResponseRaw } from '../../../src/backend/search-port.js';

/** An answer that names the body it answers, so a mix-up between callers shows. */
const answerFor = (body: Record<string, unknown>): SearchResponseRaw => ({
  hits: { total: { value: 1, relation: 'eq' }, hits: [{ _index: 'i', _id: JSON.stringify(body), _score: 1 }] },
});

interface Recorded {
  alone: { indices: readonly string[]; body: Record<string, unknown> }[];
  multi: Record<string, unknown>[][];
}

function fakes(msearch: (lines: Record<string, unknown>[]) => Promise<{ body: unknown }>, othersInProgress?: () => boolean): { port: SearchPort; rec: Recorded } {
  const rec: Recorded = { alone: [], multi: [] };
  const base: SearchPort = {
    search: async (indices, body) => {
      rec.alone.push({ indices, body });
      if (body.fail) throw new BackendRequestError(400, 'parsing_exception', 'alone');
      return answerFor(body);
    },
    aliases: async () => ({}),
    mappings: async () => ({}),
  };
  const client = {
    msearch: (params: { body: Record<string, unknown>[] }) => {
      rec.multi.push(params.body);
      return msearch(params.body);
    },
  } as unknown as Client;
  return { port: batchedSearches(base, client, othersInProgress ? { othersInProgress } : {}), rec };
}

/** Answers every item of an _msearch by position, as OpenSearch does. */
const echo = async (lines: Record<string, unknown>[]) => {
  const responses = [];
  for (let i = 1; i < lines.length; i += 2) responses.push({ ...answerFor(lines[i]!), status: 200 });
  return { body: { took: 1, responses } };
};

describe('searches batched into _msearch', () => {
  it('sends a lone search as a plain _search', async () => {
    const { port, rec } = fakes(echo);
    const r = await port.search(['a'], { size: 10, q: 1 });
    expect(r).toEqual(answerFor({ size: 10, q: 1 }));
    expect(rec.alone).toHaveLength(1);
    expect(rec.multi).toHaveLength(0);
  });

  it('sends the search of the only request in progress at once, without waiting for the end of the turn', async () => {
    let others = false;
    const { port, rec } = fakes(echo, () => others);
    const first = port.search(['a'], { n: 1 });
    // Synchronously: nothing else could join a batch, so no setImmediate between the caller and the node.
    expect(rec.alone).toEqual([{ indices: ['a'], body: { n: 1 } }]);
    // While that exchange is in flight, another search waits for the turn's end (others may join it).
    const second = port.search(['a'], { n: 2 });
    expect(rec.alone).toHaveLength(1);
    expect(await Promise.all([first, second])).toEqual([answerFor({ n: 1 }), answerFor({ n: 2 })]);
    expect(rec.alone.map((a) => a.body)).toEqual([{ n: 1 }, { n: 2 }]);
    // With other requests in progress, even an idle port waits for the turn and batches.
    others = true;
    const both = Promise.all([port.search(['a'], { n: 3 }), port.search(['a'], { n: 4 })]);
    expect(rec.alone).toHaveLength(2);
    expect(await both).toEqual([answerFor({ n: 3 }), answerFor({ n: 4 })]);
    expect(rec.multi.map((m) => m.filter((_, i) => i % 2 === 1))).toEqual([[{ n: 3 }, { n: 4 }]]);
  });

  it('sends searches started in the same turn as one _msearch, each caller getting the answer to its own body', async () => {
    const { port, rec } = fakes(echo);
    const bodies = Array.from({ length: 5 }, (_, i) => ({ size: 10, query: { term: { owner: `user-${i}` } } }));
    const answers = await Promise.all(bodies.map((b, i) => port.search([`index-${i}`, 'other'], b)));
    expect(answers).toEqual(bodies.map(answerFor));
    expect(rec.alone).toHaveLength(0);
    expect(rec.multi).toHaveLength(1);
    // Header then body, per search, in order; the header names exactly that search's indices.
    expect(rec.multi[0]).toEqual(bodies.flatMap((b, i) => [{ index: `index-${i},other` }, b]));
  });

  it('gives an item its own error and the others their answers', async () => {
    const { port } = fakes(async (lines) => ({
      body: {
        responses: [
          { ...answerFor(lines[1]!), status: 200 },
          { error: { type: 'index_not_found_exception', reason: 'no such index [gone]' }, status: 404 },
          { ...answerFor(lines[5]!), status: 200 },
        ],
      },
    }));
    const results = await Promise.allSettled([port.search(['a'], { n: 1 }), port.search(['gone'], { n: 2 }), port.search(['c'], { n: 3 })]);
    expect(results[0]).toEqual({ status: 'fulfilled', value: answerFor({ n: 1 }) });
    expect(results[2]).toEqual({ status: 'fulfilled', value: answerFor({ n: 3 }) });
    expect(results[1]!.status).toBe('rejected');
    const err = (results[1] as PromiseRejectedResult).reason;
    expect(err).toBeInstanceOf(BackendRequestError);
    expect(err).toMatchObject({ status: 404, type: 'index_not_found_exception', detail: 'no such index [gone]' });
  });

  it('sends each search alone when the _msearch is refused as a whole, so each gets its own answer', async () => {
    const refused = new errors.ResponseError({ body: { error: { type: 'illegal_argument_exception', reason: 'bad' }, status: 400 }, statusCode: 400, headers: {}, warnings: null, meta: {} as never });
    const { port, rec } = fakes(async () => {
      throw refused;
    });
    const results = await Promise.allSettled([port.search(['a'], { n: 1 }), port.search(['b'], { n: 2, fail: true })]);
    expect(rec.multi).toHaveLength(1);
    expect(rec.alone.map((a) => a.body)).toEqual([{ n: 1 }, { n: 2, fail: true }]);
    expect(results[0]).toEqual({ status: 'fulfilled', value: answerFor({ n: 1 }) });
    expect((results[1] as PromiseRejectedResult).reason).toMatchObject({ status: 400, detail: 'alone' });
  });

  it('fails every search of the batch as unavailable when the node cannot be reached', async () => {
    const { port, rec } = fakes(async () => {
      throw new errors.ConnectionError('connect ECONNREFUSED');
    });
    const results = await Promise.allSettled([port.search(['a'], { n: 1 }), port.search(['b'], { n: 2 })]);
    for (const r of results) expect((r as PromiseRejectedResult).reason).toBeInstanceOf(BackendUnavailableError);
    // Not resent one by one: an unreachable node stays unreachable, and the client has retried already.
    expect(rec.alone).toHaveLength(0);
  });

  it('refuses to hand out answers when the count does not match the searches', async () => {
    const { port } = fakes(async (lines) => ({ body: { responses: [{ ...answerFor(lines[1]!), status: 200 }] } }));
    const results = await Promise.allSettled([port.search(['a'], { n: 1 }), port.search(['b'], { n: 2 })]);
    for (const r of results) expect((r as PromiseRejectedResult).reason).toBeInstanceOf(BackendUnavailableError);
  });

  it('sends aggregations and large pages alone, beside a batch of the others', async () => {
    const { port, rec } = fakes(echo);
    const heavy = [{ size: 0, aggs: { a: { terms: { field: 'x' } } } }, { size: 500 }, { from: 1000, size: 10 }];
    const light = [{ size: 10, n: 1 }, { size: 100, n: 2 }];
    const answers = await Promise.all([...heavy, ...light].map((b) => port.search(['i'], b)));
    expect(answers).toEqual([...heavy, ...light].map(answerFor));
    expect(rec.alone.map((a) => a.body)).toEqual(heavy);
    expect(rec.multi).toHaveLength(1);
    expect(rec.multi[0]!.filter((_, i) => i % 2 === 1)).toEqual(light);
    expect(batchable({ size: 10 })).toBe(true);
    expect(batchable({ size: 10, aggregations: {} })).toBe(false);
  });

  it(`splits a crowded turn into _msearch requests of at most ${MAX_BATCH}`, async () => {
    const { port, rec } = fakes(echo);
    const bodies = Array.from({ length: MAX_BATCH * 2 + 3 }, (_, n) => ({ n }));
    expect(await Promise.all(bodies.map((b) => port.search(['i'], b)))).toEqual(bodies.map(answerFor));
    expect(rec.multi.map((m) => m.length / 2)).toEqual([MAX_BATCH, MAX_BATCH, 3]);
  });

  it('batches again on the next turn, and a search from a later turn never joins an earlier batch', async () => {
    const { port, rec } = fakes(echo);
    await Promise.all([port.search(['i'], { n: 1 }), port.search(['i'], { n: 2 })]);
    await Promise.all([port.search(['i'], { n: 3 }), port.search(['i'], { n: 4 })]);
    expect(rec.multi.map((m) => m.filter((_, i) => i % 2 === 1))).toEqual([[{ n: 1 }, { n: 2 }], [{ n: 3 }, { n: 4 }]]);
  });
});
