import { describe, expect, it } from 'vitest';
import { mergeFls, parseFlsRule } from '../../../src/authz/fls.js';
import { buildIndexModel } from '../../../src/catalog/index-model.js';
import { visibleIndex, type VisibleField } from '../../../src/access/visible.js';

/** src/access/visible.ts asks object visibility and leaf visibility separately (issue 11, item 2). */
const model = buildIndexModel(
  { index: 'i', type: 'T', search: 'ts', get: 't', lists: [] },
  {
    properties: {
      name: { type: 'keyword' },
      secret: { type: 'keyword' },
      address: { properties: { city: { type: 'keyword' }, street: { type: 'keyword' }, geo: { properties: { lat: { type: 'float' } } } } },
      manager: { properties: { name: { type: 'keyword' }, email: { type: 'keyword' } } },
    },
  },
);
const shape = (fields: readonly VisibleField[]): unknown =>
  Object.fromEntries(fields.map((f) => [f.name, f.kind === 'object' ? shape(f.children) : f.kind]));
const view = (fls: string[]) => {
  const v = mergeFls([parseFlsRule(fls)]);
  return visibleIndex(model, { isVisible: v.isVisible, isObjectVisible: v.isObjectVisible, maskerFor: () => undefined });
};

describe('visible fields with FLS on object members', () => {
  it('includes of members show their objects with just those members', () => {
    const v = view(['name', 'address.city', 'manager.*', 'address.geo.lat']);
    expect(shape(v.fields)).toEqual({ name: 'keyword', address: { city: 'keyword', geo: { lat: 'float' } }, manager: { email: 'keyword', name: 'keyword' } });
    expect([...v.leaves.keys()].sort()).toEqual(['address.city', 'address.geo.lat', 'manager.email', 'manager.name', 'name']);
    expect(v.clearLeaves.map((f) => f.path)).not.toContain('address.street');
  });

  it('excludes of members keep the object with the rest; excluding every member drops it', () => {
    expect(shape(view(['~address.street', '~address.geo']).fields)).toEqual({
      name: 'keyword',
      secret: 'keyword',
      address: { city: 'keyword' },
      manager: { email: 'keyword', name: 'keyword' },
    });
    expect(shape(view(['~manager.name', '~manager.email']).fields)).not.toHaveProperty('manager');
  });

  it('an include naming no member of an object leaves it out', () => {
    expect(shape(view(['name']).fields)).toEqual({ name: 'keyword' });
  });
});
