import { randomUUID } from 'node:crypto';
import { inSpan, SpanKind } from './tracing.js';

/**
 * What one request did, filled in as it travels (transport, authentication, execution, backend) and read
 * once at the end for the access log and the metrics. Owned by the request; never shared.
 */
export interface RequestRecord {
  readonly id: string;
  readonly startedAt: number;
  user?: string;
  operationType?: string;
  operationName?: string;
  /** Distinct error codes, in the order first seen. */
  readonly codes: string[];
  backendCalls: number;
  backendMs: number;
}

export const REQUEST_ID_HEADER = 'x-request-id';

/** A caller's id is kept only if it is short and plain, so it cannot forge log lines or bloat them. */
const USABLE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export function requestId(header: string | string[] | undefined): string {
  const given = Array.isArray(header) ? undefined : header;
  return given !== undefined && USABLE_ID.test(given) ? given : randomUUID();
}

export function newRequestRecord(header: string | string[] | undefined, now = performance.now()): RequestRecord {
  return { id: requestId(header), startedAt: now, codes: [], backendCalls: 0, backendMs: 0 };
}

export function addCode(record: RequestRecord, code: string): void {
  if (!record.codes.includes(code)) record.codes.push(code);
}

/** Times each search into the request's record and the backend histogram. */
export function timedSearches<P extends { search(...args: never[]): Promise<unknown> }>(
  port: P,
  record: RequestRecord,
  observe: (seconds: number, outcome: 'ok' | 'error') => void,
): P {
  return {
    ...port,
    search: (async (...args: Parameters<P['search']>) => {
      const t0 = performance.now();
      let outcome: 'ok' | 'error' = 'error';
      try {
        const r = await inSpan('opensearch search', () => port.search(...args), { kind: SpanKind.CLIENT });
        outcome = 'ok';
        return r;
      } finally {
        const ms = performance.now() - t0;
        record.backendCalls += 1;
        record.backendMs += ms;
        observe(ms / 1000, outcome);
      }
    }) as P['search'],
  };
}
