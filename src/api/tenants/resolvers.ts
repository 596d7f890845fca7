import type { GraphQLFieldConfigMap, GraphQLFieldResolver, GraphQLSchema } from 'graphql';
import { selectTenant, type SelectedTenant } from '../../authz/tenant-select.js';
import { backendFailure } from '../../backend/failure.js';
import type { TenancyRequestContext } from './context.js';
import { badInput, ErrorCode, gqlError } from '../../errors.js';
import { log } from '../../log.js';
import { staticTypes } from '../../sdl/static.js';
import type {
  MutationDeleteSavedSearchArgs,
  MutationSaveSearchArgs,
  QueryRunSavedSearchArgs,
  QuerySavedSearchArgs,
  QuerySavedSearchesArgs,
  SavedSearchInput,
} from '../generated/graphql.js';
import type { TenancyDeps } from './context.js';
import { savedSearchDefinition, savedSearchName, type SavedSearchDefinition } from './definition.js';
import { prepareRun, runSaved } from './run.js';
import {
  SavedSearchConflict,
  SavedSearchCorrupt,
  SavedSearchLimit,
  SavedSearchNotFound,
  SavedSearchUnavailable,
  type SavedSearchRecord,
} from './store.js';

/**
 * Resolvers for schema/tenants.graphql. Each one starts from the same decision (src/authz/tenant-select.ts:
 * which tenant, read or write) and refuses before touching storage when the answer is no.
 */
type Resolver<Args> = GraphQLFieldResolver<unknown, TenancyRequestContext, Args>;

/** The fields of schema/tenants.graphql, with their arguments as GraphQL Code Generator types them. */
interface TenantQueries {
  readonly savedSearches: Resolver<QuerySavedSearchesArgs>;
  readonly savedSearch: Resolver<QuerySavedSearchArgs>;
  readonly runSavedSearch: Resolver<QueryRunSavedSearchArgs>;
}

interface TenantMutations {
  readonly saveSearch: Resolver<MutationSaveSearchArgs>;
  readonly deleteSavedSearch: Resolver<MutationDeleteSavedSearchArgs>;
}

/** Listing is paged: a tenant may hold many searches, and one call must not return them all. */
const DEFAULT_LIST_PAGE = 50;
const MAX_LIST_PAGE = 200;

function tenantFor(ctx: TenancyRequestContext, arg: unknown, need: 'read' | 'write'): { deps: TenancyDeps; tenant: SelectedTenant } {
  const tenancy = ctx.tenancy;
  if (!tenancy) throw gqlError(ErrorCode.Forbidden, 'tenants are not enabled');
  const { principal, tenants, shape } = ctx.permissions;
  let requested: string | undefined;
  if (typeof arg === 'string') requested = arg;
  else if (tenancy.requested.kind === 'header') requested = tenancy.requested.value;
  else if (tenancy.requested.kind === 'ambiguous') throw badInput('send the securitytenant header at most once');
  const selection = selectTenant({ name: principal.name, tenants, admin: shape.admin === true }, requested, tenancy.deps.options);
  const refuse = (name: string, message: string) => {
    tenancy.deps.audit.record({
      category: 'MISSING_PRIVILEGES',
      user: principal.name,
      remoteAddress: principal.remoteAddress,
      privilege: `kibana:saved_objects/*/${need}`,
      resource: `tenant/${name}`,
      reason: message,
    });
    return gqlError(ErrorCode.Forbidden, message);
  };
  // The same words for a tenant that does not exist and one the caller may not read.
  if (selection.kind === 'forbidden') throw refuse(selection.requested, `tenant "${selection.requested}" is not available to you`);
  if (need === 'write' && selection.tenant.access !== 'write') {
    throw refuse(selection.tenant.name, `tenant "${selection.tenant.name}" is read-only for you`);
  }
  return { deps: tenancy.deps, tenant: selection.tenant };
}

