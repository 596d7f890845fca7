import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { ApiContext } from '../kernel/context.js';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  DateTime: { input: string; output: string; }
  JSON: { input: unknown; output: unknown; }
  SafeInt: { input: number; output: number; }
};

export type AccessExplanation = {
  __typename?: 'AccessExplanation';
  backendRoles: Array<Scalars['String']['output']>;
  indices: Array<IndexAccessExplanation>;
  /** The request limits that apply to the user: for each, the most generous of their roles' (limits.roles). */
  limits: RequestLimits;
  /** Every security role mapped to the user. */
  roles: Array<Scalars['String']['output']>;
  /** May this user administer security? */
  securityAdmin: Scalars['Boolean']['output'];
  user: Scalars['String']['output'];
};

export type AuthType =
  | 'ANONYMOUS'
  | 'BASIC'
  | 'JWT'
  | 'PROXY';

export type BooleanFilter = {
  eq?: InputMaybe<Scalars['Boolean']['input']>;
  exists?: InputMaybe<Scalars['Boolean']['input']>;
};

export type CalendarInterval =
  | 'DAY'
  | 'HOUR'
  | 'MINUTE'
  | 'MONTH'
  | 'QUARTER'
  | 'WEEK'
  | 'YEAR';

export type DateHistogramBucket = {
  __typename?: 'DateHistogramBucket';
  count: Scalars['Int']['output'];
  key: Scalars['DateTime']['output'];
};

export type DateTimeFilter = {
  eq?: InputMaybe<Scalars['DateTime']['input']>;
  exists?: InputMaybe<Scalars['Boolean']['input']>;
  gt?: InputMaybe<Scalars['DateTime']['input']>;
  gte?: InputMaybe<Scalars['DateTime']['input']>;
  lt?: InputMaybe<Scalars['DateTime']['input']>;
  lte?: InputMaybe<Scalars['DateTime']['input']>;
};

export type DlsTestResult = {
  __typename?: 'DlsTestResult';
  /** How many documents of the index the query lets through; null when invalid. */
  matchCount: Maybe<Scalars['Int']['output']>;
  /** What is wrong with the query, with where; empty when valid. */
  problems: Array<Scalars['String']['output']>;
  /** The query as it would run for the subject (variables filled in). */
  rendered: Maybe<Scalars['JSON']['output']>;
  valid: Scalars['Boolean']['output'];
};

export type FloatFilter = {
  eq?: InputMaybe<Scalars['Float']['input']>;
  exists?: InputMaybe<Scalars['Boolean']['input']>;
  gt?: InputMaybe<Scalars['Float']['input']>;
  gte?: InputMaybe<Scalars['Float']['input']>;
  in?: InputMaybe<Array<Scalars['Float']['input']>>;
  lt?: InputMaybe<Scalars['Float']['input']>;
  lte?: InputMaybe<Scalars['Float']['input']>;
};

export type HistogramBucket = {
  __typename?: 'HistogramBucket';
  count: Scalars['Int']['output'];
  key: Scalars['Float']['output'];
};

export type IndexAccessExplanation = {
  __typename?: 'IndexAccessExplanation';
  canGet: Scalars['Boolean']['output'];
  canSearch: Scalars['Boolean']['output'];
  /** The document filter added to every read; null when unrestricted. */
  dls: Maybe<Scalars['JSON']['output']>;
  /** Why reads are refused (e.g. a DLS variable the user lacks); null when they are not. */
  dlsError: Maybe<Scalars['String']['output']>;
  fls: Array<Scalars['String']['output']>;
  /** ALL, INCLUDE or EXCLUDE, with the merged patterns. */
  flsMode: Scalars['String']['output'];
  /** A concrete index (an alias or pattern is resolved to the indices behind it). */
  index: Scalars['String']['output'];
  masks: Array<Scalars['String']['output']>;
  /** The user's roles that grant anything on this index. */
  roles: Array<Scalars['String']['output']>;
};

export type IntFilter = {
  eq?: InputMaybe<Scalars['SafeInt']['input']>;
  exists?: InputMaybe<Scalars['Boolean']['input']>;
  gt?: InputMaybe<Scalars['SafeInt']['input']>;
  gte?: InputMaybe<Scalars['SafeInt']['input']>;
  in?: InputMaybe<Array<Scalars['SafeInt']['input']>>;
  lt?: InputMaybe<Scalars['SafeInt']['input']>;
  lte?: InputMaybe<Scalars['SafeInt']['input']>;
};

export type KeywordFilter = {
  eq?: InputMaybe<Scalars['String']['input']>;
  exists?: InputMaybe<Scalars['Boolean']['input']>;
  in?: InputMaybe<Array<Scalars['String']['input']>>;
  prefix?: InputMaybe<Scalars['String']['input']>;
};

export type Me = {
  __typename?: 'Me';
  /** The authentication domain type that identified the caller. */
  authType: AuthType;
  /** Backend roles as asserted by the authentication domain. */
  backendRoles: Array<Scalars['String']['output']>;
  name: Scalars['String']['output'];
  /** The caller's address as the gateway saw it. */
  remoteAddress: Scalars['String']['output'];
  /** Security roles mapped to the caller. */
  roles: Array<Scalars['String']['output']>;
  /** Tenants the caller may use, with read or write access. */
  tenants: Array<TenantAccess>;
};

export type Mutation = {
  __typename?: 'Mutation';
  deleteActionGroup: SecurityChange;
  deleteInternalUser: SecurityChange;
  deleteRole: SecurityChange;
  deleteRoleMapping: SecurityChange;
  /** Deletes a saved search (CONFLICT when `expectedVersion` is given and stale; NOT_FOUND when there is none). */
  deleteSavedSearch: SavedSearchDeletion;
  deleteTenant: SecurityChange;
  patchActionGroup: SecurityChange;
  patchInternalUser: SecurityChange;
  patchRole: SecurityChange;
  patchRoleMapping: SecurityChange;
  patchTenant: SecurityChange;
  putActionGroup: SecurityChange;
  putInternalUser: SecurityChange;
  putRole: SecurityChange;
  putRoleMapping: SecurityChange;
  putTenant: SecurityChange;
  /**
   * Creates or replaces a saved search. With `expectedVersion` the write happens only if the search is still at
   * that version (0: only if it does not exist), else CONFLICT. The search must run for you as written.
   */
  saveSearch: SavedSearch;
};


