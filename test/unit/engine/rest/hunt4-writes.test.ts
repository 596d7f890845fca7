/**
 * Write classes of the fourth differential hunt (/work/hunt4/FINDINGS.md, classes 1, 2, 12/E7 and 14), fixed on
 * branch fix-writes. Every expected value was read from a real OpenSearch 3.6.0 node with the same requests.
 */
import { describe, expect, it } from 'vitest';
import { engineCalls, nd } from './engine-calls.js';

const { call } = engineCalls();

const strict = (name: string, within: string) => ({
  status: 400,
  body: {
    error: {
      root_cause: [{ type: 'strict_dynamic_mapping_exception', reason: `mapping set to strict, dynamic introduction of [${name}] within [${within}] is not allowed` }],
      type: 'strict_dynamic_mapping_exception',
      reason: `mapping set to strict, dynamic introduction of [${name}] within [${within}] is not allowed`,
    },
    status: 400,
  },
});

describe('class 1: dynamic strict and unmapped null / [] / [null] values', () => {
  it('refuses an array for an unmapped field under an inherited strict, and a null under an object\'s own strict', async () => {
    await call('PUT', '/s1', { mappings: { dynamic: 'strict', properties: {
      v: { type: 'long' }, d: { type: 'object', enabled: false }, o: { type: 'object', dynamic: 'strict', properties: { x: { type: 'keyword' } } },
    } } });
    await call('PUT', '/s2', { mappings: { dynamic: 'strict', properties: {
      o: { type: 'object', properties: { x: { type: 'keyword' } } },
      p: { type: 'object', dynamic: true, properties: { q: { type: 'object', dynamic: 'strict' } } },
    } } });
    await call('PUT', '/s3', { mappings: { properties: { o: { type: 'object', dynamic: 'strict', properties: { x: { type: 'keyword' } } } } } });
    const refused: [string, unknown, string, string][] = [
      ['s1', { b: null }, 'b', '_doc'],
      ['s1', { b: [] }, 'b', '_doc'],
      ['s1', { b: [null] }, 'b', '_doc'],
      ['s1', { b: [[]] }, 'b', '_doc'],
      ['s1', { b: {} }, 'b', '_doc'],
      ['s1', { o: { z: null } }, 'z', 'o'],
      ['s1', { o: { z: [] } }, 'z', 'o'],
      ['s1', { o: [{ z: null }] }, 'z', 'o'],
      // a null under a dotted name is named as written, within the object that wrote it
      ['s1', { 'b.c': null }, 'b.c', '_doc'],
      ['s1', { 'o.z': null }, 'o.z', '_doc'],
      // the strict field comes before a later field's value error
      ['s1', { b: null, v: 'x' }, 'b', '_doc'],
      ['s1', { v: 1, b: null }, 'b', '_doc'],
      // an array asks the inherited dynamic (strict from the root)
      ['s2', { o: { z: [] } }, 'z', 'o'],
      ['s2', { o: { z: [null] } }, 'z', 'o'],
      ['s2', { 'o.z': [] }, 'z', 'o'],
      ['s2', { 'o.z': null }, 'o.z', '_doc'],
      ['s2', { 'b.c': [] }, 'b', '_doc'],
      ['s2', { p: { q: { z: null } } }, 'z', 'p.q'],
      ['s2', { 'p.q': { z: null } }, 'z', 'p.q'],
      ['s2', { 'p.q.z': null }, 'p.q.z', '_doc'],
      ['s2', { p: { q: { z: [] } } }, 'z', 'p.q'],
      ['s3', { o: { z: null } }, 'z', 'o'],
      ['s3', { 'o.z': [] }, 'z', 'o'],
    ];
    for (const [index, doc, name, within] of refused) {
      expect([index, doc, await call('PUT', `/${index}/_doc/1`, doc)]).toEqual([index, doc, strict(name, within)]);
    }
    const accepted: [string, unknown][] = [
      // a null asks only the object's own dynamic: `o` inherits strict from the root here
      ['s2', { o: { z: null } }],
      ['s2', { p: { z: null } }],
      ['s2', { p: { 'q.z': null } }],
      ['s2', { p: { n: { z: [] } } }],
      // the root's dynamic is not strict (only `o`'s is)
      ['s3', { 'o.z': null }],
      ['s3', { 'x.y': null }],
      ['s3', { o: null }],
      ['s3', { o: [] }],
      // a disabled object takes anything below it
      ['s1', { 'd.x': null }],
      ['s1', { 'd.x.y': null }],
      ['s1', { 'd.x': [] }],
      ['s1', { d: { x: null } }],
      ['s1', { v: [null] }],
      ['s1', { 'o.x': null }],
    ];
    for (const [index, doc] of accepted) {
      const r = await call('PUT', `/${index}/_doc/a`, doc);
      expect([index, doc, r.status]).toEqual([index, doc, r.status === 201 ? 201 : 200]);
    }
    // Nothing was added by the refused documents; s2 gained p.n (an object) from `{"p":{"n":{"z":[]}}}`.
    expect((await call('GET', '/s2/_mapping')).body.s2.mappings.properties.p).toEqual({
      dynamic: 'true', properties: { n: { type: 'object' }, q: { type: 'object', dynamic: 'strict' } },
    });
  });

  it('adds no intermediate object for a null under a dotted name (dynamic true); an array or object still creates them', async () => {
    for (const doc of [{ 'b.c': null }, { 'e.f': [] }, { g: [] }, { h: null }, { i: { j: null } }, { k: [null] }, { l: [[]] }, { m: [{}] }, { 'n.o.p': null }]) {
      expect((await call('PUT', '/dt/_doc/1', doc)).status).toBeLessThan(300);
    }
    expect((await call('GET', '/dt/_mapping')).body).toEqual({
      dt: { mappings: { properties: { e: { type: 'object' }, i: { type: 'object' }, m: { type: 'object' } } } },
    });
  });

  it('bulk items answer the same refusal', async () => {
    await call('PUT', '/s4', { mappings: { dynamic: 'strict', properties: { v: { type: 'long' } } } });
    const r = await call('POST', '/_bulk?refresh=true', nd([
      { index: { _index: 's4', _id: '1' } }, { b: null },
      { index: { _index: 's4', _id: '2' } }, { b: [] },
      { index: { _index: 's4', _id: '3' } }, { v: 1 },
    ]));
    expect(r.body.errors).toBe(true);
    expect(r.body.items.map((i: any) => [i.index.status, i.index.error?.type])).toEqual([
      [400, 'strict_dynamic_mapping_exception'], [400, 'strict_dynamic_mapping_exception'], [201, undefined],
    ]);
    expect((await call('POST', '/s4/_count', {})).body.count).toBe(1);
  });
});

