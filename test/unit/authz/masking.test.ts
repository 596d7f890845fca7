import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildFieldMasks, maskerOf, parseMaskExpression, saltBytes } from '../../../src/authz/masking.js';

const SALT = 'e1ukloTsQlOgPquJ';
const V3 = { salt: SALT, mode: 'v3' as const };
const LEGACY = { salt: SALT, mode: 'legacy' as const };

describe('masking', () => {
  it('default BLAKE2b: the vectors from the reference (v3 salt, legacy personalization, seed date)', () => {
    expect(maskerOf(parseMaskExpression('f'), V3)('foobar')).toBe('c042e214a8b49561577445be44c188a8e6274006b36cd0c6fba5312253cf9293');
    expect(maskerOf(parseMaskExpression('f'), LEGACY)('foobar')).toBe('96c8d1da7eb153db858d4f0585120319e17ed1162db9e94bee19fb10b6d19727');
    expect(maskerOf(parseMaskExpression('release_date'), LEGACY)('2011-04-21T00:00:00Z')).toBe(
      '3812a72c6dd23eef3c750c2d99e205cbd260389461e19d610406847397ecb357',
    );
  });

  it('the salt changes the hash; only 16 bytes are used; fewer is an error', () => {
    const a = maskerOf(parseMaskExpression('f'), { salt: 'AAAAAAAAAAAAAAAA', mode: 'v3' })('x');
    const b = maskerOf(parseMaskExpression('f'), { salt: 'BBBBBBBBBBBBBBBB', mode: 'v3' })('x');
    expect(a).not.toBe(b);
    expect(maskerOf(parseMaskExpression('f'), { salt: `${SALT}EXTRA`, mode: 'v3' })('foobar')).toBe(
      'c042e214a8b49561577445be44c188a8e6274006b36cd0c6fba5312253cf9293',
    );
    expect(() => saltBytes('short')).toThrow(/16 bytes/);
    expect(() => buildFieldMasks([parseMaskExpression('f')], { salt: 'short', mode: 'v3' })).toThrow(/16 bytes/);
  });

  it('field::SHA-256 and other digests: unsalted hex', () => {
    expect(maskerOf(parseMaskExpression('f::SHA-256'), V3)('foobar')).toBe(createHash('sha256').update('foobar').digest('hex'));
    expect(maskerOf(parseMaskExpression('f::SHA-512'), LEGACY)('x')).toBe(createHash('sha512').update('x').digest('hex'));
    expect(maskerOf(parseMaskExpression('f::MD5'), V3)('x')).toBe(createHash('md5').update('x').digest('hex'));
    expect(() => parseMaskExpression('f::NOPE-1')).toThrow(/unknown digest/);
  });

  it('regex replacements apply left to right, every occurrence', () => {
    const m = maskerOf(parseMaskExpression('phone::/\\d/::X::/X{3}$/::***'), V3);
    expect(m('555-1234')).toBe('XXX-X***');
    const email = maskerOf(parseMaskExpression('email::/^[^@]+/::user'), V3);
    expect(email('jane.doe@example.com')).toBe('user@example.com');
    expect(() => parseMaskExpression('f::/x/::a::/y/')).toThrow(/must be/);
    expect(() => parseMaskExpression('f::/x/')).toThrow(/needs a replacement/);
    expect(() => parseMaskExpression('f::x::y')).toThrow(/wrapped in/);
    expect(() => parseMaskExpression('f::/[/::y')).toThrow(/invalid regular expression/);
    expect(() => parseMaskExpression('::SHA-256')).toThrow(/names no field/);
  });

  it('masks every value type; arrays element-wise; null stays null', () => {
    const masks = buildFieldMasks([parseMaskExpression('n')], V3);
    const m = masks.maskerFor('n');
    if (!m) throw new Error('expected a masker');
    expect(m(42)).toBe(m('42'));
    expect(m(true)).toBe(m('true'));
    expect(m(42)).not.toBe('42');
    expect(masks.mask('n', [1, 'a'])).toEqual([m('1'), m('a')]);
    expect(masks.mask('n', null)).toBeNull();
    expect(masks.mask('other', 'clear')).toBe('clear');
  });

  it('matching: globs, .keyword stripped, a masked object masks its members; union across roles', () => {
    const masks = buildFieldMasks([parseMaskExpression('owner'), parseMaskExpression('ip*'), parseMaskExpression('title::SHA-1')], V3);
    expect(masks.isMasked('owner.email')).toBe(true);
    expect(masks.isMasked('ip_address')).toBe(true);
    expect(masks.isMasked('title.keyword')).toBe(true);
    expect(masks.maskerFor('title.keyword')?.('x')).toBe(createHash('sha1').update('x').digest('hex'));
    expect(masks.isMasked('plot')).toBe(false);
    expect(masks.maskerFor('plot')).toBeUndefined();
  });
});
