/** Building responses: JSON bodies, errors, and the `_shards` block OpenSearch includes. */
import { EngineError } from '../errors.js';
import type { EngineResponse } from './types.js';

export const ok = (body: unknown, status = 200): EngineResponse => ({ status, body });

export const acknowledged = (): EngineResponse => ok({ acknowledged: true });

/** HEAD answers carry no body. */
export const head = (exists: boolean): EngineResponse => ({ status: exists ? 200 : 404, body: null });

export function errorResponse(e: unknown): EngineResponse {
  if (e instanceof EngineError) return { status: e.status, body: e.toBody() };
  throw e;
}

/** A write's `_shards`: the primary and its replicas (a single node never assigns the replicas). */
export function writeShards(replicas: number): Record<string, number> {
  return { total: 1 + replicas, successful: 1, failed: 0 };
}

export function searchShards(n: number): Record<string, number> {
  return { total: n, successful: n, skipped: 0, failed: 0 };
}

/** `refresh` on a write: accepted values, and whether the response reports `forced_refresh`. */
export function refreshParam(params: Readonly<Record<string, string>>): boolean {
  const r = params.refresh;
  if (r === undefined || r === 'false') return false;
  if (r === '' || r === 'true') return true;
  if (r === 'wait_for') return false;
  throw new EngineError(400, 'illegal_argument_exception', `Unknown value for refresh: [${r}].`);
}
