/** Single-document APIs: index, create, get, exists, `_source`, delete, and `_mget`. */
import { randomBytes } from 'node:crypto';
import { EngineError } from '../errors.js';
import type { SeqNoCondition, StoredDoc } from '../index/search-index.js';
import { isRawNumber } from '../index/exact-numbers.js';
import { parseSourceFilter } from '../search/source-filter.js';
import type { Catalog, DocWrite } from '../store/catalog.js';
import type { LogRecord } from '../store/records.js';
import { bodyRequired, bodyText, jsonObject } from './body.js';
import { errorResponse, head, ok, refreshParam, writeShards } from './respond.js';
import { resolveDeleteIndex, resolveSingle, resolveWriteIndex } from './targets.js';
import type { EngineResponse, Handler, RestContext } from './types.js';

/** OpenSearch-style auto ids: 20 URL-safe characters. */
export function autoId(): string {
  return randomBytes(15).toString('base64url');
}

export function writeResult(index: string, id: string, w: DocWrite, forced: boolean): Record<string, unknown> {
  return {
    _index: index, _id: id, _version: w.version, result: w.result,
    ...(forced ? { forced_refresh: true } : {}),
    _shards: writeShards(w.replicas), _seq_no: w.seqNo, _primary_term: w.primaryTerm,
  };
}

/** Run a synchronous write, then commit its records — also when it failed after auto-creating an index,
 *  because that creation stays (as in OpenSearch) and must be durable. */
export async function commitWrite<T>(ctx: RestContext, records: LogRecord[], write: () => T): Promise<T> {
  let result: T;
  try {
    result = write();
  } catch (e) {
    if (records.length > 0) await ctx.durability.commit(records);
    throw e;
  }
  await ctx.durability.commit(records);
  return result;
}

// ---- compare-and-set (`if_seq_no` + `if_primary_term`) ------------------------------------------------

/** The request's `if_seq_no` / `if_primary_term` as OpenSearch holds them, with its "not given" values
 *  (-2, UNASSIGNED_SEQ_NO, and 0): the validation rules look at the pair, never at one alone. */
export interface CasParams { readonly ifSeqNo: bigint; readonly ifPrimaryTerm: bigint }

const UNASSIGNED_SEQ_NO = -2n;
const UNASSIGNED_PRIMARY_TERM = 0n;
export const NO_CAS: CasParams = { ifSeqNo: UNASSIGNED_SEQ_NO, ifPrimaryTerm: UNASSIGNED_PRIMARY_TERM };

const LONG_MAX = 2n ** 63n - 1n;
const LONG_MIN = -(2n ** 63n);

/** OpenSearch's setIfSeqNo: -2 means "not given"; -1 and below are refused. */
export function checkIfSeqNo(v: bigint): bigint {
  if (v < 0n && v !== UNASSIGNED_SEQ_NO) {
    throw new EngineError(400, 'illegal_argument_exception', `sequence numbers must be non negative. got [${v}].`);
  }
  return v;
}

/** OpenSearch's setIfPrimaryTerm: 0 means "not given". */
export function checkIfPrimaryTerm(v: bigint): bigint {
  if (v < 0n) throw new EngineError(400, 'illegal_argument_exception', `primary term must be non negative. got [${v}]`);
  return v;
}

/** Java's Long.parseLong (ASCII digits): undefined when it would throw. */
export function parseJavaLong(s: string): bigint | undefined {
  const m = /^([+-]?)0*(\d*)$/.exec(s);
  // Bounded before BigInt so a huge digit string costs nothing.
  if (!m || !/\d/.test(s) || m[2]!.length > 19) return undefined;
  const v = BigInt(`${m[1]}${m[2] || '0'}`);
  return v >= LONG_MIN && v <= LONG_MAX ? v : undefined;
}

/** A long query parameter, refused as OpenSearch's RestRequest.paramAsLong refuses it. */
function longParam(params: Readonly<Record<string, string>>, name: string): bigint | undefined {
  const raw = params[name];
  if (raw === undefined) return undefined;
  const v = parseJavaLong(raw);
  if (v === undefined) {
    throw new EngineError(400, 'illegal_argument_exception', `Failed to parse long parameter [${name}] with value [${raw}]`,
      { caused_by: { type: 'number_format_exception', reason: `For input string: "${raw}"` } });
  }
  return v;
}

/** Both query parameters, read and range-checked in OpenSearch's order (if_seq_no fully first). */
function casQueryParams(params: Readonly<Record<string, string>>): CasParams {
  const ifSeqNo = checkIfSeqNo(longParam(params, 'if_seq_no') ?? UNASSIGNED_SEQ_NO);
  const ifPrimaryTerm = checkIfPrimaryTerm(longParam(params, 'if_primary_term') ?? UNASSIGNED_PRIMARY_TERM);
  return { ifSeqNo, ifPrimaryTerm };
}

