import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Context, type Span } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { detectResources, envDetector, resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import type { IncomingHttpHeaders } from 'node:http';

/**
 * OpenTelemetry tracing, off unless `observability.tracing` is on (and `OTEL_SDK_DISABLED` is not `true`).
 * Where spans go is configured the standard way (`OTEL_EXPORTER_OTLP_ENDPOINT`,
 * `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`, `OTEL_EXPORTER_OTLP_HEADERS`, `OTEL_SERVICE_NAME`, `OTEL_BSP_*`...),
 * read by the OTLP/HTTP exporter itself. A W3C `traceparent` on the request becomes the parent; each backend
 * call carries the current one on to OpenSearch. When off, no span is created at all: the request path pays
 * one boolean test per stage.
 */
let provider: NodeTracerProvider | undefined;

export function tracingEnabled(): boolean {
  return provider !== undefined;
}

/** Starts the process-wide tracer provider once (tracing is per process, not per gateway). */
export function startTracing(enabled: boolean): void {
  if (!enabled || provider || process.env.OTEL_SDK_DISABLED === 'true') return;
  const resource = resourceFromAttributes({ [ATTR_SERVICE_NAME]: 'searchgate' }).merge(detectResources({ detectors: [envDetector] }));
  provider = new NodeTracerProvider({ resource, spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())] });
  // Registers the AsyncLocalStorage context manager and the W3C trace-context propagator.
  provider.register();
}

export async function stopTracing(): Promise<void> {
  await provider?.forceFlush();
}

const tracer = () => trace.getTracer('searchgate');

/** The context a request's spans hang from: the caller's `traceparent`, if any. */
export function requestContext(headers: IncomingHttpHeaders): Context {
  return propagation.extract(ROOT_CONTEXT, headers);
}

/** Runs `work` in a span named `name` (when tracing is on); the span ends, with an error status if it threw. */
export function inSpan<T>(name: string, work: (span: Span | undefined) => Promise<T> | T, options: { kind?: SpanKind; parent?: Context } = {}): Promise<T> | T {
  // Off: no span, no extra promise, no context switch.
  if (!provider) return work(undefined);
  return spanned(name, work, options);
}

async function spanned<T>(name: string, work: (span: Span | undefined) => Promise<T> | T, options: { kind?: SpanKind; parent?: Context }): Promise<T> {
  const parent = options.parent ?? context.active();
  const span = tracer().startSpan(name, { kind: options.kind ?? SpanKind.INTERNAL }, parent);
  try {
    return await context.with(trace.setSpan(parent, span), () => work(span));
  } catch (err) {
    span.setStatus({ code: SpanStatusCode.ERROR, message: (err as Error)?.name ?? 'error' });
    throw err;
  } finally {
    span.end();
  }
}

/** Headers carrying the current trace on to the backend (`traceparent`, `tracestate`); empty when off. */
export function propagationHeaders(): Record<string, string> | undefined {
  if (!provider) return undefined;
  const headers: Record<string, string> = {};
  propagation.inject(context.active(), headers);
  return Object.keys(headers).length > 0 ? headers : undefined;
}

export { SpanKind };
