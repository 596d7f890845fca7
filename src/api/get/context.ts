import type { ApiContext } from '../kernel/context.js';
import type { Loaders } from './loaders.js';

/** Get-by-id batches the ids asked for in one tick (src/api/get/loaders.ts), so it keeps loaders per request. */
export interface GetSlice {
  readonly loaders: Loaders;
}

export type GetContext = ApiContext & GetSlice;
