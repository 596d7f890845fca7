/**
 * Hostile requests (issue 10 item 1): no single request may crash, hang or poison the engine. Each case
 * sends the request through `Engine.handle` (as the gateway does), checks the answer is an
 * OpenSearch-shaped error or a correct answer within a time bound, and then checks that the engine still
 * answers a normal search correctly, for the same caller and everyone else.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { Engine, type EngineResponse } from '../../../../src/engine/engine.js';
import { SearchIndex } from '../../../../src/engine/index/search-index.js';

let engine: Engine;

async function call(method: string, path: string, body?: unknown): Promise<EngineResponse> {
  return engine.handle({ method, path, query: new URLSearchParams(), body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
}

const search = (body: unknown): Promise<EngineResponse> => call('POST', '/hostile/_search', body);

beforeEach(async () => {
  engine = await Engine.open({ dataDir: null });
  await call('PUT', '/hostile', { mappings: { properties: { t: { type: 'text' }, k: { type: 'keyword' }, n: { type: 'integer' } } } });
  await call('PUT', '/hostile/_doc/1', { t: 'hello world', k: 'a'.repeat(5000), n: 1 });
  await call('PUT', '/hostile/_doc/2', { t: 'goodbye world', k: 'b', n: 2 });
});

/** The healthy-engine check every test ends with: a normal search gives its exact answer. */
async function stillAnswers(): Promise<void> {
  const r = await search({ query: { match: { t: 'hello' } } });
  expect(r.status).toBe(200);
  const hits = (r.body as { hits: { total: { value: number }; hits: { _id: string }[] } }).hits;
  expect(hits.total.value).toBe(1);
  expect(hits.hits.map((h) => h._id)).toEqual(['1']);
  const w = await call('PUT', '/hostile/_doc/3', { t: 'hello again' });
  expect(w.status).toBe(201);
}

function errorOf(r: EngineResponse): { type: string; reason: string; root_cause: { type: string; reason: string }[] } {
  return (r.body as { error: { type: string; reason: string; root_cause: { type: string; reason: string }[] } }).error;
}

async function timed<T>(f: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const t0 = performance.now();
  const value = await f();
  return { value, ms: performance.now() - t0 };
}

describe('simple_query_string nesting', () => {
  it('answers a deeply nested query whose groups hold one clause each (they collapse, as in OpenSearch)', async () => {
    const r = await search({ query: { simple_query_string: { query: `${'('.repeat(10_000)}hello${')'.repeat(10_000)}`, fields: ['t'] } } });
    expect(r.status).toBe(200);
    expect((r.body as { hits: { hits: { _id: string }[] } }).hits.hits.map((h) => h._id)).toEqual(['1']);
    await stillAnswers();
  });

  it('answers moderate real nesting correctly', async () => {
    const q = `${'(hello '.repeat(100)}world${')'.repeat(100)}`;
    const r = await search({ query: { simple_query_string: { query: q, fields: ['t'] } } });
    expect(r.status).toBe(200);
    expect((r.body as { hits: { total: { value: number } } }).hits.total.value).toBe(2);
  });

  for (const n of [3_000, 10_000, 100_000]) {
    it(`refuses ${n} nested groups with a 400 shard failure, fast, and stays healthy`, async () => {
      const q = `${'(hello '.repeat(n)}world${')'.repeat(n)}`;
      const { value: r, ms } = await timed(() => search({ query: { simple_query_string: { query: q, fields: ['t'] } } }));
      expect(r.status).toBe(400);
      const err = errorOf(r);
      expect(err.type).toBe('search_phase_execution_exception');
      expect(err.root_cause[0]!.type).toBe('query_shard_exception');
      expect(err.root_cause[0]!.reason).toMatch(/nests operators more than \[256\] levels/);
      expect(ms).toBeLessThan(2_000);
      await stillAnswers();
    });
  }

  it('parses unbalanced parentheses in linear time', async () => {
    const q = '('.repeat(200_000) + 'hello' + ')'.repeat(10);
    const { value: r, ms } = await timed(() => search({ query: { simple_query_string: { query: q, fields: ['t'] } } }));
    expect(r.status).toBe(200);
    expect((r.body as { hits: { hits: { _id: string }[] } }).hits.hits.map((h) => h._id)).toEqual(['1']);
    expect(ms).toBeLessThan(2_000);
  });
});

describe('a bug in one search fails that search only', () => {
  it('answers 500 for the request and keeps serving everyone (no ENGINE_STORE_FAILED)', async () => {
    // Stand-in for an unknown bug: the index throws a plain TypeError while one search runs.
    const spy = vi.spyOn(SearchIndex.prototype, 'liveMask').mockImplementationOnce(() => { throw new TypeError('simulated bug'); });
    const bad = await search({ query: { match_all: {} } });
    spy.mockRestore();
    expect(bad.status).toBe(500);
    expect(errorOf(bad)).toMatchObject({ type: 'exception', reason: 'simulated bug' });
    await stillAnswers();
    const health = await call('GET', '/_cluster/health');
    expect(health.status).toBe(200);
  });

  it('a stack overflow inside a search fails only that search', async () => {
    const spy = vi.spyOn(SearchIndex.prototype, 'liveMask').mockImplementationOnce(() => {
      const f = (n: number): number => f(n + 1) + 1;
      return f(0) as never;
    });
    const bad = await search({ query: { match_all: {} } });
    spy.mockRestore();
    expect(bad.status).toBe(500);
    await stillAnswers();
  });
});

