/** Converting query-side values to the indexed representation of a field (as OpenSearch's field types do). */
import { EngineError } from '../errors.js';
import type { LeafField } from '../index/mapping.js';

export function queryShardError(reason: string): EngineError {
  return new EngineError(400, 'query_shard_exception', reason);
}

const INTEGER_TYPES = new Set(['long', 'integer', 'short', 'byte']);

/** Number for a numeric field, or undefined when the value can never match (decimal part on an integer). */
export function numericTermValue(leaf: LeafField, v: unknown): number | undefined {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  if (!Number.isFinite(n)) throw queryShardError(`failed to create query: For input string: "${String(v)}"`);
  if (INTEGER_TYPES.has(leaf.type)) return Number.isInteger(n) ? n : undefined;
  return leaf.type === 'float' ? Math.fround(n) : n;
}

export function booleanTermValue(v: unknown): number {
  if (v === true || v === 'true') return 1;
  if (v === false || v === 'false' || v === '') return 0;
  throw queryShardError(`failed to create query: Can't parse boolean value [${String(v)}], expected [true] or [false]`);
}

export function stringTermValue(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  throw queryShardError(`failed to create query: unsupported term value [${JSON.stringify(v)}]`);
}

export function isNumericType(t: string): boolean {
  return ['long', 'integer', 'short', 'byte', 'double', 'float', 'date', 'boolean'].includes(t);
}

export function isIntegerType(t: string): boolean {
  return INTEGER_TYPES.has(t);
}
