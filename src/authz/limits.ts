/**
 * What one request may cost, checked before any backend call. Every figure is per request; a caller's limits
 * are the most generous of their roles' (see `effectiveLimits`), as permissions are the union of their roles'.
 */
export interface RequestLimits {
  /** Deepest selection (the root field counts 1; fragments are expanded; introspection is not counted). */
  readonly maxDepth: number;
  /** Aliased fields in the whole operation, fragments expanded. */
  readonly maxAliases: number;
  /** Fields at the root of the operation. */
  readonly maxRootFields: number;
  /** Backend searches one request may make, saved searches it runs included. */
  readonly maxSearches: number;
  /** Estimated cost: per search 1 + hits asked for x fields selected per hit + aggregation buckets. */
  readonly maxCost: number;
  /** Bytes of the JSON answer. */
  readonly maxResponseBytes: number;
  /** Largest `first` of a search. */
  readonly maxPageSize: number;
  /** Largest `size` of a terms aggregation. */
  readonly maxTermsSize: number;
}

export const DEFAULT_LIMITS: RequestLimits = {
  maxDepth: 12,
  maxAliases: 30,
  maxRootFields: 20,
  maxSearches: 10,
  maxCost: 20_000,
  maxResponseBytes: 4 * 1024 * 1024,
  maxPageSize: 100,
  maxTermsSize: 1000,
};

export const LIMIT_NAMES = Object.keys(DEFAULT_LIMITS) as (keyof RequestLimits)[];

/**
 * A caller's limits: for each figure the largest among their roles that set it, or the default when some role
 * of theirs sets none (or they have no roles). Pure; cached by the caller per role set.
 */
export function effectiveLimits(
  defaults: RequestLimits,
  perRole: Readonly<Record<string, Partial<RequestLimits>>>,
  roles: readonly string[],
): RequestLimits {
  const out = { ...defaults } as Record<keyof RequestLimits, number>;
  const overriding = roles.map((r) => perRole[r]).filter((o): o is Partial<RequestLimits> => o !== undefined);
  if (overriding.length === 0) return defaults;
  const someRoleUsesDefaults = roles.some((r) => perRole[r] === undefined);
  for (const name of LIMIT_NAMES) {
    const values = overriding.map((o) => o[name]).filter((v): v is number => v !== undefined);
    if (values.length < overriding.length || someRoleUsesDefaults) values.push(defaults[name]);
    out[name] = Math.max(...values);
  }
  return out;
}
