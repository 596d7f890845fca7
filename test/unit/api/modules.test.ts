import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KERNEL_SDL } from '../../../src/api/kernel/module.js';
import { API_MODULES } from '../../../src/api/schema.js';

describe('the API modules', () => {
  it('each static SDL file belongs to exactly one module (or the kernel)', () => {
    const files = readdirSync(new URL('../../../schema/', import.meta.url)).filter((f) => f.endsWith('.graphql')).sort();
    const owned = [...KERNEL_SDL, ...API_MODULES.flatMap((m) => m.sdl)];
    expect(new Set(owned).size).toBe(owned.length);
    expect([...owned].sort()).toEqual(files);
  });

  it('have distinct names', () => {
    const names = API_MODULES.map((m) => m.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(expect.arrayContaining(['search', 'get', 'me', 'tenants', 'admin']));
  });
});