/** The compare-and-set part of OpenSearch's request validation (IndexRequest / DeleteRequest.validate). */
export function casValidationErrors(op: 'index' | 'create' | 'delete', cas: CasParams): string[] {
  const seqNoSet = cas.ifSeqNo !== UNASSIGNED_SEQ_NO;
  const termSet = cas.ifPrimaryTerm !== UNASSIGNED_PRIMARY_TERM;
  if (op === 'create') return seqNoSet || termSet ? ['create operations do not support compare and set. use index instead'] : [];
  if (seqNoSet && !termSet) return ['ifSeqNo is set, but primary term is [0]'];
  if (!seqNoSet && termSet) return [`ifSeqNo is unassigned, but primary term is [${cas.ifPrimaryTerm}]`];
  return [];
}

/** OpenSearch's ActionRequestValidationException: errors numbered from 1, each ending in `;`. */
export function validationFailed(errors: readonly string[]): EngineError {
  return new EngineError(400, 'action_request_validation_exception',
    `Validation Failed: ${errors.map((e, i) => `${i + 1}: ${e};`).join('')}`);
}

/** The condition to enforce, once validation has passed (both values given, or neither). */
export function casCondition(cas: CasParams): SeqNoCondition | undefined {
  return cas.ifSeqNo === UNASSIGNED_SEQ_NO ? undefined : { seqNo: cas.ifSeqNo, primaryTerm: cas.ifPrimaryTerm };
}

// ---- index / create / delete -------------------------------------------------------------------------

function indexHandler(opType: 'index' | 'create' | 'param', idRequired: boolean): Handler {
  return async (ctx, req) => {
    // OpenSearch's order: body present, refresh, if_seq_no, if_primary_term, op_type, then validation;
    // the document itself is parsed only after that.
    if (bodyText(req.body).trim() === '') throw bodyRequired();
    const forced = refreshParam(req.params);
    const cas = casQueryParams(req.params);
    const op = opType === 'param' ? opTypeParam(req.params.op_type) : opType;
    // POST /<index>/_doc is a create in OpenSearch (a fresh id), so compare-and-set is refused there, unless
    // `op_type=index` makes it an index, whose compare-and-set is then ignored (generated ids skip the
    // version lookup; checked on 3.6.0).
    const problems = casValidationErrors(idRequired ? op : req.params.op_type === undefined ? 'create' : op, cas);
    if (problems.length > 0) throw validationFailed(problems);
    const ifMatch = idRequired ? casCondition(cas) : undefined;
    const id = idRequired ? req.pathParams.id! : autoId();
    const source = jsonObject(req.body, { required: true, docParse: true })!;
    const records: LogRecord[] = [];
    const { index, w } = await commitWrite(ctx, records, () => {
      const index = resolveWriteIndex(ctx.catalog, req.pathParams.index!, records);
      const w = ctx.catalog.indexDoc(index, id, source, op, ifMatch);
      records.push(w.record);
      return { index, w };
    });
    const res = ok(writeResult(index, id, w, forced), w.result === 'created' ? 201 : 200);
    if (w.result === 'created') res.headers = { location: `/${encodeURIComponent(index)}/_doc/${encodeURIComponent(id)}` };
    return res;
  };
}

function opTypeParam(v: string | undefined): 'index' | 'create' {
  if (v === undefined || v === 'index') return 'index';
  if (v === 'create') return 'create';
  throw new EngineError(400, 'illegal_argument_exception', `opType must be 'create' or 'index', found: [${v}]`);
}

export const indexDoc = indexHandler('param', true);
export const indexAutoId = indexHandler('param', false);
export const createDoc = indexHandler('create', true);

function getStored(catalog: Catalog, indexName: string, id: string): { index: string; doc: StoredDoc | undefined } {
  const index = resolveSingle(catalog, indexName);
  return { index, doc: catalog.require(index).get(id) };
}

export function renderGet(index: string, id: string, doc: StoredDoc | undefined, params: Record<string, string>): Record<string, unknown> {
  if (!doc) return { _index: index, _id: id, found: false };
  // `stored_fields` without a `_source` parameter fetches the source only when it lists `_source`
  // (ShardGetService.normalizeFetchSourceContent); the stored fields themselves are checked to be none.
  const explicit = params._source !== undefined || params._source_includes !== undefined || params._source_excludes !== undefined;
  const filter = !explicit && params.stored_fields !== undefined && !params.stored_fields.split(',').includes('_source')
    ? parseSourceFilter(false) : parseSourceFilter(undefined, params);
  return {
    _index: index, _id: id, _version: doc.version, _seq_no: doc.seqNo, _primary_term: doc.primaryTerm, found: true,
    ...(filter.enabled ? { _source: filter.apply(doc.source) } : {}),
  };
}

