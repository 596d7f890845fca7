import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LRUCache } from 'lru-cache';
import { Authorizer, type AuthorizeState } from './access/authorize.js';
import type { PermissionView } from './access/view.js';
import type { AdminDeps } from './api/admin/context.js';
import { AuditLog, stdoutAuditSink, type AuditSink } from './audit/audit-log.js';
import { AddressSet } from './auth/address.js';
import { createAuthenticator, type Authenticator } from './auth/chain.js';
import { parseAuthConfig } from './auth/config.js';
import { highestBcryptCost } from './auth/password.js';
import { weakHashWarnings } from './auth/password-policy.js';
import { startupSecretProblems } from './auth/published-secrets.js';
import { contentHash } from './authz/canonical.js';
import type { InternalUserSource } from './auth/internal-users.js';
import { createBackend, type Backend } from './backend/client.js';
import { loadIfMissing } from './backend/load-documents.js';
import { parseBackendOptions } from './backend/options.js';
import { searchPort, type SearchPort } from './backend/search-port.js';
import { loadCatalog, type Catalog } from './catalog/catalog.js';
import { ConfigError, type LoadedConfig } from './config/load.js';
import type { SearchgateConfig } from './config/searchgate.js';
import { loadSecurityConfig } from './config/security/load.js';
import type { SecurityConfig } from './authz/model.js';
import { indexVersionLog } from './config/store/index-log.js';
import { ConfigStore } from './config/store/store.js';
import { logSecuritySource } from './config/store/source.js';
import { buildSchema } from './api/schema.js';
import { openControlSocket, type ControlSocket } from './config/store/control-socket.js';
import { memoryVersionLog } from './config/store/version-log.js';
import { requestContext, type ModuleDeps, type RequestContext } from './api/context.js';
import { effectiveLimits, type RequestLimits } from './authz/limits.js';
import { budgetedSearches } from './api/kernel/limits.js';
import { batchedSearches } from './backend/search-batch.js';
import { CostGate } from './api/kernel/cost-gate.js';
import { PermissionSchemas } from './graphql/schemas.js';
import { cacheBudget } from './cache/budget.js';
import { codeLabel, GatewayMetrics, operationLabel, type Outcome } from './observability/metrics.js';
import { Readiness } from './observability/readiness.js';
import { startTracing, stopTracing } from './observability/tracing.js';
import { timedSearches, type RequestRecord } from './observability/request.js';
import { clientAddress, peerAddress } from './http/client-address.js';
import { graphqlRoute } from './http/graphql-route.js';
import { BodyGate } from './http/body-gate.js';
import { RefusalPause } from './http/refusal-pause.js';
import { createHttpServer, createMetricsServer } from './http/server.js';
import { log } from './log.js';
import { sampleSeeds } from './sample/seeds.js';
import type { TenancyDeps } from './api/tenants/context.js';
import { SavedSearchStore } from './api/tenants/store.js';

/**
 * Wires the stages together: transport -> authenticate -> authorize -> schema per permission set ->
 * resolvers -> backend. Owns the mutable state (security config, catalog) and nothing else.
 */
export interface Gateway {
  readonly url: string;
  readonly backend: Backend;
  /** The security configuration in force and its durable store (src/config/store/). */
  readonly configStore: ConfigStore;
  /** Where `/metrics` is served when it has a port of its own (`observability.metricsPort`). */
  readonly metricsUrl: string | undefined;
  /** Re-reads index mappings and aliases now (normally on a timer). */
  refreshCatalog(): Promise<void>;
  close(): Promise<void>;
}

const CATALOG_REFRESH_MS = 30_000;

/**
 * Internal users as the basic domain sees them; read through `current` so config changes reach it. The version
 * (which keys cached logins) follows internal_users only: a role or mapping change must not make every
 * signed-in user run bcrypt again, a change to any user must.
 */
const userSetVersions = new WeakMap<object, string>();
const userSetCosts = new WeakMap<object, number | undefined>();
function internalUsers(current: () => SecurityConfig): InternalUserSource {
  return {
    get highestCost() {
      const users = current().internalUsers;
      if (!userSetCosts.has(users)) userSetCosts.set(users, highestBcryptCost([...users.values()].map((u) => u.hash)));
      return userSetCosts.get(users);
    },
    get version() {
      const docs = current().documents.internal_users;
      let v = userSetVersions.get(docs);
      if (v === undefined) {
        v = contentHash(docs);
        userSetVersions.set(docs, v);
      }
      return v;
    },
    get: (name) => {
      const u = current().internalUsers.get(name);
      return u
        ? { name, hash: u.hash, backendRoles: [...u.backendRoles], securityRoles: [...u.securityRoles], attributes: { ...u.attributes }, enabled: u.enabled }
        : undefined;
    },
  };
}

