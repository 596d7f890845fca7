import { isErrorCode } from '../errors.js';
import { cacheBudget } from '../cache/budget.js';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * The gateway's Prometheus metrics (`/metrics`). Label values come from closed sets only — operation types,
 * outcomes, error codes from the catalogue, audit categories — never user names, index names or query text,
 * so a caller cannot grow the series count.
 */
export type Outcome = 'ok' | 'error' | 'refused';

/** Error codes come from the catalogue (src/errors.ts); anything else is counted as OTHER, so no label can be injected. */
const OPERATION_TYPES = new Set(['query', 'mutation', 'subscription']);

export const codeLabel = (code: string): string => (isErrorCode(code) ? code : 'OTHER');
export const operationLabel = (op: string | undefined): string => (op && OPERATION_TYPES.has(op) ? op : 'none');

/** What the gateway lets the metrics read at scrape time. */
export interface MetricsSources {
  schemaCacheSize(): number;
  configVersion(): number;
  storeReadable(): boolean;
  ready(): boolean;
}

export class GatewayMetrics {
  readonly registry = new Registry();
  readonly requests = new Counter({
    name: 'searchgate_requests_total',
    help: 'GraphQL requests by operation type, outcome and first error code (none when there was no error).',
    labelNames: ['operation', 'outcome', 'code'] as const,
    registers: [this.registry],
  });
  readonly requestSeconds = new Histogram({
    name: 'searchgate_request_duration_seconds',
    help: 'Whole GraphQL requests, from the first byte to the last, by operation type.',
    labelNames: ['operation'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  readonly backendSeconds = new Histogram({
    name: 'searchgate_backend_request_duration_seconds',
    help: 'Searches sent to the backend, by outcome.',
    labelNames: ['outcome'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
    registers: [this.registry],
  });
  readonly authentications = new Counter({
    name: 'searchgate_authentications_total',
    help: 'Authentication outcomes: ok, unauthorized, throttled (429), busy (503).',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });
  readonly schemaBuilds = new Counter({
    name: 'searchgate_schema_builds_total',
    help: 'Schemas built for a new permission set (a cache miss).',
    registers: [this.registry],
  });
  readonly audit = new Counter({
    name: 'searchgate_audit_events_total',
    help: 'Audit events by category: COMPLIANCE_DOC_WRITE counts saved-search writes, COMPLIANCE_INTERNAL_CONFIG_WRITE admin writes.',
    labelNames: ['category'] as const,
    registers: [this.registry],
  });

  constructor(sources: MetricsSources) {
    collectDefaultMetrics({ register: this.registry, prefix: 'searchgate_' });
    const registers = [this.registry];
    new Gauge({
      name: 'searchgate_schema_cache_size',
      help: 'Permission sets with a schema in the cache.',
      registers,
      collect() {
        this.set(sources.schemaCacheSize());
      },
    });
    new Gauge({
      name: 'searchgate_cache_bytes',
      help: 'Estimated bytes held by the caches under the cache budget (memory.cacheBudgetMiB): views, schemas, compiled queries.',
      registers,
      collect() {
        this.set(cacheBudget.bytesUsed);
      },
    });
    new Gauge({
      name: 'searchgate_security_config_version',
      help: 'Version of the security configuration in force.',
      registers,
      collect() {
        this.set(sources.configVersion());
      },
    });
    new Gauge({
      name: 'searchgate_security_store_readable',
      help: '1 when the security configuration store was readable at the last poll, else 0 (the last good configuration stays in force).',
      registers,
      collect() {
        this.set(sources.storeReadable() ? 1 : 0);
      },
    });
    new Gauge({
      name: 'searchgate_ready',
      help: '1 when the gateway is ready to serve (config, catalog and backend usable), else 0.',
      registers,
      collect() {
        this.set(sources.ready() ? 1 : 0);
      },
    });
  }

  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
