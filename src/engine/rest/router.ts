/**
 * The route table: method + path pattern -> handler, with the query parameters each route accepts. An
 * unknown path answers 400 "no handler found", a known path with another method 405, and an unsupported
 * parameter 400 — like OpenSearch, and never a silent success.
 */
import { EngineError } from '../errors.js';
import * as aliases from './aliases.js';
import { bulk } from './bulk.js';
import { filterPath } from './filter-path.js';
import { health, info } from './cluster.js';
import * as docs from './documents.js';
import * as indices from './indices.js';
import { countHandler, msearchHandler, searchHandler, SEARCH_CORE_PARAMS } from './search.js';
import type { EngineResponse, Handler, RestContext } from './types.js';

interface Route { methods: readonly string[]; pattern: readonly string[]; handler: Handler; params: readonly string[] }

const COMMON = ['pretty', 'human', 'error_trace', 'filter_path', 'timeout', 'master_timeout', 'cluster_manager_timeout'];
/** Parameters every OpenSearch endpoint knows that the engine does not implement: refused by name (a
 *  documented refusal), where an unknown one is "unrecognized" as OpenSearch words it. */
const KNOWN_UNSUPPORTED_PARAMS = ['typed_keys', 'source', 'source_content_type'];
const RESOLVE = ['ignore_unavailable', 'allow_no_indices', 'expand_wildcards'];
const WRITE = ['refresh', 'routing', 'wait_for_active_shards'];
/** Compare-and-set on single-document writes (validated by the handler: `_create` refuses it as OpenSearch does). */
const CAS = ['if_seq_no', 'if_primary_term'];
/** The default fetch-source context of a bulk's updates. */
const BULK_SOURCE = ['_source', '_source_includes', '_source_excludes', 'pipeline'];
const GET = ['_source', '_source_includes', '_source_excludes', 'realtime', 'refresh', 'routing', 'preference'];
const SEARCH = [...RESOLVE, ...SEARCH_CORE_PARAMS, 'request_cache', 'batched_reduce_size', 'ccs_minimize_roundtrips',
  'max_concurrent_shard_requests', 'ignore_throttled'];

function r(methods: string, path: string, handler: Handler, params: readonly string[] = []): Route {
  return { methods: methods.split(','), pattern: path.split('/').filter(Boolean), handler, params };
}

const ROUTES: readonly Route[] = [
  r('GET,HEAD', '/', info),
  r('GET', '/_cluster/health', health, ['wait_for_status', 'level', 'local', 'wait_for_nodes', 'wait_for_no_relocating_shards',
    'wait_for_no_initializing_shards', 'wait_for_active_shards', 'wait_for_events']),
  r('GET', '/_cat/indices', indices.catIndices, ['format', 'h', ...RESOLVE]),
  r('GET', '/_cat/indices/:index', indices.catIndices, ['format', 'h', ...RESOLVE]),
  r('GET,POST', '/_refresh', indices.refresh, RESOLVE),
  r('POST,PUT', '/_bulk', bulk, [...WRITE, ...BULK_SOURCE]),
  r('GET,POST', '/_search', searchHandler, SEARCH),
  r('GET,POST', '/_count', countHandler, RESOLVE),
  r('GET,POST', '/_mget', docs.mget, [...GET, 'stored_fields']),
  r('GET,POST', '/_msearch', msearchHandler, ['max_concurrent_searches', 'search_type', 'ccs_minimize_roundtrips', 'pre_filter_shard_size', 'rest_total_hits_as_int']),
  r('GET', '/_mapping', indices.getMapping, RESOLVE),
  r('POST', '/_aliases', aliases.updateAliases),
  r('GET', '/_alias', aliases.getAliases, RESOLVE),
  r('GET', '/_alias/:name', aliases.getAliases, RESOLVE),
  r('HEAD', '/_alias/:name', aliases.aliasExists, RESOLVE),
  r('PUT', '/:index', indices.createIndex, ['wait_for_active_shards']),
  r('DELETE', '/:index', indices.deleteIndex, RESOLVE),
  r('GET', '/:index', indices.getIndex, [...RESOLVE, 'include_defaults', 'flat_settings', 'local']),
  r('HEAD', '/:index', indices.indexExists, [...RESOLVE, 'local']),
  r('GET', '/:index/_mapping', indices.getMapping, [...RESOLVE, 'local']),
  r('PUT,POST', '/:index/_mapping', indices.putMapping, RESOLVE),
  r('GET', '/:index/_alias', aliases.getAliases, RESOLVE),
  r('GET', '/:index/_alias/:name', aliases.getAliases, RESOLVE),
  r('HEAD', '/:index/_alias/:name', aliases.aliasExists, RESOLVE),
  r('PUT,POST', '/:index/_alias/:name', aliases.putAlias),
  r('DELETE', '/:index/_alias/:name', aliases.deleteAlias),
  r('PUT,POST', '/:index/_aliases/:name', aliases.putAlias),
  r('DELETE', '/:index/_aliases/:name', aliases.deleteAlias),
  r('POST', '/:index/_doc', docs.indexAutoId, [...WRITE, ...CAS, 'op_type']),
  r('PUT,POST', '/:index/_doc/:id', docs.indexDoc, [...WRITE, ...CAS, 'op_type']),
  r('GET', '/:index/_doc/:id', docs.getDoc, [...GET, 'stored_fields', 'version']),
  // A HEAD answers no body, so `stored_fields` changes nothing there.
  r('HEAD', '/:index/_doc/:id', docs.docExists, [...GET, 'stored_fields', 'version']),
  r('DELETE', '/:index/_doc/:id', docs.deleteDoc, [...WRITE, ...CAS]),
  r('PUT,POST', '/:index/_create/:id', docs.createDoc, [...WRITE, ...CAS]),
  r('GET,HEAD', '/:index/_source/:id', docs.getSource, GET),
  r('POST,PUT', '/:index/_bulk', bulk, [...WRITE, ...BULK_SOURCE]),
  r('GET,POST', '/:index/_refresh', indices.refresh, RESOLVE),
  r('GET,POST', '/:index/_search', searchHandler, SEARCH),
  r('GET,POST', '/:index/_count', countHandler, RESOLVE),
  r('GET,POST', '/:index/_mget', docs.mget, [...GET, 'stored_fields']),
  r('GET,POST', '/:index/_msearch', msearchHandler, ['max_concurrent_searches', 'search_type', 'ccs_minimize_roundtrips', 'pre_filter_shard_size', 'rest_total_hits_as_int']),
];

