import { describe, expect, it } from 'vitest';
import type { Principal } from '../../../src/auth/principal.js';
import { DlsVariableError, parseDlsTemplate, renderDls, type DlsRule } from '../../../src/authz/dls.js';
import { DLS_QUERY_TYPES } from '../../../src/authz/dsl-subset.js';
import { InvalidRuleError } from '../../../src/authz/rule-error.js';
import { principal } from './helpers.js';

const rule = (sources: string[], securityRoles: string[] = ['r1']): DlsRule => ({
  kind: 'restricted',
  queries: sources.map(parseDlsTemplate),
  securityRoles,
});
const render = (source: string, p: Principal = principal(), roles: string[] = ['r1']) => renderDls(rule([source], roles), p);

describe('DLS rendering', () => {
  it('unrestricted renders null; one query as is; several OR-ed with minimum_should_match 1', () => {
    expect(renderDls({ kind: 'unrestricted' }, principal())).toBeNull();
    expect(render('{"match": {"FlightDelay": true}}')).toEqual({ match: { FlightDelay: true } });
    expect(renderDls(rule(['{"term": {"a": 1}}', '{"term": {"b": 2}}']), principal())).toEqual({
      bool: { should: [{ term: { a: 1 } }, { term: { b: 2 } }], minimum_should_match: 1 },
    });
  });

  it('every variable and its _ form', () => {
    const p = principal({
      name: 'alice',
      backendRoles: ['dev', 'ops'],
      attributes: { 'internal.dept': 'sales', 'jwt.org_id': 7, 'proxy.region': 'eu', 'jwt.groups': ['g1', 'g2'] },
    });
    const q = (s: string) => render(s, p, ['r1', 'r2']);
    expect(q('{"term": {"owner": "${user.name}"}}')).toEqual({ term: { owner: 'alice' } });
    expect(q('{"term": {"owner": "${user_name}"}}')).toEqual({ term: { owner: 'alice' } });
    expect(q('{"terms": {"roles": [${user.roles}]}}')).toEqual({ terms: { roles: ['dev', 'ops'] } });
    expect(q('{"terms": {"roles": [${user_roles}]}}')).toEqual({ terms: { roles: ['dev', 'ops'] } });
    expect(q('{"terms": {"sr": [${user.securityRoles}]}}')).toEqual({ terms: { sr: ['r1', 'r2'] } });
    expect(q('{"terms": {"sr": [${user_securityRoles}]}}')).toEqual({ terms: { sr: ['r1', 'r2'] } });
    expect(q('{"term": {"dept": "${attr.internal.dept}"}}')).toEqual({ term: { dept: 'sales' } });
    expect(q('{"term": {"dept": "${attr_internal_dept}"}}')).toEqual({ term: { dept: 'sales' } });
    expect(q('{"term": {"org": "${attr.jwt.org_id}"}}')).toEqual({ term: { org: 7 } });
    expect(q('{"term": {"org": "${attr_jwt_org_id}"}}')).toEqual({ term: { org: 7 } });
    expect(q('{"range": {"level": {"lte": ${attr.jwt.org_id}}}}')).toEqual({ range: { level: { lte: 7 } } });
    expect(q('{"term": {"region": "${attr.proxy.region}"}}')).toEqual({ term: { region: 'eu' } });
    expect(q('{"terms": {"g": [${attr.jwt.groups}]}}')).toEqual({ terms: { g: ['g1', 'g2'] } });
    expect(q('{"terms": {"g": "${attr.jwt.groups}"}}')).toEqual({ terms: { g: ['g1', 'g2'] } });
    expect(q('{"term": {"path": "/home/${user.name}/${attr.proxy.region}"}}')).toEqual({ term: { path: '/home/alice/eu' } });
    expect(q('{"terms": {"roles": ["${user.roles}"]}}')).toEqual({ terms: { roles: ['dev', 'ops'] } });
  });

  it('an undefined variable throws DlsVariableError (deny), never an empty or match-all filter', () => {
    expect(() => render('{"term": {"dept": "${attr.internal.dept}"}}')).toThrow(DlsVariableError);
    expect(() => render('{"term": {"dept": "${attr_jwt_missing}"}}')).toThrow(/undefined variable/);
    const p = principal({ attributes: { 'jwt.obj': { a: 1 }, 'jwt.nil': null } });
    expect(() => render('{"term": {"x": "${attr.jwt.obj}"}}', p)).toThrow(DlsVariableError);
    expect(() => render('{"term": {"x": "${attr.jwt.nil}"}}', p)).toThrow(DlsVariableError);
    expect(() => render('{"range": {"x": {"gte": ${user.name}}}}', principal({ name: 'alice' }))).toThrow(/not a number/);
  });

  it('empty role lists give an empty terms list (matches nothing)', () => {
    expect(render('{"terms": {"roles": [${user.roles}]}}')).toEqual({ terms: { roles: [] } });
  });

  it('templates are parsed once; rendering gives fresh objects each time', () => {
    const r = rule(['{"term": {"a": "x"}}']);
    const one = renderDls(r, principal()) as { term: { a: string } };
    one.term.a = 'changed';
    expect(renderDls(r, principal())).toEqual({ term: { a: 'x' } });
  });
});

