import {
  GraphQLError,
  GraphQLSchema,
  Kind,
  type GraphQLSchemaConfig,
  type DocumentNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import type { RequestLimits } from '../../authz/limits.js';
import { ErrorCode } from '../../errors.js';

/**
 * Measuring an operation against the caller's limits (decided in src/authz/limits.ts): linear in the document,
 * before it is compiled and before any backend call.
 */

/** How a root field reaches the backend. */
export type RootKind = 'search' | 'get' | 'saved';

/** What one aggregation field may cost: buckets scaled by a size argument, or a fixed charge. */
export type AggregationCost =
  | { readonly kind: 'sized'; readonly argument: string; readonly default: number }
  | { readonly kind: 'fixed'; readonly buckets: number };

/**
 * What the measure needs to know of one permission set's schema, given by the modules that made it
 * (src/api/schema.ts attaches it to the schema): which root fields reach the backend, and what each
 * aggregation costs.
 */
export interface CostModel {
  readonly rootKinds: ReadonlyMap<string, RootKind>;
  readonly aggregations: ReadonlyMap<string, AggregationCost>;
}

const COST_MODEL = 'searchgateCostModel';

/** The schema with its cost model attached (the assembler calls this once per permission set). */
export function withCostModel(config: GraphQLSchemaConfig, model: CostModel): GraphQLSchema {
  return new GraphQLSchema({ ...config, extensions: { ...config.extensions, [COST_MODEL]: model } });
}

/** A schema's cost model; a schema not made by the assembler reaches nothing (every field costs its leaves). */
export function costModelOf(schema: GraphQLSchema): CostModel {
  return (schema.extensions[COST_MODEL] as CostModel | undefined) ?? { rootKinds: new Map(), aggregations: new Map() };
}

/**
 * The static measure of one operation. Cost may depend on variables (`first: $n`), so it is kept as a
 * constant plus per-variable coefficients and evaluated per request.
 */
export interface OperationMeasure {
  readonly depth: number;
  readonly aliases: number;
  readonly rootFields: number;
  readonly searches: number;
  readonly cost: CostFormula;
}

export interface CostFormula {
  readonly constant: number;
  /** `${variable}\u0000${default}` -> coefficient. */
  readonly perVariable: ReadonlyMap<string, number>;
}

interface Sub {
  depth: number;
  aliases: number;
  leaves: number;
}

const DEFAULT_FIRST = 10;

class Measurer {
  private readonly fragments = new Map<string, FragmentDefinitionNode>();
  private readonly subMemo = new Map<string, Sub>();
  private readonly rootMemo = new Map<string, RootAcc>();
  private readonly visiting = new Set<string>();

  constructor(
    document: DocumentNode,
    private readonly model: CostModel,
  ) {
    for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) this.fragments.set(d.name.value, d);
  }

  /** Depth, aliases and leaf count of a selection set; each fragment measured once, however often spread. */
  sub(set: SelectionSetNode | undefined): Sub {
    const acc: Sub = { depth: 0, aliases: 0, leaves: 0 };
    if (!set) return acc;
    for (const sel of set.selections) {
      let s: Sub;
      if (sel.kind === Kind.FIELD) {
        const child = this.sub(sel.selectionSet);
        s = { depth: child.depth + 1, aliases: child.aliases + (sel.alias ? 1 : 0), leaves: sel.selectionSet ? child.leaves : 1 };
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        s = this.sub(sel.selectionSet);
      } else {
        s = this.fragmentSub(sel.name.value);
      }
      acc.depth = Math.max(acc.depth, s.depth);
      acc.aliases += s.aliases;
      acc.leaves += s.leaves;
    }
    return acc;
  }

  private fragmentSub(name: string): Sub {
    const memo = this.subMemo.get(name);
    if (memo) return memo;
    const frag = this.fragments.get(name);
    // Unknown or cyclic fragments fail validation; measuring them as empty cannot hide any cost.
    if (!frag || this.visiting.has(name)) return { depth: 0, aliases: 0, leaves: 0 };
    this.visiting.add(name);
    const s = this.sub(frag.selectionSet);
    this.visiting.delete(name);
    this.subMemo.set(name, s);
    return s;
  }

  /** Fields named `name` directly in `set` (through fragments), with their selection sets. */
  private children(set: SelectionSetNode | undefined, name: string, out: SelectionSetNode[] = [], seen = new Set<string>()): SelectionSetNode[] {
    if (!set) return out;
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        if (sel.name.value === name && sel.selectionSet) out.push(sel.selectionSet);
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        this.children(sel.selectionSet, name, out, seen);
      } else if (!seen.has(sel.name.value)) {
        // Spreads of one fragment merge into one field: counting it once per parent is exact.
        seen.add(sel.name.value);
        this.children(this.fragments.get(sel.name.value)?.selectionSet, name, out, seen);
      }
    }
    return out;
  }

  private aggregationCost(acc: RootAcc, set: SelectionSetNode, times: number, seen = new Set<string>()): void {
    for (const sel of set.selections) {
      if (sel.kind === Kind.INLINE_FRAGMENT) this.aggregationCost(acc, sel.selectionSet, times, seen);
      else if (sel.kind === Kind.FRAGMENT_SPREAD) {
        const frag = this.fragments.get(sel.name.value);
        if (frag && !seen.has(sel.name.value)) {
          seen.add(sel.name.value);
          this.aggregationCost(acc, frag.selectionSet, times, seen);
        }
      } else {
        const cost = this.model.aggregations.get(sel.name.value);
        if (cost?.kind === 'sized') acc.addScaled(sel.arguments?.find((a) => a.name.value === cost.argument)?.value, cost.default, times);
        else if (cost?.kind === 'fixed') acc.constant += cost.buckets * times;
        else if (sel.name.value !== '__typename') acc.constant += times;
      }
    }
  }

  /** The root of the operation: which fields reach the backend, and what they may cost. */
  root(set: SelectionSetNode): RootAcc {
    const acc = new RootAcc();
    for (const sel of set.selections) {
      if (sel.kind === Kind.INLINE_FRAGMENT) {
        acc.add(this.root(sel.selectionSet));
      } else if (sel.kind === Kind.FRAGMENT_SPREAD) {
        const name = sel.name.value;
        let memo = this.rootMemo.get(name);
        if (!memo) {
          const frag = this.fragments.get(name);
          if (!frag || this.visiting.has(name)) continue;
          this.visiting.add(name);
          memo = this.root(frag.selectionSet);
          this.visiting.delete(name);
          this.rootMemo.set(name, memo);
        }
        acc.add(memo);
      } else {
        const sub = this.sub(sel.selectionSet);
        acc.rootFields += 1;
        // Introspection's depth is bounded by graphql-js's MaxIntrospectionDepthRule (in specifiedRules), and
        // GraphiQL's own introspection query nests 15 deep: counting it would force a uselessly high default.
        if (!sel.name.value.startsWith('__')) acc.depth = Math.max(acc.depth, sub.depth + 1);
        acc.aliases += sub.aliases + (sel.alias ? 1 : 0);
        const kind = this.model.rootKinds.get(sel.name.value);
        if (kind === undefined) {
          acc.constant += Math.max(1, sub.leaves);
          continue;
        }
        acc.searches += 1;
        acc.constant += 1;
        if (kind === 'get') {
          acc.constant += sub.leaves;
        } else if (kind === 'search') {
          const perHit = this.children(sel.selectionSet, 'hits').reduce((n, s) => n + Math.max(1, this.sub(s).leaves), 0);
          const first = sel.arguments?.find((a) => a.name.value === 'first')?.value;
          if (perHit > 0) acc.addScaled(first, DEFAULT_FIRST, perHit);
          for (const aggs of this.children(sel.selectionSet, 'aggregations')) this.aggregationCost(acc, aggs, 1);
        }
      }
    }
    return acc;
  }
}

