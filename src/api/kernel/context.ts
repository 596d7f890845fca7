import type { PermissionView } from '../../access/view.js';
import type { RequestLimits } from '../../authz/limits.js';
import type { SearchPort } from '../../backend/search-port.js';
import type { RequestRecord } from '../../observability/request.js';
import type { CostGate } from './cost-gate.js';

/**
 * The part of the per-request context every API module may read. Everything permission-related in here was
 * decided by the authorize stage; resolvers only read it. Modules that need more (get-by-id's batching,
 * tenancy, administration) declare their own slice beside their resolvers; src/api/context.ts composes them.
 */
export interface ApiContext {
  readonly permissions: PermissionView;
  readonly search: SearchPort;
  /** This caller's limits (the most generous of their roles'); checked before any backend call. */
  readonly limits: RequestLimits;
  /** Turns for costly requests (shared by the gateway's requests); absent: no admission control. */
  readonly admission?: CostGate;
  /** What this request did, for its access-log line and the metrics (filled as it goes). */
  readonly record: RequestRecord;
}
