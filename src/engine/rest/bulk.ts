/**
 * `_bulk`: NDJSON action/metadata lines (index, create, delete, update with a partial `doc`), applied in
 * order, each item answered like OpenSearch (its own status and error), then ONE commit for the whole
 * request — the response, and so every item's acknowledgement, waits for that single fsync.
 */
import { EngineError } from '../errors.js';
import { doubleToLong, isRawNumber, javaRendered, numberTextOf, setNumberText } from '../index/exact-numbers.js';
import type { Catalog } from '../store/catalog.js';
import type { LogRecord } from '../store/records.js';
import { ndjsonLines, type NdLine } from './body.js';
import {
  autoId, casCondition, casValidationErrors, checkIfPrimaryTerm, checkIfSeqNo, NO_CAS, parseJavaLong, validationFailed,
  writeResult, type CasParams,
} from './documents.js';
import { parseSourceFilter, type SourceFilter } from '../search/source-filter.js';
import { refreshParam, writeShards } from './respond.js';
import { resolveDeleteIndex, resolveWriteIndex } from './targets.js';
import type { Handler } from './types.js';

type OpName = 'index' | 'create' | 'delete' | 'update';
const OPS: readonly OpName[] = ['index', 'create', 'delete', 'update'];
const META_KEYS = ['_index', '_id', 'routing', 'retry_on_conflict', 'require_alias', 'if_seq_no', 'if_primary_term', '_source', 'pipeline', 'op_type'];
const UPDATE_KEYS = ['doc', 'doc_as_upsert', 'upsert', 'detect_noop', '_source'];

interface Item {
  op: OpName;
  index: string | undefined;
  id: string | undefined;
  source: Record<string, unknown> | undefined;
  cas: CasParams;
  /** An update's fetch-source context (`_source` of the metadata line, else of the URL, else of the body):
   *  when enabled, the item answers the written document as `get`. */
  fetch: SourceFilter | undefined;
  /** An index/create item's ingest pipeline (metadata over URL; `_none` is none). No pipeline exists in the
   *  engine, so such an item fails as OpenSearch's does for a missing one. */
  pipeline: string | undefined;
}

/** Documented refusal of a form OpenSearch reads with a position-bearing error the engine does not compute. */
function unsupported(what: string, line: number): EngineError {
  return new EngineError(400, 'illegal_argument_exception', `${what} is not supported by the embedded engine (line [${line}])`);
}

/** Java's Double.parseDouble over a string (trimmed; d/f suffix, NaN, Infinity), or undefined when it throws. */
function javaParseDouble(s: string): number | undefined {
  // eslint-disable-next-line no-control-regex
  const t = s.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '');
  const m = /^([+-]?)(?:(NaN|Infinity)|((?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)[dDfF]?)$/.exec(t);
  if (!m) return undefined;
  if (m[2] === 'NaN') return NaN;
  const v = m[2] === 'Infinity' ? Infinity : Number(m[3]);
  return m[1] === '-' ? -v : v;
}

/**
 * `retry_on_conflict` in action metadata: XContentParser.intValue(coerce): a string goes through
 * Double.parseDouble (NumberFormatException refuses the whole bulk), then a range check, then (int); a number
 * in an int's range is truncated. Booleans and numbers beyond an int fail in Jackson with a source location
 * the engine does not compute: refused by name. Nothing is retried here (one writer), so the value is unused.
 */
function metaInt(v: unknown, key: string, line: number): void {
  if (v === null) return;
  if (typeof v === 'string') {
    if (v === '') throw new EngineError(400, 'number_format_exception', 'empty String');
    const d = javaParseDouble(v);
    if (d === undefined) throw new EngineError(400, 'number_format_exception', `For input string: "${v}"`);
    if (d < -(2 ** 31) || d > 2 ** 31 - 1) throw new EngineError(400, 'illegal_argument_exception', `Value [${v}] is out of range for an integer`);
    return;
  }
  const n = isRawNumber(v) ? Number(v.rawJSON) : v;
  if (typeof n === 'number') {
    if (Math.trunc(n) < -(2 ** 31) || Math.trunc(n) > 2 ** 31 - 1) throw unsupported(`[${key}] beyond an integer`, line);
    return;
  }
  if (typeof v === 'boolean') throw unsupported(`[${key}] as a boolean`, line);
  throw new EngineError(400, 'illegal_argument_exception',
    `Malformed action/metadata line [${line}], expected a simple value for field [${key}] but found [${Array.isArray(v) ? 'START_ARRAY' : 'START_OBJECT'}]`);
}

