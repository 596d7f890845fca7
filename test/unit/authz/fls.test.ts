import { describe, expect, it } from 'vitest';
import { mergeFls, parseFlsEntry, parseFlsRule } from '../../../src/authz/fls.js';

const vis = (...rules: string[][]) => mergeFls(rules.map(parseFlsRule));

describe('FLS', () => {
  it('includes: only named fields (and members of named objects) are visible', () => {
    const v = vis(['title', 'address']);
    expect(v.isRestricted).toBe(true);
    expect(v.mode).toBe('include');
    expect(v.isVisible('title')).toBe(true);
    expect(v.isVisible('title.keyword')).toBe(true);
    expect(v.isVisible('address.city')).toBe(true);
    expect(v.isVisible('plot')).toBe(false);
    expect(v.isVisible('titles')).toBe(false);
  });

  it('exclusions: ~title hides title and title.keyword, nothing else', () => {
    const v = vis(['~title']);
    expect(v.mode).toBe('exclude');
    expect(v.isVisible('title')).toBe(false);
    expect(v.isVisible('title.keyword')).toBe(false);
    expect(v.isVisible('title.raw')).toBe(false);
    expect(v.isVisible('subtitle')).toBe(true);
    expect(v.isVisible('plot')).toBe(true);
  });

  it('excluding an object hides all its members; ~x.keyword hides the subfield itself', () => {
    const v = vis(['~owner']);
    expect(v.isVisible('owner')).toBe(false);
    expect(v.isVisible('owner.email')).toBe(false);
    expect(v.isVisible('owner.name.keyword')).toBe(false);
    expect(v.isObjectVisible('owner')).toBe(false);
    expect(v.isVisible('ownership')).toBe(true);
    const k = vis(['~title.keyword']);
    expect(k.isVisible('title.keyword')).toBe(false);
  });

  it('globs and dotted paths; * crosses dots', () => {
    const v = vis(['~secret*']);
    expect(v.isVisible('secret')).toBe(false);
    expect(v.isVisible('secret_code')).toBe(false);
    expect(v.isVisible('secret.inner')).toBe(false);
    expect(v.isVisible('public')).toBe(true);
    const d = vis(['a.b.c']);
    expect(d.isVisible('a.b.c')).toBe(true);
    expect(d.isVisible('a.b.c.d')).toBe(true);
    expect(d.isVisible('a.b.x')).toBe(false);
    expect(d.isVisible('a')).toBe(false);
    expect(d.isObjectVisible('a')).toBe(true);
    expect(d.isObjectVisible('a.b')).toBe(true);
    expect(d.isObjectVisible('a.x')).toBe(false);
  });

  it('meta fields always stay visible', () => {
    for (const v of [vis(['title']), vis(['~*']), vis(['~_id'])]) {
      expect(v.isVisible('_id')).toBe(true);
      expect(v.isVisible('_index')).toBe(true);
    }
    expect(vis(['~*']).isVisible('title')).toBe(false);
  });

  it('merge: includes are a union', () => {
    const v = vis(['title'], ['year']);
    expect(v.isVisible('title')).toBe(true);
    expect(v.isVisible('year')).toBe(true);
    expect(v.isVisible('plot')).toBe(false);
  });

  it('merge: any exclusion means only exclusions count (within and across roles)', () => {
    const v = vis(['title'], ['~secret']);
    expect(v.mode).toBe('exclude');
    expect(v.isVisible('plot')).toBe(true);
    expect(v.isVisible('secret')).toBe(false);
    const w = vis(['title', '~title']);
    expect(w.isVisible('title')).toBe(false);
    expect(w.isVisible('other')).toBe(true);
    const x = vis(['~a'], ['~b']);
    expect(x.isVisible('a')).toBe(false);
    expect(x.isVisible('b')).toBe(false);
  });

  it('no rules or an include of * = everything visible', () => {
    expect(vis().isRestricted).toBe(false);
    expect(vis(['*']).isRestricted).toBe(false);
    expect(vis(['*'], ['title']).isVisible('anything')).toBe(true);
  });

  it('legacy ! prefix excludes; regex entries work; invalid entries are errors', () => {
    expect(vis(['!secret']).isVisible('secret')).toBe(false);
    expect(vis(['/ti.le/']).isVisible('title')).toBe(true);
    expect(() => parseFlsEntry('')).toThrow(/empty/);
    expect(() => parseFlsEntry('~')).toThrow(/names no field/);
    expect(() => parseFlsEntry('/[/')).toThrow(/invalid regular expression/);
    expect(() => parseFlsEntry('${user.name}')).toThrow(/variables/);
  });
});
