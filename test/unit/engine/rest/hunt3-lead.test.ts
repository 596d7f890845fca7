/**
 * Query-side classes of the fourth independent hunt (hunt3 FINDINGS C7-C14, C16, C21, C22, C24, and the _count
 * parse wrapping), fixed on the lead branch. Expected values were read from a real OpenSearch 3.6.0 node.
 */
import { describe, expect, it } from 'vitest';
import { engineCalls, nd } from './engine-calls.js';

const { call } = engineCalls();

async function load(): Promise<void> {
  await call('PUT', '/h3', { mappings: { properties: { sh: { type: 'short' }, t: { type: 'keyword' }, ok: { type: 'boolean' }, score: { type: 'float' } } } });
  await call('POST', '/h3/_bulk?refresh=true', nd([
    { index: { _id: '1' } }, { sh: 3, ok: true }, { index: { _id: '2' } }, { t: 'x', ok: false }, { index: { _id: '3' } }, { sh: 5, ok: true },
  ]));
}

type Body = { error?: { type: string; reason: string; root_cause: { type: string; reason: string }[]; caused_by?: { type: string; reason: string } }; hits?: { total: { value: number }; hits: { _id: string; _score: number }[] } };
const search = async (body: unknown, path = '/h3/_search'): Promise<{ status: number; body: Body }> => call('POST', path, body);
const rootOf = async (body: unknown, path?: string): Promise<{ type: string; reason: string } | undefined> => {
  const r = (await search(body, path)).body.error?.root_cause[0];
  return r && { type: r.type, reason: r.reason };
};
const idsOf = async (body: unknown): Promise<string[]> => ((await search(body)).body.hits?.hits ?? []).map((h) => h._id);