class RootAcc {
  depth = 0;
  aliases = 0;
  rootFields = 0;
  searches = 0;
  constant = 0;
  readonly perVariable = new Map<string, number>();

  add(o: RootAcc): void {
    this.depth = Math.max(this.depth, o.depth);
    this.aliases += o.aliases;
    this.rootFields += o.rootFields;
    this.searches += o.searches;
    this.constant += o.constant;
    for (const [k, v] of o.perVariable) this.perVariable.set(k, (this.perVariable.get(k) ?? 0) + v);
  }

  /** `times` x the integer `value` (a literal, a variable, or absent for `fallback`). */
  addScaled(value: ValueNode | undefined, fallback: number, times: number): void {
    if (value?.kind === Kind.VARIABLE) {
      const key = `${value.name.value}\u0000${fallback}`;
      this.perVariable.set(key, (this.perVariable.get(key) ?? 0) + times);
    } else if (value?.kind === Kind.INT) {
      this.constant += Number(value.value) * times;
    } else {
      this.constant += fallback * times;
    }
  }
}

/** Measures `operation`; linear in the document, whatever the fragments multiply to. */
export function measureOperation(
  document: DocumentNode,
  operation: OperationDefinitionNode,
  model: CostModel,
): OperationMeasure {
  const acc = new Measurer(document, model).root(operation.selectionSet);
  return {
    depth: acc.depth,
    aliases: acc.aliases,
    rootFields: acc.rootFields,
    searches: acc.searches,
    cost: { constant: acc.constant, perVariable: acc.perVariable },
  };
}