/** `_source` of an action metadata line (FetchSourceContext.fromXContent over a simple value). */
function metaFetch(v: unknown, line: number): SourceFilter | undefined {
  if (v === null) return undefined;
  if (typeof v === 'boolean' || typeof v === 'string') return parseSourceFilter(v);
  if (Array.isArray(v) || isPlainObject(v)) {
    throw new EngineError(400, 'illegal_argument_exception',
      `Malformed action/metadata line [${line}], expected a simple value for field [_source] but found [${Array.isArray(v) ? 'START_ARRAY' : 'START_OBJECT'}]`);
  }
  throw unsupported('[_source] as a number in action metadata', line);
}

/** `_source` of an update body: a boolean, a pattern, a list of patterns or {includes, excludes}. The forms
 *  OpenSearch refuses (with a line:column position) or reads oddly (numbers among the patterns) are refused. */
function bodyFetch(v: unknown, line: number): SourceFilter | undefined {
  if (v === undefined) return undefined;
  const readable = typeof v === 'boolean' || typeof v === 'string'
    || (Array.isArray(v) && v.every((x) => typeof x === 'string'))
    || (isPlainObject(v) && Object.entries(v).every(([k, x]) => ['includes', 'include', 'excludes', 'exclude'].includes(k)
      && (typeof x === 'string' || (Array.isArray(x) && x.every((y) => typeof y === 'string')))));
  if (!readable) throw unsupported('this form of [_source] in an update', line);
  return parseSourceFilter(v);
}

/**
 * A long in action metadata, coerced as OpenSearch's XContent parser does: numbers lose their fraction,
 * strings are read as Java decimals (`"1e2"` is 100, `" 1"` is refused), null means "not given".
 */
function metaLong(v: unknown, key: string, line: number): bigint | undefined {
  if (v === null) return undefined;
  if (isRawNumber(v)) {
    // A JSON integer beyond 2^53, read exactly (parseJson keeps its digits); beyond a long it is refused.
    const x = BigInt(v.rawJSON);
    if (x > 2n ** 63n - 1n || x < -(2n ** 63n)) throw new EngineError(400, 'illegal_argument_exception', `Value [${v.rawJSON}] is out of range for a long`);
    return x;
  }
  if (typeof v === 'number') {
    // A decimal (integers beyond 2^53 arrive raw): Java's (long) of the double.
    const x = doubleToLong(v);
    if (x === 'range') throw new EngineError(400, 'illegal_argument_exception', `Value [${v}] is out of range for a long`);
    return x;
  }
  if (typeof v === 'string') return javaDecimalToLong(v);
  if (typeof v === 'boolean') {
    throw new EngineError(400, 'json_parse_exception',
      `Current token (${v ? 'VALUE_TRUE' : 'VALUE_FALSE'}) not numeric, can not use numeric value accessors`);
  }
  throw new EngineError(400, 'illegal_argument_exception',
    `Malformed action/metadata line [${line}], expected a simple value for field [${key}] but found [${Array.isArray(v) ? 'START_ARRAY' : 'START_OBJECT'}]`);
}