/** `n` levels of JSON built as text (JSON.stringify itself recurses). */
function nestedBool(n: number): string {
  return `{"query":${'{"bool":{"must":['.repeat(n)}{"term":{"k":"b"}}${']}}'.repeat(n)}}`;
}

describe('JSON nesting', () => {
  it('refuses a body nested deeper than 1,000 like OpenSearch (500 stream_constraints_exception) and stays healthy', async () => {
    const r = await search(nestedBool(2_000));
    expect(r.status).toBe(500);
    expect(errorOf(r).type).toBe('stream_constraints_exception');
    expect(errorOf(r).reason).toMatch(/nesting depth \(1001\) exceeds the maximum allowed \(1000/);
    await stillAnswers();
  });

  it('answers bool nesting within the limit', async () => {
    let q: unknown = { term: { k: 'b' } };
    for (let i = 0; i < 300; i++) q = { bool: { must: [q] } };
    const r = await search({ query: q });
    expect(r.status).toBe(200);
    expect((r.body as { hits: { hits: { _id: string }[] } }).hits.hits.map((h) => h._id)).toEqual(['2']);
  });

  it('refuses 100,000 nested aggregations without overflowing, and stays healthy', async () => {
    const n = 100_000;
    const r = await search(`{"size":0,"aggs":${'{"x":{"terms":{"field":"k"},"aggs":'.repeat(n)}{"y":{"terms":{"field":"k"}}}${'}}'.repeat(n)}}`);
    expect(r.status).toBe(500);
    expect(errorOf(r).type).toBe('stream_constraints_exception');
    await stillAnswers();
  });

  it('refuses deeply nested _msearch lines too', async () => {
    const deep = '['.repeat(5_000) + ']'.repeat(5_000);
    const r = await call('POST', '/_msearch', `{}\n{"query":{"terms":{"k":${deep}}}}\n`);
    expect(r.status).toBe(500);
    await stillAnswers();
  });
});

describe('OpenSearch limits (checked against 3.6.0)', () => {
  it('refuses a bool with more than 1,024 clauses (maxClauseCount) and answers 1,024', async () => {
    const clauses = (n: number): unknown[] => Array.from({ length: n }, (_, i) => ({ term: { k: `v${i}` } }));
    const ok = await search({ query: { bool: { should: clauses(1024) } } });
    expect(ok.status).toBe(200);
    const r = await search({ query: { bool: { should: clauses(1025) } } });
    expect(r.status).toBe(400);
    expect(errorOf(r).type).toBe('search_phase_execution_exception');
    expect(errorOf(r).root_cause[0]).toMatchObject({ type: 'query_shard_exception', reason: 'failed to create query: maxClauseCount is set to 1024' });
    await stillAnswers();
  });

  it('refuses match and simple_query_string texts of more than 1,024 terms', async () => {
    const text = Array.from({ length: 2000 }, (_, i) => `w${i}`).join(' ');
    for (const q of [{ match: { t: text } }, { simple_query_string: { query: text, fields: ['t'] } }]) {
      const r = await search({ query: q });
      expect(r.status).toBe(400);
      expect(errorOf(r).root_cause[0]!.reason).toBe('failed to create query: maxClauseCount is set to 1024');
    }
    await stillAnswers();
  });

  it('refuses a terms query of more than 65,536 values (index.max_terms_count)', async () => {
    const r = await search({ query: { terms: { k: Array.from({ length: 70_000 }, (_, i) => `v${i}`) } } });
    expect(r.status).toBe(400);
    expect(errorOf(r).root_cause[0]!.reason).toMatch(/The number of terms \[70000\] used in the Terms Query request has exceeded the allowed maximum of \[65536\]/);
    await stillAnswers();
  });

  it('applies max_result_window to search_after pages too', async () => {
    const r = await search({ size: 20_000, sort: [{ n: 'asc' }], search_after: [0] });
    expect(r.status).toBe(400);
    expect(errorOf(r).root_cause[0]!.reason).toMatch(/Result window is too large, from \+ size must be less than or equal to: \[10000\] but was \[20000\]/);
    const huge = await search({ size: 2 ** 31 - 1, sort: [{ n: 'asc' }], search_after: [0] });
    expect(huge.status).toBe(400);
    await stillAnswers();
  });
});

describe('patterns cannot backtrack', () => {
  it('answers a many-star wildcard against a long keyword quickly', async () => {
    for (const ci of [false, true]) {
      const { value: r, ms } = await timed(() => search({ query: { wildcard: { k: { value: `${'*a'.repeat(40)}b`, case_insensitive: ci } } } }));
      expect(r.status).toBe(200);
      expect((r.body as { hits: { total: { value: number } } }).hits.total.value).toBe(0);
      expect(ms).toBeLessThan(2_000);
    }
    const r = await search({ query: { wildcard: { k: { value: `${'*a'.repeat(40)}*` } } } });
    expect((r.body as { hits: { hits: { _id: string }[] } }).hits.hits.map((h) => h._id)).toEqual(['1']);
    await stillAnswers();
  });

  it('answers many-star _source and index patterns quickly', async () => {
    const pat = `${'*a'.repeat(40)}b`;
    const { value: r, ms } = await timed(() => search({ _source: [pat] }));
    expect(r.status).toBe(200);
    const { value: r2, ms: ms2 } = await timed(() => call('POST', `/${'*h'.repeat(40)}x/_search`, {}));
    expect(r2.status).toBe(200);
    expect(ms + ms2).toBeLessThan(2_000);
    await stillAnswers();
  });
});