function match(route: Route, segments: readonly string[]): Record<string, string> | undefined {
  if (route.pattern.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < segments.length; i++) {
    const p = route.pattern[i]!;
    const s = segments[i]!;
    if (p.startsWith(':')) {
      // A parameter never swallows an endpoint name such as `_search` (except `/:index`, which then
      // reports the invalid index name like OpenSearch does). Document ids are data, not endpoints:
      // OpenSearch accepts `_abc` as an id, and 1 in 64 generated ids starts with `_`.
      if (p !== ':id' && s.startsWith('_') && s !== '_all' && route.pattern.length > 1) return undefined;
      params[p.slice(1)] = s;
    } else if (p !== s) return undefined;
  }
  return params;
}

function noHandler(path: string, method: string): EngineResponse {
  return { status: 400, body: { error: `no handler found for uri [${path}] and method [${method}]` } };
}

export async function route(ctx: RestContext, method: string, path: string, query: URLSearchParams,
  body: string | Buffer | undefined): Promise<EngineResponse> {
  let segments: string[];
  try {
    segments = path.split('?')[0]!.split('/').filter(Boolean).map(decodeURIComponent);
  } catch {
    return noHandler(path, method);
  }
  const m = method.toUpperCase();
  const candidates = ROUTES.map((rt) => ({ rt, params: match(rt, segments) })).filter((c) => c.params !== undefined);
  // Literal routes (e.g. /_refresh) win over parameterised ones (/:index).
  const onPath = candidates.filter((c) => c.rt.methods.includes(m));
  const chosen = onPath.find((c) => Object.keys(c.params!).length === 0) ?? onPath[0];
  if (!chosen) {
    if (candidates.length === 0) return noHandler(path, m);
    const literal = candidates.filter((c) => Object.keys(c.params!).length === 0);
    const allowed = [...new Set((literal.length > 0 ? literal : candidates).flatMap((c) => c.rt.methods))];
    return {
      status: 405,
      body: { error: `Incorrect HTTP method for uri [${path}] and method [${m}], allowed: [${allowed.join(', ')}]`, status: 405 },
    };
  }
  const params: Record<string, string> = {};
  for (const [k, v] of query) {
    if (KNOWN_UNSUPPORTED_PARAMS.includes(k) && !chosen.rt.params.includes(k)) {
      throw new EngineError(400, 'illegal_argument_exception', `request parameter [${k}] is not supported by the embedded engine`);
    }
    if (!COMMON.includes(k) && !chosen.rt.params.includes(k)) {
      throw new EngineError(400, 'illegal_argument_exception', `request [${path}] contains unrecognized parameter: [${k}]`);
    }
    params[k] = v;
  }
  const res = await chosen.rt.handler(ctx, { method: m, path, pathParams: chosen.params!, params, body });
  // filter_path filters successful answers only: an error comes back whole.
  const filter = query.get('filter_path');
  return filter !== null && res.status < 300 && res.body !== null ? { ...res, body: filterPath(res.body, filter) } : res;
}
