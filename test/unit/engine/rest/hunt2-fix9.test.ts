/**
 * Classes of the third independent hunt (hunt2 FINDINGS) and others fixed on the fix9 branch. Every expected
 * value was read from a real OpenSearch 3.6.0 node with the same requests (bodies sent as text).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Engine } from '../../../../src/engine/engine.js';

let engine: Engine;
beforeEach(async () => {
  engine = await Engine.open({ dataDir: null });
});
afterEach(async () => {
  await engine.close();
});

/** The response as JSON text (as the server writes it) and parsed. */
async function call(method: string, path: string, body?: unknown): Promise<{ status: number; text: string; body: any }> {
  const [p, q] = path.split('?');
  const text = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
  const res = await engine.handle({ method, path: p!, query: new URLSearchParams(q ?? ''), ...(text !== undefined ? { body: text } : {}) });
  const out = typeof res.body === 'string' ? res.body : JSON.stringify(res.body);
  return { status: res.status, text: out, body: JSON.parse(out) };
}

describe('the count shortcut of a bool Lucene rewrites to one exists clause (H2-33)', () => {
  // Doc 8's labels is "" (no token: matches exists, not counted by FieldExistsQuery's docCount shortcut).
  const EX = '{"exists":{"field":"labels"}}';
  const cases: [string, number][] = [
    ['{"should":[EX,{"match":{"nope":"x"}}]}', 1],
    ['{"should":[EX,{"match_none":{"boost":2}}]}', 1],
    ['{"should":[EX,{"term":{"nope":"x"}}],"minimum_should_match":1}', 1],
    ['{"should":[EX,{"match":{"labels":""}}]}', 1],
    ['{"should":[EX,{"match":{"n":{"query":"x","lenient":true}}}]}', 1],
    ['{"should":[EX,{"match":{"labels":{"query":"x","fuzziness":1}}}]}', 1],
    ['{"should":[EX,{"match":{"labels":{"query":"hellp","fuzziness":1}}}]}', 2],
    ['{"should":[EX,{"multi_match":{"query":"x","fields":["nope","nope2"]}}]}', 1],
    ['{"should":[EX,{"multi_match":{"query":"x","fields":["nope","k"]}}]}', 2],
    ['{"should":[EX,{"simple_query_string":{"query":"x","fields":["nope"],"minimum_should_match":2}}]}', 1],
    ['{"should":[EX,{"simple_query_string":{"query":"x -y","fields":["nope"]}}]}', 2],
    ['{"should":[EX,{"range":{"n":{"gte":100}}}]}', 1],
    ['{"should":[EX,{"range":{"n":{"gte":2}}}]}', 2],
    ['{"should":[EX,{"range":{"u":{"gt":5}}}]}', 1],
    ['{"should":[EX,{"constant_score":{"filter":{"match":{"nope":"x"}},"boost":2}}]}', 1],
    ['{"should":[EX,{"bool":{"must":[{"match":{"nope":"x"}}],"boost":2}}]}', 1],
    ['{"should":[EX,{"bool":{"should":[{"match":{"nope":"x"}}],"must_not":[{"term":{"k":"a"}}]}}]}', 1],
    ['{"should":[EX,{"bool":{"must_not":[{"bool":{}}]}}]}', 1],
    ['{"should":[EX,{"bool":{"must_not":[{"match_none":{}}]}}]}', 2],
    ['{"should":[EX,{"bool":{"should":[{"term":{"k":"a"}},{"term":{"k":"b"}}],"minimum_should_match":3}}]}', 1],
    ['{"should":[EX,{"match":{"nope":"x"}},{"match":{"nope2":"y"}}],"minimum_should_match":"50%"}', 1],
    ['{"should":[EX,{"match":{"nope":"x"}},{"match":{"nope2":"y"}}],"minimum_should_match":"-1"}', 0],
    ['{"should":[EX],"must_not":[{"match":{"nope":"x"}}]}', 1],
    ['{"should":[EX],"must_not":[{"term":{"k":"zz"}}]}', 2],
    ['{"filter":[EX],"should":[{"match":{"nope":"x"}}]}', 1],
    ['{"should":[{"bool":{"should":[EX,{"match":{"nope":"x"}}]}}]}', 1],
    ['{"should":[EX,EX],"minimum_should_match":2}', 1],
    ['{"should":[EX,EX,{"term":{"k":"a"}}],"minimum_should_match":2}', 2],
    ['{"must":[EX,EX]}', 1],
    ['{"filter":[EX,EX]}', 1],
    ['{"must":[EX],"filter":[EX]}', 2],
  ];
  it('drops should/must_not clauses that are MatchNoDocsQuery and merges duplicates, as Lucene does', async () => {
    await call('PUT', '/e', { mappings: { properties: { labels: { type: 'text' }, k: { type: 'keyword' }, n: { type: 'integer' }, u: { type: 'long' } } } });
    await call('POST', '/e/_bulk?refresh=true', '{"index":{"_id":"8"}}\n{"labels":"","k":"a","n":1}\n{"index":{"_id":"9"}}\n{"labels":"hello","k":"b","n":2}\n');
    const got: [string, number, number][] = [];
    for (const [q, _] of cases) {
      const body = `{"query":{"bool":${q.replaceAll('EX', EX)}}}`;
      const c = await call('POST', '/e/_count', body);
      const s = await call('POST', '/e/_search', `{"size":0,${body.slice(1)}`);
      got.push([q, c.body.count, s.body.hits.total.value]);
    }
    expect(got).toEqual(cases.map(([q, n]) => [q, n, n]));
  });
});
