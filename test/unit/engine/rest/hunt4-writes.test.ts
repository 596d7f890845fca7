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

describe('class 14 (W1-W3): numeric item errors as Jackson and NumberFieldMapper word them', () => {
  const AT = '\n at [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1, column: ';
  const item = async (mapping: Record<string, unknown>, docs: string[]) => {
    await call('PUT', '/n', { mappings: { properties: mapping } });
    const body = docs.map((d, i) => `${JSON.stringify({ index: { _index: 'n', _id: `d${i}` } })}\n${d}\n`).join('');
    const r = await call('POST', '/_bulk', body);
    await call('DELETE', '/n');
    return r.body.items.map((it: any) => it.index.error
      ? [it.index.status, it.index.error.reason.replace(/^failed to parse field \[\w+\] of type \[\w+\] in document with id 'd\d+'\. /, ''), it.index.error.caused_by]
      : [it.index.status]);
  };
  const fields = { l: { type: 'long' }, i: { type: 'integer' }, sh: { type: 'short' }, by: { type: 'byte' }, f: { type: 'float' }, d: { type: 'double' } };

  it('W1: a JSON boolean in a numeric field is the parser\'s json_parse_exception, located just past the token', async () => {
    expect(await item(fields, ['{"l": true}', '{"i": false}', '{"by": true}', '{"f": [true]}', '{"d": [1,true]}', '{"sh":false}'])).toEqual([
      [400, "Preview of field's value: 'true'", { type: 'json_parse_exception', reason: `Current token (VALUE_TRUE) not numeric, can not use numeric value accessors${AT}11]` }],
      [400, "Preview of field's value: 'false'", { type: 'json_parse_exception', reason: `Current token (VALUE_FALSE) not numeric, can not use numeric value accessors${AT}12]` }],
      [400, "Preview of field's value: 'true'", { type: 'json_parse_exception', reason: `Current token (VALUE_TRUE) not numeric, can not use numeric value accessors${AT}12]` }],
      [400, "Preview of field's value: 'true'", { type: 'json_parse_exception', reason: `Current token (VALUE_TRUE) not numeric, can not use numeric value accessors${AT}12]` }],
      [400, "Preview of field's value: 'true'", { type: 'json_parse_exception', reason: `Current token (VALUE_TRUE) not numeric, can not use numeric value accessors${AT}14]` }],
      [400, "Preview of field's value: 'false'", { type: 'json_parse_exception', reason: `Current token (VALUE_FALSE) not numeric, can not use numeric value accessors${AT}12]` }],
    ]);
    // The string "true" stays a NumberFormatException (a long's: illegal_argument_exception).
    expect((await item(fields, ['{"i": "true"}', '{"l": "true"}'])).map((r: any) => r[2])).toEqual([
      { type: 'number_format_exception', reason: 'For input string: "true"' }, { type: 'illegal_argument_exception', reason: 'For input string: "true"' },
    ]);
  });

  it('W2: a JSON number beyond an int or long is Jackson\'s input_coercion_exception (floats untruncated, previewed as Java doubles)', async () => {
    const ice = (text: string, range: string, col: number) => ({ type: 'input_coercion_exception', reason: `Numeric value (${text}) out of range of ${range}${AT}${col}]` });
    const INT = 'int (-2147483648 - 2147483647)';
    const LONG = 'long (-9223372036854775808 - 9223372036854775807)';
    expect(await item(fields, [
      '{"i": 2147483648}', '{"i": 2147483647.9}', '{"i": -2147483648.5}', '{"i": 1e20}', '{"i": 12345678901234567890123}',
      '{"l": 9223372036854775808}', '{"l": 9.3e18}', '{"l": 1e400}', '{"l": -1e19}',
      '{"sh": 32768}', '{"sh": 65519.9}', '{"sh": 2147483648}', '{"sh": 32767.9}',
      '{"by": 2147483648}', '{"by": 3e9}', '{"by": 128.5}', '{"by": 1e3}', '{"by": 127.9}',
    ])).toEqual([
      [400, "Preview of field's value: '2147483648'", ice('2147483648', INT, 17)],
      [400, "Preview of field's value: '2.1474836479E9'", ice('2147483647.9', INT, 19)],
      [400, "Preview of field's value: '-2.1474836485E9'", ice('-2147483648.5', INT, 20)],
      [400, "Preview of field's value: '1.0E20'", ice('1e20', INT, 11)],
      [400, "Preview of field's value: '12345678901234567890123'", ice('12345678901234567890123', INT, 30)],
      [400, "Preview of field's value: '9223372036854775808'", ice('9223372036854775808', LONG, 26)],
      [400, "Preview of field's value: '9.3E18'", ice('9.3e18', LONG, 13)],
      [400, "Preview of field's value: 'Infinity'", ice('1e400', LONG, 12)],
      [400, "Preview of field's value: '-1.0E19'", ice('-1e19', LONG, 12)],
      [400, "Preview of field's value: '32768'", ice('32768', 'Java short', 13)],
      [400, "Preview of field's value: '65519.9'", ice('65519.9', 'Java short', 15)],
      [400, "Preview of field's value: '2147483648'", ice('2147483648', INT, 18)],
      [201],
      [400, "Preview of field's value: '2147483648'", ice('2147483648', INT, 18)],
      [400, "Preview of field's value: '3.0E9'", ice('3e9', INT, 11)],
      [400, "Preview of field's value: '128.5'", { type: 'illegal_argument_exception', reason: 'Value [128] is out of range for a byte' }],
      [400, "Preview of field's value: '1000.0'", { type: 'illegal_argument_exception', reason: 'Value [1000] is out of range for a byte' }],
      [201],
    ]);
    // coerce: false reads the token first (its range), then refuses the fraction.
    expect(await item({ i: { type: 'integer', coerce: false }, l: { type: 'long', coerce: false } }, ['{"i": 3e9}', '{"i": 1.5}', '{"l": 1e20}', '{"l": 2.5}'])).toEqual([
      [400, "Preview of field's value: '3.0E9'", ice('3e9', INT, 10)],
      [400, "Preview of field's value: '1.5'", { type: 'illegal_argument_exception', reason: '1.5 cannot be converted to Integer without data loss' }],
      [400, "Preview of field's value: '1.0E20'", ice('1e20', LONG, 11)],
      [400, "Preview of field's value: '2.5'", { type: 'illegal_argument_exception', reason: '2.5 cannot be converted to Long without data loss' }],
    ]);
  });

  it('W3: strings are checked untruncated against the int (a byte too) or short range, a byte then names the int', async () => {
    const iae = (reason: string) => ({ type: 'illegal_argument_exception', reason });
    expect(await item(fields, [
      '{"i": "2147483647.9"}', '{"i": "-2147483648.5"}', '{"sh": "32767.9"}', '{"sh": "-32768.5"}',
      '{"by": "1e20"}', '{"by": "65519.9"}', '{"by": "1e3"}', '{"by": "2147483647.9"}', '{"by": "-128.5"}', '{"i": "NaN"}',
    ])).toEqual([
      [400, "Preview of field's value: '2147483647.9'", iae('Value [2147483647.9] is out of range for an integer')],
      [400, "Preview of field's value: '-2147483648.5'", iae('Value [-2147483648.5] is out of range for an integer')],
      [400, "Preview of field's value: '32767.9'", iae('Value [32767.9] is out of range for a short')],
      [400, "Preview of field's value: '-32768.5'", iae('Value [-32768.5] is out of range for a short')],
      [400, "Preview of field's value: '1e20'", iae('Value [1e20] is out of range for an integer')],
      [400, "Preview of field's value: '65519.9'", iae('Value [65519] is out of range for a byte')],
      [400, "Preview of field's value: '1e3'", iae('Value [1000] is out of range for a byte')],
      [400, "Preview of field's value: '2147483647.9'", iae('Value [2147483647.9] is out of range for an integer')],
      [201],
      [201],
    ]);
  });

  it('locates a token in a pretty-printed body and in a merged update', async () => {
    await call('PUT', '/n2', { mappings: { properties: { l: { type: 'long' }, sh: { type: 'short' }, by: { type: 'byte' } } } });
    const r = await call('PUT', '/n2/_doc/p', '{\n  "x": "é",\n    "l": [1,   true]\n}');
    expect(r.body.error.caused_by.reason).toBe(`Current token (VALUE_TRUE) not numeric, can not use numeric value accessors${AT.replace('line: 1, ', 'line: 3, ')}20]`);
    await call('PUT', '/n2/_doc/u', { zz: 'abc', i: 5 });
    const b = await call('POST', '/_bulk', nd([
      { update: { _index: 'n2', _id: 'u' } }, { doc: { l: true } },
      { update: { _index: 'n2', _id: 'v' } }, { doc: { aa: 1, sh: 40000 }, doc_as_upsert: true },
      { update: { _index: 'n2', _id: 'u' } }, { doc: { by: [1, false] } },
    ]));
    expect(b.body.items.map((i: any) => i.update.error.caused_by.reason)).toEqual([
      `Current token (VALUE_TRUE) not numeric, can not use numeric value accessors${AT}27]`,
      `Numeric value (40000) out of range of Java short${AT}19]`,
      `Current token (VALUE_FALSE) not numeric, can not use numeric value accessors${AT}32]`,
    ]);
  });
});

