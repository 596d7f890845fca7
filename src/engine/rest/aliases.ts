/** Alias management and lookup: `_aliases` actions, `/<index>/_alias/<name>`, `GET|HEAD _alias`. */
import { globToRegExp } from '../query/glob.js';
import { EngineError } from '../errors.js';
import type { Catalog } from '../store/catalog.js';
import { validateAliasName } from '../store/names.js';
import { aliasesNotFound, indexNotFound } from '../store/not-found.js';
import type { AliasProps, LogRecord } from '../store/records.js';
import { parseAliasProps } from './alias-props.js';
import { jsonObject } from './body.js';
import { acknowledged, head, ok } from './respond.js';
import { resolveNames, resolveOptions } from './targets.js';
import type { EngineResponse, Handler } from './types.js';

type Action =
  | { kind: 'add'; index: string; alias: string; props: AliasProps }
  | { kind: 'remove'; index: string; alias: string }
  | { kind: 'remove_index'; index: string };

function listOf(what: string, single: unknown, multi: unknown): string[] {
  const v = single ?? multi;
  if (typeof v === 'string') return [v];
  if (Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string')) return v as string[];
  throw new EngineError(400, 'action_request_validation_exception', `Validation Failed: 1: One of [${what}] or [${what}s] is required;`);
}

function globMatch(pattern: string, name: string): boolean {
  return pattern.includes('*')
    ? globToRegExp(pattern, false, { escapes: false, questionMark: false }).test(name)
    : pattern === name;
}

/** Expand and validate every action against the state as the earlier actions would leave it. */
function planActions(catalog: Catalog, body: Record<string, unknown>): Action[] {
  const actions = body.actions;
  if (!Array.isArray(actions)) throw new EngineError(400, 'action_request_validation_exception', 'Validation Failed: 1: No action specified;');
  const pairs = new Set<string>();
  for (const a of catalog.aliasNames()) for (const i of catalog.aliasTargets(a)!.keys()) pairs.add(`${a}\u0000${i}`);
  const removed = new Set<string>();
  const plan: Action[] = [];
  const indicesOf = (def: Record<string, unknown>): string[] =>
    listOf('index', def.index, def.indices).flatMap((expr) => {
      const names = resolveNames(catalog, expr, { concreteOnly: true, allowNoIndices: false }).filter((n) => !removed.has(n));
      if (names.length === 0) throw indexNotFound(expr);
      return names;
    });
  for (const entry of actions) {
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry) || Object.keys(entry).length !== 1) {
      throw new EngineError(400, 'x_content_parse_exception', '[alias_action] expected exactly one action');
    }
    const [kind, raw] = Object.entries(entry as Record<string, unknown>)[0]!;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new EngineError(400, 'x_content_parse_exception', `[${kind}] expected an object`);
    const def = raw as Record<string, unknown>;
    if (kind === 'add') {
      const props = parseAliasProps(def, ['index', 'indices', 'alias', 'aliases']);
      for (const index of indicesOf(def)) {
        for (const alias of listOf('alias', def.alias, def.aliases)) {
          validateAliasName(alias);
          if (catalog.get(alias) && !removed.has(alias)) {
            throw new EngineError(400, 'invalid_alias_name_exception', `Invalid alias name [${alias}]: an index or data stream exists with the same name as the alias`);
          }
          pairs.add(`${alias}\u0000${index}`);
          plan.push({ kind: 'add', index, alias, props });
        }
      }
    } else if (kind === 'remove') {
      for (const k of Object.keys(def)) {
        if (!['index', 'indices', 'alias', 'aliases', 'must_exist'].includes(k)) throw new EngineError(400, 'x_content_parse_exception', `[remove] unknown field [${k}]`);
      }
      const mustExist = def.must_exist !== false;
      for (const index of indicesOf(def)) {
        for (const pattern of listOf('alias', def.alias, def.aliases)) {
          const matches = [...pairs].map((p) => p.split('\u0000') as [string, string])
            .filter(([a, i]) => i === index && globMatch(pattern, a));
          if (matches.length === 0 && mustExist && !pattern.includes('*')) throw aliasesNotFound([pattern]);
          for (const [alias] of matches) {
            pairs.delete(`${alias}\u0000${index}`);
            plan.push({ kind: 'remove', index, alias });
          }
        }
      }
    } else if (kind === 'remove_index') {
      for (const k of Object.keys(def)) {
        if (!['index', 'indices'].includes(k)) throw new EngineError(400, 'x_content_parse_exception', `[remove_index] unknown field [${k}]`);
      }
      for (const index of indicesOf(def)) {
        removed.add(index);
        for (const p of [...pairs]) if (p.endsWith(`\u0000${index}`)) pairs.delete(p);
        plan.push({ kind: 'remove_index', index });
      }
    } else {
      throw new EngineError(400, 'x_content_parse_exception', `[alias_action] unknown field [${kind}]`);
    }
  }
  return plan;
}

