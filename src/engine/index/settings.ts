/** Index settings we accept at creation. Unknown settings are refused rather than silently ignored. */
import { EngineError } from '../errors.js';

const ACCEPTED = new Set(['number_of_shards', 'number_of_replicas', 'refresh_interval', 'max_result_window']);

export function parseSettings(body: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = { number_of_shards: '1', number_of_replicas: '1' };
  if (body === undefined || body === null) return out;
  if (typeof body !== 'object' || Array.isArray(body)) throw new EngineError(400, 'illegal_argument_exception', 'settings must be an object');
  const flat = flatten(body as Record<string, unknown>);
  for (const [k, v] of Object.entries(flat)) {
    const key = k.startsWith('index.') ? k.slice(6) : k;
    if (!ACCEPTED.has(key)) {
      throw new EngineError(400, 'illegal_argument_exception',
        `unknown setting [index.${key}] please check that any required plugins are installed, or check the breaking changes documentation for removed settings`);
    }
    out[key] = String(v);
  }
  return out;
}

function flatten(obj: Record<string, unknown>, prefix = '', out: Record<string, unknown> = {}): Record<string, unknown> {
  for (const [k, v] of Object.entries(obj)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) flatten(v as Record<string, unknown>, key, out);
    else out[key] = v;
  }
  return out;
}