describe('DLS injection attempts stay values', () => {
  const evil = [
    'x" } }, {"match_all": {',
    'x"}},{"match_all":{}},{"term":{"a":"',
    '${user.roles}',
    '${attr.jwt.admin}',
    '\\" OR 1=1',
    '{}',
    '"',
    'a\nb',
    '*',
  ];

  it('a user name with quotes, braces or ${...} is one string value', () => {
    for (const name of evil) {
      const out = render('{"term": {"owner.name.keyword": "${user.name}"}}', principal({ name, backendRoles: ['admin'] }));
      expect(out).toEqual({ term: { 'owner.name.keyword': name } });
    }
  });

  it('inside a longer string it is concatenated text, never structure', () => {
    for (const name of evil) {
      const out = render('{"match_phrase": {"path": "users/${user.name}/docs"}}', principal({ name }));
      expect(out).toEqual({ match_phrase: { path: `users/${name}/docs` } });
    }
  });

  it('backend roles and attributes are array elements, whatever they contain', () => {
    const backendRoles = ['a"]}},{"match_all":{}}', '${user.name}', 'b'];
    expect(render('{"terms": {"roles": [${user.roles}]}}', principal({ backendRoles }))).toEqual({ terms: { roles: backendRoles } });
    const attrs = { 'jwt.groups': ['x"]', '${user.roles}'], 'jwt.dept': '"},"match_all":{' };
    expect(render('{"terms": {"g": [${attr.jwt.groups}]}}', principal({ attributes: attrs }))).toEqual({ terms: { g: attrs['jwt.groups'] } });
    expect(render('{"term": {"d": "${attr.jwt.dept}"}}', principal({ attributes: attrs }))).toEqual({ term: { d: attrs['jwt.dept'] } });
  });

  it('a value cannot become a number, an object or a query where a bare variable stands', () => {
    expect(() => render('{"range": {"lvl": {"lte": ${attr.jwt.x}}}}', principal({ attributes: { 'jwt.x': '1}}, {"match_all": {}' } }))).toThrow(
      DlsVariableError,
    );
    expect(render('{"range": {"lvl": {"lte": ${attr.jwt.x}}}}', principal({ attributes: { 'jwt.x': '5' } }))).toEqual({ range: { lvl: { lte: 5 } } });
  });

  it('wildcard values are escaped so * and ? in a name match themselves', () => {
    expect(render('{"wildcard": {"owner": "${user.name}*"}}', principal({ name: '*' }))).toEqual({ wildcard: { owner: '\\**' } });
    expect(render('{"wildcard": {"owner": {"value": "${user.name}"}}}', principal({ name: 'a?b\\' }))).toEqual({
      wildcard: { owner: { value: 'a\\?b\\\\' } },
    });
    expect(render('{"prefix": {"owner": "${user.name}"}}', principal({ name: '*' }))).toEqual({ prefix: { owner: '*' } });
  });

  it('values are never re-substituted', () => {
    const p = principal({ name: '${attr.jwt.secret}', attributes: { 'jwt.secret': 'leak' } });
    expect(render('{"term": {"o": "${user.name}"}}', p)).toEqual({ term: { o: '${attr.jwt.secret}' } });
  });
});