/**
 * `version` on GET/HEAD `_doc`: a long (RestRequest.paramAsLong), valid when positive or -3 (MATCH_ANY,
 * which checks nothing) for the internal version type; a found document of another version is a 409.
 */
function versionParam(params: Readonly<Record<string, string>>): bigint | undefined {
  const v = longParam(params, 'version');
  if (v === undefined) return undefined;
  if (!(v > 0n || v === -3n)) throw validationFailed([`illegal version value [${v}] for version type [INTERNAL]`]);
  return v === -3n ? undefined : v;
}

function checkVersion(catalog: Catalog, index: string, id: string, doc: StoredDoc | undefined, version: bigint | undefined): void {
  if (doc === undefined || version === undefined || BigInt(doc.version) === version) return;
  throw new EngineError(409, 'version_conflict_engine_exception',
    `[${id}]: version conflict, current version [${doc.version}] is different than the one provided [${version}]`,
    { index, shard: '0', index_uuid: catalog.require(index).uuid });
}

/** Whether a mapping declares any stored field (`store: true`, multi-fields included). */
function hasStoredFields(node: unknown): boolean {
  if (typeof node !== 'object' || node === null) return false;
  const o = node as Record<string, unknown>;
  if (o.store === true) return true;
  return [o.properties, o.fields].some((m) => typeof m === 'object' && m !== null && Object.values(m).some(hasStoredFields));
}

/** `stored_fields` is answered when the index stores no field (so no `fields` section can appear). */
function checkStoredFields(catalog: Catalog, index: string, params: Readonly<Record<string, string>>): void {
  if (params.stored_fields === undefined) return;
  if (hasStoredFields(catalog.require(index).getMappings())) {
    throw new EngineError(400, 'illegal_argument_exception',
      'request parameter [stored_fields] on an index with stored fields (store: true) is not supported by the embedded engine');
  }
}

export const getDoc: Handler = (ctx, req) => {
  const version = versionParam(req.params);
  const { index, doc } = getStored(ctx.catalog, req.pathParams.index!, req.pathParams.id!);
  checkStoredFields(ctx.catalog, index, req.params);
  checkVersion(ctx.catalog, index, req.pathParams.id!, doc, version);
  return ok(renderGet(index, req.pathParams.id!, doc, { ...req.params }), doc ? 200 : 404);
};

export const docExists: Handler = (ctx, req) => {
  const version = versionParam(req.params);
  try {
    const { index, doc } = getStored(ctx.catalog, req.pathParams.index!, req.pathParams.id!);
    checkVersion(ctx.catalog, index, req.pathParams.id!, doc, version);
    return head(doc !== undefined);
  } catch (e) {
    if (e instanceof EngineError && e.status === 404) return head(false);
    throw e;
  }
};

export const getSource: Handler = (ctx, req) => {
  // Validated before the index or the document is looked up (OpenSearch 3.6: any index, any id; FINDINGS
  // class 16). Only the literal `false` disables it; other values are include patterns.
  if (req.params._source === 'false') {
    throw new EngineError(400, 'action_request_validation_exception', 'Validation Failed: 1: fetching source can not be disabled;');
  }
  const id = req.pathParams.id!;
  const { index, doc } = getStored(ctx.catalog, req.pathParams.index!, id);
  if (!doc) throw new EngineError(404, 'resource_not_found_exception', `Document not found [${index}]/[${id}]`);
  if (req.method === 'HEAD') return head(true);
  return ok(parseSourceFilter(undefined, { ...req.params }).apply(doc.source));
};

export const deleteDoc: Handler = async (ctx, req) => {
  const forced = refreshParam(req.params);
  const cas = casQueryParams(req.params);
  const problems = casValidationErrors('delete', cas);
  if (problems.length > 0) throw validationFailed(problems);
  const ifMatch = casCondition(cas);
  const id = req.pathParams.id!;
  const index = resolveDeleteIndex(ctx.catalog, req.pathParams.index!);
  const records: LogRecord[] = [];
  const w = await commitWrite(ctx, records, () => {
    const w = ctx.catalog.deleteDoc(index, id, ifMatch);
    records.push(w.record);
    return w;
  });
  return ok(writeResult(index, id, w, forced), w.result === 'deleted' ? 200 : 404);
};

const MGET_DOC_KEYS = ['_index', '_id', '_source', 'routing', '_routing'];

/** A JSON value as Jackson's parser.text() gives it for a value token: a number's own text, a boolean's name. */
function valueText(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return String(v);
  if (isRawNumber(v)) return v.rawJSON;
  return undefined;
}

interface MgetSpec { index: string | undefined; id: string | undefined; source?: unknown }

