import { GraphQLNonNull, GraphQLObjectType, printSchema, type GraphQLFieldConfig, type GraphQLFieldConfigMap, type GraphQLFieldResolver } from 'graphql';
import type { Principal } from '../../auth/principal.js';
import { isSecurityAdmin } from '../../authz/admin.js';
import type { ConfigSnapshot } from '../../config/store/store.js';
import type {
  MutationDeleteRoleArgs,
  SecurityAdminExplainAccessArgs,
  SecurityAdminRoleArgs,
  SecurityAdminSchemaForArgs,
  SecurityAdminTestDlsArgs,
  SecurityResourceKind,
} from '../generated/graphql.js';
import { ErrorCode, gqlError } from '../../errors.js';
import { staticTypes } from '../../sdl/static.js';
import { applyChange, type ChangeOp } from './changes.js';
import type { AdminDeps, AdminContext } from './context.js';
import { explainAccess, subjectPrincipal } from './explain.js';
import { KINDS, present, presentAll } from './resources.js';
import { testDls, testDlsTargets } from './test-dls.js';

/**
 * Resolvers for schema/admin.graphql. The types come from the static schema; the two roots (`Query.security`,
 * `Mutation`) are copied once with resolvers attached and added only to administrators' schemas. Every
 * resolver checks again that the caller is an administrator under the configuration in force (defence in
 * depth: a schema is only ever built for an admin permission set, but the check costs nothing).
 */
type Resolver<Args> = GraphQLFieldResolver<AdminRoot, AdminContext, Args>;

/** SecurityAdmin's fields with their arguments as GraphQL Code Generator types them (the per-kind lists and
 * lookups are added below from `kindFields`). */
interface AdminFields {
  readonly configVersion: Resolver<Record<string, never>>;
  readonly testDls: Resolver<SecurityAdminTestDlsArgs>;
  readonly explainAccess: Resolver<SecurityAdminExplainAccessArgs>;
  readonly schemaFor: Resolver<SecurityAdminSchemaForArgs>;
}

/** The arguments every change mutation of a kind has (the entry itself is named per kind: role, mapping...). */
type ChangeArgs = MutationDeleteRoleArgs & { readonly patch?: unknown } & { readonly [entry: string]: unknown };

function requireAdmin(ctx: AdminContext, what: string): AdminDeps {
  const admin = ctx.admin;
  const config = admin?.store.current.config;
  const allowed =
    admin !== undefined &&
    config !== undefined &&
    ctx.permissions.shape.admin === true &&
    isSecurityAdmin(config, ctx.permissions.roles, { restapiRolesEnabled: admin.options.restapiRolesEnabled });
  if (!allowed) {
    admin?.audit.record({
      category: 'MISSING_PRIVILEGES',
      user: ctx.permissions.principal.name,
      remoteAddress: ctx.permissions.principal.remoteAddress,
      privilege: 'restapi:admin/*',
      reason: `not a security administrator (${what})`,
    });
    throw gqlError(ErrorCode.Forbidden, 'not permitted');
  }
  return admin;
}

interface AdminRoot {
  readonly snapshot: ConfigSnapshot;
  readonly deps: AdminDeps;
}

const kindFields: [SecurityResourceKind, string, string][] = [
  ['ROLE', 'roles', 'role'],
  ['ROLE_MAPPING', 'roleMappings', 'roleMapping'],
  ['ACTION_GROUP', 'actionGroups', 'actionGroup'],
  ['INTERNAL_USER', 'internalUsers', 'internalUser'],
  ['TENANT', 'tenants', 'tenant'],
];

const adminFieldResolvers: AdminFields = {
  configVersion: (root) => root.snapshot.version,
  testDls: (root, args, ctx) =>
    testDls(
      root.snapshot.config,
      ctx.search,
      args.query,
      testDlsTargets(root.deps.catalog(), args.index, root.deps.systemIndices),
      subjectPrincipal(root.snapshot.config, null, args.subject, ctx.permissions.principal),
    ),
  explainAccess: (root, args, ctx) =>
    explainAccess(
      root.deps.authorizer,
      root.snapshot.config,
      subjectPrincipal(root.snapshot.config, args.user, args.subject, ctx.permissions.principal),
      args.index,
      root.deps.options,
    ),
  schemaFor: (root, args, ctx) => {
    const role = args.role;
    const given = [args.user, role, args.subject].filter((a) => a != null).length;
    if (given !== 1) throw gqlError(ErrorCode.BadUserInput, 'give exactly one of user, role or subject', { field: 'user' });
    if (role != null) {
      if (!root.snapshot.config.roles.has(role)) throw gqlError(ErrorCode.NotFound, `role "${role}" does not exist`, { field: 'role' });
      // Role mapping is skipped: the schema of exactly this role, whatever roles_mapping.yml maps to everyone.
      const principal: Principal = { name: `role:${role}`, backendRoles: [], directRoles: [role], attributes: {}, authType: 'basic', remoteAddress: '127.0.0.1' };
      return printSchema(root.deps.schemaOf(principal, [role]));
    }
    const principal = subjectPrincipal(root.snapshot.config, args.user, args.subject, ctx.permissions.principal);
    return printSchema(root.deps.schemaOf(principal));
  },
};
/** `roles`/`role(name)`, `roleMappings`/`roleMapping(name)`, ...: one list and one lookup per kind. */
const kindResolvers: Record<string, Resolver<Record<string, never>> | Resolver<SecurityAdminRoleArgs>> = {};
for (const [kind, plural, singular] of kindFields) {
  kindResolvers[plural] = (root: AdminRoot) => presentAll(root.snapshot, KINDS[kind]);
  kindResolvers[singular] = (root: AdminRoot, args: SecurityAdminRoleArgs) => present(root.snapshot, KINDS[kind], args.name);
}

