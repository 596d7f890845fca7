/** `exists`: docs with at least one indexed value in the field, or in any field under an object path. */
import { parsingAt, tokenOf } from './clause-errors.js';
import { isRawNumber } from '../index/exact-numbers.js';
import { EngineError, atParse, parsingError } from '../errors.js';
import type { SearchIndex } from '../index/search-index.js';
import { EMPTY, constantSet, union } from './doc-set.js';
import { boostOf, checkParams, checkValueTokens, isObject } from './params.js';
import { globToRegExp } from './glob.js';
import { STATS_COUNT, allDocs, type Query } from './types.js';
import { queryShardError } from './field-values.js';

function leafDocs(ix: SearchIndex, path: string): Int32Array {
  const fi = ix.fieldIndex(path);
  if (!fi) return new Int32Array(0);
  const n = ix.maxDoc;
  const out = new Int32Array(n);
  let k = 0;
  if (fi.kind === 'text') {
    for (let i = 0; i < n; i++) if (fi.hasValue[i] === 1) out[k++] = i;
  } else {
    for (let i = 0; i < n; i++) if (fi.has(i)) out[k++] = i;
  }
  return out.subarray(0, k);
}

/** The mapped leaf fields an exists on `field` covers (a pattern, an object's leaves, or the field). */
function existsPaths(ix: SearchIndex, field: string): string[] {
  const paths: string[] = [];
  const leaves = ix.leaves();
  if (field.includes('*')) {
    const re = globToRegExp(field, false);
    for (const p of leaves.keys()) if (re.test(p)) paths.push(p);
  } else if (leaves.has(field)) {
    paths.push(field);
  } else if (ix.objects().has(field)) {
    for (const p of leaves.keys()) if (p.startsWith(field + '.')) paths.push(p);
  }
  return paths;
}

export function existsDocs(ix: SearchIndex, field: string): Int32Array {
  if (field === '_id' || field === '_index' || field === '_source') return allDocs(ix);
  return union(existsPaths(ix, field).map((p) => leafDocs(ix, p)));
}

/**
 * Metadata fields as the exists query sees them on OpenSearch 3.6 (checked one by one): some match every
 * document, some none, and some fail the shard. A pattern (`*`, `_*`, `*e`) expands over them too
 * (QueryShardContext.simpleMatchToIndexNames), so one failing field fails the query (hunt2 H2-29).
 */
const META_ALL = ['_id', '_index', '_seq_no', '_version'];
const META_NONE = ['_routing', '_ignored', '_primary_term', '_doc_count'];
const META_FAIL: Record<string, string> = {
  _feature: 'failed to create query: Cannot run exists query on [_feature]',
  _data_stream_timestamp: 'failed to create query: Cannot run exists query on internal field [_data_stream_timestamp]',
  _field_names: 'failed to create query: Cannot run exists query on _field_names',
  _nested_path: 'failed to create query: Cannot run exists() query against the nested field path',
  _source: 'The _source field is not searchable',
};
const META = [...META_ALL, ...META_NONE, ...Object.keys(META_FAIL)];

function existsQueryDocs(ix: SearchIndex, field: string): Int32Array {
  const re = field.includes('*') ? globToRegExp(field, false) : undefined;
  const metas = META.filter((m) => (re ? re.test(m) : m === field));
  const failing = metas.filter((m) => m in META_FAIL);
  if (failing.length === 1) throw queryShardError(META_FAIL[failing[0]!]!);
  if (failing.length > 1) {
    // Which one OpenSearch reports depends on the iteration order of its field-name set.
    throw parsingError(`[exists] on [${field}], matching the metadata fields [${failing.join(', ')}], is not supported by the embedded engine (OpenSearch fails on one of them)`);
  }
  if (metas.some((m) => META_ALL.includes(m))) return allDocs(ix);
  if (metas.length > 0 && !re) return new Int32Array(0);
  return existsDocs(ix, field);
}

export function parseExists(body: unknown): Query {
  if (!isObject(body)) throw parsingError('[exists] query malformed, no start_object after query name');
  checkValueTokens('exists', body, ['field', 'boost'], [], true);
  checkParams('exists', body, ['field', 'boost']);
  // ExistsQueryBuilder.fromXContent reads `field` as a value's text (a number's too).
  if (body.field === null || (typeof body.field === 'object' && !isRawNumber(body.field))) {
    throw parsingAt(`[exists] unknown token [${tokenOf(body.field)}] after [field]`, { holder: body, key: 'field', at: 'value' });
  }
  const given = typeof body.field === 'number' || typeof body.field === 'boolean' ? String(body.field) : isRawNumber(body.field) ? body.field.rawJSON : body.field;
  if (typeof given !== 'string') throw parsingError('[exists] must be provided with a [field]');
  if (given === '') throw atParse(new EngineError(400, 'illegal_argument_exception', 'field name is null or empty'));
  const field = given;
  const boost = boostOf('exists', body.boost, body);
  // On an index that maps nothing under the name (or nothing the pattern matches, metadata fields included),
  // OpenSearch rewrites exists to match_none.
  const pattern = field.includes('*') ? globToRegExp(field, false) : undefined;
  const unmapped = (ix: SearchIndex): boolean => (pattern
    ? existsPaths(ix, field).length === 0 && !META.some((m) => pattern.test(m))
    : ix.leaf(field) === undefined && !ix.objects().has(field) && !META.includes(field));
  return {
    execute(ix) {
      const docs = existsQueryDocs(ix, field);
      return docs.length === 0 ? EMPTY : constantSet(docs, boost);
    },
    noneOn: unmapped,
    changedOn: unmapped,
    countShortcut(ix) {
      // One field is a FieldExistsQuery (several a bool of them, no shortcut). Without norms OpenSearch's
      // exists on text is a term query on _field_names: counted, but like its matches.
      const paths = existsPaths(ix, field);
      if (paths.length !== 1 || ['_id', '_index', '_source'].includes(field)) return undefined;
      const leaf = ix.leaf(paths[0]!);
      const fi = leaf?.type === 'text' && leaf.params.norms !== false ? ix.fieldIndex(paths[0]!) : undefined;
      if (!fi || fi.kind !== 'text') return STATS_COUNT;
      const live = ix.liveMask();
      let n = 0;
      for (let i = 0; i < ix.maxDoc; i++) if (live[i] === 1 && fi.hasValue[i] === 1 && fi.norms[i] !== 0) n++;
      return { stats: true, count: n };
    },
  };
}