describe('class 12/E7: a dynamic-mapping conflict is raised after the whole document was parsed', () => {
  it('lets a later value error or strict refusal come first', async () => {
    await call('PUT', '/e7', { mappings: { properties: { e: { type: 'long' }, o: { type: 'object', dynamic: 'strict' } } } });
    const cases: [unknown, string, string][] = [
      [{ d: ['x', '2024-03-10'], e: 'str' }, 'mapper_parsing_exception', "failed to parse field [e] of type [long] in document with id '1'. Preview of field's value: 'str'"],
      [{ e: 'str', d: ['x', '2024-03-10'] }, 'mapper_parsing_exception', "failed to parse field [e] of type [long] in document with id '1'. Preview of field's value: 'str'"],
      [{ d: ['x', '2024-03-10'] }, 'illegal_argument_exception', 'mapper [d] cannot be changed from type [text] to [date]'],
      [{ d: [1, { a: 1 }], e: 'x' }, 'mapper_parsing_exception', "failed to parse field [e] of type [long] in document with id '1'. Preview of field's value: 'x'"],
      [{ d: [{ a: 1 }, 1], e: 'x' }, 'mapper_parsing_exception', "failed to parse field [e] of type [long] in document with id '1'. Preview of field's value: 'x'"],
      [{ d: ['x', '2024-03-10'], o: { z: 1 } }, 'strict_dynamic_mapping_exception', 'mapping set to strict, dynamic introduction of [z] within [o] is not allowed'],
      [{ d: ['x', '2024-03-10'], q: [1, 'a'] }, 'illegal_argument_exception', 'mapper [d] cannot be changed from type [text] to [date]'],
      [{ d: [1, 'x'], f: [{ a: 1 }, 2] }, 'illegal_argument_exception', 'mapper [d] cannot be changed from type [long] to [text]'],
      [{ n: { d: [1, 'x'] }, e: 'x' }, 'mapper_parsing_exception', "failed to parse field [e] of type [long] in document with id '1'. Preview of field's value: 'x'"],
      [{ n: { d: [1, 'x'] } }, 'illegal_argument_exception', 'mapper [n.d] cannot be changed from type [text] to [long]'],
      [{ d: [1, 'x', 2.5], e: 1 }, 'illegal_argument_exception', 'mapper [d] cannot be changed from type [long] to [text]'],
      [{ d: [1, '2024-01-01'], e: { a: 1 } }, 'mapper_parsing_exception', "failed to parse field [e] of type [long] in document with id '1'. Preview of field's value: '{a=1}'"],
    ];
    for (const [doc, type, reason] of cases) {
      const r = await call('PUT', '/e7/_doc/1', doc);
      expect([doc, r.status, r.body.error.type, r.body.error.reason]).toEqual([doc, 400, type, reason]);
    }
    expect((await call('GET', '/e7/_mapping')).body.e7.mappings).toEqual({ properties: { e: { type: 'long' }, o: { type: 'object', dynamic: 'strict' } } });
  });
});