export type MutationDeleteActionGroupArgs = {
  dryRun?: InputMaybe<Scalars['Boolean']['input']>;
  expectedVersion: InputMaybe<Scalars['Int']['input']>;
  name: Scalars['String']['input'];
};


export type MutationDeleteInternalUserArgs = {
  dryRun?: InputMaybe<Scalars['Boolean']['input']>;
  expectedVersion: InputMaybe<Scalars['Int']['input']>;
  name: Scalars['String']['input'];
};


export type MutationDeleteRoleArgs = {
  dryRun?: InputMaybe<Scalars['Boolean']['input']>;
  expectedVersion: InputMaybe<Scalars['Int']['input']>;
  name: Scalars['String']['input'];
};


export type MutationDeleteRoleMappingArgs = {
  dryRun?: InputMaybe<Scalars['Boolean']['input']>;
  expectedVersion: InputMaybe<Scalars['Int']['input']>;
  name: Scalars['String']['input'];
};


export type MutationDeleteSavedSearchArgs = {
  expectedVersion: InputMaybe<Scalars['Int']['input']>;
  name: Scalars['String']['input'];
  tenant: InputMaybe<Scalars['String']['input']>;
};


export type MutationDeleteTenantArgs = {
  dryRun?: InputMaybe<Scalars['Boolean']['input']>;
  expectedVersion: InputMaybe<Scalars['Int']['input']>;
  name: Scalars['String']['input'];
};


export type MutationPatchActionGroupArgs = {
  dryRun?: InputMaybe<Scalars['Boolean']['input']>;
  expectedVersion: InputMaybe<Scalars['Int']['input']>;
  name: Scalars['String']['input'];
  patch: Scalars['JSON']['input'];
};


export type MutationPatchInternalUserArgs = {
  dryRun?: InputMaybe<Scalars['Boolean']['input']>;
  expectedVersion: InputMaybe<Scalars['Int']['input']>;
  name: Scalars['String']['input'];
  patch: Scalars['JSON']['input'];
};


export type MutationPatchRoleArgs = {
  dryRun?: InputMaybe<Scalars['Boolean']['input']>;
  expectedVersion: InputMaybe<Scalars['Int']['input']>;
  name: Scalars['String']['input'];
  patch: Scalars['JSON']['input'];
};


export type MutationPatchRoleMappingArgs = {
  dryRun?: InputMaybe<Scalars['Boolean']['input']>;
  expectedVersion: InputMaybe<Scalars['Int']['input']>;
  name: Scalars['String']['input'];
  patch: Scalars['JSON']['input'];
};


export type MutationPatchTenantArgs = {
  dryRun?: InputMaybe<Scalars['Boolean']['input']>;
  expectedVersion: InputMaybe<Scalars['Int']['input']>;
  name: Scalars['String']['input'];
  patch: Scalars['JSON']['input'];
};


export type MutationPutActionGroupArgs = {
  dryRun?: InputMaybe<Scalars['Boolean']['input']>;
  expectedVersion: InputMaybe<Scalars['Int']['input']>;
  group: SecurityActionGroupInput;
  name: Scalars['String']['input'];
};


export type MutationPutInternalUserArgs = {
  dryRun?: InputMaybe<Scalars['Boolean']['input']>;
  expectedVersion: InputMaybe<Scalars['Int']['input']>;
  name: Scalars['String']['input'];
  user: SecurityInternalUserInput;
};


export type MutationPutRoleArgs = {
  dryRun?: InputMaybe<Scalars['Boolean']['input']>;
  expectedVersion: InputMaybe<Scalars['Int']['input']>;
  name: Scalars['String']['input'];
  role: SecurityRoleInput;
};


export type MutationPutRoleMappingArgs = {
  dryRun?: InputMaybe<Scalars['Boolean']['input']>;
  expectedVersion: InputMaybe<Scalars['Int']['input']>;
  mapping: SecurityRoleMappingInput;
  name: Scalars['String']['input'];
};


export type MutationPutTenantArgs = {
  dryRun?: InputMaybe<Scalars['Boolean']['input']>;
  expectedVersion: InputMaybe<Scalars['Int']['input']>;
  name: Scalars['String']['input'];
  tenant: SecurityTenantInput;
};


export type MutationSaveSearchArgs = {
  expectedVersion: InputMaybe<Scalars['Int']['input']>;
  name: Scalars['String']['input'];
  search: SavedSearchInput;
  tenant: InputMaybe<Scalars['String']['input']>;
};

export type PageInfo = {
  __typename?: 'PageInfo';
  /** Pass as `after` to get the next page. Opaque; only valid with the same orderBy. */
  endCursor: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
};

export type Query = {
  __typename?: 'Query';
  /** Who the caller is, as authentication and role mapping established it (like the plugin's authinfo). */
  me: Me;
  /**
   * Runs a saved search as you: with your document filters, field rules and masks, whoever saved it. Parts
   * that name fields or indices you cannot see are refused (listed in `errors`); the rest runs. `variables`
   * override the saved ones.
   */
  runSavedSearch: SavedSearchRun;
  /** One saved search; null when the tenant has none of that name. */
  savedSearch: Maybe<SavedSearch>;
  /**
   * The saved searches of a tenant, by name, a page at a time: `first` (1 to 200) after the name `after` (pass
   * the last name of the previous page).
   */
  savedSearches: Array<SavedSearch>;
  /** Read the security configuration and test rules. Only in administrators' schemas. */
  security: SecurityAdmin;
};


export type QueryRunSavedSearchArgs = {
  name: Scalars['String']['input'];
  tenant: InputMaybe<Scalars['String']['input']>;
  variables: InputMaybe<Scalars['JSON']['input']>;
};


export type QuerySavedSearchArgs = {
  name: Scalars['String']['input'];
  tenant: InputMaybe<Scalars['String']['input']>;
};