describe('class 1 (mapping side): the `dynamic` parameter and type-less properties', () => {
  const convert = (value: string) => ({
    status: 400,
    body: {
      error: {
        root_cause: [{ type: 'mapper_parsing_exception', reason: 'Failed to parse mapping [_doc]: Could not convert [dynamic.dynamic] to boolean' }],
        type: 'mapper_parsing_exception',
        reason: 'Failed to parse mapping [_doc]: Could not convert [dynamic.dynamic] to boolean',
        caused_by: { type: 'illegal_argument_exception', reason: 'Could not convert [dynamic.dynamic] to boolean',
          caused_by: { type: 'illegal_argument_exception', reason: `Failed to parse value [${value}] as only [true] or [false] are allowed.` } },
      },
      status: 400,
    },
  });
  const noType = (name: string) => ({
    status: 400,
    body: {
      error: {
        root_cause: [{ type: 'mapper_parsing_exception', reason: `No type specified for field [${name}]` }],
        type: 'mapper_parsing_exception',
        reason: `Failed to parse mapping [_doc]: No type specified for field [${name}]`,
        caused_by: { type: 'mapper_parsing_exception', reason: `No type specified for field [${name}]` },
      },
      status: 400,
    },
  });

  it('reads strict in any case and refuses other values (runtime too) as nodeBooleanValue does', async () => {
    expect(await call('PUT', '/m1', { mappings: { dynamic: 'runtime' } })).toEqual(convert('runtime'));
    expect(await call('PUT', '/m1', { mappings: { dynamic: 'True' } })).toEqual(convert('True'));
    expect(await call('PUT', '/m1', { mappings: { dynamic: 1.5 } })).toEqual(convert('1.5'));
    expect(await call('PUT', '/m1', { mappings: { dynamic: ['strict'] } })).toEqual(convert('[strict]'));
    expect(await call('PUT', '/m1', { mappings: { dynamic: { a: 1 } } })).toEqual(convert('{a=1}'));
    expect(await call('PUT', '/m1', { mappings: { properties: { o: { type: 'object', dynamic: 'foo' } } } })).toEqual(convert('foo'));
    const npe = 'Cannot invoke "Object.toString()" because "fieldNode" is null';
    expect(await call('PUT', '/m1', { mappings: { dynamic: null } })).toEqual({ status: 400, body: { error: {
      root_cause: [{ type: 'mapper_parsing_exception', reason: `Failed to parse mapping [_doc]: ${npe}` }],
      type: 'mapper_parsing_exception', reason: `Failed to parse mapping [_doc]: ${npe}`, caused_by: { type: 'null_pointer_exception', reason: npe } }, status: 400 } });
    expect((await call('PUT', '/m1', { mappings: { dynamic: 'sTrict', properties: { o: { type: 'object', dynamic: 'STRICT' } } } })).status).toBe(200);
    expect((await call('GET', '/m1/_mapping')).body).toEqual({ m1: { mappings: { dynamic: 'strict', properties: { o: { type: 'object', dynamic: 'strict' } } } } });
    expect(await call('PUT', '/m1/_mapping', { dynamic: 'x' })).toEqual({ status: 400, body: { error: {
      root_cause: [{ type: 'illegal_argument_exception', reason: 'Could not convert [dynamic.dynamic] to boolean' }],
      type: 'illegal_argument_exception', reason: 'Could not convert [dynamic.dynamic] to boolean',
      caused_by: { type: 'illegal_argument_exception', reason: 'Failed to parse value [x] as only [true] or [false] are allowed.' } }, status: 400 } });
    expect(await call('PUT', '/m1/_mapping', { properties: { o: { type: 'object', dynamic: null } } })).toEqual({ status: 500, body: { error: {
      root_cause: [{ type: 'null_pointer_exception', reason: npe }], type: 'null_pointer_exception', reason: npe }, status: 500 } });
  });

  it('makes a type-less property an object only with properties, or with enabled alone', async () => {
    expect(await call('PUT', '/m2', { mappings: { properties: { o: {} } } })).toEqual(noType('o'));
    expect(await call('PUT', '/m2', { mappings: { properties: { o: { dynamic: 'true' } } } })).toEqual(noType('o'));
    expect(await call('PUT', '/m2', { mappings: { properties: { o: { enabled: false, dynamic: 'true' } } } })).toEqual(noType('o'));
    expect(await call('PUT', '/m2', { mappings: { properties: { o: { type: null } } } })).toEqual(noType('o'));
    expect(await call('PUT', '/m2', { mappings: { properties: { o: { properties: { p: { dynamic: 'true' } } } } } })).toEqual(noType('p'));
    expect(await call('PUT', '/m2', { mappings: { properties: { 'o.q': { dynamic: 'true' } } } })).toEqual(noType('o.q'));
    expect((await call('PUT', '/m2', { mappings: { properties: { o: { enabled: false }, p: { type: null, properties: {} } } } })).status).toBe(200);
    expect(await call('PUT', '/m2/_mapping', { properties: { z: { dynamic: 'true' } } })).toEqual({ status: 400, body: { error: {
      root_cause: [{ type: 'mapper_parsing_exception', reason: 'No type specified for field [z]' }],
      type: 'mapper_parsing_exception', reason: 'No type specified for field [z]' }, status: 400 } });
  });
});

