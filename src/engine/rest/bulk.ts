/**
 * `_bulk`: NDJSON action/metadata lines (index, create, delete, update with a partial `doc`), applied in
 * order, each item answered like OpenSearch (its own status and error), then ONE commit for the whole
 * request — the response, and so every item's acknowledgement, waits for that single fsync.
 */
import { EngineError } from '../errors.js';
import type { Catalog } from '../store/catalog.js';
import type { LogRecord } from '../store/records.js';
import { ndjsonLines, type NdLine } from './body.js';
import { autoId, writeResult } from './documents.js';
import { refreshParam } from './respond.js';
import { resolveSingle, resolveWriteIndex } from './targets.js';
import type { Handler } from './types.js';

type OpName = 'index' | 'create' | 'delete' | 'update';
const OPS: readonly OpName[] = ['index', 'create', 'delete', 'update'];
const META_KEYS = ['_index', '_id', 'routing', 'retry_on_conflict', 'require_alias'];
const UPDATE_KEYS = ['doc', 'doc_as_upsert', 'upsert', 'detect_noop', '_source'];

interface Item { op: OpName; index: string | undefined; id: string | undefined; source: Record<string, unknown> | undefined }

function parseItems(lines: NdLine[], defaultIndex: string | undefined): Item[] {
  const items: Item[] = [];
  for (let i = 0; i < lines.length; i++) {
    const { line, value } = lines[i]!;
    const keys = Object.keys(value);
    const op = keys[0] as OpName;
    if (keys.length !== 1 || !OPS.includes(op)) {
      throw new EngineError(400, 'illegal_argument_exception',
        `Malformed action/metadata line [${line}], expected one of [create, delete, index, update] but found [${keys[0] ?? ''}]`);
    }
    const meta = value[op];
    if (typeof meta !== 'object' || meta === null || Array.isArray(meta)) {
      throw new EngineError(400, 'illegal_argument_exception', `Malformed action/metadata line [${line}], expected START_OBJECT`);
    }
    const m = meta as Record<string, unknown>;
    for (const k of Object.keys(m)) {
      if (!META_KEYS.includes(k)) {
        throw new EngineError(400, 'illegal_argument_exception', `Action/metadata line [${line}] contains an unknown parameter [${k}]`);
      }
    }
    if (m.require_alias === true) {
      throw new EngineError(400, 'illegal_argument_exception', `[require_alias] is not supported by the embedded engine (line [${line}])`);
    }
    const index = typeof m._index === 'string' ? m._index : defaultIndex;
    const id = m._id === undefined || m._id === null ? undefined : String(m._id);
    let source: Record<string, unknown> | undefined;
    if (op !== 'delete') {
      const next = lines[i + 1];
      if (!next) throw new EngineError(400, 'illegal_argument_exception', `Malformed action/metadata line [${line}]: the source line is missing`);
      source = next.value;
      i++;
    }
    items.push({ op, index, id, source });
  }
  if (items.length === 0) {
    throw new EngineError(400, 'action_request_validation_exception', 'Validation Failed: 1: no requests added;');
  }
  const missing = items.flatMap((it, n) => (it.index === undefined ? [`${n + 1}: index is missing;`] : []));
  if (missing.length > 0) throw new EngineError(400, 'action_request_validation_exception', `Validation Failed: ${missing.join(' ')}`);
  return items;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** OpenSearch's partial-update merge: objects merge recursively; everything else is replaced. */
function merge(base: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(patch)) {
    const cur = out[k];
    out[k] = isPlainObject(cur) && isPlainObject(v) ? merge(cur, v) : v;
  }
  return out;
}

function itemError(e: unknown): { status: number; error: Record<string, unknown> } {
  if (!(e instanceof EngineError)) throw e;
  const { root_cause: _rootCause, ...error } = e.toBody().error;
  return { status: e.status, error };
}

/** Apply one item; returns its response entry (without the op wrapper). */
function applyItem(catalog: Catalog, it: Item, records: LogRecord[], forced: boolean): Record<string, unknown> {
  const name = it.index!;
  if (it.op === 'delete') {
    if (it.id === undefined) throw new EngineError(400, 'action_request_validation_exception', 'Validation Failed: 1: id is missing;');
    const index = resolveSingle(catalog, name, 'index_or_alias');
    const w = catalog.deleteDoc(index, it.id);
    records.push(w.record);
    return { ...writeResult(index, it.id, w, forced), status: w.result === 'deleted' ? 200 : 404 };
  }
  if (it.op === 'update') {
    if (it.id === undefined) throw new EngineError(400, 'action_request_validation_exception', 'Validation Failed: 1: id is missing;');
    const body = it.source!;
    for (const k of Object.keys(body)) {
      if (k === 'script') throw new EngineError(400, 'illegal_argument_exception', 'scripted updates are not supported by the embedded engine');
      if (!UPDATE_KEYS.includes(k) || k === '_source') throw new EngineError(400, 'x_content_parse_exception', `[UpdateRequest] unknown field [${k}]`);
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
      const w = catalog.indexDoc(index, it.id, upsert, 'create');
      records.push(w.record);
      return { ...writeResult(index, it.id, w, forced), status: 201 };
    }
    const merged = merge(existing.source, doc);
    if (body.detect_noop !== false && JSON.stringify(merged) === JSON.stringify(existing.source)) {
      return {
        _index: index, _id: it.id, _version: existing.version, result: 'noop',
        _shards: { total: 0, successful: 0, failed: 0 }, _seq_no: existing.seqNo, _primary_term: existing.primaryTerm, status: 200,
      };
    }
    const w = catalog.indexDoc(index, it.id, merged, 'index');
    records.push(w.record);
    return { ...writeResult(index, it.id, w, forced), status: 200 };
  }
  const id = it.id ?? autoId();
  const index = resolveWriteIndex(catalog, name, records);
  const w = catalog.indexDoc(index, id, it.source!, it.op);
  records.push(w.record);
  return { ...writeResult(index, id, w, forced), status: w.result === 'created' ? 201 : 200 };
}

export const bulk: Handler = async (ctx, req) => {
  const started = Date.now();
  const forced = refreshParam(req.params);
  const items = parseItems(ndjsonLines(req.body), req.pathParams.index);
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
  if (records.length > 0) await ctx.durability.commit(records);
  return { status: 200, body: { took: Date.now() - started, errors, items: out } };
};
