import type { ErrorCode } from '../errors.js';

/** A GraphQL request as the transport hands it over, and the answer it gets: no socket, no framework. */
export interface GraphqlHttpRequest {
  readonly method: string;
  /** A header's value (lower-case name); repeated headers joined with ", ". */
  header(name: string): string | undefined;
  /** The URL's query string, with or without the leading `?`. */
  readonly search: string;
  /** The raw body ('' for GET). */
  readonly body: string;
}

export interface GraphqlHttpResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export const JSON_TYPE = 'application/json';
export const GRAPHQL_RESPONSE_TYPE = 'application/graphql-response+json';

/** A content type without its parameters, lower-cased. */
export const essence = (contentType: string | undefined) => contentType?.split(';')[0]!.trim().toLowerCase();

/** A refusal before anything runs: its status, stable code and message. */
export class RequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