describe('DLS validation', () => {
  const bad = (source: string, message: RegExp) => {
    expect(() => parseDlsTemplate(source)).toThrow(InvalidRuleError);
    expect(() => parseDlsTemplate(source)).toThrow(message);
  };

  it('exports the subset', () => {
    expect([...DLS_QUERY_TYPES].sort()).toEqual(
      ['bool', 'exists', 'ids', 'match', 'match_all', 'match_none', 'match_phrase', 'multi_match', 'prefix', 'range', 'simple_query_string', 'term', 'terms', 'wildcard'].sort(),
    );
  });

  it('accepts every supported type in its usual shapes', () => {
    const ok = [
      '{"match_all": {}}',
      '{"match_none": {}}',
      '{"match": {"title": "thor"}}',
      '{"match": {"title": {"query": "thor", "operator": "and", "fuzziness": "AUTO"}}}',
      '{"match_phrase": {"plot": {"query": "god of thunder", "slop": 2}}}',
      '{"multi_match": {"query": "thor", "fields": ["title^2", "plot"], "type": "best_fields"}}',
      '{"simple_query_string": {"query": "thor -loki", "fields": ["title"]}}',
      '{"term": {"year": 2011}}',
      '{"term": {"year": {"value": 2011, "boost": 2}}}',
      '{"terms": {"genres": ["Action", "Drama"], "boost": 1.5}}',
      '{"range": {"year": {"gte": 2000, "lt": "2020"}}}',
      '{"exists": {"field": "plot"}}',
      '{"prefix": {"title": "Tho"}}',
      '{"wildcard": {"title": {"value": "Th*r", "case_insensitive": true}}}',
      '{"ids": {"values": ["a", "b"]}}',
      '{"bool": {"must": [{"term": {"a": 1}}], "filter": {"exists": {"field": "b"}}, "should": [{"term": {"c": 2}}], "must_not": [{"match_none": {}}], "minimum_should_match": 1}}',
      '{"bool": {"should": [{"term": {"a": 1}}, {"term": {"b": 2}}, {"term": {"c": 3}}], "minimum_should_match": "-1"}}',
      '{"bool": {"should": [{"term": {"a": 1}}, {"term": {"b": 2}}], "minimum_should_match": "50%"}}',
      '{"bool": {"should": [], "must": [{"term": {"a": 1}}]}}',
      '  {"match": {"FlightDelay": true}}  ',
    ];
    for (const s of ok) expect(() => parseDlsTemplate(s), s).not.toThrow();
  });

  it('rejects what is not one JSON query', () => {
    bad('', /empty/);
    bad('not json', /invalid JSON/);
    bad('{"term": {"a": 1}} {"term": {"b": 2}}', /exactly one JSON query/);
    bad('[{"term": {"a": 1}}]', /query object/);
    bad('{"term": {"a": 1}, "match": {"b": 2}}', /exactly one key/);
    bad('{"query": {"term": {"a": 1}}}', /without a "query" wrapper/);
    bad('{"term": {"a": 1, "a": 2}}', /duplicate key/);
    bad('{"term": {"a": "unterminated}}', /unterminated string/);
  });

  it('rejects query types outside the subset, also nested in bool', () => {
    bad('{"script": {"script": "true"}}', /"script" is not supported/);
    bad('{"query_string": {"query": "*"}}', /not supported/);
    bad('{"bool": {"should": [{"term": {"a": 1}}, {"regexp": {"a": ".*"}}]}}', /bool\.should\[1\]\.regexp.*not supported/);
    bad('{"bool": {"filter": {"bool": {"must": {"has_child": {}}}}}}', /has_child/);
  });

  it('checks parameters loosely', () => {
    bad('{"match": {"title": {"qurey": "x"}}}', /unknown parameter/);
    bad('{"match": {"title": {"operator": "xor", "query": "x"}}}', /one of/);
    bad('{"term": {"a": {"b": 1}}}', /missing "value"/);
    bad('{"terms": {"a": "x"}}', /an array/);
    bad('{"terms": {"a": {"index": "i", "id": "1", "path": "p"}}}', /terms lookup/);
    bad('{"range": {"a": 5}}', /bounds/);
    bad('{"exists": {}}', /missing "field"/);
    bad('{"ids": {"values": [{"a": 1}]}}', /expected a string, number or boolean/);
    bad('{"bool": {"must": [1]}}', /query object/);
    bad('{"bool": {"musst": []}}', /unknown bool parameter/);
    bad('{"match_all": {"boost": "high"}}', /a number/);
    bad('{"term": {"a": 1, "b": 2}}', /exactly one field/);
  });

  it('rejects unknown, nested or misplaced variables', () => {
    bad('{"term": {"a": "${user.nmae}"}}', /unknown variable/);
    bad('{"term": {"a": "${attr.ldap.cn}"}}', /LDAP/);
    bad('{"term": {"a": "${${user.name}}"}}', /nested/);
    bad('{"term": {"a": ${user.roles}}}', /is a list/);
    bad('{"${user.name}": {"a": 1}}', /query type cannot be a variable/);
    bad('{"simple_query_string": {"query": "${user.name}"}}', /variables are not allowed here/);
  });
});
