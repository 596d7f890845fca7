import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { flattenActionGroups } from '../../../src/authz/action-groups.js';
import { parseDlsTemplate, renderDls } from '../../../src/authz/dls.js';
import { mergeFls, parseFlsRule } from '../../../src/authz/fls.js';
import { buildFieldMasks, parseMaskExpression } from '../../../src/authz/masking.js';
import { compileNamePattern, compileTemplatePattern } from '../../../src/authz/patterns.js';
import { principal } from './helpers.js';

const segment = fc.stringMatching(/^[a-z_][a-z0-9_]{0,5}$/);
const path = fc.array(segment, { minLength: 1, maxLength: 4 }).map((s) => s.join('.'));
const flsEntry = fc.tuple(fc.boolean(), path, fc.boolean()).map(([excl, p, glob]) => `${excl ? '~' : ''}${p}${glob ? '*' : ''}`);
const flsRules = fc.array(fc.array(flsEntry, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 3 });

describe('properties', () => {
  it('FLS: an excluded path, its .keyword and its members are never visible', () => {
    fc.assert(
      fc.property(flsRules, path, path, (rules, excludedPath, member) => {
        const v = mergeFls([...rules, [`~${excludedPath}`]].map(parseFlsRule));
        expect(v.isVisible(excludedPath)).toBe(false);
        expect(v.isVisible(`${excludedPath}.keyword`)).toBe(false);
        expect(v.isVisible(`${excludedPath}.${member}`)).toBe(false);
        expect(v.isVisible(`${excludedPath}.${member}.keyword`)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('FLS: with includes only, a path is visible iff it or an enclosing object is included; .keyword follows its field', () => {
    fc.assert(
      fc.property(fc.array(fc.array(path, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 3 }), path, (rules, p) => {
        const v = mergeFls(rules.map(parseFlsRule));
        const included = rules.flat();
        const parts = p.split('.');
        const expected = parts.some((_, i) => included.includes(parts.slice(0, i + 1).join('.')));
        expect(v.isVisible(p)).toBe(expected);
        expect(v.isVisible(`${p}.keyword`)).toBe(v.isVisible(p));
      }),
      { numRuns: 300 },
    );
  });

  it('masking never returns the clear value (default hash, digests, any value type)', () => {
    const value = fc.oneof(
      fc.string({ minLength: 1 }).filter((s) => !/^[0-9a-f]{32,128}$/.test(s)),
      fc.integer(),
      fc.double({ noNaN: true }),
      fc.boolean(),
    );
    const method = fc.constantFrom('f', 'f::SHA-256', 'f::SHA-1', 'f::MD5');
    const mode = fc.constantFrom('legacy' as const, 'v3' as const);
    fc.assert(
      fc.property(value, method, mode, (v, m, md) => {
        const masker = buildFieldMasks([parseMaskExpression(m)], { salt: 'e1ukloTsQlOgPquJ', mode: md }).maskerFor('f');
        if (!masker) throw new Error('expected a masker');
        const out = masker(v);
        expect(out).not.toBe(String(v));
        expect(out).toMatch(/^[0-9a-f]+$/);
        expect(masker(v)).toBe(out);
      }),
      { numRuns: 300 },
    );
  });

  it('DLS: any user name or role list stays a value, the query shape never changes', () => {
    const t = parseDlsTemplate('{"bool": {"filter": [{"term": {"owner": "${user.name}"}}, {"terms": {"g": [${user.roles}]}}, {"match": {"p": "x-${user.name}"}}]}}');
    fc.assert(
      fc.property(fc.string(), fc.array(fc.string(), { maxLength: 4 }), (name, backendRoles) => {
        const out = renderDls({ kind: 'restricted', queries: [t], securityRoles: [] }, principal({ name, backendRoles }));
        expect(out).toEqual({
          bool: { filter: [{ term: { owner: name } }, { terms: { g: backendRoles } }, { match: { p: `x-${name}` } }] },
        });
      }),
      { numRuns: 300 },
    );
  });

  it('patterns: globs treat everything but * and ? literally; template values never act as patterns', () => {
    const literal = fc.string().filter((s) => !s.includes('*') && !s.includes('?') && s.trim() !== '' && !(s.startsWith('/') && s.endsWith('/')) && !s.includes('${') && !s.includes('$${'));
    fc.assert(
      fc.property(literal, fc.string(), fc.string(), (prefix, rest, name) => {
        expect(compileNamePattern(`${prefix}*`).test(prefix + rest)).toBe(true);
        expect(compileNamePattern(prefix).test(prefix + rest)).toBe(rest === '');
        const tpl = compileTemplatePattern('idx-${user.name}');
        if (tpl.kind !== 'template') throw new Error('expected template');
        const m = tpl.bind({ principal: principal({ name }), securityRoles: [] });
        expect(m.test(`idx-${name}`)).toBe(true);
        if (rest !== '') expect(m.test(`idx-${name}${rest}`)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('action groups: every group grants its members and everything its member groups grant (cycles included)', () => {
    const names = ['a', 'b', 'c', 'd', 'e'];
    const table = fc.dictionary(fc.constantFrom(...names), fc.array(fc.constantFrom(...names, 'x:1', 'x:2', 'x:3'), { maxLength: 4 }));
    fc.assert(
      fc.property(table, (t) => {
        const map = new Map(Object.entries(t));
        const flat = flattenActionGroups(map);
        for (const [g, members] of map) {
          const set = flat.get(g)!;
          for (const m of members) {
            expect(set.has(m)).toBe(true);
            const nested = flat.get(m);
            if (nested && m !== g) for (const n of nested) expect(set.has(n)).toBe(true);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
