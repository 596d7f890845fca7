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
  replicasOf(out);
  return out;
}

/** `index.number_of_replicas` read as OpenSearch does (Integer.parseInt, at least 0). */
export function replicasOf(settings: Readonly<Record<string, unknown>>): number {
  const raw = settings.number_of_replicas;
  if (raw === undefined) return 1;
  const text = String(raw);
  const n = /^[+-]?\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(n) || n > 2147483647 || n < -2147483648) {
    throw new EngineError(400, 'illegal_argument_exception', `Failed to parse value [${text}] for setting [index.number_of_replicas]`,
      { caused_by: { type: 'number_format_exception', reason: `For input string: "${text}"` } });
  }
  if (n < 0) throw new EngineError(400, 'illegal_argument_exception', `Failed to parse value [${text}] for setting [index.number_of_replicas] must be >= 0`);
  return n;
}

function flatten(obj: Record<string, unknown>, prefix = '', out: Record<string, unknown> = {}): Record<string, unknown> {
  for (const [k, v] of Object.entries(obj)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) flatten(v as Record<string, unknown>, key, out);
    else out[key] = v;
  }
  return out;
}
