import type { ApiContext } from '../kernel/context.js';
import type { AuditLog } from '../../audit/audit-log.js';
import type { TenantSelectOptions } from '../../authz/tenant-select.js';
import type { SavedSearchStore } from './store.js';

/** The tenant a request asked for with the `securitytenant` header (the transport reads it; nothing else). */
export type RequestedTenant =
  | { readonly kind: 'none' }
  | { readonly kind: 'header'; readonly value: string }
  /** Sent more than once: refused rather than guessing which one was meant. */
  | { readonly kind: 'ambiguous' };

export interface TenancyDeps {
  readonly store: SavedSearchStore;
  readonly options: TenantSelectOptions;
  readonly audit: AuditLog;
}

export interface TenancyContext {
  readonly deps: TenancyDeps;
  readonly requested: RequestedTenant;
}

/** The tenants module's slice of the request context; absent when multitenancy is off. */
export interface TenancySlice {
  readonly tenancy?: TenancyContext;
}

export type TenancyRequestContext = ApiContext & TenancySlice;

export const TENANT_HEADER = 'securitytenant';

export function requestedTenant(values: readonly string[] | undefined): RequestedTenant {
  if (values === undefined || values.length === 0) return { kind: 'none' };
  if (values.length > 1) return { kind: 'ambiguous' };
  return { kind: 'header', value: values[0]!.trim() };
}
