/** Request/response shapes of the engine's REST layer (re-exported by engine.ts as the public contract). */
import type { Catalog } from '../store/catalog.js';
import type { Durability } from '../store/durability.js';

export interface EngineRequest { method: string; path: string; query: URLSearchParams; body?: string | Buffer }
export interface EngineResponse {
  status: number;
  /** JSON value, or null for HEAD. */
  body: unknown;
  headers?: Record<string, string>;
}

export interface RestContext {
  readonly catalog: Catalog;
  readonly durability: Durability;
}

/** A routed request: path parameters decoded, query parameters flattened (last value wins). */
export interface RestRequest {
  readonly method: string;
  readonly path: string;
  readonly pathParams: Readonly<Record<string, string>>;
  readonly params: Readonly<Record<string, string>>;
  readonly body: string | Buffer | undefined;
}

export type Handler = (ctx: RestContext, req: RestRequest) => EngineResponse | Promise<EngineResponse>;
