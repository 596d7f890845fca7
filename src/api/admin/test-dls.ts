import type { Principal } from '../../auth/principal.js';
import { parseDlsTemplate, renderDls, type DlsTemplate } from '../../authz/dls.js';
import { mapSecurityRoles } from '../../authz/mapping.js';
import { InvalidRuleError } from '../../authz/rule-error.js';
import { backendFailure } from '../../backend/failure.js';
import type { SearchPort } from '../../backend/search-port.js';
import type { IndexCatalog } from '../../authz/compile.js';
import type { SecurityConfig } from '../../authz/model.js';
import { ErrorCode, gqlError } from '../../errors.js';
import { concreteTargets } from '../../access/authorize.js';

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

/**
 * The concrete indices testDls may count on: what `index` names through the catalog, never a system index.
 * Counting is an oracle (a rule like `prefix` on a field reveals its values one character at a time), so it
 * must not reach the gateway's own indices (security store, every user's saved searches) or OpenSearch's
 * dot-prefixed system and hidden indices. The search goes to the resolved names, not to the pattern, so an
 * index or alias created later cannot widen it.
 */
export function testDlsTargets(catalog: IndexCatalog, index: string, systemIndices: ReadonlySet<string>): string[] {
  if (index.includes(',')) throw gqlError(ErrorCode.BadUserInput, 'name one index, alias or pattern', { field: 'index' });
  const found = concreteTargets(catalog.indices, index).filter((t) => catalog.indices.some((i) => i.name === t.name));
  if (found.length === 0) throw gqlError(ErrorCode.BadUserInput, `no index matches "${index}"`, { field: 'index' });
  if (found.some((t) => systemIndices.has(t.name) || t.name.startsWith('.'))) {
    throw gqlError(ErrorCode.Forbidden, 'testDls does not run on system indices', { field: 'index' });
  }
  return found.map((t) => t.name);
}

export async function testDls(
  config: SecurityConfig,
  search: SearchPort,
  query: string,
  targets: readonly string[],
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
    const res = await search.search(targets, { size: 0, track_total_hits: true, query: rendered });
    return { valid: true, problems: [], rendered, matchCount: res.hits.total?.value ?? 0 };
  } catch (err) {
    throw backendFailure(err, 'the DLS query');
  }
}