describe('hunt3 query classes', () => {
  it('refuses an empty id (C7) and reads a lone string as one id (C22)', async () => {
    await load();
    expect(await rootOf({ query: { ids: { values: ['1', ''] } } })).toEqual({ type: 'query_shard_exception', reason: "failed to create query: Ids can't be empty" });
    expect(await rootOf({ size: 0, aggs: { f: { filter: { ids: { values: [''] } } } } })).toEqual({ type: 'illegal_argument_exception', reason: "Ids can't be empty" });
    expect(await idsOf({ query: { ids: { values: '1' } } })).toEqual(['1']);
    expect(await rootOf({ query: { ids: { values: 1 } } })).toEqual({ type: 'parsing_exception', reason: "[1:27] [ids] values doesn't support values of type: VALUE_NUMBER" });
  });

  it('refuses empty field names (C8), a string simple_query_string fields (C9), case-insensitive terms on points (C10)', async () => {
    await load();
    expect(await rootOf({ query: { exists: { field: '' } } })).toEqual({ type: 'illegal_argument_exception', reason: 'field name is null or empty' });
    expect(await rootOf({ query: { terms: { '': ['a'] } } })).toEqual({ type: 'illegal_argument_exception', reason: 'field name cannot be null.' });
    expect(await rootOf({ query: { simple_query_string: { query: 'x', fields: 't' } } })).toEqual({ type: 'parsing_exception', reason: '[simple_query_string] unsupported field [fields]' });
    expect(await rootOf({ query: { term: { sh: { value: 3, case_insensitive: true } } } })).toEqual({ type: 'query_shard_exception', reason: '[sh] field which is of type [short], does not support case insensitive term queries' });
    expect(await idsOf({ query: { term: { t: { value: 'X', case_insensitive: true } } } })).toEqual(['2']);
    // C16: on a boolean it is a constant-score query.
    const b = await search({ query: { term: { ok: { value: true, case_insensitive: true, boost: 2 } } } });
    expect(b.body.hits?.hits.map((h) => [h._id, h._score])).toEqual([['1', 2], ['3', 2]]);
  });

  it('reads range bounds in key order as RangeQueryBuilder does (C12), and refuses a bounded range on _index (C13)', async () => {
    await load();
    const lower = { type: 'parsing_exception', reason: 'invalid lower bound for [range] query' };
    const upper = { type: 'parsing_exception', reason: 'invalid upper bound for [range] query' };
    expect(await rootOf({ query: { range: { sh: { lte: null, lt: 3 } } } })).toEqual(upper);
    expect(await rootOf({ query: { range: { sh: { gte: 1, from: null } } } })).toEqual(lower);
    expect(await rootOf({ query: { range: { sh: { gt: null, gte: null } } } })).toEqual(lower);
    expect(await rootOf({ query: { range: { sh: { gte: 3, include_lower: false } } } })).toEqual(lower);
    expect(await idsOf({ query: { range: { sh: { from: null, gte: 1 } } } })).toEqual(['1', '3']);
    expect(await idsOf({ query: { range: { sh: { to: null, lt: 4 } } } })).toEqual(['1']);
    expect(await idsOf({ query: { range: { sh: { from: 3, include_lower: false } } } })).toEqual(['3']);
    expect(await rootOf({ query: { range: { _index: { gte: 'a' } } } })).toEqual({ type: 'query_shard_exception', reason: 'failed to create query: Field [_index] of type [_index] does not support range queries' });
    expect((await search({ query: { range: { _index: {} } } })).body.hits?.total.value).toBe(3);
  });

  it('applies the search_after range approximation to from/to as to gte/lte (C14)', async () => {
    await call('PUT', '/r29', { mappings: { properties: { score: { type: 'float' } } } });
    await call('POST', '/r29/_bulk?refresh=true', nd([{ index: {} }, { score: 4.5 }, { index: {} }, { score: [99.999, 49, 61.02] }, { index: {} }, { score: 1 }]));
    const r = await search({ query: { range: { score: { from: 0.001, to: 4.5 } } }, sort: [{ score: 'asc' }], search_after: [4.5] }, '/r29/_search');
    expect(r.body.hits?.total.value).toBe(0);
  });

  it('sorts by every field of a sort object (C21) and truncates fractional from/size (C24)', async () => {
    await load();
    expect(await idsOf({ sort: { sh: 'asc', t: 'desc' } })).toEqual(['1', '3', '2']);
    expect(await idsOf({ size: 1.5 })).toEqual(['1']);
    expect(await idsOf({ size: '2' })).toEqual(['1', '2']);
    expect(await idsOf({ from: 1.7, size: 1 })).toEqual(['2']);
    expect(await rootOf({ size: 'abc' })).toEqual({ type: 'number_format_exception', reason: 'For input string: "abc"' });
    expect((await rootOf({ size: true }))?.type).toBe('json_parse_exception');
    expect((await rootOf({ size: 3000000000 }))?.type).toBe('input_coercion_exception');
    expect(await rootOf({ size: -1.5 })).toEqual({ type: 'illegal_argument_exception', reason: '[size] parameter cannot be negative, found [-1]' });
  });

  it('wraps _count parse errors other than ParsingException in "Failed to parse", and words bad operators as Java does', async () => {
    await load();
    const count = await search({ query: { exists: { field: '' } } }, '/h3/_count');
    expect(count.body.error).toMatchObject({ type: 'parsing_exception', reason: 'Failed to parse', caused_by: { type: 'illegal_argument_exception', reason: 'field name is null or empty' } });
    expect(await rootOf({ query: { match: { t: { query: 'x', operator: 'xx' } } } })).toEqual({ type: 'illegal_argument_exception', reason: 'No enum constant org.opensearch.index.query.Operator.XX' });
    expect(await rootOf({ query: { match: { t: { query: 'x', zero_terms_query: 'xx' } } } })).toEqual({ type: 'parsing_exception', reason: 'Unsupported zero_terms_query value [xx]' });
  });
});

describe('track_total_hits below -1 in the body (hunt3 C28)', () => {
  it('fails only after every shard answered: an empty fetch-phase failure, after any query error', async () => {
    await load();
    const r = await search({ track_total_hits: -2 });
    expect(r.status).toBe(400);
    expect(r.body.error).toMatchObject({ type: 'search_phase_execution_exception', reason: '', root_cause: [], caused_by: { type: 'illegal_argument_exception', reason: 'value must be >= 0, got -2' } });
    expect((await search({ track_total_hits: -2, query: { term: { sh: 'abc' } } })).body.error?.root_cause[0]?.type).toBe('query_shard_exception');
    // The URL parameter is checked while parsing.
    expect(await rootOf({}, '/h3/_search?track_total_hits=-2')).toEqual({ type: 'illegal_argument_exception', reason: '[track_total_hits] parameter must be positive or equals to -1, got -2' });
  });
});

