/** Single-document APIs: index, create, get, exists, `_source`, delete, and `_mget`. */
import { randomBytes } from 'node:crypto';
import { EngineError } from '../errors.js';
import type { StoredDoc } from '../index/search-index.js';
import { parseSourceFilter } from '../search/source-filter.js';
import type { Catalog, DocWrite } from '../store/catalog.js';
import type { LogRecord } from '../store/records.js';
import { jsonObject } from './body.js';
import { errorResponse, head, ok, refreshParam, writeShards } from './respond.js';
import { resolveSingle, resolveWriteIndex } from './targets.js';
import type { EngineResponse, Handler, RestContext } from './types.js';

/** OpenSearch-style auto ids: 20 URL-safe characters. */
export function autoId(): string {
  return randomBytes(15).toString('base64url');
}

export function writeResult(index: string, id: string, w: DocWrite, forced: boolean): Record<string, unknown> {
  return {
    _index: index, _id: id, _version: w.version, result: w.result,
    ...(forced ? { forced_refresh: true } : {}),
    _shards: writeShards, _seq_no: w.seqNo, _primary_term: w.primaryTerm,
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

function indexHandler(opType: 'index' | 'create' | 'param', idRequired: boolean): Handler {
  return async (ctx, req) => {
    const forced = refreshParam(req.params);
    const op = opType === 'param' ? opTypeParam(req.params.op_type) : opType;
    const id = idRequired ? req.pathParams.id! : autoId();
    const source = jsonObject(req.body, { required: true, docParse: true })!;
    const records: LogRecord[] = [];
    const { index, w } = await commitWrite(ctx, records, () => {
      const index = resolveWriteIndex(ctx.catalog, req.pathParams.index!, records);
      const w = ctx.catalog.indexDoc(index, id, source, op);
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
export const indexAutoId = indexHandler('index', false);
export const createDoc = indexHandler('create', true);

function getStored(catalog: Catalog, indexName: string, id: string): { index: string; doc: StoredDoc | undefined } {
  const index = resolveSingle(catalog, indexName);
  return { index, doc: catalog.require(index).get(id) };
}

export function renderGet(index: string, id: string, doc: StoredDoc | undefined, params: Record<string, string>): Record<string, unknown> {
  if (!doc) return { _index: index, _id: id, found: false };
  const filter = parseSourceFilter(undefined, params);
  return {
    _index: index, _id: id, _version: doc.version, _seq_no: doc.seqNo, _primary_term: doc.primaryTerm, found: true,
    ...(filter.enabled ? { _source: filter.apply(doc.source) } : {}),
  };
}

export const getDoc: Handler = (ctx, req) => {
  const { index, doc } = getStored(ctx.catalog, req.pathParams.index!, req.pathParams.id!);
  return ok(renderGet(index, req.pathParams.id!, doc, { ...req.params }), doc ? 200 : 404);
};

export const docExists: Handler = (ctx, req) => {
  try {
    return head(getStored(ctx.catalog, req.pathParams.index!, req.pathParams.id!).doc !== undefined);
  } catch (e) {
    if (e instanceof EngineError && e.status === 404) return head(false);
    throw e;
  }
};

export const getSource: Handler = (ctx, req) => {
  const id = req.pathParams.id!;
  const { index, doc } = getStored(ctx.catalog, req.pathParams.index!, id);
  if (!doc) throw new EngineError(404, 'resource_not_found_exception', `Document not found [${index}]/[${id}]`);
  if (req.method === 'HEAD') return head(true);
  return ok(parseSourceFilter(undefined, { ...req.params }).apply(doc.source));
};

export const deleteDoc: Handler = async (ctx, req) => {
  const forced = refreshParam(req.params);
  const id = req.pathParams.id!;
  const index = resolveSingle(ctx.catalog, req.pathParams.index!, 'index_or_alias');
  const records: LogRecord[] = [];
  const w = await commitWrite(ctx, records, () => {
    const w = ctx.catalog.deleteDoc(index, id);
    records.push(w.record);
    return w;
  });
  return ok(writeResult(index, id, w, forced), w.result === 'deleted' ? 200 : 404);
};

const MGET_DOC_KEYS = ['_index', '_id', '_source', 'routing', '_routing'];

export const mget: Handler = (ctx, req) => {
  const body = jsonObject(req.body, { required: true })!;
  const defaultIndex = req.pathParams.index;
  let specs: { index: string | undefined; id: unknown; source?: unknown }[];
  if (Array.isArray(body.docs)) {
    specs = body.docs.map((d: unknown) => {
      if (typeof d !== 'object' || d === null || Array.isArray(d)) throw new EngineError(400, 'parse_exception', 'docs entries must be objects');
      const o = d as Record<string, unknown>;
      for (const k of Object.keys(o)) if (!MGET_DOC_KEYS.includes(k)) throw new EngineError(400, 'parse_exception', `Unknown key for a VALUE_STRING in [${k}].`);
      return { index: typeof o._index === 'string' ? o._index : defaultIndex, id: o._id, source: o._source };
    });
  } else if (Array.isArray(body.ids)) {
    specs = body.ids.map((id: unknown) => ({ index: defaultIndex, id }));
  } else {
    throw new EngineError(400, 'action_request_validation_exception', 'Validation Failed: 1: no documents to get;');
  }
  const problems = specs.flatMap((s, i) => [
    ...(s.index === undefined ? [`${i + 1}: index is missing for doc ${i};`] : []),
    ...(typeof s.id !== 'string' || s.id === '' ? [`${i + 1}: id is missing for doc ${i};`] : []),
  ]);
  if (problems.length > 0 || specs.length === 0) {
    throw new EngineError(400, 'action_request_validation_exception', `Validation Failed: ${problems.join(' ') || '1: no documents to get;'}`);
  }
  const docs = specs.map((s) => {
    const id = s.id as string;
    try {
      const { index, doc } = getStored(ctx.catalog, s.index!, id);
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