export type QuerySavedSearchesArgs = {
  after: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  tenant: InputMaybe<Scalars['String']['input']>;
};

/** What one request may cost (searchgate.yml `limits`), checked before any backend call. */
export type RequestLimits = {
  __typename?: 'RequestLimits';
  /** Aliased fields in one operation. */
  maxAliases: Scalars['Int']['output'];
  /** Estimated cost: per search 1 + hits asked for x fields per hit + aggregation buckets. */
  maxCost: Scalars['SafeInt']['output'];
  /** Deepest selection; introspection is not counted. */
  maxDepth: Scalars['Int']['output'];
  /** Largest page (first) of a search. */
  maxPageSize: Scalars['Int']['output'];
  /** Bytes of one answer. */
  maxResponseBytes: Scalars['SafeInt']['output'];
  /** Fields at the root of one operation. */
  maxRootFields: Scalars['Int']['output'];
  /** Backend searches per request, saved searches it runs included. */
  maxSearches: Scalars['Int']['output'];
  /** Largest terms aggregation. */
  maxTermsSize: Scalars['Int']['output'];
};

/** One index's search in parts. */
export type SavedIndexSearch = {
  __typename?: 'SavedIndexSearch';
  /** Document fields returned, e.g. `title` or `director.name`. */
  fields: Array<Scalars['String']['output']>;
  first: Maybe<Scalars['Int']['output']>;
  /** The index's search field, e.g. `movies`. */
  index: Scalars['String']['output'];
  /** As the index's `orderBy` argument takes it, e.g. [{"field": "YEAR", "direction": "DESC"}]. */
  orderBy: Maybe<Scalars['JSON']['output']>;
  query: Maybe<Scalars['String']['output']>;
  /** As the index's `where` argument takes it. */
  where: Maybe<Scalars['JSON']['output']>;
};

export type SavedIndexSearchInput = {
  fields: Array<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  index: Scalars['String']['input'];
  orderBy?: InputMaybe<Scalars['JSON']['input']>;
  query?: InputMaybe<Scalars['String']['input']>;
  where?: InputMaybe<Scalars['JSON']['input']>;
};

export type SavedSearch = {
  __typename?: 'SavedSearch';
  createdAt: Scalars['DateTime']['output'];
  createdBy: Scalars['String']['output'];
  description: Maybe<Scalars['String']['output']>;
  /** The saved GraphQL document; null for an index search. */
  document: Maybe<Scalars['String']['output']>;
  /** The saved index search; null for a GraphQL document. */
  indexSearch: Maybe<SavedIndexSearch>;
  name: Scalars['String']['output'];
  operationName: Maybe<Scalars['String']['output']>;
  /** The tenant as you named it: `global_tenant`, a custom tenant, or `__user__` for your private tenant. */
  tenant: Scalars['String']['output'];
  updatedAt: Scalars['DateTime']['output'];
  updatedBy: Scalars['String']['output'];
  variables: Maybe<Scalars['JSON']['output']>;
  /** Increases with every change; pass it as `expectedVersion` to write only over what you read. */
  version: Scalars['Int']['output'];
};

export type SavedSearchDeletion = {
  __typename?: 'SavedSearchDeletion';
  name: Scalars['String']['output'];
  tenant: Scalars['String']['output'];
  /** The version the deletion recorded. */
  version: Scalars['Int']['output'];
};

/** Give exactly one of `document` and `indexSearch`. */
export type SavedSearchInput = {
  description?: InputMaybe<Scalars['String']['input']>;
  /** A GraphQL query document (no mutations), run later against the runner's schema. */
  document?: InputMaybe<Scalars['String']['input']>;
  indexSearch?: InputMaybe<SavedIndexSearchInput>;
  operationName?: InputMaybe<Scalars['String']['input']>;
  variables?: InputMaybe<Scalars['JSON']['input']>;
};

export type SavedSearchRun = {
  __typename?: 'SavedSearchRun';
  /** The result, as if you had sent the saved document yourself; null when nothing could run. */
  data: Maybe<Scalars['JSON']['output']>;
  /** Refused parts and errors while running, each with a stable code. */
  errors: Array<SavedSearchRunError>;
  search: SavedSearch;
};

export type SavedSearchRunError = {
  __typename?: 'SavedSearchRunError';
  code: Scalars['String']['output'];
  message: Scalars['String']['output'];
  /** Where in the result (response keys), when the error belongs to one part. */
  path: Maybe<Array<Scalars['String']['output']>>;
};

export type SecurityActionGroup = {
  __typename?: 'SecurityActionGroup';
  allowed_actions: Array<Scalars['String']['output']>;
  description: Maybe<Scalars['String']['output']>;
  hidden: Scalars['Boolean']['output'];
  name: Scalars['String']['output'];
  reserved: Scalars['Boolean']['output'];
  static: Scalars['Boolean']['output'];
  type: Maybe<Scalars['String']['output']>;
  version: Scalars['Int']['output'];
};

export type SecurityActionGroupInput = {
  allowed_actions?: InputMaybe<Array<Scalars['String']['input']>>;
  description?: InputMaybe<Scalars['String']['input']>;
  type?: InputMaybe<Scalars['String']['input']>;
};

export type SecurityAdmin = {
  __typename?: 'SecurityAdmin';
  actionGroup: Maybe<SecurityActionGroup>;
  actionGroups: Array<SecurityActionGroup>;
  /** The version of the configuration in force (increases by one per change). */
  configVersion: Scalars['Int']['output'];
  /**
   * Which roles apply to a user (an internal user by `user`, or any `subject`) on `index`, and the resulting
   * document filter, field rules and masks.
   */
  explainAccess: AccessExplanation;
  internalUser: Maybe<SecurityInternalUser>;
  /** Internal users. Password hashes are never returned. */
  internalUsers: Array<SecurityInternalUser>;
  role: Maybe<SecurityRole>;
  roleMapping: Maybe<SecurityRoleMapping>;
  roleMappings: Array<SecurityRoleMapping>;
  roles: Array<SecurityRole>;
  /**
   * The GraphQL schema (SDL) a caller gets — introspection as they would see it — for frontend code generation:
   * an internal user by `user`, any `subject`, or a caller whose only security role is `role`. Give exactly one.
   */
  schemaFor: Scalars['String']['output'];
  tenant: Maybe<SecurityTenant>;
  tenants: Array<SecurityTenant>;
  /**
   * Checks a DLS query as roles.yml would hold it (no "query" wrapper) and counts the documents of `index` it
   * lets through. Variables are rendered for `subject` (default: you).
   */
  testDls: DlsTestResult;
};