/** OpenSearch's Numbers.toLong(string, coerce=true): Long.parseLong, else a BigDecimal truncated toward zero. */
function javaDecimalToLong(s: string): bigint {
  const exact = parseJavaLong(s);
  if (exact !== undefined) return exact;
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d{1,9}))?$/.exec(s);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) {
    throw new EngineError(400, 'illegal_argument_exception', `For input string: "${s}"`);
  }
  const fraction = m[3] ?? '';
  const digits = `${m[2]}${fraction}`.replace(/^0+/, '');
  if (digits === '') return 0n;
  // value = digits × 10^exp; its integer part has digits.length + exp digits.
  const exp = Number(m[4] ?? '0') - fraction.length;
  const intDigits = digits.length + exp;
  if (intDigits > 19) throw new EngineError(400, 'illegal_argument_exception', `Value [${s}] is out of range for a long`);
  if (intDigits <= 0) return 0n;
  const magnitude = exp >= 0 ? BigInt(digits) * 10n ** BigInt(exp) : BigInt(digits.slice(0, intDigits));
  const v = m[1] === '-' ? -magnitude : magnitude;
  // Truncation keeps the bounds: OpenSearch refuses values >= 2^63 and <= -2^63 - 1 before truncating.
  if (v > 2n ** 63n - 1n || v < -(2n ** 63n)) {
    throw new EngineError(400, 'illegal_argument_exception', `Value [${s}] is out of range for a long`);
  }
  return v;
}

/** OpenSearch validates every item of a bulk before running any; one failure refuses the whole request. */
function itemValidationErrors(it: Item): string[] {
  const errors = it.index === undefined ? ['index is missing'] : [];
  const idMissing = it.id === undefined || it.id === '' ? ['id is missing'] : [];
  // An _id longer than 512 UTF-8 bytes (DocWriteRequest.validateDocIdLength).
  const idBytes = it.id === undefined ? 0 : Buffer.byteLength(it.id, 'utf8');
  const idTooLong = idBytes > 512 ? [`id [${it.id}] is too long, must be no longer than 512 bytes but was: ${idBytes}`] : [];
  switch (it.op) {
    case 'index':
    case 'create':
      return [...errors, ...(it.pipeline === '' ? ['pipeline cannot be an empty string'] : []), ...casValidationErrors(it.op, it.cas), ...idTooLong];
    case 'delete':
      return [...errors, ...idMissing, ...casValidationErrors('delete', it.cas), ...idTooLong];
    case 'update': {
      const body = it.source ?? {};
      const noDoc = body.doc === undefined && body.script === undefined ? ['script or doc is missing'] : [];
      return [...errors, ...idMissing, ...noDoc, ...idTooLong];
    }
  }
}

/** `pipeline` of an action metadata line: a value's text (a number's as written, a boolean's name). */
function metaText(v: unknown, key: string, line: number): string | undefined {
  if (v === null) return undefined;
  if (typeof v === 'string') return v;
  if (isRawNumber(v)) return v.rawJSON;
  if (typeof v === 'number' && Number.isSafeInteger(v)) return String(v);
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'number') throw unsupported(`[${key}] as a decimal number`, line);
  throw new EngineError(400, 'illegal_argument_exception',
    `Malformed action/metadata line [${line}], expected a simple value for field [${key}] but found [${Array.isArray(v) ? 'START_ARRAY' : 'START_OBJECT'}]`);
}