describe('item errors of date and boolean fields beside class 14', () => {
  it('a JSON number in a boolean field is Jackson\'s json_parse_exception; a boolean in a date field is parsed as its text; "" is an empty date', async () => {
    const AT = '\n at [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1, column: ';
    await call('PUT', '/bd', { mappings: { properties: { b: { type: 'boolean' }, dt: { type: 'date' }, de: { type: 'date', format: 'epoch_millis' } } } });
    const docs = ['{"b": 1}', '{"b": 1.5}', '{"b": 1e20}', '{"b": -1}', '{"b": 12345678901234567890}', '{"dt": true}', '{"de": false}', '{"dt": ""}', '{"de": ""}'];
    const r = await call('POST', '/_bulk', docs.map((d, i) => `${JSON.stringify({ index: { _index: 'bd', _id: `d${i}` } })}\n${d}\n`).join(''));
    const causes = r.body.items.map((it: any) => [it.index.error.reason.replace(/^.*Preview/, 'Preview'), it.index.error.caused_by]);
    const multi = { type: 'date_time_parse_exception', reason: 'Failed to parse with all enclosed parsers' };
    expect(causes).toEqual([
      ["Preview of field's value: '1'", { type: 'json_parse_exception', reason: `Current token (VALUE_NUMBER_INT) not of boolean type${AT}8]` }],
      ["Preview of field's value: '1.5'", { type: 'json_parse_exception', reason: `Current token (VALUE_NUMBER_FLOAT) not of boolean type${AT}10]` }],
      ["Preview of field's value: '1.0E20'", { type: 'json_parse_exception', reason: `Current token (VALUE_NUMBER_FLOAT) not of boolean type${AT}11]` }],
      ["Preview of field's value: '-1'", { type: 'json_parse_exception', reason: `Current token (VALUE_NUMBER_INT) not of boolean type${AT}9]` }],
      ["Preview of field's value: '12345678901234567890'", { type: 'json_parse_exception', reason: `Current token (VALUE_NUMBER_INT) not of boolean type${AT}27]` }],
      ["Preview of field's value: 'true'", { type: 'illegal_argument_exception', reason: 'failed to parse date field [true] with format [strict_date_optional_time||epoch_millis]', caused_by: multi }],
      ["Preview of field's value: 'false'", { type: 'illegal_argument_exception', reason: 'failed to parse date field [false] with format [epoch_millis]', caused_by: multi }],
      ["Preview of field's value: ''", { type: 'illegal_argument_exception', reason: 'cannot parse empty date' }],
      ["Preview of field's value: ''", { type: 'illegal_argument_exception', reason: 'cannot parse empty date' }],
    ]);
  });
});