export type SecurityAdminActionGroupArgs = {
  name: Scalars['String']['input'];
};


export type SecurityAdminExplainAccessArgs = {
  index: Scalars['String']['input'];
  subject: InputMaybe<SecuritySubjectInput>;
  user: InputMaybe<Scalars['String']['input']>;
};


export type SecurityAdminInternalUserArgs = {
  name: Scalars['String']['input'];
};


export type SecurityAdminRoleArgs = {
  name: Scalars['String']['input'];
};


export type SecurityAdminRoleMappingArgs = {
  name: Scalars['String']['input'];
};


export type SecurityAdminSchemaForArgs = {
  role: InputMaybe<Scalars['String']['input']>;
  subject: InputMaybe<SecuritySubjectInput>;
  user: InputMaybe<Scalars['String']['input']>;
};


export type SecurityAdminTenantArgs = {
  name: Scalars['String']['input'];
};


export type SecurityAdminTestDlsArgs = {
  index: Scalars['String']['input'];
  query: Scalars['String']['input'];
  subject: InputMaybe<SecuritySubjectInput>;
};

/** What a change did (or, with dryRun, would do). */
export type SecurityChange = {
  __typename?: 'SecurityChange';
  after: Maybe<Scalars['JSON']['output']>;
  /** The entry before and after, as in the YAML files (password hashes removed). */
  before: Maybe<Scalars['JSON']['output']>;
  /** False when the entry already had this content (nothing was written). */
  changed: Scalars['Boolean']['output'];
  /** The configuration version in force after the change (unchanged by a dry run). */
  configVersion: Scalars['Int']['output'];
  diff: Array<SecurityDiffEntry>;
  dryRun: Scalars['Boolean']['output'];
  kind: SecurityResourceKind;
  name: Scalars['String']['output'];
  /** The entry's version after the change; null when deleted. */
  version: Maybe<Scalars['Int']['output']>;
};

export type SecurityDiffEntry = {
  __typename?: 'SecurityDiffEntry';
  after: Maybe<Scalars['JSON']['output']>;
  before: Maybe<Scalars['JSON']['output']>;
  /** Where in the entry, e.g. `index_permissions[0].dls`; empty for the whole entry. */
  path: Scalars['String']['output'];
};

export type SecurityIndexPermission = {
  __typename?: 'SecurityIndexPermission';
  allowed_actions: Array<Scalars['String']['output']>;
  dls: Maybe<Scalars['String']['output']>;
  fls: Array<Scalars['String']['output']>;
  index_patterns: Array<Scalars['String']['output']>;
  masked_fields: Array<Scalars['String']['output']>;
};

export type SecurityIndexPermissionInput = {
  allowed_actions: Array<Scalars['String']['input']>;
  dls?: InputMaybe<Scalars['String']['input']>;
  fls?: InputMaybe<Array<Scalars['String']['input']>>;
  index_patterns: Array<Scalars['String']['input']>;
  masked_fields?: InputMaybe<Array<Scalars['String']['input']>>;
};

export type SecurityInternalUser = {
  __typename?: 'SecurityInternalUser';
  attributes: Scalars['JSON']['output'];
  backend_roles: Array<Scalars['String']['output']>;
  description: Maybe<Scalars['String']['output']>;
  enabled: Scalars['Boolean']['output'];
  hidden: Scalars['Boolean']['output'];
  name: Scalars['String']['output'];
  opendistro_security_roles: Array<Scalars['String']['output']>;
  reserved: Scalars['Boolean']['output'];
  service: Scalars['Boolean']['output'];
  version: Scalars['Int']['output'];
};

/** Give `password` (hashed with bcrypt on write) or a ready bcrypt `hash`; a new user needs one of them. */
export type SecurityInternalUserInput = {
  attributes?: InputMaybe<Scalars['JSON']['input']>;
  backend_roles?: InputMaybe<Array<Scalars['String']['input']>>;
  description?: InputMaybe<Scalars['String']['input']>;
  enabled?: InputMaybe<Scalars['Boolean']['input']>;
  hash?: InputMaybe<Scalars['String']['input']>;
  opendistro_security_roles?: InputMaybe<Array<Scalars['String']['input']>>;
  password?: InputMaybe<Scalars['String']['input']>;
  service?: InputMaybe<Scalars['Boolean']['input']>;
};

export type SecurityResourceKind =
  | 'ACTION_GROUP'
  | 'INTERNAL_USER'
  | 'ROLE'
  | 'ROLE_MAPPING'
  | 'TENANT';

export type SecurityRole = {
  __typename?: 'SecurityRole';
  cluster_permissions: Array<Scalars['String']['output']>;
  description: Maybe<Scalars['String']['output']>;
  hidden: Scalars['Boolean']['output'];
  index_permissions: Array<SecurityIndexPermission>;
  name: Scalars['String']['output'];
  reserved: Scalars['Boolean']['output'];
  static: Scalars['Boolean']['output'];
  tenant_permissions: Array<SecurityTenantPermission>;
  /** The configuration version that last changed this entry; 0 for built-in entries. */
  version: Scalars['Int']['output'];
};

export type SecurityRoleInput = {
  cluster_permissions?: InputMaybe<Array<Scalars['String']['input']>>;
  description?: InputMaybe<Scalars['String']['input']>;
  index_permissions?: InputMaybe<Array<SecurityIndexPermissionInput>>;
  tenant_permissions?: InputMaybe<Array<SecurityTenantPermissionInput>>;
};

