import { pino } from 'pino';
import { redactSecrets } from './redact.js';

/**
 * Audit events: structured, one JSON line each, separate from the operational log (another stream, another
 * retention). Categories carry the security plugin's names so existing audit pipelines keep their filters.
 */
export type AuditCategory = 'FAILED_LOGIN' | 'MISSING_PRIVILEGES' | 'COMPLIANCE_INTERNAL_CONFIG_WRITE' | 'COMPLIANCE_DOC_WRITE';

export type ConfigOperation = 'CREATE' | 'UPDATE' | 'DELETE' | 'IMPORT';

export type AuditEvent =
  | {
      readonly category: 'FAILED_LOGIN';
      readonly user?: string;
      readonly remoteAddress: string;
      /** Why it failed, for operators (never credentials). */
      readonly reason: string;
      readonly throttled: boolean;
    }
  | {
      readonly category: 'MISSING_PRIVILEGES';
      readonly user: string;
      readonly remoteAddress: string;
      readonly privilege: string;
      readonly resource?: string;
      readonly reason: string;
    }
  | {
      readonly category: 'COMPLIANCE_INTERNAL_CONFIG_WRITE';
      readonly user: string;
      readonly remoteAddress?: string;
      readonly operation: ConfigOperation;
      /** `roles/<name>`, `internal_users/<name>`, ... or the folder for an import. */
      readonly resource: string;
      readonly configVersion: number;
      readonly before: unknown;
      readonly after: unknown;
    }
  | {
      /** A saved search created, replaced or deleted in a tenant. */
      readonly category: 'COMPLIANCE_DOC_WRITE';
      readonly user: string;
      readonly remoteAddress: string;
      readonly operation: 'CREATE' | 'UPDATE' | 'DELETE';
      /** `saved-searches/<tenant>/<name>`, the tenant as the writer named it. */
      readonly resource: string;
      readonly version: number;
    };

/** Where events go. The stdout sink in production; tests capture with their own. */
export interface AuditSink {
  write(event: AuditEvent & { readonly timestamp: string }): void;
}

export class AuditLog {
  constructor(
    private readonly sinks: readonly AuditSink[],
    private readonly now: () => Date = () => new Date(),
  ) {}

  record(event: AuditEvent): void {
    // Hashes and passwords are dropped here, whatever the caller handed in: no sink can receive one.
    const clean = redactSecrets(event) as AuditEvent;
    const stamped = { ...clean, timestamp: this.now().toISOString() };
    for (const sink of this.sinks) {
      try {
        sink.write(stamped);
      } catch {
        // An audit sink failing must not fail the request that is being audited; stdout failing is fatal anyway.
      }
    }
  }
}

/**
 * JSON lines on stdout through a pino logger of its own (`log: "audit"`), so the operational logger's level
 * never hides audit events. Silent under vitest, like the process logger; tests use their own sink.
 */
export function stdoutAuditSink(): AuditSink {
  const logger = pino({
    level: process.env.VITEST ? 'silent' : 'info',
    base: { service: 'searchgate', log: 'audit' },
    timestamp: false,
    messageKey: 'message',
  });
  return { write: (event) => logger.info(event, 'audit') };
}

/** Keeps events in memory (tests, and a bounded tail for diagnostics). */
export function memoryAuditSink(max = 10_000): AuditSink & { readonly events: (AuditEvent & { timestamp: string })[] } {
  const events: (AuditEvent & { timestamp: string })[] = [];
  return {
    events,
    write(event) {
      events.push(structuredClone(event) as AuditEvent & { timestamp: string });
      if (events.length > max) events.shift();
    },
  };
}
