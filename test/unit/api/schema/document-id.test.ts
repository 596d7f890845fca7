import { GraphQLNonNull, GraphQLObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { generatedNameCollisions } from '../../../../src/catalog/generated-names.js';
import { buildIndexModel, type ExposedIndexConfig } from '../../../../src/catalog/index-model.js';
import { buildSchema } from '../../../../src/api/schema.js';
import { documentIdFieldName } from '../../../../src/catalog/names.js';
import { visibleIndex } from '../../../../src/access/visible.js';

/**
 * Every document type carries the document's `_id` so client caches can normalise documents (issue 15, item
 * 10): as `id`, or as `_id` when the mapping has its own top-level `id` field, decided from the mapping alone.
 */
const cfg = (type: string): ExposedIndexConfig => ({ index: type.toLowerCase(), type, search: `${type.toLowerCase()}s`, get: type.toLowerCase(), lists: [] });
const kw = { type: 'keyword' };
const all = { isVisible: () => true, isObjectVisible: () => true, maskerFor: () => undefined };
const only = (paths: string[]) => ({ isVisible: (p: string) => paths.includes(p), isObjectVisible: (p: string) => paths.some((x) => x.startsWith(`${p}.`)), maskerFor: () => undefined });

function schemaFor(type: string, properties: Record<string, unknown>, visibility: typeof all = all) {
  const model = buildIndexModel(cfg(type), { properties });
  return buildSchema({ key: 'k', indices: [{ visible: visibleIndex(model, visibility as never), canGet: true, searchable: [model.config.index] }] });
}
const fieldsOf = (schema: ReturnType<typeof buildSchema>, type: string) => (schema.getType(type) as GraphQLObjectType).getFields();

describe('the document id field', () => {
  it('is `id: ID!` on the document type, not on nested object types', () => {
    const schema = schemaFor('Movie', { title: kw, cast: { properties: { name: kw } } });
    const id = fieldsOf(schema, 'Movie').id!;
    expect(String(id.type)).toBe('ID!');
    expect(id.type).toBeInstanceOf(GraphQLNonNull);
    expect(Object.keys(fieldsOf(schema, 'MovieCast'))).toEqual(['name']);
  });

  it('is there for a caller who sees only some fields (the _id is already in every hit)', () => {
    const schema = schemaFor('Movie', { title: kw, secret: kw }, only(['title']) as never);
    expect(Object.keys(fieldsOf(schema, 'Movie')).sort()).toEqual(['id', 'title']);
  });

  it('is `_id` when the mapping has its own `id`, which keeps its name and type, whatever the caller may see', () => {
    const props = { id: { type: 'long' }, title: kw };
    const full = schemaFor('Item', props);
    expect(String(fieldsOf(full, 'Item')._id!.type)).toBe('ID!');
    expect(String(fieldsOf(full, 'Item').id!.type)).not.toBe('ID!');
    // A caller who may not see the mapping's `id` still gets `_id`, not an `id` meaning something else.
    const limited = schemaFor('Item', props, only(['title']) as never);
    expect(Object.keys(fieldsOf(limited, 'Item')).sort()).toEqual(['_id', 'title']);
    expect(documentIdFieldName(['title'])).toBe('id');
    expect(documentIdFieldName(['id', 'title'])).toBe('_id');
  });

  it('resolves to the _id the projection put on the document', async () => {
    const schema = schemaFor('Movie', { title: kw });
    const { projectDocument } = await import('../../../../src/api/document/project.js');
    const model = buildIndexModel(cfg('Movie'), { properties: { title: kw } });
    const doc = projectDocument({ title: 'Thor', id: 'not-this' }, visibleIndex(model, all as never), 'tt0800369');
    expect(fieldsOf(schema, 'Movie').id!.resolve!(doc, {}, {}, {} as never)).toBe('tt0800369');
    expect(Object.keys(doc)).toEqual(['title']);
  });

  it('the name registry knows it: a mapping field that would also become `_id` is refused, naming both', () => {
    const c = cfg('Item');
    const collisions = generatedNameCollisions([c], [buildIndexModel(c, { properties: { id: kw, '-id': kw } })]);
    expect(collisions.map((x) => `${x.scope}: ${x.name} <- ${x.first} | ${x.second}`)).toContain(
      `fields of type Item: _id <- the document's _id (Item._id) | field "-id" of indices[0] (index item, type Item)`,
    );
    expect(generatedNameCollisions([c], [buildIndexModel(c, { properties: { id: kw, title: kw } })])).toEqual([]);
  });
});
