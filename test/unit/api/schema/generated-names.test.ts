import { describe, expect, it } from 'vitest';
import { searchgateConfigSchema } from '../../../../src/config/searchgate.js';
import { assertNoNameCollisions, GeneratedNameError, generatedNameCollisions } from '../../../../src/catalog/generated-names.js';
import { buildIndexModel, type ExposedIndexConfig } from '../../../../src/catalog/index-model.js';
import { buildSchema } from '../../../../src/api/schema.js';
import { visibleIndex } from '../../../../src/access/visible.js';

/**
 * Generated names cannot collide (issue 11, item 4): refused at config load (types and query fields) and at
 * catalog load (names from the mappings), with a message naming both sources; never a 500 at request time or a
 * silently dropped field.
 */
const ix = (type: string, index = type.toLowerCase(), search = `${type.toLowerCase()}s`, get = `${type.toLowerCase()}One`): ExposedIndexConfig => ({
  index,
  type,
  search,
  get,
  lists: [],
});
const problems = (indices: unknown[]) => {
  const parsed = searchgateConfigSchema.safeParse({ security: { configDir: '.' }, indices });
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('config load: generated type and query field names', () => {
  it('types X and XHit (and every other generated suffix): refused, naming both indices', () => {
    for (const suffix of ['Hit', 'SearchResult', 'Where', 'OrderBy', 'SortField', 'Aggregations', 'TermsField', 'NumericField', 'DateField']) {
      const p = problems([ix('X'), ix(`X${suffix}`, 'other', 'others', 'other')]);
      expect(p, suffix).toHaveLength(1);
      expect(p[0]).toMatch(new RegExp(`^indices\\.1: type name "X${suffix}" would be generated twice: for indices\\[0\\] \\(index x, type X\\): its \\w+ type and for indices\\[1\\] \\(index other, type X${suffix}\\): its document type$`));
    }
  });

  it('a type the static schema defines, and the cross-index search names', () => {
    expect(problems([ix('PageInfo')])[0]).toMatch(/type name "PageInfo" would be generated twice: for schema\/\*\.graphql \(PageInfo\) and for indices\[0\]/);
    expect(problems([ix('Search')])[0]).toMatch(/"SearchHit".*the search across every index.*indices\[0\]/);
    expect(problems([ix('String')])[0]).toMatch(/"String".*schema/);
    expect(problems([ix('Security')])).toEqual([]);
    expect(problems([ix('SecurityAdmin')])[0]).toMatch(/SecurityAdmin/);
  });

  it('query fields: static ones, the cross-index search, and each other', () => {
    expect(problems([ix('Movie', 'movies', 'search', 'movie')])[0]).toMatch(/Query field "search" .*the search across every index.*indices\[0\].*: search/);
    expect(problems([ix('Movie', 'movies', 'movies', 'me')])[0]).toMatch(/Query field "me" .*schema\/\*\.graphql \(Query\.me\)/);
    expect(problems([ix('Movie', 'movies', 'savedSearches', 'movie')])[0]).toMatch(/savedSearches/);
    expect(problems([ix('Movie', 'movies', 'movies', 'movie'), ix('Film', 'films', 'movies', 'film')])[0]).toMatch(/Query field "movies".*indices\[0\].*indices\[1\]/);
    expect(problems([ix('Movie', 'movies', 'movies', 'movie'), ix('Movie', 'films', 'films', 'film')]).length).toBeGreaterThan(0);
  });

  it('distinct configurations pass', () => {
    expect(problems([ix('Movie', 'movies', 'movies', 'movie'), ix('Actor', 'actors', 'actors', 'actor')])).toEqual([]);
  });
});

describe('catalog load: names generated from mappings', () => {
  const model = (cfg: ExposedIndexConfig, properties: Record<string, unknown>) => buildIndexModel(cfg, { properties });
  const collide = (cfgs: ExposedIndexConfig[], props: Record<string, unknown>[]) => {
    const models = cfgs.map((c, i) => model(c, props[i] ?? {}));
    return generatedNameCollisions(cfgs, models).map((c) => `${c.scope}: ${c.name} <- ${c.first} | ${c.second}`);
  };
  const kw = { type: 'keyword' };

  it('enum values and where fields: `a.b` vs `a_b`, case-only differences', () => {
    const p = collide([ix('T')], [{ a: { properties: { b: kw } }, a_b: kw }]);
    expect(p).toContain(`where-input fields of TWhere: a_b <- field "a.b" of indices[0] (index t, type T) | field "a_b" of indices[0] (index t, type T)`);
    expect(p).toContain(`enum values of T's sort and aggregation enums: A_B <- field "a.b" of indices[0] (index t, type T) | field "a_b" of indices[0] (index t, type T)`);
    const cased = collide([ix('T')], [{ aB: kw, ab: kw }]);
    expect(cased).toHaveLength(1);
    expect(cased[0]).toMatch(/^enum values of T's sort and aggregation enums: AB <- field "(aB|ab)" of .* \| field "(aB|ab)" of /);
    expect(cased[0]).toContain('"aB"');
    expect(cased[0]).toContain('"ab"');
  });

  it('fields rewritten to one GraphQL name, and a field named like a where combinator', () => {
    const renamed = collide([ix('T')], [{ 'first-name': kw, first_name: kw }]);
    expect(renamed.find((c) => c.startsWith('fields of type T: first_name <- '))).toMatch(/field "first-name" of .* \| field "first_name" of |field "first_name" of .* \| field "first-name" of /);
    expect(collide([ix('T')], [{ not: kw }])).toEqual([`where-input fields of TWhere: not <- the "not" combinator | field "not" of indices[0] (index t, type T)`]);
  });

  it('nested object types against generated and configured types', () => {
    // An object field `hit` on `Movie` would make `MovieHit`, which is the hit type.
    expect(collide([ix('Movie')], [{ hit: { properties: { x: kw } } }])[0]).toMatch(/^type name: MovieHit <- indices\[0\] .*: its hit type \| object field "hit"/);
    expect(collide([ix('Movie'), ix('MovieActor', 'actors', 'actors', 'actor')], [{ actor: { properties: { name: kw } } }, { name: kw }])[0]).toMatch(/^type name: MovieActor <- indices\[1\].*its document type \| object field "actor"/);
    // Two objects whose names differ only in case of the first letter.
    expect(collide([ix('T')], [{ x: { properties: { a: kw } }, X: { properties: { a: kw } } }])[0]).toMatch(/^type name: TX </);
  });

  it('assertNoNameCollisions throws one error listing every collision', () => {
    const cfgs = [ix('T')];
    const models = [model(cfgs[0]!, { a: { properties: { b: kw } }, a_b: kw })];
    expect(() => assertNoNameCollisions(cfgs, models)).toThrow(GeneratedNameError);
    expect(() => assertNoNameCollisions(cfgs, models)).toThrow(/generated GraphQL names collide:\n {2}- where-input fields of TWhere "a_b" would be generated twice: for field "a.b"/);
  });

  it('a model the registry accepts builds a schema (no collision can reach schema building)', () => {
    const cfgs = [ix('Movie', 'movies', 'movies', 'movie'), ix('Actor', 'actors', 'actors', 'actor')];
    const models = [model(cfgs[0]!, { title: kw, cast: { properties: { name: kw } }, 'release-date': { type: 'date' } }), model(cfgs[1]!, { name: kw })];
    expect(generatedNameCollisions(cfgs, models)).toEqual([]);
    const all = { isVisible: () => true, isObjectVisible: () => true, maskerFor: () => undefined };
    const schema = buildSchema({
      key: 'k',
      indices: models.map((m) => ({ visible: visibleIndex(m, all), canGet: true, searchable: [m.config.index] })),
    });
    expect(Object.keys(schema.getTypeMap())).toEqual(expect.arrayContaining(['Movie', 'MovieCast', 'MovieHit', 'Actor', 'ActorWhere']));
  });
});
