import { badInput } from '../../../errors.js';
import type { VisibleIndex, VisibleScalar } from '../../../access/visible.js';

/**
 * `<Type>Where` input -> OpenSearch query. Only the caller's visible, unmasked fields exist in the input type,
 * and the lookup below is by the same VisibleIndex, so a hidden or masked field cannot be filtered on even by a
 * hand-crafted request that skipped validation.
 */
export type Query = Record<string, unknown>;
type WhereInput = Record<string, unknown>;

const MAX_CLAUSES = 256;
/**
 * and/or/not nest at most this deep. A real OpenSearch node rewrites nested bool queries recursively and its
 * JVM dies of a stack overflow on deep enough input (seen at ~1,000 levels); nothing deep reaches it.
 */
export const MAX_WHERE_DEPTH = 32;

interface Budget {
  left: number;
}

function spend(budget: Budget): void {
  if (--budget.left < 0) throw badInput(`where has more than ${MAX_CLAUSES} conditions`);
}

function exact(field: VisibleScalar, op: string): string {
  if (!field.exactPath) throw badInput(`${field.flat}.${op} needs an exact-value field; use match or matchPhrase`);
  return field.exactPath;
}

function exists(path: string, want: boolean): Query {
  const q = { exists: { field: path } };
  return want ? q : { bool: { must_not: [q] } };
}

function rangeOf(path: string, ops: Record<string, unknown>): Query | null {
  const range: Record<string, unknown> = {};
  for (const op of ['gt', 'gte', 'lt', 'lte'] as const) if (ops[op] !== undefined && ops[op] !== null) range[op] = ops[op];
  return Object.keys(range).length > 0 ? { range: { [path]: range } } : null;
}

function fieldClauses(field: VisibleScalar, ops: Record<string, unknown>, budget: Budget): Query[] {
  const out: Query[] = [];
  const push = (q: Query) => {
    spend(budget);
    out.push(q);
  };
  for (const [op, value] of Object.entries(ops)) {
    if (value === undefined || value === null) continue;
    switch (op) {
      case 'match':
        push({ match: { [field.path]: { query: value, operator: 'and' } } });
        break;
      case 'matchAny':
        push({ match: { [field.path]: { query: value, operator: 'or' } } });
        break;
      case 'matchPhrase':
        push({ match_phrase: { [field.path]: { query: value } } });
        break;
      case 'eq':
        push({ term: { [exact(field, op)]: { value } } });
        break;
      case 'in': {
        const values = value as unknown[];
        if (values.length > 1024) throw badInput(`${field.flat}.in takes at most 1024 values`);
        push({ terms: { [exact(field, op)]: values } });
        break;
      }
      case 'prefix':
        push({ prefix: { [exact(field, op)]: { value } } });
        break;
      case 'exists':
        push(exists(field.path, value === true));
        break;
      case 'gt':
      case 'gte':
      case 'lt':
      case 'lte':
        break; // collected into one range below
      default:
        throw badInput(`unknown operator ${op}`);
    }
  }
  const range = rangeOf(field.path, ops);
  if (range) push(range);
  return out;
}

function build(where: WhereInput, index: VisibleIndex, byFlat: ReadonlyMap<string, VisibleScalar>, budget: Budget, depth = 1): Query[] {
  if (depth > MAX_WHERE_DEPTH) throw badInput(`where nests and/or/not deeper than ${MAX_WHERE_DEPTH} levels`);
  const clauses: Query[] = [];
  for (const [key, value] of Object.entries(where)) {
    if (value === undefined || value === null) continue;
    if (key === 'and') {
      for (const sub of value as WhereInput[]) clauses.push(...build(sub, index, byFlat, budget, depth + 1));
    } else if (key === 'or') {
      spend(budget);
      const should = (value as WhereInput[]).map((sub) => andOf(build(sub, index, byFlat, budget, depth + 1)));
      clauses.push(should.length === 0 ? { match_none: {} } : { bool: { should, minimum_should_match: 1 } });
    } else if (key === 'not') {
      spend(budget);
      clauses.push({ bool: { must_not: [andOf(build(value as WhereInput, index, byFlat, budget, depth + 1))] } });
    } else {
      const field = byFlat.get(key);
      // Unreachable through validation; a defence if a caller's input ever bypassed it.
      if (!field) throw badInput(`unknown field ${key}`);
      clauses.push(...fieldClauses(field, value as Record<string, unknown>, budget));
    }
  }
  return clauses;
}

function andOf(clauses: Query[]): Query {
  if (clauses.length === 0) return { match_all: {} };
  if (clauses.length === 1) return clauses[0]!;
  return { bool: { filter: clauses } };
}

const flatIndexCache = new WeakMap<VisibleIndex, Map<string, VisibleScalar>>();

export function filterableFields(index: VisibleIndex): ReadonlyMap<string, VisibleScalar> {
  let m = flatIndexCache.get(index);
  if (!m) {
    m = new Map(index.clearLeaves.map((f) => [f.flat, f]));
    flatIndexCache.set(index, m);
  }
  return m;
}

/** The where-tree as one filter query, or null when it does not constrain anything. */
export function whereToQuery(where: WhereInput | null | undefined, index: VisibleIndex): Query | null {
  if (!where) return null;
  const clauses = build(where, index, filterableFields(index), { left: MAX_CLAUSES });
  return clauses.length === 0 ? null : andOf(clauses);
}