function parseItems(lines: NdLine[], defaultIndex: string | undefined, urlFetch: SourceFilter | undefined,
  urlPipeline: string | undefined): Item[] {
  const items: Item[] = [];
  for (let i = 0; i < lines.length; i++) {
    const { line, value } = lines[i]!;
    const keys = Object.keys(value);
    const action = keys[0] as OpName;
    if (keys.length !== 1 || !OPS.includes(action)) {
      throw new EngineError(400, 'illegal_argument_exception',
        `Malformed action/metadata line [${line}], expected one of [create, delete, index, update] but found [${keys[0] ?? ''}]`);
    }
    const meta = value[action];
    if (typeof meta !== 'object' || meta === null || Array.isArray(meta)) {
      throw new EngineError(400, 'illegal_argument_exception', `Malformed action/metadata line [${line}], expected START_OBJECT`);
    }
    const m = meta as Record<string, unknown>;
    // An `index` action with op_type "create" (exactly) is a create (BulkRequestParser); other actions and
    // other values ignore it.
    const op: OpName = action === 'index' && m.op_type === 'create' ? 'create' : action;
    // Fields in order, as OpenSearch reads them: an unknown key or an unreadable number stops at once.
    let ifSeqNo: bigint | undefined;
    let ifPrimaryTerm: bigint | undefined;
    let fetch = urlFetch;
    let pipeline = urlPipeline;
    for (const [k, v] of Object.entries(m)) {
      if (!META_KEYS.includes(k)) {
        throw new EngineError(400, 'illegal_argument_exception', `Action/metadata line [${line}] contains an unknown parameter [${k}]`);
      }
      if (k === 'if_seq_no') ifSeqNo = metaLong(v, k, line);
      else if (k === 'if_primary_term') ifPrimaryTerm = metaLong(v, k, line);
      else if (k === 'retry_on_conflict') metaInt(v, k, line);
      else if (k === '_source') fetch = metaFetch(v, line) ?? fetch;
      else if (k === 'pipeline') pipeline = metaText(v, k, line) ?? pipeline;
    }
    if (m.require_alias === true) {
      throw new EngineError(400, 'illegal_argument_exception', `[require_alias] is not supported by the embedded engine (line [${line}])`);
    }
    // Range checks once the line is read, if_seq_no first (OpenSearch's setIfSeqNo, then setIfPrimaryTerm).
    const cas: CasParams = {
      ifSeqNo: checkIfSeqNo(ifSeqNo ?? NO_CAS.ifSeqNo),
      ifPrimaryTerm: checkIfPrimaryTerm(ifPrimaryTerm ?? NO_CAS.ifPrimaryTerm),
    };
    if (op === 'update' && (cas.ifSeqNo !== NO_CAS.ifSeqNo || cas.ifPrimaryTerm !== NO_CAS.ifPrimaryTerm)) {
      throw new EngineError(400, 'illegal_argument_exception',
        `[if_seq_no] and [if_primary_term] on update actions are not supported by the embedded engine (line [${line}])`);
    }
    const index = typeof m._index === 'string' ? m._index : defaultIndex;
    const id = m._id === undefined || m._id === null ? undefined : String(m._id);
    let source: Record<string, unknown> | undefined;
    if (op !== 'delete') {
      const next = lines[i + 1];
      if (!next) throw new EngineError(400, 'illegal_argument_exception', `Malformed action/metadata line [${line}]: the source line is missing`);
      source = next.value;
      i++;
      // The body's `_source` counts only when neither the metadata line nor the URL gave one.
      if (op === 'update') {
        // OpenSearch parses every update body while it reads the bulk: an unknown field or a scalar `doc`
        // or `upsert` refuses the whole request (nothing is written).
        for (const k of Object.keys(source)) {
          if (!UPDATE_KEYS.includes(k) && k !== 'script') throw new EngineError(400, 'x_content_parse_exception', `[UpdateRequest] unknown field [${k}]`);
        }
        for (const k of ['doc', 'upsert']) {
          const v = source[k];
          const token = typeof v === 'string' ? 'VALUE_STRING' : typeof v === 'boolean' ? 'VALUE_BOOLEAN' : typeof v === 'number' || isRawNumber(v) ? 'VALUE_NUMBER' : undefined;
          if (token) throw new EngineError(400, 'x_content_parse_exception', `[UpdateRequest] ${k} doesn't support values of type: ${token}`);
        }
        const fromBody = bodyFetch(source._source, next.line);
        if (fetch === undefined) fetch = fromBody;
      }
    }
    items.push({ op, index, id, source, cas, fetch: op === 'update' ? fetch : undefined,
      pipeline: op === 'index' || op === 'create' ? pipeline : undefined });
  }
  if (items.length === 0) {
    throw new EngineError(400, 'action_request_validation_exception', 'Validation Failed: 1: no requests added;');
  }
  const problems = items.flatMap(itemValidationErrors);
  if (problems.length > 0) throw validationFailed(problems);
  return items;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !isRawNumber(v);
}

/** OpenSearch's partial-update merge: objects merge recursively; everything else is replaced. Numbers
 *  keep the text they have in `base` or `patch` (numberTextOf). */
