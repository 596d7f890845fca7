import { z } from 'zod';
import { describeCollision, generatedNameCollisions } from '../catalog/generated-names.js';
import { DEFAULT_LIMITS, LIMIT_NAMES, type RequestLimits } from '../authz/limits.js';

/** Every request limit with its bounds; optional (no default) inside a role's overrides. */
function requestLimitsShape<O extends boolean>(optional: O) {
  const max: Record<keyof RequestLimits, number> = {
    maxDepth: 1000,
    maxAliases: 100_000,
    maxRootFields: 100_000,
    maxSearches: 10_000,
    maxCost: 1e12,
    maxResponseBytes: 2 ** 30,
    maxPageSize: 10_000,
    maxTermsSize: 10_000,
  };
  const shape = {} as Record<keyof RequestLimits, z.ZodType<number | undefined>>;
  for (const name of LIMIT_NAMES) {
    const base = z.number().int().min(name === 'maxResponseBytes' ? 1024 : 1).max(max[name]);
    shape[name] = optional ? base.optional() : base.default(DEFAULT_LIMITS[name]);
  }
  return shape as O extends true ? Record<keyof RequestLimits, z.ZodOptional<z.ZodNumber>> : Record<keyof RequestLimits, z.ZodDefault<z.ZodNumber>>;
}
import { checkAddressOrCidr } from '../auth/address.js';

/**
 * Searchgate's own configuration file (`searchgate.yml`): which backend, which indices are exposed under which
 * GraphQL names, how callers authenticate, and the gateway-side security options. The plugin-format security
 * files (roles.yml, ...) live in `security.configDir` and are modelled in src/config/security/.
 */
const graphqlName = z.string().regex(/^[_A-Za-z][_0-9A-Za-z]*$/, 'must be a valid GraphQL name');

/** How a tenant may be named in config: as tenants.yml would hold it, never one of the private tenant's names. */
const tenantName = z
  .string()
  .min(1)
  .refine((n) => !n.startsWith('__user__:'), 'must name a tenant, not a user\'s private tenant');

export const exposedIndexSchema = z
  .object({
    index: z.string().min(1),
    type: graphqlName,
    search: graphqlName,
    get: graphqlName,
    lists: z.array(z.string()).default([]),
  })
  .strict();

