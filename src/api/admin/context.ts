import type { GraphQLSchema } from 'graphql';
import type { AuditLog } from '../../audit/audit-log.js';
import type { PasswordPolicy } from '../../auth/password-policy.js';
import type { Principal } from '../../auth/principal.js';
import type { IndexCatalog } from '../../authz/compile.js';
import type { ConfigStore } from '../../config/store/store.js';
import type { ApiContext } from '../kernel/context.js';
import type { AccessExplainer, ExplainOptions } from './explain.js';

/** What the admin resolvers need beyond a normal request: the store, the audit log and the options. */
export interface AdminDeps {
  readonly store: ConfigStore;
  readonly audit: AuditLog;
  readonly catalog: () => IndexCatalog;
  readonly options: ExplainOptions;
  /** Explains the authorize stage's own decisions (explainAccess). */
  readonly authorizer: AccessExplainer;
  readonly passwordCost: number;
  /** auth.passwordPolicy: what passwords and hashes set through the API must meet. */
  readonly passwordPolicy: PasswordPolicy;
  /** The gateway's own indices (security store, saved searches): never searched by admin tools. */
  readonly systemIndices: ReadonlySet<string>;
  /** The schema a principal gets (with `roles`, exactly those security roles instead of their mapped ones). */
  readonly schemaOf: (principal: Principal, roles?: readonly string[]) => GraphQLSchema;
}

/** The admin module's slice of the request context: present when the gateway serves the admin API. */
export interface AdminSlice {
  readonly admin?: AdminDeps;
}

export type AdminContext = ApiContext & AdminSlice;
