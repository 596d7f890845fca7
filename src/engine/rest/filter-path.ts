/**
 * `filter_path`, the response filter every OpenSearch endpoint takes: comma-separated dotted paths, `*`
 * within a name, `**` for any number of levels, `-` for an exclusion. It filters successful answers only
 * (an error comes back whole). Semantics of Jackson's FilteringGeneratorDelegate as OpenSearch 3.6 uses it
 * (checked by hand): a fully matched include keeps its subtree as it is; an object or array only partly
 * matched is written only if something in it is, so filtering never leaves an empty container behind (an
 * originally empty one under a full match stays); arrays are transparent; inclusions apply, then exclusions.
 */
import { isObject } from '../query/params.js';
import { simpleMatch } from '../query/index-expression.js';

type Path = readonly string[];

function parse(spec: string): { include: Path[]; exclude: Path[] } {
  const include: Path[] = [];
  const exclude: Path[] = [];
  for (const raw of spec.split(',')) {
    const p = raw.trim();
    if (p === '') continue;
    if (p.startsWith('-')) exclude.push(p.slice(1).split('.'));
    else include.push(p.split('.'));
  }
  return { include, exclude };
}

/** The paths left below `key`: a name consumes one level, `**` zero or more. */
function below(paths: readonly Path[], key: string): Path[] {
  const out: Path[] = [];
  const visit = (p: Path): void => {
    if (p.length === 0) return;
    if (p[0] === '**') {
      out.push(p);
      visit(p.slice(1));
    } else if (simpleMatch(p[0]!, key)) {
      out.push(p.slice(1));
    }
  };
  for (const p of paths) visit(p);
  return out;
}

/** A path ending here (`**` alone ends anywhere). */
function ended(paths: readonly Path[]): boolean {
  return paths.some((p) => p.length === 0 || (p.length === 1 && p[0] === '**'));
}

function pass(v: unknown, paths: readonly Path[], inclusive: boolean): unknown {
  if (ended(paths)) return inclusive ? v : undefined;
  if (paths.length === 0) return inclusive ? undefined : v;
  if (Array.isArray(v)) {
    const out = v.map((x) => pass(x, paths, inclusive)).filter((x) => x !== undefined);
    return out.length > 0 ? out : undefined;
  }
  if (isObject(v)) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      const kept = pass(x, below(paths, k), inclusive);
      if (kept !== undefined) out[k] = kept;
    }
    return Object.keys(out).length > 0 ? out : undefined;
  }
  // A scalar below a partly matched path: kept by exclusions, dropped by inclusions.
  return inclusive ? undefined : v;
}

/** The body as filtered; `{}` when nothing is left. */
export function filterPath(body: unknown, spec: string): unknown {
  const { include, exclude } = parse(spec);
  if (include.length === 0 && exclude.length === 0) return body;
  let out = include.length > 0 ? pass(body, include, true) : body;
  if (exclude.length > 0 && out !== undefined) out = pass(out, exclude, false);
  return out ?? {};
}