/** Storage failures as coded errors; the detail goes to the log only. */
async function storage<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof SavedSearchConflict) {
      throw gqlError(ErrorCode.Conflict, `the saved search changed: it is now at version ${err.currentVersion}`, { currentVersion: err.currentVersion });
    }
    if (err instanceof SavedSearchNotFound) throw gqlError(ErrorCode.NotFound, 'no saved search of that name in this tenant');
    if (err instanceof SavedSearchLimit) throw badInput(err.message, { quota: err.quota, max: err.max });
    if (err instanceof SavedSearchCorrupt) {
      log.error({ err }, 'saved search unreadable');
      throw gqlError(ErrorCode.Internal, 'internal error');
    }
    if (err instanceof SavedSearchUnavailable) {
      log.error({ err }, 'saved-search storage failed');
      throw gqlError(ErrorCode.BackendUnavailable, 'saved searches are unavailable');
    }
    throw backendFailure(err, 'the saved-search request');
  }
}

function present(record: SavedSearchRecord, tenant: SelectedTenant) {
  const d = record.definition;
  return {
    name: record.name,
    tenant: tenant.name,
    description: d.description ?? null,
    document: d.kind === 'document' ? d.document : null,
    operationName: d.kind === 'document' ? (d.operationName ?? null) : null,
    variables: d.kind === 'document' ? (d.variables ?? null) : null,
    indexSearch:
      d.kind === 'index'
        ? { index: d.index, query: d.query ?? null, where: d.where ?? null, orderBy: d.orderBy ?? null, fields: d.fields, first: d.first ?? null }
        : null,
    version: record.version,
    createdBy: record.createdBy,
    createdAt: record.createdAt,
    updatedBy: record.updatedBy,
    updatedAt: record.updatedAt,
  };
}

function nameArg(value: unknown): string {
  const parsed = savedSearchName.safeParse(value);
  if (!parsed.success) throw badInput(`name ${parsed.error.issues[0]?.message ?? 'is invalid'}`, { field: 'name' });
  return parsed.data;
}

function variablesArg(value: unknown): Record<string, unknown> {
  if (value === null || value === undefined) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw badInput('variables must be a JSON object', { field: 'variables' });
  return value as Record<string, unknown>;
}

