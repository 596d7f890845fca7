import { describe, expect, it } from 'vitest';
import { parseDlsTemplate } from '../../../src/authz/dls.js';
import { InvalidRuleError } from '../../../src/authz/rule-error.js';

/**
 * DLS shapes whose meaning differs between OpenSearch and the embedded engine, or is surprising, are refused at
 * config validation (issue 12). Measured on OpenSearch 3.6.0: `{"bool":{"should":[],"minimum_should_match":1}}`
 * matches every document (the engine: none); with a `filter` it matches none; a count above the clauses never
 * matches; `"fields": []` means every field; `adjust_pure_negative: false` empties must_not-only queries (the
 * engine refuses it). test/integration/gateway/dls-view.test.ts runs the accepted shapes on both backends.
 */
const refused = (q: unknown): string => {
  try {
    parseDlsTemplate(JSON.stringify(q));
  } catch (e) {
    expect(e).toBeInstanceOf(InvalidRuleError);
    return (e as Error).message;
  }
  throw new Error(`accepted: ${JSON.stringify(q)}`);
};
const t = (v: string) => ({ term: { t: v } });

describe('DLS shapes that differ between backends are refused', () => {
  it('minimum_should_match without should clauses (the match-everything trap), whatever else is in the bool', () => {
    expect(refused({ bool: { should: [], minimum_should_match: 1 } })).toMatch(/without should clauses.*every document/);
    expect(refused({ bool: { minimum_should_match: 1 } })).toMatch(/without should clauses/);
    expect(refused({ bool: { should: [], minimum_should_match: '100%' } })).toMatch(/without should clauses/);
    expect(refused({ bool: { must_not: [t('a')], should: [], minimum_should_match: 1 } })).toMatch(/without should clauses/);
    expect(refused({ bool: { filter: [t('a')], should: [], minimum_should_match: 0 } })).toMatch(/without should clauses/);
    // Nested: the whole rule is refused.
    expect(refused({ bool: { must: [{ bool: { should: [], minimum_should_match: 1 } }] } })).toMatch(/bool\.must\[0\]\.bool\.minimum_should_match/);
  });

  it('a count above the number of should clauses, or a percentage above 100%', () => {
    expect(refused({ bool: { should: [t('a')], minimum_should_match: 2 } })).toMatch(/more than the 1 should clause: it could never match/);
    expect(refused({ bool: { should: t('a'), minimum_should_match: '2' } })).toMatch(/more than the 1 should clause/);
    expect(refused({ bool: { should: [t('a'), t('b')], minimum_should_match: 3 } })).toMatch(/more than the 2 should clauses/);
    expect(refused({ bool: { should: [t('a'), t('b')], minimum_should_match: -3 } })).toMatch(/write the intended count/);
    expect(refused({ bool: { should: [t('a'), t('b')], minimum_should_match: '150%' } })).toMatch(/more than 100%/);
    expect(refused({ bool: { should: [t('a'), t('b')], minimum_should_match: '-150%' } })).toMatch(/more than 100%/);
  });

  it('fractions, combinations, spaces, booleans and variables', () => {
    for (const msm of [1.5, '1.5', '33.5%', '1<50%', '2<-25% 9<3', ' 1', '1 ', true, null]) {
      expect(refused({ bool: { should: [t('a'), t('b')], minimum_should_match: msm } }), String(msm)).toMatch(/minimum_should_match/);
    }
    expect(() => parseDlsTemplate('{"bool": {"should": [{"term": {"t": "a"}}], "minimum_should_match": ${attr.jwt.n}}}')).toThrow(/no variables/);
  });

  it('empty fields lists and adjust_pure_negative: false', () => {
    expect(refused({ multi_match: { query: 'a', fields: [] } })).toMatch(/empty fields list.*every field/);
    expect(refused({ simple_query_string: { query: 'a', fields: [] } })).toMatch(/empty fields list/);
    expect(refused({ bool: { must_not: [t('a')], adjust_pure_negative: false } })).toMatch(/only true/);
  });

  it('the shapes that mean the same on both backends are accepted', () => {
    for (const q of [
      { bool: { should: [t('a')], minimum_should_match: 1 } },
      { bool: { should: [t('a')], minimum_should_match: 0 } },
      { bool: { should: [t('a')], minimum_should_match: -1 } },
      { bool: { should: [t('a'), t('b')], minimum_should_match: '-1' } },
      { bool: { should: [t('a'), t('b')], minimum_should_match: '50%' } },
      { bool: { should: [t('a'), t('b')], minimum_should_match: '-50%' } },
      { bool: { should: [t('a'), t('b')], minimum_should_match: '100%' } },
      { bool: { should: [t('a'), t('b')], minimum_should_match: 2 } },
      { bool: { should: [] } },
      { bool: { must: [t('a')], should: [] } },
      { bool: { must_not: [t('a')], adjust_pure_negative: true } },
      { multi_match: { query: 'a', fields: ['t'] } },
    ]) {
      expect(() => parseDlsTemplate(JSON.stringify(q)), JSON.stringify(q)).not.toThrow();
    }
  });
});
