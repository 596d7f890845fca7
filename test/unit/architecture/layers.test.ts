import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The written order of src/ (README, "How a request flows"): each unit may import only from units in lower
 * layers. A unit is a top-level folder or file of src/. Inside src/api/, modules sit above the kernel and the
 * assembler above the modules. Anything else — an upward arrow or a cycle between folders at any depth — fails
 * here, naming the imports that cause it.
 */
const LAYERS: readonly (readonly string[])[] = [
  ['errors.ts', 'unreachable.ts', 'log.ts', 'engine', 'sdl', 'audit', 'cache'],
  ['observability'],
  ['auth'],
  ['authz'],
  ['backend'],
  ['catalog', 'sample'],
  ['config'],
  ['access'],
  ['api'],
  ['graphql'],
  ['http'],
  ['gateway.ts'],
  ['main.ts', 'cli-hash-password.ts', 'cli-schema.ts', 'cli-secret.ts', 'cli-token.ts'],
  ['cli.ts'],
];

const API_LAYERS: readonly (readonly string[])[] = [
  ['kernel'],
  ['generated'],
  ['document'],
  ['search'],
  ['get', 'me', 'tenants', 'admin'],
  ['context.ts', 'schema.ts'],
];

const src = resolve(dirname(fileURLToPath(import.meta.url)), '../../../src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

interface Edge { readonly from: string; readonly to: string }

/** Every relative import (static, dynamic, type-only, re-export) between two files of src/. */
function edges(): Edge[] {
  const out: Edge[] = [];
  const specifier = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)['"](\.{1,2}\/[^'"]+)['"]/g;
  for (const file of sourceFiles(src)) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(specifier)) {
      const target = resolve(dirname(file), m[1]!).replace(/\.js$/, '.ts');
      if (!target.startsWith(src + sep)) continue;
      out.push({ from: relative(src, file), to: relative(src, target) });
    }
  }
  return out;
}

const rank = (layers: readonly (readonly string[])[], unit: string) => layers.findIndex((l) => l.includes(unit));

function upward(all: Edge[], layers: readonly (readonly string[])[], prefix: string): string[] {
  const problems: string[] = [];
  for (const e of all) {
    if (!e.from.startsWith(prefix) || !e.to.startsWith(prefix)) continue;
    const a = e.from.slice(prefix.length).split(sep)[0]!;
    const b = e.to.slice(prefix.length).split(sep)[0]!;
    if (a === b) continue;
    const ra = rank(layers, a);
    const rb = rank(layers, b);
    if (ra < 0) problems.push(`${prefix}${a} is in no layer (add it to the written order)`);
    else if (rb < 0) problems.push(`${prefix}${b} is in no layer (add it to the written order)`);
    else if (rb >= ra) problems.push(`${e.from} -> ${e.to} (${a} may not import ${b})`);
  }
  return [...new Set(problems)];
}

/** Cycles between the children (folders and files) of each folder of src/, at every depth. */
function folderCycles(all: Edge[]): string[] {
  const byDir = new Map<string, Map<string, Set<string>>>();
  for (const e of all) {
    const a = e.from.split(sep);
    const b = e.to.split(sep);
    let i = 0;
    while (i < a.length - 1 && i < b.length - 1 && a[i] === b[i]) i++;
    if (a[i] === b[i]) continue;
    // Files in the same folder may import each other; only arrows between subfolders (or a subfolder and a
    // file beside it) are folder-level.
    if (i === a.length - 1 && i === b.length - 1) continue;
    const dir = a.slice(0, i).join(sep);
    const graph = byDir.get(dir) ?? new Map<string, Set<string>>();
    byDir.set(dir, graph);
    const targets = graph.get(a[i]!) ?? new Set<string>();
    graph.set(a[i]!, targets.add(b[i]!));
  }
  const cycles: string[] = [];
  for (const [dir, graph] of byDir) {
    const state = new Map<string, 'open' | 'done'>();
    const stack: string[] = [];
    const visit = (n: string): void => {
      state.set(n, 'open');
      stack.push(n);
      for (const m of graph.get(n) ?? []) {
        if (state.get(m) === 'open') cycles.push(`${dir || 'src'}: ${[...stack.slice(stack.indexOf(m)), m].join(' -> ')}`);
        else if (!state.has(m)) visit(m);
      }
      stack.pop();
      state.set(n, 'done');
    };
    for (const n of graph.keys()) if (!state.has(n)) visit(n);
  }
  return cycles;
}

describe('layers of src/', () => {
  const all = edges();

  it('reads the imports (the check is not vacuous)', () => {
    expect(all.length).toBeGreaterThan(300);
    expect(all).toContainEqual({ from: join('api', 'schema.ts'), to: join('api', 'search', 'module.ts') });
  });

  it('every import points down the written order', () => {
    expect(upward(all, LAYERS, '')).toEqual([]);
  });

  it('inside src/api/, modules sit on the kernel and the assembler on the modules', () => {
    expect(upward(all, API_LAYERS, `api${sep}`)).toEqual([]);
  });

  it('no folder at any depth is part of an import cycle', () => {
    expect(folderCycles(all)).toEqual([]);
  });

  it('flags an upward arrow and a cycle (the checks can fail)', () => {
    const fake: Edge[] = [
      { from: join('auth', 'x.ts'), to: join('gateway.ts') },
      { from: join('a', 'p', 'x.ts'), to: join('a', 'q', 'y.ts') },
      { from: join('a', 'q', 'y.ts'), to: join('a', 'p', 'z.ts') },
    ];
    expect(upward(fake, LAYERS, '')).toEqual([`${join('auth', 'x.ts')} -> gateway.ts (auth may not import gateway.ts)`]);
    expect(folderCycles(fake)).toEqual(['a: p -> q -> p']);
  });
});
