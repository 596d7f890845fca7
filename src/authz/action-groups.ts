import { anyOf, compileNamePattern, type NameMatcher } from './patterns.js';

/** Action group name -> its `allowed_actions` (actions, action patterns, other group names). */
export type ActionGroupTable = ReadonlyMap<string, readonly string[]>;

/** Action group name -> every action or pattern it grants, nested groups expanded. */
export type FlatActionGroups = ReadonlyMap<string, ReadonlySet<string>>;

/**
 * Expands nested groups to a fixed point, as the plugin does; cycles are tolerated (members of a cycle
 * end up granting the union of the cycle).
 */
export function flattenActionGroups(table: ActionGroupTable): FlatActionGroups {
  const sets = new Map<string, Set<string>>();
  for (const [name, items] of table) sets.set(name, new Set(items));
  let changed = true;
  while (changed) {
    changed = false;
    for (const [name, set] of sets) {
      for (const item of [...set]) {
        if (item === name) continue;
        const nested = sets.get(item);
        if (!nested) continue;
        for (const a of nested) {
          if (!set.has(a)) {
            set.add(a);
            changed = true;
          }
        }
      }
    }
  }
  return sets;
}

/** The given actions plus everything the named groups among them grant. */
export function resolveActions(groups: FlatActionGroups, actions: readonly string[]): string[] {
  const out = new Set<string>();
  for (const a of actions) {
    out.add(a);
    for (const m of groups.get(a) ?? []) out.add(m);
  }
  return [...out];
}

/** Tests concrete action names (`indices:data/read/search`) against resolved action patterns. */
export interface ActionMatcher {
  readonly patterns: readonly string[];
  test(action: string): boolean;
}

export function compileActionMatcher(patterns: readonly string[]): ActionMatcher {
  const matcher: NameMatcher = anyOf(patterns.map((p) => compileNamePattern(p)));
  return Object.freeze({ patterns: [...patterns], test: (action: string) => matcher.test(action) });
}

/** The tenant write grant (the plugin checks for this literal permission after group expansion). */
export const TENANT_WRITE_PERMISSION = 'kibana:saved_objects/*/write';
