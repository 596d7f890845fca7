import type { Principal } from '../auth/principal.js';
import { checkDlsSubset } from './dsl-subset.js';
import { parseTemplateJson, renderTemplate, type JsonValue, type TNode } from './dls-template.js';
import { InvalidRuleError } from './rule-error.js';

export { DlsVariableError } from './variables.js';

/** One role's DLS query, parsed and checked once when the config is loaded. */
export interface DlsTemplate {
  /** The query text as written in roles.yml (also its identity: equal sources are one query). */
  readonly source: string;
  readonly root: TNode;
  readonly wildcardStrings: ReadonlySet<TNode>;
  /** True when the query uses `${...}` variables. */
  readonly dynamic: boolean;
}

/**
 * The document filter for one concrete index and one role set. `restricted` queries are OR'ed.
 * `securityRoles` is the role set, needed for `${user.securityRoles}`.
 */
export type DlsRule =
  | { readonly kind: 'unrestricted' }
  | { readonly kind: 'restricted'; readonly queries: readonly DlsTemplate[]; readonly securityRoles: readonly string[] };

export const DLS_UNRESTRICTED: DlsRule = Object.freeze({ kind: 'unrestricted' });

/** Parses and checks a `dls` string. Throws InvalidRuleError listing every problem found. */
export function parseDlsTemplate(source: string): DlsTemplate {
  const root = parseTemplateJson(source);
  const check = checkDlsSubset(root);
  if (check.problems.length > 0) throw new InvalidRuleError(check.problems);
  return Object.freeze({ source, root, wildcardStrings: check.wildcardStrings, dynamic: root.t !== 'lit' });
}

/**
 * The filter to add to every read of the index: null when unrestricted, else one query (a single query as is,
 * several as a `bool.should` with `minimum_should_match: 1`). Throws DlsVariableError when a variable cannot
 * be resolved for this caller: the caller must deny the read.
 */
export function renderDls(rule: DlsRule, principal: Principal): Record<string, unknown> | null {
  if (rule.kind === 'unrestricted') return null;
  if (rule.queries.length === 0) return { match_none: {} };
  const ctx = { principal, securityRoles: rule.securityRoles };
  const rendered = rule.queries.map((q) => renderTemplate(q.root, ctx, q) as { [k: string]: JsonValue });
  if (rendered.length === 1) return rendered[0] as Record<string, unknown>;
  return { bool: { should: rendered, minimum_should_match: 1 } };
}
