import { describe, expect, it } from 'vitest';
import { compileNamePattern, compileTemplatePattern } from '../../../src/authz/patterns.js';
import { InvalidRuleError } from '../../../src/authz/rule-error.js';
import { principal } from './helpers.js';

describe('name patterns (WildcardMatcher semantics)', () => {
  it('* crosses . and -, ? is one character, exact otherwise, case-sensitive', () => {
    const p = compileNamePattern('logs-*');
    expect(p.test('logs-2024.01.01')).toBe(true);
    expect(p.test('logs-')).toBe(true);
    expect(p.test('Logs-x')).toBe(false);
    expect(compileNamePattern('a*z').test('a.b-c.z')).toBe(true);
    expect(compileNamePattern('*.kibana*').test('x.kibana_1')).toBe(true);
    expect(compileNamePattern('log?').test('logs')).toBe(true);
    expect(compileNamePattern('log?').test('log')).toBe(false);
    expect(compileNamePattern('log?').test('logss')).toBe(false);
    expect(compileNamePattern('movies').test('movies')).toBe(true);
    expect(compileNamePattern('movies').test('movies2')).toBe(false);
    expect(compileNamePattern('*').matchesAll).toBe(true);
  });

  it('regex characters in globs are literal', () => {
    expect(compileNamePattern('a.b*').test('axb')).toBe(false);
    expect(compileNamePattern('a+(b)*').test('a+(b)c')).toBe(true);
    expect(compileNamePattern('[x]*').test('[x]1')).toBe(true);
  });

  it('/regex/ matches the whole name', () => {
    const p = compileNamePattern('/logs-\\d{4}/');
    expect(p.test('logs-2024')).toBe(true);
    expect(p.test('logs-2024-x')).toBe(false);
    expect(p.test('xlogs-2024')).toBe(false);
    expect(compileNamePattern('/a|b/').test('a')).toBe(true);
    expect(compileNamePattern('/a|b/').test('ab')).toBe(false);
    expect(compileNamePattern('/logs\\-.*/').test('logs-1')).toBe(true);
  });

  it('a bad regex is an error, a blank pattern matches nothing', () => {
    expect(() => compileNamePattern('/[a-/')).toThrow(InvalidRuleError);
    expect(() => compileNamePattern('/(x/')).toThrow(/invalid regular expression/);
    expect(compileNamePattern('').test('')).toBe(false);
    expect(compileNamePattern('  ').test('  ')).toBe(false);
  });
});

describe('template patterns', () => {
  const ctx = (name: string, attributes = {}) => ({ principal: principal({ name, attributes }), securityRoles: [] });

  it('${user.name} / ${user_name} / attributes render per caller', () => {
    const p = compileTemplatePattern('${user_name}');
    expect(p.kind).toBe('template');
    if (p.kind !== 'template') return;
    expect(p.bind(ctx('alice')).test('alice')).toBe(true);
    expect(p.bind(ctx('alice')).test('bob')).toBe(false);
    const q = compileTemplatePattern('team-${attr.jwt.team}-*');
    if (q.kind !== 'template') throw new Error('expected template');
    expect(q.bind(ctx('a', { 'jwt.team': 'red' })).test('team-red-2024')).toBe(true);
    expect(q.bind(ctx('a', { 'jwt.team': 'red' })).test('team-blue-2024')).toBe(false);
  });

  it('values are literal: a user named * does not get every index', () => {
    const p = compileTemplatePattern('${user.name}');
    if (p.kind !== 'template') throw new Error('expected template');
    const star = p.bind(ctx('*'));
    expect(star.test('*')).toBe(true);
    expect(star.test('secrets')).toBe(false);
    const q = compileTemplatePattern('home-${user.name}');
    if (q.kind !== 'template') throw new Error('expected template');
    expect(q.bind(ctx('a?')).test('home-ab')).toBe(false);
    expect(q.bind(ctx('a?')).test('home-a?')).toBe(true);
  });

  it('regex templates escape values', () => {
    const p = compileTemplatePattern('/home-${user.name}-\\d+/');
    if (p.kind !== 'template') throw new Error('expected template');
    expect(p.bind(ctx('bob')).test('home-bob-12')).toBe(true);
    expect(p.bind(ctx('.*')).test('home-anything-12')).toBe(false);
    expect(p.bind(ctx('.*')).test('home-.*-12')).toBe(true);
  });

  it('an undefined attribute matches nothing; list variables and unknown variables are config errors', () => {
    const p = compileTemplatePattern('${attr.jwt.missing}*');
    if (p.kind !== 'template') throw new Error('expected template');
    expect(p.bind(ctx('a')).test('anything')).toBe(false);
    expect(() => compileTemplatePattern('${user.roles}')).toThrow(/is a list/);
    expect(() => compileTemplatePattern('${user.nmae}')).toThrow(/unknown variable/);
    expect(() => compileTemplatePattern('${attr.ldap.x}')).toThrow(/LDAP/);
  });
});