export type SecurityRoleMapping = {
  __typename?: 'SecurityRoleMapping';
  and_backend_roles: Array<Scalars['String']['output']>;
  backend_roles: Array<Scalars['String']['output']>;
  description: Maybe<Scalars['String']['output']>;
  hidden: Scalars['Boolean']['output'];
  hosts: Array<Scalars['String']['output']>;
  name: Scalars['String']['output'];
  reserved: Scalars['Boolean']['output'];
  users: Array<Scalars['String']['output']>;
  version: Scalars['Int']['output'];
};

export type SecurityRoleMappingInput = {
  and_backend_roles?: InputMaybe<Array<Scalars['String']['input']>>;
  backend_roles?: InputMaybe<Array<Scalars['String']['input']>>;
  description?: InputMaybe<Scalars['String']['input']>;
  hosts?: InputMaybe<Array<Scalars['String']['input']>>;
  users?: InputMaybe<Array<Scalars['String']['input']>>;
};

/** A caller described by hand: for explainAccess and testDls. */
export type SecuritySubjectInput = {
  /** Attributes by their DLS names without `attr.`, e.g. {"internal.department": "x"} or {"jwt.dept": "x"}. */
  attributes?: InputMaybe<Scalars['JSON']['input']>;
  backendRoles?: InputMaybe<Array<Scalars['String']['input']>>;
  name: Scalars['String']['input'];
  /** Address for role mappings' `hosts` (default 127.0.0.1). */
  remoteAddress?: InputMaybe<Scalars['String']['input']>;
};

export type SecurityTenant = {
  __typename?: 'SecurityTenant';
  description: Maybe<Scalars['String']['output']>;
  hidden: Scalars['Boolean']['output'];
  name: Scalars['String']['output'];
  reserved: Scalars['Boolean']['output'];
  static: Scalars['Boolean']['output'];
  version: Scalars['Int']['output'];
};

export type SecurityTenantInput = {
  description?: InputMaybe<Scalars['String']['input']>;
};

export type SecurityTenantPermission = {
  __typename?: 'SecurityTenantPermission';
  allowed_actions: Array<Scalars['String']['output']>;
  tenant_patterns: Array<Scalars['String']['output']>;
};

export type SecurityTenantPermissionInput = {
  allowed_actions: Array<Scalars['String']['input']>;
  tenant_patterns: Array<Scalars['String']['input']>;
};

export type SortDirection =
  | 'ASC'
  | 'DESC';

export type Stats = {
  __typename?: 'Stats';
  avg: Maybe<Scalars['Float']['output']>;
  count: Scalars['Int']['output'];
  max: Maybe<Scalars['Float']['output']>;
  min: Maybe<Scalars['Float']['output']>;
  sum: Scalars['Float']['output'];
};

export type TenantAccess = {
  __typename?: 'TenantAccess';
  access: TenantAccessLevel;
  name: Scalars['String']['output'];
};

export type TenantAccessLevel =
  | 'READ'
  | 'WRITE';

export type TermsBucket = {
  __typename?: 'TermsBucket';
  count: Scalars['Int']['output'];
  /** The bucket's value, rendered as a string (booleans `true`/`false`, dates ISO-8601). */
  key: Scalars['String']['output'];
};

/** Operators on full-text fields. */
export type TextFilter = {
  /** Exact value of the whole field (on its keyword sub-field; absent when it has none). */
  eq?: InputMaybe<Scalars['String']['input']>;
  /** Whether the field has a value. */
  exists?: InputMaybe<Scalars['Boolean']['input']>;
  /** Any of these exact values (on its keyword sub-field). */
  in?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Full-text match of all words (OpenSearch `match` with operator AND). */
  match?: InputMaybe<Scalars['String']['input']>;
  /** Full-text match of any word (OpenSearch `match` with operator OR). */
  matchAny?: InputMaybe<Scalars['String']['input']>;
  /** Phrase match (OpenSearch `match_phrase`). */
  matchPhrase?: InputMaybe<Scalars['String']['input']>;
  /** Prefix of the whole value (on its keyword sub-field). */
  prefix?: InputMaybe<Scalars['String']['input']>;
};

/** Whether `total` is exact or a lower bound (OpenSearch's hits.total.relation). */
export type TotalRelation =
  | 'EQ'
  | 'GTE';



export type ResolverTypeWrapper<T> = Promise<T> | T;


export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;





