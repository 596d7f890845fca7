/**
 * What authentication needs from internal_users.yml. The config layer owns loading and reloading; auth
 * only reads through this interface so a reload is visible on the next request.
 */
export interface InternalUser {
  name: string;
  /** bcrypt, `$2a$`, `$2b$` or `$2y$` (the plugin writes `$2y$`). */
  hash: string;
  backendRoles: string[];
  /** The plugin's `opendistro_security_roles`: security roles assigned without a mapping. */
  securityRoles: string[];
  attributes: Record<string, string>;
  /** `enabled: false` in internal_users.yml: the user exists but may not log in. Absent means enabled. */
  enabled?: boolean;
}

export interface InternalUserSource {
  get(name: string): InternalUser | undefined;
  /**
   * Changes whenever any user changes. Cached password verifications are keyed by it, so a changed
   * password or a deleted user stops working at once, not when a cache entry expires.
   */
  readonly version: string;
  /**
   * The highest bcrypt cost among the users (`highestBcryptCost`), so an unknown name costs as much as the
   * slowest real one. Sources that cannot say leave it out; the verifier then uses the highest it has seen.
   */
  readonly highestCost?: number;
}
