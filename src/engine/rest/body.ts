/** Request bodies: JSON objects and NDJSON lines, with the errors OpenSearch gives for bad input. */
import { EngineError } from '../errors.js';

export function bodyText(body: string | Buffer | undefined): string {
  if (body === undefined) return '';
  return typeof body === 'string' ? body : body.toString('utf8');
}

export function bodyRequired(): EngineError {
  return new EngineError(400, 'parse_exception', 'request body is required');
}

function parseFailure(e: unknown, type = 'parse_exception', reason = 'Failed to parse content to map'): EngineError {
  const msg = e instanceof Error ? e.message : String(e);
  return new EngineError(400, type, reason, { caused_by: { type: 'json_parse_exception', reason: msg } });
}

/** The body as a JSON object, or undefined when empty and not required. */
export function jsonObject(body: string | Buffer | undefined, opts: { required?: boolean; docParse?: boolean } = {}):
  Record<string, unknown> | undefined {
  const text = bodyText(body);
  if (text.trim() === '') {
    if (opts.required) throw bodyRequired();
    return undefined;
  }
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    throw opts.docParse ? parseFailure(e, 'mapper_parsing_exception', 'failed to parse') : parseFailure(e);
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) {
    throw opts.docParse
      ? new EngineError(400, 'mapper_parsing_exception', 'failed to parse', {
        caused_by: { type: 'not_x_content_exception', reason: 'Compressor detection can only be called on some xcontent bytes or compressed xcontent bytes' },
      })
      : new EngineError(400, 'parse_exception', 'request body must be a JSON object');
  }
  return v as Record<string, unknown>;
}

export interface NdLine { readonly line: number; readonly value: Record<string, unknown> }

/** NDJSON body split into parsed lines (1-based line numbers, blank lines skipped). OpenSearch requires
 *  the final newline. */
export function ndjsonLines(body: string | Buffer | undefined): NdLine[] {
  const text = bodyText(body);
  if (text.length > 0 && !text.endsWith('\n')) {
    throw new EngineError(400, 'illegal_argument_exception', 'The bulk request must be terminated by a newline [\\n]');
  }
  const out: NdLine[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!.trim();
    if (raw === '') continue;
    let v: unknown;
    try {
      v = JSON.parse(raw);
    } catch (e) {
      throw parseFailure(e, 'parse_exception', `Failed to parse line [${i + 1}]`);
    }
    if (typeof v !== 'object' || v === null || Array.isArray(v)) {
      throw new EngineError(400, 'illegal_argument_exception', `Malformed line [${i + 1}]: expected a JSON object`);
    }
    out.push({ line: i + 1, value: v as Record<string, unknown> });
  }
  return out;
}

export function checkKeys(what: string, obj: Record<string, unknown>, allowed: readonly string[]): void {
  for (const k of Object.keys(obj)) {
    if (!allowed.includes(k)) throw new EngineError(400, 'parse_exception', `unknown key [${k}] for ${what}`);
  }
}
