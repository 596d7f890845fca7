import { getIntrospectionQuery, Kind, parse, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, effectiveLimits } from '../../../../src/authz/limits.js';
import { checkLimits, evaluateCost, measureOperation, type RootKind } from '../../../../src/api/kernel/limits.js';
import { AGGREGATION_COSTS } from '../../../../src/api/search/aggregations/kinds.js';
import { HISTOGRAM_BUCKETS } from '../../../../src/api/search/aggregations/type-helpers.js';
import { nestingDepth } from '../../../../src/api/kernel/variables.js';

const kinds = new Map<string, RootKind>([['movies', 'search'], ['movie', 'get'], ['search', 'search'], ['runSavedSearch', 'saved']]);

function measure(text: string) {
  const doc = parse(text);
  const op = doc.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  return measureOperation(doc, op, { rootKinds: kinds, aggregations: AGGREGATION_COSTS });
}

describe('measureOperation', () => {
  it('counts depth, aliases, root fields and searches through fragments', () => {
    const m = measure(`{
      a: movies(first: 5) { hits { id document { ...D } } }
      movie(id: "x") { title }
      me { name }
      ... on Query { b: movies { total } }
    }
    fragment D on Movie { title t2: year }`);
    expect(m).toMatchObject({ depth: 4, aliases: 3, rootFields: 4, searches: 3 });
    // a: 1 + 5 x 3 leaves; movie: 1 + 1; me: 1; b: 1 (no hits selected)
    expect(evaluateCost(m.cost, {})).toBe(16 + 2 + 1 + 1);
  });

  it('charges aggregations by their buckets', () => {
    const m = measure('{ movies(first: 0) { aggregations { terms(field: YEAR, size: 50) { key } stats(field: YEAR) { min } h: histogram(field: YEAR, interval: 1) { key } } } }');
    expect(evaluateCost(m.cost, {})).toBe(1 + 50 + 1 + HISTOGRAM_BUCKETS);
  });

  it('reads page and bucket sizes from variables, with the field default when absent', () => {
    const m = measure('query($n: Int, $s: Int) { movies(first: $n) { hits { id } aggregations { terms(field: YEAR, size: $s) { key } } } }');
    expect(evaluateCost(m.cost, { n: 100, s: 7 })).toBe(1 + 100 + 7);
    expect(evaluateCost(m.cost, {})).toBe(1 + 10 + 10);
    expect(evaluateCost(m.cost, { n: null })).toBe(1 + 10 + 10);
  });

  it('measures fragment multiplication without expanding it', () => {
    const frags = ['fragment F0 on Movie { title }'];
    for (let i = 1; i <= 60; i++) frags.push(`fragment F${i} on Movie { ...F${i - 1} ...F${i - 1} }`);
    const started = performance.now();
    const m = measure(`{ movies(first: 1) { hits { document { ...F60 } } } } ${frags.join(' ')}`);
    expect(performance.now() - started).toBeLessThan(200);
    expect(evaluateCost(m.cost, {})).toBeGreaterThan(2 ** 59);
    expect(checkLimits(m, DEFAULT_LIMITS, {})?.extensions.limit).toBe('maxCost');
  });

  it('does not count introspection depth (graphql-js bounds it), but counts everything else', () => {
    const m = measure(getIntrospectionQuery());
    expect(m.depth).toBe(0);
    expect(m.rootFields).toBe(1);
    expect(checkLimits(m, DEFAULT_LIMITS, {})).toBeUndefined();
    const names = ['me', 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l'];
    const deep = measure(`{ ${names.join(' { ')} ${' }'.repeat(names.length - 1)} }`);
    expect(deep.depth).toBe(13);
    expect(checkLimits(deep, DEFAULT_LIMITS, {})?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'maxDepth', value: 13, max: 12 });
  });

  it('treats unknown and cyclic fragments as empty (validation refuses them)', () => {
    expect(() => measure('{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }')).not.toThrow();
    expect(measure('{ ...Missing }').rootFields).toBe(0);
  });
});

describe('effectiveLimits', () => {
  const perRole = { exporter: { maxCost: 100_000, maxPageSize: 1000 }, tight: { maxCost: 10, maxSearches: 1 } };
  it('is the defaults for callers without overriding roles', () => {
    expect(effectiveLimits(DEFAULT_LIMITS, perRole, [])).toEqual(DEFAULT_LIMITS);
    expect(effectiveLimits(DEFAULT_LIMITS, perRole, ['reader'])).toEqual(DEFAULT_LIMITS);
  });
  it('takes a single role\'s overrides, lower or higher than the defaults', () => {
    expect(effectiveLimits(DEFAULT_LIMITS, perRole, ['tight'])).toMatchObject({ maxCost: 10, maxSearches: 1, maxDepth: DEFAULT_LIMITS.maxDepth });
    expect(effectiveLimits(DEFAULT_LIMITS, perRole, ['exporter'])).toMatchObject({ maxCost: 100_000, maxPageSize: 1000 });
  });
  it('takes the most generous of several roles, a role without overrides counting as the defaults', () => {
    expect(effectiveLimits(DEFAULT_LIMITS, perRole, ['tight', 'exporter'])).toMatchObject({ maxCost: 100_000, maxSearches: DEFAULT_LIMITS.maxSearches });
    expect(effectiveLimits(DEFAULT_LIMITS, perRole, ['tight', 'reader'])).toMatchObject({ maxCost: DEFAULT_LIMITS.maxCost, maxSearches: DEFAULT_LIMITS.maxSearches });
  });
});

describe('nestingDepth', () => {
  it('measures without recursion and stops early', () => {
    let v: unknown = 1;
    for (let i = 0; i < 200_000; i++) v = [v];
    expect(nestingDepth(v, 64)).toBe(65);
    expect(nestingDepth({ a: [{ b: 1 }] }, 64)).toBe(3);
    expect(nestingDepth('x', 64)).toBe(0);
  });
});

describe('groupDepth (free text)', () => {
  it('counts nested groups, not parentheses inside phrases or escaped ones', async () => {
    const { groupDepth } = await import('../../../../src/api/search/where/text.js');
    expect(groupDepth('thor')).toBe(0);
    expect(groupDepth('(a | (b + c)) (d)')).toBe(2);
    expect(groupDepth('"((((" \\( \\)')).toBe(0);
    expect(groupDepth(')))(((')).toBe(3);
    expect(groupDepth('('.repeat(100_000))).toBe(100_000);
  });
});