const mutationArg: Record<SecurityResourceKind, string> = {
  ROLE: 'role',
  ROLE_MAPPING: 'mapping',
  ACTION_GROUP: 'group',
  INTERNAL_USER: 'user',
  TENANT: 'tenant',
};
const mutationNames: Record<SecurityResourceKind, string> = {
  ROLE: 'Role',
  ROLE_MAPPING: 'RoleMapping',
  ACTION_GROUP: 'ActionGroup',
  INTERNAL_USER: 'InternalUser',
  TENANT: 'Tenant',
};

function mutationResolver(kind: SecurityResourceKind, op: ChangeOp): GraphQLFieldResolver<unknown, AdminContext, ChangeArgs> {
  return async (_root, args, ctx) => {
    const deps = requireAdmin(ctx, `${op} ${KINDS[kind].file}`);
    let body: Record<string, unknown> | undefined;
    if (op === 'put') body = plain(args[mutationArg[kind]]);
    if (op === 'patch') {
      const patch = args.patch;
      if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) {
        throw gqlError(ErrorCode.BadUserInput, 'patch must be a JSON object (a JSON merge patch of the entry)', { field: 'patch' });
      }
      body = plain(patch);
    }
    return applyChange(
      {
        store: deps.store,
        audit: deps.audit,
        passwordCost: deps.passwordCost,
        passwordPolicy: deps.passwordPolicy,
        restapiRolesEnabled: deps.options.restapiRolesEnabled,
      },
      {
        kind: KINDS[kind],
        op,
        name: args.name,
        ...(body !== undefined ? { body } : {}),
        expectedVersion: args.expectedVersion,
        dryRun: args.dryRun,
      },
      ctx.permissions.principal,
    );
  };
}

/** GraphQL input objects may have a null prototype and undefined members: make them plain JSON. */
function plain(value: unknown): Record<string, unknown> {
  return JSON.parse(JSON.stringify(value ?? {})) as Record<string, unknown>;
}

let roots: { security: GraphQLFieldConfig<unknown, AdminContext>; mutationFields: GraphQLFieldConfigMap<unknown, AdminContext> } | undefined;

/** `Query.security` and the admin mutations, for administrators' schemas (built once per process). */
export function adminRoots() {
  if (roots) return roots;
  const adminType = staticTypes.object('SecurityAdmin');
  const adminCfg = adminType.toConfig();
  // Erased to graphql-js's own resolver type (arguments `any`) once each is checked against its field above.
  const fieldResolvers: Record<string, GraphQLFieldResolver<AdminRoot, AdminContext> | undefined> = { ...adminFieldResolvers, ...kindResolvers };
  const securityAdmin = new GraphQLObjectType<AdminRoot, AdminContext>({
    ...adminCfg,
    fields: Object.fromEntries(
      Object.entries(adminCfg.fields).map(([name, f]) => {
        const resolve = fieldResolvers[name];
        if (!resolve) throw new Error(`schema/admin.graphql: SecurityAdmin.${name} has no resolver`);
        return [name, { ...f, resolve }];
      }),
    ),
  });
  const mutationCfg = staticTypes.object('Mutation').toConfig();
  const resolvers: Record<string, GraphQLFieldResolver<unknown, AdminContext, ChangeArgs>> = {};
  for (const kind of Object.keys(KINDS) as SecurityResourceKind[]) {
    for (const op of ['put', 'patch', 'delete'] as const) resolvers[`${op}${mutationNames[kind]}`] = mutationResolver(kind, op);
  }
  // The Mutation type also holds other modules' fields (schema/tenants.graphql): take ours, by resolver.
  const mutationFields = Object.fromEntries(
    Object.entries(resolvers).map(([name, resolve]) => {
      const field = mutationCfg.fields[name];
      if (!field) throw new Error(`schema/admin.graphql: Mutation.${name} is missing`);
      return [name, { ...field, resolve }];
    }),
  ) as GraphQLFieldConfigMap<unknown, AdminContext>;
  roots = {
    security: {
      type: new GraphQLNonNull(securityAdmin),
      description: 'Read the security configuration and test rules.',
      resolve: (_p, _a, ctx): AdminRoot => {
        const deps = requireAdmin(ctx, 'read security');
        return { snapshot: deps.store.current, deps };
      },
    },
    mutationFields,
  };
  return roots;
}