describe('class 14 residual: which dynamic conflict, in which direction, as createDynamicUpdate merges', () => {
  it('sorts the document\'s dynamic mappers by name and merges them as OpenSearch does', async () => {
    await call('PUT', '/mx', { mappings: { properties: { ex: { type: 'object' } } } });
    const changed = (f: string, a: string, b: string) => `mapper [${f}] cannot be changed from type [${a}] to [${b}]`;
    const nonObject = (f: string) => `can't merge a non object mapping [${f}] with an object mapping`;
    const cases: [unknown, string][] = [
      [{ v: [1, 1.5] }, changed('v', 'long', 'float')],
      [{ v: [1.5, 1] }, changed('v', 'float', 'long')],
      [{ o: { v: [1, 1.5] } }, changed('o.v', 'float', 'long')],
      [{ arr: [{ v: 1 }, { v: 1.5 }] }, changed('arr.v', 'float', 'long')],
      [{ ex: { v: [1, 1.5] } }, changed('ex.v', 'long', 'float')],
      [{ 'ex.v': [1, 'x'] }, changed('ex.v', 'long', 'text')],
      [{ v: 1, w: { v: 'x' }, v2: [true, 1] }, changed('v2', 'long', 'boolean')],
      [{ w: [1.5, true], v: [1, 'x'] }, changed('v', 'long', 'text')],
      [{ a: 1, b: [1, 'x', true] }, changed('b', 'text', 'long')],
      [{ m: [1, 'x', 1.5] }, changed('m', 'long', 'text')],
      [{ x: [1, { y: 2 }, 's'] }, changed('x', 'text', 'ObjectMapper')],
      [{ x: [1, { y: 2 }] }, nonObject('x')],
      [{ x: [{ y: 2 }, 1, 's'] }, nonObject('x')],
      [{ x: [1, 's', { y: 2 }] }, changed('x', 'long', 'text')],
      [{ x: [1, { y: 2 }], a: [1, 's'] }, changed('a', 'long', 'text')],
      [{ x: [1, { y: 2 }], z: [1, 's'] }, nonObject('x')],
      [{ q: [{ b: 1 }, { b: 'x' }], p: [1, {}] }, nonObject('p')],
      [{ x: [1, { y: [1, 's'] }] }, changed('x.y', 'text', 'long')],
      [{ x: [1, { y: 2 }], 'x.z': [true, 1] }, changed('x.z', 'long', 'boolean')],
      [{ k: [1, { a: 1 }], 'k.a': 's' }, changed('k.a', 'text', 'long')],
      [{ 'x.y': 1, x: { y: 's' } }, changed('x.y', 'text', 'long')],
      [{ ex: { v: [1, { y: 's' }] }, 'ex.w': [1, 's'] }, nonObject('ex.v')],
    ];
    for (const [doc, reason] of cases) {
      const r = await call('PUT', '/mx/_doc/1', doc);
      expect([doc, r.status, r.body.error?.reason]).toEqual([doc, 400, reason]);
    }
  });
});