/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  AccessExplanation: ResolverTypeWrapper<AccessExplanation>;
  AuthType: AuthType;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  BooleanFilter: BooleanFilter;
  CalendarInterval: CalendarInterval;
  DateHistogramBucket: ResolverTypeWrapper<DateHistogramBucket>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  DateTimeFilter: DateTimeFilter;
  DlsTestResult: ResolverTypeWrapper<DlsTestResult>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  FloatFilter: FloatFilter;
  HistogramBucket: ResolverTypeWrapper<HistogramBucket>;
  IndexAccessExplanation: ResolverTypeWrapper<IndexAccessExplanation>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  IntFilter: IntFilter;
  JSON: ResolverTypeWrapper<Scalars['JSON']['output']>;
  KeywordFilter: KeywordFilter;
  Me: ResolverTypeWrapper<Me>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  RequestLimits: ResolverTypeWrapper<RequestLimits>;
  SafeInt: ResolverTypeWrapper<Scalars['SafeInt']['output']>;
  SavedIndexSearch: ResolverTypeWrapper<SavedIndexSearch>;
  SavedIndexSearchInput: SavedIndexSearchInput;
  SavedSearch: ResolverTypeWrapper<SavedSearch>;
  SavedSearchDeletion: ResolverTypeWrapper<SavedSearchDeletion>;
  SavedSearchInput: SavedSearchInput;
  SavedSearchRun: ResolverTypeWrapper<SavedSearchRun>;
  SavedSearchRunError: ResolverTypeWrapper<SavedSearchRunError>;
  SecurityActionGroup: ResolverTypeWrapper<SecurityActionGroup>;
  SecurityActionGroupInput: SecurityActionGroupInput;
  SecurityAdmin: ResolverTypeWrapper<SecurityAdmin>;
  SecurityChange: ResolverTypeWrapper<SecurityChange>;
  SecurityDiffEntry: ResolverTypeWrapper<SecurityDiffEntry>;
  SecurityIndexPermission: ResolverTypeWrapper<SecurityIndexPermission>;
  SecurityIndexPermissionInput: SecurityIndexPermissionInput;
  SecurityInternalUser: ResolverTypeWrapper<SecurityInternalUser>;
  SecurityInternalUserInput: SecurityInternalUserInput;
  SecurityResourceKind: SecurityResourceKind;
  SecurityRole: ResolverTypeWrapper<SecurityRole>;
  SecurityRoleInput: SecurityRoleInput;
  SecurityRoleMapping: ResolverTypeWrapper<SecurityRoleMapping>;
  SecurityRoleMappingInput: SecurityRoleMappingInput;
  SecuritySubjectInput: SecuritySubjectInput;
  SecurityTenant: ResolverTypeWrapper<SecurityTenant>;
  SecurityTenantInput: SecurityTenantInput;
  SecurityTenantPermission: ResolverTypeWrapper<SecurityTenantPermission>;
  SecurityTenantPermissionInput: SecurityTenantPermissionInput;
  SortDirection: SortDirection;
  Stats: ResolverTypeWrapper<Stats>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  TenantAccess: ResolverTypeWrapper<TenantAccess>;
  TenantAccessLevel: TenantAccessLevel;
  TermsBucket: ResolverTypeWrapper<TermsBucket>;
  TextFilter: TextFilter;
  TotalRelation: TotalRelation;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  AccessExplanation: AccessExplanation;
  Boolean: Scalars['Boolean']['output'];
  BooleanFilter: BooleanFilter;
  DateHistogramBucket: DateHistogramBucket;
  DateTime: Scalars['DateTime']['output'];
  DateTimeFilter: DateTimeFilter;
  DlsTestResult: DlsTestResult;
  Float: Scalars['Float']['output'];
  FloatFilter: FloatFilter;
  HistogramBucket: HistogramBucket;
  IndexAccessExplanation: IndexAccessExplanation;
  Int: Scalars['Int']['output'];
  IntFilter: IntFilter;
  JSON: Scalars['JSON']['output'];
  KeywordFilter: KeywordFilter;
  Me: Me;
  Mutation: Record<PropertyKey, never>;
  PageInfo: PageInfo;
  Query: Record<PropertyKey, never>;
  RequestLimits: RequestLimits;
  SafeInt: Scalars['SafeInt']['output'];
  SavedIndexSearch: SavedIndexSearch;
  SavedIndexSearchInput: SavedIndexSearchInput;
  SavedSearch: SavedSearch;
  SavedSearchDeletion: SavedSearchDeletion;
  SavedSearchInput: SavedSearchInput;
  SavedSearchRun: SavedSearchRun;
  SavedSearchRunError: SavedSearchRunError;
  SecurityActionGroup: SecurityActionGroup;
  SecurityActionGroupInput: SecurityActionGroupInput;
  SecurityAdmin: SecurityAdmin;
  SecurityChange: SecurityChange;
  SecurityDiffEntry: SecurityDiffEntry;
  SecurityIndexPermission: SecurityIndexPermission;
  SecurityIndexPermissionInput: SecurityIndexPermissionInput;
  SecurityInternalUser: SecurityInternalUser;
  SecurityInternalUserInput: SecurityInternalUserInput;
  SecurityRole: SecurityRole;
  SecurityRoleInput: SecurityRoleInput;
  SecurityRoleMapping: SecurityRoleMapping;
  SecurityRoleMappingInput: SecurityRoleMappingInput;
  SecuritySubjectInput: SecuritySubjectInput;
  SecurityTenant: SecurityTenant;
  SecurityTenantInput: SecurityTenantInput;
  SecurityTenantPermission: SecurityTenantPermission;
  SecurityTenantPermissionInput: SecurityTenantPermissionInput;
  Stats: Stats;
  String: Scalars['String']['output'];
  TenantAccess: TenantAccess;
  TermsBucket: TermsBucket;
  TextFilter: TextFilter;
};

