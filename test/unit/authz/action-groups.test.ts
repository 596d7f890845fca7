import { describe, expect, it } from 'vitest';
import { compileActionMatcher, flattenActionGroups, resolveActions } from '../../../src/authz/action-groups.js';
import { BUILTIN_ACTION_GROUPS } from '../../../src/config/security/builtins.js';

const builtinTable = new Map(Object.entries(BUILTIN_ACTION_GROUPS).map(([k, v]) => [k, v.allowed_actions]));

describe('action groups', () => {
  it('built-in nesting: crud = read + write; search and get grant what reads need', () => {
    const flat = flattenActionGroups(builtinTable);
    const crud = compileActionMatcher(resolveActions(flat, ['crud']));
    expect(crud.test('indices:data/read/search')).toBe(true);
    expect(crud.test('indices:data/write/index')).toBe(true);
    expect(crud.test('indices:admin/delete')).toBe(false);
    const read = compileActionMatcher(resolveActions(flat, ['read']));
    expect(read.test('indices:data/read/search')).toBe(true);
    expect(read.test('indices:data/read/get')).toBe(true);
    expect(read.test('indices:data/write/index')).toBe(false);
    const search = compileActionMatcher(resolveActions(flat, ['search']));
    expect(search.test('indices:data/read/search')).toBe(true);
    expect(search.test('indices:data/read/suggest')).toBe(true);
    expect(search.test('indices:data/read/get')).toBe(false);
    const get = compileActionMatcher(resolveActions(flat, ['get']));
    expect(get.test('indices:data/read/get')).toBe(true);
    expect(get.test('indices:data/read/search')).toBe(false);
    const composite = resolveActions(flat, ['cluster_composite_ops']);
    expect(composite).toContain('indices:data/read/mget');
    expect(compileActionMatcher(resolveActions(flat, ['data_access'])).test('indices:data/write/delete')).toBe(true);
  });

  it('custom groups nest through built-ins, several levels deep', () => {
    const table = new Map(builtinTable);
    table.set('level1', ['level2']);
    table.set('level2', ['level3']);
    table.set('level3', ['get', 'indices:monitor/stats']);
    const m = compileActionMatcher(resolveActions(flattenActionGroups(table), ['level1']));
    expect(m.test('indices:data/read/get')).toBe(true);
    expect(m.test('indices:monitor/stats')).toBe(true);
    expect(m.test('indices:data/read/search')).toBe(false);
  });

  it('cycles are tolerated and the members share the union', () => {
    const table = new Map<string, string[]>([
      ['a', ['b', 'action:a']],
      ['b', ['c', 'action:b']],
      ['c', ['a', 'action:c']],
      ['self', ['self', 'action:self']],
    ]);
    const flat = flattenActionGroups(table);
    for (const g of ['a', 'b', 'c']) {
      const m = compileActionMatcher(resolveActions(flat, [g]));
      expect(['action:a', 'action:b', 'action:c'].every((x) => m.test(x))).toBe(true);
    }
    expect(compileActionMatcher(resolveActions(flat, ['self'])).test('action:self')).toBe(true);
    expect(compileActionMatcher(resolveActions(flat, ['self'])).test('action:a')).toBe(false);
  });

  it('unknown names are kept as literal actions and patterns', () => {
    const m = compileActionMatcher(resolveActions(flattenActionGroups(new Map()), ['indices:data/read/*', 'nosuchgroup']));
    expect(m.test('indices:data/read/search')).toBe(true);
    expect(m.test('nosuchgroup')).toBe(true);
    expect(m.test('indices:data/write/index')).toBe(false);
  });
});
