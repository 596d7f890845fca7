import { describe, expect, it } from 'vitest';
import { CacheBudget } from '../../../src/cache/budget.js';

describe('one byte budget over several caches', () => {
  it('evicts the least recently used entry across caches once the bytes pass the budget', () => {
    const budget = new CacheBudget(1000);
    const evicted: string[] = [];
    const a = budget.cache<string, string>('a', () => 300, (_v, k) => evicted.push(`a:${k}`));
    const b = budget.cache<string, string>('b', () => 300, (_v, k) => evicted.push(`b:${k}`));
    a.set('1', 'x');
    b.set('1', 'y');
    a.set('2', 'z');
    expect(budget.bytesUsed).toBe(900);
    a.get('1'); // a:1 is now more recent than b:1
    b.set('2', 'w'); // 1200 > 1000: the least recently used (b:1) goes
    expect(evicted).toEqual(['b:1']);
    expect(b.has('1')).toBe(false);
    expect(a.get('1')).toBe('x');
    expect(budget.bytesUsed).toBe(900);
  });

  it('charges by size, not count: one large entry pushes out many small ones', () => {
    const budget = new CacheBudget(10_000);
    const small = budget.cache<number, number>('small', () => 100);
    const large = budget.cache<string, string>('large', (v) => v.length);
    for (let i = 0; i < 100; i++) small.set(i, i);
    expect(small.size).toBe(100);
    large.set('big', 'x'.repeat(5000));
    expect(budget.bytesUsed).toBeLessThanOrEqual(10_000);
    expect(small.size).toBe(50);
    expect(small.has(0)).toBe(false);
    expect(small.has(99)).toBe(true);
  });

  it('does not keep an entry larger than the whole budget, and releases on delete, replace and clear', () => {
    const budget = new CacheBudget(1000);
    const c = budget.cache<string, number>('c', (v) => v);
    expect(c.set('huge', 5000)).toBe(false);
    expect(c.has('huge')).toBe(false);
    expect(budget.bytesUsed).toBe(0);
    c.set('k', 400);
    c.set('k', 300);
    expect(budget.bytesUsed).toBe(300);
    c.delete('k');
    expect(budget.bytesUsed).toBe(0);
    c.set('a', 100);
    c.set('b', 100);
    c.clear();
    expect(budget.bytesUsed).toBe(0);
    expect(budget.entries).toBe(0);
  });

  it('a lower limit evicts down to it at once', () => {
    const budget = new CacheBudget(1000);
    const c = budget.cache<number, number>('c', () => 100);
    for (let i = 0; i < 10; i++) c.set(i, i);
    budget.setLimit(350);
    expect(c.size).toBe(3);
    expect([...Array(10).keys()].filter((i) => c.has(i))).toEqual([7, 8, 9]);
  });
});
