/**
 * Who is calling, as established by authentication. Everything downstream (role mapping, DLS templates,
 * tenants) reads only this; nothing re-parses credentials.
 */
export type AuthType = 'basic' | 'jwt' | 'proxy' | 'anonymous';

/** Attribute values as they came from the source (JWT claims may be nested JSON). */
export type AttributeValue = string | number | boolean | null | AttributeValue[] | { [k: string]: AttributeValue };

export interface Principal {
  /** User name (JWT `subject_key`, internal user name, proxy user header). */
  readonly name: string;
  /** Backend roles, exactly as asserted: never trimmed or case-folded into another role. */
  readonly backendRoles: readonly string[];
  /**
   * Security roles assigned directly, without a role mapping (internal users'
   * `opendistro_security_roles`).
   */
  readonly directRoles: readonly string[];
  /**
   * Attributes for DLS templates, keyed by the plugin's names without the `attr.` prefix, e.g.
   * `internal.department`, `jwt.sub`, `proxy.dept`.
   */
  readonly attributes: Readonly<Record<string, AttributeValue>>;
  readonly authType: AuthType;
  /** The caller's address as the gateway saw it (for `hosts` in role mappings). */
  readonly remoteAddress: string;
}