/**
 * MultiGetRequest.parseDocuments on one `docs` element: a value sets its field from its text (numbers keep
 * their written form), `null` sets nothing, an array of values sets the field from each in turn (the last
 * wins), an unknown key with a value is a parse_exception.
 */
function mgetDoc(d: unknown, defaultIndex: string | undefined): MgetSpec {
  if (typeof d !== 'object' || d === null || Array.isArray(d)) {
    throw new EngineError(400, 'illegal_argument_exception', 'docs array element should include an object');
  }
  const spec: MgetSpec = { index: defaultIndex, id: undefined };
  for (const [k, v] of Object.entries(d as Record<string, unknown>)) {
    if (k === '_source') {
      if (typeof v === 'number' || isRawNumber(v)) throw new EngineError(400, 'parse_exception', 'illegal type for _source: [VALUE_NUMBER]');
      spec.source = v;
      continue;
    }
    if (!MGET_DOC_KEYS.includes(k)) {
      if (valueText(v) === undefined) throw new EngineError(400, 'parse_exception', `Unknown key for a VALUE_STRING in [${k}].`);
      throw new EngineError(400, 'parse_exception', `failed to parse multi get request. unknown field [${k}]`);
    }
    if (v === null) continue;
    const texts = (Array.isArray(v) ? v : [v]).map(valueText);
    // Objects (and nulls or arrays inside an array) as these values: Jackson's token walk goes inside them
    // there; not modelled, refused as before.
    if (texts.some((t) => t === undefined)) throw new EngineError(400, 'parse_exception', `Unknown key for a VALUE_STRING in [${k}].`);
    for (const t of texts) {
      if (k === '_index') spec.index = t;
      else if (k === '_id') spec.id = t;
    }
  }
  return spec;
}

export const mget: Handler = (ctx, req) => {
  const body = jsonObject(req.body, { required: true, numbersAsText: true })!;
  const defaultIndex = req.pathParams.index;
  // `docs` and `ids` are read in the order written, both when both are given (MultiGetRequest.add).
  const specs: MgetSpec[] = [];
  let seen = false;
  for (const [key, value] of Object.entries(body)) {
    if (!Array.isArray(value)) {
      const token = value === null ? 'VALUE_NULL' : typeof value === 'object' ? 'START_OBJECT' : typeof value === 'string' ? 'VALUE_STRING'
        : typeof value === 'boolean' ? 'VALUE_BOOLEAN' : 'VALUE_NUMBER';
      throw new EngineError(400, 'parsing_exception', `unexpected token [${token}], expected [FIELD_NAME] or [START_ARRAY]`);
    }
    if (key === 'docs') {
      seen = true;
      for (const d of value) specs.push(mgetDoc(d, defaultIndex));
    } else if (key === 'ids') {
      seen = true;
      for (const id of value) {
        const text = valueText(id);
        if (text === undefined) throw new EngineError(400, 'illegal_argument_exception', 'ids array element should only contain ids');
        specs.push({ index: defaultIndex, id: text });
      }
    }
  }
  if (!seen) throw new EngineError(400, 'action_request_validation_exception', 'Validation Failed: 1: no documents to get;');
  // Request validation looks for a missing index or `_id` only; an empty `_id` fails its own item at the
  // shard ("Ids can't be empty"), after the index was resolved.
  const problems = specs.flatMap((s, i) => [
    ...(s.index === undefined ? [`index is missing for doc ${i};`] : []),
    ...(s.id === undefined ? [`id is missing for doc ${i};`] : []),
  ]).map((p, i) => `${i + 1}: ${p}`);
  if (problems.length > 0 || specs.length === 0) {
    throw new EngineError(400, 'action_request_validation_exception', `Validation Failed: ${problems.join(' ') || '1: no documents to get;'}`);
  }
  const docs = specs.map((s) => {
    const id = s.id!;
    try {
      const index0 = resolveSingle(ctx.catalog, s.index!);
      checkStoredFields(ctx.catalog, index0, req.params);
      if (id === '') throw new EngineError(400, 'illegal_argument_exception', "Ids can't be empty");
      const { index, doc } = { index: index0, doc: ctx.catalog.require(index0).get(id) };
      const params: Record<string, string> = { ...req.params };
      if (s.source !== undefined) {
        const filter = parseSourceFilter(s.source);
        return doc && filter.enabled
          ? { ...renderGet(index, id, doc, { ...params, _source: 'false' }), _source: filter.apply(doc.source) }
          : renderGet(index, id, doc, { ...params, _source: 'false' });
      }
      return renderGet(index, id, doc, params);
    } catch (e) {
      const body = errorResponse(e).body as { error: Record<string, unknown> };
      return { _index: s.index, _id: id, error: body.error };
    }
  });
  return ok({ docs }) as EngineResponse;
};
