import type { Principal } from '../auth/principal.js';
import type { VisibleIndex } from './visible.js';

/**
 * The outcome of the authorize stage for one request. Built from the caller's compiled (cached) permission
 * set plus their DLS values; everything downstream reads it and nothing re-derives it.
 */

/** A concrete index's document filter for this caller. */
export type DlsFilter =
  | { readonly kind: 'none' }
  | { readonly kind: 'filter'; readonly query: Record<string, unknown> }
  /** The role's DLS could not be rendered for this caller (e.g. an undefined attribute): deny, never widen. */
  | { readonly kind: 'denied'; readonly reason: string };

export interface IndexTarget {
  readonly index: string;
  readonly dls: DlsFilter;
}

/** What one permission set may do with one exposed index; shared by every caller with that permission set. */
export interface IndexShape {
  readonly visible: VisibleIndex;
  readonly canGet: boolean;
  /** Concrete indices behind the exposed name that this permission set may search. */
  readonly searchable: readonly string[];
}

/** Everything the schema is built from. Same key, same shape, same schema. */
export interface SchemaShape {
  readonly key: string;
  readonly indices: readonly IndexShape[];
  /**
   * May administer security (schema/admin.graphql is included). Part of `key`. Absent means no: shapes built
   * by hand (benchmarks, tests) never get the admin API by accident.
   */
  readonly admin?: boolean;
  /**
   * The saved-search API (schema/tenants.graphql): absent when the caller has no tenant, `read` for the
   * queries alone, `write` when some tenant is writable (the mutations too). Part of `key`.
   */
  readonly tenants?: 'read' | 'write';
}

export interface IndexGrant {
  readonly shape: IndexShape;
  readonly targets: readonly IndexTarget[];
}

export interface TenantGrant {
  readonly name: string;
  readonly access: 'read' | 'write';
}

export interface PermissionView {
  readonly principal: Principal;
  readonly shape: SchemaShape;
  readonly roles: readonly string[];
  readonly tenants: readonly TenantGrant[];
  /** The caller's grant on an exposed index (by its configured name), if they may search it. */
  grant(exposedIndex: string): IndexGrant | undefined;
}