/** Seams for tests and embedding; production passes none. */
export interface GatewayOptions {
  /** Where audit events go (default: JSON lines on stdout). */
  readonly audit?: readonly AuditSink[];
  /** bcrypt cost for passwords set through the admin API (default 12). */
  readonly passwordCost?: number;
}

export async function startGateway(loaded: LoadedConfig, options: GatewayOptions = {}): Promise<Gateway> {
  const config: SearchgateConfig = loaded.config;
  // Before anything is opened: a gateway reachable from elsewhere must not run on secrets everyone knows.
  const published = startupSecretProblems(config);
  if (published.length) throw new ConfigError(loaded.file, published);
  startTracing(config.observability.tracing);
  const backendOptions = parseBackendOptions(config.backend);
  const backend = await createBackend(backendOptions);
  /** GraphQL requests between `started` and `finished`: a lone request's search need not wait for a batch. */
  let requestsInProgress = 0;
  const port: SearchPort =
    backend.kind === 'opensearch' && backendOptions.batchSearches
      ? batchedSearches(searchPort(backend.client), backend.client, { othersInProgress: () => requestsInProgress > 1 })
      : searchPort(backend.client);
  let store: ConfigStore | undefined;
  let control: ControlSocket | undefined;
  try {
    if (config.sample) {
      for (const seed of await sampleSeeds(config.sample.dir)) {
        if (await loadIfMissing(backend.client, seed)) log.info({ index: seed.index, documents: seed.documents.length }, 'loaded sample data');
      }
    }
    // Read at scrape time only, once everything below exists.
    let readiness: Readiness | undefined;
    const metrics = new GatewayMetrics({
      schemaCacheSize: () => schemas.size,
      configVersion: () => configStore.current.version,
      storeReadable: () => configStore.health().readable,
      ready: () => readiness?.state().ready ?? false,
    });
    const countAudit: AuditSink = { write: (e) => metrics.audit.inc({ category: e.category }) };
    const audit = new AuditLog([...(options.audit ?? [stdoutAuditSink()]), countAudit]);
    // The configuration in force comes from the store; the YAML folder only seeds an empty store. With
    // `store.durable: false` it lives in memory (this instance only, until restart).
    const durable = config.store.durable;
    const versionLog = durable ? indexVersionLog(backend.client, config.store.index) : memoryVersionLog();
    if (!durable) log.warn('store.durable is false: security changes made through the admin API are kept in memory only');
    const configStore = await ConfigStore.open(versionLog, {
      initial: () => loadSecurityConfig(config.security.configDir),
      pollIntervalMs: durable ? config.store.pollIntervalMs : 0,
      onError: (err) => log.error({ err, store: versionLog.description }, 'security config store unreadable; keeping the last good configuration'),
    });
    store = configStore;
    await logSecuritySource(log, { store: configStore, folder: config.security.configDir, configFile: loaded.file, durable });
    // `searchgate config export|import` while this process holds the embedded engine's lock.
    const embeddedDir = (config.backend.embedded as { dataDir?: string } | undefined)?.dataDir;
    control =
      backend.kind === 'embedded' && durable && embeddedDir
        ? await openControlSocket({ dataDir: embeddedDir, store: configStore, audit, onError: (err, path) => log.warn({ err, path }, 'no control socket: config export/import need the gateway stopped') })
        : undefined;
    configStore.onChange((s) => log.info({ version: s.version, author: s.author }, 'security configuration changed'));
    const security = (): SecurityConfig => configStore.current.config;
    const systemIndices = new Set([config.store.index, config.tenants.index]);
    let catalog: Catalog = await loadCatalog(port, config.indices, systemIndices);
    const state = (): AuthorizeState => ({ security: security(), catalog });

    const authorizer = new Authorizer(state, {
      dfmEmptyOverridesAll: config.security.dfmEmptyOverridesAll,
      masking: config.security.masking,
      restapiRolesEnabled: config.security.restapiRolesEnabled,
      tenants: { enabled: config.tenants.enabled, privateTenant: config.tenants.privateTenant },
    });
    let tenancy: TenancyDeps | undefined;
    if (config.tenants.enabled) {
      const savedSearches = new SavedSearchStore(backend.client, config.tenants.index, {
        maxPerTenant: config.tenants.maxPerTenant,
        maxBytesPerTenant: config.tenants.maxBytesPerTenant,
        maxPerUser: config.tenants.maxPerUser,
        maxBytesPerUser: config.tenants.maxBytesPerUser,
        maxSearchBytes: config.tenants.maxSearchBytes,
      });
      await savedSearches.prepare();
      tenancy = {
        store: savedSearches,
        audit,
        options: { defaultTenant: config.tenants.defaultTenant, adminsReadPrivateTenants: config.tenants.adminsReadPrivateTenants },
      };
    }
    const authConfig = parseAuthConfig(config.auth);
    const warnWeakHashes = (c: SecurityConfig) => {
      for (const w of weakHashWarnings(c.internalUsers.values(), authConfig.passwordPolicy)) log.warn(w);
    };
    warnWeakHashes(security());
    configStore.onChange((s) => warnWeakHashes(s.config));
    const authenticator: Authenticator = createAuthenticator(authConfig, internalUsers(security));
    const { roles: limitsPerRole, maxBodyBytes: _body, admission: admissionConfig, ...defaultLimits } = config.limits;
    const admission = new CostGate(admissionConfig.cheapCost, admissionConfig.concurrentCost, admissionConfig.maxWaiting);
    // A caller's limits depend on their role set only; role sets are few, requests many.
    const limitsByRoles = new LRUCache<string, RequestLimits>({ max: 1024 });
    const limitsFor = (roles: readonly string[]): RequestLimits => {
      const key = roles.join('\u0000');
      let l = limitsByRoles.get(key);
      if (!l) limitsByRoles.set(key, (l = effectiveLimits(defaultLimits, limitsPerRole, roles)));
      return l;
    };

    const adminDeps: AdminDeps = {
      store: configStore,
      audit,
      catalog: () => ({ indices: catalog.indices }),
      options: { restapiRolesEnabled: config.security.restapiRolesEnabled, limitsFor },
      authorizer,
      passwordCost: options.passwordCost ?? 12,
      passwordPolicy: authConfig.passwordPolicy,
      systemIndices,
      schemaOf: (principal, roles) => buildSchema(authorizer.view(principal, roles).shape),
    };
    const moduleDeps: ModuleDeps = { admin: adminDeps, ...(tenancy ? { tenancy } : {}) };
    cacheBudget.setLimit(config.memory.cacheBudgetMiB * 1024 * 1024);
    const schemas = new PermissionSchemas(() => metrics.schemaBuilds.inc());
    const trusted = new AddressSet(config.server.trustedProxies);
    const observeBackend = (seconds: number, outcome: 'ok' | 'error') => metrics.backendSeconds.observe({ outcome }, seconds);
    const context = (permissions: PermissionView, req: IncomingMessage, record: RequestRecord): RequestContext => {
      // Only an admin's schema has fields that read `admin`; they check the caller again before using it.
      const limits = limitsFor(permissions.roles);
      const base = { permissions, search: budgetedSearches(timedSearches(port, record, observeBackend), limits.maxSearches), limits, admission, record };
      return requestContext(base, moduleDeps, req.headersDistinct);
    };

    readiness = new Readiness(backend.client, config.observability.readinessProbeMs);
    const finished = (record: RequestRecord, status: number) => {
      requestsInProgress--;
      const operation = operationLabel(record.operationType);
      const outcome: Outcome = status === 401 || status === 429 || (status === 503 && record.user === undefined) ? 'refused' : record.codes.length > 0 || status >= 400 ? 'error' : 'ok';
      metrics.requests.inc({ operation, outcome, code: record.codes[0] !== undefined ? codeLabel(record.codes[0]) : 'none' });
      const seconds = (performance.now() - record.startedAt) / 1000;
      metrics.requestSeconds.observe({ operation }, seconds);
      // The access log: one structured line per request; names, never values or query text.
      log.info(
        {
          requestId: record.id,
          user: record.user,
          operation: record.operationName,
          operationType: record.operationType,
          status,
          codes: record.codes,
          durationMs: Math.round(seconds * 1e6) / 1e3,
          backendMs: Math.round(record.backendMs * 1e3) / 1e3,
          backendCalls: record.backendCalls,
        },
        'request',
      );
    };
    const metricsServer = config.observability.metrics && config.observability.metricsPort !== undefined ? createMetricsServer(() => metrics.render()) : undefined;

    const http = createHttpServer({
      readiness: () => readiness!.state(),
      ...(config.observability.metrics && !metricsServer ? { metrics: () => metrics.render() } : {}),
      graphiql: config.server.graphiql,
      cors: config.server.cors,
      allowedHosts: config.server.allowedHosts,
      ready: () => {
        const health = configStore.health();
        return {
          ready: true,
          // Still serving, with the last good configuration: say so rather than pretend all is well.
          ...(health.readable ? {} : { degraded: 'security config store unreadable; the last good configuration is in force' }),
          detail: { backend: backend.kind, catalog: catalog.version, securityConfig: health },
        };
      },
      graphql: graphqlRoute({
        authenticate: async (req, url) => {
          // The proxy domain must judge the connection's own peer (a client can write any X-Forwarded-For);
          // role mappings' `hosts` then see the client behind our trusted proxies.
          const peer = peerAddress(req);
          // headersDistinct keeps repeated headers apart (req.headers keeps only the first Authorization), so a
          // request carrying two sets of credentials is refused rather than judged on one of them.
          const client = clientAddress(req, trusted);
          const outcome = await authenticator.authenticate({ headers: req.headersDistinct, remoteAddress: peer, clientAddress: client, url, connection: req.socket });
          metrics.authentications.inc({ outcome: outcome.kind });
          if (outcome.kind !== 'ok') {
            // Capacity refusals come in floods: one log line each would make the flood write the disk full.
            log[outcome.kind === 'busy' ? 'debug' : 'info']({ reason: outcome.reason, kind: outcome.kind, peer, client }, 'authentication refused');
            // A request without any credentials is not a failed login (it is how a browser learns to log in), nor
            // is one refused unchecked because too many logins were waiting.
            if (outcome.reason !== 'no credentials' && outcome.kind !== 'busy') {
              audit.record({
                category: 'FAILED_LOGIN',
                ...(outcome.kind === 'unauthorized' && outcome.user !== undefined ? { user: outcome.user } : {}),
                remoteAddress: client,
                reason: outcome.reason,
                throttled: outcome.kind === 'throttled',
              });
            }
            return outcome;
          }
          return outcome;
        },
        authorize: (principal) => authorizer.view(principal),
        context,
        started: () => {
          requestsInProgress++;
        },
        finished,
        schemas,
        maxBodyBytes: config.limits.maxBodyBytes,
        maxResponseBytes: (permissions) => limitsFor(permissions.roles).maxResponseBytes,
        busyPause: new RefusalPause(authConfig.passwordChecks.busyPauseMs, authConfig.passwordChecks.maxPausedRefusals),
        throttledPause: new RefusalPause(authConfig.throttle.refusalPauseMs, authConfig.passwordChecks.maxPausedRefusals),
        anonymousBodies: new BodyGate(config.server.maxAnonymousBodyReads),
      }),
    });

    const refreshCatalog = async () => {
      try {
        catalog = await loadCatalog(port, config.indices, systemIndices);
      } catch (err) {
        // Keep the last good catalog: its permissions were evaluated; an outage must not widen anything.
        log.warn({ err }, 'catalog refresh failed; keeping the last good catalog');
      }
    };
    const timer = setInterval(() => void refreshCatalog(), CATALOG_REFRESH_MS);
    timer.unref();

    await new Promise<void>((resolve, reject) => {
      http.once('error', reject);
      http.listen(config.server.port, config.server.host, () => resolve());
    });
    if (metricsServer) {
      await new Promise<void>((resolve, reject) => {
        metricsServer.once('error', reject);
        metricsServer.listen(config.observability.metricsPort, config.server.host, () => resolve());
      });
    }
    const addr = http.address() as AddressInfo;
    const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
    const url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${addr.port}`;
    log.info({ url: `${url}/graphql`, backend: backend.description }, 'Searchgate is ready');

    return {
      url,
      backend,
      configStore,
      refreshCatalog,
      metricsUrl: metricsServer ? `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${(metricsServer.address() as AddressInfo).port}/metrics` : undefined,
      close: async () => {
        clearInterval(timer);
        readiness?.close();
        metricsServer?.close();
        configStore.close();
        // Stop accepting, then drop idle keep-alive connections so close() does not wait for them to time out.
        const closed = new Promise<void>((resolve) => http.close(() => resolve()));
        http.closeIdleConnections();
        await closed;
        await schemas.stop();
        await control?.close();
        await authenticator.close();
        await backend.close();
        await stopTracing();
      },
    };
  } catch (err) {
    store?.close();
    await control?.close();
    await backend.close();
    throw err;
  }
}