export type AccessExplanationResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['AccessExplanation'] = ResolversParentTypes['AccessExplanation']> = {
  backendRoles?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  indices?: Resolver<Array<ResolversTypes['IndexAccessExplanation']>, ParentType, ContextType>;
  limits?: Resolver<ResolversTypes['RequestLimits'], ParentType, ContextType>;
  roles?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  securityAdmin?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  user?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type DateHistogramBucketResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['DateHistogramBucket'] = ResolversParentTypes['DateHistogramBucket']> = {
  count?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  key?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type DlsTestResultResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['DlsTestResult'] = ResolversParentTypes['DlsTestResult']> = {
  matchCount?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  problems?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  rendered?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
  valid?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type HistogramBucketResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['HistogramBucket'] = ResolversParentTypes['HistogramBucket']> = {
  count?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  key?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
};

export type IndexAccessExplanationResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['IndexAccessExplanation'] = ResolversParentTypes['IndexAccessExplanation']> = {
  canGet?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  canSearch?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  dls?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
  dlsError?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  fls?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  flsMode?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  index?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  masks?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  roles?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
};

export interface JsonScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['JSON'], any> {
  name: 'JSON';
}

export type MeResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['Me'] = ResolversParentTypes['Me']> = {
  authType?: Resolver<ResolversTypes['AuthType'], ParentType, ContextType>;
  backendRoles?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  remoteAddress?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  roles?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  tenants?: Resolver<Array<ResolversTypes['TenantAccess']>, ParentType, ContextType>;
};

export type MutationResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  deleteActionGroup?: Resolver<ResolversTypes['SecurityChange'], ParentType, ContextType, RequireFields<MutationDeleteActionGroupArgs, 'dryRun' | 'name'>>;
  deleteInternalUser?: Resolver<ResolversTypes['SecurityChange'], ParentType, ContextType, RequireFields<MutationDeleteInternalUserArgs, 'dryRun' | 'name'>>;
  deleteRole?: Resolver<ResolversTypes['SecurityChange'], ParentType, ContextType, RequireFields<MutationDeleteRoleArgs, 'dryRun' | 'name'>>;
  deleteRoleMapping?: Resolver<ResolversTypes['SecurityChange'], ParentType, ContextType, RequireFields<MutationDeleteRoleMappingArgs, 'dryRun' | 'name'>>;
  deleteSavedSearch?: Resolver<ResolversTypes['SavedSearchDeletion'], ParentType, ContextType, RequireFields<MutationDeleteSavedSearchArgs, 'name'>>;
  deleteTenant?: Resolver<ResolversTypes['SecurityChange'], ParentType, ContextType, RequireFields<MutationDeleteTenantArgs, 'dryRun' | 'name'>>;
  patchActionGroup?: Resolver<ResolversTypes['SecurityChange'], ParentType, ContextType, RequireFields<MutationPatchActionGroupArgs, 'dryRun' | 'name' | 'patch'>>;
  patchInternalUser?: Resolver<ResolversTypes['SecurityChange'], ParentType, ContextType, RequireFields<MutationPatchInternalUserArgs, 'dryRun' | 'name' | 'patch'>>;
  patchRole?: Resolver<ResolversTypes['SecurityChange'], ParentType, ContextType, RequireFields<MutationPatchRoleArgs, 'dryRun' | 'name' | 'patch'>>;
  patchRoleMapping?: Resolver<ResolversTypes['SecurityChange'], ParentType, ContextType, RequireFields<MutationPatchRoleMappingArgs, 'dryRun' | 'name' | 'patch'>>;
  patchTenant?: Resolver<ResolversTypes['SecurityChange'], ParentType, ContextType, RequireFields<MutationPatchTenantArgs, 'dryRun' | 'name' | 'patch'>>;
  putActionGroup?: Resolver<ResolversTypes['SecurityChange'], ParentType, ContextType, RequireFields<MutationPutActionGroupArgs, 'dryRun' | 'group' | 'name'>>;
  putInternalUser?: Resolver<ResolversTypes['SecurityChange'], ParentType, ContextType, RequireFields<MutationPutInternalUserArgs, 'dryRun' | 'name' | 'user'>>;
  putRole?: Resolver<ResolversTypes['SecurityChange'], ParentType, ContextType, RequireFields<MutationPutRoleArgs, 'dryRun' | 'name' | 'role'>>;
  putRoleMapping?: Resolver<ResolversTypes['SecurityChange'], ParentType, ContextType, RequireFields<MutationPutRoleMappingArgs, 'dryRun' | 'mapping' | 'name'>>;
  putTenant?: Resolver<ResolversTypes['SecurityChange'], ParentType, ContextType, RequireFields<MutationPutTenantArgs, 'dryRun' | 'name' | 'tenant'>>;
  saveSearch?: Resolver<ResolversTypes['SavedSearch'], ParentType, ContextType, RequireFields<MutationSaveSearchArgs, 'name' | 'search'>>;
};

export type PageInfoResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type QueryResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  me?: Resolver<ResolversTypes['Me'], ParentType, ContextType>;
  runSavedSearch?: Resolver<ResolversTypes['SavedSearchRun'], ParentType, ContextType, RequireFields<QueryRunSavedSearchArgs, 'name'>>;
  savedSearch?: Resolver<Maybe<ResolversTypes['SavedSearch']>, ParentType, ContextType, RequireFields<QuerySavedSearchArgs, 'name'>>;
  savedSearches?: Resolver<Array<ResolversTypes['SavedSearch']>, ParentType, ContextType, RequireFields<QuerySavedSearchesArgs, 'first'>>;
  security?: Resolver<ResolversTypes['SecurityAdmin'], ParentType, ContextType>;
};

export type RequestLimitsResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['RequestLimits'] = ResolversParentTypes['RequestLimits']> = {
  maxAliases?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  maxCost?: Resolver<ResolversTypes['SafeInt'], ParentType, ContextType>;
  maxDepth?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  maxPageSize?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  maxResponseBytes?: Resolver<ResolversTypes['SafeInt'], ParentType, ContextType>;
  maxRootFields?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  maxSearches?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  maxTermsSize?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export interface SafeIntScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['SafeInt'], any> {
  name: 'SafeInt';
}

export type SavedIndexSearchResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['SavedIndexSearch'] = ResolversParentTypes['SavedIndexSearch']> = {
  fields?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  first?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  index?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  orderBy?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
  query?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  where?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
};

export type SavedSearchResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['SavedSearch'] = ResolversParentTypes['SavedSearch']> = {
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  createdBy?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  description?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  document?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  indexSearch?: Resolver<Maybe<ResolversTypes['SavedIndexSearch']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  operationName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  tenant?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  updatedBy?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  variables?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
  version?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type SavedSearchDeletionResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['SavedSearchDeletion'] = ResolversParentTypes['SavedSearchDeletion']> = {
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  tenant?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  version?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type SavedSearchRunResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['SavedSearchRun'] = ResolversParentTypes['SavedSearchRun']> = {
  data?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
  errors?: Resolver<Array<ResolversTypes['SavedSearchRunError']>, ParentType, ContextType>;
  search?: Resolver<ResolversTypes['SavedSearch'], ParentType, ContextType>;
};

export type SavedSearchRunErrorResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['SavedSearchRunError'] = ResolversParentTypes['SavedSearchRunError']> = {
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  path?: Resolver<Maybe<Array<ResolversTypes['String']>>, ParentType, ContextType>;
};

export type SecurityActionGroupResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['SecurityActionGroup'] = ResolversParentTypes['SecurityActionGroup']> = {
  allowed_actions?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  description?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hidden?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  reserved?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  static?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  type?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  version?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type SecurityAdminResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['SecurityAdmin'] = ResolversParentTypes['SecurityAdmin']> = {
  actionGroup?: Resolver<Maybe<ResolversTypes['SecurityActionGroup']>, ParentType, ContextType, RequireFields<SecurityAdminActionGroupArgs, 'name'>>;
  actionGroups?: Resolver<Array<ResolversTypes['SecurityActionGroup']>, ParentType, ContextType>;
  configVersion?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  explainAccess?: Resolver<ResolversTypes['AccessExplanation'], ParentType, ContextType, RequireFields<SecurityAdminExplainAccessArgs, 'index'>>;
  internalUser?: Resolver<Maybe<ResolversTypes['SecurityInternalUser']>, ParentType, ContextType, RequireFields<SecurityAdminInternalUserArgs, 'name'>>;
  internalUsers?: Resolver<Array<ResolversTypes['SecurityInternalUser']>, ParentType, ContextType>;
  role?: Resolver<Maybe<ResolversTypes['SecurityRole']>, ParentType, ContextType, RequireFields<SecurityAdminRoleArgs, 'name'>>;
  roleMapping?: Resolver<Maybe<ResolversTypes['SecurityRoleMapping']>, ParentType, ContextType, RequireFields<SecurityAdminRoleMappingArgs, 'name'>>;
  roleMappings?: Resolver<Array<ResolversTypes['SecurityRoleMapping']>, ParentType, ContextType>;
  roles?: Resolver<Array<ResolversTypes['SecurityRole']>, ParentType, ContextType>;
  schemaFor?: Resolver<ResolversTypes['String'], ParentType, ContextType, Partial<SecurityAdminSchemaForArgs>>;
  tenant?: Resolver<Maybe<ResolversTypes['SecurityTenant']>, ParentType, ContextType, RequireFields<SecurityAdminTenantArgs, 'name'>>;
  tenants?: Resolver<Array<ResolversTypes['SecurityTenant']>, ParentType, ContextType>;
  testDls?: Resolver<ResolversTypes['DlsTestResult'], ParentType, ContextType, RequireFields<SecurityAdminTestDlsArgs, 'index' | 'query'>>;
};

export type SecurityChangeResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['SecurityChange'] = ResolversParentTypes['SecurityChange']> = {
  after?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
  before?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
  changed?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  configVersion?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  diff?: Resolver<Array<ResolversTypes['SecurityDiffEntry']>, ParentType, ContextType>;
  dryRun?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['SecurityResourceKind'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  version?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
};

export type SecurityDiffEntryResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['SecurityDiffEntry'] = ResolversParentTypes['SecurityDiffEntry']> = {
  after?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
  before?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
  path?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type SecurityIndexPermissionResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['SecurityIndexPermission'] = ResolversParentTypes['SecurityIndexPermission']> = {
  allowed_actions?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  dls?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  fls?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  index_patterns?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  masked_fields?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
};

export type SecurityInternalUserResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['SecurityInternalUser'] = ResolversParentTypes['SecurityInternalUser']> = {
  attributes?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  backend_roles?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  description?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  enabled?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  hidden?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  opendistro_security_roles?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  reserved?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  service?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  version?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type SecurityRoleResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['SecurityRole'] = ResolversParentTypes['SecurityRole']> = {
  cluster_permissions?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  description?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hidden?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  index_permissions?: Resolver<Array<ResolversTypes['SecurityIndexPermission']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  reserved?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  static?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  tenant_permissions?: Resolver<Array<ResolversTypes['SecurityTenantPermission']>, ParentType, ContextType>;
  version?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type SecurityRoleMappingResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['SecurityRoleMapping'] = ResolversParentTypes['SecurityRoleMapping']> = {
  and_backend_roles?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  backend_roles?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  description?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hidden?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  hosts?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  reserved?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  users?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  version?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type SecurityTenantResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['SecurityTenant'] = ResolversParentTypes['SecurityTenant']> = {
  description?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hidden?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  reserved?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  static?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  version?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type SecurityTenantPermissionResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['SecurityTenantPermission'] = ResolversParentTypes['SecurityTenantPermission']> = {
  allowed_actions?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  tenant_patterns?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
};

export type StatsResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['Stats'] = ResolversParentTypes['Stats']> = {
  avg?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  count?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  max?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  min?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  sum?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
};

export type TenantAccessResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['TenantAccess'] = ResolversParentTypes['TenantAccess']> = {
  access?: Resolver<ResolversTypes['TenantAccessLevel'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type TermsBucketResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['TermsBucket'] = ResolversParentTypes['TermsBucket']> = {
  count?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  key?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type Resolvers<ContextType = ApiContext> = {
  AccessExplanation?: AccessExplanationResolvers<ContextType>;
  DateHistogramBucket?: DateHistogramBucketResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  DlsTestResult?: DlsTestResultResolvers<ContextType>;
  HistogramBucket?: HistogramBucketResolvers<ContextType>;
  IndexAccessExplanation?: IndexAccessExplanationResolvers<ContextType>;
  JSON?: GraphQLScalarType;
  Me?: MeResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  RequestLimits?: RequestLimitsResolvers<ContextType>;
  SafeInt?: GraphQLScalarType;
  SavedIndexSearch?: SavedIndexSearchResolvers<ContextType>;
  SavedSearch?: SavedSearchResolvers<ContextType>;
  SavedSearchDeletion?: SavedSearchDeletionResolvers<ContextType>;
  SavedSearchRun?: SavedSearchRunResolvers<ContextType>;
  SavedSearchRunError?: SavedSearchRunErrorResolvers<ContextType>;
  SecurityActionGroup?: SecurityActionGroupResolvers<ContextType>;
  SecurityAdmin?: SecurityAdminResolvers<ContextType>;
  SecurityChange?: SecurityChangeResolvers<ContextType>;
  SecurityDiffEntry?: SecurityDiffEntryResolvers<ContextType>;
  SecurityIndexPermission?: SecurityIndexPermissionResolvers<ContextType>;
  SecurityInternalUser?: SecurityInternalUserResolvers<ContextType>;
  SecurityRole?: SecurityRoleResolvers<ContextType>;
  SecurityRoleMapping?: SecurityRoleMappingResolvers<ContextType>;
  SecurityTenant?: SecurityTenantResolvers<ContextType>;
  SecurityTenantPermission?: SecurityTenantPermissionResolvers<ContextType>;
  Stats?: StatsResolvers<ContextType>;
  TenantAccess?: TenantAccessResolvers<ContextType>;
  TermsBucket?: TermsBucketResolvers<ContextType>;
};

