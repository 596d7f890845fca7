import type { Principal } from '../auth/principal.js';
import { checkDlsSubset } from './dsl-subset.js';
import { parseTemplateJson, renderTemplate, type JsonValue, type TNode } from './dls-template.js';
import { isOpenView, restrictRenderedToView, restrictToView, type DlsFieldView } from './dls-view.js';
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
  /** Set by `restrictDlsToView` when a leaf names its field through a variable: judged again once rendered. */
  readonly recheck?: boolean;
}

/**
 * The document filter for one concrete index and one role set. `restricted` queries are OR'ed.
 * `securityRoles` is the role set, needed for `${user.securityRoles}`.
 */
export type DlsRule =
  | { readonly kind: 'unrestricted' }
  | {
      readonly kind: 'restricted';
      readonly queries: readonly DlsTemplate[];
      readonly securityRoles: readonly string[];
      /** The caller's FLS and masks on the index, when the queries were rewritten for them (`restrictDlsToView`). */
      readonly view?: DlsFieldView;
    };

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
  const view = rule.view;
  const rendered = rule.queries.map((q) => {
    const out = renderTemplate(q.root, ctx, q);
    return (q.recheck && view ? restrictRenderedToView(out, view) : out) as { [k: string]: JsonValue };
  });
  if (rendered.length === 1) return rendered[0] as Record<string, unknown>;
  return { bool: { should: rendered, minimum_should_match: 1 } };
}

/**
 * The rule as it applies to a caller with these FLS rules and masks: leaf queries on hidden or masked fields
 * become `match_none` (see dls-view.ts). Done once per compiled permission set; only a query whose field names
 * come from variables is judged again per request, after rendering.
 */
export function restrictDlsToView(rule: DlsRule, view: DlsFieldView): DlsRule {
  if (rule.kind === 'unrestricted' || isOpenView(view)) return rule;
  const queries = rule.queries.map((q): DlsTemplate => {
    const { node, deferred } = restrictToView(q.root, view);
    return node === q.root && !deferred ? q : Object.freeze({ ...q, root: node, recheck: deferred });
  });
  return Object.freeze({ ...rule, queries: Object.freeze(queries), view });
}
