import { describe, expect, it } from 'vitest';
import { EngineError } from '../../../../src/engine/errors.js';
import { SearchIndex } from '../../../../src/engine/index/search-index.js';

function engineError(fn: () => unknown): EngineError {
  try {
    fn();
  } catch (e) {
    if (e instanceof EngineError) return e;
    throw e;
  }
  throw new Error('expected an EngineError');
}

describe('dynamic mapping', () => {
  it('maps new fields like OpenSearch defaults and renders GET _mapping alike', () => {
    const ix = new SearchIndex('m', {
      mappings: { properties: { a: { type: 'object', properties: { b: { type: 'keyword' } } }, d: { type: 'date', format: 'yyyy-MM-dd' }, n: { type: 'integer' } } },
    });
    ix.index('1', { s: 'hello World', i: 5, f: 1.5, b: true, dt: '2020-01-02', dt2: '2020-01-02T10:00:00Z', o: { x: 'y', z: { w: 1 } }, arr: [1, 2], nul: null, e: [], sn: '5', n: '7', emp: {} });
    const kw = { type: 'text', fields: { keyword: { type: 'keyword', ignore_above: 256 } } };
    expect(ix.getMappings()).toEqual({
      properties: {
        a: { properties: { b: { type: 'keyword' } } },
        arr: { type: 'long' }, b: { type: 'boolean' },
        d: { type: 'date', format: 'yyyy-MM-dd' }, dt: { type: 'date' }, dt2: { type: 'date' },
        emp: { type: 'object' }, f: { type: 'float' }, i: { type: 'long' }, n: { type: 'integer' },
        o: { properties: { x: kw, z: { properties: { w: { type: 'long' } } } } },
        s: kw, sn: kw,
      },
    });
    expect(Object.keys(ix.getMappings().properties as object)).toEqual([...Object.keys(ix.getMappings().properties as object)].sort());
  });

  it('treats dotted keys as object paths', () => {
    const ix = new SearchIndex('m');
    ix.index('1', { 'a.b': 'x' });
    expect(ix.getMappings()).toEqual({ properties: { a: { properties: { b: { type: 'text', fields: { keyword: { type: 'keyword', ignore_above: 256 } } } } } } });
  });

  it('refuses new fields under dynamic strict and leaves the index unchanged', () => {
    const ix = new SearchIndex('m', { mappings: { dynamic: 'strict', properties: { a: { type: 'integer' } } } });
    const e = engineError(() => ix.index('1', { a: 1, b: 1 }));
    expect(e.status).toBe(400);
    expect(e.type).toBe('strict_dynamic_mapping_exception');
    expect(e.reason).toBe('mapping set to strict, dynamic introduction of [b] within [_doc] is not allowed');
    expect(ix.docCount).toBe(0);
    expect(ix.getMappings()).toEqual({ dynamic: 'strict', properties: { a: { type: 'integer' } } });
  });

  it('stores but does not map unknown fields under dynamic false', () => {
    const ix = new SearchIndex('m', { mappings: { dynamic: false, properties: { a: { type: 'keyword' } } } });
    ix.index('1', { a: 'x', b: 'y' });
    expect(ix.get('1')?.source).toEqual({ a: 'x', b: 'y' });
    expect(ix.getMappings()).toEqual({ dynamic: 'false', properties: { a: { type: 'keyword' } } });
  });

  it('coerces numeric strings and truncates decimals on integer fields', () => {
    const ix = new SearchIndex('m', { mappings: { properties: { a: { type: 'integer' } } } });
    ix.index('1', { a: '5.7' });
    ix.index('2', { a: 5.2 });
    const fi = ix.fieldIndex('a');
    expect(fi?.kind).toBe('numeric');
    if (fi?.kind === 'numeric') {
      expect(fi.values(ix.ordOf('1')!)).toEqual([5]);
      expect(fi.values(ix.ordOf('2')!)).toEqual([5]);
    }
  });

  it('rejects unparsable values atomically: no dynamic field from a failed doc survives', () => {
    const ix = new SearchIndex('m', { mappings: { properties: { a: { type: 'integer' } } } });
    const e = engineError(() => ix.index('1', { newfield: 'x', a: 'xx' }));
    expect(e.type).toBe('mapper_parsing_exception');
    expect(e.reason).toBe("failed to parse field [a] of type [integer] in document with id '1'. Preview of field's value: 'xx'");
    expect(ix.getMappings()).toEqual({ properties: { a: { type: 'integer' } } });
    expect(ix.docCount).toBe(0);
    expect(engineError(() => ix.index('1', { a: true })).type).toBe('mapper_parsing_exception');
    expect(engineError(() => ix.index('1', { a: { x: 1 } })).type).toBe('mapper_parsing_exception');
  });

  it('rejects bad dates with the field format in the cause', () => {
    const ix = new SearchIndex('m', { mappings: { properties: { d: { type: 'date' } } } });
    const e = engineError(() => ix.index('3', { d: 'nope' }));
    expect(e.type).toBe('mapper_parsing_exception');
    expect(JSON.stringify(e.toBody())).toContain('strict_date_optional_time||epoch_millis');
  });

  it('rejects unknown types and parameters with OpenSearch messages', () => {
    const t = engineError(() => new SearchIndex('m', { mappings: { properties: { a: { type: 'foo' } } } }));
    expect(t.toBody()).toMatchObject({
      status: 400,
      error: { type: 'mapper_parsing_exception', reason: 'Failed to parse mapping [_doc]: No handler for type [foo] declared on field [a]', root_cause: [{ reason: 'No handler for type [foo] declared on field [a]' }] },
    });
    const p = engineError(() => new SearchIndex('m', { mappings: { properties: { a: { type: 'text', foo: 1 } } } }));
    expect(p.reason).toContain('unknown parameter [foo] on mapper [a] of type [text]');
    expect(engineError(() => new SearchIndex('m', { mappings: { properties: { a: { type: 'nested' } } } })).reason).toContain('nested');
  });

  it('merges PUT _mapping and refuses type changes', () => {
    const ix = new SearchIndex('m', { mappings: { properties: { a: { type: 'long' } } } });
    ix.putMappings({ properties: { b: { type: 'keyword' } } });
    expect(ix.getMappings()).toEqual({ properties: { a: { type: 'long' }, b: { type: 'keyword' } } });
    const e = engineError(() => ix.putMappings({ properties: { a: { type: 'text' } } }));
    expect(e.type).toBe('illegal_argument_exception');
    expect(e.reason).toBe('mapper [a] cannot be changed from type [long] to [text]');
    expect(ix.getMappings()).toEqual({ properties: { a: { type: 'long' }, b: { type: 'keyword' } } });
  });

  it('does not index keyword values above ignore_above', () => {
    const ix = new SearchIndex('m', { mappings: { properties: { k: { type: 'keyword', ignore_above: 3 } } } });
    ix.index('1', { k: 'abcd' });
    ix.index('2', { k: 'abc' });
    const fi = ix.fieldIndex('k');
    expect(fi?.kind === 'keyword' && fi.docs('abcd').length).toBe(0);
    expect(fi?.kind === 'keyword' && fi.docs('abc').length).toBe(1);
  });

  it('detects dates like OpenSearch: ISO and yyyy/MM/dd, not bare years or offsets in slash form', () => {
    const ix = new SearchIndex('m');
    ix.index('1', { iso: '2020-01-02T10:00', ym: '2020-01', slash: '2020/01/02', y: '2020', slashz: '2020/01/02 10:00:00 +0000', sp: ' 2020-01-01' });
    const p = ix.getMappings().properties as Record<string, unknown>;
    const text = { type: 'text', fields: { keyword: { type: 'keyword', ignore_above: 256 } } };
    expect(p.iso).toEqual({ type: 'date' });
    expect(p.ym).toEqual({ type: 'date' });
    expect(p.slash).toEqual({ type: 'date', format: 'yyyy/MM/dd HH:mm:ss||yyyy/MM/dd||epoch_millis', print_format: 'yyyy/MM/dd HH:mm:ss' });
    expect(p.y).toEqual(text);
    expect(p.slashz).toEqual(text);
    expect(p.sp).toEqual(text);
  });

  it('rejects arrays mixing dynamic types in a new field', () => {
    const ix = new SearchIndex('m');
    const e = engineError(() => ix.index('1', { mixed: [1, 'x'] }));
    expect(e.reason).toBe('mapper [mixed] cannot be changed from type [long] to [text]');
    expect(ix.getMappings()).toEqual({});
    ix.index('2', { ok: [1, 2], objs: [{ a: 1 }, { b: 'x' }], nulls: [null, 'z'], deep: [[1, 2], [3]] });
    expect(Object.keys(ix.getMappings().properties as object)).toEqual(['deep', 'objs', 'ok', 'nulls'].sort());
  });
});