export const updateAliases: Handler = async (ctx, req) => {
  const body = jsonObject(req.body, { required: true })!;
  for (const k of Object.keys(body)) if (k !== 'actions') throw new EngineError(400, 'x_content_parse_exception', `[aliases] unknown field [${k}]`);
  const plan = planActions(ctx.catalog, body);
  // All actions validated: apply them together (OpenSearch applies an _aliases request atomically).
  const records: LogRecord[] = plan.map((a) =>
    a.kind === 'add' ? ctx.catalog.putAlias(a.index, a.alias, a.props)
      : a.kind === 'remove' ? ctx.catalog.removeAlias(a.index, a.alias)
        : ctx.catalog.deleteIndex(a.index));
  await ctx.durability.commit(records);
  return acknowledged();
};

export const putAlias: Handler = async (ctx, req) => {
  const alias = req.pathParams.name!;
  const props = parseAliasProps(jsonObject(req.body));
  const indices = resolveNames(ctx.catalog, req.pathParams.index, { concreteOnly: true, allowNoIndices: false });
  for (const index of indices) ctx.catalog.checkAlias(index, alias);
  const records = indices.map((index) => ctx.catalog.putAlias(index, alias, props));
  await ctx.durability.commit(records);
  return acknowledged();
};

export const deleteAlias: Handler = async (ctx, req) => {
  const indices = resolveNames(ctx.catalog, req.pathParams.index, { concreteOnly: true, allowNoIndices: false });
  const patterns = req.pathParams.name!.split(',');
  const removals: [string, string][] = [];
  for (const index of indices) {
    for (const [alias] of ctx.catalog.aliasesOf(index)) {
      if (patterns.some((p) => p === '_all' || globMatch(p, alias))) removals.push([index, alias]);
    }
  }
  if (removals.length === 0) throw aliasesNotFound(patterns);
  const records = removals.map(([index, alias]) => ctx.catalog.removeAlias(index, alias));
  await ctx.durability.commit(records);
  return acknowledged();
};

/** { index: { aliases: {...} } } for the indices of `indexExpr` (all when absent), restricted to aliases
 *  matching `names` when given. */
function aliasView(ctx: Parameters<Handler>[0], indexExpr: string | undefined, names: string | undefined,
  params: Readonly<Record<string, string>>): { body: Record<string, unknown>; found: boolean; missing: string[] } {
  const indices = resolveNames(ctx.catalog, indexExpr, resolveOptions(params));
  const patterns = names?.split(',');
  const body: Record<string, unknown> = {};
  const seen = new Set<string>();
  for (const index of indices) {
    const aliases = ctx.catalog.aliasesOf(index).filter(([a]) => !patterns || patterns.some((p) => p === '_all' || globMatch(p, a)));
    aliases.forEach(([a]) => seen.add(a));
    if (!patterns || aliases.length > 0) body[index] = { aliases: Object.fromEntries(aliases) };
  }
  const missing = (patterns ?? []).filter((p) => !p.includes('*') && p !== '_all' && !seen.has(p));
  return { body, found: seen.size > 0 || !patterns, missing };
}

export const getAliases: Handler = (ctx, req): EngineResponse => {
  const { body, missing } = aliasView(ctx, req.pathParams.index, req.pathParams.name, req.params);
  if (missing.length > 0) {
    return { status: 404, body: { error: `alias [${missing.join(',')}] missing`, status: 404, ...body } };
  }
  return ok(body);
};

export const aliasExists: Handler = (ctx, req) => {
  try {
    const { found, missing } = aliasView(ctx, req.pathParams.index, req.pathParams.name, req.params);
    return head(found && missing.length === 0);
  } catch (e) {
    if (e instanceof EngineError && e.status === 404) return head(false);
    throw e;
  }
};