export function evaluateCost(formula: CostFormula, variables: Readonly<Record<string, unknown>>): number {
  let cost = formula.constant;
  for (const [key, coefficient] of formula.perVariable) {
    const [name, fallback] = key.split('\u0000') as [string, string];
    const v = variables[name];
    cost += coefficient * (typeof v === 'number' && Number.isFinite(v) ? Math.max(v, 0) : Number(fallback));
  }
  return cost;
}

export function tooComplex(message: string, extra: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.QueryTooComplex, ...extra } });
}

/** The first limit `measure` breaks, as a coded error naming the limit, its value and what was asked. */
export function checkLimits(measure: OperationMeasure, limits: RequestLimits, variables: Readonly<Record<string, unknown>>): GraphQLError | undefined {
  const checks: [keyof RequestLimits, number, string][] = [
    ['maxDepth', measure.depth, 'the query nests %v levels deep'],
    ['maxAliases', measure.aliases, 'the query has %v aliases'],
    ['maxRootFields', measure.rootFields, 'the query has %v root fields'],
    ['maxSearches', measure.searches, 'the query makes %v searches'],
  ];
  for (const [limit, value, what] of checks) {
    if (value > limits[limit]) {
      return tooComplex(`${what.replace('%v', String(value))}; your limit is ${limits[limit]}`, { limit, value, max: limits[limit] });
    }
  }
  const cost = evaluateCost(measure.cost, variables);
  if (cost > limits.maxCost) {
    return tooComplex(`the query's estimated cost is ${cost}; your limit is ${limits.maxCost}`, { limit: 'maxCost', value: cost, max: limits.maxCost });
  }
  return undefined;
}

/**
 * The backstop behind the estimate: a request's searches counted as they are sent (saved searches it runs
 * included), so no path the measure did not foresee can make more than `max`.
 */
export function budgetedSearches<P extends { search(...args: never[]): Promise<unknown> }>(port: P, max: number): P {
  let used = 0;
  return {
    ...port,
    search: ((...args: Parameters<P['search']>) => {
      used += 1;
      if (used > max) return Promise.reject(tooComplex(`the query makes more than ${max} searches; your limit is ${max}`, { limit: 'maxSearches', max }));
      return port.search(...args);
    }) as P['search'],
  };
}