function merge(base: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(base)) {
    out[k] = v;
    setNumberText(out, k, numberTextOf(base, k));
  }
  for (const [k, v] of Object.entries(patch)) {
    const cur = out[k];
    out[k] = isPlainObject(cur) && isPlainObject(v) ? merge(cur, v) : v;
    setNumberText(out, k, numberTextOf(patch, k));
  }
  return out;
}

function itemError(e: unknown): { status: number; error: Record<string, unknown> } {
  if (!(e instanceof EngineError)) throw e;
  const { root_cause: _rootCause, ...error } = e.toBody().error;
  return { status: e.status, error };
}

/**
 * An update's `get` (UpdateHelper.extractGetResult): the document as now stored (the upsert or doc as
 * written for a creation, the merged source for an update, the stored one for a noop), filtered when the
 * context has patterns; no `_index`, `_id` or `_version`.
 */
function fetched(catalog: Catalog, index: string, it: Item): Record<string, unknown> {
  if (it.fetch === undefined || !it.fetch.enabled) return {};
  const doc = catalog.require(index).get(it.id!);
  if (!doc) throw new Error('an update answers a document it has just written');
  return { get: { _seq_no: doc.seqNo, _primary_term: doc.primaryTerm, found: true, _source: it.fetch.apply(doc.source) } };
}

/** Apply one item; returns its response entry (without the op wrapper). */
function applyItem(catalog: Catalog, it: Item, records: LogRecord[], forced: boolean): Record<string, unknown> {
  const name = it.index!;
  if (it.op === 'delete') {
    if (it.id === undefined) throw new Error('bulk validation lets no delete without an id through');
    const index = resolveDeleteIndex(catalog, name);
    const w = catalog.deleteDoc(index, it.id, casCondition(it.cas));
    records.push(w.record);
    return { ...writeResult(index, it.id, w, forced), status: w.result === 'deleted' ? 200 : 404 };
  }
  if (it.op === 'update') {
    if (it.id === undefined) throw new Error('bulk validation lets no update without an id through');
    const body = it.source!;
    for (const k of Object.keys(body)) {
      if (k === 'script') throw new EngineError(400, 'illegal_argument_exception', 'scripted updates are not supported by the embedded engine');
      if (!UPDATE_KEYS.includes(k)) throw new EngineError(400, 'x_content_parse_exception', `[UpdateRequest] unknown field [${k}]`);
    }
    if (body.doc !== undefined && !isPlainObject(body.doc)) throw new EngineError(400, 'x_content_parse_exception', '[UpdateRequest] failed to parse field [doc]');
    if (body.upsert !== undefined && !isPlainObject(body.upsert)) throw new EngineError(400, 'x_content_parse_exception', '[UpdateRequest] failed to parse field [upsert]');
    const doc = (body.doc ?? {}) as Record<string, unknown>;
    if (body.doc === undefined) throw new EngineError(400, 'action_request_validation_exception', 'Validation Failed: 1: script or doc is missing;');
    const index = resolveWriteIndex(catalog, name, records);
    const existing = catalog.require(index).get(it.id);
    if (!existing) {
      const upsert = body.doc_as_upsert === true ? doc : (body.upsert as Record<string, unknown> | undefined);
      if (!upsert) {
        const ix = catalog.require(index);
        throw new EngineError(404, 'document_missing_exception', `[${it.id}]: document missing`, { index, shard: '0', index_uuid: ix.uuid });
      }
      // The upsert document (or the doc with doc_as_upsert) is also written again from a map first: its
      // numbers reach the mapping as Jackson writes Java numbers (a fractional epoch-millis date is then
      // 1.7356895999995E12, which the date field refuses).
      const w = catalog.indexDoc(index, it.id, javaRendered(upsert), 'create');
      records.push(w.record);
      return { ...writeResult(index, it.id, w, forced), ...fetched(catalog, index, it), status: 201 };
    }
    // OpenSearch merges the two sources as maps and writes the result again, so every number of the
    // updated document is then written as Jackson writes a Java number (1e21 becomes 1.0E21).
    const merged = merge(javaRendered(existing.source), javaRendered(doc));
    // detect_noop is read as a lenient boolean there ("false" is false).
    if (body.detect_noop !== false && body.detect_noop !== 'false' && JSON.stringify(merged) === JSON.stringify(existing.source)) {
      return {
        _index: index, _id: it.id, _version: existing.version, result: 'noop',
        _shards: writeShards(catalog.require(index).replicas), _seq_no: existing.seqNo, _primary_term: existing.primaryTerm,
        ...fetched(catalog, index, it), status: 200,
      };
    }
    const w = catalog.indexDoc(index, it.id, merged, 'index');
    records.push(w.record);
    return { ...writeResult(index, it.id, w, forced), ...fetched(catalog, index, it), status: 200 };
  }
  // The ingest phase runs before any write (and before the index is auto-created).
  if (it.pipeline !== undefined && it.pipeline !== '_none') {
    throw new EngineError(400, 'illegal_argument_exception', `pipeline with id [${it.pipeline}] does not exist`);
  }
  const id = it.id ?? autoId();
  const index = resolveWriteIndex(catalog, name, records);
  // An index action without an `_id` ignores if_seq_no/if_primary_term once they pass validation: OpenSearch
  // skips the version lookup for documents with generated ids (checked on 3.6.0), and so do we.
  const w = catalog.indexDoc(index, id, it.source!, it.op, it.id === undefined ? undefined : casCondition(it.cas));
  records.push(w.record);
  return { ...writeResult(index, id, w, forced), status: w.result === 'created' ? 201 : 200 };
}

