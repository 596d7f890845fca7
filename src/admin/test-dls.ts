import type { Principal } from '../auth/principal.js';
import { parseDlsTemplate, renderDls, type DlsTemplate } from '../authz/dls.js';
import { mapSecurityRoles } from '../authz/mapping.js';
import { InvalidRuleError } from '../authz/rule-error.js';
import { BackendRequestError, type SearchPort } from '../backend/search-port.js';
import type { SecurityConfig } from '../config/security/model.js';
import { ErrorCode, gqlError } from '../graphql/errors.js';

/**
 * testDls: checks a DLS query exactly as start-up validation would (same parser, same allowed subset), renders
 * its variables for a subject, and counts what it lets through on one index. Counting only: no document
 * leaves the gateway.
 */
export interface DlsTestResult {
  readonly valid: boolean;
  readonly problems: string[];
  readonly rendered: Record<string, unknown> | null;
  readonly matchCount: number | null;
}

export async function testDls(
  config: SecurityConfig,
  search: SearchPort,
  query: string,
  index: string,
  subject: Principal,
): Promise<DlsTestResult> {
  let template: DlsTemplate;
  try {
    template = parseDlsTemplate(query);
  } catch (err) {
    if (err instanceof InvalidRuleError) {
      return { valid: false, problems: err.problems.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message)), rendered: null, matchCount: null };
    }
    return { valid: false, problems: [(err as Error).message], rendered: null, matchCount: null };
  }
  let rendered: Record<string, unknown>;
  try {
    const securityRoles = mapSecurityRoles(config, subject);
    rendered = renderDls({ kind: 'restricted', queries: [template], securityRoles }, subject) ?? { match_all: {} };
  } catch (err) {
    return { valid: false, problems: [(err as Error).message], rendered: null, matchCount: null };
  }
  try {
    const res = await search.search([index], { size: 0, track_total_hits: true, query: rendered });
    return { valid: true, problems: [], rendered, matchCount: res.hits.total?.value ?? 0 };
  } catch (err) {
    if (err instanceof BackendRequestError) {
      throw gqlError(ErrorCode.BadUserInput, `the backend refused the query on "${index}" (does the index exist?)`, { field: 'index' });
    }
    throw gqlError(ErrorCode.BackendUnavailable, 'backend unavailable');
  }
}