describe('class 2: single-document writes and reads through an alias over several indices', () => {
  const noWrite = (alias: string) => ({
    type: 'illegal_argument_exception',
    reason: `no write index is defined for alias [${alias}]. The write index may be explicitly disabled using is_write_index=false or the alias points to multiple indices without one being designated as a write index`,
  });
  const setup = async () => {
    for (const i of ['a', 'b']) await call('PUT', `/${i}`, { settings: { number_of_shards: 1, number_of_replicas: 0 }, mappings: { properties: { k: { type: 'keyword' } } } });
    await call('POST', '/_aliases', { actions: [
      { add: { index: 'a', alias: 'al' } }, { add: { index: 'b', alias: 'al' } },
      { add: { index: 'a', alias: 'w', is_write_index: true } }, { add: { index: 'b', alias: 'w' } },
      { add: { index: 'a', alias: 'wf', is_write_index: false } },
      { add: { index: 'b', alias: 'one' } },
      { add: { index: 'a', alias: 'x', is_write_index: false } }, { add: { index: 'b', alias: 'x', is_write_index: true } },
    ] });
  };

  it('DELETE goes to the write index; without one it is refused as the other writes are', async () => {
    await setup();
    expect((await call('PUT', '/w/_doc/1?refresh=true', { k: 'x' })).body._index).toBe('a');
    await call('PUT', '/b/_doc/1?refresh=true', { k: 'inb' });
    const shards = { total: 1, successful: 1, failed: 0 };
    expect(await call('DELETE', '/w/_doc/1')).toEqual({ status: 200, body: { _index: 'a', _id: '1', _version: 2, result: 'deleted', _shards: shards, _seq_no: 1, _primary_term: 1 } });
    expect(await call('DELETE', '/w/_doc/1')).toEqual({ status: 404, body: { _index: 'a', _id: '1', _version: 3, result: 'not_found', _shards: shards, _seq_no: 2, _primary_term: 1 } });
    for (const alias of ['al', 'wf']) {
      expect(await call('DELETE', `/${alias}/_doc/1`)).toEqual({ status: 400, body: { error: { root_cause: [noWrite(alias)], ...noWrite(alias) }, status: 400 } });
    }
    expect(await call('DELETE', '/x/_doc/1')).toEqual({ status: 200, body: { _index: 'b', _id: '1', _version: 2, result: 'deleted', _shards: shards, _seq_no: 1, _primary_term: 1 } });
    expect((await call('DELETE', '/one/_doc/9')).body).toMatchObject({ _index: 'b', result: 'not_found', _seq_no: 2 });
    // A delete creates no index: the missing one is an index expression.
    expect((await call('DELETE', '/nonexist/_doc/1')).body.error).toMatchObject({ type: 'index_not_found_exception', 'resource.type': 'index_expression' });
    expect((await call('PUT', '/x/_create/3', { k: 'y' })).body).toMatchObject({ _index: 'b', result: 'created', _seq_no: 3 });
    expect((await call('PUT', '/w/_doc/3?op_type=create', { k: 'y' })).body).toMatchObject({ _index: 'a', result: 'created', _seq_no: 3 });
    expect((await call('DELETE', '/w/_doc/3?if_seq_no=9&if_primary_term=1')).body.error).toMatchObject({
      type: 'version_conflict_engine_exception', index: 'a',
      reason: '[3]: version conflict, required seqNo [9], primary term [1]. current document has seqNo [3] and primary term [1]',
    });
  });

  it('_bulk deletes through the write index the same way', async () => {
    await setup();
    await call('PUT', '/w/_doc/3', { k: 'y' });
    const r = await call('POST', '/_bulk', nd([
      { delete: { _index: 'nonexist2', _id: '1' } },
      { delete: { _index: 'w', _id: '3' } },
      { delete: { _index: 'al', _id: '3' } },
      { delete: { _index: 'wf', _id: '3' } },
      { update: { _index: 'al', _id: '5' } }, { doc: { k: 2 } },
      { update: { _index: 'wf', _id: '5' } }, { doc: { k: 2 } },
      { index: { _index: 'al', _id: '5' } }, { k: 2 },
    ]));
    expect(r.body.items).toEqual([
      { delete: { _index: 'nonexist2', _id: '1', status: 404, error: { type: 'index_not_found_exception', reason: 'no such index [nonexist2]',
        index: 'nonexist2', 'resource.id': 'nonexist2', 'resource.type': 'index_expression', index_uuid: '_na_' } } },
      { delete: { _index: 'a', _id: '3', _version: 2, result: 'deleted', _shards: { total: 1, successful: 1, failed: 0 }, _seq_no: 1, _primary_term: 1, status: 200 } },
      { delete: { _index: 'al', _id: '3', status: 400, error: noWrite('al') } },
      { delete: { _index: 'wf', _id: '3', status: 400, error: noWrite('wf') } },
      { update: { _index: 'al', _id: '5', status: 400, error: noWrite('al') } },
      { update: { _index: 'wf', _id: '5', status: 400, error: noWrite('wf') } },
      { index: { _index: 'al', _id: '5', status: 400, error: noWrite('al') } },
    ]);
    // r20: index then delete through the write alias, in one bulk
    const r2 = await call('POST', '/_bulk?refresh=true', nd([{ index: { _index: 'w', _id: '5' } }, { k: 1 }, { delete: { _index: 'w', _id: '5' } }]));
    expect(r2.body.items.map((i: any) => [Object.keys(i)[0], (Object.values(i)[0] as any).result])).toEqual([['index', 'created'], ['delete', 'deleted']]);
    expect((await call('POST', '/w/_count', {})).body.count).toBe(0);
  });

  it('reads through an alias over several indices stay refused, write index or not; one index (even is_write_index false) answers', async () => {
    await setup();
    await call('PUT', '/w/_doc/1', { k: 'x' });
    for (const path of ['/w/_doc/1', '/w/_source/1', '/al/_doc/1']) {
      const r = await call('GET', path);
      expect(r.status).toBe(400);
      expect(r.body.error.reason).toMatch(/^alias \[(w|al)\] has more than one index associated with it \[(a, b|b, a)\], can't execute a single index op$/);
    }
    expect((await call('HEAD', '/w/_doc/1')).status).toBe(400);
    expect((await call('POST', '/w/_mget', { ids: ['1'] })).body.docs[0].error.type).toBe('illegal_argument_exception');
    expect((await call('GET', '/wf/_doc/1')).body).toMatchObject({ _index: 'a', found: true });
  });

  it('names the alias\'s indices in the order the cluster\'s HashMap of indices iterates', async () => {
    // 207 indices (a table of 512 buckets), as on the node where this order was read.
    const members = ['wr-f', 'wr-fa', 'wr-f1', 'wr-f_', 'wr-f-z'];
    for (const n of members) await call('PUT', `/${n}`, {});
    for (let i = 0; i < 202; i++) await call('PUT', `/filler-${i}`, {});
    await call('POST', '/_aliases', { actions: [{ add: { indices: ['wr-f1', 'wr-f', 'wr-f_', 'wr-fa', 'wr-f-z'], alias: 'wr-alf' } }] });
    expect((await call('GET', '/wr-alf/_doc/1')).body.error.reason)
      .toBe("alias [wr-alf] has more than one index associated with it [wr-f_, wr-fa, wr-f1, wr-f-z, wr-f], can't execute a single index op");
  });
});