describe('simple_query_string over all fields with an explicit lenient false (hunt3 C11)', () => {
  it('fails the shard on a token a numeric field cannot read; without lenient it stays lenient', async () => {
    await call('PUT', '/c11', { mappings: { properties: { msg: { type: 'text' }, n: { type: 'integer' } } } });
    await call('POST', '/c11/_bulk?refresh=true', nd([{ index: { _id: '1' } }, { msg: 'NullPointerException', n: 1 }]));
    expect(await rootOf({ query: { simple_query_string: { query: 'NullPointerException', lenient: false } } }, '/c11/_search'))
      .toEqual({ type: 'query_shard_exception', reason: 'failed to create query: For input string: "NullPointerException"' });
    expect((await search({ query: { simple_query_string: { query: 'NullPointerException' } } }, '/c11/_search')).body.hits?.total.value).toBe(1);
  });
});

describe('body parse errors first, and min_score as Jackson reads a float', () => {
  it('reports a body parse error before a missing index, and reads min_score strings and refuses the rest', async () => {
    await load();
    expect(await rootOf({ query: { range: { sh: { gte: 1, gt: 2 } } } }, '/h3,nope/_search')).toEqual({ type: 'parsing_exception', reason: 'invalid lower bound for [range] query' });
    expect(await rootOf({ min_score: 'x' })).toEqual({ type: 'number_format_exception', reason: 'For input string: "x"' });
    expect((await rootOf({ min_score: true }))?.type).toBe('json_parse_exception');
    expect(await rootOf({ min_score: null })).toEqual({ type: 'parsing_exception', reason: 'Unknown key for a VALUE_NULL in [min_score].' });
    expect((await search({ min_score: '0.5' })).body.hits?.total.value).toBe(3);
    expect((await search({ min_score: 'NaN' })).body.hits?.total.value).toBe(0);
    expect((await search({ min_score: '1.5' })).body.hits?.total.value).toBe(0);
  });
});

describe('bulk requests OpenSearch refuses whole (hunt3 C1 shapes, C35)', () => {
  it('refuses the whole bulk for an update without doc or script, a scalar doc, an unknown update field or an _id over 512 bytes', async () => {
    await call('PUT', '/bw', { mappings: { properties: { k: { type: 'keyword' } } } });
    const bulk = async (lines: unknown[]): Promise<{ status: number; body: Body }> => call('POST', '/bw/_bulk', nd(lines));
    const first = [{ index: { _id: '2' } }, { k: 'written' }];
    const noDoc = await bulk([...first, { update: { _id: '9' } }, { upsert: { k: 'u' } }]);
    expect(noDoc.status).toBe(400);
    expect(noDoc.body.error?.root_cause[0]).toEqual({ type: 'action_request_validation_exception', reason: 'Validation Failed: 1: script or doc is missing;' });
    expect((await bulk([...first, { update: { _id: '1' } }, { doc: 'x' }])).body.error?.type).toBe('x_content_parse_exception');
    expect((await bulk([...first, { update: { _id: '1' } }, { doc: {}, nope: 1 }])).body.error?.type).toBe('x_content_parse_exception');
    const long = await bulk([...first, { index: { _id: 'x'.repeat(513) } }, { k: 'a' }]);
    expect(long.body.error?.root_cause[0]?.reason).toBe(`Validation Failed: 1: id [${'x'.repeat(513)}] is too long, must be no longer than 512 bytes but was: 513;`);
    // Nothing was written by any of them.
    expect((await call('GET', '/bw/_doc/2')).status).toBe(404);
  });

  it('reads detect_noop "false" as false: the update rewrites the document', async () => {
    await call('PUT', '/bw/_doc/1?refresh=true', { k: 'a' });
    const r = await call('POST', '/bw/_bulk', nd([{ update: { _id: '1' } }, { doc: { k: 'a' }, detect_noop: 'false' }]));
    expect(r.body.items[0].update).toMatchObject({ _version: 2, result: 'updated', status: 200 });
  });
});

describe('float and double range bounds as Double.parseDouble reads strings (hunt3 C19)', () => {
  it('reads "5d" and "5f", refuses hex without an exponent', async () => {
    await call('PUT', '/r31', { mappings: { properties: { x: { type: 'double' }, f: { type: 'float' }, l: { type: 'long' } } } });
    await call('POST', '/r31/_bulk?refresh=true', nd([{ index: {} }, { x: 1, f: 1, l: 1 }, { index: {} }, { x: 7, f: 7, l: 7 }]));
    const total = async (q: unknown): Promise<number | undefined> => (await search({ query: q }, '/r31/_search')).body.hits?.total.value;
    expect(await total({ range: { x: { lt: '5d' } } })).toBe(1);
    expect(await total({ range: { f: { lt: '5f' } } })).toBe(1);
    expect(await total({ range: { x: { lt: ' 5 ' } } })).toBe(1);
    expect(await rootOf({ query: { range: { x: { lt: '0x10' } } } }, '/r31/_search')).toEqual({ type: 'query_shard_exception', reason: 'failed to create query: For input string: "0x10"' });
    expect(await rootOf({ query: { range: { l: { lt: '5d' } } } }, '/r31/_search')).toEqual({ type: 'query_shard_exception', reason: 'failed to create query: For input string: "5d"' });
  });
});