export const bulk: Handler = async (ctx, req) => {
  const started = Date.now();
  const forced = refreshParam(req.params);
  const p = req.params;
  // FetchSourceContext.parseFromRestRequest: the URL's context, when any of its parameters is given.
  const urlFetch = p._source !== undefined || p._source_includes !== undefined || p._source_excludes !== undefined
    ? parseSourceFilter(undefined, p) : undefined;
  const items = parseItems(ndjsonLines(req.body), req.pathParams.index, urlFetch, p.pipeline);
  // `ingest_took` is reported when an item went through the ingest phase (its time: 0 here).
  const piped = items.filter((it) => it.pipeline !== undefined && it.pipeline !== '_none').length;
  const ingest = piped > 0;
  // Each such item fails (no pipeline exists), but OpenSearch lists several ingest failures in an order of
  // its own (BulkRequestModifier fills the failed slots in the order its pipeline batches failed, which
  // depends on the pipeline ids and document ids): one is answered, several are refused.
  if (piped > 1) {
    throw new EngineError(400, 'illegal_argument_exception', '[pipeline] on more than one item of a bulk is not supported by the embedded engine');
  }
  const records: LogRecord[] = [];
  let errors = false;
  // All items are applied synchronously: no other request interleaves with a bulk.
  const out = items.map((it) => {
    try {
      return { [it.op]: applyItem(ctx.catalog, it, records, forced) };
    } catch (e) {
      errors = true;
      const { status, error } = itemError(e);
      return { [it.op]: { _index: it.index, _id: it.id ?? null, status, error } };
    }
  });
  // OpenSearch refreshes after each shard's part of the bulk when it wrote something: every item of that
  // shard (a noop update too) then says `forced_refresh`; a shard whose items were all noops or failures
  // is not refreshed (checked on 3.6.0). One shard per index here.
  if (forced) {
    const wrote = new Set<unknown>();
    for (const item of out) {
      const r = Object.values(item)[0]!;
      if (r.forced_refresh === true) wrote.add(r._index);
    }
    for (const item of out) {
      const [op, r] = Object.entries(item)[0]!;
      if (r.result !== 'noop' || !wrote.has(r._index)) continue;
      const { _index, _id, _version, result, ...rest } = r;
      item[op] = { _index, _id, _version, result, forced_refresh: true, ...rest };
    }
  }
  if (records.length > 0) await ctx.durability.commit(records);
  return { status: 200, body: { took: Date.now() - started, ...(ingest ? { ingest_took: 0 } : {}), errors, items: out } };
};
