import type { PermissionView } from '../access/view.js';
import type { SearchPort } from '../backend/search-port.js';
import type { Loaders } from '../resolvers/loaders.js';
import type { TenancyContext } from '../tenants/context.js';
import type { RequestRecord } from '../observability/request.js';
import type { CostGate } from './cost-gate.js';
import type { RequestLimits } from '../authz/limits.js';

/**
 * Per-request context handed to resolvers. Everything permission-related in here was decided by the
 * authorize stage; resolvers only read it.
 */
export interface RequestContext {
  readonly permissions: PermissionView;
  readonly search: SearchPort;
  readonly loaders: Loaders;
  /** This caller's limits (the most generous of their roles'); checked before any backend call. */
  readonly limits: RequestLimits;
  /** Turns for costly requests (shared by the gateway's requests); absent: no admission control. */
  readonly admission?: CostGate;
  /** What this request did, for its access-log line and the metrics (filled as it goes). */
  readonly record: RequestRecord;
  /** Saved searches and the tenant this request asked for; absent when multitenancy is off. */
  readonly tenancy?: TenancyContext;
}
