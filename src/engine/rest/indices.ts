/** Index administration: create, delete, exists, get, mappings, refresh, and `_cat/indices`. */
import { EngineError } from '../errors.js';
import type { LogRecord } from '../store/records.js';
import { validateAliasName } from '../store/names.js';
import { checkKeys, jsonObject } from './body.js';
import { parseAliasProps } from './alias-props.js';
import { acknowledged, head, ok } from './respond.js';
import { resolveNames, resolveOptions } from './targets.js';
import type { Handler } from './types.js';

export const createIndex: Handler = async (ctx, req) => {
  const name = req.pathParams.index!;
  const body = jsonObject(req.body) ?? {};
  checkKeys('create index', body, ['mappings', 'settings', 'aliases']);
  const { catalog } = ctx;
  catalog.checkCreate(name);
  const aliases = body.aliases ?? {};
  if (typeof aliases !== 'object' || aliases === null || Array.isArray(aliases)) {
    throw new EngineError(400, 'parse_exception', 'Failed to parse [aliases]: expected an object');
  }
  const aliasProps = Object.entries(aliases).map(([alias, def]) => {
    validateAliasName(alias);
    if (alias === name || catalog.get(alias)) {
      throw new EngineError(400, 'invalid_alias_name_exception', `Invalid alias name [${alias}]: an index or data stream exists with the same name as the alias`);
    }
    return [alias, parseAliasProps(def)] as const;
  });
  // Everything is validated; the SearchIndex constructor validates mappings and settings before the
  // catalog changes.
  const records: LogRecord[] = [catalog.createIndex(name, { mappings: body.mappings, settings: body.settings })];
  for (const [alias, props] of aliasProps) records.push(catalog.putAlias(name, alias, props));
  await ctx.durability.commit(records);
  return ok({ acknowledged: true, shards_acknowledged: true, index: name });
};

export const deleteIndex: Handler = async (ctx, req) => {
  const names = resolveNames(ctx.catalog, req.pathParams.index, { ...resolveOptions(req.params), concreteOnly: true });
  const records = names.map((n) => ctx.catalog.deleteIndex(n));
  await ctx.durability.commit(records);
  return acknowledged();
};

export const indexExists: Handler = (ctx, req) => {
  try {
    return head(resolveNames(ctx.catalog, req.pathParams.index, resolveOptions(req.params)).length > 0);
  } catch (e) {
    if (e instanceof EngineError && e.status === 404) return head(false);
    throw e;
  }
};

function aliasesBody(ctx: Parameters<Handler>[0], index: string): Record<string, unknown> {
  return Object.fromEntries(ctx.catalog.aliasesOf(index));
}

export const getIndex: Handler = (ctx, req) => {
  const names = resolveNames(ctx.catalog, req.pathParams.index, resolveOptions(req.params));
  const out: Record<string, unknown> = {};
  for (const n of names) {
    const ix = ctx.catalog.require(n);
    out[n] = { aliases: aliasesBody(ctx, n), mappings: ix.getMappings(), settings: ix.getSettings() };
  }
  return ok(out);
};

export const getMapping: Handler = (ctx, req) => {
  const names = resolveNames(ctx.catalog, req.pathParams.index, resolveOptions(req.params));
  return ok(Object.fromEntries(names.map((n) => [n, { mappings: ctx.catalog.require(n).getMappings() }])));
};

export const putMapping: Handler = async (ctx, req) => {
  const body = jsonObject(req.body, { required: true })!;
  const names = resolveNames(ctx.catalog, req.pathParams.index, { ...resolveOptions(req.params), allowNoIndices: false });
  const records: LogRecord[] = [];
  try {
    for (const n of names) records.push(ctx.catalog.putMapping(n, body));
  } finally {
    // Indices already changed stay changed (as in OpenSearch); they must reach the log either way.
    if (records.length > 0) await ctx.durability.commit(records);
  }
  return acknowledged();
};

export const refresh: Handler = (ctx, req) => {
  // Writes are searchable as soon as they are applied; refresh only checks the targets exist.
  const names = resolveNames(ctx.catalog, req.pathParams.index, resolveOptions(req.params));
  const total = names.reduce((t, n) => t + 1 + ctx.catalog.require(n).replicas, 0);
  return ok({ _shards: { total, successful: names.length, failed: 0 } });
};

const CAT_COLUMNS = ['health', 'status', 'index', 'uuid', 'pri', 'rep', 'docs.count', 'docs.deleted', 'store.size', 'pri.store.size'];

export const catIndices: Handler = (ctx, req) => {
  const names = resolveNames(ctx.catalog, req.pathParams.index, resolveOptions(req.params));
  const columns = req.params.h ? req.params.h.split(',') : CAT_COLUMNS;
  for (const c of columns) {
    if (!CAT_COLUMNS.includes(c)) throw new EngineError(400, 'illegal_argument_exception', `column [${c}] is not supported by the embedded engine's _cat/indices`);
  }
  const rows = names.map((n) => {
    const ix = ctx.catalog.require(n);
    const settings = (ix.getSettings().index ?? {}) as Record<string, unknown>;
    // An estimate (source JSON bytes), computed only when asked for: there are no segment files to measure.
    const size = columns.some((c) => c.endsWith('store.size')) ? `${sourceBytes(ix)}b` : '';
    const row: Record<string, string> = {
      health: 'green', status: 'open', index: n, uuid: ix.uuid, pri: '1', rep: String(settings.number_of_replicas ?? '0'),
      'docs.count': String(ix.docCount), 'docs.deleted': '0', 'store.size': size, 'pri.store.size': size,
    };
    return Object.fromEntries(columns.map((c) => [c, row[c]!]));
  });
  if (req.params.format === 'json') return ok(rows);
  if (req.params.format !== undefined) {
    throw new EngineError(400, 'illegal_argument_exception', `format [${req.params.format}] is not supported by the embedded engine (use json)`);
  }
  const text = rows.map((r) => `${columns.map((c) => r[c]).join(' ')}\n`).join('');
  return { status: 200, body: text, headers: { 'content-type': 'text/plain; charset=UTF-8' } };
};

function sourceBytes(ix: { sourceBytes(): number }): number {
  return ix.sourceBytes();
}
