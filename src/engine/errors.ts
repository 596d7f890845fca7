/**
 * Errors raised by the embedded engine. Each carries the HTTP status and the OpenSearch exception type so the
 * REST layer can answer with the same body a real node would, and so clients that branch on `error.type` keep
 * working against either backend.
 */
export class EngineError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    readonly reason: string,
    readonly extra?: Record<string, unknown>,
  ) {
    super(`[${type}] ${reason}`);
    this.name = 'EngineError';
  }

  /** OpenSearch error body: { error: { root_cause: [{type, reason, ...}], type, reason, ...extra }, status } */
  toBody(): { error: Record<string, unknown>; status: number } {
    const extra = this.extra ?? {};
    // OpenSearch reports the innermost cause first in root_cause; our errors are flat unless a
    // caller supplied `root_cause` explicitly in extra.
    const { root_cause: rootCause, ...rest } = extra as { root_cause?: unknown } & Record<string, unknown>;
    const ownFields = Object.fromEntries(Object.entries(rest).filter(([k]) => k !== 'caused_by'));
    return {
      error: {
        root_cause: Array.isArray(rootCause) ? rootCause : [{ type: this.type, reason: this.reason, ...ownFields }],
        type: this.type,
        reason: this.reason,
        ...rest,
      },
      status: this.status,
    };
  }
}

/** 400 parsing_exception: the shape OpenSearch uses for malformed or unknown query DSL. */
export function parsingError(reason: string): EngineError {
  return new EngineError(400, 'parsing_exception', reason);
}

/** 400 illegal_argument_exception. */
export function illegalArgument(reason: string): EngineError {
  return new EngineError(400, 'illegal_argument_exception', reason);
}

/** Errors OpenSearch raises while it parses the request body (SearchSourceBuilder.parseXContent and the
 *  aggregation/query parsers, at the REST layer, before any shard): they come before every shard-level
 *  error, and an `_msearch` fails as a whole on them instead of answering that item with an error. */
const raisedWhileParsing = new WeakSet<EngineError>();

export function atParse(e: EngineError): EngineError {
  raisedWhileParsing.add(e);
  return e;
}

/** Parse-time error types OpenSearch raises nowhere else, and errors marked with `atParse`. */
const PARSE_TYPES = new Set(['parsing_exception', 'x_content_parse_exception', 'named_object_not_found_exception']);

export function raisedAtParse(e: unknown): boolean {
  return e instanceof EngineError && (raisedWhileParsing.has(e) || PARSE_TYPES.has(e.type));
}
