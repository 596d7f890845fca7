import type { SecurityFileName } from '../../authz/security-schemas.js';

/** One problem in the security config: which file, which entry, where inside it, and what. */
export interface SecurityConfigIssue {
  readonly file: SecurityFileName;
  /** The entry's name (role, mapping, user...), or '_meta' / '' for the file as a whole. */
  readonly entry: string;
  /** Path inside the entry, e.g. `index_permissions[0].dls` or `index_permissions[0].dls: bool.must[1].term`. */
  readonly path: string;
  readonly message: string;
}

export function formatIssue(i: SecurityConfigIssue): string {
  const where = [i.entry ? `entry "${i.entry}"` : 'file', i.path ? `at ${i.path}` : ''].filter(Boolean).join(' ');
  return `${i.file}.yml: ${where}: ${i.message}`;
}

/** The security config is invalid: Searchgate refuses it rather than dropping the bad rule (which could widen access). */
export class SecurityConfigError extends Error {
  readonly issues: readonly SecurityConfigIssue[];

  constructor(issues: readonly SecurityConfigIssue[]) {
    const shown = issues.slice(0, 20).map(formatIssue);
    const more = issues.length > 20 ? [`... and ${issues.length - 20} more`] : [];
    super(`invalid security configuration:\n  ${[...shown, ...more].join('\n  ')}`);
    this.name = 'SecurityConfigError';
    this.issues = issues;
  }
}