/** The input as a definition, or BAD_USER_INPUT naming every problem. */
function definitionOf(input: SavedSearchInput): SavedSearchDefinition {
  // Input objects may have a null prototype and undefined members: make them plain JSON first.
  const plain = JSON.parse(JSON.stringify(input ?? {})) as Record<string, unknown>;
  const hasDocument = plain.document !== undefined && plain.document !== null;
  const hasIndex = plain.indexSearch !== undefined && plain.indexSearch !== null;
  if (hasDocument === hasIndex) throw badInput('give exactly one of document and indexSearch', { field: 'search' });
  const candidate = hasDocument
    ? { kind: 'document', description: plain.description ?? undefined, document: plain.document, operationName: plain.operationName ?? undefined, variables: plain.variables ?? undefined }
    : { kind: 'index', description: plain.description ?? undefined, ...dropNulls(plain.indexSearch as Record<string, unknown>) };
  if (hasIndex && (plain.operationName != null || plain.variables != null)) throw badInput('operationName and variables belong to a document search', { field: 'search' });
  const parsed = savedSearchDefinition.safeParse(candidate);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || 'search'}: ${i.message}`);
    throw badInput(`the saved search is invalid: ${problems.join('; ')}`, { field: 'search', problems });
  }
  return parsed.data;
}

function dropNulls(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o ?? {}).filter(([, v]) => v !== null && v !== undefined));
}

const queryResolvers: TenantQueries = {
  savedSearches: async (_root, args, ctx) => {
    const { deps, tenant } = tenantFor(ctx, args.tenant, 'read');
    const first = args.first ?? DEFAULT_LIST_PAGE;
    if (!Number.isInteger(first) || first < 1 || first > MAX_LIST_PAGE) {
      throw badInput(`first must be between 1 and ${MAX_LIST_PAGE}`, { field: 'first' });
    }
    const after = args.after == null ? undefined : nameArg(args.after);
    const records = await storage(() => deps.store.list(tenant.ref, first, after));
    return records.map((r) => present(r, tenant));
  },
  savedSearch: async (_root, args, ctx) => {
    const { deps, tenant } = tenantFor(ctx, args.tenant, 'read');
    const record = await storage(() => deps.store.get(tenant.ref, nameArg(args.name)));
    return record ? present(record, tenant) : null;
  },
  runSavedSearch: async (_root, args, ctx, info) => {
    const { deps, tenant } = tenantFor(ctx, args.tenant, 'read');
    const record = await storage(() => deps.store.get(tenant.ref, nameArg(args.name)));
    if (!record) throw gqlError(ErrorCode.NotFound, 'no saved search of that name in this tenant');
    // info.schema is the caller's own schema: the run sees exactly what the caller may see.
    const outcome = await runSaved(record.definition, info.schema, ctx, variablesArg(args.variables));
    return { search: present(record, tenant), data: outcome.data, errors: outcome.errors };
  },
};

/** A search must run for the one who saves it: nobody stores what they could not run themselves. */
function requireRunnable(definition: SavedSearchDefinition, schema: GraphQLSchema): void {
  const prepared = prepareRun(definition, schema);
  if (prepared.problems.length === 0 && prepared.document) return;
  const problems = prepared.problems.map((p) => p.message);
  throw badInput(`the search does not run for you as written: ${problems.join('; ')}`, { field: 'search', problems });
}

const mutationResolvers: TenantMutations = {
  saveSearch: async (_root, args, ctx, info) => {
    const { deps, tenant } = tenantFor(ctx, args.tenant, 'write');
    const name = nameArg(args.name);
    const definition = definitionOf(args.search);
    requireRunnable(definition, info.schema);
    const expectedVersion = versionArg(args.expectedVersion);
    const record = await storage(() =>
      deps.store.save(tenant.ref, name, definition, { expectedVersion, author: ctx.permissions.principal.name }),
    );
    deps.audit.record({
      category: 'COMPLIANCE_DOC_WRITE',
      user: ctx.permissions.principal.name,
      remoteAddress: ctx.permissions.principal.remoteAddress,
      operation: record.createdAt === record.updatedAt ? 'CREATE' : 'UPDATE',
      resource: `saved-searches/${tenant.name}/${name}`,
      version: record.version,
    });
    return present(record, tenant);
  },
  deleteSavedSearch: async (_root, args, ctx) => {
    const { deps, tenant } = tenantFor(ctx, args.tenant, 'write');
    const name = nameArg(args.name);
    const expectedVersion = versionArg(args.expectedVersion);
    const version = await storage(() => deps.store.delete(tenant.ref, name, { expectedVersion, author: ctx.permissions.principal.name }));
    deps.audit.record({
      category: 'COMPLIANCE_DOC_WRITE',
      user: ctx.permissions.principal.name,
      remoteAddress: ctx.permissions.principal.remoteAddress,
      operation: 'DELETE',
      resource: `saved-searches/${tenant.name}/${name}`,
      version,
    });
    return { name, tenant: tenant.name, version };
  },
};

function versionArg(value: unknown): number | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value !== 'number' || value < 0) throw badInput('expectedVersion must be 0 or more', { field: 'expectedVersion' });
  return value;
}

function withResolvers(
  typeName: 'Query' | 'Mutation',
  resolvers: TenantQueries | TenantMutations,
): GraphQLFieldConfigMap<unknown, TenancyRequestContext> {
  const fields = staticTypes.object(typeName).toConfig().fields;
  return Object.fromEntries(
    Object.entries(resolvers).map(([name, resolve]) => {
      const field = fields[name];
      if (!field) throw new Error(`schema/tenants.graphql: ${typeName}.${name} is missing`);
      return [name, { ...field, resolve }];
    }),
  ) as GraphQLFieldConfigMap<unknown, TenancyRequestContext>;
}

let roots: { query: GraphQLFieldConfigMap<unknown, TenancyRequestContext>; mutation: GraphQLFieldConfigMap<unknown, TenancyRequestContext> } | undefined;

/** The tenant fields, with resolvers, for schemas whose permission set has a tenant (built once per process). */
export function tenantRoots() {
  roots ??= { query: withResolvers('Query', queryResolvers), mutation: withResolvers('Mutation', mutationResolvers) };
  return roots;
}

export const TENANT_MUTATIONS = Object.keys(mutationResolvers);