describe('metadata fields in a document body', () => {
  it('refuses each value inside "failed to parse field" (none for []), names more metadata fields, refuses _primary_term/_doc_count', async () => {
    await call('PUT', '/md', {});
    const meta = (f: string, shown: string) => {
      const inner = `Field [${f}] is a metadata field and cannot be added inside a document. Use the index API request parameters.`;
      return { status: 400, body: { error: { root_cause: [{ type: 'mapper_parsing_exception', reason: inner }], type: 'mapper_parsing_exception',
        reason: `failed to parse field [${f}] of type [${f}] in document with id '1'. Preview of field's value: '${shown}'`,
        caused_by: { type: 'mapper_parsing_exception', reason: inner } }, status: 400 } };
    };
    expect(await call('PUT', '/md/_doc/1', '{"_id": "x"}')).toEqual(meta('_id', 'x'));
    expect(await call('PUT', '/md/_doc/1', '{"_source": null}')).toEqual(meta('_source', 'null'));
    expect(await call('PUT', '/md/_doc/1', '{"_routing": 1.50}')).toEqual(meta('_routing', '1.5'));
    expect(await call('PUT', '/md/_doc/1', '{"_version": {"a": 1}}')).toEqual(meta('_version', '{a=1}'));
    expect(await call('PUT', '/md/_doc/1', '{"_index": [[1], 2]}')).toEqual(meta('_index', '1'));
    expect(await call('PUT', '/md/_doc/1', '{"_seq_no": [null, 2]}')).toEqual(meta('_seq_no', 'null'));
    for (const f of ['_field_names', '_ignored', '_data_stream_timestamp', '_nested_path', '_feature']) {
      expect(await call('PUT', '/md/_doc/1', `{"${f}": "x"}`)).toEqual(meta(f, 'x'));
    }
    expect((await call('PUT', '/md/_doc/1', '{"_id": []}')).status).toBe(201);
    expect((await call('PUT', '/md/_doc/2', '{"_type": "x", "o": {"_id": 1}}')).status).toBe(201);
    for (const f of ['_primary_term', '_doc_count']) {
      expect((await call('PUT', '/md/_doc/3', `{"${f}": 5}`)).body.error.reason).toBe(`a document field named [${f}] is not supported by the embedded engine`);
    }
  });
});

describe('a dotted name through a mapped leaf or a metadata field', () => {
  it('is refused with "Could not dynamically add mapping" before anything else (a null is not)', async () => {
    await call('PUT', '/dl', { mappings: { dynamic: 'strict', properties: { v: { type: 'long' },
      o: { properties: { v: { type: 'long' }, p: { properties: { w: { type: 'keyword', fields: { raw: { type: 'keyword' } } } } } } } } } });
    const cannot = (key: string, path: string, type: string) =>
      `Could not dynamically add mapping for field [${key}]. Existing mapping for [${path}] must be of type object but found [${type}].`;
    const cases: [unknown, string][] = [
      [{ '_id.x': 1 }, cannot('_id.x', '_id', '_id')],
      [{ '_source.a': { b: 1 } }, cannot('_source.a', '_source', '_source')],
      [{ 'v.x': 1 }, cannot('v.x', 'v', 'long')],
      [{ 'v.x': [] }, cannot('v.x', 'v', 'long')],
      [{ 'v.x.y': 1 }, cannot('v.x.y', 'v', 'long')],
      [{ o: { 'v.x': 1 } }, cannot('v.x', 'o.v', 'long')],
      [{ 'o.v.x': 1 }, cannot('o.v.x', 'o.v', 'long')],
      [{ o: { 'p.w.z': [1] } }, cannot('p.w.z', 'o.p.w', 'keyword')],
      [{ 'o.p.w.raw': 'x' }, cannot('o.p.w.raw', 'o.p.w', 'keyword')],
    ];
    for (const [doc, reason] of cases) {
      const r = await call('PUT', '/dl/_doc/1', doc);
      expect([doc, r.body.error]).toEqual([doc, { root_cause: [{ type: 'mapper_parsing_exception', reason }], type: 'mapper_parsing_exception', reason }]);
    }
    expect((await call('PUT', '/dl/_doc/1', { 'o.q.z': 1 })).body.error.reason).toBe('mapping set to strict, dynamic introduction of [q] within [o] is not allowed');
    expect((await call('PUT', '/dl/_doc/1', { '_id.x': null })).body.error.reason).toBe('mapping set to strict, dynamic introduction of [_id.x] within [_doc] is not allowed');
    expect((await call('PUT', '/dl/_doc/1', { 'o.p.w': 'x' })).status).toBe(201);
  });
});