describe('op_type in bulk action metadata (hunt3 C26 r-36)', () => {
  it('makes an index action with op_type "create" a create; other values and actions ignore it', async () => {
    await call('PUT', '/ot/_doc/1?refresh=true', { k: 'a' });
    const item = async (meta: Record<string, unknown>): Promise<[string, number]> => {
      const r = await call('POST', '/ot/_bulk', nd(Object.keys(meta)[0] === 'delete' ? [meta] : [meta, { k: 'c' }]));
      const [key, v] = Object.entries(r.body.items[0] as Record<string, { status: number }>)[0]!;
      return [key, v.status];
    };
    expect(await item({ index: { _id: '1', op_type: 'create' } })).toEqual(['create', 409]);
    expect(await item({ index: { _id: '2', op_type: 'create' } })).toEqual(['create', 201]);
    expect(await item({ index: { _id: '1', op_type: 'x' } })).toEqual(['index', 200]);
    expect(await item({ index: { _id: '4', op_type: 'CREATE' } })).toEqual(['index', 201]);
    expect(await item({ create: { _id: '3', op_type: 'index' } })).toEqual(['create', 201]);
    expect(await item({ delete: { _id: '9', op_type: 'create' } })).toEqual(['delete', 404]);
  });
});

describe('empty field names in range, match_phrase and match_bool_prefix (hunt3 seed 44)', () => {
  it('are refused with the builders\' wording', async () => {
    await load();
    expect(await rootOf({ query: { range: { '': { gte: 1 } } } })).toEqual({ type: 'illegal_argument_exception', reason: 'field name is null or empty' });
    expect(await rootOf({ query: { match_phrase: { '': 'x' } } })).toEqual({ type: 'illegal_argument_exception', reason: '[match_phrase] requires fieldName' });
    expect(await rootOf({ query: { match_bool_prefix: { '': 'x' } } })).toEqual({ type: 'illegal_argument_exception', reason: '[match_bool_prefix] requires fieldName' });
    expect((await search({ query: { match: { '': 'x' } } })).body.hits?.total.value).toBe(0);
  });
});

describe('hunt3 seeds 44/45: keyed date_histogram keys on numbers, min_score-blind aggregations', () => {
  it('keys a keyed date_histogram over a number field by the long digits', async () => {
    await call('PUT', '/dh', { mappings: { properties: { b: { type: 'long' }, d: { type: 'double' } } } });
    await call('POST', '/dh/_bulk?refresh=true', nd([{ index: {} }, { b: 86400001, d: 86400001.5 }, { index: {} }, { b: -5, d: -5 }]));
    for (const f of ['b', 'd']) {
      const r = await call('POST', '/dh/_search', { size: 0, aggs: { h: { date_histogram: { field: f, fixed_interval: '1d', keyed: true } } } });
      expect(Object.keys(r.body.aggregations.h.buckets).sort()).toEqual(['-86400000', '0', '86400000']);
    }
  });

  it('refuses a top-level min/max under a match_all, or a cardinality, when min_score leaves matches out', async () => {
    await load();
    const refused = async (body: Record<string, unknown>): Promise<boolean> => ((await search(body)).body.error?.root_cause[0]?.reason ?? '').includes('not supported by the embedded engine');
    expect(await refused({ size: 0, min_score: 10, aggs: { m: { min: { field: 'sh' } } } })).toBe(true);
    expect(await refused({ size: 0, min_score: 10, query: { term: { t: 'x' } }, aggs: { c: { cardinality: { field: 't' } } } })).toBe(true);
    // min_score that leaves nothing out, or other aggregations, are answered.
    expect(await refused({ size: 0, min_score: 0.5, aggs: { m: { min: { field: 'sh' } } } })).toBe(false);
    expect(await refused({ size: 0, min_score: 10, aggs: { t: { terms: { field: 't' } } } })).toBe(false);
  });
});
