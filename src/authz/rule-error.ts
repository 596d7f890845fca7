/**
 * A rule from roles.yml (index pattern, DLS query, FLS entry, mask expression, action pattern) that cannot be
 * understood. Parsers throw it; config validation turns it into file/entry issues. The plugin logs such
 * rules and drops them, which can widen access; we refuse the whole config instead.
 */
export interface RuleProblem {
  /** Where inside the rule, e.g. `bool.must[0].term` for a DLS query; '' for the rule as a whole. */
  readonly path: string;
  readonly message: string;
}

export class InvalidRuleError extends Error {
  readonly problems: readonly RuleProblem[];

  constructor(problems: readonly RuleProblem[]) {
    super(problems.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message)).join('; '));
    this.name = 'InvalidRuleError';
    this.problems = problems;
  }

  static of(message: string, path = ''): InvalidRuleError {
    return new InvalidRuleError([{ path, message }]);
  }
}
