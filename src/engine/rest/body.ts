/** Request bodies: JSON objects and NDJSON lines, with the errors OpenSearch gives for bad input. */
import { EngineError } from '../errors.js';
import { registerSourceText } from '../index/document-parser.js';
import { parseJson, RawNumber } from '../index/exact-numbers.js';
import { rememberSource, rememberSources } from '../index/json-positions.js';

export function bodyText(body: string | Buffer | undefined): string {
  if (body === undefined) return '';
  return typeof body === 'string' ? body : body.toString('utf8');
}

export function bodyRequired(): EngineError {
  return new EngineError(400, 'parse_exception', 'request body is required');
}

/**
 * OpenSearch's JSON parser refuses nesting deeper than 1,000 objects/arrays (Jackson's
 * StreamReadConstraints), answering 500 `stream_constraints_exception`; we give the same answer. It also
 * bounds every recursive walk over a request body (query, aggregations, documents) in the engine.
 */
export const MAX_JSON_DEPTH = 1000;

/** Throws when `v` nests deeper than MAX_JSON_DEPTH; iterative, so the check itself cannot overflow. */
export function checkJsonDepth(v: unknown): void {
  const stack: { v: unknown; d: number }[] = [{ v, d: 1 }];
  while (stack.length > 0) {
    const { v: cur, d } = stack.pop()!;
    if (typeof cur !== 'object' || cur === null) continue;
    if (d > MAX_JSON_DEPTH) {
      throw new EngineError(500, 'stream_constraints_exception',
        `Document nesting depth (${d}) exceeds the maximum allowed (${MAX_JSON_DEPTH}, from \`StreamReadConstraints.getMaxNestingDepth()\`)`);
    }
    for (const child of Array.isArray(cur) ? cur : Object.values(cur)) {
      if (typeof child === 'object' && child !== null) stack.push({ v: child, d: d + 1 });
    }
  }
}

function parseFailure(e: unknown, type = 'parse_exception', reason = 'Failed to parse content to map'): EngineError {
  const msg = e instanceof Error ? e.message : String(e);
  return new EngineError(400, type, reason, { caused_by: { type: 'json_parse_exception', reason: msg } });
}

/** The body as a JSON object, or undefined when empty and not required. */
type Reviver = (this: unknown, key: string, value: unknown, context?: { source?: string }) => unknown;
/** Every number as a RawNumber of its written text (Jackson's parser.text() of a number token). */
const numbersAsText: Reviver = (_key, value, context) =>
  typeof value === 'number' && context?.source !== undefined ? new RawNumber(context.source) : value;

export function jsonObject(body: string | Buffer | undefined, opts: { required?: boolean; docParse?: boolean; numbersAsText?: boolean } = {}):
  Record<string, unknown> | undefined {
  const text = bodyText(body);
  if (text.trim() === '') {
    if (opts.required) throw bodyRequired();
    return undefined;
  }
  let v: unknown;
  try {
    v = opts.numbersAsText ? JSON.parse(text, numbersAsText as (this: unknown, key: string, value: unknown) => unknown) : parseJson(text);
  } catch (e) {
    throw opts.docParse ? parseFailure(e, 'mapper_parsing_exception', 'failed to parse') : parseFailure(e);
  }
  checkJsonDepth(v);
  if (!opts.docParse) rememberSource(v, text);
  if (opts.docParse && typeof v === 'object' && v !== null) registerSourceText(v, text);
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
export function ndjsonLines(body: string | Buffer | undefined, opts: { positions?: boolean; api?: 'bulk' | 'msearch' } = {}): NdLine[] {
  const text = bodyText(body);
  if (text.length > 0 && !text.endsWith('\n')) {
    // The bulk API names the newline as `\n`, msearch writes the character itself (checked on 3.6.0).
    throw new EngineError(400, 'illegal_argument_exception', opts.api === 'msearch'
      ? 'The msearch request must be terminated by a newline [\n]' : 'The bulk request must be terminated by a newline [\\n]');
  }
  const out: NdLine[] = [];
  const texts: string[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!.trim();
    if (raw === '') continue;
    let v: unknown;
    try {
      v = parseJson(raw);
    } catch (e) {
      throw parseFailure(e, 'parse_exception', `Failed to parse line [${i + 1}]`);
    }
    checkJsonDepth(v);
    if (typeof v !== 'object' || v === null || Array.isArray(v)) {
      throw new EngineError(400, 'illegal_argument_exception', `Malformed line [${i + 1}]: expected a JSON object`);
    }
    // The line as OpenSearch slices it (leading spaces count in positions of its values).
    registerSourceText(v, lines[i]!);
    out.push({ line: i + 1, value: v as Record<string, unknown> });
    if (opts.positions) texts.push(raw);
  }
  // Search bodies (msearch) keep their texts for the positions of parse errors; bulk lines need none.
  if (opts.positions) rememberSources(out.map((l) => l.value), texts);
  return out;
}

export function checkKeys(what: string, obj: Record<string, unknown>, allowed: readonly string[]): void {
  for (const k of Object.keys(obj)) {
    if (!allowed.includes(k)) throw new EngineError(400, 'parse_exception', `unknown key [${k}] for ${what}`);
  }
}