export const searchgateConfigSchema = z
  .object({
    server: z
      .object({
        port: z.number().int().min(0).max(65535).default(4000),
        /**
         * Loopback by default: reaching the gateway from elsewhere is a decision (and then published secrets
         * are refused at start, src/auth/published-secrets.ts).
         */
        host: z.string().default('127.0.0.1'),
        graphiql: z.boolean().default(false),
        /**
         * Proxies (addresses or CIDR ranges) whose X-Forwarded-For we believe for the caller's address: role
         * mapping `hosts`, login throttling and the audit log all use that address.
         */
        trustedProxies: z
          .array(
            z.string().superRefine((s, ctx) => {
              const problem = checkAddressOrCidr(s);
              if (problem) ctx.addIssue({ code: 'custom', message: problem });
            }),
          )
          .default([]),
        cors: z
          .object({ origins: z.array(z.string()).default([]), credentials: z.boolean().default(false) })
          .strict()
          .default({ origins: [], credentials: false }),
        /**
         * Request bodies read at once for anonymous callers (an `anonymous` auth domain); more get 503. Others'
         * credentials are checked before their body is read, so only anonymous access needs this bound.
         */
        maxAnonymousBodyReads: z.number().int().min(1).max(100_000).default(64),
        /**
         * Host header values answered (`name`, `name:port`, `*.domain`, `[v6]`); others get 400 HOST_NOT_ALLOWED.
         * Empty (the default): any host.
         */
        allowedHosts: z.array(z.string().min(1).regex(/^(\*\.)?[^\s/,]+$/, 'a host name, optionally with :port or a leading *.')).default([]),
      })
      .strict()
      .default({
        port: 4000,
        host: '127.0.0.1',
        graphiql: false,
        trustedProxies: [],
        cors: { origins: [], credentials: false },
        maxAnonymousBodyReads: 64,
        allowedHosts: [],
      }),
    /** Validated by src/backend/options.ts; absent `url` means the embedded engine. */
    backend: z.record(z.string(), z.unknown()).default({}),
    security: z
      .object({
        configDir: z.string(),
        dfmEmptyOverridesAll: z.boolean().default(false),
        masking: z
          .object({
            salt: z.string().default('e1ukloTsQlOgPquJ'),
            mode: z.enum(['legacy', 'v3']).default('v3'),
          })
          .strict()
          .default({ salt: 'e1ukloTsQlOgPquJ', mode: 'v3' }),
        restapiRolesEnabled: z.array(z.string()).default(['all_access', 'security_manager']),
      })
      .strict(),
    indices: z.array(exposedIndexSchema).min(1),
    /** Validated by src/auth/config.ts. */
    auth: z.record(z.string(), z.unknown()).default({ domains: [{ type: 'basic', name: 'internal' }] }),
    /**
     * What one request may cost (src/authz/limits.ts; measured by src/api/kernel/limits.ts), enforced before any backend call; `roles` raises or
     * lowers them per security role (a caller gets the most generous of their roles'). `maxBodyBytes` is read
     * before the caller is known and has no per-role value.
     */
    limits: z
      .object({
        ...requestLimitsShape(false),
        maxBodyBytes: z.number().int().min(1024).default(1_048_576),
        /**
         * Fairness (src/api/kernel/cost-gate.ts): requests estimated at most `cheapCost` run at once; costlier ones
         * share `concurrentCost` units in flight, in order; past `maxWaiting` queued, SERVER_BUSY.
         */
        admission: z
          .object({
            cheapCost: z.number().int().min(0).default(2000),
            concurrentCost: z.number().int().min(1).default(10_000),
            maxWaiting: z.number().int().min(0).default(1000),
          })
          .strict()
          .default({ cheapCost: 2000, concurrentCost: 10_000, maxWaiting: 1000 }),
        roles: z.record(z.string().min(1), z.object(requestLimitsShape(true)).strict()).default({}),
      })
      .strict()
      .default({ ...DEFAULT_LIMITS, maxBodyBytes: 1_048_576, admission: { cheapCost: 2000, concurrentCost: 10_000, maxWaiting: 1000 }, roles: {} }),
    /**
     * One byte budget for every cache that grows with permission sets or distinct queries (src/cache/budget.ts):
     * permission views, schema shapes, permission schemas, compiled queries, validated documents. Entries are
     * charged an estimate of their retained size; past the budget the least recently used go, whichever cache
     * holds them. A permission set costs ≈110 KiB, a compiled query ≈44 KiB.
     */
    memory: z
      .object({ cacheBudgetMiB: z.number().min(8).max(65_536).default(256) })
      .strict()
      .default({ cacheBudgetMiB: 256 }),
    /**
     * Where the security configuration lives once started (src/config/store/): by default a system index on
     * the backend, shared by every instance and polled for changes made elsewhere; the YAML folder only seeds
     * an empty store. `durable: false` keeps it in memory instead (trials only: admin changes then last until
     * restart and reach only this instance).
     */
    store: z
      .object({
        index: z
          .string()
          .regex(/^[.a-z0-9][a-z0-9._-]*$/, 'must be a lower-case index name')
          .default('.searchgate-security'),
        pollIntervalMs: z.number().int().min(50).max(60_000).default(1000),
        durable: z.boolean().default(true),
      })
      .strict()
      .default({ index: '.searchgate-security', pollIntervalMs: 1000, durable: true }),
    /**
     * Tenants (src/api/tenants/): spaces for saved searches. `defaultTenant` is used when a request names none
     * (`__user__` for the caller's private tenant); a caller who cannot read it falls back to their private
     * tenant. Saved searches live in the system index `index` on the backend, shared by every instance.
     */
    tenants: z
      .object({
        enabled: z.boolean().default(true),
        privateTenant: z.boolean().default(true),
        defaultTenant: tenantName.default('global_tenant'),
        /** Security administrators may read (never write) other users' private tenants, as `__user__:<name>`. */
        adminsReadPrivateTenants: z.boolean().default(false),
        index: z
          .string()
          .regex(/^[.a-z0-9][a-z0-9._-]*$/, 'must be a lower-case index name')
          .default('.searchgate-saved-searches'),
        /** Quotas (src/api/tenants/store.ts): a user's share is what they last wrote, across tenants. */
        maxPerTenant: z.number().int().min(1).max(100_000).default(1000),
        maxBytesPerTenant: z.number().int().min(1024).default(16 * 1024 * 1024),
        maxPerUser: z.number().int().min(1).max(100_000).default(200),
        maxBytesPerUser: z.number().int().min(1024).default(4 * 1024 * 1024),
        maxSearchBytes: z.number().int().min(1024).max(16 * 1024 * 1024).default(64 * 1024),
      })
      .strict()
      .default({
        enabled: true,
        privateTenant: true,
        defaultTenant: 'global_tenant',
        adminsReadPrivateTenants: false,
        index: '.searchgate-saved-searches',
        maxPerTenant: 1000,
        maxBytesPerTenant: 16 * 1024 * 1024,
        maxPerUser: 200,
        maxBytesPerUser: 4 * 1024 * 1024,
        maxSearchBytes: 64 * 1024,
      }),
    /**
     * Operations (src/observability/): Prometheus metrics on `/metrics` (on the main port, or alone on
     * `metricsPort`), how often readiness (`/readyz`) probes the backend, and OpenTelemetry tracing.
     */
    observability: z
      .object({
        metrics: z.boolean().default(true),
        metricsPort: z.number().int().min(0).max(65535).optional(),
        readinessProbeMs: z.number().int().min(100).max(60_000).default(2000),
        /** OpenTelemetry traces over OTLP/HTTP, configured by the standard OTEL_* variables. */
        tracing: z.boolean().default(false),
      })
      .strict()
      .default({ metrics: true, readinessProbeMs: 2000, tracing: false }),
    /** Sample data loaded into empty indices at start (the seed tutorials). */
    sample: z.object({ dir: z.string() }).strict().optional(),
  })
  .strict()
  .superRefine((cfg, ctx) => {
    if (cfg.server.cors.credentials && cfg.server.cors.origins.includes('*')) {
      ctx.addIssue({
        code: 'custom',
        path: ['server', 'cors'],
        message: 'credentials cannot be allowed for every origin (*): list the origins that may send credentials',
      });
    }
    const system = new Set([cfg.store.index, cfg.tenants.index]);
    if (cfg.store.index === cfg.tenants.index) {
      ctx.addIssue({ code: 'custom', path: ['tenants', 'index'], message: 'must differ from store.index' });
    }
    cfg.indices.forEach((ix, i) => {
      if (system.has(ix.index)) {
        ctx.addIssue({ code: 'custom', path: ['indices', i], message: `${ix.index} is a system index of the gateway and cannot be exposed` });
      }
    });
    // Every name the schema would generate for these indices, against each other and schema/*.graphql (the
    // names generated from mappings are checked again when the catalog is loaded).
    for (const c of generatedNameCollisions(cfg.indices)) {
      ctx.addIssue({ code: 'custom', path: c.index !== undefined ? ['indices', c.index] : ['indices'], message: describeCollision(c) });
    }
  });

export type SearchgateConfig = z.infer<typeof searchgateConfigSchema>;
